"""One account: data, people, opportunities, activities and history tabs."""

from __future__ import annotations

from functools import partial

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.domain.records.validation import record_id
from rxcrm.services.accounts import accounts as service
from rxcrm.services.accounts.account_rows import account_data, account_rows
from rxcrm.services.accounts.contact_rows import contact_rows
from rxcrm.services.accounts.contacts import ContactFilter, list_contacts
from rxcrm.services.pipeline.opportunities import OpportunityFilter, list_opportunities
from rxcrm.services.pipeline.rows import opportunity_rows
from rxcrm.services.records.activities import create_activity, list_activities, list_categories
from rxcrm.services.records.history import history_of
from rxcrm.services.records.listing import TAB_PAGE
from rxcrm.services.records.timeline_rows import activity_rows, history_rows
from rxcrm.ui import routes
from rxcrm.ui.accounts.account_form import AccountFormState, account_form_dialog
from rxcrm.ui.accounts.account_relations import account_relations
from rxcrm.ui.actions import acting, action, success_toast
from rxcrm.ui.commerce.contracts import record_contracts
from rxcrm.ui.commerce.email_dialog import EmailDialogState, email_button, email_dialog, show_sent_emails_on
from rxcrm.ui.commerce.invoices_tab import record_invoices
from rxcrm.ui.components.controls import action_button
from rxcrm.ui.components.forms import named_input, option_select
from rxcrm.ui.components.records import (
    activity_timeline,
    field_grid,
    history_table,
    linked_table,
    record_page,
    record_tabs,
)
from rxcrm.ui.layout import app_page
from rxcrm.ui.pipeline.account_projects import account_projects
from rxcrm.ui.records.anonymize_state import AnonymizableRecord, anonymize_dialog
from rxcrm.ui.records.delete_state import DeletableRecord, delete_confirmation
from rxcrm.ui.records.files import files_panel
from rxcrm.ui.records.follow_state import Followable, follow_button
from rxcrm.ui.records.record_page import RecordPage
from rxcrm.ui.state import AppState
from rxcrm.ui.tasks.record_tasks import record_tasks
from rxcrm.ui.tasks.task_form import new_task_button, task_form_dialog
from rxcrm.ui.tickets.account_tickets import account_tickets


class AccountDetailState(RecordPage, DeletableRecord, AnonymizableRecord, Followable, AppState):
    """The account shown and the contents of its tabs (one page of each)."""

    account_id: int = 0
    is_person: bool = False
    favourite: bool = False
    sub_accounts: list[dict[str, str]] = []
    people: list[dict[str, str]] = []
    deals: list[dict[str, str]] = []
    activities: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    categories: list[dict[str, str]] = []
    map_url: str = ""
    tab: str = "data"

    @rx.event
    def load(self):
        """Read the account and its tabs (the URL may name the tab to show: `?tab=people`)."""
        self.account_id = self._open_from_url("data")
        try:
            with acting(self.token) as (session, user):
                account = service.get_account(session, user, self.account_id)
                self.name, self.found, self.is_person = account.name, True, account.type == "person"
                self.favourite = service.is_favourite(session, user, account.id)
                self._load_followers(session, user)
                self.data_rows = account_data(session, account)
                self.map_url = service.account_map_link(session, user, account) or ""
                subs = service.list_accounts(
                    session, user, service.AccountFilter(parent_id=account.id), TAB_PAGE
                )
                self.sub_accounts = account_rows(session, subs.items)
                contacts = list_contacts(session, user, ContactFilter(account_id=account.id), TAB_PAGE)
                self.people = contact_rows(session, contacts.items)
                deals = list_opportunities(session, user, OpportunityFilter(account_id=account.id), TAB_PAGE)
                self.deals = opportunity_rows(session, deals.items)
                acts = list_activities(session, user, "account", account.id, TAB_PAGE)
                self.activities = activity_rows(session, acts.items)
                self.history = history_rows(session, history_of(session, "account", account.id))
                self.categories = [{"value": str(c.id), "label": c.name} for c in list_categories(session)]
        except DomainError:
            self._not_found()
        return EmailDialogState.check_recipient("account", self.account_id) if self.found else None

    def _followed(self) -> tuple[str, int]:
        return "account", self.account_id

    @rx.event
    @action
    def toggle_favourite(self, session: Session, user: User):
        """Add the account to 'my accounts' or take it out."""
        self.favourite = service.set_favourite(session, user, self.account_id, not self.favourite)
        return success_toast("Added to your favourites." if self.favourite else "Removed from favourites.")

    @rx.event
    @action
    def download_vcard(self, session: Session, user: User):
        """Export the account as a vCard file."""
        card = service.account_card(session, user, self.account_id)
        return rx.download(data=card, filename=f"account-{self.account_id}.vcf")

    def _delete_record(self, session: Session, user: User) -> tuple[str, str]:
        service.delete_account(session, user, self.account_id)
        return f"Account '{self.name}' deleted.", routes.ACCOUNTS

    def _anonymize_record(self, session: Session, user: User) -> None:
        service.anonymize_account(session, user, self.account_id)

    @rx.event
    @action
    def add_activity(self, session: Session, user: User, form: dict):
        """Log a sales activity on the account."""
        category = str(form.get("category_id", ""))
        data = {
            "entity": "account",
            "entity_id": self.account_id,
            "note": form.get("note") or None,
            "category_id": record_id(category),
        }
        create_activity(session, user, data)
        return [success_toast("Activity logged."), AccountDetailState.load]


def _activity_form() -> rx.Component:
    s = AccountDetailState
    return rx.form(
        rx.hstack(
            option_select(s.categories, placeholder="Category", name="category_id"),
            named_input("note", "What happened?", None, "100%"),
            rx.button("Log activity", type="submit"),
            width="100%",
        ),
        on_submit=AccountDetailState.add_activity,
        reset_on_submit=True,
        width="100%",
    )


def _delete_dialog() -> rx.Component:
    return delete_confirmation(
        AccountDetailState, "account", "The account is removed; its history stays in the log."
    )


def _header() -> rx.Component:
    s = AccountDetailState
    soft = partial(action_button, variant="soft")
    map_button = soft("Show on map", None, None, icon="map-pin")
    return rx.hstack(
        rx.heading(s.name, size="7", data_testid="account-name"),
        rx.icon_button(
            rx.icon("star", fill=rx.cond(s.favourite, "orange", "none")),
            variant="ghost",
            on_click=AccountDetailState.toggle_favourite,
            data_testid="account-favourite",
        ),
        rx.spacer(),
        follow_button(AccountDetailState),
        action_button("Edit", AccountFormState.open_edit(s.account_id), "account-edit", icon="pencil"),
        soft("Add sub-account", AccountFormState.open_new(s.account_id), None, icon="git-branch-plus"),
        rx.cond(
            s.map_url != "",
            rx.link(map_button, href=s.map_url, is_external=True, data_testid="account-map"),
        ),
        soft("vCard", AccountDetailState.download_vcard, "account-vcard", icon="contact"),
        email_button("account", s.account_id, "account-email"),
        new_task_button("account", s.account_id, "account-new-task"),
        rx.cond(s.is_person, anonymize_dialog(AccountDetailState, "Name, address, e-mail and phone")),
        _delete_dialog(),
        width="100%",
        wrap="wrap",  # the buttons go below the name rather than past 1280 px
        align="center",
        spacing="3",
    )


TABS = (
    ("Data", "data"),
    ("People", "people"),
    ("Opportunities", "opportunities"),
    ("Contracts", "contracts"),
    ("Invoices & billing", "invoices"),
    ("Activities", "activities"),
    ("Tasks", "tasks"),
    ("Projects & tickets", "tickets"),
    ("Relations", "relations"),
    ("Files", "files"),
    ("History", "history"),
)
SUB_ACCOUNT_COLUMNS = [("name", "Name"), ("city", "City"), ("owner", "Manager")]
PEOPLE_COLUMNS = [("name", "Name"), ("position", "Position"), ("email", "E-mail"), ("phone", "Phone")]
DEAL_COLUMNS = [
    ("name", "Name"),
    ("stage", "Stage"),
    ("amount", "Amount"),
    ("owner", "Owner"),
    ("close_date", "Close date"),
]


def new_contact_link(label: str, query: rx.Var, testid: str) -> rx.Component:
    """A button opening the contacts page's new-contact form, pre-filled as `query` says (`?account=7`)."""
    return rx.link(
        rx.button(rx.icon("user-plus", size=16), label, variant="soft"),
        href=routes.CONTACTS + query,
        data_testid=testid,
    )


def _projects_and_tickets() -> rx.Component:
    """The projects the account's deals belong to, then its tickets (spec §5.1)."""
    tickets = rx.vstack(rx.heading("Tickets", size="4"), account_tickets(), width="100%")
    return rx.vstack(account_projects(), tickets, width="100%", spacing="5")


def _tabs() -> rx.Component:
    s = AccountDetailState
    add_contact = new_contact_link(
        "Add contact", "?account=" + s.account_id.to_string(), "account-add-contact"
    )
    data = rx.vstack(
        field_grid(s.data_rows),
        rx.heading("Sub-accounts", size="3"),
        linked_table(s.sub_accounts, SUB_ACCOUNT_COLUMNS, routes.ACCOUNTS, "sub-account-row"),
        spacing="4",
    )
    people = rx.vstack(
        add_contact, linked_table(s.people, PEOPLE_COLUMNS, routes.CONTACTS, "person-row"), width="100%"
    )
    panels = {
        "data": data,
        "people": people,
        "opportunities": linked_table(s.deals, DEAL_COLUMNS, routes.OPPORTUNITIES, "deal-row"),
        "activities": rx.vstack(_activity_form(), activity_timeline(s.activities), width="100%"),
        "contracts": record_contracts(),
        "invoices": record_invoices(),
        "tasks": record_tasks(),
        "tickets": _projects_and_tickets(),
        "relations": account_relations(),
        "files": files_panel("account"),
        "history": history_table(s.history),
    }
    return record_tabs(s, TABS, panels)


def account_detail_content() -> rx.Component:
    """The account page body."""
    dialogs = (account_form_dialog(), email_dialog(), task_form_dialog())
    return record_page(AccountDetailState.found, "account", _header(), _tabs(), *dialogs)


account_detail_page = app_page("Account", account_detail_content)
show_sent_emails_on("account", AccountDetailState.load)
ON_LOAD = [AppState.require_login, AccountDetailState.load]
