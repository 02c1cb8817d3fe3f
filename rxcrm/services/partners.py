"""Partner organisations (the partners section itself is a later milestone)."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Partner


def list_partners(session: Session, active_only: bool = True) -> list[Partner]:
    """Partners by name, for pickers."""
    statement = select(Partner).order_by(Partner.name)
    if active_only:
        statement = statement.where(Partner.active.is_(True))
    return list(session.exec(statement).all())
