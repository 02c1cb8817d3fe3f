"""Pages whose pickers are the one record lookup: what picking, clearing and presetting do to their state."""

from __future__ import annotations

import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import QuoteItem, User
from rxcrm.ui.commerce.contract_state import ContractsState
from rxcrm.ui.commerce.quote_state import ITEM_LOOKUP, QuotesState
from rxcrm.ui.components.lookup import NOT_VISIBLE, LookupState
from rxcrm.ui.leads.lead_dialogs import QUALIFY_OWNER, LeadQualifyState
from tests.conftest import (
    make_account,
    make_active_quote,
    make_lead,
    make_opportunity,
    make_partner,
    make_user,
)
from tests.services.commerce.quote_rows import make_book, make_entry
from tests.ui_units.logged_in import logged_in_state


def _state(session: Session, user: User, cls: type) -> rx.State:
    return logged_in_state(session, user, cls, "pickers")


def _args(event: rx.event.EventSpec) -> list[object]:
    return [value._var_value for _, value in event.args]


def test_a_quote_item_is_the_product_picked_in_the_lookup(
    app_database: Engine, session: Session, admin: User
) -> None:
    book = make_book(session, name="Picker Book")
    entry = make_entry(session, book, "120.00", name="Picker Widget", code="PW-1")
    deal = make_opportunity(session, admin)
    quote = make_active_quote(session, deal, [], active=False, price_book_id=book.id)
    session.commit()
    picker = _state(session, admin, LookupState)
    LookupState.search.fn(picker, ITEM_LOOKUP, "price_entry", "pw-1", str(book.id))
    assert picker.matches[ITEM_LOOKUP] == [
        {"value": str(entry.id), "label": "Picker Widget (PW-1) · piece · 120.00 EUR · Picker Book"}
    ]
    quotes = _state(session, admin, QuotesState)
    quotes.opportunity_id, quotes.selected_id = deal.id, str(quote.id)
    assert _args(QuotesState.open_add.fn(quotes, "entry")) == [ITEM_LOOKUP]  # the lookup starts empty
    assert "pick the product first" in str(QuotesState.save_item.fn(quotes))
    QuotesState.choose_entry.fn(quotes, str(entry.id))
    assert quotes.total.startswith("120.00") and quotes.preview_error == ""
    QuotesState.save_item.fn(quotes)
    stored = session.exec(select(QuoteItem).where(QuoteItem.quote_id == quote.id)).all()
    assert [(i.entry_id, str(i.unit_price)) for i in stored] == [(entry.id, "120.00")]


def test_the_contract_filters_take_the_account_and_owner_picked_and_drop_them_when_cleared(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    account = make_account(session, name="Filter Works")
    session.commit()
    state = _state(session, admin, ContractsState)
    ContractsState.set_filter.fn(state, "account_id", str(account.id))
    ContractsState.set_filter.fn(state, "owner", str(rep.id))
    assert (state._filter().account_id, state._filter().owner_id) == (account.id, rep.id)
    ContractsState.set_filter.fn(state, "account_id", "")
    ContractsState.set_filter.fn(state, "owner", "")
    assert (state._filter().account_id, state._filter().owner_id) == (None, None)


def test_the_qualify_form_starts_its_owner_lookup_on_the_suggested_owner(
    app_database: Engine, session: Session, rep: User
) -> None:
    lead = make_lead(session, name="Quali Fied", owner_id=rep.id)
    session.commit()
    state = _state(session, rep, LeadQualifyState)
    state.lead_id = lead.id
    preset = LeadQualifyState.open_qualify.fn(state)
    assert _args(preset) == [QUALIFY_OWNER, "owner", str(rep.id)]
    picker = _state(session, rep, LookupState)
    LookupState.preset.fn(picker, QUALIFY_OWNER, "owner", str(rep.id))
    assert (picker.chosen_value[QUALIFY_OWNER], picker.chosen_label[QUALIFY_OWNER]) == (str(rep.id), rep.name)


def test_a_picker_started_on_a_record_its_user_cannot_see_keeps_it_unnamed(
    app_database: Engine, session: Session, rep: User
) -> None:
    ours = make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    session.commit()
    picker = _state(session, person, LookupState)
    LookupState.preset.fn(picker, "contact-owner", "owner", str(rep.id))
    assert (picker.chosen_value["contact-owner"], picker.chosen_label["contact-owner"]) == (
        str(rep.id),
        NOT_VISIBLE,
    )
