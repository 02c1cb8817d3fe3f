"""Accounts, the pages and their states: accounts and personal contacts, business roles, partners, owner
cascades.
"""
