"""Use cases: each takes a Session and the acting user, applies domain rules and persists."""
