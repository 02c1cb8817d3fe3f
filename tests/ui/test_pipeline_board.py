"""In Chromium: drag a card to another stage, see it persist, and see another user's moves live."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.ui.rest import ADMIN, Rest
from tests.ui.test_accounts_flow import log_in

# Functional only: generous for a busy CI machine. How fast a move shows: bench/board_live_browser.py.
LIVE_WITHIN_MS = 15_000


def _stages(admin: Rest) -> dict[str, int]:
    return {s["name"]: s["id"] for s in admin.call("GET", "/stages")["items"]}


def _open_board(page: Page, base_url: str, search: str, cards: int) -> None:
    """Open the board narrowed to this test's deals (the app's database is shared by the tests).

    The window is wide enough for all seven default columns, so a drop never needs scrolling.
    """
    page.set_viewport_size({"width": 2300, "height": 900})
    page.goto(f"{base_url}/pipeline")
    expect(page.get_by_test_id("kanban-board")).to_be_visible(timeout=15_000)
    page.get_by_test_id("board-search").fill(search)
    expect(page.locator("[data-testid^=opportunity-card-]")).to_have_count(cards, timeout=10_000)


def _drag(page: Page, card_id: int, stage_id: int) -> None:
    page.get_by_test_id(f"opportunity-card-{card_id}").drag_to(
        page.get_by_test_id(f"kanban-column-{stage_id}")
    )


def test_dragging_a_card_moves_the_deal_and_survives_a_reload(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    stages = _stages(admin)
    deal = admin.create("/opportunities", name="Kanban Drag Deal", amount="1200.00", tags=["hot"])
    admin.create("/opportunities", name="Kanban Drag Other", amount="300.00")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open_board(page, app_server, "Kanban Drag", 2)
    first, proposal = stages["Prospecting"], stages["Proposal"]
    card = page.get_by_test_id(f"opportunity-card-{deal['id']}")
    expect(
        page.get_by_test_id(f"kanban-column-{first}").get_by_test_id(f"opportunity-card-{deal['id']}")
    ).to_be_visible()
    expect(page.get_by_test_id(f"kanban-column-count-{first}")).to_have_text("2")
    expect(page.get_by_test_id(f"kanban-column-amount-{first}")).to_have_text("1,500.00 EUR")
    expect(card).to_contain_text("hot")

    _drag(page, deal["id"], proposal)
    in_proposal = page.get_by_test_id(f"kanban-column-{proposal}").get_by_test_id(
        f"opportunity-card-{deal['id']}"
    )
    expect(in_proposal).to_be_visible(timeout=10_000)
    expect(page.get_by_test_id(f"kanban-column-count-{first}")).to_have_text("1")
    expect(page.get_by_test_id(f"kanban-column-amount-{proposal}")).to_have_text("1,200.00 EUR")

    _open_board(page, app_server, "Kanban Drag", 2)
    expect(in_proposal).to_be_visible(timeout=15_000)
    stored = admin.call("GET", f"/opportunities/{deal['id']}")
    assert (stored["stage_id"], stored["probability"]) == (proposal, 60)
    history = admin.call("GET", f"/opportunities/{deal['id']}/history")
    assert any(h["field"] == "stage_id" and h["new"] == str(proposal) for h in history)


def test_dropping_on_the_lost_column_asks_why(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    stages = _stages(admin)
    deal = admin.create("/opportunities", name="Kanban Lost Deal", amount="80.00")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open_board(page, app_server, "Kanban Lost", 1)
    expect(page.get_by_test_id(f"opportunity-card-{deal['id']}")).to_be_visible(timeout=10_000)
    _drag(page, deal["id"], stages["Lost"])
    page.get_by_test_id("lost-reason").fill("Chose a competitor")
    page.get_by_test_id("lost-confirm").click()
    lost_column = page.get_by_test_id(f"kanban-column-{stages['Lost']}")
    expect(lost_column.get_by_test_id(f"opportunity-card-{deal['id']}")).to_be_visible(timeout=10_000)
    stored = admin.call("GET", f"/opportunities/{deal['id']}")
    assert (stored["status"], stored["lost_reason"]) == ("lost", "Chose a competitor")


def test_a_second_viewer_sees_moves_live(browser: Browser, page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    stages = _stages(admin)
    admin.user("vera@rxcrm.test", "Vera Viewer", "vera-secret-1", role="director")
    deal = admin.create("/opportunities", name="Kanban Live Deal", amount="500.00")
    watcher_context = browser.new_context(base_url=app_server, viewport={"width": 1400, "height": 900})
    watcher = watcher_context.new_page()
    try:
        log_in(watcher, app_server, "vera@rxcrm.test", "vera-secret-1")
        expect(watcher.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
        _open_board(watcher, app_server, "Kanban Live", 1)
        log_in(page, app_server, *ADMIN)
        expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
        _open_board(page, app_server, "Kanban Live", 1)
        card = f"opportunity-card-{deal['id']}"
        expect(watcher.get_by_test_id(card)).to_be_visible(timeout=10_000)
        expect(page.get_by_test_id(card)).to_be_visible(timeout=10_000)

        _drag(page, deal["id"], stages["Negotiation"])
        negotiation = watcher.get_by_test_id(f"kanban-column-{stages['Negotiation']}")
        expect(negotiation.get_by_test_id(card)).to_be_visible(timeout=LIVE_WITHIN_MS)

        admin.call("POST", f"/opportunities/{deal['id']}/move", stage_id=stages["Qualification"])
        qualification = f"kanban-column-{stages['Qualification']}"
        expect(watcher.get_by_test_id(qualification).get_by_test_id(card)).to_be_visible(
            timeout=LIVE_WITHIN_MS
        )
        expect(page.get_by_test_id(qualification).get_by_test_id(card)).to_be_visible(timeout=LIVE_WITHIN_MS)
    finally:
        watcher_context.close()


def test_admin_chooses_the_card_fields_and_which_stages_are_columns(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    needs_analysis = _stages(admin)["Needs analysis"]
    deal = admin.create("/opportunities", name="Kanban Settings Deal", amount="10.00", tags=["vip"])
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-settings")).to_be_visible(timeout=15_000)
    try:
        page.get_by_test_id("nav-settings").click()
        page.get_by_test_id("settings-nav-pipeline").click()
        page.get_by_test_id("card-field-tags").click()
        expect(page.get_by_text("Card fields saved.")).to_be_visible(timeout=10_000)
        page.get_by_test_id(f"stage-on-board-{needs_analysis}").click()
        expect(page.get_by_text("'Needs analysis' hidden from the board")).to_be_visible(timeout=10_000)

        _open_board(page, app_server, "Kanban Settings", 1)
        card = page.get_by_test_id(f"opportunity-card-{deal['id']}")
        expect(card).to_contain_text("10.00 EUR")
        expect(card).not_to_contain_text("vip")
        expect(page.get_by_test_id(f"kanban-column-{needs_analysis}")).to_have_count(0)
    finally:
        admin.call("PATCH", "/settings", kanban_card_fields="account,amount,owner,close_date,tags")
        admin.call("PATCH", f"/stages/{needs_analysis}", on_board=True)


def test_a_limited_viewer_sees_live_moves_of_his_deals_only(
    browser: Browser, page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    stages = _stages(admin)
    limited = admin.user(
        "lou@rxcrm.test", "Lou Limited", "lou-secret-1", access_level="limited_opportunities"
    )
    own = admin.create("/opportunities", name="Kanban Scope Own", amount="70.00", owner_id=limited["id"])
    other = admin.create("/opportunities", name="Kanban Scope Other", amount="90.00")
    log_in(page, app_server, "lou@rxcrm.test", "lou-secret-1")
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open_board(page, app_server, "Kanban Scope", 1)

    for deal in (other, own):
        admin.call("POST", f"/opportunities/{deal['id']}/move", stage_id=stages["Proposal"])
    proposal = page.get_by_test_id(f"kanban-column-{stages['Proposal']}")
    expect(proposal.get_by_test_id(f"opportunity-card-{own['id']}")).to_be_visible(timeout=2_000)
    expect(page.get_by_test_id(f"kanban-column-count-{stages['Proposal']}")).to_have_text("1")
    expect(page.get_by_test_id(f"kanban-column-amount-{stages['Proposal']}")).to_have_text("70.00 EUR")
    expect(page.get_by_test_id(f"opportunity-card-{other['id']}")).to_have_count(0)


def test_a_card_moves_from_its_menu_too_for_keyboards_and_touch_screens(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    stages = _stages(admin)
    deal = admin.create("/opportunities", name="Kanban Menu Deal", amount="40.00")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open_board(page, app_server, "Kanban Menu", 1)
    page.get_by_test_id(f"card-menu-{deal['id']}").click()
    page.get_by_test_id(f"card-move-{deal['id']}-{stages['Negotiation']}").click()
    negotiation = page.get_by_test_id(f"kanban-column-{stages['Negotiation']}")
    expect(negotiation.get_by_test_id(f"opportunity-card-{deal['id']}")).to_be_visible(timeout=10_000)
    assert admin.call("GET", f"/opportunities/{deal['id']}")["stage_id"] == stages["Negotiation"]


FIT_JS = """() => ({
    wide: document.documentElement.scrollWidth - window.innerWidth,
    tall: document.documentElement.scrollHeight - window.innerHeight,
})"""


def _in_viewport(page: Page, test_id: str) -> bool:
    box = page.get_by_test_id(test_id).bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and (box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"])
    )


def test_the_board_fits_a_laptop_and_a_deal_drops_on_lost_without_scrolling(
    page: Page, app_server: str
) -> None:
    admin = Rest(app_server)
    stages = _stages(admin)
    late = admin.create("/opportunities", name="Kanban Fit Late", amount="90.00", close_date="2020-01-31")
    for n in range(9):  # a long column: it scrolls inside itself, the page does not grow
        admin.create("/opportunities", name=f"Kanban Fit Filler {n}", amount="10.00", close_date="2099-01-01")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{app_server}/pipeline")
    expect(page.get_by_test_id("kanban-board")).to_be_visible(timeout=15_000)
    page.get_by_test_id("board-search").fill("Kanban Fit")
    expect(page.locator("[data-testid^=opportunity-card-]")).to_have_count(10, timeout=10_000)
    bar = page.get_by_test_id("board-bar")
    for control in ("saved-filter-select", "board-search", "board-owner", "board-tag"):
        expect(bar.get_by_test_id(control)).to_be_visible()
    assert bar.bounding_box()["height"] < 60  # saved views and filters in ONE row

    fit = page.evaluate(FIT_JS)
    assert fit["wide"] <= 0 and fit["tall"] <= 0, fit
    assert _in_viewport(page, f"kanban-dropzone-{stages['Won']}")
    assert _in_viewport(page, f"kanban-dropzone-{stages['Lost']}")
    card = page.get_by_test_id(f"opportunity-card-{late['id']}")
    expect(card.get_by_test_id("card-overdue")).to_have_text("overdue")
    expect(card.get_by_test_id("card-close-date-overdue")).to_be_visible()
    filler = page.locator("[data-testid^=opportunity-card-]").filter(has_text="Kanban Fit Filler 0")
    expect(filler.get_by_test_id("card-overdue")).to_have_count(0)

    scroll = page.evaluate("() => [window.scrollX, window.scrollY]")
    card.drag_to(page.get_by_test_id(f"kanban-dropzone-{stages['Lost']}"))
    page.get_by_test_id("lost-reason").fill("Budget cut")
    page.get_by_test_id("lost-confirm").click()
    lost_column = page.get_by_test_id(f"kanban-column-{stages['Lost']}")
    expect(lost_column.get_by_test_id(f"opportunity-card-{late['id']}")).to_have_count(1, timeout=10_000)
    expect(card.get_by_test_id("card-overdue")).to_have_count(0)  # a lost deal is no longer overdue
    assert page.evaluate("() => [window.scrollX, window.scrollY]") == scroll
    stored = admin.call("GET", f"/opportunities/{late['id']}")
    assert (stored["status"], stored["lost_reason"]) == ("lost", "Budget cut")


def test_a_long_column_loads_its_next_cards_when_scrolled_to_its_end(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    first = _stages(admin)["Prospecting"]
    for n in range(15):
        admin.create("/opportunities", name=f"Kanban Long Column {n:02d}", amount="10.00")
    log_in(page, app_server, *ADMIN)
    expect(page.get_by_test_id("nav-pipeline")).to_be_visible(timeout=15_000)
    _open_board(page, app_server, "Kanban Long Column", 12)  # one page of a column: 12 cards
    expect(page.get_by_test_id(f"kanban-column-count-{first}")).to_have_text("15")
    page.get_by_test_id(f"kanban-column-cards-{first}").evaluate("c => c.scrollTo(0, c.scrollHeight)")
    expect(page.locator("[data-testid^=opportunity-card-]")).to_have_count(15, timeout=10_000)
    expect(page.get_by_test_id(f"load-more-{first}")).to_have_count(0)
