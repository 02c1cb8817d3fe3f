"""Scratch: hostile input against every commerce write; prints every 5xx/exception."""

from __future__ import annotations

import traceback

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.conftest import make_opportunity
from tests.services.commerce.quote_rows import make_book, make_bundle, make_entry

HOSTILE = ["1e400", "NaN", "-1", "abc", "9" * 40, 1e308, -5, "", None, True, [], {}, "Infinity", "1e-400", "0.000000001", 10**30]
BIGID = [2**31, 2**40, 2**63, 10**30, -1, 0]
LONG = "x" * 100_000


def test_hostile(client: TestClient, session: Session, admin: User, admin_headers: dict) -> None:
    book = make_book(session)
    entry = make_entry(session, book, "10.00")
    bundle = make_bundle(session, book, "100.00", ["1", "2"])
    deal = make_opportunity(session, admin)
    session.commit()
    h = admin_headers
    bad: list[str] = []

    def call(method: str, url: str, **kw: object) -> object:
        try:
            r = client.request(method, "/api/v1" + url, headers=h, **kw)
        except Exception as exc:  # noqa: BLE001
            bad.append(f"{method} {url} {kw} -> EXC {type(exc).__name__}: {str(exc)[:200]}\n{traceback.format_exc()[-600:]}")
            return None
        if r.status_code >= 500:
            bad.append(f"{method} {url} {kw} -> {r.status_code} {r.text[:200]}")
        return r

    q = call("POST", "/quotes", json={"opportunity_id": deal.id, "name": "Q"}).json()
    qid = q["id"]
    item = call("POST", f"/quotes/{qid}/items", json={"entry_id": entry.id, "quantity": "1"}).json()["items"][0]
    # quote items
    for field in ("quantity", "unit_price", "discount_percent", "discount_amount", "target_total"):
        for v in HOSTILE:
            call("POST", f"/quotes/{qid}/items", json={"name": "n", "unit_price": "1", field: v})
            call("PATCH", f"/quotes/{qid}/items/{item['id']}", json={field: v})
            call("POST", f"/quotes/{qid}/items", json={"entry_id": entry.id, field: v})
            call("POST", f"/quotes/{qid}/items", json={"bundle_id": bundle.id, field: v})
    call("POST", f"/quotes/{qid}/items", json={"is_rounding": True, "target_total": "1e400"})
    call("POST", f"/quotes/{qid}/items", json={"is_rounding": True})
    call("POST", f"/quotes/{qid}/items", json={"entry_id": entry.id, "quantity": "1", "discount_percent": "5", "discount_amount": "1"})
    call("POST", f"/quotes/{qid}/items", json={"name": "n", "unit_price": "999999999999999", "quantity": "999999999"})
    call("POST", f"/quotes/{qid}/items", json={"name": LONG, "unit_price": "1"})
    call("POST", f"/quotes/{qid}/items", json={"name": "n", "unit_price": "1", "unit": LONG, "description": LONG})
    call("POST", f"/quotes/{qid}/items", json={})
    for i in BIGID:
        call("POST", f"/quotes/{qid}/items", json={"entry_id": i})
        call("POST", f"/quotes/{qid}/items", json={"bundle_id": i})
        call("PATCH", f"/quotes/{qid}/items/{i}", json={"quantity": "1"})
        call("DELETE", f"/quotes/{qid}/items/{i}")
        for path in ("", "/activate", "/duplicate", "/currency", "/document"):
            call("POST" if path else "GET", f"/quotes/{i}{path}", json={"currency": "USD"})
        call("PATCH", f"/quotes/{i}", json={"name": "x"})
        call("DELETE", f"/quotes/{i}")
        call("GET", f"/opportunities/{i}/quotes")
        call("GET", f"/opportunities/{i}/attachments")
        call("GET", f"/attachments/{i}/download")
        call("DELETE", f"/attachments/{i}")
        call("GET", f"/quote-templates/{i}/download")
        call("DELETE", f"/quote-templates/{i}")
        call("POST", f"/quotes/{qid}/document", json={"template_id": i})
        call("POST", "/quotes", json={"opportunity_id": i, "name": "x"})
        call("POST", "/quotes", json={"opportunity_id": deal.id, "name": "x", "price_book_id": i})
        call("PATCH", f"/quotes/{qid}", json={"price_book_id": i})
        for res in ("products", "price-books", "bundles", "product-categories", "contracts"):
            call("GET", f"/{res}/{i}")
            call("PATCH", f"/{res}/{i}", json={"name": "x"})
            call("DELETE", f"/{res}/{i}")
        call("POST", f"/products/{i}/copy")
        call("POST", f"/bundles/{i}/copy")
        call("POST", f"/bundles/{bundle.id}/move", json={"price_book_id": i})
        call("POST", f"/contracts/{i}/upsell")
        call("POST", f"/contracts/{i}/renew")
        call("GET", f"/contracts?account_id={i}&opportunity_id={i}&owner_id={i}")
        call("GET", f"/price-books/{i}/entries")
        call("POST", f"/price-books/{book.id}/entries", json={"product_id": i, "unit": "u", "price": "1", "currency": "EUR"})
        call("PATCH", f"/price-books/{book.id}/entries/{i}", json={"price": "2"})
        call("POST", "/products", json={"name": "p", "code": f"c{i}", "category_id": i})
        call("POST", "/price-books", json={"name": "b", "replaces_id": i, "project_ids": [i]})
        call("POST", "/bundles", json={"name": "b", "price_book_id": book.id, "price": "1", "currency": "EUR", "items": [{"entry_id": i, "weight": "1"}]})
        call("GET", f"/bundles?price_book_id={i}")
        call("GET", f"/products?category_id={i}")
        call("GET", f"/quote-templates?price_book_id={i}")
    for v in HOSTILE:
        call("POST", f"/quotes/{qid}/currency", json={"currency": v})
        call("PATCH", f"/quotes/{qid}", json={"name": v, "valid_from": v})
        call("POST", "/quotes", json={"opportunity_id": deal.id, "name": "q", "currency": v, "valid_until": v})
        call("POST", f"/price-books/{book.id}/entries", json={"product_id": entry.product_id, "unit": "x", "price": v, "currency": "EUR"})
        call("PATCH", f"/price-books/{book.id}/entries/{entry.id}", json={"price": v})
        call("PATCH", f"/price-books/{book.id}/entries/{entry.id}", json={"currency": v, "unit": v})
        call("POST", "/bundles", json={"name": "b", "price_book_id": book.id, "price": v, "currency": "EUR", "items": [{"entry_id": entry.id, "weight": v}]})
        call("PATCH", f"/bundles/{bundle.id}", json={"price": v})
        call("PATCH", f"/bundles/{bundle.id}", json={"items": [{"entry_id": entry.id, "weight": v}]})
        call("PATCH", f"/bundles/{bundle.id}", json={"items": v})
        call("POST", f"/bundles/{bundle.id}/move", json={"price_book_id": v})
        call("POST", "/product-categories", json={"name": "c", "contract_kind": "term", "term_months": v})
        call("POST", "/products", json={"name": v, "code": v})
        call("POST", "/price-books", json={"name": v, "project_ids": v})
        call("GET", f"/contracts?kind={v}&status={v}&type={v}")
        call("POST", f"/quotes/{qid}/document", json={"template_id": v})
    call("POST", "/product-categories", json={"name": "c", "contract_kind": "term", "term_months": 10**12})
    call("POST", "/product-categories", json={"name": LONG})
    call("POST", "/products", json={"name": LONG, "code": LONG, "description": LONG})
    call("POST", "/price-books", json={"name": LONG, "brand": LONG, "product_version": LONG, "description": LONG})
    call("POST", "/bundles", json={"name": LONG, "code": LONG, "price_book_id": book.id, "price": "1", "currency": "EUR", "items": []})
    call("POST", f"/price-books/{book.id}/entries", json={"product_id": entry.product_id, "unit": LONG, "price": "1", "currency": "EUR"})
    call("POST", "/quotes", json={"opportunity_id": deal.id, "name": LONG, "brand": LONG})
    call("POST", "/quote-templates", data={"name": "t"}, files={"file": ("a.docx", b"not a zip", "application/octet-stream")})
    call("POST", "/quote-templates", data={"name": "t", "price_book_id": str(2**40)}, files={"file": ("a.docx", b"PK\x03\x04junk", "x")})
    call("POST", "/quote-templates", data={"name": LONG}, files={"file": ("a.docx", b"x", "x")})
    call("POST", "/quote-templates", data={"name": "t"}, files={"file": (LONG + ".docx", b"x", "x")})
    call("POST", f"/quotes/{qid}/document", content=b"garbage", headers={**h, "content-type": "application/json"})
    print("\n".join(bad))
    print("BAD COUNT", len(bad))
