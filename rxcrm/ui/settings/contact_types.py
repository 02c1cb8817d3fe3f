"""Settings → Contact types: the ways to reach a contact (E-mail, Phone, Skype…), renamed in place, given a
kind (how a value is checked and linked), added and deleted (a type in use is refused with the reason)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.accounts.contact_channels import KIND_LABELS
from rxcrm.services.accounts import contact_types as service
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.dialogs import inline_form
from rxcrm.ui.components.forms import named_input, option_select
from rxcrm.ui.settings.parts import saved_on_leave, settings_card
from rxcrm.ui.state import AppState

KIND_OPTIONS = [{"value": kind, "label": label} for kind, label in KIND_LABELS.items()]


class ContactTypesState(AppState):
    """The contact types as the admin edits them."""

    types: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, _user: User):
        """Read every contact type in order."""
        self.types = [
            {"id": str(t.id), "name": t.name, "kind": t.kind} for t in service.list_contact_types(session)
        ]

    @rx.event
    def rename(self, type_id: str, name: str):
        """Save a type's new name when its field is left."""
        current = next((t for t in self.types if t["id"] == type_id), None)
        if current is None or current["name"] == name.strip():
            return None
        return self._change(type_id, {"name": name})

    @rx.event
    def set_kind(self, type_id: str, kind: str):
        """Give a type another kind (refused while contacts' channels use it)."""
        return self._change(type_id, {"kind": kind})

    @action(reload="load")
    def _change(self, session: Session, user: User, type_id: str, values: dict):  # noqa: ANN202
        saved = service.update_contact_type(session, user, record_ref(type_id), values)
        return [success_toast(f"Contact type '{saved.name}' saved."), ContactTypesState.load]

    @rx.event
    @action
    def add(self, session: Session, user: User, form: dict):
        """Add a type of the kind picked."""
        data = {"name": str(form.get("type_name", "")), "kind": form.get("type_kind") or "text"}
        added = service.create_contact_type(session, user, data)
        return [success_toast(f"Contact type '{added.name}' added."), ContactTypesState.load]

    @rx.event
    @action
    def delete(self, session: Session, user: User, type_id: str):
        """Delete a type no contact uses (the refusal says how many do)."""
        service.delete_contact_type(session, user, record_ref(type_id))
        return [success_toast("Contact type deleted."), ContactTypesState.load]


def _kind_select(label: str | rx.Var, testid: str | rx.Var, **props: object) -> rx.Component:
    return option_select(KIND_OPTIONS, testid, aria_label=label, **props)


def _type_row(t: dict) -> rx.Component:
    return rx.hstack(
        saved_on_leave(
            t["name"],
            lambda v: ContactTypesState.rename(t["id"], v),
            "Type name",
            "200px",
            "contact-type-name-" + t["id"],
        ),
        _kind_select(
            "Kind of " + t["name"],
            "contact-type-kind-" + t["id"],
            value=t["kind"],
            on_change=lambda v: ContactTypesState.set_kind(t["id"], v),
        ),
        delete_icon(
            "Delete type " + t["name"], ContactTypesState.delete(t["id"]), "contact-type-delete-" + t["id"]
        ),
        key=t["id"] + t["name"] + t["kind"],
        align="center",
        spacing="2",
    )


def contact_types_section() -> rx.Component:
    """The contact types with their kinds, each edited in place, and a form to add one."""
    add = inline_form(
        ContactTypesState.add,
        named_input("type_name", "New type", "contact-type-new", "200px"),
        _kind_select("Kind of the new type", "contact-type-new-kind", name="type_kind", default_value="text"),
        button="Add",
        testid="contact-type-add",
        width="auto",
    )
    return settings_card(
        "Contact types",
        note(
            "How contacts are reached beside their e-mail and phone. The kind says how a value is checked "
            "and shown: e-mail and phone open the mail or phone app, a web link opens the page (http and "
            "https only). A type contacts use cannot be deleted or change its kind.",
            size="2",
        ),
        rx.foreach(ContactTypesState.types, _type_row),
        add,
        on_mount=ContactTypesState.load,
        data_testid="contact-types",
    )
