"""The inbox's segments: counts on the built-in ones, a saved view by responsible shown as a segment
with its count, applied, renamed and deleted with the saved-views controls of every list."""

from __future__ import annotations

from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import SavedFilter, User
from rxcrm.services.records.saved_filters import create_saved_filter
from rxcrm.services.tickets.messages import receive_mail
from rxcrm.ui.tickets.inbox_state import TicketsState
from tests.conftest import make_user
from tests.ui_units.logged_in import logged_in_state


def _at(state: TicketsState, path: str) -> None:
    bare, _, query = path.partition("?")
    params = dict(part.split("=", 1) for part in query.split("&") if part)
    state.router = RouterData.from_router_data({"pathname": bare, "asPath": path, "query": params})


def _ticket(session: Session, subject: str, assignee: User | None, status: str = "open") -> None:
    ticket, _ = receive_mail(session, {"from_email": "ann@example.com", "subject": subject, "body": "Hi"})
    ticket.assignee_id, ticket.status = (assignee.id if assignee else None), status
    session.add(ticket)


def _opened(session: Session, user: User, path: str = "/tickets") -> TicketsState:
    state = logged_in_state(session, user, TicketsState, "segments")
    _at(state, path)
    TicketsState.open_page.fn(state)
    TicketsState.load.fn(state)
    return state


def _subjects(state: TicketsState) -> set[str]:
    return {row["subject"] for row in state.rows}


def test_rita_s_open_tickets_become_a_segment_with_its_count(
    app_database: Engine, session: Session, rep: User
) -> None:
    rita = make_user(session, name="Rita Rossi")
    _ticket(session, "Printer jams", rita)
    _ticket(session, "Wrong VAT", rita, "pending")
    _ticket(session, "Old request", rita, "closed")
    _ticket(session, "Sam's", rep)
    _ticket(session, "Nobody's", None)
    session.commit()
    state = _opened(session, rep)
    assert state.segment == "open" and _subjects(state) == {"Printer jams", "Wrong VAT", "Sam's", "Nobody's"}
    assert state.segment_counts == {"mine": "1", "unassigned": "1", "open": "4", "closed": "1"}
    assert {"value": str(rita.id), "label": "Rita Rossi"} in state.assignee_filter_options

    TicketsState.set_filter.fn(state, "assignee_filter", str(rita.id))
    TicketsState.load.fn(state)
    assert state.segment == "" and _subjects(state) == {"Printer jams", "Wrong VAT"}
    TicketsState.save_current_view.fn(state, {"view_name": "Rita's open tickets", "share": "none"})
    saved = session.exec(select(SavedFilter)).one()
    assert (saved.entity, saved.params) == ("ticket", {"assignee_id": rita.id, "status": "open_or_pending"})
    assert state.saved_segments == [{"value": str(saved.id), "label": "Rita's open tickets", "count": "2"}]
    assert state.saved_filter_id == str(saved.id) and state.saved_filter_name == "Rita's open tickets"

    TicketsState.set_segment.fn(state, "closed")
    TicketsState.load.fn(state)
    assert (state.segment, state.saved_filter_id) == ("closed", "") and _subjects(state) == {"Old request"}
    TicketsState.apply_saved_filter.fn(state, str(saved.id))
    TicketsState.load.fn(state)
    assert state.saved_filter_id == str(saved.id) and state.segment == ""
    assert _subjects(state) == {"Printer jams", "Wrong VAT"} and state.assignee_filter == str(rita.id)


def test_a_segment_is_renamed_and_deleted_from_the_inbox(
    app_database: Engine, session: Session, rep: User
) -> None:
    _ticket(session, "Mine", rep)
    saved = create_saved_filter(
        session, rep, {"entity": "ticket", "name": "My queue", "params": {"assignee_id": "me"}}
    )
    session.commit()
    state = _opened(session, rep)
    TicketsState.apply_saved_filter.fn(state, str(saved.id))
    TicketsState.load.fn(state)
    TicketsState.rename_saved_filter.fn(state, {"view_name": "Everything of mine"})
    assert [s["label"] for s in state.saved_segments] == ["Everything of mine"]
    assert state.saved_filter_name == "Everything of mine"
    refused = TicketsState.rename_saved_filter.fn(state, {"view_name": " "})
    session.expire_all()
    assert "Name is required" in repr(refused)
    assert session.get(SavedFilter, saved.id).name == "Everything of mine"
    TicketsState.delete_saved_filter.fn(state)
    assert state.saved_segments == [] and state.saved_filter_id == ""
    assert session.exec(select(SavedFilter)).all() == []


def test_a_link_to_a_segment_wins_over_the_default_view_which_opens_the_inbox_otherwise(
    app_database: Engine, session: Session, rep: User
) -> None:
    _ticket(session, "Mine", rep)
    _ticket(session, "Nobody's", None)
    data = {"entity": "ticket", "name": "Unassigned ones", "params": {"assignee_id": "unassigned"}}
    default = create_saved_filter(session, rep, {**data, "is_default": True})
    session.commit()
    linked = _opened(session, rep, "/tickets?segment=mine")
    assert linked.segment == "mine" and _subjects(linked) == {"Mine"}
    plain = _opened(session, rep)
    assert plain.saved_filter_id == str(default.id) and _subjects(plain) == {"Nobody's"}
    assert plain.segment == ""
