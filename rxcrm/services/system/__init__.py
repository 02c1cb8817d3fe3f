"""System, the use cases: running the app: backups, the Redis link, demo data, event subscribers."""
