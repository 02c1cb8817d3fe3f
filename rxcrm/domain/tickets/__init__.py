"""Shared inbox, the pure rules: threading by [#N], message kinds, status steps, reply times."""
