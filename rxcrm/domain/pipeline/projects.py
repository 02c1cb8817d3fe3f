"""Projects (spec §5.5): a tree of projects and sub-projects, each with its responsibles and participants.

A project hangs below another one, never below itself or one of its own sub-projects, at most
`MAX_DEPTH` levels deep (the predefined "CRM" project, its regions, their teams … — deeper trees stop
being readable in a picker). A project's name is unique among all projects, not only among its
siblings: pickers and deal rows show a project by its name alone, so two "North" would be
indistinguishable. A user is a project's responsible or a participant, never both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.records.validation import FieldErrors, clean_text

RESPONSIBLE = "responsible"
PARTICIPANT = "participant"
MEMBER_ROLES = (RESPONSIBLE, PARTICIPANT)
MEMBER_FIELDS = {"responsible_ids": RESPONSIBLE, "participant_ids": PARTICIPANT}
MAX_DEPTH = 4
NAME_LIMIT = 100
MAX_MEMBERS = 200

Parents = Mapping[int, int | None]


def validate_project(data: Mapping[str, Any], creating: bool, errors: FieldErrors) -> dict[str, Any]:
    """A project's name (required on create, at most 100 characters) and CRM flag, cleaned."""
    values: dict[str, Any] = {}
    if creating or "name" in data:
        name = clean_text(data.get("name")) if isinstance(data.get("name"), str | None) else None
        if name is None or len(name) > NAME_LIMIT:
            errors.add("name", f"is required (at most {NAME_LIMIT} characters)")
        values["name"] = name
    if "crm_enabled" in data:
        if not isinstance(data["crm_enabled"], bool):
            errors.add("crm_enabled", "must be true or false")
        values["crm_enabled"] = data["crm_enabled"]
    return values


def check_name_free(name: str, taken: Iterable[str]) -> None:
    """Refuse a name another project already has (case and surrounding spaces do not count)."""
    wanted = name.strip().casefold()
    if any(other.strip().casefold() == wanted for other in taken):
        raise Conflict(f"A project named '{name}' already exists.")


def depth_of(project_id: int, parents: Parents) -> int:
    """How many projects lie above this one (0 for a top-level project)."""
    depth, seen, current = 0, {project_id}, parents.get(project_id)
    while current is not None and current not in seen:
        seen.add(current)
        depth, current = depth + 1, parents.get(current)
    return depth


def descendants(project_id: int, parents: Parents) -> set[int]:
    """Every sub-project below this one, at any depth (not the project itself)."""
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[int] = set()
    waiting = list(children.get(project_id, ()))
    while waiting:
        child = waiting.pop()
        if child not in found and child != project_id:
            found.add(child)
            waiting.extend(children.get(child, ()))
    return found


def _height(project_id: int, parents: Parents) -> int:
    """How many levels the project's own sub-projects add below it."""
    below = descendants(project_id, parents)
    return max((depth_of(d, parents) for d in below), default=depth_of(project_id, parents)) - depth_of(
        project_id, parents
    )


def check_parent(project_id: int | None, parent_id: int | None, parents: Parents) -> None:
    """A parent must exist, must not be the project itself or one of its sub-projects, and the tree
    must stay at most `MAX_DEPTH` levels deep (the project's own sub-projects move with it)."""
    if parent_id is None:
        return
    if parent_id not in parents:
        raise ValidationFailed.from_fields({"parent_id": "no such project"})
    if project_id is not None and (parent_id == project_id or parent_id in descendants(project_id, parents)):
        raise ValidationFailed.from_fields(
            {"parent_id": "cannot be the project itself or one of its sub-projects"}
        )
    height = _height(project_id, parents) if project_id is not None else 0
    if depth_of(parent_id, parents) + 1 + height >= MAX_DEPTH:
        raise ValidationFailed.from_fields({"parent_id": f"projects nest at most {MAX_DEPTH} levels deep"})


def member_roles(current: Mapping[int, str], data: Mapping[str, Any], errors: FieldErrors) -> dict[int, str]:
    """The members after a change: `responsible_ids` / `participant_ids`, when sent, replace that role's
    members; a user named under both roles is refused (responsible or participant, not both)."""
    given: dict[str, list[int]] = {}
    for field, role in MEMBER_FIELDS.items():
        if field not in data:
            given[field] = [u for u, r in current.items() if r == role]
            continue
        ids = data[field] if data[field] is not None else []
        if not isinstance(ids, list | tuple) or not all(_is_id(i) for i in ids) or len(ids) > MAX_MEMBERS:
            errors.add(field, f"must be a list of at most {MAX_MEMBERS} user ids")
            ids = []
        given[field] = list(dict.fromkeys(ids))
    both = set(given["responsible_ids"]) & set(given["participant_ids"])
    if both:
        named = ", ".join(str(u) for u in sorted(both))
        errors.add("participant_ids", f"a user is responsible or participant, not both (user {named})")
    roles = {u: PARTICIPANT for u in given["participant_ids"]}
    roles.update({u: RESPONSIBLE for u in given["responsible_ids"]})
    return roles


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 2**31 - 1


def tree_order(projects: Sequence[tuple[int, int | None, str]]) -> list[tuple[int, int]]:
    """(id, depth) of every project, each followed by its sub-projects, siblings by name; a project whose
    parent is not in the list starts a tree of its own."""
    present = {pid for pid, _parent, _name in projects}
    children: dict[int | None, list[tuple[str, int]]] = {}
    for pid, parent, name in projects:
        children.setdefault(parent if parent in present else None, []).append((name.casefold(), pid))
    ordered: list[tuple[int, int]] = []
    waiting = [(pid, 0) for _name, pid in sorted(children.get(None, []), reverse=True)]
    while waiting:
        pid, depth = waiting.pop()
        ordered.append((pid, depth))
        waiting.extend((child, depth + 1) for _name, child in sorted(children.get(pid, []), reverse=True))
    return ordered


def check_project_deletable(name: str, counts: Mapping[str, int]) -> None:
    """Refuse deleting a project that deals, price books or sub-projects still use, naming them."""
    blocking = [f"{n} {label}" for label, n in counts.items() if n]
    if blocking:
        raise Conflict(f"'{name}' still has {', '.join(blocking)}: move them to another project first.")
