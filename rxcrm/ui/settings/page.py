"""The admin's Settings page: every toggle saves at once, with a confirmation."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.people.access import PARTNER
from rxcrm.domain.people.field_visibility import LIMITABLE_FIELDS
from rxcrm.domain.people.permissions import ACTIONS, EDITABLE_ROLES, ENTITIES
from rxcrm.domain.people.users import ROLE_LABELS
from rxcrm.domain.settings.catalogue import BY_KEY
from rxcrm.ui.commerce.settings_product_categories import product_categories_section
from rxcrm.ui.components.read_gate import not_available
from rxcrm.ui.layout import app_page
from rxcrm.ui.settings.configuration import configuration_sections
from rxcrm.ui.settings.currencies import currencies_section
from rxcrm.ui.settings.custom_fields import custom_fields_section
from rxcrm.ui.settings.sections import section_nav
from rxcrm.ui.settings.state import (
    ACCESS_LABELS,
    ACCOUNT_TYPE_LABELS,
    PARTNER_ACCESS,
    SettingsState,
    _specs,
)
from rxcrm.ui.settings.targets import targets_section
from rxcrm.ui.settings.workflows import workflows_section
from rxcrm.ui.state import AppState


def _toggle(spec: dict) -> rx.Component:
    s = SettingsState
    parent_off = (spec["parent"] != "") & ~s.toggles[spec["parent"]].to(bool)
    return rx.hstack(
        rx.switch(
            checked=s.toggles[spec["key"]].to(bool),
            disabled=parent_off,
            on_change=lambda v: SettingsState.set_toggle(spec["key"], v),
            aria_label=spec["label"],
            data_testid="setting-" + spec["key"],
        ),
        rx.text(spec["label"], size="2", color_scheme=rx.cond(parent_off, "gray", None)),
        align="center",
        spacing="3",
        padding_left=rx.cond(spec["parent"] != "", "28px", "0"),
    )


def _text_setting(spec: dict) -> rx.Component:
    return rx.hstack(
        rx.text(spec["label"], size="2", width="320px"),
        rx.input(
            default_value=SettingsState.texts[spec["key"]].to(str),
            width="200px",
            on_blur=lambda v: SettingsState.set_text(spec["key"], v),
            aria_label=spec["label"],
            data_testid="setting-" + spec["key"],
        ),
        align="center",
    )


def _picker(key: str, items: dict[str, str] | rx.Var) -> rx.Component:
    """A setting picked from a list: a fixed label map, or a list var of codes."""
    options = (
        [rx.select.item(label, value=value) for value, label in items.items()]
        if isinstance(items, dict)
        else [rx.foreach(items, lambda code: rx.select.item(code, value=code))]
    )
    return rx.hstack(
        rx.text(BY_KEY[key].label, size="2", width="320px"),
        rx.select.root(
            rx.select.trigger(width="200px", aria_label=BY_KEY[key].label, data_testid="setting-" + key),
            rx.select.content(*options),
            value=SettingsState.texts[key].to(str),
            on_change=lambda v: SettingsState.pick(key, v),
        ),
        align="center",
    )


def _section(title: str, *children: rx.Component) -> rx.Component:
    return rx.card(rx.vstack(rx.heading(title, size="4"), *children, spacing="3", width="100%"), width="100%")


def _choice(user: dict, field: str, items: dict[str, str]) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(
            aria_label=field.replace("_", " ").capitalize() + " of " + user["name"],
            data_testid="user-" + field + "-" + user["id"],
        ),
        rx.select.content(*(rx.select.item(label, value=value) for value, label in items.items())),
        value=user[field],
        on_change=lambda v: SettingsState.set_user_field(user["id"], field, v),
    )


def _access() -> rx.Component:
    header = rx.table.row(
        *(rx.table.column_header_cell(h) for h in ("User", "E-mail", "Role", "Access level"))
    )
    row = lambda u: rx.table.row(  # noqa: E731
        rx.table.cell(u["name"]),
        rx.table.cell(u["email"]),
        rx.table.cell(_choice(u, "role", ROLE_LABELS)),
        rx.table.cell(
            rx.cond(
                u["scope"] == PARTNER,
                rx.text(PARTNER_ACCESS, size="2", data_testid="user-access-partner-" + u["id"]),
                _choice(u, "access_level", ACCESS_LABELS),
            )
        ),
    )
    return _section(
        "Access",
        rx.text(
            "Limited users see only the records they manage or follow (spec §1.5); "
            "private accounts stay with their creator, global ones are seen by all.",
            size="2",
            color_scheme="gray",
        ),
        rx.table.root(
            rx.table.header(header),
            rx.table.body(rx.foreach(SettingsState.users, row)),
            width="100%",
            size="1",
        ),
    )


def _api_keys() -> rx.Component:
    s = SettingsState
    return _section(
        "API keys",
        rx.hstack(
            rx.input(
                placeholder="Key name, e.g. Website form",
                value=s.new_key_name,
                on_change=SettingsState.set_new_key_name,
                aria_label="Key name",
                data_testid="api-key-name",
            ),
            rx.button("Create key", on_click=SettingsState.create_key, data_testid="api-key-create"),
        ),
        rx.cond(
            s.new_key != "",
            rx.callout(
                rx.text("New key (shown once): ", rx.code(s.new_key)), icon="key", data_testid="api-key-new"
            ),
        ),
        rx.foreach(
            s.api_keys,
            lambda k: rx.hstack(
                rx.text(k["name"], weight="medium"),
                rx.code(k["prefix"]),
                rx.badge(k["status"]),
                rx.cond(
                    k["status"] == "active",
                    rx.button(
                        "Revoke",
                        size="1",
                        variant="soft",
                        color_scheme="red",
                        on_click=SettingsState.revoke_key(k["id"]),
                    ),
                ),
                align="center",
            ),
        ),
    )


def _permissions() -> rx.Component:
    cells = SettingsState.permission_cells

    def role_table(role: str) -> rx.Component:
        header = rx.table.row(
            rx.table.column_header_cell(ROLE_LABELS[role]), *(rx.table.column_header_cell(a) for a in ACTIONS)
        )
        rows = [
            rx.table.row(
                rx.table.cell(entity.replace("_", " ")),
                *(
                    rx.table.cell(
                        rx.checkbox(
                            checked=cells[f"{role}.{entity}.{action}"].to(bool),
                            on_change=lambda v, c=f"{role}.{entity}.{action}": SettingsState.set_permission(
                                c, v
                            ),
                            aria_label=f"{ROLE_LABELS[role]}: {action} {entity.replace('_', ' ')}",
                            data_testid=f"permission-{role}-{entity}-{action}",
                        )
                    )
                    for action in ACTIONS
                ),
            )
            for entity in ENTITIES
        ]
        return rx.box(
            rx.table.root(rx.table.header(header), rx.table.body(*rows), size="1"),
            overflow_x="auto",
            max_width="100%",
            flex="0 0 auto",
            data_testid=f"permission-matrix-{role}",
        )

    return _section(
        "Roles & permissions",
        rx.text(
            "Admins may always do everything. Without 'view' a role sees none of those records.",
            size="2",
            color_scheme="gray",
        ),
        rx.flex(*(role_table(r) for r in EDITABLE_ROLES), wrap="wrap", gap="5", width="100%"),
    )


def _field_visibility() -> rx.Component:
    cells = SettingsState.field_cells
    header = rx.table.row(
        rx.table.column_header_cell("Field"),
        *(rx.table.column_header_cell(ROLE_LABELS[r]) for r in EDITABLE_ROLES),
    )
    rows = [
        rx.table.row(
            rx.table.cell(f"{entity} · {field.replace('_', ' ')}"),
            *(
                rx.table.cell(
                    rx.checkbox(
                        checked=cells[f"{entity}.{field}.{role}"].to(bool),
                        on_change=lambda v, c=f"{entity}.{field}.{role}": SettingsState.set_field_role(c, v),
                        aria_label=f"{ROLE_LABELS[role]} sees {entity} {field.replace('_', ' ')}",
                        data_testid=f"field-visibility-{entity}-{field}-{role}",
                    )
                )
                for role in EDITABLE_ROLES
            ),
        )
        for entity, fields in LIMITABLE_FIELDS.items()
        for field in fields
    ]
    return _section(
        "Field visibility",
        rx.text(
            "Tick roles to limit a field to them; with no role ticked everyone sees it. "
            "Admins always see every field.",
            size="2",
            color_scheme="gray",
        ),
        rx.table.root(rx.table.header(header), rx.table.body(*rows), size="1"),
    )


def settings_content() -> rx.Component:
    """All settings sections for admins; directors set the user targets only; partner users get a note."""
    return rx.cond(
        SettingsState.no_access != "",
        not_available(SettingsState.no_access, "settings-not-available"),
        _staff_settings(),
    )


def _sections() -> dict[str, rx.Component]:
    return {
        "users": _access(),
        "permissions": _permissions(),
        "field-visibility": _field_visibility(),
        "ownership": _section("Ownership", rx.foreach(_specs("Ownership", bool), _toggle)),
        "pipeline": configuration_sections(),
        "custom-fields": custom_fields_section(),
        "workflows": workflows_section(),
        "qualification": _section(
            "Lead qualification",
            _picker("lead_qualification_account_type", ACCOUNT_TYPE_LABELS),
        ),
        "intake": rx.vstack(
            _section(
                "Lead intake",
                rx.text(
                    "How many requests one API key may send to the lead intake endpoint per minute; "
                    "0 switches the limit off.",
                    size="2",
                    color_scheme="gray",
                ),
                rx.foreach(_specs("Lead intake", int), _text_setting),
            ),
            _api_keys(),
            spacing="4",
            width="100%",
        ),
        "currencies": currencies_section(),
        "product-categories": product_categories_section(),
        "targets": targets_section(),
        "general": _section(
            "General",
            _picker("board_currency", SettingsState.currency_choices),
            rx.text(
                "Pick from the currencies with an exchange rate (Settings › Exchange rates).",
                size="1",
                color_scheme="gray",
            ),
            rx.foreach(_specs("Misc", bool), _toggle),
            rx.foreach(_specs("Misc", int), _text_setting),
        ),
    }


def _admin_settings() -> rx.Component:
    """The section list on the left, the open section beside it (its own URL: /settings/<section>)."""
    return rx.hstack(
        section_nav(SettingsState.section),
        rx.box(
            rx.match(SettingsState.section, *_sections().items(), rx.fragment()),
            flex="1",
            min_width="0",
            data_testid="settings-section-" + SettingsState.section,
        ),
        spacing="5",
        align="start",
        width="100%",
    )


def _staff_settings() -> rx.Component:
    return rx.cond(
        AppState.is_admin,
        _admin_settings(),
        rx.vstack(
            rx.callout(
                "Settings are for admins. Ask an admin to change them.",
                icon="lock",
                data_testid="settings-admin-only",
            ),
            rx.cond(AppState.user_role == "director", targets_section()),
            spacing="4",
            width="100%",
        ),
    )


settings_page = app_page("Settings", settings_content)
ON_LOAD = [AppState.require_login, SettingsState.load]
