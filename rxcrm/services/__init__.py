"""Use cases: each takes a Session and the acting user, applies domain rules and persists.

Change-event subscribers are registered by `rxcrm.services.system.subscribers.install_subscribers()`.
"""
