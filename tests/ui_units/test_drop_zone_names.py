"""Every drop zone names its file input for screen readers (axe rule "label"), not just the dashed box."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import reflex as rx

from rxcrm.ui.accounts.accounts import AccountsState
from rxcrm.ui.commerce.quote_templates import document_templates_section
from rxcrm.ui.components.controls import drop_zone
from rxcrm.ui.leads.imports import lead_import_content
from rxcrm.ui.records.files import files_panel
from rxcrm.ui.records.vcard_import import vcard_import_dialog


def _file_inputs(node: Any) -> Iterator[list[str]]:
    """The props of every `<input type=file>` in a rendered component tree."""
    if isinstance(node, dict):
        props = node.get("props", [])
        if node.get("name") == '"input"' and 'type:"file"' in props:
            yield props
        for value in node.values():  # children, and a cond's true_value / false_value
            yield from _file_inputs(value)
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _file_inputs(child)


def _names(component: rx.Component) -> list[str]:
    return [
        prop.split(":", 1)[1]
        for props in _file_inputs(component.render())
        for prop in props
        if prop.startswith('"aria-label":')
    ]


def test_the_file_input_carries_the_name_and_the_box_does_not() -> None:
    zone = drop_zone("upload_x", rx.text("Drop it"), None, "x-upload", label="Upload a price list")
    assert _names(zone) == ['"Upload a price list"']
    assert '"aria-label":"Upload a price list"' not in zone.render()["children"][0]["props"]


@pytest.mark.parametrize(
    ("page", "names"),
    [
        (lambda: files_panel("account"), ['"Upload a file"']),
        (lambda: vcard_import_dialog("accounts", AccountsState.load), ['"Upload a vCard file"']),
        (lead_import_content, ['"Upload a CSV file"']),
        (document_templates_section, ['"Upload a new quote template"', '"Upload a new invoice template"']),
    ],
    ids=["files", "vcard", "lead-import", "document-templates"],
)
def test_every_drop_zone_names_what_is_uploaded(page: Any, names: list[str]) -> None:
    assert _names(page()) == names
