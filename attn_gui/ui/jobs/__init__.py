"""Background work and its pacing: the training and task workers, GUI-thread garbage collection, the stall meter and the paint budget."""
