"""Campaign statuses as admin-edited configuration (spec §5.4, §7): add, rename, re-kind, order, delete.

A campaign keeps its status by name, so renaming a status renames it on its campaigns in the same
transaction. Archiving looks for a status of kind `archived`, unarchiving for one of kind `active`:
the last status of a kind cannot be deleted or change kind, and a status campaigns use is never deleted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, select

from rxcrm.db.models import Campaign, CampaignStatus, User
from rxcrm.domain.errors import Conflict, NotFound
from rxcrm.domain.leads.campaigns import DEFAULT_STATUSES, check_status_kind, check_status_name
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import count_where, next_position

ENTITY = "campaign_status"
CONFIGURE = "configure campaign statuses"


def install_default_statuses(session: Session) -> int:
    """Add `active` and `archived` when no status exists yet; returns how many were added."""
    if session.exec(select(CampaignStatus.id)).first() is not None:
        return 0
    for position, (name, kind) in enumerate(DEFAULT_STATUSES, start=1):
        session.add(CampaignStatus(name=name, kind=kind, position=position))
    session.flush()
    return len(DEFAULT_STATUSES)


def list_statuses(session: Session) -> list[CampaignStatus]:
    """Every campaign status in the admin's order (any user may read them)."""
    return list(
        session.exec(select(CampaignStatus).order_by(CampaignStatus.position, CampaignStatus.id)).all()
    )


def status_names(session: Session) -> list[str]:
    """The names a campaign's status may take, in order."""
    return [s.name for s in list_statuses(session)]


def status_kinds(session: Session) -> dict[str, str]:
    """Each status name with its kind."""
    return {s.name: s.kind for s in list_statuses(session)}


def first_of_kind(session: Session, kind: str) -> str:
    """The first status of a kind: where new campaigns start (active) and archiving puts them."""
    statement = select(CampaignStatus.name).where(CampaignStatus.kind == kind)
    name = session.exec(statement.order_by(CampaignStatus.position, CampaignStatus.id)).first()
    if name is None:
        raise Conflict(f"No campaign status of kind '{kind}' exists; an admin adds one in Settings.")
    return name


def _get(session: Session, status_id: int) -> CampaignStatus:
    status = session.get(CampaignStatus, status_id) if isinstance(status_id, int) else None
    if status is None:
        raise NotFound(f"campaign status {status_id} not found")
    return status


def _unique(session: Session, name: str, status_id: int | None) -> None:
    clash = session.exec(
        select(CampaignStatus.id).where(func.lower(CampaignStatus.name) == name.lower())
    ).first()
    if clash is not None and clash != status_id:
        raise Conflict(f"A campaign status named '{name}' already exists.", {"name": "is already taken"})


def _last_of_kind(session: Session, status: CampaignStatus) -> bool:
    return count_where(session, CampaignStatus, CampaignStatus.kind == status.kind) <= 1


def create_status(session: Session, actor: User, data: dict[str, Any]) -> CampaignStatus:
    """Admin adds a status at the end of the list (kind `active` unless told)."""
    require_admin(actor, CONFIGURE)
    errors = FieldErrors()
    name = check_status_name(errors, data.get("name"))
    kind = check_status_kind(errors, data.get("kind") or "active")
    errors.raise_if_any()
    _unique(session, str(name), None)
    position = next_position(session, CampaignStatus.position)
    return insert_record(session, ENTITY, CampaignStatus(name=name, kind=kind, position=position), actor)


def update_status(session: Session, actor: User, status_id: int, data: dict[str, Any]) -> CampaignStatus:
    """Admin renames a status (its campaigns follow), changes its kind or its position."""
    require_admin(actor, CONFIGURE)
    status = _get(session, status_id)
    errors = FieldErrors()
    values: dict[str, Any] = {}
    if data.get("name") is not None:
        values["name"] = check_status_name(errors, data["name"])
    if data.get("kind") is not None:
        values["kind"] = check_status_kind(errors, data["kind"])
    if data.get("position") is not None:
        values["position"] = data["position"]
    errors.raise_if_any()
    if "name" in values:
        _unique(session, values["name"], status.id)
    if values.get("kind", status.kind) != status.kind and _last_of_kind(session, status):
        raise Conflict(f"'{status.name}' is the only {status.kind} status: add another one first.")
    old_name = status.name
    update_record(session, ENTITY, status, values, actor)
    if status.name != old_name:
        session.execute(update(Campaign).where(Campaign.status == old_name).values(status=status.name))
    session.flush()
    return status


def delete_status(session: Session, actor: User, status_id: int) -> None:
    """Admin deletes a status no campaign uses and that is not the last of its kind."""
    require_admin(actor, CONFIGURE)
    status = _get(session, status_id)
    used = count_where(session, Campaign, Campaign.status == status.name)
    if used:
        raise Conflict(f"{used} campaign(s) have the status '{status.name}': give them another status first.")
    if _last_of_kind(session, status):
        raise Conflict(f"'{status.name}' is the only {status.kind} status: add another one first.")
    delete_record(session, ENTITY, status, actor)
    session.flush()
