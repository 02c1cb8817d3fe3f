"""People, the REST routes: users and who may do and see what: logins, roles, access, hidden fields, time
zones.
"""
