"""Fields hidden from a user (spec §1.7) never leak: search hints, vCards, sort keys, filters, baselines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.services.people.field_visibility import limit_field
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_contact, make_opportunity, make_user

API = "/api/v1"


def _hide(session: Session, admin, entity: str, *fields: str) -> None:  # noqa: ANN001
    for field in fields:
        limit_field(session, admin, entity, field, ["director"])
    session.commit()


def test_search_hints_leave_out_a_hidden_city_e_mail_and_amount(
    client: TestClient, session: Session, admin, rep, rep_headers
) -> None:
    make_account(session, name="Zephyr Works", city="Innsbruck")
    make_contact(session, first_name="Zephyr", last_name="Lee", email="zlee@secret.example")
    make_opportunity(session, rep, name="Zephyr deal", amount=Decimal("987654.00"))
    _hide(session, admin, "account", "city")
    _hide(session, admin, "contact", "email")
    _hide(session, admin, "opportunity", "amount")
    hits = client.get(f"{API}/search?q=zephyr", headers=rep_headers).json()["items"]
    assert {h["entity"] for h in hits} == {"account", "contact", "opportunity"}
    shown = " ".join(h["hint"] for h in hits)
    assert "Innsbruck" not in shown and "secret.example" not in shown and "987654" not in shown


def test_search_hints_show_the_fields_to_those_who_may_see_them(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    make_account(session, name="Zephyr Works", city="Innsbruck")
    make_opportunity(session, rep, name="Zephyr deal", amount=Decimal("987654.00"))
    session.commit()
    hints = {
        h["entity"]: h["hint"]
        for h in client.get(f"{API}/search?q=zephyr", headers=rep_headers).json()["items"]
    }
    assert hints["account"] == "Innsbruck" and hints["opportunity"].startswith("987654.00")


def test_vcards_leave_out_hidden_fields(client: TestClient, session: Session, admin, rep_headers) -> None:
    account = make_account(session, name="Vault AG", email="vault@secret.example", street="Hidden Way 1")
    contact = make_contact(session, last_name="Quiet", email="quiet@secret.example", mobile="+43 555")
    _hide(session, admin, "account", "email", "street")
    _hide(session, admin, "contact", "email", "mobile")
    account_card = client.get(f"{API}/accounts/{account.id}/vcard", headers=rep_headers).text
    contact_card = client.get(f"{API}/contacts/{contact.id}/vcard", headers=rep_headers).text
    assert "FN:Vault AG" in account_card and "FN:Quiet" in contact_card
    assert "secret.example" not in account_card + contact_card
    assert "Hidden Way" not in account_card and "+43 555" not in contact_card


@pytest.mark.parametrize(
    ("entity", "field", "url"),
    [
        ("account", "city", "/accounts?sort=city"),
        ("account", "industry", "/accounts?sort=-industry"),
        ("contact", "email", "/contacts?sort=email"),
        ("opportunity", "amount", "/opportunities?sort=-amount"),
        ("opportunity", "close_date", "/opportunities?sort=close_date"),
        ("opportunity", "amount", "/opportunities/export.csv?sort=amount"),
    ],
)
def test_a_list_cannot_be_sorted_by_a_hidden_field(
    client: TestClient, session: Session, admin, rep_headers, entity: str, field: str, url: str
) -> None:
    _hide(session, admin, entity, field)
    refused = client.get(API + url, headers=rep_headers)
    assert refused.status_code == 422, refused.text
    assert field in refused.json()["error"]["fields"]["sort"]


def test_a_director_the_field_is_limited_to_still_sorts_by_it(
    client: TestClient, session: Session, admin, rep, auth_headers: HeadersFor
) -> None:
    director = make_user(session, role="director")
    (
        make_opportunity(session, rep, amount=Decimal("5.00")),
        make_opportunity(session, rep, amount=Decimal("9.00")),
    )
    _hide(session, admin, "opportunity", "amount")
    listed = client.get(f"{API}/opportunities?sort=-amount", headers=auth_headers(director))
    assert [d["amount"] for d in listed.json()["items"]] == ["9.00", "5.00"]


@pytest.mark.parametrize(
    ("entity", "field", "url", "named"),
    [
        ("account", "industry", "/accounts?industry=Mining", "industry"),
        ("opportunity", "tags", "/opportunities?tag=hot", "tag"),
        ("opportunity", "tags", "/opportunities/export.csv?tag=hot", "tag"),
        ("account", "custom", "/accounts?custom.region=north", "custom.region"),
        ("contact", "custom", "/contacts?custom.region=north", "custom.region"),
        ("opportunity", "custom", "/opportunities?custom.region=north", "custom.region"),
    ],
)
def test_a_list_cannot_be_filtered_by_a_hidden_field(
    client: TestClient, session: Session, admin, rep_headers, entity: str, field: str, url: str, named: str
) -> None:
    _hide(session, admin, entity, field)
    refused = client.get(API + url, headers=rep_headers)
    assert refused.status_code == 422, refused.text
    assert set(refused.json()["error"]["fields"]) == {named}


def _revenue_baseline(client: TestClient, headers: dict[str, str], kind: str = "revenue") -> int:
    created = client.post(f"{API}/baselines", json={"widget_kind": kind, "name": "Plan"}, headers=headers)
    assert created.status_code == 201, created.text
    return created.json()["id"]


def test_a_director_the_amount_is_hidden_from_gets_no_baseline_built_from_it(
    client: TestClient, session: Session, admin, admin_headers, auth_headers: HeadersFor
) -> None:
    director = make_user(session, role="director")
    session.commit()
    revenue, funnel = (
        _revenue_baseline(client, admin_headers),
        _revenue_baseline(client, admin_headers, "funnel"),
    )
    headers = auth_headers(director)
    assert client.get(f"{API}/baselines/{revenue}", headers=headers).status_code == 200
    limit_field(session, admin, "opportunity", "amount", ["admin"])
    session.commit()
    assert client.get(f"{API}/baselines/{revenue}", headers=headers).status_code == 404
    listed = client.get(f"{API}/baselines", headers=headers).json()
    assert [b["id"] for b in listed["items"]] == [funnel] and listed["total"] == 1
    assert client.get(f"{API}/baselines/{funnel}", headers=headers).status_code == 200


def test_a_creator_the_amount_is_hidden_from_since_no_longer_reads_the_baseline(
    client: TestClient, session: Session, admin, rep_headers
) -> None:
    revenue = _revenue_baseline(client, rep_headers)
    _hide(session, admin, "opportunity", "amount")
    assert client.get(f"{API}/baselines/{revenue}", headers=rep_headers).status_code == 404


def test_a_director_with_limited_access_reads_only_his_own_baselines(
    client: TestClient, session: Session, admin_headers, auth_headers: HeadersFor
) -> None:
    director = make_user(session, role="director", access_level="limited_crm")
    session.commit()
    theirs = _revenue_baseline(client, admin_headers, "funnel")
    headers = auth_headers(director)
    own = _revenue_baseline(client, headers, "funnel")
    assert client.get(f"{API}/baselines/{theirs}", headers=headers).status_code == 404
    assert [b["id"] for b in client.get(f"{API}/baselines", headers=headers).json()["items"]] == [own]
