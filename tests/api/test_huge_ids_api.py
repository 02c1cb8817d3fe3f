"""Ids and offsets beyond what the database stores answer 404 (in the path) or 422 (in a filter), never 500.

Every route of every router (commerce, invoices, e-mails and files included) is probed with 2^63
in each int path parameter and each int query parameter.
The guards answer before any SQL runs, so one SQLite database serves the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import params
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from rxcrm.api import PREFIX, ROUTERS, build_api
from rxcrm.api.deps import db_session
from rxcrm.services.people.auth import log_in
from rxcrm.services.settings.defaults import install_defaults
from tests.api.conftest import sessions_on
from tests.conftest import make_account, make_contact, make_lead, make_opportunity, make_user

HUGE = str(2**63)


def _is_int(field: Any) -> bool:
    annotation = field.field_info.annotation
    return annotation is int or int in (getattr(annotation, "__args__", None) or ())


def _params(dependant: Any) -> tuple[list[Any], list[Any]]:
    """Path and query parameters of a route, of every dependency it uses and of its query-parameter models."""
    flat = get_flat_params(dependant)
    paths = [p for p in flat if isinstance(p.field_info, params.Path)]
    queries = [p for p in flat if not isinstance(p.field_info, params.Path | params.Header | params.Cookie)]
    return paths, queries


def _routes() -> list[tuple[str, str, list[str], list[str]]]:
    found = []
    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    for route in routes:
        paths, queries = _params(route.dependant)
        path_ints = sorted({p.alias for p in paths if _is_int(p)})
        query_ints = sorted({q.alias for q in queries if _is_int(q)})
        for method in sorted(route.methods - {"HEAD"}):
            found.append((method, route.path, path_ints, query_ints))
    return found


ROUTES = _routes()
PATH_CASES = [(m, p, n) for m, p, names, _ in ROUTES for n in names]
QUERY_CASES = [(m, p, q) for m, p, _, queries in ROUTES for q in queries if m == "GET"]


@pytest.fixture(scope="module")
def probe() -> Iterator[tuple[TestClient, dict[str, str]]]:
    """The API on one database holding record 1 of each main kind, and the admin's bearer headers."""
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        install_defaults(session)
        admin = make_user(session, role="admin", email="probe-admin@example.com")
        make_opportunity(session, admin, account_id=make_account(session).id)
        make_contact(session), make_lead(session)
        session.commit()
        token, _ = log_in(session, admin.email, "secret-password")
        session.commit()
    app = build_api()
    app.dependency_overrides[db_session] = sessions_on(engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {token}"}
    engine.dispose()


# path parameters that are names, not ids: a value that exists, so the probe reaches the parameter it tests
NAMED_PATH_VALUES = {"page": "results"}


def _url(path: str, probed: str | None = None) -> str:
    """The route's path with the probed parameter at 2^63 and every other one at an existing value."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return HUGE if name == probed else NAMED_PATH_VALUES.get(name, "1")

    return PREFIX + re.sub(r"\{(\w+)\}", value, path)


@pytest.mark.parametrize(
    ("method", "path", "name"), PATH_CASES, ids=[f"{m} {p} {n}" for m, p, n in PATH_CASES]
)
def test_an_id_beyond_the_database_range_in_the_path_is_not_found(
    probe: tuple[TestClient, dict[str, str]], method: str, path: str, name: str
) -> None:
    client, headers = probe
    body = {} if method in ("POST", "PUT", "PATCH") else None
    answer = client.request(method, _url(path, name), headers=headers, json=body)
    assert answer.status_code == 404, (path, name, answer.status_code, answer.text[:300])
    assert answer.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "path", "name"), QUERY_CASES, ids=[f"{m} {p} ?{q}" for m, p, q in QUERY_CASES]
)
def test_an_id_or_offset_beyond_the_database_range_in_a_filter_is_refused(
    probe: tuple[TestClient, dict[str, str]], method: str, path: str, name: str
) -> None:
    client, headers = probe
    answer = client.request(method, _url(path), params={name: HUGE}, headers=headers)
    assert answer.status_code in (404, 422), (path, name, answer.status_code, answer.text[:300])
    if answer.status_code == 422:
        assert name in answer.json()["error"]["fields"]


def test_the_sweep_covers_the_routes_named_in_the_issue() -> None:
    probed = {(p, n) for _, p, n in QUERY_CASES} | {(p, n) for _, p, n in PATH_CASES}
    assert {("/opportunities", "owner_id"), ("/leads", "offset"), ("/notifications", "offset")} <= probed
    assert {("/custom-fields/{field_id}", "field_id"), ("/workflow-rules/{rule_id}", "rule_id")} <= probed
    assert {
        ("/saved-filters/{filter_id}", "filter_id"),
        ("/accounts/{record_id}/history", "record_id"),
    } <= probed
    assert ("/accounts/{record_id}/followers/{user_id}", "user_id") in probed


BODY_CASES = [
    ("POST", "/dashboards/templates", {"name": "Probe", "project_id": HUGE}, "project_id"),
    ("POST", "/dashboards/templates/1/apply", {"project_id": HUGE}, "project_id"),
    (
        "POST",
        "/custom-fields",
        {"entity": "account", "key": "probe", "label": "P", "type": "text", "position": HUGE},
        "position",
    ),
    ("POST", "/products", {"name": "Probe", "code": "PRB", "category_id": HUGE}, "category_id"),
    ("POST", "/price-books", {"name": "Probe", "currency": "EUR", "replaces_id": HUGE}, "replaces_id"),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "name"), BODY_CASES, ids=[c[1] + " " + c[3] for c in BODY_CASES]
)
def test_an_id_or_position_beyond_the_database_range_in_a_body_is_refused_by_name(
    probe: tuple[TestClient, dict[str, str]], method: str, path: str, body: dict[str, Any], name: str
) -> None:
    client, headers = probe
    answer = client.request(method, PREFIX + path, json={**body, name: int(HUGE)}, headers=headers)
    assert answer.status_code == 422, (path, answer.status_code, answer.text[:300])
    assert name in answer.json()["error"]["fields"]
