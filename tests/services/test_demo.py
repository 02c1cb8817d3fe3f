"""The demo company: every list and dashboard widget has something to show."""

from __future__ import annotations

from sqlmodel import Session, func, select

from rxcrm.db.models import Lead, Opportunity, SplitterShare, UserTarget
from rxcrm.domain.leads.splitter_shares import split_error
from rxcrm.services.system.demo import seed_demo


def test_demo_leads_fill_every_list_and_keep_the_split_exact(session: Session) -> None:
    counts = seed_demo(session, accounts=10, contacts=20, deals=10)
    assert counts["leads"] == 240
    states = dict(
        session.exec(select(Lead.routing, func.count()).group_by(Lead.routing)).all()  # type: ignore[arg-type]
    )
    assert states["routed"] > 0 and states["unprocessed"] > 0
    assert session.exec(select(func.count()).select_from(Lead).where(Lead.status == "disqualified")).one() > 0
    assert session.exec(select(func.count()).select_from(Lead).where(Lead.archived.is_(True))).one() > 0
    assert (
        session.exec(select(func.count()).select_from(Lead).where(Lead.duplicate_of_id.is_not(None))).one()
        > 0
    )
    closed = session.exec(select(Opportunity).where(Opportunity.status != "open")).all()
    assert closed and all(deal.closed_at is not None for deal in closed)
    assert session.exec(select(func.count()).select_from(UserTarget)).one() == 15 * 4
    shares = session.exec(select(SplitterShare).order_by(SplitterShare.rule_id, SplitterShare.position)).all()
    for rule_id in {s.rule_id for s in shares}:
        mine = [s for s in shares if s.rule_id == rule_id]
        assert split_error([s.percent for s in mine], [s.assigned for s in mine]) < 1
