"""Form fields that show what is wrong next to the field."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.event import EventSpec
from reflex.vars import Var


def _form_state(var: Var) -> type[rx.State]:
    """The state a form's `errors` (or problem) var belongs to: it knows how to take a problem away."""
    return rx.State.get_class_substate(var._get_all_var_data().state)


def clears_problem(shown: Var, clear: EventSpec) -> Callable[[Var], Var]:
    """A control's change trigger sending `clear` while a problem shows, and nothing otherwise.

    So fixing a field takes its message away at once, with one small event, and typing in a field
    without a problem costs no round trip (the else branch is a browser-side no-op).
    """
    return lambda _value: rx.cond(shown, clear, rx.noop())


def clears_error(errors: Var, name: str | Var) -> Callable[[Var], Var]:
    """The change trigger of field `name`: its problem in `errors` goes as soon as the user edits it."""
    return clears_problem(errors.contains(name), _form_state(errors).clear_error(name))


def field_error(errors: Var, name: str | Var) -> rx.Component:
    """The message for one field, when there is one (the field's control clears it: `clears_error`)."""
    return rx.cond(
        errors.contains(name),
        rx.text(errors[name], color_scheme="red", size="1", data_testid="error-" + name),
    )


def text_field(
    label: str,
    name: str,
    values: Var,
    errors: Var,
    required: bool = False,
    kind: str = "text",
    hidden: Var | None = None,
) -> rx.Component:
    """A labelled text input bound to the form's initial values; left out when `hidden` names it."""
    field = rx.vstack(
        rx.text(label + (" *" if required else ""), size="2", weight="medium"),
        rx.input(
            name=name,
            default_value=values[name].to(str),
            type=kind,
            on_change=clears_error(errors, name),
            width="100%",
            aria_label=label,
            data_testid=f"field-{name}",
        ),
        field_error(errors, name),
        spacing="1",
        width="100%",
    )
    return field if hidden is None else rx.cond(hidden.contains(name), rx.fragment(), field)


def choice_field(
    label: str, name: str, values: Var, errors: Var, options: Var | list, placeholder: str = "—"
) -> rx.Component:
    """A labelled select over (value, label) pairs given as dicts with 'value' and 'label'."""
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(
                placeholder=placeholder, width="100%", aria_label=label, data_testid=f"field-{name}"
            ),
            rx.select.content(rx.foreach(options, lambda o: rx.select.item(o["label"], value=o["value"]))),
            name=name,
            default_value=values[name].to(str),
            on_change=clears_error(errors, name),
        ),
        field_error(errors, name),
        spacing="1",
        width="100%",
    )


def check_field(label: str, name: str, values: Var) -> rx.Component:
    """A labelled checkbox."""
    return rx.hstack(
        rx.checkbox(
            name=name,
            default_checked=values[name].to(str) == "true",
            aria_label=label,
            data_testid=f"field-{name}",
        ),
        rx.text(label, size="2"),
        align="center",
        spacing="2",
    )


def custom_fields_field(values: Var, errors: Var) -> rx.Component:
    """Custom fields edited as 'name = value' lines."""
    return rx.vstack(
        rx.text("Custom fields (one 'name = value' per line)", size="2", weight="medium"),
        rx.text_area(
            name="custom",
            default_value=values["custom"].to(str),
            width="100%",
            rows="3",
            on_change=clears_error(errors, "custom"),
            aria_label="Custom fields",
            data_testid="field-custom",
        ),
        field_error(errors, "custom"),
        spacing="1",
        width="100%",
    )


def form_dialog(
    title: Var | str,
    body: list[rx.Component],
    on_submit,
    form_key: Var,
    is_open: Var,  # noqa: ANN001
    on_open_change,
    save_testid: str,
    max_width: str = "800px",
    submit_label: str = "Save",
) -> rx.Component:  # noqa: ANN001
    """A modal form with Cancel and Save (or another verb); `form_key` changes to reset the fields."""
    buttons = rx.hstack(
        rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray", type="button")),
        rx.button(submit_label, type="submit", data_testid=save_testid),
        justify="end",
        width="100%",
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.form(
                rx.vstack(*body, buttons, spacing="4", width="100%"),
                on_submit=on_submit,
                key=form_key.to_string(),
                width="100%",
            ),
            max_width=max_width,
        ),
        open=is_open,
        on_open_change=on_open_change,
    )


def lost_reason_field(problem: Var) -> rx.Component:
    """The reason a deal was lost, required; `problem` (worded, '' when none) is shown on the field."""
    return rx.vstack(
        rx.text("Why was it lost?", size="2", weight="medium"),
        rx.text_area(
            name="reason",
            placeholder="e.g. price, timing, competitor",
            aria_invalid=rx.cond(problem != "", "true", "false"),
            on_change=clears_problem(problem != "", _form_state(problem).clear_lost_error()),
            style=rx.cond(problem != "", {"box-shadow": f"inset 0 0 0 1px {rx.color('red', 8)}"}, {}),
            width="100%",
            aria_label="Why was it lost?",
            data_testid="lost-reason",
        ),
        rx.cond(problem != "", rx.text(problem, color_scheme="red", size="1", data_testid="error-reason")),
        spacing="1",
        width="100%",
    )
