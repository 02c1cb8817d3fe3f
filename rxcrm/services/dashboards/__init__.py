"""Dashboards, the use cases: pages of widgets, baselines, targets."""
