"""Desk-break coach: the pure scheduler and chooser (domain) and their OS and store adapters."""
