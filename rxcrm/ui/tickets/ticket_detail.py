"""One ticket: its thread (customer messages, replies and internal notes set apart), the reply and
internal-note boxes, status and responsible, and the linked contact and account."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.components.controls import action_button, note
from rxcrm.ui.components.forms import labelled, option_select
from rxcrm.ui.components.records import not_found
from rxcrm.ui.layout import app_page
from rxcrm.ui.state import AppState
from rxcrm.ui.tickets.parts import status_badge
from rxcrm.ui.tickets.ticket_state import STATUS_CHOICES, TicketState

# Each kind of message has its own look: the customer's on the left, ours indented, notes in amber.
KIND_LOOKS = {
    "customer": ("gray", "0", "mail"),
    "reply": ("blue", "48px", "reply"),
    "internal_note": ("amber", "48px", "lock"),
}


def _message(message: Var) -> rx.Component:
    colour = rx.match(message["kind"], *((k, v[0]) for k, v in KIND_LOOKS.items()), "gray")
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(message["kind_label"], color_scheme=colour),
                rx.text(message["author"], weight="medium", size="2"),
                rx.spacer(),
                note(message["at"]),
                width="100%",
                align="center",
            ),
            rx.text(message["body"], white_space="pre-wrap", size="2"),
            spacing="2",
            width="100%",
        ),
        background=rx.cond(message["kind"] == "internal_note", rx.color("amber", 3), rx.color("gray", 1)),
        margin_left=rx.match(message["kind"], *((k, v[1]) for k, v in KIND_LOOKS.items()), "0"),
        data_testid="ticket-message-" + message["id"],
        data_kind=message["kind"],
        width="auto",
    )


def _link(label: Var, url: Var, testid: str) -> rx.Component:
    return rx.cond(
        label != "", rx.link(label, href=url, data_testid=testid), rx.text("—", color_scheme="gray")
    )


def _controls() -> rx.Component:
    s, t = TicketState, TicketState.ticket
    return rx.card(
        rx.vstack(
            labelled(
                "Status",
                option_select(STATUS_CHOICES, "ticket-status", value=t["status"], on_change=s.set_status),
            ),
            labelled(
                "Responsible",
                option_select(
                    s.assignees,
                    "ticket-assignee",
                    value=t["assignee_id"],
                    on_change=s.set_assignee,
                ),
            ),
            labelled("From", rx.text(t["from_email"], size="2")),
            labelled(
                "Contact",
                _link(t["contact"], routes.CONTACTS + "/" + t["contact_id"], "ticket-contact"),
            ),
            labelled(
                "Account",
                _link(t["account"], routes.ACCOUNTS + "/" + t["account_id"], "ticket-account"),
            ),
            labelled("Received", rx.text(t["created"], size="2")),
            rx.cond(
                t["status"] != "closed",
                action_button(
                    "Close ticket", s.set_status("closed"), "ticket-close", icon="check", variant="soft"
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="280px",
        flex_shrink="0",
    )


def _box(placeholder: str, on_submit: object, button: str, testid: str, colour: str) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text_area(
                name="body", placeholder=placeholder, rows="4", width="100%", data_testid=f"{testid}-body"
            ),
            rx.button(button, type="submit", color_scheme=colour, data_testid=f"{testid}-send"),
            align="end",
            width="100%",
        ),
        on_submit=on_submit,
        key=TicketState.reply_key,
        width="100%",
    )


def _answer_tabs() -> rx.Component:
    s = TicketState
    reply = _box("Write to the customer (sent by e-mail)…", s.reply, "Send reply", "ticket-reply", "blue")
    internal = _box(
        "A note for the team (never sent)…", s.add_note, "Add internal note", "ticket-note", "amber"
    )
    return rx.tabs.root(
        rx.tabs.list(
            rx.tabs.trigger("Reply", value="reply", data_testid="tab-reply"),
            rx.tabs.trigger("Internal note", value="note", data_testid="tab-note"),
        ),
        rx.tabs.content(rx.box(reply, padding_top="12px"), value="reply"),
        rx.tabs.content(rx.box(internal, padding_top="12px"), value="note"),
        default_value="reply",
        width="100%",
    )


def _ticket() -> rx.Component:
    t = TicketState.ticket
    thread = rx.vstack(rx.foreach(TicketState.thread, _message), _answer_tabs(), spacing="3", width="100%")
    return rx.vstack(
        rx.hstack(
            rx.heading(t["number"], " ", t["subject"], size="5"),
            status_badge(t["status"], t["status_label"], "ticket-status-badge"),
            rx.link("All tickets", href=routes.TICKETS),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.hstack(thread, _controls(), align="start", spacing="4", width="100%"),
        width="100%",
        spacing="4",
    )


def ticket_content() -> rx.Component:
    """The ticket page body."""
    return rx.cond(TicketState.found, _ticket(), not_found("ticket"))


ticket_page = app_page("Ticket", ticket_content)
ON_LOAD = [AppState.require_login, TicketState.load]
