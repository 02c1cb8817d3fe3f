"""Tasks, the use cases: tasks and their linked accounts, who sees them, statistics, the assignee's notice."""
