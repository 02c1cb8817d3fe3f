"""What a move on the board does to a deal, and which fields a card may show."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.pipeline.board import StageFacts, parse_card_fields, plan_move
from rxcrm.domain.settings.catalogue import check_setting_changes, defaults

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
PROPOSAL = StageFacts(stage_id=4, kind="open", probability=60)
WON = StageFacts(stage_id=6, kind="won", probability=90)
LOST = StageFacts(stage_id=7, kind="lost", probability=25)


@pytest.mark.parametrize(
    ("stage", "status_before", "status", "probability", "closed_at"),
    [(PROPOSAL, "lost", "open", 60, None), (WON, "open", "won", 100, NOW)],
    ids=[
        "an open stage gives its probability and reopens the deal",
        "winning makes the deal certain and closes it now",
    ],
)
def test_a_move_sets_the_stage_status_probability_and_closing_time(
    stage: StageFacts, status_before: str, status: str, probability: int, closed_at: datetime | None
) -> None:
    values = plan_move(stage, locked=False, current_status=status_before, reason=None, now=NOW)
    assert values == {
        "stage_id": stage.stage_id,
        "status": status,
        "probability": probability,
        "lost_reason": None,
        "closed_at": closed_at,
    }


def test_an_open_deal_moved_to_another_open_stage_keeps_no_closing_time() -> None:
    values = plan_move(PROPOSAL, locked=False, current_status="open", reason=None, now=NOW)
    assert (values["status"], values["probability"], values["closed_at"]) == ("open", 60, None)


def test_a_won_deal_moved_to_another_won_stage_keeps_its_closing_time() -> None:
    values = plan_move(WON, locked=False, current_status="won", reason=None, now=NOW)
    assert "closed_at" not in values
    assert (values["status"], values["probability"]) == ("won", 100)


@pytest.mark.parametrize("reason", [None, "", "   \n\t "])
def test_losing_without_a_reason_is_refused_on_the_reason_field(reason: str | None) -> None:
    with pytest.raises(ValidationFailed) as refused:
        plan_move(LOST, locked=False, current_status="open", reason=reason, now=NOW)
    assert refused.value.fields == {"reason": "say why the deal was lost"}


def test_the_refusal_names_the_field_the_caller_asks_for() -> None:
    with pytest.raises(ValidationFailed) as refused:
        plan_move(LOST, False, "open", None, NOW, reason_field="lost_reason")
    assert set(refused.value.fields) == {"lost_reason"}


def test_losing_with_a_reason_stores_it_trimmed_with_probability_zero() -> None:
    values = plan_move(LOST, locked=False, current_status="open", reason="  Too expensive \n", now=NOW)
    assert values == {
        "stage_id": 7,
        "status": "lost",
        "probability": 0,
        "lost_reason": "Too expensive",
        "closed_at": NOW,
    }


def test_a_reason_is_not_kept_when_the_deal_goes_to_an_open_stage() -> None:
    values = plan_move(PROPOSAL, locked=False, current_status="open", reason="Price", now=NOW)
    assert values["lost_reason"] is None


def test_a_reason_of_500_characters_is_accepted_and_501_refused() -> None:
    assert len(plan_move(LOST, False, "open", "x" * 500, NOW)["lost_reason"]) == 500
    assert plan_move(LOST, False, "open", "  " + "y" * 500 + "  ", NOW)["lost_reason"] == "y" * 500
    with pytest.raises(ValidationFailed) as refused:
        plan_move(LOST, False, "open", "x" * 501, NOW)
    assert refused.value.fields == {"reason": "must be at most 500 characters"}


@pytest.mark.parametrize("target", [PROPOSAL, WON, LOST])
def test_a_locked_deal_cannot_move(target: StageFacts) -> None:
    with pytest.raises(Conflict) as refused:
        plan_move(target, locked=True, current_status="won", reason="Price", now=NOW)
    assert "unlock" in refused.value.message


def test_card_fields_come_in_the_catalogues_order_whatever_the_setting_says() -> None:
    assert parse_card_fields("tags, owner,amount") == ("amount", "owner", "tags")
    assert parse_card_fields("contact,probability,account") == ("account", "probability", "contact")


def test_blank_card_field_names_are_ignored() -> None:
    assert parse_card_fields(" , amount,, ,close_date, ") == ("amount", "close_date")
    assert parse_card_fields("") == ()


def test_an_unknown_card_field_is_refused_by_name() -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_card_fields("amount,colour,secret")
    message = refused.value.fields["kanban_card_fields"]
    assert message.startswith("unknown field(s) colour, secret;")


def test_card_fields_must_be_text() -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_card_fields(["amount"])
    assert set(refused.value.fields) == {"kanban_card_fields"}


def test_the_settings_catalogue_refuses_an_unknown_card_field() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_setting_changes(defaults(), {"kanban_card_fields": "amount,weather"})
    assert set(refused.value.fields) == {"kanban_card_fields"}
    assert "weather" in refused.value.fields["kanban_card_fields"]


def test_the_settings_catalogue_accepts_known_card_fields() -> None:
    changes = check_setting_changes(defaults(), {"kanban_card_fields": "probability,amount"})
    assert changes == {"kanban_card_fields": "probability,amount"}


def test_only_a_lost_deal_must_say_why() -> None:
    from rxcrm.domain.pipeline.board import needs_reason

    assert [needs_reason(kind) for kind in ("open", "won", "lost")] == [False, False, True]
