"""Shared inbox use cases: tickets, their messages, replies by e-mail, notifications, statistics."""
