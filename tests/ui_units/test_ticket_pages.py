"""The shared inbox's page states: segments by responsible, statistics, the thread, reply and note,
status and responsible controls, and the account's Tickets tab."""

from __future__ import annotations

import pytest
from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Email, Notification, Ticket, User
from rxcrm.services.tickets.messages import receive_mail
from rxcrm.ui.tickets.account_tickets import AccountTicketsState
from rxcrm.ui.tickets.inbox_state import TicketsState
from rxcrm.ui.tickets.ticket_state import TicketState
from tests.conftest import make_account, make_contact, make_user
from tests.services.commerce.mail_server import mail_files  # noqa: F401
from tests.ui_units.logged_in import logged_in_state


def _at(state: object, path: str) -> None:
    bare = path.split("?", 1)[0]
    state.router = RouterData.from_router_data({"pathname": bare, "asPath": path, "query": {}})


def _mail(subject: str, sender: str = "ann@example.com") -> dict[str, str]:
    return {"from_email": sender, "subject": subject, "body": "Hello"}


def test_segments_show_mine_unassigned_all_open_and_closed_with_statistics(
    app_database: Engine, session: Session, rep: User, admin: User
) -> None:
    mine, _ = receive_mail(session, _mail("Mine"))
    free, _ = receive_mail(session, _mail("Free"))
    done, _ = receive_mail(session, _mail("Done"))
    mine.assignee_id = rep.id
    done.status = "closed"
    session.commit()
    state = logged_in_state(session, rep, TicketsState, "inbox")
    _at(state, "/tickets?segment=mine")
    TicketsState.open_page.fn(state)
    TicketsState.load.fn(state)
    assert [r["subject"] for r in state.rows] == ["Mine"] and state.rows[0]["assignee"] == rep.name

    def shown(segment: str) -> set[str]:
        TicketsState.set_segment.fn(state, segment)
        TicketsState.load.fn(state)
        return {r["subject"] for r in state.rows}

    assert shown("unassigned") == {"Free"}
    assert shown("open") == {"Mine", "Free"}
    assert shown("closed") == {"Done"}
    stats = {r["assignee"]: r for r in state.statistics}
    assert stats[rep.name] == {"assignee": rep.name, "open": "1", "closed": "0", "median": "—"}
    assert (stats["Unassigned"]["open"], stats["Unassigned"]["closed"]) == ("1", "1")


def test_a_user_records_a_new_ticket_and_lands_on_it(
    app_database: Engine, session: Session, rep: User
) -> None:
    session.commit()
    state = logged_in_state(session, rep, TicketsState, "inbox-new")
    events = TicketsState.create.fn(
        state,
        {
            "from_email": "bo@example.com",
            "subject": "Phone call",
            "body": "Wants a demo",
            "assignee_id": "none",
        },
    )
    ticket = session.exec(select(Ticket)).one()
    assert f"/tickets/{ticket.id}" in repr(events) and ticket.assignee_id is None
    refused = TicketsState.create.fn(state, {"from_email": "x", "subject": "", "body": ""})
    assert "e-mail" in repr(refused).lower() and len(session.exec(select(Ticket)).all()) == 1


@pytest.mark.usefixtures("mail_files")
def test_the_ticket_page_shows_the_thread_and_answers_notes_assigns_and_closes(
    app_database: Engine, session: Session, rep: User, admin: User
) -> None:
    account = make_account(session, name="Acme")
    make_contact(session, first_name="Ann", last_name="Lee", email="ann@acme.example", account_id=account.id)
    ticket, _ = receive_mail(session, _mail("Printer broken", sender="ann@acme.example"))
    session.commit()
    state = logged_in_state(session, rep, TicketState, "ticket")
    _at(state, f"/tickets/{ticket.id}")
    TicketState.load.fn(state)
    assert state.found and state.ticket["number"] == "#1"
    assert (state.ticket["contact"], state.ticket["account"]) == ("Ann Lee", "Acme")
    TicketState.set_assignee.fn(state, str(admin.id))
    TicketState.add_note.fn(state, {"body": "Check the warranty"})
    events = TicketState.reply.fn(state, {"body": "We send a technician."})
    assert "deliver" in repr(events) and state._queued_id
    TicketState.load.fn(state)
    assert [m["kind"] for m in state.thread] == ["customer", "internal_note", "reply"]
    assert state.ticket["assignee_id"] == str(admin.id)
    email = session.exec(select(Email).where(Email.entity == "ticket")).one()
    assert email.subject == "[#1] Printer broken" and email.to == "ann@acme.example"
    TicketState.set_status.fn(state, "closed")
    TicketState.load.fn(state)
    assert state.ticket["status"] == "closed"
    told = list(session.exec(select(Notification.message).where(Notification.user_id == admin.id)))
    assert any("internal note" in m for m in told) and any("closed" in m for m in told)


def test_a_hidden_or_missing_ticket_is_not_found(app_database: Engine, session: Session) -> None:
    outsider = make_user(session, role="partner")
    ticket, _ = receive_mail(session, _mail("Internal"))
    session.commit()
    state = logged_in_state(session, outsider, TicketState, "ticket-hidden")
    _at(state, f"/tickets/{ticket.id}")
    TicketState.load.fn(state)
    assert not state.found


def test_the_account_tab_lists_its_tickets(app_database: Engine, session: Session, rep: User) -> None:
    account = make_account(session, name="Acme", email="office@acme.example")
    receive_mail(session, _mail("From Acme", sender="office@acme.example"))
    receive_mail(session, _mail("From elsewhere", sender="x@other.example"))
    session.commit()
    state = logged_in_state(session, rep, AccountTicketsState, "account-tickets")
    _at(state, f"/accounts/{account.id}")
    AccountTicketsState.load.fn(state)
    assert [r["subject"] for r in state.rows] == ["From Acme"]
