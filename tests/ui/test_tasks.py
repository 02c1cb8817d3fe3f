"""In Chromium: a rep creates a task from an account (linked to it, assigned to a colleague), sees it on the
account's Tasks tab and on the Tasks page, and ticks it done; the colleague was notified."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.ui.lookups import pick_record
from tests.ui.rest import Rest
from tests.ui.test_accounts_flow import log_in

REP = ("tasker@rxcrm.test", "tasker-secret-1")
COLLEAGUE = ("helper@rxcrm.test", "helper-secret-1")


def test_a_task_is_created_from_an_account_and_ticked_done(page: Page, app_server: str) -> None:
    admin = Rest(app_server)
    admin.user(REP[0], "Tia Tasker", REP[1])
    admin.user(COLLEAGUE[0], "Hugo Helper", COLLEAGUE[1])
    rep = Rest(app_server, *REP)
    account = rep.create("/accounts", name="Taskable Works AG")

    log_in(page, app_server, *REP)
    expect(page.get_by_test_id("nav-tasks")).to_be_visible(timeout=15_000)
    page.goto(f"{app_server}/accounts/{account['id']}")
    expect(page.get_by_test_id("account-name")).to_have_text("Taskable Works AG", timeout=15_000)
    page.get_by_test_id("account-new-task").click()
    page.get_by_test_id("field-title").fill("Call about the renewal")
    page.get_by_test_id("field-due_date").fill("2031-01-15")
    pick_record(page, "lookup-task-assignee", "Hugo", "Hugo Helper", key="task-assignee")
    expect(page.get_by_test_id(f"task-star-{account['id']}")).to_be_visible()
    page.get_by_test_id("task-save").click()

    page.get_by_test_id("tab-tasks").click()
    [task] = rep.call("GET", f"/tasks?account_id={account['id']}")["items"]
    assert (task["primary_account_id"], task["status"]) == (account["id"], "open")
    row = page.get_by_test_id(f"task-row-{task['id']}")
    expect(row).to_contain_text("Call about the renewal", timeout=15_000)
    expect(row).to_contain_text("Hugo Helper")
    page.get_by_test_id(f"task-done-{task['id']}").click()
    expect(page.get_by_test_id(f"task-done-{task['id']}")).to_be_checked(timeout=10_000)
    assert rep.call("GET", f"/tasks/{task['id']}")["status"] == "done"

    page.get_by_test_id("nav-tasks").click()
    page.get_by_role("radio", name="All I can see").click()
    page.get_by_test_id("filter-status_filter").click()
    page.get_by_role("option", name="Done", exact=True).click()
    expect(page.get_by_test_id(f"task-row-{task['id']}")).to_be_visible(timeout=15_000)

    helper = Rest(app_server, *COLLEAGUE)
    notes = helper.call("GET", "/notifications")["items"]
    assert [n["message"] for n in notes if n["entity"] == "task"] == [
        "Tia Tasker assigned you the task 'Call about the renewal', due 2031-01-15"
    ]
