"""Page states loaded as a partner user keep internal data out of their vars (spec §8)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import reflex as rx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.leads.splitter import save_rule
from rxcrm.services.people.field_visibility import limit_field
from rxcrm.services.settings.api_keys import create_api_key
from rxcrm.ui.accounts.account_form import AccountFormState
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.leads.campaign_state import CampaignsState
from rxcrm.ui.leads.splitter_state import SplitterState
from rxcrm.ui.settings.state import SettingsState
from rxcrm.ui.settings.targets import TargetState
from rxcrm.ui.settings.workflows import WorkflowsState
from tests.conftest import make_partner, make_user
from tests.ui_units.logged_in import logged_in_state


@dataclass
class Team:
    """An internal team with configuration, a partner user and his/her colleague."""

    partner_user: User
    colleague: User
    staff: list[User]


@pytest.fixture
def team(app_database: Engine, session: Session, admin: User, rep: User) -> Team:
    """Settings, an API key, a limited field, a splitter rule and a campaign with a budget."""
    acme = make_partner(session)
    partner_user = make_user(session, role="partner", partner_id=acme.id, name="Pat Partner")
    colleague = make_user(session, role="partner", partner_id=acme.id, name="Col Partner")
    make_user(session, role="partner", partner_id=make_partner(session).id, name="Other Partner")
    create_api_key(session, admin, "Website form")
    limit_field(session, admin, "opportunity", "amount", ["director"])
    save_rule(
        session,
        admin,
        {
            "name": "Web",
            "field": "source",
            "value": "web",
            "assignees": [{"user_id": rep.id, "percent": 100}],
        },
    )
    create_campaign(session, admin, {"name": "Fair", "budget": "12345.00", "cost": "999.00"})
    session.commit()
    return Team(partner_user, colleague, [admin, rep])


def _state(session: Session, user: User, cls: type) -> rx.State:
    return logged_in_state(session, user, cls, "partner-view")


def test_the_settings_page_sends_a_partner_user_a_note_and_nothing_else(session: Session, team: Team) -> None:
    state = _state(session, team.partner_user, SettingsState)
    SettingsState.load.fn(state)
    assert state.no_access == "Settings: not available for your role."
    assert (state.toggles, state.texts, state.users, state.api_keys) == ({}, {}, [], [])
    assert (state.permission_cells, state.field_cells) == ({}, {})


def test_the_settings_page_sends_other_staff_no_admin_data(session: Session, team: Team) -> None:
    state = _state(session, team.staff[1], SettingsState)
    SettingsState.load.fn(state)
    assert state.no_access == "" and (state.users, state.api_keys, state.field_cells) == ([], [], {})


def test_the_admin_sees_a_partner_users_access_as_his_partners_records(session: Session, team: Team) -> None:
    state = _state(session, team.staff[0], SettingsState)
    SettingsState.load.fn(state)
    scopes = {u["name"]: u["scope"] for u in state.users}
    assert scopes["Pat Partner"] == "partner" and scopes[team.staff[1].name] == "full"
    assert [k["name"] for k in state.api_keys] == ["Website form"]


def test_the_settings_sections_load_nothing_for_a_partner_user(session: Session, team: Team) -> None:
    workflows = _state(session, team.partner_user, WorkflowsState)
    WorkflowsState.load.fn(workflows)
    targets = _state(session, team.partner_user, TargetState)
    TargetState.load.fn(targets)
    assert (workflows.rules, targets.rows) == ([], [])


def test_the_splitter_page_refuses_a_partner_user(session: Session, team: Team) -> None:
    state = _state(session, team.partner_user, SplitterState)
    SplitterState.load.fn(state)
    assert state.no_access == "The lead splitter: not available for your role."
    assert (state.rules, state.unprocessed) == ([], [])


def test_campaigns_show_a_partner_user_no_budget_or_cost(session: Session, team: Team) -> None:
    state = _state(session, team.partner_user, CampaignsState)
    CampaignsState.load.fn(state)
    assert state.sees_money is False and [r["name"] for r in state.rows] == ["Fair"]
    assert "budget" not in state.rows[0] and "cost" not in state.rows[0]
    staff = _state(session, team.staff[1], CampaignsState)
    CampaignsState.load.fn(staff)
    assert staff.sees_money is True and staff.rows[0]["budget"] == "12,345.00"


def test_a_partner_user_cannot_open_a_campaign_for_editing(session: Session, team: Team) -> None:
    state = _state(session, team.partner_user, CampaignsState)
    CampaignsState.open_edit.fn(state, str(1))
    assert state.values == {} and state.form_open is False


def _owner_names(session: Session, user: User) -> set[str]:
    form = _state(session, user, AccountFormState)
    presets = AccountFormState.open_new.fn(form)
    picked = [tuple(value._var_value for _, value in e.args[:2]) for e in presets]  # (picker key, kind)
    owners, partner = (
        [("account-owner", "owner"), ("account-second-owner", "owner")],
        ("account-partner", "partner"),
    )
    assert picked == [*owners, partner]
    assert form.values["owner_id"] == str(user.id)
    picker = _state(session, user, LookupState)
    LookupState.search.fn(picker, "account-owner", "owner", "")
    return {m["label"] for m in picker.matches["account-owner"]}


def test_owner_pickers_offer_staff_internal_users_and_a_partner_user_his_partners(
    session: Session, team: Team
) -> None:
    assert _owner_names(session, team.staff[1]) == {u.name for u in team.staff}
    assert _owner_names(session, team.partner_user) == {"Pat Partner", "Col Partner"}
