"""Tasks, the pure rules: what a task holds, its linked accounts (the first is primary), overdue."""
