"""Exports stop at a row cap with a clear message instead of building an unbounded file."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.domain.records.export import MAX_EXPORT_ROWS
from rxcrm.services.leads import export as lead_export
from rxcrm.services.pipeline import export as opportunity_export
from tests.conftest import make_lead, make_opportunity

API = "/api/v1"


def test_the_cap_is_one_hundred_thousand_rows() -> None:
    assert MAX_EXPORT_ROWS == 100_000


@pytest.mark.parametrize("url", ["/leads/export.csv", "/leads/export.xlsx"])
def test_a_lead_export_over_the_cap_is_refused_with_a_clear_message(
    client: TestClient, session: Session, rep, rep_headers, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    for _ in range(3):
        make_lead(session, owner_id=rep.id)
    session.commit()
    monkeypatch.setattr(lead_export, "MAX_EXPORT_ROWS", 3)
    assert client.get(API + url, headers=rep_headers).status_code == 200
    monkeypatch.setattr(lead_export, "MAX_EXPORT_ROWS", 2)
    refused = client.get(API + url, headers=rep_headers)
    assert refused.status_code == 422
    assert (
        "3 rows" in refused.json()["error"]["message"] and "at most 2" in refused.json()["error"]["message"]
    )


def test_an_opportunity_export_over_the_cap_is_refused_with_a_clear_message(
    client: TestClient, session: Session, rep, rep_headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(3):
        make_opportunity(session, rep)
    session.commit()
    monkeypatch.setattr(opportunity_export, "MAX_EXPORT_ROWS", 2)
    refused = client.get(f"{API}/opportunities/export.csv", headers=rep_headers)
    assert refused.status_code == 422
    assert "Narrow the list" in refused.json()["error"]["message"]
    assert client.get(f"{API}/opportunities/export.csv?status=won", headers=rep_headers).status_code == 200
