"""Leads, the pages and their states: records and their lifecycle, intake, duplicates, the splitter,
qualification, export, statistics, campaigns.
"""
