"""The layers around the domain: the application layer imports no framework, and adapters
(web, CLI, desktop coach, store) reach each other only through the application layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_architecture import FRAMEWORKS, PACKAGE, imported_modules

ADAPTER_PACKAGES = ("web", "cli", "desktop", "store")
# Composition roots: the commands that start another adapter's process.
ALLOWED = {
    "cli/serve.py": {"glutewake.web"},  # `glutewake serve` starts the web app
    "cli/breaks.py": {"glutewake.desktop"},  # `glutewake breaks` runs the desktop coach
}


def files_of(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


def within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_there_are_application_modules() -> None:
    assert len(files_of("application")) >= 5


@pytest.mark.parametrize("path", files_of("application"), ids=lambda p: p.name)
def test_the_application_layer_imports_no_framework(path: Path) -> None:
    bad = sorted(m for m in imported_modules(path) if any(within(m, frame) for frame in FRAMEWORKS))
    assert not bad, f"application/{path.name} imports {bad}: keep frameworks in the adapters"


ADAPTER_FILES = [f for package in ADAPTER_PACKAGES for f in files_of(package)]


@pytest.mark.parametrize("path", ADAPTER_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_adapters_do_not_import_each_other(path: Path) -> None:
    relative = str(path.relative_to(PACKAGE))
    own = relative.split("/")[0]
    others = [f"glutewake.{name}" for name in ADAPTER_PACKAGES if name != own]
    allowed = ALLOWED.get(relative, set())
    bad = sorted(
        m
        for m in imported_modules(path)
        if any(within(m, other) for other in others) and not any(within(m, a) for a in allowed)
    )
    assert not bad, f"{relative} imports {bad}: go through glutewake.application instead"


MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by concept (at most {MAX_LINES} lines each): {long}"
