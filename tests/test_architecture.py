"""Data flows one way: domain modules never import adapters or frameworks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "glutewake"
DOMAIN = (
    "catalogue",
    "illustration",
    "screening",
    "programming",
    "progression",
    "tracking",
    "reminders",  # the pure break logic; its desktop adapters live in glutewake.desktop
    "coaching",  # the attention ranking; its use cases live in application/coaching.py
)
DOMAIN_FILES = ("weekday.py", "errors.py")
# The domain also never reaches up to the application layer or the settings object.
ADAPTERS = (
    "glutewake.store",
    "glutewake.web",
    "glutewake.cli",
    "glutewake.desktop",
    "glutewake.application",
    "glutewake.config",
)
FRAMEWORKS = ("fastapi", "starlette", "sqlalchemy", "alembic", "typer", "rich", "jinja2", "uvicorn")


def domain_files() -> list[Path]:
    files = [f for name in DOMAIN for f in sorted((PACKAGE / name).rglob("*.py"))]
    files += [PACKAGE / name for name in DOMAIN_FILES if (PACKAGE / name).exists()]
    return files


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def forbidden(module: str) -> bool:
    return any(module == bad or module.startswith(bad + ".") for bad in ADAPTERS + FRAMEWORKS)


def test_there_are_domain_files_to_check() -> None:
    assert len(domain_files()) >= 5


@pytest.mark.parametrize("path", domain_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_domain_module_imports_no_adapter_or_framework(path: Path) -> None:
    bad = sorted(m for m in imported_modules(path) if forbidden(m))
    assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}: domain code must stay pure"


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from glutewake.store import repository\nimport sqlalchemy.orm\n")
    assert {m for m in imported_modules(sample) if forbidden(m)} == {
        "glutewake.store",
        "sqlalchemy.orm",
    }
