"""Dashboards, the REST routes: pages of widgets, baselines, targets."""
