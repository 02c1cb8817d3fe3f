"""The invoice states: issuing from a deal (refused while unsold), the tab's steps and due-date dialog."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Attachment, Invoice
from rxcrm.services.commerce.invoice_rows import invoice_rows
from rxcrm.services.commerce.invoices import issue_invoice
from rxcrm.ui.commerce.invoice_state import IssueInvoiceState, RecordInvoicesState
from tests.conftest import make_opportunity, make_user
from tests.services.commerce.document_rows import use_files_dir
from tests.services.commerce.sold_deals import sold_deal
from tests.ui_units.logged_in import logged_in_state
from tests.ui_units.test_board_state import _run

pytestmark = pytest.mark.usefixtures("app_database")


def _invoices(session: Session) -> list[Invoice]:
    session.expire_all()
    return list(session.exec(select(Invoice)).all())


def test_a_deal_is_invoiced_once_sold_and_the_tab_moves_it_on(session: Session) -> None:
    rep = make_user(session)
    deal, unsold = sold_deal(session, rep), make_opportunity(session, rep)
    session.commit()
    issuer = logged_in_state(session, rep, IssueInvoiceState, "invoices")
    _run(issuer, IssueInvoiceState.for_deal, unsold.id)
    assert _invoices(session) == []
    _run(issuer, IssueInvoiceState.for_deal, deal.id)
    [invoice] = _invoices(session)
    [row] = invoice_rows(session, [invoice])
    assert (row["status_label"], row["can_send"], row["can_pay"], row["amount"]) == (
        "Draft",
        "yes",
        "",
        "1,500.00 CHF",
    )

    tab = logged_in_state(session, rep, RecordInvoicesState, "invoice-tab")
    _run(tab, RecordInvoicesState.mark, str(invoice.id), "sent")
    later = (invoice.due_date + timedelta(days=7)).isoformat()
    _run(tab, RecordInvoicesState.ask_due, str(invoice.id), row["due_iso"])
    assert tab.due_open and tab.due_value == row["due_iso"]
    _run(tab, RecordInvoicesState.save_due, {"due_date": later})
    [invoice] = _invoices(session)
    assert (invoice.status, invoice.due_date.isoformat(), tab.due_open) == ("sent", later, False)
    _run(tab, RecordInvoicesState.mark, str(invoice.id), "paid")
    [row] = invoice_rows(session, _invoices(session))
    assert (row["status_label"], row["can_send"], row["can_pay"], row["can_move_due"]) == (
        "Paid",
        "",
        "",
        "",
    )


def test_the_word_document_button_keeps_the_file_on_the_deal_and_downloads_it(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_files_dir(tmp_path, monkeypatch)
    rep = make_user(session)
    deal = sold_deal(session, rep)
    invoice = issue_invoice(session, rep, {"opportunity_id": deal.id})
    session.commit()
    tab = logged_in_state(session, rep, RecordInvoicesState, "invoice-document")
    events = _run(tab, RecordInvoicesState.document, str(invoice.id))
    session.expire_all()
    [attachment] = session.exec(select(Attachment)).all()
    assert (attachment.entity, attachment.entity_id) == ("opportunity", deal.id)
    assert attachment.filename.startswith(f"Invoice {invoice.number} ") and len(events) == 2
