"""REST actions on deals (move, lost, won, sold, unlock, copy), exchange rates and projects."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import Opportunity, Stage, User
from rxcrm.services.pipeline.stages import list_stages
from tests.api.contract import answered
from tests.conftest import make_active_quote, make_opportunity, make_user

HeadersFor = Callable[[User], dict[str, str]]
DEALS = "/api/v1/opportunities"


def _stage(session: Session, kind: str, index: int = 0) -> Stage:
    return [s for s in list_stages(session) if s.kind == kind][index]


def _error(answer: Any, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


@pytest.fixture
def deal(session: Session, rep: User) -> Opportunity:
    """An open deal of the rep, committed so the API sees it."""
    made = make_opportunity(session, rep)
    session.commit()
    return made


def test_a_move_answers_the_deal_with_its_new_stage_status_and_probability(
    client: TestClient, session: Session, rep, rep_headers, deal: Opportunity
) -> None:
    proposal = _stage(session, "open", 3)
    moved = answered(
        client.post(f"{DEALS}/{deal.id}/move", json={"stage_id": proposal.id}, headers=rep_headers), 200
    )
    assert (moved["id"], moved["stage_id"], moved["status"], moved["probability"]) == (
        deal.id,
        proposal.id,
        "open",
        60,
    )
    assert client.get(f"{DEALS}/{deal.id}", headers=rep_headers).json()["stage_id"] == proposal.id
    history = client.get(f"{DEALS}/{deal.id}/history", headers=rep_headers).json()
    moves = {row["field"]: (row["old"], row["new"], row["by"]) for row in history}
    assert moves == {
        "stage_id": (str(_stage(session, "open").id), str(proposal.id), rep.id),
        "probability": ("10", "60", rep.id),
    }


def test_a_move_to_a_lost_stage_without_reason_answers_422_and_writes_nothing(
    client: TestClient, session: Session, rep, rep_headers, deal: Opportunity
) -> None:
    first, lost = _stage(session, "open"), _stage(session, "lost")
    answer = client.post(f"{DEALS}/{deal.id}/move", json={"stage_id": lost.id}, headers=rep_headers)
    assert _error(answer, 422, "validation_error")["fields"] == {"reason": "say why the deal was lost"}
    blank = client.post(
        f"{DEALS}/{deal.id}/move", json={"stage_id": lost.id, "reason": "  "}, headers=rep_headers
    )
    assert "reason" in _error(blank, 422, "validation_error")["fields"]
    unchanged = client.get(f"{DEALS}/{deal.id}", headers=rep_headers).json()
    assert (unchanged["stage_id"], unchanged["status"], unchanged["lost_reason"]) == (first.id, "open", None)
    with_reason = client.post(
        f"{DEALS}/{deal.id}/move", json={"stage_id": lost.id, "reason": "Went silent"}, headers=rep_headers
    )
    assert with_reason.status_code == 200
    assert (with_reason.json()["status"], with_reason.json()["lost_reason"]) == ("lost", "Went silent")


def test_a_move_of_a_hidden_deal_answers_404(
    client: TestClient, session: Session, rep, auth_headers: HeadersFor
) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    deal = make_opportunity(session, rep)
    won = _stage(session, "won")
    session.commit()
    headers = auth_headers(limited)
    answer = client.post(f"{DEALS}/{deal.id}/move", json={"stage_id": won.id}, headers=headers)
    _error(answer, 404, "not_found")
    for action in ("won", "sold", "copy"):
        _error(client.post(f"{DEALS}/{deal.id}/{action}", headers=headers), 404, "not_found")
    assert client.get(f"{DEALS}/{deal.id}", headers=auth_headers(rep)).json()["status"] == "open"


def test_a_move_to_an_unknown_stage_answers_422(
    client: TestClient, session: Session, rep, rep_headers, deal: Opportunity
) -> None:
    answer = client.post(f"{DEALS}/{deal.id}/move", json={"stage_id": 9999}, headers=rep_headers)
    assert _error(answer, 422, "validation_error")["fields"] == {"stage_id": "no such stage"}
    no_stage = client.post(f"{DEALS}/{deal.id}/move", json={}, headers=rep_headers)
    assert "stage_id" in _error(no_stage, 422, "validation_error")["fields"]


def test_lost_answers_the_deal_with_its_reason(
    client: TestClient, session: Session, rep, rep_headers, deal: Opportunity
) -> None:
    lost = _stage(session, "lost")
    answer = client.post(f"{DEALS}/{deal.id}/lost", json={"reason": " Too expensive "}, headers=rep_headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["stage_id"], body["status"], body["probability"], body["lost_reason"]) == (
        lost.id,
        "lost",
        0,
        "Too expensive",
    )
    assert body["closed_at"] is not None
    missing = client.post(f"{DEALS}/{deal.id}/lost", json={}, headers=rep_headers)
    assert "reason" in _error(missing, 422, "validation_error")["fields"]


def test_lost_on_a_lost_deal_answers_it_with_the_new_reason_in_its_history(
    client: TestClient, session: Session, rep, rep_headers, deal: Opportunity
) -> None:
    url = f"{DEALS}/{deal.id}"
    assert client.post(f"{url}/lost", json={"reason": "Price"}, headers=rep_headers).status_code == 200
    again = client.post(f"{url}/lost", json={"reason": "Went with a competitor"}, headers=rep_headers)
    assert again.status_code == 200, again.text
    assert (again.json()["status"], again.json()["lost_reason"]) == ("lost", "Went with a competitor")
    assert client.get(url, headers=rep_headers).json()["lost_reason"] == "Went with a competitor"
    history = client.get(f"{url}/history", headers=rep_headers).json()
    assert ("Price", "Went with a competitor") in [
        (row["old"], row["new"]) for row in history if row["field"] == "lost_reason"
    ]
    blank = client.post(f"{url}/lost", json={"reason": " "}, headers=rep_headers)
    assert set(_error(blank, 422, "validation_error")["fields"]) == {"reason"}


def test_a_patch_cannot_leave_a_lost_deal_without_reason(
    client: TestClient, session: Session, rep, rep_headers, deal: Opportunity
) -> None:
    url = f"{DEALS}/{deal.id}"
    client.post(f"{url}/lost", json={"reason": "Price"}, headers=rep_headers)
    for reason in (None, "", "   "):
        refused = client.patch(url, json={"lost_reason": reason}, headers=rep_headers)
        assert set(_error(refused, 422, "validation_error")["fields"]) == {"lost_reason"}
    assert client.get(url, headers=rep_headers).json()["lost_reason"] == "Price"
    edited = client.patch(url, json={"lost_reason": " Timing "}, headers=rep_headers)
    assert edited.status_code == 200 and edited.json()["lost_reason"] == "Timing"


def test_won_then_sold_locks_the_deal_until_it_is_unlocked(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = make_opportunity(session, rep)
    make_active_quote(session, deal, [{"name": "Licence", "total": Decimal("100.00")}])
    won, negotiation = _stage(session, "won"), _stage(session, "open", 4)
    session.commit()
    url = f"{DEALS}/{deal.id}"
    winning = client.post(f"{url}/won", headers=rep_headers)
    assert winning.status_code == 200
    assert (winning.json()["stage_id"], winning.json()["status"], winning.json()["probability"]) == (
        won.id,
        "won",
        100,
    )
    assert winning.json()["locked"] is False
    sold = client.post(f"{url}/sold", headers=rep_headers)
    assert sold.status_code == 200 and sold.json()["locked"] is True and sold.json()["status"] == "won"
    refused = client.post(f"{url}/move", json={"stage_id": negotiation.id}, headers=rep_headers)
    assert "unlock" in _error(refused, 409, "conflict")["message"]
    assert client.get(url, headers=rep_headers).json()["stage_id"] == won.id
    unlocked = client.post(f"{url}/unlock", headers=rep_headers)
    assert unlocked.status_code == 200 and unlocked.json()["locked"] is False
    _error(client.post(f"{url}/unlock", headers=rep_headers), 409, "conflict")
    moved = client.post(f"{url}/move", json={"stage_id": negotiation.id}, headers=rep_headers)
    assert moved.status_code == 200
    assert (moved.json()["status"], moved.json()["probability"]) == ("open", 80)


def test_copy_answers_201_with_a_new_open_deal(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = make_opportunity(session, rep, name="Solar park", amount=Decimal("4200.00"), tags=["Hot"])
    session.commit()
    client.post(f"{DEALS}/{deal.id}/won", headers=rep_headers)
    answer = client.post(f"{DEALS}/{deal.id}/copy", headers=rep_headers)
    assert answer.status_code == 201, answer.text
    copy = answer.json()
    assert copy["id"] != deal.id
    assert (copy["name"], copy["status"], copy["stage_id"], copy["probability"]) == (
        "Copy of Solar park",
        "open",
        _stage(session, "open").id,
        10,
    )
    assert (copy["amount"], copy["tags"], copy["owner_id"]) == ("4200.00", ["Hot"], rep.id)
    assert client.get(f"{DEALS}/{deal.id}", headers=rep_headers).json()["status"] == "won"


def test_a_limited_rep_can_open_the_copy_of_a_deal_he_follows(
    client: TestClient, session: Session, rep, rep_headers, auth_headers: HeadersFor
) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    deal = make_opportunity(session, rep, name="Shared deal")
    session.commit()
    headers = auth_headers(limited)
    followed = client.post(f"{DEALS}/{deal.id}/followers", json={"user_id": limited.id}, headers=rep_headers)
    assert followed.status_code == 201, followed.text
    answer = client.post(f"{DEALS}/{deal.id}/copy", headers=headers)
    assert answer.status_code == 201, answer.text
    copy = answer.json()
    opened = client.get(f"{DEALS}/{copy['id']}", headers=headers)
    assert opened.status_code == 200 and opened.json()["name"] == "Copy of Shared deal"
    assert copy["owner_id"] == limited.id


def test_a_patch_to_a_lost_stage_needs_a_lost_reason(
    client: TestClient, session: Session, rep, rep_headers, deal: Opportunity
) -> None:
    lost = _stage(session, "lost")
    url = f"{DEALS}/{deal.id}"
    refused = client.patch(url, json={"stage_id": lost.id}, headers=rep_headers)
    assert set(_error(refused, 422, "validation_error")["fields"]) == {"lost_reason"}
    answer = client.patch(url, json={"stage_id": lost.id, "lost_reason": "Timing"}, headers=rep_headers)
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["lost_reason"]) == ("lost", "Timing")


def test_an_admin_sets_exchange_rates_and_everyone_reads_them(
    client: TestClient, session: Session, rep, admin_headers, auth_headers: HeadersFor
) -> None:
    answer = client.put("/api/v1/exchange-rates/usd", json={"rate": "0.9"}, headers=admin_headers)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["currency"], Decimal(answer.json()["rate"])) == ("USD", Decimal("0.9"))
    client.put("/api/v1/exchange-rates/GBP", json={"rate": "1.17"}, headers=admin_headers)
    listed = client.get("/api/v1/exchange-rates", headers=auth_headers(rep)).json()
    assert listed["board_currency"] == "EUR" and listed["total"] == 2
    assert [(r["currency"], Decimal(r["rate"])) for r in listed["items"]] == [
        ("GBP", Decimal("1.17")),
        ("USD", Decimal("0.9")),
    ]
    changed = client.put("/api/v1/exchange-rates/USD", json={"rate": "0.925"}, headers=admin_headers)
    assert Decimal(changed.json()["rate"]) == Decimal("0.925")
    assert client.delete("/api/v1/exchange-rates/GBP", headers=admin_headers).status_code == 204
    assert client.get("/api/v1/exchange-rates", headers=admin_headers).json()["total"] == 1


def test_a_rep_may_not_set_exchange_rates(client: TestClient, rep_headers) -> None:
    refused = client.put("/api/v1/exchange-rates/USD", json={"rate": "0.9"}, headers=rep_headers)
    _error(refused, 403, "forbidden")
    assert client.get("/api/v1/exchange-rates", headers=rep_headers).json()["items"] == []


def test_a_bad_rate_or_currency_answers_422(client: TestClient, admin_headers) -> None:
    for rate in ("0", "-1.5", "abc"):
        refused = client.put("/api/v1/exchange-rates/USD", json={"rate": rate}, headers=admin_headers)
        assert "rate" in _error(refused, 422, "validation_error")["fields"], rate
    bad_code = client.put("/api/v1/exchange-rates/EURO", json={"rate": "1.1"}, headers=admin_headers)
    assert "currency" in _error(bad_code, 422, "validation_error")["fields"]
    assert client.get("/api/v1/exchange-rates", headers=admin_headers).json()["total"] == 0


def test_projects_list_crm_and_only_an_admin_adds_one_once(
    client: TestClient, session: Session, admin_headers, rep_headers
) -> None:
    listed = client.get("/api/v1/projects", headers=rep_headers).json()
    assert [p["name"] for p in listed["items"]] == ["CRM"] and listed["total"] == 1
    created = client.post("/api/v1/projects", json={"name": "Renewals"}, headers=admin_headers)
    assert created.status_code == 201, created.text
    assert created.json()["name"] == "Renewals" and created.json()["parent_id"] is None
    _error(client.post("/api/v1/projects", json={"name": "Renewals"}, headers=admin_headers), 409, "conflict")
    _error(client.post("/api/v1/projects", json={"name": "Mine"}, headers=rep_headers), 403, "forbidden")
    names = [p["name"] for p in client.get("/api/v1/projects", headers=rep_headers).json()["items"]]
    assert names == ["CRM", "Renewals"]
