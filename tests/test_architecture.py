"""The layers depend one way: ui, api -> services -> domain, db; domain stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rxcrm"
FORBIDDEN = {
    "domain": (
        "rxcrm.db",
        "rxcrm.services",
        "rxcrm.api",
        "rxcrm.ui",
        "reflex",
        "sqlmodel",
        "sqlalchemy",
        "fastapi",
    ),
    "db": ("rxcrm.services", "rxcrm.api", "rxcrm.ui", "reflex", "fastapi"),
    "services": ("rxcrm.api", "rxcrm.ui", "reflex", "fastapi"),
    "analytics": ("rxcrm.api", "rxcrm.ui", "reflex", "fastapi"),
    "documents": ("rxcrm.db", "rxcrm.api", "rxcrm.ui", "reflex", "sqlmodel", "sqlalchemy"),
    "api": ("rxcrm.ui", "reflex"),
    "ui": ("rxcrm.api", "fastapi"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_layer_imports_only_what_lies_below_it() -> None:
    offences = []
    for layer, banned in FORBIDDEN.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for module in imported_modules(path):
                if any(module == b or module.startswith(b + ".") for b in banned):
                    offences.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offences == []


def test_no_state_or_router_builds_queries_itself() -> None:
    offences = []
    for layer in ("ui", "api"):
        for path in (PACKAGE / layer).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module in ("sqlmodel", "sqlalchemy"):
                    names = {alias.name for alias in node.names}
                    if names & {"select", "update", "delete", "insert", "text", "func"}:
                        offences.append(f"{path.relative_to(PACKAGE)} imports {sorted(names)}")
    assert offences == []
