"""Accounts, the use cases: accounts and personal contacts, business roles, partners, owner cascades."""
