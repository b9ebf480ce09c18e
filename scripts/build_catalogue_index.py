"""Rewrite src/glutewake/catalogue/exercise_index.json from the exercise YAML files.

Run it after changing any exercise file (tests/catalogue/test_index.py fails until you do):

    .venv/bin/python scripts/build_catalogue_index.py
"""

from __future__ import annotations

from pathlib import Path

from glutewake.catalogue.loader import INDEX_NAME, build_index, exercise_files

INDEX = Path(__file__).resolve().parents[1] / "src/glutewake/catalogue" / INDEX_NAME


def main() -> None:
    INDEX.write_text(build_index(exercise_files()), encoding="utf-8")
    print(f"wrote {INDEX}")


if __name__ == "__main__":
    main()
