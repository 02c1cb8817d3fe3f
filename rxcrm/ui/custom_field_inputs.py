"""Typed custom field inputs inside record forms, plus a free text area for undefined keys."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.domain.custom_fields import NO_CHOICE, FieldDefinition, read_form_values
from rxcrm.services.custom_fields import definitions_for
from rxcrm.services.field_visibility import VIEWER
from rxcrm.services.users import owner_choices
from rxcrm.ui.components.conversion import custom_text, custom_values
from rxcrm.ui.components.forms import clears_error, field_error

INPUT_TYPES = {"number": "number", "date": "date"}
PREFIX = "custom."


class CustomFieldInputs(rx.State, mixin=True):
    """The defined custom fields a record form shows, and the choices of its selects."""

    custom_defs: list[dict[str, str]] = []
    custom_choices: dict[str, list[dict[str, str]]] = {}

    def _load_custom_defs(self, session: Session, entity: str) -> None:
        definitions = definitions_for(session, entity)
        pickable = owner_choices(session, session.info[VIEWER])
        users = [{"value": str(u.id), "label": u.name} for u in pickable]
        empty = [{"value": NO_CHOICE, "label": "—"}]
        self.custom_defs = [
            {
                "name": PREFIX + d.key,
                "key": d.key,
                "label": d.label + (" *" if d.required else ""),
                "type": d.type,
                "input": INPUT_TYPES.get(d.type, "text"),
            }
            for d in definitions
        ]
        self.custom_choices = {
            PREFIX + d.key: empty
            + (users if d.type == "user" else [{"value": o, "label": o} for o in d.options])
            for d in definitions
            if d.type in ("list", "user")
        }

    def _custom_initial(self, custom: dict[str, Any]) -> dict[str, str]:
        """Form values for the defined inputs and the free text area (empty when custom fields are hidden)."""
        if "custom" in getattr(self, "hidden", ()):
            custom = {}  # hidden from this user: no value leaves the server (call `_hide` first)
        defined = {d["key"] for d in self.custom_defs}
        values = {"custom": custom_text({k: v for k, v in custom.items() if k not in defined})}
        for d in self.custom_defs:
            value = custom.get(d["key"])
            text = str(value).lower() if isinstance(value, bool) else "" if value is None else str(value)
            values[d["name"]] = text or (NO_CHOICE if d["name"] in self.custom_choices else "")
        return values

    def _custom_from_form(self, form: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """The record's custom values from a submitted form, and what could not be read."""
        definitions = [
            FieldDefinition(d["key"], d["label"].removesuffix(" *"), d["type"]) for d in self.custom_defs
        ]
        typed, errors = read_form_values(definitions, form, PREFIX)
        free = custom_values(form.get("custom"))
        if isinstance(free, str):
            return {}, {**errors, "custom": free}
        return {**free, **typed}, errors


def _select(name: Var, label: Var, choices: Var, values: Var, errors: Var) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder="—", width="100%", aria_label=label, data_testid="field-" + name),
        rx.select.content(rx.foreach(choices[name], lambda o: rx.select.item(o["label"], value=o["value"]))),
        name=name,
        default_value=values[name].to(str),
        on_change=clears_error(errors, name),
    )


def _custom_input(d: Var, choices: Var, values: Var, errors: Var) -> rx.Component:
    name, label = d["name"], d["label"].to(str)
    control = rx.match(
        d["type"],
        (
            "boolean",
            rx.checkbox(
                name=name,
                default_checked=values[name].to(str) == "true",
                on_change=clears_error(errors, name),
                aria_label=label,
                data_testid="field-" + name,
            ),
        ),
        ("list", _select(name, label, choices, values, errors)),
        ("user", _select(name, label, choices, values, errors)),
        rx.input(
            name=name,
            type=d["input"],
            step="any",
            default_value=values[name].to(str),
            on_change=clears_error(errors, name),
            width="100%",
            aria_label=label,
            data_testid="field-" + name,
        ),
    )
    return rx.vstack(
        rx.text(d["label"], size="2", weight="medium"), control, field_error(errors, name), spacing="1"
    )


def custom_field_inputs(state: type[CustomFieldInputs], values: Var, errors: Var) -> rx.Component:
    """The defined custom fields as typed inputs, then the free 'name = value' lines for other keys."""
    return rx.vstack(
        rx.cond(
            state.custom_defs.length() > 0,
            rx.grid(
                rx.foreach(
                    state.custom_defs, lambda d: _custom_input(d, state.custom_choices, values, errors)
                ),
                columns="3",
                spacing="3",
                width="100%",
            ),
        ),
        rx.text("Other custom values (one 'name = value' per line)", size="2", weight="medium"),
        rx.text_area(
            name="custom",
            default_value=values["custom"].to(str),
            width="100%",
            rows="2",
            on_change=clears_error(errors, "custom"),
            aria_label="Other custom values",
            data_testid="field-custom",
        ),
        field_error(errors, "custom"),
        spacing="2",
        width="100%",
    )
