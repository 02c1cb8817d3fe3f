"""Partner organisations (the partners section itself is a later milestone), as far as the user sees them."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Partner, User
from rxcrm.services.people.access import visible


def list_partners(session: Session, actor: User, active_only: bool = True) -> list[Partner]:
    """The partners the user may see by name, for pickers."""
    statement = visible(select(Partner), Partner, actor).order_by(Partner.name)
    if active_only:
        statement = statement.where(Partner.active.is_(True))
    return list(session.exec(statement).all())
