"""Loads the screening's data files shipped in the package: the only I/O of the screening."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from glutewake.errors import GlutewakeError
from glutewake.screening.schema import ScreeningData

try:  # the C loader is faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FILES = {
    "sections": "questions.yaml",
    "self_tests": "self_tests.yaml",
    "red_flags": "red_flags.yaml",
}


def _read(file_name: str) -> Any:
    text = (resources.files("glutewake.screening") / file_name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)


def parse_screening_data(raw: dict[str, Any]) -> ScreeningData:
    """Validate the three files' contents; a broken data file is a bug, reported in full."""
    try:
        return ScreeningData.model_validate(raw)
    except ValidationError as error:
        raise GlutewakeError(
            f"The screening's data files are invalid:\n{error}",
            hint="Fix the screening YAML files named in the error (a packaging bug).",
        ) from error


@lru_cache(maxsize=1)
def load_screening_data() -> ScreeningData:
    questions = _read(FILES["sections"])
    self_tests = _read(FILES["self_tests"])
    return parse_screening_data(
        {
            "sections": questions["sections"],
            "self_tests": self_tests["self_tests"],
            "red_flags": _read(FILES["red_flags"]),
        }
    )
