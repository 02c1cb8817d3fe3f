"""The layers depend one way: ui, api -> services -> domain, db; domain stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rxcrm"
FORBIDDEN = {
    "domain": (
        "rxcrm.db",
        "rxcrm.services",
        "rxcrm.analytics",
        "rxcrm.api",
        "rxcrm.ui",
        "reflex",
        "sqlmodel",
        "sqlalchemy",
        "fastapi",
    ),
    "db": ("rxcrm.services", "rxcrm.analytics", "rxcrm.api", "rxcrm.ui", "reflex", "fastapi"),
    "services": ("rxcrm.analytics", "rxcrm.api", "rxcrm.ui", "reflex", "fastapi"),
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


# Transactions end below the ui and the api: the unit of work commits, services flush, and the
# writer queue is taken by `services.units` (an action asks for it with `@action(writer=True)`).
TRANSACTION_CALLS = {"flush", "commit", "writer_turn", "lock_for_writing"}


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def test_ui_and_api_never_flush_commit_or_take_the_writer_lock() -> None:
    offences = []
    for layer in ("ui", "api"):
        for path in (PACKAGE / layer).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                named = ""
                if isinstance(node, ast.Call):
                    named = _called_name(node)
                elif isinstance(node, ast.ImportFrom):
                    named = next((a.name for a in node.names if a.name in TRANSACTION_CALLS), "")
                if named in TRANSACTION_CALLS:
                    offences.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {named}")
    assert offences == []


# Handlers that still catch DomainError themselves: each does more than toast on a refusal (marks the
# page not found, keeps a dialog open with the problem on its field, runs in a worker thread or a
# background task, …). New handlers use `ui.actions.action`; this ceiling only goes down.
OWN_REFUSAL_HANDLERS = 28


def _domain_handlers(tree: ast.AST) -> list[ast.ExceptHandler]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler)
        and isinstance(node.type, ast.Name)
        and node.type.id == "DomainError"
    ]


def _is_plain_frame(node: ast.Try) -> bool:
    """`try: with acting(…): … except DomainError as e: return failure_toast(e)`: what `@action` does."""
    if len(node.body) != 1 or not isinstance(node.body[0], ast.With) or len(node.handlers) != 1:
        return False
    opens = node.body[0].items[0].context_expr
    handler = node.handlers[0]
    answer = ast.unparse(ast.Module(body=handler.body, type_ignores=[]))
    return (
        isinstance(opens, ast.Call)
        and ast.unparse(opens.func) == "acting"
        and handler in _domain_handlers(node)
        and answer.startswith(f"return failure_toast({handler.name})")
    )


def test_ui_actions_run_in_the_one_action_frame() -> None:
    plain, handlers = [], 0
    for path in (PACKAGE / "ui").rglob("*.py"):
        if path.name == "actions.py":
            continue
        tree = ast.parse(path.read_text())
        handlers += len(_domain_handlers(tree))
        plain += [
            f"{path.relative_to(PACKAGE)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Try) and _is_plain_frame(node)
        ]
    assert plain == [], "use @action (rxcrm/ui/actions.py) instead of a hand-written frame"
    assert handlers <= OWN_REFUSAL_HANDLERS


# Modules every feature shares stay at a layer's top; everything else lives in a feature package.
SHARED_MODULES = {
    "domain": {"errors"},
    "services": {"units"},
    "api": {"deps", "errors", "serialize", "bodies", "openapi_bodies", "security_headers"},
    "ui": {
        "actions",
        "state",
        "layout",
        "routes",
        "paging",
        "live",
        "debounce",
        "form_state",
        "form_errors",
        "login",
    },
}
FEATURES = {
    "people",
    "records",
    "accounts",
    "leads",
    "pipeline",
    "dashboards",
    "settings",
    "commerce",
    "system",
    "tasks",
    "tickets",
}


def test_each_layer_is_split_into_the_same_feature_packages() -> None:
    for layer, shared in SHARED_MODULES.items():
        folder = PACKAGE / layer
        flat = {p.stem for p in folder.glob("*.py")} - {"__init__"}
        assert flat <= shared, f"{layer}/ has modules outside a feature package: {sorted(flat - shared)}"
        packages = {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
        assert packages - {"components"} <= FEATURES, (
            f"{layer}/: unknown feature {sorted(packages - FEATURES)}"
        )
