"""Schemathesis fuzzes every /api/v1 operation as an admin and as a rep: no 5xx, errors in the contract shape.

Three phases per operation and role: examples (the document's own), coverage (every boundary value,
wrong type, missing field and unexpected method of each parameter and body, deterministic) and
fuzzing (random valid and invalid data, RXCRM_FUZZ_EXAMPLES cases). The suite runs all three with a
small fuzzing budget; `bench/fuzz_api.py` runs the long version (more fuzzing cases, a chosen seed).
RXCRM_FUZZ_COVERAGE=0 leaves the coverage phase out.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from rxcrm.api import build_api
from rxcrm.db.models import AuthSession, User
from rxcrm.db.types import utcnow
from rxcrm.services.people.auth import token_digest
from rxcrm.services.settings.api_keys import create_api_key
from rxcrm.services.settings.defaults import install_defaults
from tests.api.conftest import use_engine
from tests.conftest import make_account, make_contact, make_lead, make_opportunity, make_partner, make_user

EXAMPLES = int(os.environ.get("RXCRM_FUZZ_EXAMPLES", "3"))
COVERAGE = os.environ.get("RXCRM_FUZZ_COVERAGE", "1") != "0"
# Logging out would end the fuzzer's own session: every other operation is fuzzed.
EXCLUDED_PATHS = ("/api/v1/auth/logout",)
ERROR_CODES = {"validation_error", "not_found", "forbidden", "conflict", "unauthorized", "rate_limited"}

APP = build_api()
SCHEMA = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP).exclude(path=list(EXCLUDED_PATHS))
SCHEMA.config.phases.coverage.enabled = COVERAGE


def _seed(session: Session) -> dict[str, int]:
    """Users, an API key and a few records of each kind for the fuzzer's ids to find."""
    admin = make_user(session, role="admin", email="fuzz-admin@example.com")
    rep = make_user(session, role="rep", email="fuzz-rep@example.com")
    partner = make_partner(session)
    for owner in (admin, rep):
        account = make_account(session, owner_id=owner.id)
        contact = make_contact(session, account_id=account.id, owner_id=owner.id)
        make_opportunity(session, owner, account_id=account.id, contact_id=contact.id, partner_id=partner.id)
        make_lead(session, owner_id=owner.id, email=f"lead-{owner.id}@example.com")
    _, key = create_api_key(session, admin, "fuzz")
    return {"admin": admin.id, "rep": rep.id, "key": key}  # type: ignore[dict-item]


@pytest.fixture(scope="module")
def fuzz_engine() -> Iterator[tuple[Engine, dict[str, Any]]]:
    """A database of its own with the defaults and seed data; the app's requests run on it."""
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    with engine.connect() as conn:
        conn.execute(text("PRAGMA foreign_keys=ON"))
    SQLModel.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        install_defaults(session)
        seeded = _seed(session)
        session.commit()
    use_engine(APP, engine)
    yield engine, seeded
    APP.dependency_overrides.clear()
    engine.dispose()


@pytest.fixture(params=["admin", "rep"])
def fuzz_headers(
    request: pytest.FixtureRequest, fuzz_engine: tuple[Engine, dict[str, Any]]
) -> dict[str, str]:
    """A fresh bearer token for the role's user, restored as seeded (earlier calls may have changed it)."""
    engine, seeded = fuzz_engine
    with Session(engine) as session:
        user = session.get(User, seeded[request.param])
        assert user is not None
        user.role, user.active, user.access_level, user.partner_id = request.param, True, "full", None
        token = secrets.token_urlsafe(32)
        expires = utcnow() + timedelta(hours=1)
        session.add(AuthSession(user_id=user.id, token_hash=token_digest(token), expires_at=expires))
        session.add(user)
        session.commit()
    return {"Authorization": f"Bearer {token}", "X-API-Key": seeded["key"]}


def assert_contract_error(response: Any) -> None:
    """An error answer is JSON in the contract's shape {"error": {"code", "message", "fields"}}."""
    if response.status_code < 400:
        return
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["code"] in ERROR_CODES, error
    assert isinstance(error["message"], str) and error["message"], error
    assert isinstance(error["fields"], dict), error


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error_and_every_error_has_the_contract_shape(
    case: schemathesis.Case, fuzz_headers: dict[str, str]
) -> None:
    response = case.call(headers=fuzz_headers)
    case.validate_response(response, checks=[not_a_server_error])
    assert_contract_error(response)
