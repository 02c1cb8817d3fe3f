"""Shared inbox pages: the ticket list with segments and statistics, a ticket's thread."""
