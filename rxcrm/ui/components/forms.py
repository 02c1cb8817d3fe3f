"""Form fields that show what is wrong next to the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from reflex.vars import Var

from rxcrm.ui.components.dialogs import small_form_dialog


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


def labelled(label: str | Var, control: rx.Component, *below: rx.Component, **props: Any) -> rx.Component:
    """A form control under its label, with what goes below it (usually its `field_error`)."""
    props.setdefault("width", "100%")
    return rx.vstack(rx.text(label, size="2", weight="medium"), control, *below, spacing="1", **props)


def named_input(
    name: str, placeholder: str, testid: str, width: str, label: str | None = None, **props: Any
) -> rx.Component:
    """A text box the form submits under `name`; screen readers hear `label`, else the placeholder."""
    return rx.input(
        name=name,
        placeholder=placeholder,
        aria_label=label or placeholder,
        width=width,
        data_testid=testid,
        **props,
    )


def with_label(control: rx.Component, label: Any, spacing: str = "2") -> rx.Component:
    """A checkbox or switch with its label beside it."""
    return rx.hstack(control, rx.text(label, size="2"), align="center", spacing=spacing)


def form_grid(*fields: rx.Component, columns: str = "3") -> rx.Component:
    """Form fields side by side, `columns` to a row."""
    return rx.grid(*fields, columns=columns, spacing="3", width="100%")


def option_select(
    items: Var | list,
    testid: str | Var | None = None,
    placeholder: str | None = None,
    *,
    aria_label: str | Var | None = None,
    trigger: dict[str, Any] | None = None,
    **props: Any,
) -> rx.Component:
    """A select over dicts with 'value' and 'label'; test id, placeholder and `trigger` go on its box."""
    named = {"placeholder": placeholder, "aria_label": aria_label, "data_testid": testid}
    box = rx.select.trigger(**{k: v for k, v in named.items() if v is not None}, **(trigger or {}))
    items_shown = rx.foreach(items, lambda o: rx.select.item(o["label"], value=o["value"]))
    return rx.select.root(box, rx.select.content(items_shown), **props)


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
    control = rx.input(
        name=name,
        default_value=values[name].to(str),
        type=kind,
        on_change=clears_error(errors, name),
        width="100%",
        aria_label=label,
        data_testid=f"field-{name}",
    )
    field = labelled(label + (" *" if required else ""), control, field_error(errors, name))
    return field if hidden is None else rx.cond(hidden.contains(name), rx.fragment(), field)


def choice_field(
    label: str, name: str, values: Var, errors: Var, options: Var | list, placeholder: str = "—"
) -> rx.Component:
    """A labelled select over (value, label) pairs given as dicts with 'value' and 'label'."""
    control = option_select(
        options,
        f"field-{name}",
        placeholder,
        aria_label=label,
        trigger={"width": "100%"},
        name=name,
        default_value=values[name].to(str),
        on_change=clears_error(errors, name),
    )
    return labelled(label, control, field_error(errors, name))


def check_field(label: str, name: str, values: Var) -> rx.Component:
    """A labelled checkbox."""
    box = rx.checkbox(
        name=name,
        default_checked=values[name].to(str) == "true",
        aria_label=label,
        data_testid=f"field-{name}",
    )
    return with_label(box, label)


def form_dialog(
    title: Var | str,
    body: list[rx.Component],
    on_submit: Any,
    form_key: Var,
    is_open: Var,
    on_open_change: Any,
    save_testid: str,
    max_width: str = "800px",
    submit_label: str = "Save",
) -> rx.Component:
    """A modal form with Cancel and Save (or another verb); `form_key` changes to reset the fields."""
    return small_form_dialog(
        title,
        body,
        on_submit,
        is_open,
        on_open_change,
        submit_label,
        save_testid,
        max_width=max_width,
        spacing="4",
        reset=False,
        key=form_key.to_string(),
    )


def record_form_dialog(
    state: Any, noun: str, body: list[rx.Component], save_testid: str, max_width: str = "800px"
) -> rx.Component:
    """The 'New <noun>' / 'Edit <noun>' dialog of a FormDialog state that saves with its `submit` event."""
    title = rx.cond(state.editing_id > 0, f"Edit {noun}", f"New {noun}")
    return form_dialog(
        title,
        body,
        state.submit,
        state.form_key,
        state.form_open,
        state.set_form_open,
        save_testid,
        max_width,
    )


def lost_reason_field(problem: Var) -> rx.Component:
    """The reason a deal was lost, required; `problem` (worded, '' when none) is shown on the field."""
    return labelled(
        "Why was it lost?",
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
    )
