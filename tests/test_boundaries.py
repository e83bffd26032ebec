"""The core stays free of channel SDKs, web frameworks and the ORM (STYLE.md: the dependency rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "bot"
PURE_PACKAGES = ("core", "kb", "triage", "rendering")
FORBIDDEN = ("slack_bolt", "slack_sdk", "discord", "starlette", "fastapi", "sqlalchemy", "uvicorn", "alembic", "bot.storage", "bot.adapters")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_import_no_sdk_framework_or_orm(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                offenders.append(f"{path.relative_to(ROOT.parent)} imports {name}")
    assert offenders == []
