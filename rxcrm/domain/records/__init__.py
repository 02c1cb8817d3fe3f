"""Records, the pure rules: what every CRM record has: changes and their history, followers, activities,
notifications, saved views, custom fields, search and lookups, imports, erasure.
"""
