"""Pipeline, the REST routes: opportunities on the pipeline: stages, moves, the board and its cards,
forecast, projects.
"""
