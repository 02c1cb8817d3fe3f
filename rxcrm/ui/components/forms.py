"""Form fields that show what is wrong next to the field."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var


def field_error(errors: Var, name: str) -> rx.Component:
    """The message for one field, when there is one."""
    return rx.cond(
        errors.contains(name),
        rx.text(errors[name], color_scheme="red", size="1", data_testid=f"error-{name}"),
    )


def text_field(
    label: str, name: str, values: Var, errors: Var, required: bool = False, kind: str = "text"
) -> rx.Component:
    """A labelled text input bound to the form's initial values."""
    return rx.vstack(
        rx.text(label + (" *" if required else ""), size="2", weight="medium"),
        rx.input(
            name=name,
            default_value=values[name].to(str),
            type=kind,
            width="100%",
            data_testid=f"field-{name}",
        ),
        field_error(errors, name),
        spacing="1",
        width="100%",
    )


def choice_field(
    label: str, name: str, values: Var, errors: Var, options: Var | list, placeholder: str = "—"
) -> rx.Component:
    """A labelled select over (value, label) pairs given as dicts with 'value' and 'label'."""
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(placeholder=placeholder, width="100%", data_testid=f"field-{name}"),
            rx.select.content(rx.foreach(options, lambda o: rx.select.item(o["label"], value=o["value"]))),
            name=name,
            default_value=values[name].to(str),
        ),
        field_error(errors, name),
        spacing="1",
        width="100%",
    )


def check_field(label: str, name: str, values: Var) -> rx.Component:
    """A labelled checkbox."""
    return rx.hstack(
        rx.checkbox(name=name, default_checked=values[name].to(str) == "true", data_testid=f"field-{name}"),
        rx.text(label, size="2"),
        align="center",
        spacing="2",
    )
