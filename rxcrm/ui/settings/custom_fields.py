"""Settings → Custom fields: admins define typed fields per entity, deactivate or delete them."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.domain.records.custom_fields import ENTITIES, FIELD_TYPES
from rxcrm.services.records.custom_fields import (
    create_custom_field,
    delete_custom_field,
    list_custom_fields,
    update_custom_field,
)
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.controls import note, row_button
from rxcrm.ui.components.forms import clears_error, field_error
from rxcrm.ui.components.list_actions import removal, switch
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.components.setters import chosen, setter
from rxcrm.ui.form_state import FieldErrors
from rxcrm.ui.settings.parts import settings_card
from rxcrm.ui.state import AppState

ENTITY_LABELS = {
    "account": "Accounts",
    "contact": "Contacts",
    "opportunity": "Opportunities",
    "lead": "Leads",
}


class CustomFieldsState(FieldErrors, AppState):
    """The custom fields of the chosen entity and the add form's errors."""

    entity: str = "account"
    fields: list[dict[str, str]] = []
    new_type: str = "text"
    form_key: int = 0

    @rx.event
    @action
    def load(self, session: Session, _user: User):
        """Read the chosen entity's custom fields."""
        self.fields = [
            {
                "id": str(f.id),
                "label": f.label,
                "key": f.key,
                "type": f.type,
                "options": ", ".join(f.options),
                "required": "required" if f.required else "",
                "active": "true" if f.active else "",
            }
            for f in list_custom_fields(session, self.entity)
        ]

    @rx.event
    def set_entity(self, entity: str | list[str]):
        """Show another entity's fields."""
        self.entity = chosen(entity)
        return CustomFieldsState.load

    set_new_type = setter(
        "new_type", "Remember the type chosen in the add form (a list asks for options).", value_type=str
    )

    @rx.event
    def add(self, form: dict):
        """Define a new custom field for the chosen entity."""
        options = [o.strip() for o in str(form.get("options", "")).replace("\n", ",").split(",")]
        data = {
            "entity": self.entity,
            "label": form.get("label", ""),
            "key": str(form.get("key", "")).strip().lower(),
            "type": self.new_type,
            "options": [o for o in options if o],
            "required": str(form.get("required", "")).lower() in ("on", "true"),
        }
        try:
            with acting(self.token) as (session, user):
                field = create_custom_field(session, user, data)
        except DomainError as exc:
            self.errors = exc.fields
            return failure_toast(exc)
        self.errors, self.new_type = {}, "text"
        self.form_key += 1
        return [success_toast(f"Custom field '{field.label}' added."), CustomFieldsState.load]

    set_active = switch(
        "set_active",
        update_custom_field,
        "active",
        "Custom field '{record.label}' {state}.",
        ("active", "deactivated"),
        "Deactivate a field (forms hide it, values stay) or bring it back.",
    )
    delete = removal(
        "delete",
        delete_custom_field,
        "Custom field deleted; existing values are kept.",
        "Remove a field's definition; records keep their values as free values.",
    )


def _row(f: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(f["label"]),
        rx.table.cell(rx.code(f["key"])),
        rx.table.cell(rx.badge(f["type"]), note(f["options"])),
        rx.table.cell(f["required"]),
        rx.table.cell(
            rx.switch(
                checked=f["active"] == "true",
                on_change=lambda v: CustomFieldsState.set_active(f["id"], v),
                aria_label="Active: " + f["key"],
                data_testid="custom-field-active-" + f["key"],
            )
        ),
        rx.table.cell(
            row_button(
                "Delete", CustomFieldsState.delete(f["id"]), "custom-field-delete-" + f["key"], color="red"
            )
        ),
        data_testid="custom-field-row",
    )


def _labelled(label: str, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="1", weight="medium"),
        control,
        field_error(CustomFieldsState.errors, name),
        spacing="1",
    )


def _text(label: str, name: str, aria_label: str, placeholder: str | None = None) -> rx.Component:
    """A labelled text box of the add form; typing in it takes its problem away."""
    box = rx.input(
        name=name,
        placeholder=placeholder,
        on_change=clears_error(CustomFieldsState.errors, name),
        aria_label=aria_label,
        data_testid="custom-field-" + name,
    )
    return _labelled(label, box, name)


def _add_form() -> rx.Component:
    s = CustomFieldsState
    type_select = rx.select.root(
        rx.select.trigger(aria_label="Type", data_testid="custom-field-type"),
        rx.select.content(*(rx.select.item(t.title(), value=t) for t in FIELD_TYPES)),
        value=s.new_type,
        on_change=CustomFieldsState.set_new_type,
    )
    return rx.form(
        rx.hstack(
            _text("Label", "label", "Label"),
            _text("Key", "key", "Key", "e.g. region"),
            _labelled("Type", type_select, "type"),
            rx.cond(s.new_type == "list", _text("Options (comma separated)", "options", "Options")),
            rx.hstack(
                rx.checkbox(name="required", aria_label="Required", data_testid="custom-field-required"),
                rx.text("Required", size="2"),
            ),
            rx.button("Add field", type="submit", data_testid="custom-field-add"),
            align="end",
            spacing="3",
            wrap="wrap",
        ),
        on_submit=CustomFieldsState.add,
        reset_on_submit=False,
        key=s.form_key.to_string(),
    )


def custom_fields_section() -> rx.Component:
    """Settings card: the typed custom fields of each entity, with an add form."""
    s = CustomFieldsState
    return settings_card(
        "Custom fields",
        rx.segmented_control.root(
            *(rx.segmented_control.item(ENTITY_LABELS[e], value=e) for e in ENTITIES),
            value=s.entity,
            on_change=CustomFieldsState.set_entity,
            data_testid="custom-field-entity",
        ),
        rx.cond(
            s.fields.length() > 0,
            heads_table(
                ("Label", "Key", "Type", "", "Active", ""), rx.foreach(s.fields, _row), width="100%", size="1"
            ),
            note("No custom fields yet.", size="2"),
        ),
        _add_form(),
        note("A user field segments lists (filter) but never grants access to a record."),
        on_mount=CustomFieldsState.load,
    )
