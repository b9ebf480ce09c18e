"""The exercise and profile factories live with the programming tests; share them here."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "programming"))
