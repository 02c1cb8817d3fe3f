"""`GET /pipelines` reads every pipeline's stages at once: its queries do not grow with the pipelines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

API = "/api/v1"
STAGES = [
    {"name": "Talk", "kind": "open", "probability": 30, "color": "#3366cc"},
    {"name": "Won", "kind": "won", "probability": 100, "color": "#33aa33"},
    {"name": "Lost", "kind": "lost", "probability": 0, "color": "#cc3333"},
]


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on the engine while the block runs."""
    seen: list[str] = []

    def record(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _listing_queries(client: TestClient, engine: Engine, headers: dict[str, str]) -> tuple[int, int]:
    with counted(engine) as seen:
        answer = client.get(f"{API}/pipelines", headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["total"], sum("FROM stage" in s for s in seen)


def test_listing_pipelines_reads_stages_once_however_many_pipelines(
    client: TestClient, engine: Engine, admin_headers: dict[str, str]
) -> None:
    one, stage_reads_for_one = _listing_queries(client, engine, admin_headers)
    for n in range(4):
        body = {"name": f"Line {n}", "stages": STAGES}
        assert client.post(f"{API}/pipelines", json=body, headers=admin_headers).status_code == 201
    five, stage_reads_for_five = _listing_queries(client, engine, admin_headers)
    assert (one, five) == (1, 5)
    assert stage_reads_for_five == stage_reads_for_one == 1
