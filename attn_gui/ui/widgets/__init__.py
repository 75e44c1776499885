"""Small reusable widgets: compact combo boxes, lazily built tabs, the table preview and its
model, number cells."""
