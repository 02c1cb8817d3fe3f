"""Form problems in the form's words: field keys become labels, one sentence per field."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.domain.pipeline.opportunities import check_lost_reason
from rxcrm.domain.records.activities import validate_activity
from rxcrm.ui.actions import OUTCOME_TOAST, failure_toast, success_toast
from rxcrm.ui.components.forms import text_field
from rxcrm.ui.form_errors import failure_message, field_label, field_messages, problem_on
from rxcrm.ui.leads.campaign_state import CampaignsState
from rxcrm.ui.pipeline.board_state import BoardState


def _refusal(check) -> ValidationFailed:  # noqa: ANN001
    try:
        check()
    except ValidationFailed as exc:
        return exc
    raise AssertionError("the check accepted the input")


def test_a_missing_activity_category_reads_category_is_required_not_its_key() -> None:
    error = _refusal(lambda: validate_activity({"entity": "lead", "entity_id": 1}, creating=True))
    worded = field_messages(error.fields)
    assert worded["category_id"] == "Category is required"
    assert "category_id" not in failure_message(error)
    assert failure_message(error).startswith("Please correct the form: Category is required")


def test_labels_follow_the_forms_and_unknown_keys_read_as_words() -> None:
    assert field_label("close_date") == "Expected close"
    assert field_label("owner_id") == "Owner"
    assert field_label("owner_id", {"owner_id": "Account manager"}) == "Account manager"
    assert field_label("vat_no") == "VAT no."
    assert field_label("last_name") == "Last name"
    assert field_label("action_params.user_id") == "User"


def test_messages_become_sentences_and_full_sentences_stay_as_they_are() -> None:
    worded = field_messages(
        {
            "last_name": "is required",
            "partner_id": "no such partner",
            "custom.size": "Size must be a number",
            "close_date": "must be a date (YYYY-MM-DD).",
        }
    )
    assert worded == {
        "last_name": "Last name is required",
        "partner_id": "Partner: no such partner",
        "custom.size": "Size must be a number",
        "close_date": "Expected close must be a date (YYYY-MM-DD).",
    }
    several = ValidationFailed.from_fields({"name": "is required", "email": "must be an e-mail address"})
    assert failure_message(several) == "Please correct the form: Name is required (and 1 more)."


def test_an_error_without_fields_keeps_its_message_and_a_missing_lost_reason_is_marked() -> None:
    assert failure_message(DomainError("The deal is sold and locked.")) == "The deal is sold and locked."
    blank = _refusal(lambda: check_lost_reason("   ", "reason"))
    assert problem_on(blank, "reason", "lost_reason") == "Reason: say why the deal was lost"
    assert problem_on(blank, "stage_id") == ""


def test_a_success_replaces_the_failure_toast_it_answers() -> None:
    failed = failure_toast(ValidationFailed.from_fields({"category_id": "is required"}))
    done = success_toast("Activity logged.")
    for spec, kind in ((failed, "error"), (done, "success")):
        call = str(spec.args[0][1])
        assert f'["{kind}"]' in call and f'["id"] : "{OUTCOME_TOAST}"' in call


def _fresh(cls: type) -> rx.State:
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(cls.get_full_name().split(".")[1:])


def test_changing_a_field_takes_only_its_own_problem_away() -> None:
    form = _fresh(CampaignsState)
    form.errors = {"name": "Name is required", "budget": "Budget must be a number"}
    CampaignsState.clear_error.fn(form, "name")
    assert form.errors == {"budget": "Budget must be a number"}
    CampaignsState.clear_error.fn(form, "name")  # typing on: nothing left to take away
    assert form.errors == {"budget": "Budget must be a number"}
    board = _fresh(BoardState)
    board.lost_error = "Reason: say why the deal was lost"
    BoardState.clear_lost_error.fn(board)
    assert board.lost_error == ""


def test_a_field_sends_its_clearing_event_only_while_its_problem_shows() -> None:
    trigger = str(text_field("Name", "name", CampaignsState.values, CampaignsState.errors).render())
    shown = f'{CampaignsState.errors!s}.hasOwnProperty("name")'
    assert f'{shown} ? (ReflexEvent("{CampaignsState.get_full_name()}.clear_error"' in trigger
    assert '_call_function", ({ ["function"] : (() => null)' in trigger  # otherwise a no-op in the browser
