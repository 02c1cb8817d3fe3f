"""REST: bulk edit of opportunities (all or nothing) and the CSV export (access, filters, formula safety)."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import Opportunity
from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_opportunity, make_user

BULK = "/api/v1/opportunities/bulk"
EXPORT = "/api/v1/opportunities/export.csv"


def _stage(session: Session, kind: str):
    return next(s for s in list_stages(session) if s.kind == kind)


def _owners(session: Session, *deals: Opportunity) -> list[int]:
    session.expire_all()
    return [session.get(Opportunity, d.id).owner_id for d in deals]


def _csv(answer) -> list[dict[str, str]]:  # noqa: ANN001
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.text)))


def test_bulk_changes_owner_stage_and_tags_of_every_chosen_deal(
    client: TestClient, session: Session, admin, admin_headers
) -> None:
    rep = make_user(session)
    deals = [make_opportunity(session, admin, tags=["old"]) for _ in range(2)]
    won = _stage(session, "won")
    session.commit()
    body = {
        "ids": [d.id for d in deals],
        "owner_id": rep.id,
        "stage_id": won.id,
        "add_tags": ["VIP"],
        "remove_tags": ["old"],
    }
    answer = client.post(BULK, json=body, headers=admin_headers)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"updated": 2}
    for deal in deals:
        record = client.get(f"/api/v1/opportunities/{deal.id}", headers=admin_headers).json()
        assert (record["owner_id"], record["stage_id"], record["status"]) == (rep.id, won.id, "won")
        assert record["tags"] == ["VIP"]


def test_bulk_with_a_hidden_id_answers_422_and_writes_nothing(
    client: TestClient, session: Session, admin, auth_headers
) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    mine = make_opportunity(session, limited)
    hidden = make_opportunity(session, admin)
    session.commit()
    answer = client.post(
        BULK, json={"ids": [mine.id, hidden.id], "owner_id": admin.id}, headers=auth_headers(limited)
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"] == {"ids": f"opportunity {hidden.id} not found"}
    assert _owners(session, mine, hidden) == [limited.id, admin.id]


def test_bulk_to_a_lost_stage_without_reason_answers_422_and_writes_nothing(
    client: TestClient, session: Session, admin, admin_headers
) -> None:
    deals = [make_opportunity(session, admin) for _ in range(2)]
    session.commit()
    answer = client.post(
        BULK,
        json={"ids": [d.id for d in deals], "stage_id": _stage(session, "lost").id},
        headers=admin_headers,
    )
    assert answer.status_code == 422
    session.expire_all()
    assert [session.get(Opportunity, d.id).status for d in deals] == ["open", "open"]


def test_bulk_refuses_bad_bodies(client: TestClient, session: Session, admin, admin_headers) -> None:
    deal = make_opportunity(session, admin)
    session.commit()
    for body in ({"ids": []}, {"ids": [deal.id]}, {"ids": [deal.id], "colour": "red"}, {"owner_id": 1}):
        answer = client.post(BULK, json=body, headers=admin_headers)
        assert answer.status_code == 422, body
        assert answer.json()["error"]["code"] == "validation_error"


def test_export_honours_access_filters_and_sort(
    client: TestClient, session: Session, admin, auth_headers
) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    make_opportunity(session, limited, name="Beta mine", tags=["vip"])
    make_opportunity(session, limited, name="Alpha mine", tags=["VIP", "q3"])
    make_opportunity(session, limited, name="Gamma mine")
    make_opportunity(session, admin, name="Secret deal", tags=["vip"])
    session.commit()
    headers = auth_headers(limited)
    everything = _csv(client.get(EXPORT, params={"sort": "name"}, headers=headers))
    assert [r["Name"] for r in everything] == ["Alpha mine", "Beta mine", "Gamma mine"]
    tagged = _csv(client.get(EXPORT, params={"tag": "VIP", "sort": "-name"}, headers=headers))
    assert [r["Name"] for r in tagged] == ["Beta mine", "Alpha mine"]
    assert tagged[1]["Tags"] == "VIP, q3"
    searched = _csv(client.get(EXPORT, params={"q": "gam"}, headers=headers))
    assert [r["Name"] for r in searched] == ["Gamma mine"]


def test_export_writes_a_formula_name_as_text(
    client: TestClient, session: Session, admin, admin_headers
) -> None:
    name = '=HYPERLINK("http://evil.example","click")'
    make_opportunity(session, admin, name=name)
    session.commit()
    rows = _csv(client.get(EXPORT, headers=admin_headers))
    assert [r["Name"] for r in rows] == ["'" + name]


def test_export_needs_a_logged_in_user(client: TestClient) -> None:
    assert client.get(EXPORT).status_code == 401
