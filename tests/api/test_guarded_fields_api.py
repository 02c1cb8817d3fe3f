"""Spec §1.5 over REST: who may make an account private or global, and move a record to a partner.

Only the creator sets or clears `is_private`, only admins and directors `is_global`; partner users never
change `partner_id` and create records for their own partner only. A refusal answers 403 naming the field.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import Account
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_contact, make_lead, make_opportunity, make_partner, make_user

ACCOUNTS = "/api/v1/accounts"
RECORDS = ("accounts", "contacts", "leads", "opportunities")
NEW = {
    "accounts": {"name": "Acme"},
    "contacts": {"last_name": "Doe"},
    "leads": {"name": "Lena Lead"},
    "opportunities": {"name": "Deal"},
}


def refused(answer, field: str) -> None:
    assert answer.status_code == 403, answer.text
    error = answer.json()["error"]
    assert error["code"] == "forbidden" and field in error["fields"]


def test_a_rep_cannot_make_an_account_global(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    account = make_account(session, owner_id=rep.id, created_by_id=rep.id)
    session.commit()
    headers = auth_headers(rep)
    refused(client.patch(f"{ACCOUNTS}/{account.id}", json={"is_global": True}, headers=headers), "is_global")
    refused(
        client.post(ACCOUNTS, json={"name": "Everywhere", "is_global": True}, headers=headers), "is_global"
    )
    session.refresh(account)
    assert account.is_global is False
    assert session.query(Account).filter(Account.name == "Everywhere").count() == 0


@pytest.mark.parametrize(
    ("made_with", "field", "value"),
    [({"is_global": True}, "is_global", False), ({"created_by_id": None}, "is_private", True)],
    ids=[
        "a rep cannot take the global flag off either",
        "an account without a known creator cannot be made private",
    ],
)
def test_a_reps_own_account_keeps_a_flag_he_may_not_change(
    client: TestClient,
    session: Session,
    rep,
    auth_headers: HeadersFor,
    made_with: dict,
    field: str,
    value: bool,
) -> None:
    account = make_account(session, owner_id=rep.id, **made_with)
    session.commit()
    answer = client.patch(f"{ACCOUNTS}/{account.id}", json={field: value}, headers=auth_headers(rep))
    refused(answer, field)


@pytest.mark.parametrize("role", ["admin", "director"])
def test_admins_and_directors_make_accounts_global_and_back(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor, role: str
) -> None:
    boss = make_user(session, role=role)
    account = make_account(session, owner_id=rep.id, created_by_id=rep.id)
    session.commit()
    headers = auth_headers(boss)
    for flag in (True, False):
        answer = client.patch(f"{ACCOUNTS}/{account.id}", json={"is_global": flag}, headers=headers)
        assert answer.status_code == 200 and answer.json()["is_global"] is flag
    created = client.post(ACCOUNTS, json={"name": "Everywhere", "is_global": True}, headers=headers)
    assert created.status_code == 201 and created.json()["is_global"] is True


def test_a_rep_cannot_make_a_colleagues_account_private(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    colleague = make_user(session)
    account = make_account(session, owner_id=rep.id, created_by_id=colleague.id)
    session.commit()
    answer = client.patch(f"{ACCOUNTS}/{account.id}", json={"is_private": True}, headers=auth_headers(rep))
    refused(answer, "is_private")
    session.refresh(account)
    assert account.is_private is False
    assert client.get(f"{ACCOUNTS}/{account.id}", headers=auth_headers(colleague)).status_code == 200


@pytest.mark.parametrize("role", ["admin", "director"])
def test_not_even_admins_or_directors_make_someone_elses_account_private(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor, role: str
) -> None:
    boss = make_user(session, role=role)
    account = make_account(session, created_by_id=rep.id)
    session.commit()
    answer = client.patch(f"{ACCOUNTS}/{account.id}", json={"is_private": True}, headers=auth_headers(boss))
    refused(answer, "is_private")


def test_the_creator_makes_an_account_private_and_public_again(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    session.commit()
    headers = auth_headers(rep)
    account_id = client.post(ACCOUNTS, json={"name": "Mine"}, headers=headers).json()["id"]
    for flag in (True, False):
        answer = client.patch(f"{ACCOUNTS}/{account_id}", json={"is_private": flag}, headers=headers)
        assert answer.status_code == 200 and answer.json()["is_private"] is flag


def test_a_form_sending_the_flags_unchanged_is_accepted(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    account = make_account(session, owner_id=rep.id, is_global=True, created_by_id=None)
    session.commit()
    answer = client.patch(
        f"{ACCOUNTS}/{account.id}",
        json={"name": "Renamed", "is_global": True, "is_private": False},
        headers=auth_headers(rep),
    )
    assert answer.status_code == 200 and answer.json()["name"] == "Renamed"


def _record(session: Session, resource: str, partner_id: int, owner) -> int:
    if resource == "accounts":
        return make_account(session, partner_id=partner_id).id
    if resource == "contacts":
        return make_contact(session, partner_id=partner_id).id
    if resource == "leads":
        return make_lead(session, partner_id=partner_id).id
    return make_opportunity(session, owner, partner_id=partner_id).id


@pytest.mark.parametrize("resource", RECORDS)
def test_a_partner_user_cannot_hand_a_record_to_another_partner(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor, resource: str
) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    record_id = _record(session, resource, ours.id, rep)
    session.commit()
    headers = auth_headers(person)
    url = f"/api/v1/{resource}/{record_id}"
    for other in (theirs.id, None):
        refused(client.patch(url, json={"partner_id": other}, headers=headers), "partner_id")
    assert client.get(url, headers=headers).json()["partner_id"] == ours.id
    assert client.patch(url, json={"partner_id": ours.id}, headers=headers).status_code == 200


@pytest.mark.parametrize("resource", RECORDS)
def test_a_partner_user_creates_records_for_his_own_partner_only(
    client: TestClient, session: Session, auth_headers: HeadersFor, resource: str
) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    session.commit()
    headers = auth_headers(person)
    url = f"/api/v1/{resource}"
    refused(client.post(url, json={**NEW[resource], "partner_id": theirs.id}, headers=headers), "partner_id")
    created = client.post(url, json=NEW[resource], headers=headers)
    assert created.status_code == 201 and created.json()["partner_id"] == ours.id
    assert client.get(f"{url}/{created.json()['id']}", headers=headers).status_code == 200


@pytest.mark.parametrize("resource", RECORDS)
def test_internal_users_still_move_records_between_partners(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor, resource: str
) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    record_id = _record(session, resource, ours.id, rep)
    session.commit()
    answer = client.patch(
        f"/api/v1/{resource}/{record_id}", json={"partner_id": theirs.id}, headers=auth_headers(rep)
    )
    assert answer.status_code == 200 and answer.json()["partner_id"] == theirs.id
