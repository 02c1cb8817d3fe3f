"""What the opportunity page shows of a deal: fields hidden from the viewer are never among it."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from rxcrm.services.people.field_visibility import VIEWER, limit_field
from rxcrm.services.pipeline.rows import opportunity_data, opportunity_header
from tests.conftest import make_opportunity


def _deal(session: Session, rep):  # noqa: ANN202
    return make_opportunity(
        session, rep, name="Solar park", amount=Decimal("900.00"), tags=["Hot"], custom={"region": "North"}
    )


def test_the_page_head_shows_amount_and_tags_to_whoever_may_see_them(session: Session, rep) -> None:
    deal = _deal(session, rep)
    session.info[VIEWER] = rep
    head = opportunity_header(session, deal)
    assert (head["name"], head["status"], head["amount"], head["tags"]) == (
        "Solar park",
        "open",
        "900.00 EUR",
        ["Hot"],
    )


def test_the_page_head_leaves_out_hidden_tags_and_amount(session: Session, admin, rep) -> None:
    deal = _deal(session, rep)
    for field in ("tags", "amount"):
        limit_field(session, admin, "opportunity", field, ["director"])
    session.info[VIEWER] = rep
    head = opportunity_header(session, deal)
    assert (head["amount"], head["tags"]) == ("", [])
    session.info[VIEWER] = admin
    assert opportunity_header(session, deal)["tags"] == ["Hot"]


def test_the_data_tab_leaves_out_every_hidden_field(session: Session, admin, rep) -> None:
    deal = _deal(session, rep)
    for field in ("amount", "probability", "close_date", "tags", "custom"):
        limit_field(session, admin, "opportunity", field, ["director"])
    session.info[VIEWER] = rep
    keys = {row["key"] for row in opportunity_data(session, deal)}
    assert not keys & {"amount", "probability", "close_date", "tags", "custom-region"}
    assert {"stage", "owner", "status"} <= keys


def test_history_shows_linked_records_by_name_and_money_formatted(session: Session, rep) -> None:
    from rxcrm.services.pipeline.opportunities import update_opportunity
    from rxcrm.services.records.history import history_of
    from rxcrm.services.records.timeline_rows import history_rows
    from tests.conftest import make_contact, make_partner

    deal = _deal(session, rep)
    contact = make_contact(session, first_name="Ada", last_name="Lovelace", owner_id=rep.id)
    partner = make_partner(session, name="Blue Channel GmbH")
    update_opportunity(
        session, rep, deal.id, {"contact_id": contact.id, "amount": "13250.00", "partner_id": partner.id}
    )
    session.info[VIEWER] = rep
    rows = {r["field"]: r for r in history_rows(session, history_of(session, "opportunity", deal.id), "EUR")}
    assert (rows["Contact"]["old"], rows["Contact"]["new"]) == ("", "Ada Lovelace")
    assert (rows["Amount"]["old"], rows["Amount"]["new"]) == ("900.00 EUR", "13,250.00 EUR")
    assert rows["Partner"]["new"] == "Blue Channel GmbH"
