"""Following gives access, so taking it away is guarded (spec §1.3, §1.5).

Anyone removes him/herself; only the record's owner or second manager, admins and directors remove
someone else (403 otherwise). Following a global account does not open its deals to a limited-CRM user.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.services.records.followers import add_followers, follower_ids
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_opportunity, make_user


def test_a_rep_cannot_remove_a_colleague_from_an_accounts_followers(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    owner, colleague = make_user(session), make_user(session)
    account = make_account(session, owner_id=owner.id)
    add_followers(session, "account", account.id, [owner.id, colleague.id])
    session.commit()
    answer = client.delete(
        f"/api/v1/accounts/{account.id}/followers/{colleague.id}", headers=auth_headers(rep)
    )
    assert answer.status_code == 403, answer.text
    assert answer.json()["error"]["code"] == "forbidden" and "user_id" in answer.json()["error"]["fields"]
    assert colleague.id in follower_ids(session, "account", account.id)


def test_a_follower_removes_himself(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    owner = make_user(session)
    deal = make_opportunity(session, owner)
    add_followers(session, "opportunity", deal.id, [rep.id])
    session.commit()
    answer = client.delete(f"/api/v1/opportunities/{deal.id}/followers/{rep.id}", headers=auth_headers(rep))
    assert answer.status_code == 204
    assert rep.id not in follower_ids(session, "opportunity", deal.id)


@pytest.mark.parametrize("remover", ["owner", "second_owner", "admin", "director"])
def test_owners_admins_and_directors_remove_other_followers(
    client: TestClient, session: Session, auth_headers: HeadersFor, remover: str
) -> None:
    owner, second, follower = make_user(session), make_user(session), make_user(session)
    people = {
        "owner": owner,
        "second_owner": second,
        "admin": make_user(session, role="admin"),
        "director": make_user(session, role="director"),
    }
    account = make_account(session, owner_id=owner.id, second_owner_id=second.id)
    add_followers(session, "account", account.id, [follower.id])
    session.commit()
    url = f"/api/v1/accounts/{account.id}/followers/{follower.id}"
    assert client.delete(url, headers=auth_headers(people[remover])).status_code == 204
    assert follower.id not in follower_ids(session, "account", account.id)


def test_following_a_global_account_does_not_open_its_deals_to_a_limited_user(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    limited = make_user(session, access_level="limited_crm")
    account = make_account(session, owner_id=rep.id, is_global=True)
    deal = make_opportunity(session, rep, account_id=account.id)
    session.commit()
    headers = auth_headers(limited)
    assert client.post(f"/api/v1/accounts/{account.id}/followers", headers=headers).status_code == 201
    assert client.get(f"/api/v1/opportunities/{deal.id}", headers=headers).status_code == 404
    listed = client.get("/api/v1/opportunities", headers=headers).json()["items"]
    assert deal.id not in {d["id"] for d in listed}


def test_a_limited_user_still_sees_the_deals_of_an_account_shared_with_him(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    limited = make_user(session, access_level="limited_crm")
    account = make_account(session, owner_id=rep.id)
    deal = make_opportunity(session, rep, account_id=account.id)
    session.commit()
    url = f"/api/v1/accounts/{account.id}/followers"
    assert client.post(url, json={"user_id": limited.id}, headers=auth_headers(rep)).status_code == 201
    assert client.get(f"/api/v1/opportunities/{deal.id}", headers=auth_headers(limited)).status_code == 200


def test_nobody_follows_a_record_he_cannot_see(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    limited = make_user(session, access_level="limited_crm")
    account = make_account(session, owner_id=rep.id)
    session.commit()
    answer = client.post(f"/api/v1/accounts/{account.id}/followers", headers=auth_headers(limited))
    assert answer.status_code == 404
    assert limited.id not in follower_ids(session, "account", account.id)
