"""People, the use cases: users and who may do and see what: logins, roles, access, hidden fields, time
zones.
"""
