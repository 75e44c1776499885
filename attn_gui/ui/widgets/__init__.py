"""Small reusable widgets: compact combo boxes, lazily built tabs, the table preview model,
number cells."""
