"""Pipeline, the pure rules: opportunities on the pipeline: stages, moves, the board and its cards,
forecast, projects.
"""
