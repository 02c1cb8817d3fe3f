"""People, the pure rules: users and who may do and see what: logins, roles, access, hidden fields, time
zones.
"""
