"""The screening: questionnaire, guided self-tests and red flags -> an explainable Profile.

Pure domain: the only I/O is reading the package's own YAML data files.
"""

from glutewake.screening.answers import Answers, parse_answers
from glutewake.screening.compare import Comparison, compare_profiles
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import DISCLAIMER, Band, Gate, Profile
from glutewake.screening.scoring import build_profile

__all__ = [
    "DISCLAIMER",
    "Answers",
    "Band",
    "Comparison",
    "Gate",
    "Profile",
    "build_profile",
    "compare_profiles",
    "load_screening_data",
    "parse_answers",
]
