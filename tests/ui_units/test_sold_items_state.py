"""The sold items page a "Won deals by product" title opens: the widget's lines, scope and total."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest
import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Opportunity, Product, User
from rxcrm.db.types import utcnow
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.ui.dashboards.cards import list_link
from rxcrm.ui.dashboards.sold_items import SoldItemsState
from tests.conftest import make_active_quote, make_opportunity, make_user
from tests.ui_units.test_board_state import _run, _token

pytestmark = pytest.mark.usefixtures("app_database")


def _sold(session: Session, owner: User, items: list[tuple[Product | None, str]]) -> Opportunity:
    won = next(s for s in list_stages(session) if s.kind == "won")
    deal = make_opportunity(
        session, owner, status="won", stage_id=won.id, amount=Decimal("1"), closed_at=utcnow()
    )
    lines = [
        {"name": p.name if p else "Set-up", "product_id": p and p.id, "total": Decimal(t)} for p, t in items
    ]
    make_active_quote(session, deal, lines, currency="EUR")
    return deal


def _listing(token: str) -> SoldItemsState:
    state = rx.State(_reflex_internal_init=True).get_substate(SoldItemsState.get_full_name().split(".")[1:])
    state.token = token
    return state


def test_the_won_by_product_title_opens_the_sold_items_of_the_pages_team(session: Session) -> None:
    director = make_user(session, role="director", team="North")
    north, south = make_user(session, team="North"), make_user(session, team="South")
    cloud, backup = Product(name="Cloud", code="C"), Product(name="Backup", code="B")
    session.add_all([cloud, backup])
    session.flush()
    _sold(session, north, [(cloud, "400.00"), (backup, "150.00")])  # one deal, two products
    _sold(session, north, [(None, "50.00")])
    _sold(session, south, [(cloud, "9000.00")])
    make_opportunity(session, north, status="won", amount=Decimal("700"))  # won without a quote
    session.commit()
    link = list_link("won_by_product", {"team": "North", "from": "2020-01-01"})
    url = urlsplit(link)
    assert url.path == "/sold-items" and "widget=won_by_product" in url.query and "team=North" in url.query
    listing = _listing(_token(session, director))
    assert listing._link_widget(dict(parse_qsl(url.query)))
    _run(listing, SoldItemsState.load)
    assert listing.behind_title == "Won deals by product"
    assert listing.behind_total == "3 items of 2 deals · 600.00"
    assert [(r["product"], r["amount"]) for r in listing.rows] == [
        ("Cloud", "400.00"),
        ("Backup", "150.00"),
        ("Items without a product", "50.00"),
    ]
    assert not listing._link_widget({})  # a plain /sold-items: every sold item the director may see
    _run(listing, SoldItemsState.load)
    assert (listing.behind_total, listing.items_summary) == ("", "4 items of 3 deals · 9,600.00")
