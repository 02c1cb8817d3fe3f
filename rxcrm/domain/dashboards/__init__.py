"""Dashboards, the pure rules: pages of widgets, baselines, targets."""
