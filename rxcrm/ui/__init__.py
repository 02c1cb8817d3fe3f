"""The Reflex user interface: pages call services, never the database directly."""
