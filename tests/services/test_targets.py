"""User targets: admins and directors set a sales user's monthly quota; dashboards are told at once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Change, User, UserTarget
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.dashboards.targets import clear_target, list_targets, set_target, year_table
from rxcrm.services.records import events
from tests.conftest import make_user


def test_a_director_sets_and_changes_a_reps_target(session: Session, rep: User) -> None:
    director = make_user(session, role="director")
    set_target(session, director, rep.id, "2026-03", "25000")
    set_target(session, director, rep.id, "2026-03", "30000.50")
    session.commit()
    targets = session.exec(select(UserTarget)).all()
    assert [(t.user_id, t.period, t.amount) for t in targets] == [(rep.id, "2026-03", Decimal("30000.50"))]


def test_a_target_change_is_kept_in_the_settings_history(session: Session, admin: User, rep: User) -> None:
    set_target(session, admin, rep.id, "2026-04", "100")
    clear_target(session, admin, rep.id, "2026-04")
    changes = session.exec(select(Change).where(Change.field == f"target_{rep.id}_2026-04")).all()
    assert [(c.old, c.new, c.by_id) for c in changes] == [
        (None, "100.00", admin.id),
        ("100.00", None, admin.id),
    ]


def test_reps_may_not_set_targets(session: Session, rep: User) -> None:
    with pytest.raises(Forbidden):
        set_target(session, rep, rep.id, "2026-03", "1000000")
    with pytest.raises(Forbidden):
        clear_target(session, rep, rep.id, "2026-03")


def test_bad_period_amount_or_user_writes_nothing(session: Session, admin: User, rep: User) -> None:
    with pytest.raises(ValidationFailed):
        set_target(session, admin, rep.id, "2026-13", "10")
    with pytest.raises(ValidationFailed):
        set_target(session, admin, rep.id, "2026-01", "-10")
    with pytest.raises(ValidationFailed):
        set_target(session, admin, admin.id, "2026-01", "10")
    with pytest.raises(NotFound):
        set_target(session, admin, 9999, "2026-01", "10")
    assert session.exec(select(UserTarget)).all() == []


def test_clearing_a_missing_target_is_not_found(session: Session, admin: User, rep: User) -> None:
    with pytest.raises(NotFound):
        clear_target(session, admin, rep.id, "2026-01")


def test_the_list_is_one_year_by_month_and_a_rep_sees_only_his_own(
    session: Session, admin: User, rep: User
) -> None:
    other = make_user(session)
    set_target(session, admin, other.id, "2026-02", "20")
    set_target(session, admin, rep.id, "2026-02", "10")
    set_target(session, admin, rep.id, "2026-01", "5")
    set_target(session, admin, rep.id, "2025-12", "1")
    assert [(t.period, t.user_id) for t in list_targets(session, admin, 2026)] == [
        ("2026-01", rep.id),
        ("2026-02", rep.id),
        ("2026-02", other.id),
    ]
    assert len(list_targets(session, admin)) == 4
    assert [t.period for t in list_targets(session, rep, "2026")] == ["2026-01", "2026-02"]
    with pytest.raises(ValidationFailed):
        list_targets(session, admin, 1800)


def test_open_dashboards_are_told_which_reps_targets_changed(
    session: Session, admin: User, rep: User
) -> None:
    told: list[dict] = []
    handler = events.after_touch(told.append)
    try:
        set_target(session, admin, rep.id, "2026-05", "10")
        session.commit()
    finally:
        events._after_touch.remove(handler)
    assert any(topics.get("targets") == frozenset({rep.id}) for topics in told)


def test_the_settings_grid_has_a_row_per_sales_user_and_a_column_per_month(
    session: Session, admin: User, rep: User
) -> None:
    director = make_user(session, role="director", name="Dora Director")
    make_user(session, role="rep", active=False)
    make_user(session, role="partner")
    set_target(session, admin, rep.id, "2026-03", "25000")
    grid = year_table(session, admin, 2026)
    assert [row["user_id"] for row in grid] == [str(director.id), str(rep.id)]
    assert grid[1]["03"] == "25000.00" and grid[1]["04"] == "" and grid[1]["year"] == "2026"
    assert sorted(k for k in grid[0] if k.isdigit()) == [f"{m:02d}" for m in range(1, 13)]
    assert [row["user_id"] for row in year_table(session, rep, 2026)] == [str(rep.id)]
    assert year_table(session, admin, 2025)[1]["03"] == ""
