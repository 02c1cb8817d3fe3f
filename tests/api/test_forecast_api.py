"""REST /forecast: the weighted pipeline per period and owner or team, money as strings, 422 on bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.pipeline.stages import list_stages
from tests.api.conftest import HeadersFor
from tests.conftest import make_opportunity, make_user


def _deal(
    session: Session, owner: User, amount: str, probability: int, status: str, day: date | None
) -> None:
    stage = next(s for s in list_stages(session) if s.kind == status)
    make_opportunity(
        session,
        owner,
        amount=Decimal(amount),
        probability=probability,
        status=status,
        stage_id=stage.id,
        close_date=day,
    )


def test_forecast_by_quarter_and_owner_in_the_board_currency(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str]
) -> None:
    _deal(session, rep, "1000.00", 40, "open", date(2026, 10, 15))
    _deal(session, rep, "250.00", 100, "won", date(2026, 12, 1))
    _deal(session, rep, "300.00", 0, "lost", date(2026, 11, 2))
    _deal(session, rep, "80.00", 50, "open", None)
    session.commit()
    answer = client.get("/api/v1/forecast?period=quarter&group=owner", headers=rep_headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["period"], body["group"], body["currency"]) == ("quarter", "owner", "EUR")
    assert body["rows"] == [
        {
            "period": "2026-Q4",
            "group_key": str(rep.id),
            "group_label": "Rita Rep",
            "open_count": 1,
            "open_amount": "1000.00",
            "weighted_amount": "400.00",
            "won_amount": "250.00",
            "lost_amount": "300.00",
        },
        {
            "period": "No date",
            "group_key": str(rep.id),
            "group_label": "Rita Rep",
            "open_count": 1,
            "open_amount": "80.00",
            "weighted_amount": "40.00",
            "won_amount": "0.00",
            "lost_amount": "0.00",
        },
    ]
    assert body["totals"]["weighted_amount"] == "440.00" and body["totals"]["unconverted"] == 0
    assert body["generated_at"].startswith(str(date.today().year))


def test_forecast_by_team_within_a_date_range(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    east = make_user(session, name="Eve", team="East")
    loner = make_user(session, name="Lou")
    _deal(session, east, "1000.00", 10, "open", date(2026, 1, 31))
    _deal(session, loner, "500.00", 20, "open", date(2026, 2, 1))
    _deal(session, loner, "999.00", 20, "open", date(2026, 3, 1))
    session.commit()
    answer = client.get(
        "/api/v1/forecast",
        params={"period": "month", "group": "team", "from": "2026-01-01", "to": "2026-02-28"},
        headers=admin_headers,
    )
    rows = [
        (r["period"], r["group_key"], r["group_label"], r["weighted_amount"]) for r in answer.json()["rows"]
    ]
    assert rows == [("2026-01", "East", "East", "100.00"), ("2026-02", "No team", "No team", "100.00")]
    only_east = client.get("/api/v1/forecast", params={"team": "East"}, headers=admin_headers).json()
    assert [r["group_label"] for r in only_east["rows"]] == ["Eve"]
    only_lou = client.get("/api/v1/forecast", params={"owner_id": loner.id}, headers=admin_headers).json()
    assert [r["period"] for r in only_lou["rows"]] == ["2026-02", "2026-03"]


def test_a_limited_rep_gets_only_his_deals(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    limited = make_user(session, name="Lina", access_level="limited_opportunities")
    _deal(session, limited, "100.00", 50, "open", date(2026, 6, 1))
    _deal(session, rep, "9000.00", 50, "open", date(2026, 6, 1))
    session.commit()
    body = client.get("/api/v1/forecast?group=none", headers=auth_headers(limited)).json()
    assert [(r["open_count"], r["weighted_amount"]) for r in body["rows"]] == [(1, "50.00")]


def test_bad_parameters_answer_422_naming_each_of_them(
    client: TestClient, rep_headers: dict[str, str]
) -> None:
    answer = client.get(
        "/api/v1/forecast",
        params={"period": "week", "group": "region", "from": "2026-13-01", "owner_id": "x"},
        headers=rep_headers,
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"period", "group", "from", "owner_id"}
    reversed_range = client.get("/api/v1/forecast?from=2026-05-01&to=2026-04-30", headers=rep_headers)
    assert reversed_range.status_code == 422
    assert reversed_range.json()["error"]["fields"] == {"to": "must not be before 'from'"}


def test_an_owner_id_that_is_no_database_id_answers_422_not_500(
    client: TestClient, rep_headers: dict[str, str]
) -> None:
    for owner in ("²", "٣", "99999999999999999999", "2147483648"):
        answer = client.get("/api/v1/forecast", params={"owner_id": owner}, headers=rep_headers)
        assert answer.status_code == 422, (owner, answer.text)
        assert answer.json()["error"]["fields"] == {"owner_id": "must be a user id"}


def test_forecast_needs_a_login(client: TestClient) -> None:
    answer = client.get("/api/v1/forecast")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
