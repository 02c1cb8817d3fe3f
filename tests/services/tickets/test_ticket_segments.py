"""Segments of the shared inbox: saved views by responsible and status, the counts of every segment
under the viewer's access, and the demo's tickets."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from rxcrm.db.models import Email, Ticket, TicketMessage, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.records.saved_filters import create_saved_filter, get_saved_filter, ticket_filter
from rxcrm.services.tickets.demo_tickets import DEMO_TICKETS, seed_demo_tickets
from rxcrm.services.tickets.messages import receive_mail
from rxcrm.services.tickets.segments import BUILT_IN_SEGMENTS, segment_counts
from rxcrm.services.tickets.statistics import ticket_statistics
from rxcrm.services.tickets.tickets import list_tickets
from tests.conftest import make_contact, make_user


def _ticket(session: Session, subject: str, assignee: User | None = None, status: str = "open") -> Ticket:
    ticket, _ = receive_mail(session, {"from_email": "ann@example.com", "subject": subject, "body": "Hi"})
    ticket.assignee_id, ticket.status = (assignee.id if assignee else None), status
    session.add(ticket)
    session.flush()
    return ticket


def _subjects(session: Session, viewer: User, params: dict) -> set[str]:
    return {t.subject for t in list_tickets(session, viewer, ticket_filter(params, viewer)).items}


def test_a_ticket_segment_filters_by_responsible_and_status(session: Session, rep: User, admin: User) -> None:
    rita = make_user(session, name="Rita Rossi")
    for status in ("open", "pending", "closed"):
        _ticket(session, f"Rita {status}", rita, status)
    _ticket(session, "Someone else's", rep)
    _ticket(session, "Nobody's", None)
    params = {"assignee_id": rita.id, "status": "open_or_pending"}
    saved = create_saved_filter(
        session, admin, {"entity": "ticket", "name": "Rita's open tickets", "params": params}
    )
    assert get_saved_filter(session, admin, saved.id).params == params
    assert _subjects(session, admin, saved.params) == {"Rita open", "Rita pending"}
    assert _subjects(session, admin, {"assignee_id": rita.id, "status": "closed"}) == {"Rita closed"}
    assert _subjects(session, admin, {"assignee_id": "unassigned"}) == {"Nobody's"}
    assert _subjects(session, rep, {"assignee_id": "me"}) == {"Someone else's"}
    assert _subjects(session, admin, {"assignee_id": rita.id, "q": "pend"}) == {"Rita pending"}


def test_a_ticket_segment_with_an_unknown_field_or_a_sort_is_refused(session: Session, rep: User) -> None:
    with pytest.raises(ValidationFailed) as refused:
        data = {"entity": "ticket", "name": "Mine", "params": {"owner_id": "me", "status": "solved"}}
        create_saved_filter(session, rep, data)
    assert set(refused.value.fields) == {"params.owner_id", "params.status"}
    with pytest.raises(ValidationFailed) as sorted_view:
        create_saved_filter(
            session, rep, {"entity": "ticket", "name": "Mine", "params": {}, "sort": "-number"}
        )
    assert set(sorted_view.value.fields) == {"sort"}


def test_every_segment_is_counted_in_one_go_as_the_viewer_sees_it(
    session: Session, rep: User, admin: User
) -> None:
    _ticket(session, "Mine", rep)
    _ticket(session, "Mine waiting", rep, "pending")
    _ticket(session, "Free", None)
    _ticket(session, "Done", rep, "closed")
    filters = {key: ticket_filter(params, rep) for key, _, params in BUILT_IN_SEGMENTS}
    filters["searched"] = ticket_filter({"q": "waiting"}, rep)
    counts = segment_counts(session, rep, filters)
    assert counts == {"mine": 2, "unassigned": 1, "open": 3, "closed": 1, "searched": 1}
    assert segment_counts(session, admin, {"mine": ticket_filter({"assignee_id": "me"}, admin)}) == {
        "mine": 0
    }
    partner_user = make_user(session, role="partner")
    assert segment_counts(session, partner_user, filters) == dict.fromkeys(filters, 0)
    assert segment_counts(session, rep, {}) == {}


def test_the_demo_inbox_has_open_pending_and_closed_tickets_of_the_reps(
    session: Session, admin: User
) -> None:
    director = make_user(session, role="director", name="Dana Director")
    reps = [make_user(session, role="rep", name=name) for name in ("Rita Rossi", "Sam Becker")]
    make_contact(session, first_name="Ann", last_name="Lee", email="ann@acme.example", owner_id=reps[0].id)
    assert seed_demo_tickets(session, director, reps) == len(DEMO_TICKETS)
    tickets = session.exec(select(Ticket).order_by(Ticket.number)).all()
    assert {t.status for t in tickets} == {"open", "pending", "closed"}
    assert {t.assignee_id for t in tickets} == {reps[0].id, reps[1].id, None}
    ritas = [t for t in tickets if t.assignee_id == reps[0].id]
    assert ritas and all(t.from_email == "ann@acme.example" and t.contact_id for t in ritas)
    kinds = session.exec(select(TicketMessage.ticket_id, TicketMessage.kind)).all()
    noted = {tid for tid, kind in kinds if kind == "internal_note"}
    replied = {tid for tid, kind in kinds if kind == "reply"}
    assert noted & replied & {t.id for t in ritas}
    for ticket in tickets:
        thread = session.exec(select(TicketMessage.at).where(TicketMessage.ticket_id == ticket.id)).all()
        assert ticket.created_at == min(thread) and ticket.updated_at == max(thread)
        assert (ticket.first_reply_at is None) == (ticket.id not in replied)
    unsent = session.exec(select(func.count()).select_from(Email).where(Email.status != "sent")).one()
    assert unsent == 0
    medians = [row["median_first_reply_minutes"] for row in ticket_statistics(session, admin)]
    assert any(m is not None and m > 0 for m in medians)
