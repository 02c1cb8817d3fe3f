"""Settings, the use cases: the admin's settings: toggles, defaults, workflows, exchange rates, API keys."""
