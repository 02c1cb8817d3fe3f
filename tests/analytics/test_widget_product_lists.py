"""The list "Won deals by product" opens holds exactly the sold items its bars add up (`product_data`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from rxcrm.analytics.widget_product_lists import ItemsBehind, item_page_behind, items_total
from rxcrm.analytics.widgets import widget_rows
from rxcrm.db.models import Follower, Opportunity, Product, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.errors import Forbidden
from rxcrm.services.people.field_visibility import limit_field
from rxcrm.services.records.listing import FIRST_PAGE, LARGEST_PAGE, ListWindow
from tests.analytics.product_data import product_crm
from tests.analytics.widget_data import Q1, Crm, at, fixed_crm
from tests.conftest import make_active_quote, make_opportunity, make_user

ALL_TIME = WidgetParams()
NO_PRODUCT = "Items without a product"


@pytest.fixture
def crm(session: Session) -> Crm:
    crm = fixed_crm(session)
    cloud = product_crm(session, crm)
    _two_products_and_none(session, crm, cloud)
    return crm


def _won(session: Session, crm: Crm, owner: User, name: str, closed: str) -> Opportunity:
    stage = crm.deals["d5"].stage_id
    return make_opportunity(
        session, owner, name=name, status="won", stage_id=stage, amount=D("1"), closed_at=at(closed)
    )


def _two_products_and_none(session: Session, crm: Crm, cloud: Product) -> None:
    """Ann's d11 sells Cloud and Backup (two bars); Bob's d12 is won without a quote (in no bar)."""
    backup = Product(name="Backup", code="BACKUP")
    session.add(backup)
    session.flush()
    d11 = _won(session, crm, crm.ann, "d11 two products", "2026-03-02 09:00")
    items = [
        {"name": "Cloud", "product_id": cloud.id, "quantity": D("2"), "total": D("400.00")},
        {"name": "Backup", "product_id": backup.id, "quantity": D("3"), "total": D("150.00")},
    ]
    make_active_quote(session, d11, items, currency="EUR")
    crm.deals["d11"] = d11
    crm.deals["d12"] = _won(session, crm, crm.bob, "d12 no products", "2026-03-03 09:00")


def _params(crm: Crm, narrowing: str) -> WidgetParams:
    return {
        "q1": Q1,
        "all_time": ALL_TIME,
        "team_east": replace(Q1, team="East"),
        "team_west": replace(Q1, team="West"),
        "ann": replace(Q1, owner_id=crm.ann.id),
        "bob": replace(ALL_TIME, owner_id=crm.bob.id),
        "partner": replace(Q1, partner_id=crm.p1.id),
        "campaign": replace(Q1, campaign_id=crm.c1.id),
    }[narrowing]


def _check_list_adds_up(session: Session, viewer: User, params: WidgetParams) -> list[dict[str, str]]:
    """The banner's total is the widget's; the lines add up to it and, per product, to each bar."""
    bars = widget_rows(session, viewer, "won_by_product", params)
    total = items_total(session, viewer, params)
    assert total.amount == sum((b["amount"] for b in bars), D(0))
    page = item_page_behind(session, viewer, params, LARGEST_PAGE)
    assert page.total == total.items == len(page.items)
    assert total.deals == len({r["deal_id"] for r in page.items})
    per_product: dict[str, D] = {}
    for row in page.items:
        per_product[row["product"]] = per_product.get(row["product"], D(0)) + D(
            row["amount"].replace(",", "")
        )
    assert per_product == {b["product"]: b["amount"] for b in bars}
    assert list(per_product) == [b["product"] for b in bars]  # grouped by product in the chart's order
    return page.items


@pytest.mark.parametrize(
    "narrowing", ["q1", "all_time", "team_east", "team_west", "ann", "bob", "partner", "campaign"]
)
def test_the_items_behind_won_by_product_total_its_bars(session: Session, crm: Crm, narrowing: str) -> None:
    _check_list_adds_up(session, crm.director, _params(crm, narrowing))


def test_a_deal_with_two_products_stands_in_two_bars_and_one_without_in_none(
    session: Session, crm: Crm
) -> None:
    rows = _check_list_adds_up(session, crm.director, Q1)
    # Q1: Cloud 2000 (d5) + 500 (d6, USD) + 400 (d11); Set-up 1000 (d5); Backup 150 (d11)
    assert [(r["product"], r["deal"], r["amount"]) for r in rows] == [
        ("Cloud", crm.deals["d5"].name, "2,000.00"),
        ("Cloud", crm.deals["d6"].name, "500.00"),
        ("Cloud", "d11 two products", "400.00"),
        (NO_PRODUCT, crm.deals["d5"].name, "1,000.00"),
        ("Backup", "d11 two products", "150.00"),
    ]
    assert items_total(session, crm.director, Q1) == ItemsBehind(items=5, deals=3, amount=D("4050.00"))
    assert "d12 no products" not in {r["deal"] for r in rows}  # won, but sold no items
    assert [r["quantity"] for r in rows] == ["10", "4", "2", "1", "3"]


def test_a_limited_rep_sees_only_the_items_of_deals_she_may_see(session: Session, crm: Crm) -> None:
    # Lina's own d7 is in CHF (no rate): her widget is empty, and so is her list
    assert _check_list_adds_up(session, crm.lina, ALL_TIME) == []
    session.add(Follower(entity="opportunity", entity_id=crm.deals["d6"].id, user_id=crm.lina.id))
    session.flush()
    rows = _check_list_adds_up(session, crm.lina, ALL_TIME)
    assert [(r["deal"], r["amount"]) for r in rows] == [(crm.deals["d6"].name, "500.00")]


def test_paging_splits_the_same_lines(session: Session, crm: Crm) -> None:
    everything = item_page_behind(session, crm.director, ALL_TIME, LARGEST_PAGE).items
    pages = [
        item_page_behind(session, crm.director, ALL_TIME, ListWindow(limit=2, offset=offset)).items
        for offset in (0, 2, 4)
    ]
    assert [r["id"] for page in pages for r in page] == [r["id"] for r in everything]


def test_the_list_needs_the_deal_amount_like_the_widget(session: Session, crm: Crm) -> None:
    admin = make_user(session, role="admin")
    limit_field(session, admin, "opportunity", "amount", ["director"])
    assert items_total(session, crm.director, Q1).items == 5
    with pytest.raises(Forbidden):
        items_total(session, crm.ann, Q1)
    with pytest.raises(Forbidden):
        item_page_behind(session, crm.ann, Q1, FIRST_PAGE)
