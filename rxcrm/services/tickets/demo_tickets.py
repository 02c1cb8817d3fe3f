"""The demo's shared inbox: customer e-mails of the last days — open, pending and closed, assigned to
the reps by the director or still unassigned, one answered with an internal note beside the reply —
so that every segment and the statistics per responsible show something."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from rxcrm.db.models import Contact, Email, Ticket, TicketMessage, User
from rxcrm.db.types import utcnow
from rxcrm.domain.tickets.tickets import INTERNAL_NOTE, REPLY
from rxcrm.services.tickets.messages import add_message, receive_mail
from rxcrm.services.tickets.tickets import update_ticket

CLOSE, CUSTOMER_ANSWER = "close", "customer"
UNKNOWN_SENDER = "it-desk@harbor-logistics.example"  # nobody in the CRM: a ticket without contact
# (responsible: index into the reps or None, subject, first message, what followed, hours since arrival)
DEMO_TICKETS = (
    (
        0,
        "Printer jams after the first page",
        "Our new printer jams after the first page of every job.",
        (),
        5,
    ),
    (
        0,
        "Invoice shows the wrong VAT rate",
        "The last invoice charges 22% VAT, but we are exempt. Please correct it.",
        (
            (
                INTERNAL_NOTE,
                "Accounting says the exemption expired in March: ask for the renewed certificate.",
            ),
            (REPLY, "Thank you! Could you send us your renewed exemption certificate? We then correct it."),
        ),
        30,
    ),
    (
        0,
        "Training dates for our new team",
        "We hired three new sales people. When is the next onboarding training?",
        (
            (REPLY, "The next sessions are on the 4th and the 18th, 9:00–12:00."),
            (CUSTOMER_ANSWER, "Is the 18th online?"),
        ),
        52,
    ),
    (
        1,
        "How do I add a second user?",
        "I would like my assistant to see our orders. How do I add her?",
        ((REPLY, "Under Settings → Users choose 'Invite'; she gets an e-mail with a link."), (CLOSE, "")),
        75,
    ),
    (2, "Quote for 50 more licences", "Please send us a quote for 50 additional licences.", (), 20),
    (
        3,
        "Password reset link expired",
        "The reset link says it has expired. Can you send a new one?",
        ((REPLY, "We sent a new link; it is valid for 24 hours."), (CLOSE, "")),
        120,
    ),
    (
        None,
        "Delivery address has changed",
        "From next month please deliver to Hafenstraße 12, Bremen.",
        (),
        3,
    ),
    (None, "Question about your API", "Does your interface support webhooks for new orders?", (), 26),
)


def _senders(session: Session, reps: list[User]) -> dict[int | None, str]:
    """A customer of each rep (the first contact with an e-mail on his/her accounts); the unassigned
    mail comes from a stranger."""
    found: dict[int | None, str] = {None: UNKNOWN_SENDER}
    for rep in reps:
        email = session.exec(
            select(Contact.email)
            .where(Contact.owner_id == rep.id, Contact.email.is_not(None))
            .order_by(Contact.id)
        ).first()
        found[rep.id] = email or f"customer.of.{rep.id}@example.com"
    return found


def _follow(session: Session, director: User, rep: User, ticket: Ticket, steps: tuple) -> None:
    """What happened after the first mail: notes, replies, the customer's answer, closing."""
    for kind, text in steps:
        if kind == CLOSE:
            update_ticket(session, rep, ticket.id, {"status": "closed"})
        elif kind == CUSTOMER_ANSWER:
            subject = f"Re: [#{ticket.number}] {ticket.subject}"
            receive_mail(session, {"from_email": ticket.from_email, "subject": subject, "body": text})
        else:
            add_message(
                session, director if kind == INTERNAL_NOTE else rep, ticket.id, {"kind": kind, "body": text}
            )


def _spread_in_time(session: Session, ticket: Ticket, hours_ago: int) -> None:
    """Date the ticket and its messages back: it arrived `hours_ago`, then one message after another;
    the demo's replies went out when written."""
    arrival = utcnow() - timedelta(hours=hours_ago)
    messages = session.exec(
        select(TicketMessage).where(TicketMessage.ticket_id == ticket.id).order_by(TicketMessage.id)
    ).all()
    step = timedelta(hours=hours_ago) / (len(messages) + 1)
    for n, message in enumerate(messages):
        message.at = arrival + step * n
        email = session.get(Email, message.email_id) if message.email_id else None
        if email is not None:
            email.status, email.created_at, email.sent_at = "sent", message.at, message.at
            session.add(email)
        session.add(message)
    replies = [m.at for m in messages if m.kind == REPLY]
    ticket.created_at, ticket.updated_at = arrival, messages[-1].at
    ticket.first_reply_at = replies[0] if replies else None
    session.add(ticket)


def seed_demo_tickets(session: Session, director: User, reps: list[User]) -> int:
    """Fill the shared inbox with the demo tickets; returns how many were made."""
    senders = _senders(session, reps)
    for rep_index, subject, body, steps, hours_ago in DEMO_TICKETS:
        rep = reps[rep_index % len(reps)] if rep_index is not None and reps else None
        sender = senders[rep.id if rep else None]
        ticket, _ = receive_mail(session, {"from_email": sender, "subject": subject, "body": body})
        if rep is not None:
            update_ticket(session, director, ticket.id, {"assignee_id": rep.id})
            _follow(session, director, rep, ticket, steps)
        _spread_in_time(session, ticket, hours_ago)
    session.flush()
    return len(DEMO_TICKETS)
