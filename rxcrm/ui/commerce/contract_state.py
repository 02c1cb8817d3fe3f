"""States behind contract tables: the /contracts page and the Contracts tabs of accounts and deals."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.commerce import contracts as service
from rxcrm.services.commerce.contract_rows import contract_rows, contract_type_names
from rxcrm.services.records.listing import TAB_PAGE
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import optional_id, record_id_from_path, record_ref
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.components.setters import setter
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

ANY = "any"
ACCOUNT_LOOKUP, OWNER_LOOKUP = "contract-account", "contract-owner"
FOLLOW_UPS = {"upsell": service.upsell_contract, "renew": service.renew_contract}


class ContractActions(rx.State, mixin=True):
    """Upsell, renew and remove from a contract row (removal after a confirmation)."""

    rows: list[dict[str, str]] = []
    remove_id: str = ""
    remove_open: bool = False

    def _reload(self):  # noqa: ANN202
        return type(self).load

    @rx.event
    @action
    def follow_up(self, session: Session, user: User, contract_id: str, which: str):
        """Create the upsell or renewal deal of a term contract and open it."""
        deal = FOLLOW_UPS[which](session, user, record_ref(contract_id))
        return [success_toast(f"'{deal.name}' created."), rx.redirect(routes.opportunity_url(deal.id))]

    @rx.event
    def ask_remove(self, contract_id: str):
        """Ask before a contract is removed."""
        self.remove_id, self.remove_open = contract_id, True

    set_remove_open = setter("remove_open", "Show or hide the removal confirmation.", value_type=bool)

    @rx.event
    @action
    def confirm_remove(self, session: Session, user: User):
        """Remove the contract asked about."""
        self.remove_open = False
        service.delete_contract(session, user, record_ref(self.remove_id))
        return [success_toast("Contract removed."), self._reload()]


class ContractsState(ContractActions, PagedList, AppState):
    """The /contracts page: filters, one page of rows, the account search."""

    contract_type: str = ANY
    kind: str = ANY
    status: str = ANY
    owner: str = ""
    account_id: str = ""
    type_options: list[dict[str, str]] = []
    sort: str = "-start"

    def _filter_names(self) -> tuple[str, ...]:
        return ("contract_type", "kind", "status", "owner", "account_id")

    def _filter(self) -> service.ContractFilter:
        pick = lambda v: None if v == ANY else v  # noqa: E731
        return service.ContractFilter(
            q=self.q or None,
            account_id=optional_id(self.account_id),
            owner_id=optional_id(self.owner),
            kind=pick(self.kind),
            type=pick(self.contract_type),
            status=pick(self.status),
        )

    @rx.event
    @action
    def open_page(self, session: Session, _: User):
        """First load: filters from the address (a dashboard link), choices for the pickers."""
        params = self.router.url.query_parameters
        self.kind = params.get("kind", ANY) if params.get("kind") in ("one_off", "term") else ANY
        wanted = params.get("status")
        self.status = wanted if wanted in ("active", "expired", "cancelled") else ANY
        self.account_id, self.owner, self.offset = "", "", 0
        types = contract_type_names(session)
        self.type_options = [{"value": ANY, "label": "All types"}] + [{"value": t, "label": t} for t in types]
        return [LookupState.clear(ACCOUNT_LOOKUP), LookupState.clear(OWNER_LOOKUP), ContractsState.load]

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read one page of contracts for the filters."""
        self._hide_columns(["amount"] if service.amount_hidden(session, user) else [], "-start")
        page = service.list_contracts(session, user, self._filter(), self._window())
        self.rows, self.total = contract_rows(session, page.items), page.total


class RecordContractsState(ContractActions, AppState):
    """The Contracts tab of an account or a deal page (its first 50 contracts)."""

    def _flt(self) -> service.ContractFilter:
        path = self.router.url.path
        record = record_id_from_path(path)
        if path.startswith(routes.ACCOUNTS):
            return service.ContractFilter(account_id=record)
        return service.ContractFilter(opportunity_id=record)

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the contracts of the account or deal the page shows."""
        page = service.list_contracts(session, user, self._flt(), TAB_PAGE)
        self.rows = contract_rows(session, page.items)
