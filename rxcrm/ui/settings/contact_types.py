"""Settings → Contact types: the ways to reach a contact (E-mail, Phone, Skype…), renamed in place, given a
kind (how a value is checked and linked), added and deleted (a type in use is refused with the reason)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxcrm.domain.accounts.contact_channels import KIND_LABELS
from rxcrm.services.accounts.contact_types import CONTACT_TYPES
from rxcrm.services.settings.ordered_lists import OrderedList
from rxcrm.ui.components.dialogs import inline_form
from rxcrm.ui.components.forms import named_input, option_select
from rxcrm.ui.settings.ordered_list_parts import entry_row, ordered_list_card
from rxcrm.ui.settings.ordered_lists import OrderedListEditor
from rxcrm.ui.state import AppState

KIND_OPTIONS = [{"value": kind, "label": label} for kind, label in KIND_LABELS.items()]


class ContactTypesState(OrderedListEditor, AppState):
    """The contact types as the admin edits them."""

    def _list(self) -> OrderedList:
        return CONTACT_TYPES

    def _new_entry(self, form: dict[str, Any]) -> dict[str, Any]:
        """A type of the kind picked."""
        return {"name": str(form.get("type_name", "")), "kind": form.get("type_kind") or "text"}


def _kind_select(label: str | rx.Var, testid: str | rx.Var, **props: object) -> rx.Component:
    return option_select(KIND_OPTIONS, testid, aria_label=label, **props)


def _type_row(t: dict) -> rx.Component:
    kind = _kind_select(
        "Kind of " + t["name"],
        "contact-type-kind-" + t["id"],
        value=t["kind"],
        on_change=lambda v: ContactTypesState.set_kind(t["id"], v),
    )
    return entry_row(ContactTypesState, t, "Type", "contact-type", kind, key=t["id"] + t["name"] + t["kind"])


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
    return ordered_list_card(
        ContactTypesState,
        "Contact types",
        "How contacts are reached beside their e-mail and phone. The kind says how a value is checked "
        "and shown: e-mail and phone open the mail or phone app, a web link opens the page (http and "
        "https only). A type contacts use cannot be deleted or change its kind.",
        _type_row,
        add,
        "contact-types",
    )
