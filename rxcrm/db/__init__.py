"""Persistence: engine, unit of work and SQLModel tables."""
