"""Renewals: what a newly uploaded certificate or SoA changed against the one it replaces.

The comparison is the core's (scoring.renewal); the assessment page gathers it with its documents.
"""
