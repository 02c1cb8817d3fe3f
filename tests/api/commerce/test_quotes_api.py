"""REST contract of quotes: shapes, status codes, the deal amount, locks and hidden deals."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.conftest import make_opportunity, make_user
from tests.services.commerce.quote_rows import make_book, make_bundle, make_entry

ITEM_KEYS = {
    "id",
    "entry_id",
    "product_id",
    "name",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount_percent",
    "discount_amount",
    "total",
    "is_rounding",
}
QUOTE_KEYS = {
    "id",
    "opportunity_id",
    "name",
    "currency",
    "brand",
    "price_book_id",
    "valid_from",
    "valid_until",
    "active",
    "items",
    "subtotal",
    "discount_total",
    "total",
}


def _new_quote(client: TestClient, headers: dict, deal_id: int, **kw: object) -> dict:
    answer = client.post(
        "/api/v1/quotes", json={"opportunity_id": deal_id, "name": "Offer", **kw}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_quote_lifecycle_through_every_route(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    book = make_book(session)
    entry = make_entry(session, book, "33.33", unit="user/month")
    bundle = make_bundle(session, book, "100.00", ["2", "1"])
    deal = make_opportunity(session, rep)
    session.commit()
    quote = _new_quote(client, rep_headers, deal.id, price_book_id=book.id, valid_from="2026-01-01")
    assert set(quote) >= QUOTE_KEYS and quote["active"] is True and quote["items"] == []
    assert (quote["total"], quote["valid_from"]) == ("0.00", "2026-01-01")

    url = f"/api/v1/quotes/{quote['id']}"
    answer = client.post(f"{url}/items", json={"entry_id": entry.id, "quantity": "1.5"}, headers=rep_headers)
    assert answer.status_code == 201
    body = answer.json()
    assert set(body["items"][0]) >= ITEM_KEYS
    assert (body["items"][0]["unit_price"], body["items"][0]["total"], body["total"]) == (
        "33.33",
        "50.00",
        "50.00",
    )
    item_id = body["items"][0]["id"]

    body = client.post(
        f"{url}/items", json={"bundle_id": bundle.id, "quantity": 1}, headers=rep_headers
    ).json()
    assert [i["unit_price"] for i in body["items"][1:]] == ["66.67", "33.33"]
    body = client.post(
        f"{url}/items",
        json={"name": "Setup", "quantity": "2", "unit_price": "25.00", "discount_amount": "5.00"},
        headers=rep_headers,
    ).json()
    assert (body["subtotal"], body["discount_total"], body["total"]) == ("200.00", "5.00", "195.00")
    body = client.post(
        f"{url}/items", json={"is_rounding": True, "target_total": "200.00"}, headers=rep_headers
    ).json()
    assert body["total"] == "200.00" and body["items"][-1]["is_rounding"] is True

    answer = client.patch(f"{url}/items/{item_id}", json={"discount_percent": "10"}, headers=rep_headers)
    assert answer.status_code == 200 and answer.json()["items"][0]["total"] == "45.00"
    assert answer.json()["total"] == "200.00"
    answer = client.delete(f"{url}/items/{item_id}", headers=rep_headers)
    assert answer.status_code == 200 and len(answer.json()["items"]) == 4

    assert (
        client.patch(url, json={"name": "Final offer"}, headers=rep_headers).json()["name"] == "Final offer"
    )
    assert client.get(url, headers=rep_headers).json()["name"] == "Final offer"
    deal_body = client.get(f"/api/v1/opportunities/{deal.id}", headers=rep_headers).json()
    assert deal_body["amount"] == "200.00"

    copy = client.post(f"{url}/duplicate", headers=rep_headers)
    assert copy.status_code == 201 and copy.json()["active"] is False
    assert copy.json()["name"] == "Copy of Final offer" and len(copy.json()["items"]) == 4
    listed = client.get(f"/api/v1/opportunities/{deal.id}/quotes", headers=rep_headers).json()
    assert (listed["total"], [q["active"] for q in listed["items"]]) == (2, [True, False])

    copy_url = f"/api/v1/quotes/{copy.json()['id']}"
    client.post(
        f"{copy_url}/items", json={"name": "More", "quantity": 1, "unit_price": 50}, headers=rep_headers
    )
    activated = client.post(f"{copy_url}/activate", headers=rep_headers)
    assert activated.status_code == 200 and activated.json()["active"] is True
    assert client.get(f"/api/v1/opportunities/{deal.id}", headers=rep_headers).json()["amount"] == "200.00"
    assert client.delete(copy_url, headers=rep_headers).status_code == 409
    assert client.delete(url, headers=rep_headers).status_code == 204
    assert client.get(url, headers=rep_headers).status_code == 404


def test_currency_change_and_missing_rates(
    client: TestClient, session: Session, rep: User, rep_headers: dict, admin_headers: dict
) -> None:
    deal = make_opportunity(session, rep)
    session.commit()
    quote = _new_quote(client, rep_headers, deal.id)
    url = f"/api/v1/quotes/{quote['id']}"
    client.post(
        f"{url}/items", json={"name": "S", "quantity": "1", "unit_price": "10.00"}, headers=rep_headers
    )
    refused = client.post(f"{url}/currency", json={"currency": "USD"}, headers=rep_headers)
    assert refused.status_code == 422 and "currency" in refused.json()["error"]["fields"]
    assert client.put("/api/v1/exchange-rates/USD", json={"rate": "0.8"}, headers=admin_headers).is_success
    changed = client.post(f"{url}/currency", json={"currency": "USD"}, headers=rep_headers)
    assert changed.status_code == 200, changed.text
    assert (changed.json()["currency"], changed.json()["total"]) == ("USD", "12.50")
    deal_body = client.get(f"/api/v1/opportunities/{deal.id}", headers=rep_headers).json()
    assert (deal_body["amount"], deal_body["currency"]) == ("12.50", "USD")


def test_bad_input_answers_422_naming_the_field_and_writes_nothing(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    deal = make_opportunity(session, rep)
    session.commit()
    quote = _new_quote(client, rep_headers, deal.id)
    url = f"/api/v1/quotes/{quote['id']}/items"
    base = {"name": "S", "quantity": "1", "unit_price": "10.00"}
    cases = [
        ({**base, "quantity": "-1"}, "quantity"),
        ({**base, "discount_percent": "150"}, "discount_percent"),
        ({**base, "unit_price": "abc"}, "unit_price"),
        ({**base, "discount_percent": "1", "discount_amount": "1"}, "discount_amount"),
        ({"entry_id": 424242, "quantity": "1"}, "entry_id"),
    ]
    for data, field in cases:
        answer = client.post(url, json=data, headers=rep_headers)
        assert answer.status_code == 422, (data, answer.text)
        assert field in answer.json()["error"]["fields"]
    huge = client.post(
        url,
        content=b'{"name": "S", "quantity": 1e400, "unit_price": "10.00"}',
        headers={**rep_headers, "Content-Type": "application/json"},
    )
    assert huge.status_code == 422
    assert client.get(f"/api/v1/quotes/{quote['id']}", headers=rep_headers).json()["items"] == []
    missing = client.post("/api/v1/quotes", json={"opportunity_id": deal.id, "name": ""}, headers=rep_headers)
    assert missing.status_code == 422 and "name" in missing.json()["error"]["fields"]


def test_locked_deal_answers_409_and_hidden_deal_404(
    client: TestClient, session: Session, rep: User, rep_headers: dict, auth_headers: HeadersFor
) -> None:
    deal = make_opportunity(session, rep)
    outsider = make_user(session, access_level="limited_opportunities")
    session.commit()
    quote = _new_quote(client, rep_headers, deal.id)
    url = f"/api/v1/quotes/{quote['id']}"
    item = client.post(
        f"{url}/items", json={"name": "S", "quantity": 1, "unit_price": "1"}, headers=rep_headers
    )
    item_id = item.json()["items"][0]["id"]
    hidden = auth_headers(outsider)
    for method, path in (
        ("GET", url),
        ("GET", f"/api/v1/opportunities/{deal.id}/quotes"),
        ("PATCH", url),
        ("POST", f"{url}/activate"),
    ):
        answer = client.request(method, path, json={} if method == "PATCH" else None, headers=hidden)
        assert answer.status_code == 404, (method, path)

    deal.locked = True
    session.add(deal)
    session.commit()
    writes = [
        ("POST", "/api/v1/quotes", {"opportunity_id": deal.id, "name": "X"}),
        ("PATCH", url, {"name": "Y"}),
        ("POST", f"{url}/items", {"name": "S", "quantity": 1, "unit_price": "1"}),
        ("PATCH", f"{url}/items/{item_id}", {"quantity": "2"}),
        ("DELETE", f"{url}/items/{item_id}", None),
        ("POST", f"{url}/activate", None),
        ("POST", f"{url}/duplicate", None),
        ("POST", f"{url}/currency", {"currency": "EUR"}),
        ("DELETE", url, None),
    ]
    for method, path, body in writes:
        answer = client.request(method, path, json=body, headers=rep_headers)
        assert answer.status_code == 409, (method, path, answer.text)
        assert answer.json()["error"]["code"] == "conflict"
    assert client.get(url, headers=rep_headers).status_code == 200


def test_quote_routes_are_typed_in_the_openapi_document(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "QuotePublic" in schema["components"]["schemas"]
    post = schema["paths"]["/api/v1/quotes/{quote_id}/items"]["post"]
    assert "201" in post["responses"]
