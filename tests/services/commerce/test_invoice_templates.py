"""Invoice templates: uploaded with the invoice tokens, used for invoice documents only, deleted, guarded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import QuoteTemplate, User
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce import quote_templates
from rxcrm.services.commerce.file_store import read_file
from rxcrm.services.commerce.invoice_documents import generate_invoice_document, invoice_templates
from rxcrm.services.commerce.invoices import issue_invoice
from rxcrm.services.commerce.quote_documents import generate_quote_document
from rxcrm.services.people.time_zones import today_for
from tests.conftest import make_opportunity
from tests.documents.samples import docx_text, docx_with
from tests.services.commerce.document_rows import make_quote, stored_files, use_files_dir
from tests.services.commerce.quote_rows import make_book
from tests.services.commerce.sold_deals import sold_deal

INVOICE_TEXT = (
    "RECHNUNG {{ invoice.number }} vom {{ invoice.issue_date }}, fällig {{ invoice.due_date }}: "
    "{{ invoice.amount }} {{ invoice.currency }} für {{ invoice.billed }} an {{ account.name }}"
)


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _upload(session: Session, admin: User, name: str, text: str, kind: str = "invoice") -> QuoteTemplate:
    return quote_templates.upload_template(session, admin, name, f"{name}.docx", docx_with(text), kind=kind)


def test_an_uploaded_invoice_template_is_filled_with_the_invoice(
    session: Session, admin: User, rep: User
) -> None:
    template = _upload(session, admin, "German invoice", INVOICE_TEXT)
    deal = sold_deal(session, rep, name="Office roll-out")
    invoice = issue_invoice(session, rep, {"opportunity_id": deal.id})
    session.commit()
    attachment = generate_invoice_document(session, rep, invoice.id, template.id)
    text = docx_text(read_file(attachment.storage_key))
    issued, due = invoice.issue_date, invoice.due_date
    expected = (
        f"RECHNUNG {invoice.number} vom {issued.day} {issued.strftime('%b %Y')}, "
        f"fällig {due.day} {due.strftime('%b %Y')}: 1,500.00 CHF für Office roll-out an "
    )
    assert expected in text and "{{" not in text
    assert attachment.filename == f"Invoice {invoice.number} {today_for(rep).isoformat()}.docx"


def test_without_a_choice_the_newest_invoice_template_is_used_else_the_default(
    session: Session, admin: User, rep: User
) -> None:
    invoice = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    default = generate_invoice_document(session, rep, invoice.id)
    assert "Amount due" in docx_text(read_file(default.storage_key))
    _upload(session, admin, "Older", "OLDER {{ invoice.number }}")
    _upload(session, admin, "Newer", "NEWER {{ invoice.number }}")
    text = docx_text(read_file(generate_invoice_document(session, rep, invoice.id).storage_key))
    assert f"NEWER {invoice.number}" in text and "OLDER" not in text
    names = [t.name for t in invoice_templates(session, rep)]
    assert names == ["Default invoice", "Newer", "Older"]


def test_a_token_invoices_do_not_know_is_refused_by_name_and_nothing_is_stored(
    session: Session, admin: User, files_dir: Path
) -> None:
    for text, token in (
        ("{{ quote.number }}", "quote.number"),
        ("{% for item in items %}{% endfor %}", "items"),
    ):
        with pytest.raises(ValidationFailed) as caught:
            _upload(session, admin, "Bad", text)
        assert f"'{token}'" in caught.value.fields["file"]
    with pytest.raises(ValidationFailed) as caught:
        _upload(session, admin, "Bad quote", "{{ invoice.number }}", kind="quote")
    assert "'invoice.number'" in caught.value.fields["file"]
    session.rollback()
    assert [t.name for t in session.exec(select(QuoteTemplate)) if not quote_templates.is_default(t)] == []
    assert stored_files(files_dir) == []


def test_an_invoice_template_belongs_to_no_price_book_and_kinds_are_known(
    session: Session, admin: User
) -> None:
    book = make_book(session)
    with pytest.raises(ValidationFailed) as caught:
        quote_templates.upload_template(session, admin, "A", "a.docx", docx_with("x"), book.id, "invoice")
    assert "price_book_id" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        quote_templates.upload_template(session, admin, "A", "a.docx", docx_with("x"), None, "receipt")
    assert "kind" in caught.value.fields


def test_a_quote_template_cannot_print_an_invoice_nor_an_invoice_template_a_quote(
    session: Session, admin: User, rep: User
) -> None:
    quote_template = _upload(session, admin, "Quote look", "{{ total }}", kind="quote")
    invoice_template = _upload(session, admin, "Invoice look", "{{ invoice.number }}")
    invoice = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    quote = make_quote(session, make_opportunity(session, rep))
    with pytest.raises(ValidationFailed) as caught:
        generate_invoice_document(session, rep, invoice.id, quote_template.id)
    assert "'Quote look' is for quote documents" in caught.value.fields["template_id"]
    with pytest.raises(ValidationFailed) as caught:
        generate_quote_document(session, rep, quote.id, invoice_template.id)
    assert "'Invoice look' is for invoice documents" in caught.value.fields["template_id"]
    with pytest.raises(ValidationFailed):
        generate_invoice_document(session, rep, invoice.id, 987654)


def test_the_lists_keep_the_kinds_apart(session: Session, admin: User) -> None:
    book = make_book(session)
    _upload(session, admin, "Invoice look", "{{ invoice.number }}")
    quotes = [t.name for t in quote_templates.list_templates(session, admin, None).items]
    assert quotes == ["Default quote"]
    assert [t.name for t in quote_templates.list_templates(session, admin, book.id).items] == [
        "Default quote"
    ]
    invoices = quote_templates.list_templates(session, admin, kind="invoice").items
    assert [t.name for t in invoices] == ["Default invoice", "Invoice look"]
    rows = quote_templates.template_rows(session, invoices)
    assert [(r["price_book"], r["default"]) for r in rows] == [("", "yes"), ("", "")]
    assert dict(quote_templates.tokens("invoice"))["{{ invoice.due_date }}"]
    assert "{{ quote.number }}" not in dict(quote_templates.tokens("invoice"))


def test_deleting_an_invoice_template_removes_its_file_and_the_default_stays(
    session: Session, admin: User, files_dir: Path
) -> None:
    template = _upload(session, admin, "Gone soon", "{{ invoice.number }}")
    session.commit()
    with pytest.raises(NotFound):
        quote_templates.delete_template(session, admin, template.id, "quote")
    quote_templates.delete_template(session, admin, template.id, "invoice")
    session.commit()
    assert stored_files(files_dir) == []
    default = quote_templates.list_templates(session, admin, kind="invoice").items[0]
    with pytest.raises(Conflict):
        quote_templates.delete_template(session, admin, default.id, "invoice")
    filename, data = quote_templates.template_content(session, admin, default.id, "invoice")
    assert filename == "default_invoice.docx" and "{{ invoice.number }}" in docx_text(data)


def test_only_who_may_edit_price_books_uploads_or_deletes_invoice_templates(
    session: Session, admin: User, rep: User
) -> None:
    template = _upload(session, admin, "Admin's", "{{ invoice.number }}")
    with pytest.raises(Forbidden):
        _upload(session, rep, "Rep's", "{{ invoice.number }}")
    with pytest.raises(Forbidden):
        quote_templates.delete_template(session, rep, template.id, "invoice")
    assert len(quote_templates.list_templates(session, rep, kind="invoice").items) == 2


def test_both_defaults_are_installed_once(session: Session) -> None:
    keys = sorted(session.exec(select(QuoteTemplate.storage_key)).all())
    assert keys == ["asset:default_invoice.docx", "asset:default_quote.docx"]
    kinds = dict(session.exec(select(QuoteTemplate.storage_key, QuoteTemplate.kind)).all())
    assert kinds == {"asset:default_invoice.docx": "invoice", "asset:default_quote.docx": "quote"}
    assert quote_templates.install_default_template(session) is False
