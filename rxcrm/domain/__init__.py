"""Pure business rules of rxcrm: no database, no web framework."""
