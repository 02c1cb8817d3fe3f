"""Settings, the REST routes: the admin's settings: toggles, defaults, workflows, exchange rates, API keys."""
