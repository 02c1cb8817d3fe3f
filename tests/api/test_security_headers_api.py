"""Every answer of the backend carries nosniff, a referrer policy, frame denial and a CSP."""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from rxcrm.api import build_api

COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


def _assert_common(headers) -> None:  # noqa: ANN001
    assert {name: headers.get(name) for name in COMMON} == COMMON
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_json_answers_and_errors_carry_the_security_headers_and_a_strict_csp(
    client: TestClient, rep_headers: dict[str, str]
) -> None:
    for answer in (
        client.get("/api/v1/users/me", headers=rep_headers),
        client.get("/api/v1/users/me"),
        client.post("/api/v1/auth/token", json={}),
    ):
        _assert_common(answer.headers)
        assert answer.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_the_api_docs_page_may_not_be_framed(client: TestClient) -> None:
    answer = client.get("/api/v1/docs")
    assert answer.status_code == 200
    _assert_common(answer.headers)


def test_pages_of_the_app_mounted_under_the_api_carry_the_headers() -> None:
    api = build_api()

    async def page(_):  # noqa: ANN001, ANN202
        return HTMLResponse("<html><body>rxcrm</body></html>")

    api.mount("", Starlette(routes=[Route("/login", page)]))  # as Reflex mounts its backend and pages
    answer = TestClient(api).get("/login")
    assert answer.status_code == 200
    _assert_common(answer.headers)
    assert "default-src" not in answer.headers["content-security-policy"]
