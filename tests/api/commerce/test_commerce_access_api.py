"""REST: what partner users and users with a hidden deal amount receive of selling; ids out of range."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import FieldVisibility, Quote, QuoteItem, User
from tests.api.conftest import HeadersFor
from tests.conftest import make_opportunity, make_partner, make_user
from tests.services.commerce.quote_rows import make_book, make_bundle, make_entry

HUGE = (2**31, 2**63, 10**30)


def _partner_deal(session: Session) -> tuple[User, int]:
    partner = make_partner(session)
    user = make_user(session, role="partner", partner_id=partner.id)
    deal = make_opportunity(session, user, partner_id=partner.id)
    return user, deal.id


def test_a_partner_quotes_his_deal_with_free_items_but_gets_no_catalogue_price(
    client: TestClient, session: Session, auth_headers: HeadersFor
) -> None:
    book = make_book(session)
    entry = make_entry(session, book, "33.33")
    bundle = make_bundle(session, book, "100.00", ["1", "1"])
    user, deal_id = _partner_deal(session)
    session.commit()
    headers = auth_headers(user)
    answer = client.post("/api/v1/quotes", json={"opportunity_id": deal_id, "name": "Offer"}, headers=headers)
    assert answer.status_code == 201, answer.text
    quote_id = answer.json()["id"]
    for body in ({"entry_id": entry.id, "quantity": "1"}, {"bundle_id": bundle.id, "quantity": "1"}):
        refused = client.post(f"/api/v1/quotes/{quote_id}/items", json=body, headers=headers)
        assert refused.status_code == 403, body
        assert "33.33" not in refused.text and "50.00" not in refused.text
    free = {"name": "Setup", "quantity": "2", "unit_price": "10.00"}
    answer = client.post(f"/api/v1/quotes/{quote_id}/items", json=free, headers=headers)
    assert answer.status_code == 201 and answer.json()["total"] == "20.00"
    for path in ("/quote-templates", "/quote-templates/1/download"):
        assert client.get(f"/api/v1{path}", headers=headers).status_code == 403, path


def test_a_partner_gets_404_for_quotes_attachments_and_contracts_of_other_partners(
    client: TestClient, session: Session, auth_headers: HeadersFor, admin: User, admin_headers: dict
) -> None:
    user, _ = _partner_deal(session)
    other_user, other_deal = _partner_deal(session)
    session.commit()
    quote = client.post(
        "/api/v1/quotes", json={"opportunity_id": other_deal, "name": "Theirs"}, headers=admin_headers
    ).json()
    headers = auth_headers(user)
    for path in (
        f"/quotes/{quote['id']}",
        f"/opportunities/{other_deal}/quotes",
        f"/opportunities/{other_deal}/attachments",
    ):
        assert client.get(f"/api/v1{path}", headers=headers).status_code == 404, path
    answer = client.post(f"/api/v1/quotes/{quote['id']}/document", headers=headers)
    assert answer.status_code == 404
    assert client.get("/api/v1/contracts", headers=headers).json()["items"] == []


def test_quotes_are_refused_to_a_user_the_deal_amount_is_hidden_from(
    client: TestClient, session: Session, rep: User, rep_headers: dict, admin_headers: dict
) -> None:
    deal = make_opportunity(session, rep)
    session.commit()
    quote = client.post(
        "/api/v1/quotes", json={"opportunity_id": deal.id, "name": "Offer"}, headers=admin_headers
    ).json()
    session.add(FieldVisibility(entity="opportunity", field="amount", roles=["director"], user_ids=[]))
    session.commit()
    for path in (f"/quotes/{quote['id']}", f"/opportunities/{deal.id}/quotes"):
        answer = client.get(f"/api/v1{path}", headers=rep_headers)
        assert answer.status_code == 403, path
        assert "amount" in answer.json()["error"]["message"]
    answer = client.post(
        "/api/v1/quotes", json={"opportunity_id": deal.id, "name": "Mine"}, headers=rep_headers
    )
    assert answer.status_code == 403
    assert session.query(Quote).count() == 1


@pytest.mark.parametrize("number", HUGE)
def test_ids_beyond_the_database_range_answer_404(
    client: TestClient, session: Session, admin: User, admin_headers: dict, number: int
) -> None:
    for method, path in (
        ("GET", f"/opportunities/{number}/quotes"),
        ("GET", f"/opportunities/{number}/attachments"),
        ("GET", f"/quotes/{number}"),
        ("GET", f"/attachments/{number}/download"),
        ("DELETE", f"/attachments/{number}"),
        ("GET", f"/quote-templates/{number}/download"),
        ("DELETE", f"/quote-templates/{number}"),
        ("GET", f"/contracts/{number}"),
        ("POST", f"/contracts/{number}/renew"),
        ("GET", f"/products/{number}"),
        ("GET", f"/bundles/{number}"),
    ):
        answer = client.request(method, f"/api/v1{path}", headers=admin_headers)
        assert answer.status_code == 404, (method, path, answer.text)


@pytest.mark.parametrize("number", HUGE)
def test_filters_and_bodies_with_ids_beyond_the_range_are_refused_and_write_nothing(
    client: TestClient, session: Session, admin: User, admin_headers: dict, number: int
) -> None:
    deal = make_opportunity(session, admin)
    session.commit()
    for path in (
        f"/contracts?account_id={number}",
        f"/bundles?price_book_id={number}",
        f"/products?category_id={number}",
        f"/quote-templates?price_book_id={number}",
        f"/contracts?offset={number}",
    ):
        answer = client.get(f"/api/v1{path}", headers=admin_headers)
        assert answer.status_code == 422, (path, answer.text)
    quote = client.post(
        "/api/v1/quotes", json={"opportunity_id": deal.id, "name": "Offer"}, headers=admin_headers
    ).json()
    for body in ({"entry_id": number}, {"bundle_id": number}):
        answer = client.post(f"/api/v1/quotes/{quote['id']}/items", json=body, headers=admin_headers)
        assert answer.status_code == 422, body
    answer = client.post(
        f"/api/v1/quotes/{quote['id']}/document", json={"template_id": number}, headers=admin_headers
    )
    assert answer.status_code == 422
    assert session.query(QuoteItem).count() == 0
