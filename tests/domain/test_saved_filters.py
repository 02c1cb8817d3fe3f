"""Saved filters: the parameters each list understands, who sees and manages a filter, which default wins."""

from __future__ import annotations

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.saved_filters import (
    can_manage,
    can_see,
    can_set_role_default,
    check_entity,
    clean_params,
    owner_param,
    resolve_default,
    validate_saved_filter,
)
from rxcrm.domain.records.validation import FieldErrors

ACCOUNT_SORT = ("name", "city")


def test_account_parameters_are_typed_and_empty_ones_dropped() -> None:
    errors = FieldErrors()
    params = clean_params(
        "account",
        {
            "q": "  acme ",
            "type": "person",
            "owner_id": "7",
            "group_id": 3,
            "key_account": True,
            "favourites": None,
        },
        errors,
    )
    assert errors.fields == {}
    assert params == {"q": "acme", "type": "person", "owner_id": 7, "group_id": 3, "key_account": True}


def test_each_wrong_parameter_is_named_in_the_errors() -> None:
    errors = FieldErrors()
    clean_params(
        "account",
        {"type": "robot", "owner_id": -2, "key_account": "yes", "stage_id": 1, "group_id": True},
        errors,
    )
    assert set(errors.fields) == {
        "params.type",
        "params.owner_id",
        "params.key_account",
        "params.stage_id",
        "params.group_id",
    }
    assert "company" in errors.fields["params.type"]


def test_opportunity_parameters_know_stage_status_and_owner_me() -> None:
    errors = FieldErrors()
    params = clean_params("opportunity", {"stage_id": 2, "status": "won", "owner_id": "me", "q": ""}, errors)
    assert errors.fields == {} and params == {"stage_id": 2, "status": "won", "owner_id": "me"}
    clean_params("opportunity", {"status": "maybe", "type": "company"}, errors)
    assert set(errors.fields) == {"params.status", "params.type"}


def test_a_filter_needs_a_name_a_known_sort_and_a_real_role() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_saved_filter(
            {"name": " ", "sort": "-owner", "shared_with_role": "boss", "params": []},
            "account",
            ACCOUNT_SORT,
            creating=True,
        )
    assert set(refused.value.fields) == {"name", "sort", "shared_with_role", "params"}


def test_a_valid_filter_keeps_its_values_and_an_update_only_what_is_given() -> None:
    values = validate_saved_filter(
        {"name": "My accounts", "params": {"owner_id": "me"}, "sort": "-city", "shared_with_role": "rep"},
        "account",
        ACCOUNT_SORT,
        creating=True,
    )
    assert values == {
        "name": "My accounts",
        "params": {"owner_id": "me"},
        "sort": "-city",
        "shared_with_role": "rep",
    }
    assert validate_saved_filter({"is_default": True}, "account", ACCOUNT_SORT, creating=False) == {
        "is_default": True
    }


def test_lead_parameters_know_the_list_state_campaign_source_and_owner_me() -> None:
    errors = FieldErrors()
    params = clean_params(
        "lead", {"state": "untouched", "campaign_id": "3", "source": " web ", "owner_id": "me"}, errors
    )
    assert errors.fields == {}
    assert params == {"state": "untouched", "campaign_id": 3, "source": "web", "owner_id": "me"}
    clean_params("lead", {"state": "sleeping", "stage_id": 1}, errors)
    assert set(errors.fields) == {"params.state", "params.stage_id"}


def test_only_accounts_opportunities_leads_and_tickets_have_saved_filters() -> None:
    assert check_entity("opportunity") == "opportunity"
    assert check_entity("lead") == "lead"
    with pytest.raises(ValidationFailed) as refused:
        check_entity("contact")
    assert "entity" in refused.value.fields


def test_a_filter_is_seen_by_its_owner_and_the_role_it_is_shared_with() -> None:
    assert can_see(1, None, None, user_id=1, role="rep")
    assert not can_see(1, None, None, user_id=2, role="rep")
    assert can_see(1, "rep", None, user_id=2, role="rep")
    assert not can_see(1, "rep", None, user_id=2, role="director")


def test_a_role_default_is_seen_by_that_role_and_by_admins() -> None:
    assert can_see(1, None, "director", user_id=2, role="director")
    assert not can_see(1, None, "director", user_id=2, role="rep")
    assert can_see(1, None, "director", user_id=2, role="admin")
    assert not can_see(1, None, None, user_id=2, role="admin")


def test_owner_or_admin_manage_and_only_admins_set_role_defaults() -> None:
    assert can_manage(1, 1, "rep") and can_manage(1, 2, "admin")
    assert not can_manage(1, 2, "director")
    assert can_set_role_default("admin") and not can_set_role_default("director")


def test_own_default_wins_over_the_role_default() -> None:
    assert resolve_default("own", "role") == "own"
    assert resolve_default(None, "role") == "role"
    assert resolve_default(None, None) is None


def test_owner_me_stands_for_whoever_applies_the_filter() -> None:
    assert owner_param("me", 42) == 42
    assert owner_param(7, 42) == 7
    assert owner_param(None, 42) is None


def test_ticket_segments_know_the_responsible_me_or_unassigned_and_the_status() -> None:
    errors = FieldErrors()
    rita = clean_params(
        "ticket", {"assignee_id": "12", "status": "open_or_pending", "q": " printer "}, errors
    )
    mine = clean_params("ticket", {"assignee_id": "me", "status": "closed"}, errors)
    nobody = clean_params("ticket", {"assignee_id": "unassigned", "status": None}, errors)
    assert errors.fields == {}
    assert rita == {"assignee_id": 12, "status": "open_or_pending", "q": "printer"}
    assert (mine, nobody) == ({"assignee_id": "me", "status": "closed"}, {"assignee_id": "unassigned"})


def test_a_ticket_segment_refuses_unknown_fields_statuses_and_responsibles() -> None:
    errors = FieldErrors()
    clean_params(
        "ticket", {"owner_id": 3, "status": "solved", "assignee_id": "nobody", "state": "open"}, errors
    )
    assert set(errors.fields) == {"params.owner_id", "params.status", "params.assignee_id", "params.state"}
    assert "open_or_pending" in errors.fields["params.status"]
    assert "'unassigned'" in errors.fields["params.assignee_id"]
    owners = FieldErrors()
    clean_params("account", {"owner_id": "unassigned"}, owners)
    assert owners.fields == {"params.owner_id": "must be a record id or 'me'"}


def test_a_ticket_segment_keeps_no_sort_since_the_inbox_has_one_order() -> None:
    values = validate_saved_filter({"name": "Mine", "params": {}}, "ticket", (), creating=True)
    assert values["sort"] is None
    with pytest.raises(ValidationFailed) as refused:
        validate_saved_filter({"name": "Mine", "params": {}, "sort": "subject"}, "ticket", (), creating=True)
    assert "fixed order" in refused.value.fields["sort"]
    assert check_entity("ticket") == "ticket"
