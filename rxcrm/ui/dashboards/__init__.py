"""Dashboards, the pages and their states: pages of widgets, baselines, targets."""
