"""User targets (spec §7): admins and directors set each sales user's monthly quota.

A target change is a settings change: it is recorded in the settings history and touches the live
topic "targets", so open dashboards redraw the team-vs-targets widget.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import User, UserTarget
from rxcrm.domain.dashboards import targets as rules
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.history import FieldChange
from rxcrm.services.records.events import ChangeEvent, publish, touch
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page
from rxcrm.services.settings.toggles import SETTINGS_ENTITY

TOPIC = "targets"


def _target_user(session: Session, user_id: Any) -> User:
    user = session.get(User, user_id) if isinstance(user_id, int) and not isinstance(user_id, bool) else None
    if user is None:
        raise NotFound(f"user {user_id} not found")
    rules.check_target_user(user.role)
    return user


def _find(session: Session, user_id: int, period: str) -> UserTarget | None:
    statement = select(UserTarget).where(UserTarget.user_id == user_id, UserTarget.period == period)
    return session.exec(statement).first()


def _record(
    session: Session, actor: User, target: UserTarget, old: Decimal | None, new: Decimal | None
) -> None:
    change = FieldChange(
        f"target_{target.user_id}_{target.period}",
        None if old is None else str(old),
        None if new is None else str(new),
    )
    publish(session, ChangeEvent(SETTINGS_ENTITY, 1, "update", (change,), actor.id))
    touch(session, TOPIC, target.user_id)


def set_target(session: Session, actor: User, user_id: int, period: str, amount: Any) -> UserTarget:
    """Set (or change) a sales user's target for one month ('YYYY-MM'), in the board currency."""
    rules.check_may_set_targets(actor.role)
    user = _target_user(session, user_id)
    month, value = rules.parse_period(period), rules.target_amount(amount)
    target = _find(session, user.id, month)
    before = target.amount if target is not None else None
    target = target or UserTarget(user_id=user.id, period=month)
    target.amount = value
    session.add(target)
    session.flush()
    if before != value:
        _record(session, actor, target, before, value)
    return target


def clear_target(session: Session, actor: User, user_id: int, period: str) -> None:
    """Remove a sales user's target for one month."""
    rules.check_may_set_targets(actor.role)
    month = rules.parse_period(period)
    target = _find(session, user_id, month) if isinstance(user_id, int) else None
    if target is None:
        raise NotFound(f"no target for user {user_id} in {month}")
    _record(session, actor, target, target.amount, None)
    session.delete(target)
    session.flush()


def _visible_targets(actor: User, year: Any) -> Any:
    statement = select(UserTarget)
    if year is not None:
        statement = statement.where(UserTarget.period.startswith(f"{rules.parse_year(year):04d}-"))
    if not rules.sees_every_target(actor.role):
        statement = statement.where(UserTarget.user_id == actor.id)
    return statement


def list_targets(session: Session, actor: User, year: Any = None) -> list[UserTarget]:
    """Targets by month and user (one year's, when given): every one for admins and directors,
    one's own for a rep. A year holds at most twelve per sales user."""
    statement = _visible_targets(actor, year).order_by(UserTarget.period, UserTarget.user_id)
    return list(session.exec(statement).all())


def targets_page(session: Session, actor: User, year: Any = None, window: ListWindow = FIRST_PAGE) -> Page:
    """One page of `list_targets`, for the REST list."""
    order = (UserTarget.period, UserTarget.user_id)
    return window.fetch(session, _visible_targets(actor, year), order)


def target_users(session: Session) -> list[User]:
    """The active sales users targets are set for (reps and directors), by name."""
    statement = select(User).where(User.active.is_(True), User.role.in_(rules.TARGET_ROLES))
    return list(session.exec(statement.order_by(User.name, User.id)).all())


def year_table(session: Session, actor: User, year: Any) -> list[dict[str, str]]:
    """One row per sales user the actor sees with a target per month of the year: the Settings grid.

    Keys: user_id, name, year and '01'…'12' (the month's amount as text, '' when none is set).
    """
    number = rules.parse_year(year)
    amounts = {(t.user_id, t.period[5:]): f"{t.amount:.2f}" for t in list_targets(session, actor, number)}
    users = [u for u in target_users(session) if rules.sees_every_target(actor.role) or u.id == actor.id]
    return [
        {
            "user_id": str(u.id),
            "name": u.name,
            "year": str(number),
            **{f"{m:02d}": amounts.get((u.id, f"{m:02d}"), "") for m in range(1, 13)},
        }
        for u in users
    ]
