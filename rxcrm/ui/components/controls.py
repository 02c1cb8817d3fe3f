"""The small controls every page repeats: row buttons, icon actions, toolbars, notes, section cards.

One call per control keeps pages short and alike: a row's "Edit" is
`row_button("Edit", S.edit(id), "x-edit-" + id, when=S.may_edit)`, not eight lines of props. Each takes
the test id the browser tests use and, where it may be hidden, the condition (`when`) that shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.components.el.elements.forms import Input
from reflex.vars import Var

Shown = Var | bool | None


def shown_if(when: Shown, component: rx.Component) -> rx.Component:
    """The component while `when` holds (always when None)."""
    return component if when is None else rx.cond(when, component)


def action_button(
    label: Any,
    on_click: Any,
    testid: Any,
    *,
    when: Shown = None,
    icon: str | None = None,
    color: str | None = None,
    variant: str = "solid",
    size: str = "2",
    **props: Any,
) -> rx.Component:
    """A labelled button (optionally with a leading icon); `color` e.g. "gray" or "red"."""
    if color:
        props["color_scheme"] = color
    children = (rx.icon(icon, size=14), label) if icon else (label,)
    button = rx.button(*children, on_click=on_click, variant=variant, size=size, data_testid=testid, **props)
    return shown_if(when, button)


def row_button(label: Any, on_click: Any, testid: Any, *, when: Shown = None, **props: Any) -> rx.Component:
    """The small soft button of a table row or card ("Edit", "Copy", "Open")."""
    props.setdefault("variant", "soft")
    return action_button(label, on_click, testid, when=when, size="1", **props)


def cancel_button(
    label: str = "Cancel", on_click: Any = None, testid: str | None = None, **props: Any
) -> rx.Component:
    """The grey 'Cancel' / 'Close' button of a dialog or form (type=button: it never submits)."""
    if on_click is not None:
        props["on_click"] = on_click
    if testid:
        props["data_testid"] = testid
    return rx.button(label, variant="soft", color_scheme="gray", type="button", **props)


def icon_action(
    icon: str,
    label: Any,
    on_click: Any,
    testid: Any,
    *,
    when: Shown = None,
    color: str = "gray",
    variant: str = "ghost",
    size: str | None = "1",
    **props: Any,
) -> rx.Component:
    """An icon-only button named for screen readers and on hover by `label`.

    A button `size` also sizes its icon (Radix: "1" → 12 px); without one the icon keeps 14 px.
    """
    if size is not None:
        props["size"] = size
    button = rx.icon_button(
        rx.icon(icon, size=14),
        on_click=on_click,
        variant=variant,
        color_scheme=color,
        aria_label=label,
        title=label,
        data_testid=testid,
        **props,
    )
    return shown_if(when, button)


def delete_icon(label: Any, on_click: Any, testid: Any, *, when: Shown = None, **props: Any) -> rx.Component:
    """The red bin of a row: `label` says what goes ("Delete category Travel")."""
    return icon_action("trash-2", label, on_click, testid, when=when, color="red", **props)


def toolbar(*children: rx.Component, **props: Any) -> rx.Component:
    """Controls side by side, centred, wrapping on a narrow screen."""
    props.setdefault("spacing", "2")
    return rx.hstack(*children, align="center", wrap="wrap", **props)


def buttons_end(*children: rx.Component, **props: Any) -> rx.Component:
    """A dialog's or form's buttons, right-aligned ("Cancel", then the action)."""
    props.setdefault("spacing", "3")
    return rx.hstack(*children, justify="end", width="100%", **props)


def note(*parts: Any, **props: Any) -> rx.Component:
    """A small grey explanation under a heading or beside a control (size and colour may be given)."""
    props.setdefault("size", "1")
    props.setdefault("color_scheme", "gray")
    return rx.text(*parts, **props)


def section_card(title: Any, explanation: Any, *children: rx.Component, **props: Any) -> rx.Component:
    """A titled card with one line saying what the section is for, then its content."""
    props.setdefault("width", "100%")
    return rx.card(
        rx.vstack(rx.heading(title, size="4"), note(explanation), *children, spacing="3", width="100%"),
        **props,
    )


def search_box(
    value: Var, on_change: Any, placeholder: str, testid: str, width: str = "280px", **props: Any
) -> rx.Component:
    """The type-to-filter box of a list (the caller debounces `on_change`)."""
    props.setdefault("aria_label", placeholder)
    return rx.input(
        placeholder=placeholder, value=value, on_change=on_change, width=width, data_testid=testid, **props
    )


def form_text(
    form: Var,
    set_form: Callable[[str, Any], Any],
    key: str,
    placeholder: str,
    width: str,
    label: str,
    testid: str,
) -> rx.Component:
    """A text box bound to one key of a state's form dict: each change sends `set_form(key, text)`."""
    return rx.input(
        placeholder=placeholder,
        value=form[key],
        on_change=lambda value: set_form(key, value),
        width=width,
        aria_label=label,
        data_testid=testid,
    )


def drop_zone(
    upload_id: str, content: rx.Component, on_drop: Any, testid: str, *, label: str, **props: Any
) -> rx.Component:
    """A dashed box to drop one file on or click to choose it (`props`: accept, max_size, padding…).

    `label` names the file input for screen readers ("Upload a CSV file"): react-dropzone's input is only
    visually hidden, so without a name it is an unlabelled form field (axe rule "label").
    """
    props = {"border_radius": "8px", "padding": "12px", "width": "100%", **props}
    border = f"2px dashed {rx.color('gray', 7)}"
    zone = rx.upload.root(
        content, id=upload_id, max_files=1, on_drop=on_drop, border=border, data_testid=testid, **props
    )
    _file_input(zone).custom_attrs["aria-label"] = label
    return zone


def _file_input(zone: rx.Component) -> rx.Component:
    """The `<input type=file>` inside Reflex's upload root (it gets only react-dropzone's getInputProps())."""
    for box in zone.children:
        for child in box.children:
            if isinstance(child, Input) and str(child.type) == '"file"':
                return child
    raise TypeError("rx.upload.root no longer holds an <input type=file>: drop_zone cannot name it")
