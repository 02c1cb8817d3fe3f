"""Settings sections have an address each; a first visit without a session is not an error."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import NotLoggedIn, Unauthorized
from rxcrm.services.settings.exchange_rates import set_rate
from rxcrm.ui.actions import failure_toast
from rxcrm.ui.routes import LOGIN
from rxcrm.ui.settings.sections import DEFAULT, SECTIONS, section_from_path, section_url
from rxcrm.ui.settings.state import SettingsState, _specs
from tests.ui_units.test_partner_view_states import _state


def test_every_section_has_its_own_address_and_settings_alone_opens_the_first() -> None:
    slugs = [slug for slug, _label, _icon in SECTIONS]
    assert len(set(slugs)) == len(slugs) >= 12
    for slug in slugs:
        assert section_from_path(section_url(slug)) == slug
        assert section_from_path(section_url(slug) + "/?x=1") == slug
    for path in ("/settings", "/settings/", "", "/settings/horoscope"):
        assert section_from_path(path) == DEFAULT == "users"


def _is_login_redirect(spec: object) -> bool:
    wanted = rx.redirect(LOGIN)
    return (
        isinstance(spec, rx.event.EventSpec)
        and spec.handler.fn.__name__ == wanted.handler.fn.__name__
        and str(spec.args) == str(wanted.args)
    )


def test_no_session_at_all_redirects_without_an_error_toast_an_expired_one_says_so() -> None:
    first_visit = failure_toast(NotLoggedIn("Please log in."))
    assert _is_login_redirect(first_visit)
    expired = failure_toast(Unauthorized("Your session has expired; please log in again."))
    assert isinstance(expired, list) and _is_login_redirect(expired[1]) and len(expired) == 2


@pytest.mark.usefixtures("app_database")
def test_the_board_currency_is_picked_among_the_rated_currencies_and_saved(
    session: Session, admin: User
) -> None:
    set_rate(session, admin, "CHF", "1.05")
    state = _state(session, admin, SettingsState)
    SettingsState.load.fn(state)
    assert state.section == DEFAULT and state.currency_choices == ["CHF", "EUR"]
    SettingsState.pick.fn(state, "board_currency", "CHF")
    assert state.texts["board_currency"] == "CHF"
    assert SettingsState.pick.fn(state, "lead_new_touch_status", "x") is None  # not a picked setting
    assert "lead_new_touch_status" not in {s["key"] for s in _specs("Lead qualification", str)}
