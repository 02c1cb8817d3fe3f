"""In Chromium: an admin creates a second pipeline with its stages, drags a deal on its board, and may
delete the pipeline only once no deal stands in it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

# Stage names of their own: other browser tests look the default pipeline's stages up by name.
STAGES = ("Renewal due", "Renewal offer", "Renewal talks", "Renewed", "Churned")


def _create_pipeline(page: Page, app_server: str, name: str) -> None:
    page.goto(f"{app_server}/settings/pipeline")
    page.get_by_test_id("pipeline-new").click()
    page.get_by_test_id("new-pipeline-name").fill(name)
    for index, stage in enumerate(STAGES):
        box = page.get_by_test_id(f"new-pipeline-stage-name-{index}")
        box.fill(stage)
        box.blur()
    page.get_by_test_id("new-pipeline-save").click()
    expect(page.get_by_text(f"Pipeline '{name}' created.")).to_be_visible(timeout=10_000)


def _move_from_the_deal_page(page: Page, app_server: str, deal_id: int, stage: str) -> None:
    """The deal page's "Move to another pipeline": a stage picked among the other pipelines' stages."""
    page.goto(f"{app_server}/opportunities/{deal_id}")
    page.get_by_test_id("opportunity-actions").click()
    page.get_by_test_id("action-move-pipeline").click()
    page.get_by_test_id("pipeline-move-stage").click()
    expect(page.get_by_role("group").filter(has_text="Renewals board")).to_be_visible(timeout=10_000)
    page.get_by_role("option", name=stage, exact=True).click()
    page.get_by_test_id("pipeline-move-save").click()
    expect(page.get_by_text(f"moved to {stage}.")).to_be_visible(timeout=10_000)


def test_a_second_pipeline_gets_its_board_and_a_deal_is_dragged_on_it(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _create_pipeline(page, app_server, "Renewals board")
    pipeline = next(p for p in admin.call("GET", "/pipelines")["items"] if p["name"] == "Renewals board")
    stages = {s["name"]: s for s in pipeline["stages"]}
    assert [s["name"] for s in pipeline["stages"]] == list(STAGES) and not pipeline["default"]
    due, offer = stages["Renewal due"], stages["Renewal offer"]
    deal = admin.create("/opportunities", name="Renewal Drag Deal", amount="900.00", stage_id=due["id"])

    page.set_viewport_size({"width": 2300, "height": 900})
    page.goto(f"{app_server}/pipeline")
    expect(page.get_by_test_id("kanban-board")).to_be_visible(timeout=15_000)
    page.get_by_test_id("board-pipeline").click()
    page.get_by_role("option", name="Renewals board", exact=True).click()
    card = page.get_by_test_id(f"kanban-column-{due['id']}").get_by_test_id(f"opportunity-card-{deal['id']}")
    expect(card).to_be_visible(timeout=15_000)
    card.drag_to(page.get_by_test_id(f"kanban-column-{offer['id']}"))
    moved = page.get_by_test_id(f"kanban-column-{offer['id']}").get_by_test_id(
        f"opportunity-card-{deal['id']}"
    )
    expect(moved).to_be_visible(timeout=10_000)
    stored = admin.call("GET", f"/opportunities/{deal['id']}")
    assert (stored["stage_id"], stored["probability"]) == (offer["id"], offer["probability"])
    page.reload()  # the board remembers the pipeline chosen
    expect(moved).to_be_visible(timeout=15_000)

    other = admin.create("/opportunities", name="Renewal Picked Deal", amount="100.00")
    _move_from_the_deal_page(page, app_server, other["id"], "Renewal talks")
    assert admin.call("GET", f"/opportunities/{other['id']}")["stage_id"] == stages["Renewal talks"]["id"]

    page.goto(f"{app_server}/settings/pipeline")
    page.get_by_test_id(f"pipeline-delete-{pipeline['id']}").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_text("2 deals stand in 'Renewals board'")).to_be_visible(timeout=10_000)
    for gone in (deal, other):
        admin.call("DELETE", f"/opportunities/{gone['id']}", 204)
    page.get_by_test_id(f"pipeline-delete-{pipeline['id']}").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_text("Pipeline 'Renewals board' deleted.")).to_be_visible(timeout=10_000)
    assert "Renewals board" not in [p["name"] for p in admin.call("GET", "/pipelines")["items"]]
