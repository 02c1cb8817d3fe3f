"""Server errors Schemathesis found, each answered in the contract's terms now (see test_fuzz_api.py)."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import Conflict
from rxcrm.services.accounts.accounts import create_group
from tests.conftest import make_account, make_lead, make_opportunity

API = "/api/v1"
BEYOND = 2**63  # past SQLite's INTEGER and PostgreSQL's bigint
BODIES = [
    ("post", "/accounts", {"name": "A", "second_owner_id": BEYOND}),
    ("post", "/accounts", {"name": "A", "partner_id": BEYOND}),
    ("post", "/accounts", {"name": "A", "group_ids": [BEYOND]}),
    ("post", "/contacts", {"last_name": "C", "second_owner_id": BEYOND}),
    ("post", "/opportunities", {"name": "D", "account_id": "{account}", "second_owner_id": BEYOND}),
    ("post", "/opportunities", {"name": "D", "account_id": "{account}", "campaign_id": BEYOND}),
    ("post", "/opportunities/{deal}/move", {"stage_id": BEYOND}),
    ("post", "/opportunities/{deal}/business-roles", {"role": "Buyer", "contact_id": BEYOND}),
    ("post", "/leads/{lead}/qualify", {"stage_id": BEYOND}),
    ("post", "/leads/{lead}/qualify", {"project_id": BEYOND}),
    ("post", "/leads/{lead}/followers", {"user_id": BEYOND}),
    ("post", "/activities", {"entity": "lead", "entity_id": "{lead}", "category_id": BEYOND}),
    ("post", "/projects", {"name": "P", "parent_id": BEYOND}),
    (
        "post",
        "/users",
        {
            "email": "p@example.com",
            "name": "P",
            "role": "partner",
            "password": "long-password-1",
            "partner_id": BEYOND,
        },
    ),
    ("patch", "/users/{admin}", {"partner_id": BEYOND}),
    (
        "post",
        "/splitter-rules",
        {"name": "R", "condition": {"source": "web"}, "assignees": [{"user_id": BEYOND, "percent": 100}]},
    ),
    (
        "post",
        "/splitter-rules",
        {"name": "R", "condition": {"source": "web"}, "assignees": [{"partner_id": BEYOND, "percent": 100}]},
    ),
]


def _case_id(case: tuple[str, str, dict]) -> str:
    method, path, body = case
    return f"{method} {path} {list(body)[-1]}"


@pytest.mark.parametrize(("method", "path", "body"), BODIES, ids=[_case_id(c) for c in BODIES])
def test_an_id_in_a_body_beyond_what_the_database_stores_is_a_validation_error(
    client: TestClient,
    session: Session,
    admin: User,
    admin_headers: dict[str, str],
    method: str,
    path: str,
    body: dict,
) -> None:
    account = make_account(session, owner_id=admin.id)
    ids = {"account": account.id, "deal": make_opportunity(session, admin, account_id=account.id).id}
    ids |= {"lead": make_lead(session, owner_id=admin.id).id, "admin": admin.id}
    session.commit()
    sent = {
        k: int(v.format(**ids)) if isinstance(v, str) and v.startswith("{") else v for k, v in body.items()
    }
    answer = client.request(method, API + path.format(**ids), json=sent, headers=admin_headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["code"] == "validation_error"


def test_a_lead_whose_text_holds_control_characters_still_exports_as_xlsx(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str]
) -> None:
    make_lead(session, owner_id=rep.id, name="Ann\x01e\x1f Smith", company="Tab\tCo")
    session.commit()
    answer = client.get(f"{API}/leads/export.xlsx", headers=rep_headers)
    assert answer.status_code == 200, answer.text
    sheet = load_workbook(io.BytesIO(answer.content)).active
    row = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert "Anne Smith" in row and "Tab\tCo" in row


def test_a_group_name_another_request_took_meanwhile_is_a_conflict(shared_engine: Engine) -> None:
    with Session(shared_engine) as other_request, Session(shared_engine) as session:

        @event.listens_for(session, "before_flush", once=True)
        def _rival_commits_first(*_: object) -> None:
            create_group(other_request, "Resellers")
            other_request.commit()

        with pytest.raises(Conflict) as refused:
            create_group(session, "Resellers")
        assert refused.value.fields == {"name": "is already taken"}
