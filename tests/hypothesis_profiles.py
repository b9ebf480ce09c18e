"""Hypothesis profiles, loaded as a pytest plugin (see pyproject.toml).

On CI (the CI environment variable is set) examples are derandomized, so a run on a clean clone
is repeatable; locally every run explores new examples.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
