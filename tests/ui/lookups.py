"""Browser-test steps for the type-to-search record picker (rxcrm/ui/components/lookup.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def pick_record(page: Page, box: str, text: str, name: str, key: str | None = None) -> None:
    """Type `text` into the picker whose text box has test id `box` and take the match called `name`.

    With the picker's `key`, a record already chosen there is cleared first (its × button).
    """
    if key is not None:
        clear = page.get_by_test_id(f"lookup-clear-{key}")
        if clear.is_visible():
            clear.click()
    # an empty box: after a pick that empties the picker for the next one, its box comes back empty
    expect(page.get_by_test_id(box)).to_have_value("", timeout=15_000)
    page.get_by_test_id(box).fill(text)
    page.get_by_role("option", name=name, exact=True).click()
