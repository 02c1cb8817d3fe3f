"""Leads, the pure rules: records and their lifecycle, intake, duplicates, the splitter, qualification,
export, statistics, campaigns.
"""
