"""Settings, the pure rules: the admin's settings: toggles, defaults, workflows, exchange rates, API keys."""
