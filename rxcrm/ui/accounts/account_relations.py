"""An account's Relations tab: its linked accounts (shown on both) and its parent and sub-accounts."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.accounts.relations import RELATION_LABELS
from rxcrm.services.accounts import account_relations as service
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.components.conversion import optional_id, record_id_from_path, record_ref
from rxcrm.ui.components.dialogs import inline_form
from rxcrm.ui.components.forms import named_input
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.state import AppState

LOOKUP = "relation-account"
LABELS_LIST = "relation-labels"


def _rows(linked: list[service.LinkedAccount]) -> list[dict[str, str]]:
    return [
        {
            "id": str(r.relation_id),
            "account_id": str(r.related_account_id),
            "name": r.related_account_name,
            "label": r.label,
        }
        for r in linked
    ]


class AccountRelationsState(AppState):
    """The links of the account the page shows, and its parent and sub-accounts."""

    account_id: int = 0
    links: list[dict[str, str]] = []
    family: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the account's links and family (the account's id is the page's)."""
        self.account_id = record_id_from_path(self.router.url.path)
        self.links = _rows(service.list_relations(session, user, self.account_id))
        self.family = _rows(service.family(session, user, self.account_id))

    @rx.event
    @action
    def link(self, session: Session, user: User, form: dict):
        """Link the account picked with the label typed or chosen."""
        data = {
            "related_account_id": optional_id(form.get("related_account_id")),
            "label": form.get("label", ""),
        }
        linked = service.link_accounts(session, user, self.account_id, data)
        self.links = _rows(service.list_relations(session, user, self.account_id))
        return [success_toast(f"Linked to '{linked.related_account_name}'."), LookupState.clear(LOOKUP)]

    @rx.event
    @action
    def unlink(self, session: Session, user: User, relation_id: str):
        """Remove a link (it disappears from both accounts)."""
        service.unlink_accounts(session, user, self.account_id, record_ref(relation_id))
        self.links = _rows(service.list_relations(session, user, self.account_id))
        return success_toast("Link removed.")


def _linked(r: rx.Var, removable: bool) -> rx.Component:
    remove = delete_icon(
        "Remove link to " + r["name"], AccountRelationsState.unlink(r["id"]), "relation-remove-" + r["id"]
    )
    return rx.table.row(
        rx.table.cell(rx.link(r["name"], href=routes.ACCOUNTS + "/" + r["account_id"])),
        rx.table.cell(r["label"]),
        rx.table.cell(remove if removable else rx.fragment()),
        data_testid="relation-row" if removable else "family-row",
    )


def _table(rows: rx.Var, removable: bool, empty: str) -> rx.Component:
    return rx.cond(
        rows.length() > 0,
        rx.table.root(
            rx.table.body(rx.foreach(rows, lambda r: _linked(r, removable))), size="1", width="100%"
        ),
        note(empty, size="2"),
    )


def _link_form() -> rx.Component:
    label = named_input(
        "label", "Supplier, Customer…", "relation-label", "220px", "What the account is", list=LABELS_LIST
    )
    return inline_form(
        AccountRelationsState.link,
        rx.box(
            record_lookup("Account", "related_account_id", LOOKUP, "account", show_label=False), width="260px"
        ),
        label,
        rx.el.datalist(*(rx.el.option(value=v) for v in RELATION_LABELS), id=LABELS_LIST),
        button="Link account",
        testid="relation-add",
        width="auto",
    )


def account_relations() -> rx.Component:
    """The Relations tab: linked accounts with what each is to this one, then the parent and sub-accounts."""
    s = AccountRelationsState
    return rx.vstack(
        _link_form(),
        _table(s.links, True, "No linked accounts yet."),
        rx.heading("Parent and sub-accounts", size="3"),
        _table(s.family, False, "No parent or sub-accounts."),
        on_mount=s.load,
        spacing="3",
        width="100%",
        data_testid="account-relations",
    )
