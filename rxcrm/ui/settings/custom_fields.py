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
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.forms import clears_error, field_error
from rxcrm.ui.form_state import FieldErrors
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
        self.entity = entity if isinstance(entity, str) else entity[0]
        return CustomFieldsState.load

    @rx.event
    def set_new_type(self, field_type: str):
        """Remember the type chosen in the add form (a list asks for options)."""
        self.new_type = field_type

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

    @rx.event
    @action
    def set_active(self, session: Session, user: User, field_id: str, active: bool):
        """Deactivate a field (forms hide it, values stay) or bring it back."""
        field = update_custom_field(session, user, record_ref(field_id), {"active": bool(active)})
        state = "active" if field.active else "deactivated"
        return [success_toast(f"Custom field '{field.label}' {state}."), CustomFieldsState.load]

    @rx.event
    @action
    def delete(self, session: Session, user: User, field_id: str):
        """Remove a field's definition; records keep their values as free values."""
        delete_custom_field(session, user, record_ref(field_id))
        return [success_toast("Custom field deleted; existing values are kept."), CustomFieldsState.load]


def _row(f: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(f["label"]),
        rx.table.cell(rx.code(f["key"])),
        rx.table.cell(rx.badge(f["type"]), rx.text(f["options"], size="1", color_scheme="gray")),
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
            rx.button(
                "Delete",
                size="1",
                variant="soft",
                color_scheme="red",
                on_click=CustomFieldsState.delete(f["id"]),
                data_testid="custom-field-delete-" + f["key"],
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
            _labelled(
                "Label",
                rx.input(
                    name="label",
                    on_change=clears_error(s.errors, "label"),
                    aria_label="Label",
                    data_testid="custom-field-label",
                ),
                "label",
            ),
            _labelled(
                "Key",
                rx.input(
                    name="key",
                    placeholder="e.g. region",
                    on_change=clears_error(s.errors, "key"),
                    aria_label="Key",
                    data_testid="custom-field-key",
                ),
                "key",
            ),
            _labelled("Type", type_select, "type"),
            rx.cond(
                s.new_type == "list",
                _labelled(
                    "Options (comma separated)",
                    rx.input(
                        name="options",
                        on_change=clears_error(s.errors, "options"),
                        aria_label="Options",
                        data_testid="custom-field-options",
                    ),
                    "options",
                ),
            ),
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
    return rx.card(
        rx.vstack(
            rx.heading("Custom fields", size="4"),
            rx.segmented_control.root(
                *(rx.segmented_control.item(ENTITY_LABELS[e], value=e) for e in ENTITIES),
                value=s.entity,
                on_change=CustomFieldsState.set_entity,
                data_testid="custom-field-entity",
            ),
            rx.cond(
                s.fields.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *(
                                rx.table.column_header_cell(h)
                                for h in ("Label", "Key", "Type", "", "Active", "")
                            )
                        )
                    ),
                    rx.table.body(rx.foreach(s.fields, _row)),
                    width="100%",
                    size="1",
                ),
                rx.text("No custom fields yet.", size="2", color_scheme="gray"),
            ),
            _add_form(),
            rx.text(
                "A user field segments lists (filter) but never grants access to a record.",
                size="1",
                color_scheme="gray",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        on_mount=CustomFieldsState.load,
    )
