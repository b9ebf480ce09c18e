"""The command line: a thin adapter over the domain core."""
