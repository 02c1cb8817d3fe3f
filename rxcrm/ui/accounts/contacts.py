"""Personal contacts: list with search and pagination, new/edit dialog, detail with history."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui import routes
from rxcrm.ui.accounts.contact_state import KIND_FILTER_OPTIONS, KIND_OPTIONS, ContactsState
from rxcrm.ui.components.forms import choice_field, form_dialog, text_field
from rxcrm.ui.components.lists import empty_state, filter_select, pager, sort_header
from rxcrm.ui.components.lookup import record_lookup
from rxcrm.ui.components.owner_filter import owner_filter
from rxcrm.ui.components.records import field_grid, history_table, not_found
from rxcrm.ui.layout import app_page
from rxcrm.ui.records.custom_field_inputs import custom_field_inputs
from rxcrm.ui.records.follow_state import follow_button
from rxcrm.ui.state import AppState


def contact_form_dialog() -> rx.Component:
    """The modal form for a new or changed contact."""
    s = ContactsState

    def text(label: str, name: str, required: bool = False) -> rx.Component:
        return text_field(label, name, s.values, s.errors, required, hidden=s.hidden)

    choice = lambda label, name, items: choice_field(label, name, s.values, s.errors, items)  # noqa: E731
    body = [
        rx.grid(
            text("Salutation", "salutation"),
            text("First name", "first_name"),
            text("Last name", "last_name", True),
            text("Position", "position"),
            text("E-mail", "email"),
            text("Phone", "phone"),
            text("Mobile", "mobile"),
            columns="3",
            spacing="3",
            width="100%",
        ),
        rx.grid(
            record_lookup("Account", "account_id", "contact-account", "account", s.errors),
            record_lookup("Owner", "owner_id", "contact-owner", "owner", s.errors),
            choice("Works as", "kind", KIND_OPTIONS),
            record_lookup("Partner (for consultants)", "partner_id", "contact-partner", "partner", s.errors),
            columns="2",
            spacing="3",
            width="100%",
        ),
        custom_field_inputs(ContactsState, s.values, s.errors),
    ]
    title = rx.cond(s.editing_id > 0, "Edit contact", "New contact")
    return form_dialog(
        title,
        body,
        ContactsState.submit,
        s.form_key,
        s.form_open,
        ContactsState.set_form_open,
        "contact-save",
        "760px",
    )


def contacts_content() -> rx.Component:
    """The contacts list body."""
    s = ContactsState
    row = lambda r: rx.table.row(  # noqa: E731
        rx.table.cell(rx.link(r["name"], href=routes.CONTACTS + "/" + r["id"])),
        rx.table.cell(r["position"]),
        rx.table.cell(r["account"]),
        rx.table.cell(r["email"]),
        rx.table.cell(r["phone"]),
        rx.table.cell(r["owner"]),
        data_testid="contact-row",
    )
    return rx.vstack(
        rx.hstack(
            rx.input(
                placeholder="Search name, e-mail, phone…",
                value=s.q,
                on_change=s.set_q.debounce(300),
                width="300px",
                data_testid="contacts-search",
            ),
            owner_filter(ContactsState, "filter-owner_filter", "contacts-owner-filter"),
            filter_select(ContactsState, "kind_filter", KIND_FILTER_OPTIONS, "Kind"),
            rx.spacer(),
            rx.button(
                rx.icon("plus", size=16),
                "New contact",
                on_click=ContactsState.open_form(0),
                data_testid="contact-new",
            ),
            width="100%",
        ),
        rx.cond(
            s.rows.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        sort_header("Name", "last_name", s.sort, s.sort_by, s.hidden_columns),
                        rx.table.column_header_cell("Position"),
                        rx.table.column_header_cell("Account"),
                        sort_header("E-mail", "email", s.sort, s.sort_by, s.hidden_columns),
                        rx.table.column_header_cell("Phone"),
                        rx.table.column_header_cell("Owner"),
                    )
                ),
                rx.table.body(rx.foreach(s.rows, row)),
                width="100%",
                variant="surface",
            ),
            empty_state("No contacts match."),
        ),
        pager(s.total, s.offset, s.limit, s.previous_page, s.next_page),
        contact_form_dialog(),
        width="100%",
        spacing="4",
    )


def contact_detail_content() -> rx.Component:
    """One contact: data, opportunities, history."""
    s = ContactsState
    return rx.cond(
        s.found,
        rx.vstack(
            rx.hstack(
                rx.heading(s.name, size="7", data_testid="contact-name"),
                rx.spacer(),
                follow_button(ContactsState),
                rx.button("Edit", on_click=ContactsState.open_form(s.contact_id), data_testid="contact-edit"),
                rx.button(
                    "Delete",
                    color_scheme="red",
                    variant="soft",
                    on_click=ContactsState.delete,
                    data_testid="contact-delete",
                ),
                rx.button(
                    "vCard",
                    variant="soft",
                    on_click=ContactsState.download_vcard,
                    data_testid="contact-vcard",
                ),
                rx.alert_dialog.root(
                    rx.alert_dialog.trigger(
                        rx.button(
                            "Anonymize", variant="soft", color_scheme="gray", data_testid="contact-anonymize"
                        )
                    ),
                    rx.alert_dialog.content(
                        rx.alert_dialog.title("Erase this person's data?"),
                        rx.alert_dialog.description(
                            "Name, e-mail, phones and custom fields are erased from the contact "
                            "and its history. This cannot be undone."
                        ),
                        rx.hstack(
                            rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                            rx.alert_dialog.action(
                                rx.button("Erase", color_scheme="red", on_click=ContactsState.anonymize)
                            ),
                            justify="end",
                            spacing="3",
                        ),
                    ),
                    open=s.anonymize_open,
                    on_open_change=ContactsState.set_anonymize_open,
                ),
                width="100%",
            ),
            rx.tabs.root(
                rx.tabs.list(
                    rx.tabs.trigger("Data", value="data"),
                    rx.tabs.trigger("Opportunities", value="deals"),
                    rx.tabs.trigger("History", value="history", data_testid="tab-history"),
                ),
                rx.tabs.content(rx.box(field_grid(s.data_rows), padding_top="16px"), value="data"),
                rx.tabs.content(
                    rx.vstack(
                        rx.foreach(
                            s.deals,
                            lambda d: rx.link(
                                d["name"] + " — " + d["stage"] + " — " + d["amount"],
                                href=routes.OPPORTUNITIES + "/" + d["id"],
                            ),
                        ),
                        padding_top="16px",
                    ),
                    value="deals",
                ),
                rx.tabs.content(rx.box(history_table(s.history), padding_top="16px"), value="history"),
                default_value="data",
                width="100%",
            ),
            contact_form_dialog(),
            width="100%",
            spacing="4",
        ),
        not_found("contact"),
    )


contacts_page = app_page("Contacts", contacts_content)
contact_detail_page = app_page("Contact", contact_detail_content)
LIST_ON_LOAD = [AppState.require_login, ContactsState.load, ContactsState.open_for_account]
DETAIL_ON_LOAD = [AppState.require_login, ContactsState.load_one]
