"""Generating a quote document: the right template, every value, field visibility, access, storage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Attachment, Change, FieldVisibility, QuoteTemplate, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce import attachments, quote_templates
from rxcrm.services.commerce.file_store import read_file
from rxcrm.services.commerce.quote_documents import document_filename, generate_quote_document
from tests.conftest import make_account, make_contact, make_opportunity, make_user
from tests.documents.samples import docx_text, docx_with
from tests.services.commerce.document_rows import make_quote, stored_files, use_files_dir
from tests.services.commerce.quote_rows import make_book


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _deal(session: Session, owner: User, **kw: object):  # noqa: ANN202
    account = make_account(
        session,
        name="شركة الأمل",
        street="Hauptstraße 5",
        zip="10115",
        city="Berlin",
        country="Germany",
        vat_no="DE123456789",
    )
    contact = make_contact(session, first_name="Жанна", last_name="Petrova", account_id=account.id)
    return make_opportunity(
        session, owner, name="北京公司 roll-out", account_id=account.id, contact_id=contact.id, **kw
    )


def test_a_document_holds_every_value_and_is_kept_as_attachment(
    session: Session, rep: User, files_dir: Path
) -> None:
    deal = _deal(session, rep)
    quote = make_quote(session, deal, valid_until=date(2026, 12, 31), brand="Acme")
    attachment = generate_quote_document(session, rep, quote.id)
    session.commit()
    assert attachment.entity == "opportunity" and attachment.entity_id == deal.id
    assert attachment.quote_id == quote.id and attachment.created_by_id == rep.id
    assert attachment.filename == f"Roll-out offer {utcnow().date().isoformat()}.docx"
    assert stored_files(files_dir) == [files_dir / attachment.storage_key]
    text = docx_text(read_file(attachment.storage_key))
    for value in (
        "شركة الأمل",
        "Hauptstraße 5",
        "10115 Berlin",
        "Germany",
        "DE123456789",
        "Жанна Petrova",
        "北京公司 roll-out",
        "Rita Rep",
        "Roll-out offer",
        "31 Dec 2026",
        "Product 001",
        "Product 003",
        "Rounding",
        "269.50 EUR",
        f"Q-{quote.id:05d}",
    ):
        assert value in text, value
    assert "{{" not in text and "{%" not in text
    history = session.exec(select(Change).where(Change.entity == "opportunity", Change.entity_id == deal.id))
    assert [c.new for c in history if c.field == "quote_document"] == [attachment.filename]


def test_hidden_account_fields_are_not_printed(session: Session, rep: User) -> None:
    session.add(FieldVisibility(entity="account", field="street", roles=["director"], user_ids=[]))
    session.add(FieldVisibility(entity="account", field="vat_no", roles=["director"], user_ids=[]))
    deal = _deal(session, rep)
    quote = make_quote(session, deal)
    text = docx_text(read_file(generate_quote_document(session, rep, quote.id).storage_key))
    assert "Hauptstraße 5" not in text and "DE123456789" not in text
    assert "10115 Berlin" in text


def test_a_user_the_amount_is_hidden_from_gets_no_document(session: Session, rep: User) -> None:
    session.add(FieldVisibility(entity="opportunity", field="amount", roles=["director"], user_ids=[]))
    quote = make_quote(session, _deal(session, rep))
    with pytest.raises(Forbidden):
        generate_quote_document(session, rep, quote.id)


def test_a_hidden_deal_answers_not_found(session: Session, rep: User, admin: User) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    deal = _deal(session, rep)
    quote = make_quote(session, deal)
    attachment = generate_quote_document(session, admin, quote.id)
    session.commit()
    for action in (
        lambda: generate_quote_document(session, limited, quote.id),
        lambda: attachments.list_attachments(session, limited, deal.id),
        lambda: attachments.attachment_content(session, limited, attachment.id),
        lambda: attachments.delete_attachment(session, limited, attachment.id),
    ):
        with pytest.raises(NotFound):
            action()
    with pytest.raises(NotFound):
        generate_quote_document(session, rep, 999_999)


def test_a_locked_deal_still_gets_documents(session: Session, rep: User) -> None:
    quote = make_quote(session, _deal(session, rep, locked=True, status="won"))
    assert generate_quote_document(session, rep, quote.id).size > 0


def test_the_template_is_the_one_asked_for_else_the_books_newest_else_the_default(
    session: Session, admin: User, rep: User
) -> None:
    book = make_book(session)
    deal = _deal(session, rep)
    quote = make_quote(session, deal, price_book_id=book.id)
    text = docx_text(read_file(generate_quote_document(session, rep, quote.id).storage_key))
    assert "Kind regards," in text  # the shipped default
    quote_templates.upload_template(
        session, admin, "Old", "old.docx", docx_with("OLD {{ quote.name }}"), book.id
    )
    quote_templates.upload_template(
        session, admin, "New", "new.docx", docx_with("NEW {{ quote.name }}"), book.id
    )
    general = quote_templates.upload_template(session, admin, "General", "g.docx", docx_with("GENERAL"))
    text = docx_text(read_file(generate_quote_document(session, rep, quote.id).storage_key))
    assert text.startswith("NEW Roll-out offer")
    chosen = generate_quote_document(session, rep, quote.id, template_id=general.id)
    assert docx_text(read_file(chosen.storage_key)).startswith("GENERAL")
    with pytest.raises(ValidationFailed) as caught:
        generate_quote_document(session, rep, quote.id, template_id=424242)
    assert "template_id" in caught.value.fields


def test_attachments_list_download_and_delete(session: Session, rep: User, files_dir: Path) -> None:
    deal = _deal(session, rep)
    quote = make_quote(session, deal)
    first = generate_quote_document(session, rep, quote.id)
    second = generate_quote_document(session, rep, quote.id)
    session.commit()
    page = attachments.list_attachments(session, rep, deal.id)
    assert [a.id for a in page.items] == [second.id, first.id] and page.total == 2
    filename, content_type, data = attachments.attachment_content(session, rep, first.id)
    assert filename == first.filename and content_type.endswith("wordprocessingml.document")
    assert data[:2] == b"PK" and len(data) == first.size
    attachments.delete_attachment(session, rep, first.id)
    assert (files_dir / first.storage_key).exists()  # until the deletion commits
    session.commit()
    assert not (files_dir / first.storage_key).exists()
    assert [a.id for a in attachments.list_attachments(session, rep, deal.id).items] == [second.id]


def test_a_rolled_back_generation_leaves_no_file(session: Session, rep: User, files_dir: Path) -> None:
    quote = make_quote(session, _deal(session, rep))
    session.commit()
    generate_quote_document(session, rep, quote.id)
    assert len(stored_files(files_dir)) == 1
    session.rollback()
    assert stored_files(files_dir) == []
    assert session.exec(select(Attachment)).all() == []


def test_a_rolled_back_deletion_keeps_the_file(session: Session, rep: User, files_dir: Path) -> None:
    quote = make_quote(session, _deal(session, rep))
    attachment = generate_quote_document(session, rep, quote.id)
    session.commit()
    attachments.delete_attachment(session, rep, attachment.id)
    session.rollback()
    assert (files_dir / attachment.storage_key).exists()


def test_deleting_needs_the_right_to_edit_opportunities(session: Session, rep: User) -> None:
    from rxcrm.services.people.permissions import set_permission

    admin = make_user(session, role="admin")
    attachment = generate_quote_document(session, rep, make_quote(session, _deal(session, rep)).id)
    set_permission(session, admin, "rep", "opportunities", "edit", False)
    with pytest.raises(Forbidden):
        attachments.delete_attachment(session, rep, attachment.id)


def test_document_filenames_are_safe() -> None:
    assert document_filename('Offer: "A/B" <2026>', "2026-12-05") == "Offer A B 2026 2026-12-05.docx"
    assert document_filename("..\\..\x00", "2026-12-05") == "Quote 2026-12-05.docx"
    assert document_filename("عرض سعر", "2026-12-05") == "عرض سعر 2026-12-05.docx"


def test_the_default_template_is_installed_once_and_listed_first(session: Session, admin: User) -> None:
    defaults = session.exec(
        select(QuoteTemplate).where(QuoteTemplate.storage_key == quote_templates.DEFAULT_KEY)
    )
    assert len(defaults.all()) == 1
    quote_templates.upload_template(session, admin, "Mine", "mine.docx", docx_with("{{ total }}"))
    names = [t.name for t in quote_templates.list_templates(session, admin).items]
    assert names == [quote_templates.DEFAULT_NAME, "Mine"]
    assert quote_templates.install_default_template(session) is False
