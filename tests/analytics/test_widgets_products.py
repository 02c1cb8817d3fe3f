"""Product details widgets: won deals by product and active term contracts' MRR, by hand (`product_data`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from rxcrm.analytics.widget_charts import widget_summary
from rxcrm.analytics.widgets import rows_json, widget_rows
from rxcrm.db.models import Follower, Product
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.errors import Forbidden
from rxcrm.services.people.permissions import set_permission
from tests.analytics.product_data import product_crm
from tests.analytics.widget_data import Q1, Crm, fixed_crm
from tests.conftest import make_user

NO_PRODUCT = "Items without a product"


@pytest.fixture
def crm(session: Session) -> Crm:
    return fixed_crm(session)


@pytest.fixture
def cloud(session: Session, crm: Crm) -> Product:
    return product_crm(session, crm)


def test_won_by_product_sums_active_quote_items_of_deals_won_in_range(
    session: Session, crm: Crm, cloud: Product
) -> None:
    assert widget_rows(session, crm.director, "won_by_product", Q1) == [
        {"product_id": cloud.id, "product": "Cloud", "count": 2, "quantity": "14", "amount": D("2500.00")},
        {"product_id": None, "product": NO_PRODUCT, "count": 1, "quantity": "1", "amount": D("1000.00")},
    ]


def test_won_by_product_over_all_time_takes_the_april_deal_too(
    session: Session, crm: Crm, cloud: Product
) -> None:
    [first, _] = widget_rows(session, crm.director, "won_by_product", WidgetParams())
    assert (first["product"], first["count"], first["quantity"], first["amount"]) == (
        "Cloud",
        3,
        "19",
        D("5500.00"),
    )


def test_won_by_product_follows_access_and_filters(session: Session, crm: Crm, cloud: Product) -> None:
    assert widget_rows(session, crm.lina, "won_by_product", Q1) == []
    session.add(Follower(entity="opportunity", entity_id=crm.deals["d6"].id, user_id=crm.lina.id))
    session.flush()
    followed = widget_rows(session, crm.lina, "won_by_product", Q1)
    assert [(r["product"], r["count"], r["amount"]) for r in followed] == [("Cloud", 1, D("500.00"))]
    bob = widget_rows(session, crm.director, "won_by_product", replace(Q1, owner_id=crm.bob.id))
    assert [(r["product"], r["quantity"], r["amount"]) for r in bob] == [("Cloud", "4", D("500.00"))]


def test_contracts_widget_gives_count_and_mrr_per_type_on_the_ranges_last_day(
    session: Session, crm: Crm, cloud: Product
) -> None:
    rows = widget_rows(session, crm.director, "contracts", Q1)
    assert rows == [
        {"type": "Subscription", "count": 2, "mrr": D("125.00")},
        {"type": "Support", "count": 1, "mrr": D("100.00")},
    ]
    assert widget_summary("contracts", rows_json(rows)) == "Monthly recurring revenue: 225.00"
    in_april = replace(Q1, date_to=date(2026, 4, 30))
    assert widget_rows(session, crm.director, "contracts", in_april)[0] == {
        "type": "Subscription",
        "count": 3,
        "mrr": D("325.00"),
    }


def test_contracts_widget_follows_access_owner_and_partner(
    session: Session, crm: Crm, cloud: Product
) -> None:
    assert widget_rows(session, crm.lina, "contracts", Q1) == []
    bob = widget_rows(session, crm.director, "contracts", replace(Q1, owner_id=crm.bob.id))
    partner = widget_rows(session, crm.director, "contracts", replace(Q1, partner_id=crm.p1.id))
    assert bob == partner == [{"type": "Subscription", "count": 1, "mrr": D("25.00")}]


def test_contracts_widget_needs_the_contracts_view(session: Session, crm: Crm, cloud: Product) -> None:
    admin = make_user(session, role="admin")
    set_permission(session, admin, "rep", "contracts", "view", False)
    with pytest.raises(Forbidden):
        widget_rows(session, crm.ann, "contracts", Q1)


def test_rows_json_keeps_quantities_and_money_as_text(session: Session, crm: Crm, cloud: Product) -> None:
    rows = rows_json(widget_rows(session, crm.director, "won_by_product", Q1))
    assert rows[0] == {
        "product_id": cloud.id,
        "product": "Cloud",
        "count": 2,
        "quantity": "14",
        "amount": "2500.00",
    }
