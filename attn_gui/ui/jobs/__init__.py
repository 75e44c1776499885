"""Background work and its pacing: the one job runner and its training and task jobs, GUI-thread steps and garbage collection, the stall meter and the paint budget."""
