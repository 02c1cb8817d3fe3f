"""Values as the UI shows them and names of linked records, only those the viewer may see."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Project
from rxcrm.domain.accounts.contacts import contact_display_name
from rxcrm.domain.records.history import as_history_text
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.people.time_zones import shown_time


def text(value: Any) -> str:
    """A value as the UI shows it; empty for nothing."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return shown_time(value)
    return as_history_text(value) or ""


def names_of(session: Session, model: type, ids: set[int], column: Any) -> dict[int, str]:
    """Display names for a set of ids in one query."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.exec(select(model.id, column).where(model.id.in_(ids))).all())


def _visible_names(session: Session, model: type, ids: set[int | None]) -> dict[int, str]:
    """Names of linked records of `model`, only those the viewer may see (no names leak through links)."""
    ids = {i for i in ids if i is not None}
    viewer = session.info.get(VIEWER)
    if not ids or viewer is None:
        return {}
    statement = visible(select(model.id, model.name).where(model.id.in_(ids)), model, viewer)
    return dict(session.exec(statement).all())


def account_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Names of linked accounts, only those the viewing user may see."""
    return _visible_names(session, Account, ids)


def project_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Names of linked projects, only those the viewing user may see (a partner user: none)."""
    return _visible_names(session, Project, ids)


def contact_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Names of linked personal contacts, only those the viewing user may see."""
    ids = {i for i in ids if i is not None}
    viewer = session.info.get(VIEWER)
    if not ids or viewer is None:
        return {}
    statement = visible(
        select(Contact.id, Contact.first_name, Contact.last_name).where(Contact.id.in_(ids)), Contact, viewer
    )
    return {cid: contact_display_name(first, last) for cid, first, last in session.exec(statement).all()}


def blanked(rows: list[dict[str, str]], hidden: set[str]) -> list[dict[str, str]]:
    """Rows with the hidden fields' values left blank."""
    return [{k: ("" if k in hidden else v) for k, v in row.items()} for row in rows] if hidden else rows
