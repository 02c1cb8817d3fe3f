"""One set of shapes per entity (XCreate/XUpdate/XPublic), beside the tables in db/models.

Request bodies are written out field by field (the fields a client may send, with their choices and
id ranges), an XUpdate mostly derived from its XCreate; the answer shapes are derived from the tables,
so a column is declared once.
"""
