"""Reading and changing the admin's settings."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Setting, User
from rxcrm.db.session import forget_cached, unit_cached
from rxcrm.domain.errors import Forbidden
from rxcrm.domain.people.reads import readable_settings
from rxcrm.domain.records.history import diff_fields
from rxcrm.domain.settings.catalogue import check_setting_changes, defaults
from rxcrm.services.records.events import ChangeEvent, publish

SETTINGS_ENTITY = "settings"
SETTINGS_RECORD_ID = 1
_SETTINGS_READ = select(Setting.__table__.c.key, Setting.__table__.c.value)


def current_settings(session: Session) -> dict[str, Any]:
    """Every setting: stored values over the catalogue defaults (read once per unit of work)."""
    return dict(unit_cached(session, (SETTINGS_ENTITY,), lambda: _stored_settings(session)))


def settings_for(session: Session, viewer: User) -> dict[str, Any]:
    """The settings a user may read: every one for staff, the display keys for a partner user."""
    return readable_settings(current_settings(session), viewer.role, viewer.partner_id)


def _stored_settings(session: Session) -> dict[str, Any]:
    """The catalogue defaults overlaid with the stored rows (a Core query: every unit of work reads it)."""
    if session.autoflush:
        session.flush()  # a setting added in this unit but not flushed yet counts, as with an ORM query
    values = defaults()
    for key, value in session.connection().execute(_SETTINGS_READ):
        if key in values:
            values[key] = value
    return values


def update_settings(session: Session, actor: User, changes: dict[str, Any]) -> dict[str, Any]:
    """Admin changes settings; dependent toggles are switched off with their parent."""
    if actor.role != "admin":
        raise Forbidden("Only an admin can change settings.")
    before = current_settings(session)
    changes = check_setting_changes(before, changes)
    for key, value in changes.items():
        row = session.get(Setting, key) or Setting(key=key)
        row.value = value
        session.add(row)
    forget_cached(session, SETTINGS_ENTITY)
    after = {**before, **changes}
    diff = tuple(diff_fields(before, after))
    if diff:
        publish(session, ChangeEvent(SETTINGS_ENTITY, SETTINGS_RECORD_ID, "update", diff, actor.id))
    session.flush()
    return after
