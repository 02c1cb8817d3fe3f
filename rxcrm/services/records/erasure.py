"""GDPR erasure: the one routine that removes a person from a record and from every trace of it.

Anonymizing erases the record's personal fields (domain/records/privacy.py says which), their history values
and the "created"/"deleted" labels, the notes of the record's activities (with their history), the notes of a
contact's business roles, and every notification, activity note or role note that names the person.
Deleting erases the same traces of the deleted record (its history keeps who and when, not the name).
Status, owner, dates and amounts stay, so statistics are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, SQLModel, select

from rxcrm.db.models import Account, Activity, BusinessRole, Change, Contact, Notification, Opportunity, User
from rxcrm.db.types import utcnow
from rxcrm.domain.records.history import CREATED, DELETED, FieldChange
from rxcrm.domain.records.privacy import (
    ANONYMIZED_VALUES,
    PERSONAL_FIELDS,
    REACH_FIELDS,
    TERM_FIELDS,
    full_name,
    mentions,
    person_terms,
    same_person,
    scrub,
    scrub_record_name,
)
from rxcrm.services.records.changes import delete_record
from rxcrm.services.records.events import ChangeEvent, publish
from rxcrm.services.records.history import erase_history_values

ACTIVITY = "activity"
ROLE = "business_role"
NAME_PARTS = ("first_name", "last_name")


@dataclass(frozen=True)
class Traces:
    """Where one record's person may still be named: the values naming them and the record's activities."""

    entity: str
    record_id: int
    terms: tuple[str, ...]
    activity_ids: tuple[int, ...]


def _history_terms(session: Session, entity: str, record_id: int) -> list[str | None]:
    """Every name, e-mail and phone the record ever held, read from its history."""
    rows = session.exec(
        select(Change.field, Change.old, Change.new).where(
            Change.entity == entity,
            Change.entity_id == record_id,
            Change.field.in_((*TERM_FIELDS, *NAME_PARTS, CREATED, DELETED)),
        )
    ).all()
    parts: dict[str, list[str | None]] = {part: [] for part in NAME_PARTS}
    found: list[str | None] = []
    for field, old, new in rows:
        values = [v for v in (old, new) if v and not v.isdigit()]  # a label may be just the record's id
        parts.get(field, found).extend(values)
    firsts = parts["first_name"] or [None]
    return found + [full_name(first, last) for first in firsts for last in parts["last_name"]]


def traces_of(session: Session, entity: str, record_id: int, record: SQLModel | None = None) -> Traces:
    """What identifies the person of a record (present or deleted) and where it is written."""
    current = [getattr(record, f, None) for f in TERM_FIELDS]
    if record is not None and hasattr(record, "last_name"):
        current.append(full_name(getattr(record, "first_name", None), record.last_name))
    terms = person_terms([*current, *_history_terms(session, entity, record_id)])
    ids = session.exec(select(Activity.id).where(Activity.entity == entity, Activity.entity_id == record_id))
    return Traces(entity, record_id, terms, tuple(ids.all()))


def _erase_activity_notes(session: Session, activity_ids: Iterable[int]) -> None:
    """The record's activities keep their kind, author and date, never what was noted."""
    ids = list(activity_ids)
    for activity in session.exec(select(Activity).where(Activity.id.in_(ids))).all():
        activity.note = None
        session.add(activity)
    for activity_id in ids:
        erase_history_values(session, ACTIVITY, activity_id, ("note",))


def _erase_role_notes(session: Session, contact_id: int) -> None:
    """The notes of the contact's business roles, present and removed ones (their history)."""
    current = session.exec(select(BusinessRole).where(BusinessRole.contact_id == contact_id)).all()
    removed = session.exec(
        select(Change.entity_id).where(
            Change.entity == ROLE, Change.field == "contact_id", Change.new == str(contact_id)
        )
    ).all()
    for role in current:
        role.note = None
        session.add(role)
    for role_id in {*(r.id for r in current), *removed}:
        erase_history_values(session, ROLE, role_id, ("note",))


def _mentioning(session: Session, model: type[SQLModel], column: str, terms: tuple[str, ...]) -> list[Any]:
    """The rows whose text column names the person (LIKE narrows, the rule decides)."""
    if not terms:
        return []
    text = func.lower(getattr(model, column))
    rows = session.exec(select(model).where(or_(*(text.contains(t.lower(), autoescape=True) for t in terms))))
    return [row for row in rows.all() if mentions(getattr(row, column), terms)]


def _scrub_notifications(session: Session, traces: Traces, everywhere: bool) -> None:
    """Notifications about the record lose its name; with `everywhere`, any notification naming the person."""
    own = session.exec(
        select(Notification).where(
            Notification.entity == traces.entity, Notification.entity_id == traces.record_id
        )
    ).all()
    for notice in own:
        notice.message = scrub_record_name(notice.message, traces.terms)
        session.add(notice)
    for notice in _mentioning(session, Notification, "message", traces.terms) if everywhere else []:
        notice.message = scrub(notice.message, traces.terms) or ""
        session.add(notice)


def _scrub_mentions(session: Session, terms: tuple[str, ...]) -> None:
    """Activity and business-role notes elsewhere that name the person, and their history."""
    for model, entity in ((Activity, ACTIVITY), (BusinessRole, ROLE)):
        for row in _mentioning(session, model, "note", terms):
            row.note = scrub(row.note, terms)
            session.add(row)
            _scrub_history(session, entity, row.id, terms)


def _scrub_history(session: Session, entity: str, record_id: int, terms: tuple[str, ...]) -> None:
    for change in session.exec(
        select(Change).where(Change.entity == entity, Change.entity_id == record_id)
    ).all():
        if mentions(change.old, terms) or mentions(change.new, terms):
            change.old, change.new = scrub(change.old, terms), scrub(change.new, terms)
            session.add(change)


def erase_traces(session: Session, traces: Traces, everywhere: bool = True) -> None:
    """Erase what history, activities, roles and notifications say of the record's person."""
    fields = (*PERSONAL_FIELDS[traces.entity], CREATED, DELETED)
    erase_history_values(session, traces.entity, traces.record_id, fields)
    _erase_activity_notes(session, traces.activity_ids)
    if traces.entity == "contact":
        _erase_role_notes(session, traces.record_id)
    _scrub_notifications(session, traces, everywhere)
    if everywhere:
        _scrub_mentions(session, traces.terms)


def anonymize(
    session: Session, actor: User, entity: str, record: SQLModel, merged: Iterable[int] = ()
) -> Traces:
    """Erase a lead's, contact's or person account's personal data irreversibly, everywhere it is named.

    `merged` are ids of deleted records of the same entity folded into this one (merged duplicates).
    """
    traces = traces_of(session, entity, record.id, record)
    for field, value in ANONYMIZED_VALUES[entity]().items():
        setattr(record, field, value)
    record.updated_at = utcnow()
    session.add(record)
    erase_traces(session, traces)
    for other in merged:
        erase_traces(session, traces_of(session, entity, other))
    change = FieldChange("anonymized", None, "yes")
    publish(session, ChangeEvent(entity, record.id, "update", (change,), actor.id))
    session.flush()
    return traces


def delete_erasing(
    session: Session, actor: User, entity: str, record: SQLModel, merged: Iterable[int] = ()
) -> None:
    """Delete a lead, contact or person account; history and notifications keep who/when, not the person."""
    traces = [traces_of(session, entity, record.id, record), *(traces_of(session, entity, m) for m in merged)]
    delete_record(session, entity, record, actor)
    for found in traces:
        erase_traces(session, found, everywhere=False)
    session.flush()


def scrub_record(session: Session, entity: str, record: SQLModel, terms: tuple[str, ...]) -> None:
    """A record naming the person without being them: mentions replaced, e-mail/phone emptied, history too."""
    for field, value in record.model_dump().items():
        if isinstance(value, str) and mentions(value, terms):
            setattr(record, field, None if field in REACH_FIELDS else scrub(value, terms))
    session.add(record)
    _scrub_history(session, entity, record.id, terms)


def erase_qualified(
    session: Session, actor: User, terms: tuple[str, ...], account_id: Any, deal_id: Any
) -> None:
    """A qualified lead's person also leaves the account and contact it became, and its deal's name."""
    deal = session.get(Opportunity, deal_id) if deal_id else None
    contact = session.get(Contact, deal.contact_id) if deal and deal.contact_id else None
    account = session.get(Account, account_id) if account_id else None
    for entity, record in (("contact", contact), ("account", account)):
        if record is None:
            continue
        personal = entity == "contact" or record.type == "person"
        if personal and same_person(terms, traces_of(session, entity, record.id, record).terms):
            anonymize(session, actor, entity, record)
        else:
            scrub_record(session, entity, record, terms)
    if deal is not None:
        scrub_record(session, "opportunity", deal, terms)
    session.flush()
