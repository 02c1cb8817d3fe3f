"""POST /api/v1/imports/{leads,accounts} and GET /api/v1/leads/export.{csv,xlsx}."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session, func, select

from rxcrm.db.models import Account, Lead, User
from rxcrm.services.leads.lifecycle import create_lead
from tests.conftest import make_user

CSV = "Name;E-Mail;Firma\nAnn Berg;ann@x.io;Acme\nBo Li;bo@x.io;Beta\n"
WITH_A_BAD_EMAIL = CSV + "Cy;cy-at-x.io;Gamma\n"
BAD_EMAIL_ROW = {"row": "4", "field": "email", "message": "is not a valid e-mail address"}


def _count(session: Session, model: type) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def test_a_multipart_upload_imports_the_leads(
    client: TestClient, session: Session, rep_headers: dict[str, str]
) -> None:
    mapping = json.dumps({"Name": "name", "E-Mail": "email", "Firma": "company"})
    answer = client.post(
        "/api/v1/imports/leads",
        headers=rep_headers,
        files={"file": ("fair.csv", CSV.encode("utf-8-sig"), "text/csv")},
        data={"mapping": mapping},
    )
    assert answer.status_code == 201, answer.text
    assert answer.json() | {"report": []} == {
        "kind": "leads",
        "ok": True,
        "rows": 2,
        "imported": 2,
        "duplicates": 0,
        "routed": 0,
        "invalid": 0,
        "skipped": 0,
        "report": [],
    }
    assert _count(session, Lead) == 2


def test_a_dry_run_previews_with_the_suggested_mapping_and_writes_nothing(
    client: TestClient, session: Session, rep_headers: dict[str, str]
) -> None:
    answer = client.post("/api/v1/imports/leads?dry_run=true", headers=rep_headers, json={"csv": CSV})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["mapping"] == {"Name": "name", "E-Mail": "email", "Firma": "company"}
    bo = {"name": "Bo Li", "email": "bo@x.io", "company": "Beta", "row": 3, "invalid": False}
    assert body["sample"][1] == bo
    assert _count(session, Lead) == 0


def test_invalid_rows_answer_422_with_the_report_and_nothing_is_written(
    client: TestClient, session: Session, rep_headers: dict[str, str]
) -> None:
    answer = client.post("/api/v1/imports/leads", headers=rep_headers, json={"csv": WITH_A_BAD_EMAIL})
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"]["code"] == "validation_error"
    assert body["error"]["fields"] == {"rows.4.email": "is not a valid e-mail address"}
    assert body["report"] == [BAD_EMAIL_ROW]
    assert body["imported"] == 0
    assert _count(session, Lead) == 0


def test_skip_invalid_imports_the_valid_rows_and_reports_the_skipped_ones(
    client: TestClient, session: Session, rep_headers: dict[str, str]
) -> None:
    answer = client.post(
        "/api/v1/imports/leads?skip_invalid=true", headers=rep_headers, json={"csv": WITH_A_BAD_EMAIL}
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["ok"], body["imported"], body["invalid"], body["skipped"]) == (True, 2, 1, 1)
    assert body["report"] == [BAD_EMAIL_ROW]
    assert _count(session, Lead) == 2


def test_a_bad_mapping_or_body_is_a_validation_error(client: TestClient, rep_headers: dict[str, str]) -> None:
    answer = client.post(
        "/api/v1/imports/leads", headers=rep_headers, json={"csv": CSV, "mapping": {"Nope": "email"}}
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == {"mapping.Nope": "is not a column of the file"}
    assert client.post("/api/v1/imports/leads", headers=rep_headers, json={"text": CSV}).status_code == 422
    assert client.post("/api/v1/imports/contracts", headers=rep_headers, json={"csv": CSV}).status_code == 422


def test_importing_needs_a_login(client: TestClient) -> None:
    assert client.post("/api/v1/imports/leads", json={"csv": CSV}).status_code == 401
    answer = client.post("/api/v1/imports/leads", json={"csv": CSV}, headers={"Authorization": "Bearer x"})
    assert answer.status_code == 401


def test_accounts_are_imported_through_the_api(
    client: TestClient, session: Session, rep_headers: dict[str, str]
) -> None:
    text = "Company,City\nAcme,Wien\nBeta,Graz\n"
    answer = client.post(
        "/api/v1/imports/accounts",
        headers=rep_headers,
        files={"file": ("a.csv", text.encode(), "text/csv")},
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["imported"] == 2
    assert _count(session, Account) == 2


def test_the_export_follows_the_list_filters_and_access(
    client: TestClient, session: Session, admin: User, auth_headers
) -> None:
    limited = make_user(session, access_level="limited_crm")
    create_lead(session, admin, {"name": "Mine", "owner_id": limited.id, "source": "web"})
    create_lead(session, admin, {"name": '=HYPERLINK("http://x")', "source": "web"})
    create_lead(session, admin, {"name": "Other", "source": "fair"})
    session.commit()
    admin_headers = auth_headers(admin)
    answer = client.get("/api/v1/leads/export.csv?source=web&sort=name", headers=admin_headers)
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="leads.csv"'
    names = [r["Name"] for r in csv.DictReader(io.StringIO(answer.text))]
    assert names == ['\'=HYPERLINK("http://x")', "Mine"]
    mine = client.get("/api/v1/leads/export.csv", headers=auth_headers(limited))
    assert [r["Name"] for r in csv.DictReader(io.StringIO(mine.text))] == ["Mine"]
    book = client.get("/api/v1/leads/export.xlsx?source=fair", headers=admin_headers)
    assert book.status_code == 200
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert [c.value for c in sheet[2]][1] == "Other"
    assert sheet.max_row == 2
    assert client.get("/api/v1/leads/export.csv").status_code == 401
