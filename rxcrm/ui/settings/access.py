"""Settings › Users & access (role and access level of each user) and › API keys (create, revoke)."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.people.access import PARTNER
from rxcrm.domain.people.users import ROLE_LABELS
from rxcrm.ui.components.controls import action_button, note, row_button
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.settings.parts import settings_card
from rxcrm.ui.settings.state import ACCESS_LABELS, PARTNER_ACCESS, SettingsState


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


def _user_row(u: dict) -> rx.Component:
    partner_only = rx.text(PARTNER_ACCESS, size="2", data_testid="user-access-partner-" + u["id"])
    return rx.table.row(
        rx.table.cell(u["name"]),
        rx.table.cell(u["email"]),
        rx.table.cell(_choice(u, "role", ROLE_LABELS)),
        rx.table.cell(
            rx.cond(u["scope"] == PARTNER, partner_only, _choice(u, "access_level", ACCESS_LABELS))
        ),
    )


def access_section() -> rx.Component:
    """Every user with their role and access level, changed in place."""
    return settings_card(
        "Access",
        note(
            "Limited users see only the records they manage or follow (spec §1.5); "
            "private accounts stay with their creator, global ones are seen by all.",
            size="2",
        ),
        heads_table(
            ("User", "E-mail", "Role", "Access level"),
            rx.foreach(SettingsState.users, _user_row),
            width="100%",
            size="1",
        ),
    )


def _api_key_row(k: dict) -> rx.Component:
    return rx.hstack(
        rx.text(k["name"], weight="medium"),
        rx.code(k["prefix"]),
        rx.badge(k["status"]),
        row_button(
            "Revoke", SettingsState.revoke_key(k["id"]), None, when=k["status"] == "active", color="red"
        ),
        align="center",
    )


def api_keys_section() -> rx.Component:
    """Name and create a key (shown once), revoke an active one."""
    s = SettingsState
    return settings_card(
        "API keys",
        rx.hstack(
            rx.input(
                placeholder="Key name, e.g. Website form",
                value=s.new_key_name,
                on_change=SettingsState.set_new_key_name,
                aria_label="Key name",
                data_testid="api-key-name",
            ),
            action_button("Create key", SettingsState.create_key, "api-key-create"),
        ),
        rx.cond(
            s.new_key != "",
            rx.callout(
                rx.text("New key (shown once): ", rx.code(s.new_key)), icon="key", data_testid="api-key-new"
            ),
        ),
        rx.foreach(s.api_keys, _api_key_row),
    )
