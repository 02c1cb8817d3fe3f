"""An invoice as a Word document: every invoice value printed, kept as a file of the deal, access."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from rxcrm.db.models import FieldVisibility, User
from rxcrm.documents.default_invoice_template import ASSET, build_default_invoice_template
from rxcrm.documents.invoice_document import INVOICE_TOKENS
from rxcrm.documents.quote_template import open_template, sandbox, template_sources, unknown_tokens
from rxcrm.domain.errors import Forbidden, NotFound
from rxcrm.services.commerce import attachments
from rxcrm.services.commerce.file_store import read_file
from rxcrm.services.commerce.invoice_documents import generate_invoice_document
from rxcrm.services.commerce.invoices import issue_invoice
from rxcrm.services.people.time_zones import today_for
from tests.conftest import make_user
from tests.documents.samples import docx_text
from tests.services.commerce.document_rows import stored_files, use_files_dir
from tests.services.commerce.sold_deals import sold_deal


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def test_the_document_prints_the_invoice_and_is_kept_on_the_deal(
    session: Session, rep: User, files_dir: Path
) -> None:
    deal = sold_deal(session, rep, name="Office roll-out")
    invoice = issue_invoice(session, rep, {"opportunity_id": deal.id})
    attachment = generate_invoice_document(session, rep, invoice.id)
    session.commit()
    assert (attachment.entity, attachment.entity_id, attachment.created_by_id) == (
        "opportunity",
        deal.id,
        rep.id,
    )
    assert attachment.filename == f"Invoice {invoice.number} {today_for(rep).isoformat()}.docx"
    assert stored_files(files_dir) == [files_dir / attachment.storage_key]
    text = docx_text(read_file(attachment.storage_key))
    for value in (invoice.number, "1,500.00 CHF", "Office roll-out", rep.name, "Draft"):
        assert value in text
    assert "{{" not in text and "{%" not in text
    [listed] = attachments.list_attachments(session, rep, deal.id).items
    assert listed.id == attachment.id


def test_who_may_not_see_the_invoice_gets_not_found_and_hidden_amounts_no_document(
    session: Session, rep: User
) -> None:
    invoice = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    stranger = make_user(session, access_level="limited_opportunities")
    with pytest.raises(NotFound):
        generate_invoice_document(session, stranger, invoice.id)
    with pytest.raises(NotFound):
        generate_invoice_document(session, rep, 10**9)
    session.add(FieldVisibility(entity="opportunity", field="amount", roles=["director"], user_ids=[]))
    with pytest.raises(Forbidden):
        generate_invoice_document(session, rep, invoice.id)


def test_the_committed_default_invoice_template_is_what_the_builder_makes() -> None:
    """Rebuild with `python -m rxcrm.documents.default_invoice_template` after changing the builder."""
    assert ASSET.read_bytes() == build_default_invoice_template()


def test_the_default_invoice_template_uses_only_documented_tokens() -> None:
    known = " ".join(token for token, _ in INVOICE_TOKENS)
    template = open_template(ASSET.read_bytes())
    for source in template_sources(template):
        for name in unknown_tokens(sandbox().parse(source)):
            assert "{{ " + name + " }}" in known, name
