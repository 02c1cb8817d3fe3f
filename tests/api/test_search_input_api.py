"""Search input is taken literally and bounded: LIKE wildcards match themselves, long queries are refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.records.search import MAX_QUERY, global_search
from tests.conftest import make_account, make_contact, make_opportunity

API = "/api/v1"


def test_a_search_for_percent_finds_only_records_holding_a_percent_sign(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    organic = make_account(session, name="100% Organic")
    make_account(session, name="Plain Foods"), make_contact(session, last_name="Smith")
    make_opportunity(session, rep, name="Upsell")
    session.commit()
    assert [a["id"] for a in client.get(f"{API}/accounts?q=%25", headers=rep_headers).json()["items"]] == [
        organic.id
    ]
    assert client.get(f"{API}/contacts?q=%25", headers=rep_headers).json()["total"] == 0
    assert client.get(f"{API}/opportunities?q=%25", headers=rep_headers).json()["total"] == 0
    hits = client.get(f"{API}/search?q=%25%25", headers=rep_headers).json()["items"]
    assert hits == []


def test_an_underscore_is_no_single_character_wildcard(
    client: TestClient, session: Session, rep_headers
) -> None:
    snake = make_account(session, name="snake_case Ltd")
    make_account(session, name="snakeXcase Ltd")
    session.commit()
    for url in (f"{API}/accounts?q=snake_case", f"{API}/search?q=snake_case"):
        items = client.get(url, headers=rep_headers).json()["items"]
        assert [i["id"] for i in items] == [snake.id], url


def test_global_search_refuses_a_query_longer_than_the_cap(session: Session, rep) -> None:
    assert global_search(session, rep, "x" * MAX_QUERY) == []
    with pytest.raises(ValidationFailed) as refused:
        global_search(session, rep, "x" * (MAX_QUERY + 1))
    assert set(refused.value.fields) == {"q"}
