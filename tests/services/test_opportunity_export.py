"""Spec §2.7/§3.4: the CSV export gives spreadsheet-ready numbers and leaves hidden fields blank."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from sqlmodel import Session

from rxcrm.services.people.field_visibility import VIEWER, limit_field
from rxcrm.services.pipeline.export import export_csv
from rxcrm.services.pipeline.opportunities import OpportunityFilter
from tests.conftest import make_opportunity


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_amounts_and_probabilities_are_plain_numbers_with_the_currency_apart(session: Session, rep) -> None:
    make_opportunity(session, rep, name="Crane", amount=Decimal("103500.50"), currency="USD", probability=35)
    session.info[VIEWER] = rep
    [row] = _rows(export_csv(session, rep, OpportunityFilter()))
    assert (row["Amount"], row["Currency"], row["Probability %"]) == ("103500.50", "USD", "35")


def test_a_hidden_amount_is_left_blank(session: Session, admin, rep) -> None:
    make_opportunity(session, rep, name="Crane", amount=Decimal("900.00"), probability=35)
    limit_field(session, admin, "opportunity", "amount", ["admin"])
    session.info[VIEWER] = rep
    [row] = _rows(export_csv(session, rep, OpportunityFilter()))
    assert (row["Name"], row["Amount"], row["Currency"], row["Probability %"]) == ("Crane", "", "", "35")
