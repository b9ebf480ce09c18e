"""glutewake: find and fix glute amnesia."""

__version__ = "0.1.0"
