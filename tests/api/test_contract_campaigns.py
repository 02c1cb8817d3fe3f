"""api.md's `campaigns` and `campaign-statuses` as an integrator reads them: fields, statuses an admin
edits, archiving, results, and what a rep and a partner user may do."""

from __future__ import annotations

from decimal import Decimal

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.api.contract import API, is_error, listed
from tests.conftest import make_lead, make_partner, make_user

FIELDS = {"id", "name", "status", "budget", "cost", "currency", "starts", "ends"}
RESULT_KEYS = {
    *("leads", "qualified", "disqualified", "open_opportunities", "won_count", "won_amount", "cost"),
    *("cost_per_lead", "roi_percent"),
}


def _new(client: TestClient, headers: dict[str, str], **body: object) -> dict:
    answer = client.post(f"{API}/campaigns", json={"name": "Fair", **body}, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_campaigns_carry_the_documented_fields_and_start_active(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    body = {
        "budget": "5000.00",
        "cost": "1200.50",
        "currency": "usd",
        "starts": "2026-03-01",
        "ends": "2026-03-31",
    }
    record = _new(client, admin_headers, **body)
    assert set(record) >= FIELDS
    assert (record["status"], record["cost"], record["currency"]) == ("active", "1200.50", "USD")
    assert (record["starts"], record["ends"]) == ("2026-03-01", "2026-03-31")
    changed = client.patch(f"{API}/campaigns/{record['id']}", json={"ends": None}, headers=admin_headers)
    assert changed.status_code == 200 and changed.json()["ends"] is None
    assert [c["name"] for c in listed(client, admin_headers, "/campaigns", q="fai")] == ["Fair"]
    assert listed(client, admin_headers, "/campaigns", q="nothing") == []


def test_bad_campaign_input_answers_422_naming_the_fields_and_writes_nothing(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    bad = {"name": "Fair", "status": "paused", "starts": "2026-04-01", "ends": "2026-03-01"}
    error = is_error(
        client.post(f"{API}/campaigns", json=bad, headers=admin_headers), 422, "validation_error"
    )
    assert set(error["fields"]) == {"status", "ends"}
    assert "active, archived" in error["fields"]["status"]
    assert listed(client, admin_headers, "/campaigns") == []


def test_archive_and_unarchive_use_the_statuses_of_those_kinds(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    campaign = _new(client, admin_headers)
    archived = client.post(f"{API}/campaigns/{campaign['id']}/archive", headers=admin_headers).json()
    assert (archived["status"], archived["archived"]) == ("archived", True)
    assert [c["id"] for c in listed(client, admin_headers, "/campaigns", status="archived")] == [
        campaign["id"]
    ]
    back = client.post(f"{API}/campaigns/{campaign['id']}/unarchive", headers=admin_headers).json()
    assert (back["status"], back["archived"]) == ("active", False)


def test_an_admin_adds_renames_and_deletes_campaign_statuses(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    defaults = listed(client, admin_headers, "/campaign-statuses")
    assert [(s["name"], s["kind"]) for s in defaults] == [("active", "active"), ("archived", "archived")]
    planned = client.post(f"{API}/campaign-statuses", json={"name": "planned"}, headers=admin_headers)
    assert planned.status_code == 201 and planned.json()["kind"] == "active"
    status_id = planned.json()["id"]
    campaign = _new(client, admin_headers, status="planned")
    assert campaign["status"] == "planned"
    renamed = client.patch(
        f"{API}/campaign-statuses/{status_id}", json={"name": "upcoming"}, headers=admin_headers
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "upcoming"
    assert (
        client.get(f"{API}/campaigns/{campaign['id']}", headers=admin_headers).json()["status"] == "upcoming"
    )
    refused = is_error(
        client.delete(f"{API}/campaign-statuses/{status_id}", headers=admin_headers), 409, "conflict"
    )
    assert "1 campaign(s)" in refused["message"] and "upcoming" in refused["message"]
    client.patch(f"{API}/campaigns/{campaign['id']}", json={"status": "active"}, headers=admin_headers)
    assert client.delete(f"{API}/campaign-statuses/{status_id}", headers=admin_headers).status_code == 204
    assert [s["name"] for s in listed(client, admin_headers, "/campaign-statuses")] == ["active", "archived"]


def test_the_last_status_of_a_kind_and_a_taken_name_are_refused(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    archived = listed(client, admin_headers, "/campaign-statuses")[1]
    is_error(
        client.delete(f"{API}/campaign-statuses/{archived['id']}", headers=admin_headers), 409, "conflict"
    )
    answer = client.patch(
        f"{API}/campaign-statuses/{archived['id']}", json={"kind": "active"}, headers=admin_headers
    )
    is_error(answer, 409, "conflict")
    clash = client.post(f"{API}/campaign-statuses", json={"name": "Active"}, headers=admin_headers)
    assert is_error(clash, 409, "conflict")["fields"] == {"name": "is already taken"}
    is_error(
        client.post(f"{API}/campaign-statuses", json={"name": " "}, headers=admin_headers),
        422,
        "validation_error",
    )


def test_reps_read_statuses_and_results_but_only_admins_edit_statuses(
    client: TestClient, session: Session, admin_headers: dict[str, str], rep_headers: dict[str, str]
) -> None:
    campaign = _new(client, admin_headers, cost="300.00")
    assert len(listed(client, rep_headers, "/campaign-statuses")) == 2
    is_error(
        client.post(f"{API}/campaign-statuses", json={"name": "x"}, headers=rep_headers), 403, "forbidden"
    )
    is_error(client.post(f"{API}/campaigns", json={"name": "Mine"}, headers=rep_headers), 403, "forbidden")
    make_lead(session, campaign_id=campaign["id"])
    make_lead(session, campaign_id=campaign["id"], status="disqualified")
    session.commit()
    answer = client.get(f"{API}/campaigns/{campaign['id']}/results", headers=rep_headers)
    assert answer.status_code == 200, answer.text
    results = answer.json()
    assert set(results) >= RESULT_KEYS
    assert (results["leads"], results["disqualified"], results["cost_per_lead"]) == (2, 1, "150.00")
    assert (results["roi_percent"], Decimal(results["won_amount"])) == ("-100.0", Decimal(0))
    is_error(client.get(f"{API}/campaigns/999999/results", headers=rep_headers), 404, "not_found")


def test_roi_is_null_when_the_cost_is_zero(client: TestClient, admin_headers: dict[str, str]) -> None:
    campaign = _new(client, admin_headers, cost="0")
    results = client.get(f"{API}/campaigns/{campaign['id']}/results", headers=admin_headers).json()
    assert (results["roi_percent"], results["cost_per_lead"], results["cost"]) == (None, None, "0.00")


def test_a_partner_user_reads_no_results_and_writes_no_statuses(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str], auth_headers: HeadersFor
) -> None:
    campaign = _new(client, admin_headers, budget="12345.00", cost="999.00")
    partner_user = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    headers = auth_headers(partner_user)
    refused = client.get(f"{API}/campaigns/{campaign['id']}/results", headers=headers)
    assert "999" not in is_error(refused, 403, "forbidden")["message"]
    one = client.get(f"{API}/campaigns/{campaign['id']}", headers=headers).json()
    assert "budget" not in one and "cost" not in one
    is_error(client.post(f"{API}/campaign-statuses", json={"name": "x"}, headers=headers), 403, "forbidden")
