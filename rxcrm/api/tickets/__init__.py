"""Shared inbox, the REST routes: tickets, their intake, messages and statistics."""
