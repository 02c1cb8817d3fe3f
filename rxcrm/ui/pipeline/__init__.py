"""Pipeline, the pages and their states: opportunities on the pipeline: stages, moves, the board and its
cards, forecast, projects.
"""
