"""REST /dashboards/pages and /dashboards/templates: each user's layouts and shared templates."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.domain.dashboards.widgets import DEFAULT_LAYOUTS
from rxcrm.services.pipeline.projects import create_project
from tests.conftest import make_user

PAGES = "/api/v1/dashboards/pages"
TEMPLATES = "/api/v1/dashboards/templates"


def _kinds(body: dict) -> list[str]:
    return [w["kind"] for w in body["widgets"]]


def test_a_page_starts_with_the_reps_own_figures(client: TestClient, rep, rep_headers) -> None:
    answer = client.get(f"{PAGES}/results", headers=rep_headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["page"] == "results" and body["project_id"] is None
    assert _kinds(body) == list(DEFAULT_LAYOUTS["results"])
    widget = body["widgets"][0]
    assert set(widget) == {"id", "kind", "title", "params", "baseline_id", "show_baseline"}
    assert widget["params"] == {"owner_id": rep.id}


def test_add_patch_move_and_remove_widgets(client: TestClient, rep, rep_headers) -> None:
    added = client.post(
        f"{PAGES}/statistics/widgets",
        json={"kind": "leaderboard", "title": "Top", "params": {"period": "week"}},
        headers=rep_headers,
    )
    assert added.status_code == 201, added.text
    widget = added.json()["widget"]
    # added under the page's scope (a rep's own figures), with the options asked for
    assert widget["kind"] == "leaderboard" and widget["params"] == {"owner_id": rep.id, "period": "week"}
    patch = {"title": "Top reps", "params": {"from": "2026-01-01"}, "position": 0}
    patched = client.patch(f"{PAGES}/statistics/widgets/{widget['id']}", json=patch, headers=rep_headers)
    assert patched.status_code == 200, patched.text
    first = patched.json()["widgets"][0]
    assert (first["id"], first["title"], first["params"]) == (
        widget["id"],
        "Top reps",
        {"from": "2026-01-01"},
    )
    gone = client.delete(f"{PAGES}/statistics/widgets/{widget['id']}", headers=rep_headers)
    assert gone.status_code == 204
    assert _kinds(client.get(f"{PAGES}/statistics", headers=rep_headers).json()) == list(
        DEFAULT_LAYOUTS["statistics"]
    )


def test_replace_reset_and_per_project_pages(
    client: TestClient, session: Session, admin, rep, rep_headers
) -> None:
    project = create_project(session, admin, {"name": "North"})
    session.commit()
    url = f"{PAGES}/results?project_id={project.id}"
    put = client.put(url, json={"widgets": [{"kind": "funnel", "title": "N funnel"}]}, headers=rep_headers)
    assert put.status_code == 200 and put.json()["project_id"] == project.id
    assert _kinds(client.get(url, headers=rep_headers).json()) == ["funnel"]
    assert _kinds(client.get(f"{PAGES}/results", headers=rep_headers).json()) == list(
        DEFAULT_LAYOUTS["results"]
    )
    assert client.delete(url, headers=rep_headers).status_code == 204
    assert _kinds(client.get(url, headers=rep_headers).json()) == list(DEFAULT_LAYOUTS["results"])


def test_errors_follow_the_contract(client: TestClient, rep_headers) -> None:
    assert client.get(f"{PAGES}/secrets", headers=rep_headers).status_code == 404
    assert client.get(f"{PAGES}/results?project_id=999", headers=rep_headers).status_code == 404
    unknown = client.post(f"{PAGES}/results/widgets", json={"kind": "horoscope"}, headers=rep_headers)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    bad = client.put(
        f"{PAGES}/results",
        json={"widgets": [{"kind": "revenue", "params": {"period": "year"}}]},
        headers=rep_headers,
    )
    assert bad.status_code == 422 and "widgets.0.period" in bad.json()["error"]["fields"]
    missing = client.patch(f"{PAGES}/results/widgets/nope", json={"title": "X"}, headers=rep_headers)
    assert missing.status_code == 404
    negative = client.patch(f"{PAGES}/results/widgets/default-0", json={"position": -1}, headers=rep_headers)
    assert negative.status_code == 422
    assert client.get(f"{PAGES}/results").status_code == 401


def test_a_baseline_is_overlaid_through_patch(client: TestClient, rep_headers) -> None:
    widget = client.get(f"{PAGES}/results", headers=rep_headers).json()["widgets"][0]
    baseline = client.post(
        "/api/v1/baselines", json={"widget_kind": widget["kind"], "name": "Monday"}, headers=rep_headers
    ).json()
    patch = {"baseline_id": baseline["id"], "show_baseline": True}
    patched = client.patch(f"{PAGES}/results/widgets/{widget['id']}", json=patch, headers=rep_headers)
    assert patched.status_code == 200, patched.text
    assert patched.json()["widgets"][0]["baseline_id"] == baseline["id"]
    assert patched.json()["widgets"][0]["show_baseline"] is True


def test_templates_save_apply_with_fresh_ids_and_delete(
    client: TestClient, session: Session, admin, rep, auth_headers
) -> None:
    other = make_user(session)
    project = create_project(session, admin, {"name": "South"})
    session.commit()
    rep_headers, other_headers = auth_headers(rep), auth_headers(other)
    client.put(f"{PAGES}/results", json={"widgets": [{"kind": "partners", "id": "p1"}]}, headers=rep_headers)
    created = client.post(TEMPLATES, json={"name": "Partners only", "page": "results"}, headers=rep_headers)
    assert created.status_code == 201, created.text
    template = created.json()
    assert set(template) == {"id", "name", "page", "widgets", "created_by", "created_at"}
    assert template["created_by"] == rep.id and [w["kind"] for w in template["widgets"]] == ["partners"]
    clash = client.post(TEMPLATES, json={"name": "Partners only"}, headers=other_headers)
    assert clash.status_code == 409 and clash.json()["error"]["code"] == "conflict"
    assert [t["name"] for t in client.get(TEMPLATES, headers=other_headers).json()["items"]] == [
        "Partners only"
    ]
    applied = client.post(
        f"{TEMPLATES}/{template['id']}/apply", json={"project_id": project.id}, headers=other_headers
    )
    assert applied.status_code == 200, applied.text
    assert _kinds(applied.json()) == ["partners"] and applied.json()["widgets"][0]["id"] != "p1"
    stored = client.get(f"{PAGES}/results?project_id={project.id}", headers=other_headers).json()
    assert stored["widgets"] == applied.json()["widgets"]
    assert client.delete(f"{TEMPLATES}/{template['id']}", headers=other_headers).status_code == 403
    assert client.delete(f"{TEMPLATES}/{template['id']}", headers=rep_headers).status_code == 204
    assert client.post(f"{TEMPLATES}/{template['id']}/apply", json={}, headers=rep_headers).status_code == 404
