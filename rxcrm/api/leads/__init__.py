"""Leads, the REST routes: records and their lifecycle, intake, duplicates, the splitter, qualification,
export, statistics, campaigns.
"""
