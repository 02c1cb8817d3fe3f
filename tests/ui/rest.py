"""Arranging browser tests through the app's own REST API."""

from __future__ import annotations

from typing import Any

import httpx

ADMIN = ("admin@rxcrm.test", "browser-secret-1")


class Rest:
    """A logged-in REST client against the running app."""

    def __init__(self, base_url: str, email: str = ADMIN[0], password: str = ADMIN[1]) -> None:
        self.http = httpx.Client(base_url=f"{base_url}/api/v1", timeout=30)
        answer = self.http.post("/auth/token", json={"email": email, "password": password})
        assert answer.status_code == 200, answer.text
        self.http.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

    def call(self, method: str, path: str, expect: int = 200, **body: Any) -> Any:
        """Send one request and check its status; returns the JSON answer."""
        answer = self.http.request(method, path, json=body or None)
        assert answer.status_code == expect, answer.text
        return answer.json() if answer.content else None

    def create(self, path: str, **body: Any) -> dict[str, Any]:
        """POST a new record."""
        return self.call("POST", path, 201, **body)

    def user(self, email: str, name: str, password: str, **fields: Any) -> dict[str, Any]:
        """Add a user (the client must be an admin)."""
        return self.create("/users", email=email, name=name, password=password, **{"role": "rep", **fields})
