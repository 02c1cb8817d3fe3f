"""Settings, the pages and their states: the admin's settings: toggles, defaults, workflows, exchange
rates, API keys.
"""
