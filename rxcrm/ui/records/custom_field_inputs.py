"""Typed custom field inputs inside record forms, plus a free text area for undefined keys."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.custom_fields import NO_CHOICE, FieldDefinition, read_form_values
from rxcrm.domain.records.validation import record_id
from rxcrm.services.records.custom_fields import definitions_for
from rxcrm.services.records.lookups import record_label
from rxcrm.ui.actions import acting, action
from rxcrm.ui.components.conversion import custom_text, custom_values
from rxcrm.ui.components.forms import clears_error, field_error, form_grid, labelled, option_select
from rxcrm.ui.components.lookup import record_lookup

INPUT_TYPES = {"number": "number", "date": "date"}
PREFIX = "custom."


class CustomFieldInputs(rx.State, mixin=True):
    """The defined custom fields a record form shows, the choices of its lists, the names of its users."""

    custom_defs: list[dict[str, str]] = []
    custom_choices: dict[str, list[dict[str, str]]] = {}
    custom_user_names: dict[str, str] = {}

    def _prepare_record_form(self, session: Session, entity: str) -> None:
        """The entity's custom inputs and the fields hidden from the user (the state is a FormDialog too)."""
        self._load_custom_defs(session, entity)
        self._hide(session, entity)

    def _fill_record_form(self, record: Any | None, new_values: dict[str, str]) -> None:
        """The form's values: the record's as text (its custom values too), or `new_values` for a new one."""
        if record is None:
            self.values = {**new_values, **self._custom_initial({})}
            return
        self.values = {k: "" if v is None else str(v) for k, v in record.model_dump().items()}
        self.values.update(self._custom_initial(record.custom))

    def _load_custom_defs(self, session: Session, entity: str) -> None:
        definitions = definitions_for(session, entity)
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
            PREFIX + d.key: empty + [{"value": o, "label": o} for o in d.options]
            for d in definitions
            if d.type == "list"
        }

    def _name_custom_users(self, values: dict[str, str]) -> None:
        """The names the user fields' lookups show for the form's values (a kept owner is still named)."""
        ids = {d["name"]: record_id(values[d["name"]]) for d in self.custom_defs if d["type"] == "user"}
        named = {name: linked for name, linked in ids.items() if linked is not None}
        self.custom_user_names = {}
        if named:
            with acting(self.token) as (session, viewer):
                self.custom_user_names = {
                    n: record_label(session, viewer, "owner", linked) for n, linked in named.items()
                }

    @rx.event
    @action
    def pick_custom_user(self, session: Session, user: User, name: str, value: str):
        """A user field's lookup picked someone (or was emptied): the form submits the id."""
        if name not in {d["name"] for d in self.custom_defs if d["type"] == "user"}:
            return None
        linked = record_id(value)
        label = record_label(session, user, "owner", linked) if linked is not None else ""
        self.values = {**self.values, name: value if label else ""}
        self.custom_user_names = {**self.custom_user_names, name: label}
        return None

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
        self._name_custom_users(values)
        return values

    def _record_form(self, form: dict[str, Any], text_fields: tuple[str, ...]) -> dict[str, Any] | None:
        """The form's text fields and custom values; None when a custom value is unreadable.

        The problems then show on the form (the state mixes in FormDialog too).
        """
        custom, problems = self._custom_from_form(form)
        if problems:
            self._show_errors(problems)
            return None
        return {**{k: form.get(k, "") for k in text_fields if k in form}, "custom": custom}

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
    return option_select(
        choices[name],
        "field-" + name,
        "—",
        aria_label=label,
        trigger={"width": "100%"},
        name=name,
        default_value=values[name].to(str),
        on_change=clears_error(errors, name),
    )


def _user_lookup(
    state: type[CustomFieldInputs], name: Var, label: Var, values: Var, errors: Var
) -> rx.Component:
    """A user field: type a colleague's name (test hooks `field-<name>` and `field-<name>-<id>`)."""
    return record_lookup(
        label,
        name,
        "custom-" + name.to(str),
        "owner",
        errors,
        "Type a name…",
        on_pick=lambda value: state.pick_custom_user(name, value),
        testids=("field-" + name.to(str), "field-" + name.to(str) + "-"),
        show_label=False,
        chosen=(values[name].to(str), state.custom_user_names.get(name, "").to(str)),
    )


def _custom_input(state: type[CustomFieldInputs], d: Var, values: Var, errors: Var) -> rx.Component:
    name, label, choices = d["name"], d["label"].to(str), state.custom_choices
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
        ("user", _user_lookup(state, name, label, values, errors)),
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
    return labelled(d["label"], control, field_error(errors, name))


def custom_field_inputs(state: type[CustomFieldInputs], values: Var, errors: Var) -> rx.Component:
    """The defined custom fields as typed inputs, then the free 'name = value' lines for other keys."""
    return rx.vstack(
        rx.cond(
            state.custom_defs.length() > 0,
            form_grid(rx.foreach(state.custom_defs, lambda d: _custom_input(state, d, values, errors))),
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
