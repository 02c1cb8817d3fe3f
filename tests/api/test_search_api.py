"""REST /search: the top bar finds accounts, contacts, leads and deals the user may see."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from rxcrm.db.models import Lead, User
from tests.conftest import make_account, make_contact, make_opportunity, make_user


def test_search_finds_every_kind_of_record(client: TestClient, session: Session, rep, rep_headers) -> None:
    account = make_account(session, name="Polaris Shipping", city="Bremen")
    contact = make_contact(session, first_name="Paula", last_name="Polaris", email="paula@polaris.example")
    deal = make_opportunity(session, rep, name="Polaris renewal", amount="500.00", currency="EUR")
    lead = Lead(name="Piet Jansen", company="Polaris Yachts", owner_id=rep.id)
    session.add(lead)
    session.commit()
    items = client.get("/api/v1/search?q=polaris", headers=rep_headers).json()["items"]
    assert items == [
        {"entity": "account", "id": account.id, "title": "Polaris Shipping", "hint": "Bremen"},
        {"entity": "contact", "id": contact.id, "title": "Paula Polaris", "hint": "paula@polaris.example"},
        {"entity": "lead", "id": lead.id, "title": "Piet Jansen", "hint": "Polaris Yachts"},
        {"entity": "opportunity", "id": deal.id, "title": "Polaris renewal", "hint": "500.00 EUR"},
    ]


def test_search_hides_what_the_user_may_not_see(client: TestClient, session: Session, rep_headers) -> None:
    other = make_user(session)
    make_account(session, name="Secret Polaris", is_private=True, created_by_id=other.id)
    session.add(Lead(name="Polaris lead of someone else", owner_id=other.id))
    rep = session.exec(select(User).where(User.email == "rita@example.com")).one()
    rep.access_level = "limited_crm"
    session.commit()
    assert client.get("/api/v1/search?q=polaris", headers=rep_headers).json() == {"items": []}


def test_too_short_a_query_finds_nothing_and_search_needs_login(
    client: TestClient, session: Session, rep_headers
) -> None:
    make_account(session, name="P")
    session.commit()
    assert client.get("/api/v1/search?q=p", headers=rep_headers).json() == {"items": []}
    assert client.get("/api/v1/search?q=polaris").status_code == 401
