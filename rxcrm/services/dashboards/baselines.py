"""Baselines (spec §6.3): a widget's rows frozen under a name, never recomputed, compared with live data.

The rows are stored JSON-ready (money as decimal strings), exactly as the widget's REST endpoint
returns them at that moment, so a baseline compares exactly and never changes: there is no update.
Who sees one is `domain.baselines.can_see` (its creator, admins and directors with full access),
and only while no field the widget is computed from is hidden from the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import and_, func
from sqlmodel import Session, select

from rxcrm.db.models import Baseline, User
from rxcrm.domain.dashboards import baselines as rules
from rxcrm.domain.dashboards.widgets import KINDS, WidgetParams, widget_kind, widget_params
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.domain.records.validation import record_id
from rxcrm.services.people.access import scope_of
from rxcrm.services.people.field_visibility import widget_fields_hidden
from rxcrm.services.people.permissions import can
from rxcrm.services.records.listing import FIRST_PAGE, LARGEST_PAGE, ListWindow, Page

# How the caller (analytics) computes a widget's JSON-ready rows: services never import analytics.
RowsOf = Callable[[Session, User, str, WidgetParams], list[dict[str, Any]]]


def readable_kinds(session: Session, actor: User) -> list[str]:
    """The widget kinds whose figures the user may read: no field they are built from is hidden and
    the role may view the records they sum (invoices, contracts)."""
    allowed = {k.needs: can(session, actor, k.needs, "view") for k in KINDS.values() if k.needs}
    return [
        k
        for k, e in KINDS.items()
        if allowed.get(e.needs, True) and not widget_fields_hidden(session, actor, k)
    ]


def _visible(session: Session, actor: User) -> Any:
    """The SQL form of `rules.can_see`, less the widget kinds whose figures the user may not read."""
    kinds = Baseline.widget_kind.in_(readable_kinds(session, actor))
    if rules.sees_others(actor.role, scope_of(actor)):
        return kinds
    return and_(kinds, Baseline.created_by_id == actor.id)


def create_baseline(
    session: Session, actor: User, kind: str, name: str, params: Mapping[str, Any] | None, rows_of: RowsOf
) -> Baseline:
    """Freeze the rows `rows_of` computes for the user right now, with a name (checked first)."""
    entry = widget_kind(kind)
    title = rules.baseline_name(name)
    options = widget_params(params)
    _refuse_taken_name(session, actor, entry.kind, title)
    rows = rows_of(session, actor, entry.kind, options)
    baseline = Baseline(
        widget_kind=entry.kind, name=title, params=options.as_dict(), rows=rows, created_by_id=actor.id
    )
    session.add(baseline)
    session.flush()
    return baseline


def _refuse_taken_name(session: Session, actor: User, kind: str, name: str) -> None:
    """One name per widget among the baselines the user sees (case and outer spaces ignored).

    Only visible ones count, so the answer never tells of a baseline the user may not read."""
    taken = select(Baseline.id).where(
        Baseline.widget_kind == kind, func.lower(Baseline.name) == name.lower(), _visible(session, actor)
    )
    if session.exec(taken).first() is not None:
        message = f"A baseline named '{name}' already exists for this widget: pick another name."
        raise Conflict(message, {"name": "is already used by another baseline of this widget: pick another"})


def baselines_page(
    session: Session,
    actor: User,
    kind: str | None = None,
    window: ListWindow = FIRST_PAGE,
) -> Page:
    """The baselines the user sees, newest first, optionally of one widget kind only."""
    statement = select(Baseline).where(_visible(session, actor))
    if kind is not None:
        if kind not in KINDS:
            raise ValidationFailed.from_fields({"widget_kind": f"must be one of: {', '.join(KINDS)}"})
        statement = statement.where(Baseline.widget_kind == kind)
    return window.fetch(session, statement, (Baseline.created_at.desc(), Baseline.id.desc()))


def list_baselines(session: Session, actor: User, widget_kind: str | None = None) -> list[Baseline]:
    """The (at most 500 newest) baselines the user sees, optionally of one widget kind."""
    return baselines_page(session, actor, widget_kind, LARGEST_PAGE).items


def get_baseline(session: Session, actor: User, baseline_id: int) -> Baseline:
    """One baseline the user sees (another rep's answers 'not found', so ids leak nothing)."""
    found = None
    if record_id(baseline_id) == baseline_id:
        statement = select(Baseline).where(Baseline.id == baseline_id, _visible(session, actor))
        found = session.exec(statement).first()
    if found is None:
        raise NotFound(f"baseline {baseline_id} not found")
    return found


def delete_baseline(session: Session, actor: User, baseline_id: int) -> None:
    """Delete a baseline (its creator or an admin); widgets showing it fall back to live data."""
    baseline = get_baseline(session, actor, baseline_id)
    if not rules.can_delete(baseline.created_by_id, actor.id, actor.role):
        raise Forbidden("Only the creator of this baseline or an admin can delete it.")
    session.delete(baseline)
    session.flush()
