"""Invoice templates in the UI: the Settings section's state, and choosing the Word document's template."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Attachment
from rxcrm.services.commerce import quote_templates
from rxcrm.services.commerce.file_store import read_file
from rxcrm.services.commerce.invoices import issue_invoice
from rxcrm.ui.commerce.invoice_state import RecordInvoicesState
from rxcrm.ui.commerce.template_state import InvoiceTemplatesState, QuoteTemplatesState
from tests.conftest import make_user
from tests.documents.samples import docx_text, docx_with
from tests.services.commerce.document_rows import use_files_dir
from tests.services.commerce.sold_deals import sold_deal
from tests.ui_units.logged_in import logged_in_state
from tests.ui_units.test_board_state import _run

pytestmark = pytest.mark.usefixtures("app_database")


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _documents(session: Session) -> list[Attachment]:
    session.expire_all()
    return list(session.exec(select(Attachment)).all())


def test_the_settings_sections_list_each_kind_with_its_tokens(session: Session) -> None:
    admin = make_user(session, role="admin")
    quote_templates.upload_template(
        session, admin, "Invoice look", "i.docx", docx_with("{{ invoice.number }}"), kind="invoice"
    )
    session.commit()
    invoices = logged_in_state(session, admin, InvoiceTemplatesState, "invoice-templates")
    _run(invoices, InvoiceTemplatesState.load_templates, "")
    assert [t["name"] for t in invoices.templates] == ["Default invoice", "Invoice look"]
    assert "{{ invoice.number }}" in [t["token"] for t in invoices.tokens] and invoices.may_edit
    quotes = logged_in_state(session, admin, QuoteTemplatesState, "quote-templates")
    _run(quotes, QuoteTemplatesState.load_templates, "")
    assert [t["name"] for t in quotes.templates] == ["Default quote"]
    assert "{{ invoice.number }}" not in [t["token"] for t in quotes.tokens]


def test_with_several_invoice_templates_the_word_document_asks_which_one(session: Session) -> None:
    admin, rep = make_user(session, role="admin"), make_user(session)
    chosen = quote_templates.upload_template(
        session, admin, "Chosen", "c.docx", docx_with("CHOSEN {{ invoice.number }}"), kind="invoice"
    )
    quote_templates.upload_template(session, admin, "Newest", "n.docx", docx_with("NEWEST"), kind="invoice")
    invoice = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    session.commit()
    tab = logged_in_state(session, rep, RecordInvoicesState, "invoice-template-choice")
    _run(tab, RecordInvoicesState.load)
    assert [o["label"] for o in tab.template_options] == ["Default invoice", "Newest", "Chosen"]
    assert _run(tab, RecordInvoicesState.document, str(invoice.id)) is None
    assert tab.document_id == str(invoice.id) and _documents(session) == []
    events = _run(tab, RecordInvoicesState.document_from, {"template_id": str(chosen.id)})
    [document] = _documents(session)
    assert f"CHOSEN {invoice.number}" in docx_text(read_file(document.storage_key))
    assert tab.document_id == "" and len(events) == 2


def test_with_only_the_default_the_word_document_is_made_at_once(session: Session, files_dir: Path) -> None:
    rep = make_user(session)
    invoice = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    session.commit()
    tab = logged_in_state(session, rep, RecordInvoicesState, "invoice-template-default")
    _run(tab, RecordInvoicesState.load)
    assert [o["label"] for o in tab.template_options] == ["Default invoice"]
    _run(tab, RecordInvoicesState.document, str(invoice.id))
    [document] = _documents(session)
    assert "Amount due" in docx_text(read_file(document.storage_key)) and tab.document_id == ""
