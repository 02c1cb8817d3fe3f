"""Leads, the use cases: records and their lifecycle, intake, duplicates, the splitter, qualification,
export, statistics, campaigns.
"""
