"""The pipeline board: SQL column totals in the board currency, paged cards, filters, access, card fields."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session

from rxcrm.db.models import Stage
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.people.field_visibility import VIEWER, limit_field
from rxcrm.services.pipeline.board import (
    board_columns,
    board_stages,
    card_fields,
    column_cards,
    column_totals,
)
from rxcrm.services.pipeline.cards import card_rows, column_header
from rxcrm.services.pipeline.moves import move_opportunity
from rxcrm.services.pipeline.opportunities import OpportunityFilter
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.listing import ListWindow
from rxcrm.services.settings.exchange_rates import set_rate
from rxcrm.services.settings.toggles import update_settings
from tests.conftest import make_account, make_opportunity, make_user

EVERYTHING = OpportunityFilter()
LONG_AGO = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
DEFAULT_STAGES = ["Prospecting", "Qualification", "Needs analysis", "Proposal", "Negotiation", "Won", "Lost"]


def _stage(session: Session, kind: str, index: int = 0) -> Stage:
    return [s for s in list_stages(session) if s.kind == kind][index]


def _deal(session: Session, owner, stage: Stage, amount: str, currency: str = "EUR", **kw):
    return make_opportunity(
        session, owner, stage_id=stage.id, amount=Decimal(amount), currency=currency, **kw
    )


@pytest.fixture
def pipeline(session: Session, admin, rep) -> dict:
    """Deals in Prospecting and Proposal, in EUR, USD (rate 0.9) and GBP (no rate)."""
    colleague = make_user(session, name="Carl Colleague")
    prospecting, proposal = _stage(session, "open", 0), _stage(session, "open", 3)
    set_rate(session, admin, "usd", "0.9")
    deals = {
        "eur": _deal(session, rep, prospecting, "1000.00", name="Solar park", tags=["Hot", "energy"]),
        "small": _deal(session, rep, prospecting, "250.50", name="Garden shed", tags=["hotel"]),
        "usd": _deal(session, rep, prospecting, "1234.56", "USD", name="Wind farm", tags=["hot"]),
        "gbp": _deal(session, rep, prospecting, "500.00", "GBP", name="London office"),
        "theirs": _deal(session, colleague, proposal, "99.99", name="Roof repair"),
        "usd_theirs": _deal(session, colleague, proposal, "10.00", "USD", name="Solar roof"),
    }
    return {"colleague": colleague, "prospecting": prospecting, "proposal": proposal, **deals}


def test_column_totals_count_every_deal_and_convert_amounts_into_the_board_currency(
    session: Session, rep, pipeline: dict
) -> None:
    prospecting, proposal = pipeline["prospecting"].id, pipeline["proposal"].id
    totals = column_totals(session, rep, [prospecting, proposal, _stage(session, "won").id], EVERYTHING)
    # 1000.00 + 250.50 + 1234.56 × 0.9 (= 1111.104); the GBP deal has no rate and is only counted
    assert totals[prospecting] == (4, Decimal("2361.60"), 1)
    # 99.99 + 10.00 × 0.9
    assert totals[proposal] == (2, Decimal("108.99"), 0)
    assert _stage(session, "won").id not in totals


def test_board_columns_show_every_board_stage_with_zero_for_empty_ones(
    session: Session, rep, pipeline: dict
) -> None:
    columns = {c.name: c for c in board_columns(session, rep, EVERYTHING)}
    assert list(columns) == DEFAULT_STAGES
    assert (
        columns["Prospecting"].count,
        columns["Prospecting"].amount,
        columns["Prospecting"].unconverted,
    ) == (
        4,
        Decimal("2361.60"),
        1,
    )
    assert (columns["Won"].count, columns["Won"].amount, columns["Won"].unconverted) == (
        0,
        Decimal("0.00"),
        0,
    )
    assert (columns["Won"].kind, columns["Won"].probability) == ("won", 100)


def test_a_column_header_shows_count_amount_and_deals_without_rate(
    session: Session, rep, pipeline: dict
) -> None:
    column = board_columns(session, rep, EVERYTHING)[0]
    header = column_header(column, "EUR", loaded=3)
    assert header == {
        "stage_id": str(pipeline["prospecting"].id),
        "name": "Prospecting",
        "color": "#8da4ef",
        "count": "4",
        "amount": "2,361.60 EUR",
        "note": "1 without exchange rate",
        "more": True,
    }
    assert column_header(column, "EUR", loaded=4)["more"] is False


def test_a_limited_rep_sees_only_his_own_deals_in_totals_and_cards(session: Session, pipeline: dict) -> None:
    lina = make_user(session, access_level="limited_opportunities", name="Lina Limited")
    prospecting, proposal = pipeline["prospecting"], pipeline["proposal"]
    mine = _deal(session, lina, proposal, "300.00", name="Lina's deal")
    totals = column_totals(session, lina, [prospecting.id, proposal.id], EVERYTHING)
    assert totals == {proposal.id: (1, Decimal("300.00"), 0)}
    assert [d.id for d in column_cards(session, lina, proposal.id, EVERYTHING)] == [mine.id]
    assert column_cards(session, lina, prospecting.id, EVERYTHING) == []


def test_the_board_narrows_to_one_owner(session: Session, rep, pipeline: dict) -> None:
    prospecting, proposal = pipeline["prospecting"].id, pipeline["proposal"].id
    theirs = OpportunityFilter(owner_id=pipeline["colleague"].id)
    assert column_totals(session, rep, [prospecting, proposal], theirs) == {
        proposal: (2, Decimal("108.99"), 0)
    }
    mine = OpportunityFilter(owner_id=rep.id)
    assert column_totals(session, rep, [prospecting, proposal], mine) == {
        prospecting: (4, Decimal("2361.60"), 1)
    }


def test_the_board_narrows_to_a_tag_whatever_its_case(session: Session, rep, pipeline: dict) -> None:
    prospecting = pipeline["prospecting"].id
    hot = OpportunityFilter(tag="HOT")
    # "Hot" (1000.00) and "hot" (1234.56 USD -> 1111.104), not "hotel"
    assert column_totals(session, rep, [prospecting], hot) == {prospecting: (2, Decimal("2111.10"), 0)}
    cards = column_cards(session, rep, prospecting, hot)
    assert {c.id for c in cards} == {pipeline["eur"].id, pipeline["usd"].id}


def test_the_board_narrows_to_a_search_in_the_name(session: Session, rep, pipeline: dict) -> None:
    prospecting, proposal = pipeline["prospecting"].id, pipeline["proposal"].id
    solar = OpportunityFilter(q="sOLAR")
    assert column_totals(session, rep, [prospecting, proposal], solar) == {
        prospecting: (1, Decimal("1000.00"), 0),
        proposal: (1, Decimal("9.00"), 0),
    }


def test_column_cards_come_page_by_page_most_recently_changed_first(session: Session, rep) -> None:
    qualification = _stage(session, "open", 1)
    deals = [
        _deal(session, rep, qualification, "1.00", name=f"Deal {i}", updated_at=LONG_AGO + timedelta(hours=i))
        for i in range(5)
    ]
    newest_first = [d.id for d in reversed(deals)]

    def page(offset: int, limit: int) -> list[int]:
        window = ListWindow(limit=limit, offset=offset)
        return [d.id for d in column_cards(session, rep, qualification.id, EVERYTHING, window)]

    assert page(0, 2) == newest_first[0:2]
    assert page(2, 2) == newest_first[2:4]
    assert page(4, 2) == newest_first[4:]
    assert page(6, 2) == []


def test_a_deal_just_moved_in_tops_its_new_column(session: Session, rep) -> None:
    qualification, proposal = _stage(session, "open", 1), _stage(session, "open", 3)
    waiting = _deal(session, rep, proposal, "1.00", updated_at=LONG_AGO + timedelta(days=1))
    arriving = _deal(session, rep, qualification, "1.00", updated_at=LONG_AGO)
    move_opportunity(session, rep, arriving.id, proposal.id)
    assert [d.id for d in column_cards(session, rep, proposal.id, EVERYTHING)] == [arriving.id, waiting.id]


def test_a_page_holds_one_to_500_cards(session: Session, rep) -> None:
    stage = _stage(session, "open").id
    for offset, limit in ((0, 0), (0, 501), (-1, 20)):
        with pytest.raises(ValidationFailed):
            column_cards(session, rep, stage, EVERYTHING, ListWindow(limit=limit, offset=offset))


def test_stages_hidden_from_the_board_are_not_columns(session: Session, rep) -> None:
    lost = _stage(session, "lost")
    lost.on_board = False
    session.add(lost)
    session.flush()
    assert [s.name for s in board_stages(session)] == [name for name in DEFAULT_STAGES if name != "Lost"]
    assert lost.id not in [c.stage_id for c in board_columns(session, rep, EVERYTHING)]


def test_cards_show_only_the_fields_the_admin_chose(session: Session, admin, rep) -> None:
    account = make_account(session, name="Acme")
    deal = _deal(
        session,
        rep,
        _stage(session, "open", 3),
        "1234.50",
        name="Solar park",
        account_id=account.id,
        probability=60,
        tags=["Hot"],
    )
    update_settings(session, admin, {"kanban_card_fields": "probability,amount,owner"})
    assert card_fields(session) == ("amount", "owner", "probability")
    session.info[VIEWER] = rep
    assert card_rows(session, [deal], card_fields(session)) == [
        {
            "id": str(deal.id),
            "name": "Solar park",
            "amount": "1,234.50 EUR",
            "owner": "RR",
            "probability": "60 %",
        }
    ]


def test_a_card_leaves_out_a_field_hidden_from_the_viewer(session: Session, admin, rep) -> None:
    deal = _deal(session, rep, _stage(session, "open"), "80.00", name="Shed", tags=["Hot"])
    fields = ("amount", "owner", "tags")
    limit_field(session, admin, "opportunity", "amount", ["director"])
    session.info[VIEWER] = rep
    assert card_rows(session, [deal], fields) == [
        {"id": str(deal.id), "name": "Shed", "owner": "RR", "tags": ["Hot"]}
    ]
    session.info[VIEWER] = admin
    assert card_rows(session, [deal], fields)[0]["amount"] == "80.00 EUR"


def test_the_tag_filter_ignores_case_of_non_ascii_letters_too(session: Session, rep) -> None:
    stage = _stage(session, "open")
    takeover = _deal(session, rep, stage, "700.00", tags=["Übernahme"])
    for tag in ("Übernahme", "übernahme", "ÜBERNAHME"):
        assert [d.id for d in column_cards(session, rep, stage.id, OpportunityFilter(tag=tag))] == [
            takeover.id
        ]


def test_a_card_names_a_contact_only_when_the_viewer_may_see_it(session: Session, admin, rep) -> None:
    from tests.conftest import make_contact

    limited = make_user(session, access_level="limited_crm")
    secret = make_contact(session, first_name="Secret", last_name="Person", owner_id=rep.id)
    deal = _deal(session, limited, _stage(session, "open"), "10.00", contact_id=secret.id)
    session.info[VIEWER] = limited
    assert card_rows(session, [deal], ("contact",))[0]["contact"] == ""
    session.info[VIEWER] = admin
    assert card_rows(session, [deal], ("contact",))[0]["contact"] == "Secret Person"


def test_column_sums_are_withheld_from_a_user_the_amount_is_hidden_from(session: Session, admin, rep) -> None:
    stage = _stage(session, "open")
    _deal(session, rep, stage, "12345.00")
    limit_field(session, admin, "opportunity", "amount", ["admin"])
    assert column_totals(session, rep, [stage.id], OpportunityFilter()) == {stage.id: (1, None, 0)}
    assert column_totals(session, admin, [stage.id], OpportunityFilter())[stage.id][1] == Decimal("12345.00")


@pytest.mark.parametrize("rate", ["NaN", "sNaN", "Infinity", "-1", "0", "abc", ""])
def test_a_nonsense_exchange_rate_is_refused(session: Session, admin, rate: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        set_rate(session, admin, "USD", rate)
    assert set(refused.value.fields) == {"rate"}
