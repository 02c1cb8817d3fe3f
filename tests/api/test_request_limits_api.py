"""Bodies and CSV files are bounded: key or token checked first, big bodies stop early, wide files fast."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from rxcrm.api import build_api, upload_cap
from rxcrm.api.leads.imports import JSON_CAP
from rxcrm.api.leads.intake import MAX_BODY
from rxcrm.db.models import Lead, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.csv_import import decode_upload, parse_csv
from rxcrm.services.settings.api_keys import create_api_key

CHUNK = 64 * 1024


def _lead_count(session: Session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Lead)).one()


class Body:
    """A streamed request body of `total` bytes that counts how much of it the server pulled."""

    def __init__(self, total: int, first: bytes = b"") -> None:
        self.total, self.first, self.sent = total, first, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        """Yield the body chunk by chunk."""
        if self.first:
            self.sent += len(self.first)
            yield self.first
        while self.sent < self.total:
            self.sent += CHUNK
            yield b" " * CHUNK


def _post(client: TestClient, url: str, body: Body, headers: dict[str, str]) -> httpx.Response:
    """POST a streamed body straight to the ASGI app (the test client would read it all first)."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=client.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await http.post(url, content=body, headers=headers)

    return asyncio.run(send())


@pytest.fixture
def key(session: Session, admin: User) -> str:
    """A working intake key."""
    _, clear = create_api_key(session, admin, "Website form")
    session.commit()
    return clear


def _wide_csv(client: TestClient, headers: dict[str, str]) -> httpx.Response:
    """Upload, as a dry run, a CSV file whose header names 60,000 columns (over 400 kB)."""
    header = ",".join(f"c{i}" for i in range(60_000))
    assert len(header) > 400_000
    return client.post(
        "/api/v1/imports/leads?dry_run=true",
        headers=headers,
        files={"file": ("wide.csv", (header + "\nAnn,ann@x.io\n").encode(), "text/csv")},
    )


def _repeated_columns(client: TestClient, headers: dict[str, str]) -> httpx.Response:
    """Send, as a dry run, CSV text whose header names the same column 100,000 times."""
    return client.post(
        "/api/v1/imports/leads?dry_run=true", headers=headers, json={"csv": "x," * 100_000 + "\n"}
    )


def test_a_csv_header_of_60000_columns_is_refused_and_nothing_is_written(
    client: TestClient, session: Session, rep_headers: dict[str, str]
) -> None:
    answer = _wide_csv(client, rep_headers)
    assert answer.status_code == 422, answer.text
    assert "columns" in answer.json()["error"]["fields"]["file"]
    assert _lead_count(session) == 0


def test_a_header_naming_thousands_of_columns_twice_is_refused(
    client: TestClient, rep_headers: dict[str, str]
) -> None:
    assert _repeated_columns(client, rep_headers).status_code == 422


WIDE_HEADER = ",".join(f"c{i}" for i in range(60_000)) + "\nAnn,ann@x.io\n"
REPEATED_HEADER = "x," * 100_000 + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("text", [WIDE_HEADER, REPEATED_HEADER], ids=["wide", "repeated"])
def test_refusing_a_wide_or_repetitive_header_takes_under_two_seconds_of_cpu(text: str) -> None:
    """The check the import routes run, timed on this thread alone (other threads of the run do not count)."""
    started = time.thread_time()
    with pytest.raises(ValidationFailed):
        parse_csv(decode_upload(text.encode()))
    assert time.thread_time() - started < 2


def test_an_import_body_over_the_cap_is_refused_before_it_is_read_to_the_end(
    client: TestClient, rep_headers: dict[str, str]
) -> None:
    body = Body(JSON_CAP * 3, b'{"csv": "')
    answer = _post(client, "/api/v1/imports/leads?dry_run=true", body, rep_headers)
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "validation_error"
    assert body.sent < body.total // 2


def test_a_wrong_token_is_refused_before_the_import_body_is_read(client: TestClient) -> None:
    body = Body(JSON_CAP * 3, b'{"csv": "')
    answer = _post(client, "/api/v1/imports/leads", body, {"Authorization": "Bearer wrong"})
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
    assert body.sent <= CHUNK


def test_an_intake_body_over_the_cap_is_refused_before_it_is_read_to_the_end(
    client: TestClient, session: Session, key: str
) -> None:
    body = Body(MAX_BODY * 4, b'{"leads": [')
    answer = _post(client, "/api/v1/leads/intake", body, {"X-API-Key": key})
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "validation_error"
    assert body.sent < body.total // 2
    assert _lead_count(session) == 0


def test_a_wrong_intake_key_answers_401_even_with_a_huge_body(client: TestClient, key: str) -> None:
    body = Body(MAX_BODY * 4, b'{"leads": [')
    answer = _post(client, "/api/v1/leads/intake", body, {"X-API-Key": key + "x"})
    assert answer.status_code == 401
    assert body.sent <= CHUNK


def _app_with_upload_route() -> FastAPI:
    """The API with a stand-in for Reflex's upload endpoint mounted behind it, as Reflex mounts its own."""
    api = build_api()

    async def upload(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    api.mount("", Starlette(routes=[Route("/_upload", upload, methods=["POST"])]))
    return api


def test_a_page_upload_larger_than_the_cap_is_refused_before_it_is_read() -> None:
    body = Body(upload_cap() * 2)
    client = TestClient(_app_with_upload_route())
    answer = _post(client, "/_upload", body, {"Content-Length": str(body.total)})
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "validation_error"
    assert body.sent == 0


def test_a_page_upload_within_the_cap_reaches_the_app() -> None:
    client = TestClient(_app_with_upload_route())
    answer = client.post("/_upload", content=b"x" * 1000)
    assert answer.status_code == 200 and answer.text == "1000"
