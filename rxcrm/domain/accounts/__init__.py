"""Accounts, the pure rules: accounts and personal contacts, business roles, partners, owner cascades."""
