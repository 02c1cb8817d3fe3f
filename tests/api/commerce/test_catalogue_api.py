"""REST contract of the catalogue: product-categories, products, price-books (+ entries), bundles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from rxcrm.db.models import PriceBookEntry
from tests.api.conftest import HeadersFor
from tests.conftest import make_user

Headers = dict[str, str]


def post(client: TestClient, headers: Headers, path: str, expect: int = 201, **body: object) -> dict:
    answer = client.post(f"/api/v1{path}", json=body, headers=headers)
    assert answer.status_code == expect, answer.text
    return answer.json()


def catalogue(client: TestClient, headers: Headers) -> dict:
    book = post(client, headers, "/price-books", name="Standard 2026", brand="Acme", product_version="7")
    seat = post(client, headers, "/products", name="Seat", code="SEAT")
    setup = post(client, headers, "/products", name="Setup", code="SETUP")
    priced = ((seat, "user/month", "12.50"), (seat, "piece", "99"), (setup, "day", "800.00"))
    url = f"/price-books/{book['id']}/entries"
    entries = [
        post(client, headers, url, product_id=product["id"], unit=unit, price=price, currency="EUR")
        for product, unit, price in priced
    ]
    return {"book": book, "seat": seat, "setup": setup, "entries": entries}


def test_product_categories_are_read_by_all_and_written_by_admins(
    client: TestClient, admin_headers: Headers, rep_headers: Headers
) -> None:
    listed = client.get("/api/v1/product-categories", headers=rep_headers).json()
    assert {"id", "name", "contract_kind", "term_months"} <= set(listed["items"][0])
    made = post(
        client, admin_headers, "/product-categories", name="Maintenance", contract_kind="term", term_months=24
    )
    assert made["term_months"] == 24
    post(client, rep_headers, "/product-categories", 403, name="X", contract_kind="one_off")
    post(client, admin_headers, "/product-categories", 422, name="Y", contract_kind="term")
    post(client, admin_headers, "/product-categories", 422, name="Y", contract_kind="weekly")
    post(client, admin_headers, "/product-categories", 409, name="maintenance")
    changed = client.patch(
        f"/api/v1/product-categories/{made['id']}", json={"term_months": 36}, headers=admin_headers
    )
    assert changed.json()["term_months"] == 36
    post(client, admin_headers, "/products", name="Care", code="CARE", category_id=made["id"])
    assert client.delete(f"/api/v1/product-categories/{made['id']}", headers=admin_headers).status_code == 409


def test_products_crud_copy_and_unique_code(
    client: TestClient, admin_headers: Headers, session: Session
) -> None:
    data = catalogue(client, admin_headers)
    seat = data["seat"]
    assert set(seat) >= {"id", "name", "code", "description", "category_id", "active"}
    conflict = post(client, admin_headers, "/products", 409, name="Seat 2", code="seat")
    assert conflict["error"]["code"] == "conflict" and "code" in conflict["error"]["fields"]
    copy = post(client, admin_headers, f"/products/{seat['id']}/copy")
    assert (copy["name"], copy["code"]) == ("Copy of Seat", "SEAT-COPY")
    found = client.get("/api/v1/products?q=copy", headers=admin_headers).json()
    assert found["total"] == 1 and found["items"][0]["id"] == copy["id"]
    units = client.get(
        f"/api/v1/price-books/{data['book']['id']}/entries?q=SEAT-COPY", headers=admin_headers
    ).json()
    assert sorted(e["unit"] for e in units["items"]) == ["piece", "user/month"]
    patched = client.patch(
        f"/api/v1/products/{copy['id']}", json={"active": False}, headers=admin_headers
    ).json()
    assert patched["active"] is False
    assert client.delete(f"/api/v1/products/{copy['id']}", headers=admin_headers).status_code == 204
    assert client.get(f"/api/v1/products/{copy['id']}", headers=admin_headers).status_code == 404


def test_the_catalogue_is_closed_to_partners_and_read_only_for_reps(
    client: TestClient,
    admin_headers: Headers,
    rep_headers: Headers,
    session: Session,
    auth_headers: HeadersFor,
) -> None:
    partner = make_user(session, role="partner")
    session.commit()
    partner_headers = auth_headers(partner)
    data = catalogue(client, admin_headers)
    assert client.get("/api/v1/products", headers=rep_headers).status_code == 200
    assert (
        client.get(f"/api/v1/bundles?price_book_id={data['book']['id']}", headers=rep_headers).status_code
        == 200
    )
    post(client, rep_headers, "/products", 403, name="Rep product", code="REP")
    post(client, rep_headers, "/price-books", 403, name="Rep book")
    for path in ("/products", "/price-books", "/bundles", f"/price-books/{data['book']['id']}/entries"):
        answer = client.get(f"/api/v1{path}", headers=partner_headers)
        assert answer.status_code == 403, path
        assert answer.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    "price", ['"-1.00"', "-1", '"abc"', "1e400", '"1e400"', '"10.005"', "10.005", "null"]
)
def test_bad_prices_are_refused_and_write_nothing(
    client: TestClient, admin_headers: Headers, session: Session, price: str
) -> None:
    book = post(client, admin_headers, "/price-books", name="Standard")
    seat = post(client, admin_headers, "/products", name="Seat", code="SEAT")
    raw = f'{{"product_id": {seat["id"]}, "unit": "piece", "price": {price}, "currency": "EUR"}}'
    headers = {**admin_headers, "Content-Type": "application/json"}
    answer = client.post(f"/api/v1/price-books/{book['id']}/entries", content=raw, headers=headers)
    assert answer.status_code == 422, answer.text
    assert "price" in answer.json()["error"]["fields"]
    assert session.exec(select(func.count()).select_from(PriceBookEntry)).one() == 0


def test_entries_refuse_unknown_products_and_duplicate_units(
    client: TestClient, admin_headers: Headers, session: Session
) -> None:
    data = catalogue(client, admin_headers)
    path = f"/price-books/{data['book']['id']}/entries"
    unknown = post(
        client, admin_headers, path, 422, product_id=424242, unit="piece", price="1.00", currency="EUR"
    )
    assert "product_id" in unknown["error"]["fields"]
    post(
        client,
        admin_headers,
        path,
        409,
        product_id=data["seat"]["id"],
        unit="piece",
        price="1.00",
        currency="EUR",
    )
    entry = data["entries"][1]
    changed = client.patch(
        f"/api/v1{path}/{entry['id']}", json={"price": "89.90"}, headers=admin_headers
    ).json()
    assert (changed["price"], changed["unit"], changed["product_name"]) == ("89.90", "piece", "Seat")
    assert (
        client.patch(f"/api/v1{path}/{entry['id']}", json={"price": "-5"}, headers=admin_headers).status_code
        == 422
    )
    assert client.delete(f"/api/v1{path}/{entry['id']}", headers=admin_headers).status_code == 204
    assert client.get(f"/api/v1{path}", headers=admin_headers).json()["total"] == 2


def test_price_books_carry_projects_and_the_book_they_update(
    client: TestClient, admin_headers: Headers
) -> None:
    projects = client.get("/api/v1/projects", headers=admin_headers).json()["items"]
    old = post(client, admin_headers, "/price-books", name="Standard 2025")
    new = post(
        client,
        admin_headers,
        "/price-books",
        name="Standard 2026",
        project_ids=[projects[0]["id"]],
        replaces_id=old["id"],
    )
    assert set(new) >= {
        "id",
        "name",
        "description",
        "brand",
        "product_version",
        "active",
        "project_ids",
        "replaces_id",
    }
    assert (new["project_ids"], new["replaces_id"]) == ([projects[0]["id"]], old["id"])
    bad = post(client, admin_headers, "/price-books", 422, name="Bad", project_ids=[987654])
    assert "project_ids" in bad["error"]["fields"]
    post(client, admin_headers, "/price-books", 422, name="Bad", replaces_id=987654)
    assert client.get("/api/v1/price-books", headers=admin_headers).json()["total"] == 2
    patched = client.patch(
        f"/api/v1/price-books/{new['id']}", json={"replaces_id": new["id"]}, headers=admin_headers
    )
    assert patched.status_code == 422
    listed = client.get("/api/v1/price-books?q=2026", headers=admin_headers).json()
    assert [b["id"] for b in listed["items"]] == [new["id"]]
    assert client.delete(f"/api/v1/price-books/{old['id']}", headers=admin_headers).status_code == 204
    assert client.get(f"/api/v1/price-books/{new['id']}", headers=admin_headers).json()["replaces_id"] is None


def test_bundles_share_their_price_copy_and_move(client: TestClient, admin_headers: Headers) -> None:
    data = catalogue(client, admin_headers)
    seat_month, _, setup_day = data["entries"]
    items = [{"entry_id": seat_month["id"], "weight": "1"}, {"entry_id": setup_day["id"], "weight": "2"}]
    bundle = post(
        client,
        admin_headers,
        "/bundles",
        price_book_id=data["book"]["id"],
        name="Starter",
        code="ST",
        price="100.00",
        currency="EUR",
        items=items,
    )
    assert [(i["entry_id"], i["weight"], i["share"]) for i in bundle["items"]] == [
        (seat_month["id"], "1", "33.33"),
        (setup_day["id"], "2", "66.67"),
    ]
    listed = client.get(f"/api/v1/bundles?price_book_id={data['book']['id']}", headers=admin_headers).json()
    assert listed["total"] == 1
    copy = post(client, admin_headers, f"/bundles/{bundle['id']}/copy")
    assert copy["name"] == "Copy of Starter" and len(copy["items"]) == 2
    target = post(client, admin_headers, "/price-books", name="Standard 2027")
    refused = post(client, admin_headers, f"/bundles/{bundle['id']}/move", 409, price_book_id=target["id"])
    assert "Seat (user/month)" in refused["error"]["message"] and "Setup (day)" in refused["error"]["message"]
    for product, unit in ((data["seat"], "user/month"), (data["setup"], "day")):
        post(
            client,
            admin_headers,
            f"/price-books/{target['id']}/entries",
            product_id=product["id"],
            unit=unit,
            price="1.00",
            currency="EUR",
        )
    moved = post(client, admin_headers, f"/bundles/{bundle['id']}/move", 200, price_book_id=target["id"])
    assert moved["price_book_id"] == target["id"]
    assert sum(float(i["share"]) * 100 for i in moved["items"]) == 10000
    patched = client.patch(
        f"/api/v1/bundles/{copy['id']}", json={"price": "10.01"}, headers=admin_headers
    ).json()
    assert [i["share"] for i in patched["items"]] == ["3.34", "6.67"]
    assert client.delete(f"/api/v1/bundles/{copy['id']}", headers=admin_headers).status_code == 204


@pytest.mark.parametrize(
    "change",
    [
        {"price": "-1"},
        {"price": "1.001"},
        {"items": []},
        {"items": [{"entry_id": 999999, "weight": "1"}]},
        {"items": [{"entry_id": "ENTRY", "weight": "1"}]},
        {"weight": "1"},
    ],
)
def test_bad_bundles_are_refused(client: TestClient, admin_headers: Headers, change: dict) -> None:
    data = catalogue(client, admin_headers)
    body = {
        "price_book_id": data["book"]["id"],
        "name": "B",
        "price": "10.00",
        "currency": "EUR",
        "items": [{"entry_id": data["entries"][0]["id"], "weight": "1"}],
    } | change
    answer = client.post("/api/v1/bundles", json=body, headers=admin_headers)
    assert answer.status_code == 422, answer.text
    assert client.get("/api/v1/bundles", headers=admin_headers).json()["total"] == 0


def test_unknown_ids_answer_404(client: TestClient, admin_headers: Headers) -> None:
    for path in (
        "/products/99999",
        "/price-books/99999",
        "/bundles/99999",
        "/product-categories/99999",
        "/products/99999999999",
        "/price-books/99999/entries",
    ):
        assert client.get(f"/api/v1{path}", headers=admin_headers).status_code == 404, path
