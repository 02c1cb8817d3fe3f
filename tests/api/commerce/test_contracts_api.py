"""REST: /opportunities/{id}/sold makes contracts, the lock answers 409, /contracts lists and follows up."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from rxcrm.db.models import Product, ProductCategory
from rxcrm.db.types import utcnow
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_active_quote, make_opportunity, make_user

DEALS, CONTRACTS = "/api/v1/opportunities", "/api/v1/contracts"
FIELDS = {
    "id", "name", "opportunity_id", "account_id", "owner_id", "product_id", "quote_item_id", "kind", "type",
    "start", "end", "renewal_date", "quantity", "unit", "amount", "currency", "status",
}  # fmt: skip


def _error(answer: Any, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code
    return answer.json()["error"]


def _quoted_deal(session: Session, rep) -> Any:
    category = session.exec(select(ProductCategory).where(ProductCategory.name == "Support")).one()
    account = make_account(session)
    product = Product(name="Support", code=f"SUP-{account.id}", category_id=category.id)
    session.add(product)
    deal = make_opportunity(session, rep, account_id=account.id)
    items = [
        {"name": "Support", "product_id": product.id, "quantity": Decimal("1.5"), "unit": "year",
         "unit_price": Decimal("33.33"), "total": Decimal("50.00")},
        {"name": "Rounding", "is_rounding": True, "total": Decimal("0.00")},
    ]  # fmt: skip
    make_active_quote(session, deal, items, currency="CHF", valid_from=date(2026, 1, 10))
    session.commit()
    return deal


def test_sold_turns_the_active_quote_into_contracts_and_locks_the_deal(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = _quoted_deal(session, rep)
    sold = client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers)
    assert sold.status_code == 200 and (sold.json()["locked"], sold.json()["status"]) == (True, "won")
    listed = client.get(CONTRACTS, params={"opportunity_id": deal.id}, headers=rep_headers).json()
    assert (listed["total"], listed["limit"], listed["offset"]) == (1, 50, 0)
    [contract] = listed["items"]
    assert set(contract) == FIELDS
    assert {k: contract[k] for k in ("name", "kind", "type", "start", "end", "renewal_date")} == {
        "name": "Support",
        "kind": "term",
        "type": "Support",
        "start": "2026-01-10",
        "end": "2027-01-09",
        "renewal_date": "2027-01-09",
    }
    assert (contract["amount"], contract["currency"], contract["quantity"], contract["unit"]) == (
        "50.00",
        "CHF",
        "1.5",
        "year",
    )
    assert (contract["account_id"], contract["owner_id"]) == (deal.account_id, rep.id)
    assert client.get(f"{CONTRACTS}/{contract['id']}", headers=rep_headers).json() == contract
    _error(client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers), 409, "conflict")


def test_sold_without_an_active_quote_with_items_is_a_conflict(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = make_opportunity(session, rep)
    session.commit()
    refused = _error(client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers), 409, "conflict")
    assert "needs an active quote with items" in refused["message"]
    assert client.get(f"{DEALS}/{deal.id}", headers=rep_headers).json()["status"] == "open"
    assert client.get(CONTRACTS, headers=rep_headers).json()["total"] == 0


def test_a_locked_deal_answers_409_to_edits_and_unlocks(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = _quoted_deal(session, rep)
    url = f"{DEALS}/{deal.id}"
    client.post(f"{url}/sold", headers=rep_headers)
    for answer in (
        client.patch(url, json={"name": "Renamed"}, headers=rep_headers),
        client.post(f"{DEALS}/bulk", json={"ids": [deal.id], "add_tags": ["x"]}, headers=rep_headers),
        client.delete(url, headers=rep_headers),
        client.post(f"{url}/won", headers=rep_headers),
        client.post(f"{url}/lost", json={"reason": "Price"}, headers=rep_headers),
    ):
        assert "unlock it first" in _error(answer, 409, "conflict")["message"]
    assert client.get(url, headers=rep_headers).json()["name"] == deal.name
    assert client.post(f"{url}/unlock", headers=rep_headers).json()["locked"] is False
    assert client.patch(url, json={"name": "Renamed"}, headers=rep_headers).status_code == 200
    assert client.get(CONTRACTS, headers=rep_headers).json()["total"] == 1


def test_contracts_filter_by_kind_status_and_account(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = _quoted_deal(session, rep)
    client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers)
    ask = lambda **p: client.get(CONTRACTS, params=p, headers=rep_headers).json()["total"]  # noqa: E731
    expired = utcnow().date() > date(2027, 1, 9)
    assert (ask(kind="term"), ask(kind="one_off")) == (1, 0)
    assert (ask(status="active"), ask(status="expired")) == (int(not expired), int(expired))
    assert (ask(account_id=deal.account_id), ask(owner_id=rep.id), ask(type="Support"), ask(q="supp")) == (
        1,
    ) * 4
    _error(client.get(CONTRACTS, params={"status": "ended"}, headers=rep_headers), 422, "validation_error")


def test_a_hidden_contract_answers_404(
    client: TestClient, session: Session, rep, rep_headers, auth_headers: HeadersFor
) -> None:
    deal = _quoted_deal(session, rep)
    client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers)
    contract = client.get(CONTRACTS, headers=rep_headers).json()["items"][0]
    limited_user = make_user(session, role="rep", access_level="limited_opportunities")
    session.commit()
    limited = auth_headers(limited_user)
    assert client.get(CONTRACTS, headers=limited).json()["total"] == 0
    for method, suffix in (("GET", ""), ("DELETE", ""), ("POST", "/renew"), ("POST", "/upsell")):
        _error(
            client.request(method, f"{CONTRACTS}/{contract['id']}{suffix}", headers=limited), 404, "not_found"
        )


def test_remove_needs_the_delete_permission(
    client: TestClient, session: Session, rep, rep_headers, admin_headers
) -> None:
    deal = _quoted_deal(session, rep)
    client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers)
    contract_id = client.get(CONTRACTS, headers=rep_headers).json()["items"][0]["id"]
    _error(client.delete(f"{CONTRACTS}/{contract_id}", headers=rep_headers), 403, "forbidden")
    assert client.delete(f"{CONTRACTS}/{contract_id}", headers=admin_headers).status_code == 204
    _error(client.get(f"{CONTRACTS}/{contract_id}", headers=rep_headers), 404, "not_found")


def test_renew_and_upsell_answer_201_with_a_new_open_deal(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = _quoted_deal(session, rep)
    client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers)
    contract = client.get(CONTRACTS, headers=rep_headers).json()["items"][0]
    renewal = client.post(f"{CONTRACTS}/{contract['id']}/renew", headers=rep_headers)
    assert renewal.status_code == 201
    body = renewal.json()
    assert (body["name"], body["status"], body["account_id"], body["close_date"], body["amount"]) == (
        "Renewal: Support",
        "open",
        deal.account_id,
        "2027-01-09",
        "50.00",
    )
    assert client.get(f"{DEALS}/{body['id']}", headers=rep_headers).json() == body
    upsell = client.post(f"{CONTRACTS}/{contract['id']}/upsell", headers=rep_headers)
    assert upsell.status_code == 201 and upsell.json()["name"] == "Upsell: Support"
    assert upsell.json()["close_date"] == (utcnow().date() + timedelta(days=30)).isoformat()


def test_a_user_the_deal_amount_is_hidden_from_sees_contracts_without_amounts(
    client: TestClient, session: Session, rep, admin, rep_headers
) -> None:
    from rxcrm.services.people.field_visibility import limit_field

    deal = _quoted_deal(session, rep)
    assert client.post(f"{DEALS}/{deal.id}/sold", headers=rep_headers).status_code == 200
    limit_field(session, admin, "opportunity", "amount", ["admin", "director"])
    session.commit()
    _error(client.get(CONTRACTS, params={"sort": "-amount"}, headers=rep_headers), 422, "validation_error")
    [contract] = client.get(CONTRACTS, headers=rep_headers).json()["items"]
    assert contract["amount"] is None and contract["name"] == "Support"
    assert client.get(f"{CONTRACTS}/{contract['id']}", headers=rep_headers).json()["amount"] is None
    widget = client.get("/api/v1/dashboards/widgets/contracts", headers=rep_headers)
    _error(widget, 403, "forbidden")
