"""Personal contacts: list with search and pagination, new/edit dialog, detail with history."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui import routes
from rxcrm.ui.accounts.contact_channels import contact_channels
from rxcrm.ui.accounts.contact_state import KIND_FILTER_OPTIONS, KIND_OPTIONS, ContactsState
from rxcrm.ui.commerce.email_dialog import email_button, email_dialog
from rxcrm.ui.components import records
from rxcrm.ui.components.controls import action_button, search_box, toolbar
from rxcrm.ui.components.dialogs import confirm_alert
from rxcrm.ui.components.forms import choice_field, form_grid, record_form_dialog, text_field
from rxcrm.ui.components.lists import filter_select, header_row, paged_table
from rxcrm.ui.components.lookup import record_lookup
from rxcrm.ui.components.owner_filter import owner_filter
from rxcrm.ui.components.records import field_grid, history_table, record_page, tab_list, tab_panel
from rxcrm.ui.layout import app_page
from rxcrm.ui.records.custom_field_inputs import custom_field_inputs
from rxcrm.ui.records.files import files_panel
from rxcrm.ui.records.follow_state import follow_button
from rxcrm.ui.records.vcard_import import vcard_import_dialog
from rxcrm.ui.state import AppState
from rxcrm.ui.tasks.task_form import new_task_button, task_form_dialog


def contact_form_dialog() -> rx.Component:
    """The modal form for a new or changed contact."""
    s = ContactsState

    def text(label: str, name: str, required: bool = False) -> rx.Component:
        return text_field(label, name, s.values, s.errors, required, hidden=s.hidden)

    choice = lambda label, name, items: choice_field(label, name, s.values, s.errors, items)  # noqa: E731
    body = [
        form_grid(
            text("Salutation", "salutation"),
            text("First name", "first_name"),
            text("Last name", "last_name", True),
            text("Position", "position"),
            text("E-mail", "email"),
            text("Phone", "phone"),
            text("Mobile", "mobile"),
        ),
        form_grid(
            record_lookup("Account", "account_id", "contact-account", "account", s.errors),
            record_lookup("Owner", "owner_id", "contact-owner", "owner", s.errors),
            choice("Works as", "kind", KIND_OPTIONS),
            record_lookup("Partner (for consultants)", "partner_id", "contact-partner", "partner", s.errors),
            columns="2",
        ),
        custom_field_inputs(ContactsState, s.values, s.errors),
    ]
    return record_form_dialog(ContactsState, "contact", body, "contact-save", "760px")


def _row(r: dict) -> rx.Component:
    keys = ("name", "position", "account", "email", "phone", "owner")
    return records.linked_row(r, keys, routes.CONTACTS, "contact-row")


def contacts_content() -> rx.Component:
    """The contacts list body."""
    s = ContactsState
    columns = (("Name", "last_name"), "Position", "Account", ("E-mail", "email"), "Phone", "Owner")
    return rx.vstack(
        toolbar(
            search_box(s.q, s.set_q.debounce(300), "Search name, e-mail, phone…", "contacts-search", "300px"),
            owner_filter(ContactsState, "filter-owner_filter", "contacts-owner-filter"),
            filter_select(ContactsState, "kind_filter", KIND_FILTER_OPTIONS, "Kind"),
            rx.spacer(),
            vcard_import_dialog("contacts", ContactsState.load),
            action_button("New contact", ContactsState.open_form(0), "contact-new", icon="plus"),
            width="100%",
            spacing="3",
        ),
        paged_table(s, header_row(s, *columns), _row, "No contacts match."),
        contact_form_dialog(),
        width="100%",
        spacing="4",
    )


def _detail_header() -> rx.Component:
    s = ContactsState
    question = (
        "Name, e-mail, phones and custom fields are erased from the contact and its history. "
        "This cannot be undone."
    )
    return rx.hstack(
        rx.heading(s.name, size="7", data_testid="contact-name"),
        rx.spacer(),
        follow_button(ContactsState),
        action_button("Edit", ContactsState.open_form(s.contact_id), "contact-edit"),
        action_button("Delete", ContactsState.delete, "contact-delete", color="red", variant="soft"),
        action_button("vCard", ContactsState.download_vcard, "contact-vcard", variant="soft"),
        email_button("contact", s.contact_id, "contact-email"),
        new_task_button("contact", s.contact_id, "contact-new-task"),
        confirm_alert(
            "Erase this person's data?",
            question,
            "Erase",
            ContactsState.anonymize,
            trigger=action_button("Anonymize", None, "contact-anonymize", color="gray", variant="soft"),
            open=s.anonymize_open,
            on_open_change=ContactsState.set_anonymize_open,
        ),
        width="100%",
        wrap="wrap",  # the buttons go below the name rather than past 1280 px
    )


def contact_detail_content() -> rx.Component:
    """One contact: data, opportunities, files, history."""
    s = ContactsState
    deal = lambda d: rx.link(  # noqa: E731
        d["name"] + " — " + d["stage"] + " — " + d["amount"], href=routes.OPPORTUNITIES + "/" + d["id"]
    )
    tabs = rx.tabs.root(
        tab_list(
            ("Data", "data"),
            ("Opportunities", "deals"),
            ("Activities", "activities"),
            ("Files", "files"),
            ("History", "history"),
        ),
        tab_panel(rx.vstack(field_grid(s.data_rows), contact_channels(), spacing="4"), "data"),
        tab_panel(rx.vstack(rx.foreach(s.deals, deal)), "deals"),
        tab_panel(records.activity_timeline(s.activities), "activities"),
        tab_panel(files_panel("contact"), "files"),
        tab_panel(history_table(s.history), "history"),
        default_value="data",
        width="100%",
    )
    dialogs = (contact_form_dialog(), email_dialog(), task_form_dialog())
    return record_page(s.found, "contact", _detail_header(), tabs, *dialogs)


contacts_page = app_page("Contacts", contacts_content)
contact_detail_page = app_page("Contact", contact_detail_content)
LIST_ON_LOAD = [AppState.require_login, ContactsState.load, ContactsState.open_for_account]
DETAIL_ON_LOAD = [AppState.require_login, ContactsState.load_one]
