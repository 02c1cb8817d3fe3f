"""REST: the product details widgets answer through the widget API, and baselines freeze them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.analytics.product_data import product_crm
from tests.analytics.widget_data import fixed_crm
from tests.api.conftest import HeadersFor
from tests.api.contract import answered

URL = "/api/v1/dashboards/widgets"
Q1 = {"from": "2026-01-01", "to": "2026-03-31"}


def test_won_by_product_and_contracts_answer_money_as_text(
    session: Session, client: TestClient, auth_headers: HeadersFor
) -> None:
    crm = fixed_crm(session)
    cloud = product_crm(session, crm)
    session.commit()
    headers = auth_headers(crm.director)
    won = client.get(f"{URL}/won_by_product", params=Q1, headers=headers).json()
    assert won["rows"][0] == {
        "product_id": cloud.id,
        "product": "Cloud",
        "count": 2,
        "quantity": "14",
        "amount": "2500.00",
    }
    contracts = client.get(f"{URL}/contracts", params=Q1, headers=headers).json()
    assert contracts["rows"] == [
        {"type": "Subscription", "count": 2, "mrr": "125.00"},
        {"type": "Support", "count": 1, "mrr": "100.00"},
    ]


def test_a_baseline_freezes_the_contracts_widget(
    session: Session, client: TestClient, auth_headers: HeadersFor
) -> None:
    crm = fixed_crm(session)
    product_crm(session, crm)
    session.commit()
    body = {"widget_kind": "contracts", "name": "Q1 close", "params": Q1}
    frozen = answered(client.post("/api/v1/baselines", json=body, headers=auth_headers(crm.director)))
    assert [r["mrr"] for r in frozen["rows"]] == ["125.00", "100.00"]
