"""Accounts, the REST routes: accounts and personal contacts, business roles, partners, owner cascades."""
