"""The channels on a contact's page: Skype, LinkedIn, a second mobile… shown as links, added and removed."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.accounts import contact_channels as service
from rxcrm.services.accounts.contact_types import list_contact_types
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.components.conversion import optional_id, record_id_from_path, record_ref
from rxcrm.ui.components.dialogs import inline_form
from rxcrm.ui.components.forms import named_input, option_select
from rxcrm.ui.state import AppState


def _row(channel: dict) -> dict[str, str]:
    return {k: str(channel[k]) for k in ("id", "type", "kind", "value", "href")}


class ContactChannelsState(AppState):
    """The channels of the contact the page shows, and the contact types to add one of."""

    contact_id: int = 0
    channels: list[dict[str, str]] = []
    type_options: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the contact's channels and the types (the contact's id is the page's)."""
        self.contact_id = record_id_from_path(self.router.url.path)
        self.type_options = [{"value": str(t.id), "label": t.name} for t in list_contact_types(session)]
        self.channels = [_row(c) for c in service.list_channels(session, user, self.contact_id)]

    @rx.event
    @action
    def add(self, session: Session, user: User, form: dict):
        """Add a channel of the type picked (its value is checked by the type's kind)."""
        type_id = optional_id(form.get("type_id"))
        saved = service.add_channel(session, user, self.contact_id, type_id, form.get("value", ""))
        self.channels = [_row(c) for c in saved]
        return success_toast("Channel added.")

    @rx.event
    @action
    def remove(self, session: Session, user: User, channel_id: str):
        """Take a channel off the contact."""
        saved = service.remove_channel(session, user, self.contact_id, record_ref(channel_id))
        self.channels = [_row(c) for c in saved]
        return success_toast("Channel removed.")


def _value(c: rx.Var) -> rx.Component:
    return rx.cond(
        c["href"] != "",
        rx.link(
            c["value"], href=c["href"], is_external=c["kind"] == "url", data_testid="channel-link-" + c["id"]
        ),
        rx.text(c["value"], size="2", data_testid="channel-value-" + c["id"]),
    )


def _channel(c: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(c["type"], size="2", weight="medium", width="120px"),
        _value(c),
        delete_icon(
            "Remove " + c["type"] + " " + c["value"],
            ContactChannelsState.remove(c["id"]),
            "channel-remove-" + c["id"],
        ),
        align="center",
        spacing="3",
        data_testid="contact-channel",
    )


def contact_channels() -> rx.Component:
    """The contact's channels as links, with a row to add one (read when the page shows them)."""
    s = ContactChannelsState
    add = inline_form(
        s.add,
        option_select(s.type_options, "channel-type", "Type", aria_label="Channel type", name="type_id"),
        named_input("value", "Skype name, address, number…", "channel-value", "260px", "Channel value"),
        button="Add channel",
        testid="channel-add",
        width="auto",
    )
    return rx.vstack(
        rx.heading("Channels", size="3"),
        rx.cond(
            s.channels.length() > 0,
            rx.foreach(s.channels, _channel),
            note("No other channels yet.", size="2"),
        ),
        add,
        on_mount=s.load,
        spacing="2",
        width="100%",
        data_testid="contact-channels",
    )
