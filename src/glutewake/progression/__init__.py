"""Adaptation over logged sets: pure rules as data applied to a Program."""
