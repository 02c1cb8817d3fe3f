"""The admin's Settings page: every toggle saves at once, with a confirmation."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.settings.catalogue import BY_KEY
from rxcrm.ui.commerce.quote_templates import document_templates_section
from rxcrm.ui.commerce.settings_email_templates import email_templates_section
from rxcrm.ui.commerce.settings_product_categories import product_categories_section
from rxcrm.ui.commerce.settings_smtp import mail_server_section
from rxcrm.ui.components.controls import note
from rxcrm.ui.components.read_gate import not_available
from rxcrm.ui.layout import app_page
from rxcrm.ui.settings.access import access_section, api_keys_section
from rxcrm.ui.settings.campaign_statuses import campaign_statuses_section
from rxcrm.ui.settings.contact_types import contact_types_section
from rxcrm.ui.settings.currencies import currencies_section
from rxcrm.ui.settings.custom_fields import custom_fields_section
from rxcrm.ui.settings.matrices import field_visibility_section, permissions_section
from rxcrm.ui.settings.parts import saved_on_leave, settings_card
from rxcrm.ui.settings.pipeline_section import configuration_sections
from rxcrm.ui.settings.sections import section_nav
from rxcrm.ui.settings.state import ACCOUNT_TYPE_LABELS, SettingsState, _specs
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


def _setting_row(label: str | rx.Var, control: rx.Component) -> rx.Component:
    """A setting's name, then the control that changes it."""
    return rx.hstack(rx.text(label, size="2", width="320px"), control, align="center")


def _text_setting(spec: dict) -> rx.Component:
    key = spec["key"]
    save = lambda v: SettingsState.set_text(key, v)  # noqa: E731
    text = saved_on_leave(SettingsState.texts[key].to(str), save, spec["label"], "200px", "setting-" + key)
    return _setting_row(spec["label"], text)


def _picker(key: str, items: dict[str, str] | rx.Var) -> rx.Component:
    """A setting picked from a list: a fixed label map, or a list var of codes."""
    options = (
        [rx.select.item(label, value=value) for value, label in items.items()]
        if isinstance(items, dict)
        else [rx.foreach(items, lambda code: rx.select.item(code, value=code))]
    )
    choice = rx.select.root(
        rx.select.trigger(width="200px", aria_label=BY_KEY[key].label, data_testid="setting-" + key),
        rx.select.content(*options),
        value=SettingsState.texts[key].to(str),
        on_change=lambda v: SettingsState.pick(key, v),
    )
    return _setting_row(BY_KEY[key].label, choice)


def settings_content() -> rx.Component:
    """All settings sections for admins; directors set the user targets only; partner users get a note."""
    return rx.cond(
        SettingsState.no_access != "",
        not_available(SettingsState.no_access, "settings-not-available"),
        _staff_settings(),
    )


def _sections() -> dict[str, rx.Component]:
    return {
        "users": access_section(),
        "permissions": permissions_section(),
        "field-visibility": field_visibility_section(),
        "ownership": settings_card("Ownership", rx.foreach(_specs("Ownership", bool), _toggle)),
        "pipeline": configuration_sections(),
        "custom-fields": custom_fields_section(),
        "workflows": workflows_section(),
        "qualification": settings_card(
            "Lead qualification",
            _picker("lead_qualification_account_type", ACCOUNT_TYPE_LABELS),
        ),
        "intake": rx.vstack(
            settings_card(
                "Lead intake",
                note(
                    "How many requests one API key may send to the lead intake endpoint per minute; "
                    "0 switches the limit off.",
                    size="2",
                ),
                rx.foreach(_specs("Lead intake", int), _text_setting),
            ),
            api_keys_section(),
            spacing="4",
            width="100%",
        ),
        "campaign-statuses": campaign_statuses_section(),
        "contact-types": contact_types_section(),
        "currencies": currencies_section(),
        "product-categories": product_categories_section(),
        "documents": document_templates_section(),
        "email": rx.vstack(mail_server_section(), email_templates_section(), spacing="4", width="100%"),
        "targets": targets_section(),
        "general": settings_card(
            "General",
            _picker("board_currency", SettingsState.currency_choices),
            note("Pick from the currencies with an exchange rate (Settings › Exchange rates)."),
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
