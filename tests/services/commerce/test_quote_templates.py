"""Uploading and deleting quote templates: who may, what is refused, and that nothing is half-stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import QuoteTemplate, User
from rxcrm.domain.errors import Conflict, Forbidden, ValidationFailed
from rxcrm.services.commerce import quote_templates
from rxcrm.services.commerce.file_store import read_file
from tests.documents.samples import docx_with
from tests.services.commerce.document_rows import stored_files, use_files_dir
from tests.services.commerce.quote_rows import make_book


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _uploaded(session: Session) -> list[QuoteTemplate]:
    rows = session.exec(select(QuoteTemplate)).all()
    return [t for t in rows if not quote_templates.is_default(t)]


def test_an_admin_uploads_a_template_for_a_price_book(session: Session, admin: User, files_dir: Path) -> None:
    book = make_book(session)
    data = docx_with("{{ account.name }}")
    template = quote_templates.upload_template(
        session, admin, " Brand A ", "C:\\docs\\Brand A.docx", data, book.id
    )
    session.commit()
    assert (template.name, template.filename, template.price_book_id) == ("Brand A", "Brand A.docx", book.id)
    assert template.size == len(data) and read_file(template.storage_key) == data
    assert stored_files(files_dir) == [files_dir / template.storage_key]
    listed = quote_templates.list_templates(session, admin, book.id).items
    assert [t.id for t in listed][1:] == [template.id]
    rows = quote_templates.template_rows(session, listed)
    assert [(r["name"], r["price_book"], r["default"]) for r in rows] == [
        ("Default quote", "All price books", "yes"),
        ("Brand A", book.name, ""),
    ]
    assert rows[1]["size"].endswith(" KB") and rows[0]["created"] == "ships with rxcrm"
    other = make_book(session)
    assert [t.id for t in quote_templates.list_templates(session, admin, other.id).items][1:] == []


def test_an_unknown_token_is_refused_by_name_and_nothing_is_stored(
    session: Session, admin: User, files_dir: Path
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        quote_templates.upload_template(session, admin, "Bad", "bad.docx", docx_with("{{ acount.name }}"))
    assert "acount.name" in caught.value.fields["file"] and "acount.name" in caught.value.message
    session.rollback()
    assert _uploaded(session) == [] and stored_files(files_dir) == []


@pytest.mark.parametrize(
    ("name", "filename", "field"),
    [("", "a.docx", "name"), ("A", "a.pdf", "file"), ("A", None, "file"), ("x" * 201, "a.docx", "name")],
)
def test_bad_uploads_name_the_field(
    session: Session, admin: User, name: str, filename: str | None, field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        quote_templates.upload_template(session, admin, name, filename, docx_with("x"))
    assert field in caught.value.fields
    assert _uploaded(session) == []


def test_an_unknown_price_book_is_refused(session: Session, admin: User) -> None:
    with pytest.raises(ValidationFailed) as caught:
        quote_templates.upload_template(session, admin, "A", "a.docx", docx_with("x"), 987654)
    assert "price_book_id" in caught.value.fields


def test_a_rep_may_not_upload_or_delete_but_lists(session: Session, admin: User, rep: User) -> None:
    template = quote_templates.upload_template(session, admin, "A", "a.docx", docx_with("x"))
    with pytest.raises(Forbidden):
        quote_templates.upload_template(session, rep, "B", "b.docx", docx_with("x"))
    with pytest.raises(Forbidden):
        quote_templates.delete_template(session, rep, template.id)
    assert len(quote_templates.list_templates(session, rep).items) == 2


def test_deleting_removes_the_file_after_commit_and_the_default_stays(
    session: Session, admin: User, files_dir: Path
) -> None:
    template = quote_templates.upload_template(session, admin, "A", "a.docx", docx_with("x"))
    session.commit()
    quote_templates.delete_template(session, admin, template.id)
    session.commit()
    assert _uploaded(session) == [] and stored_files(files_dir) == []
    default = quote_templates.list_templates(session, admin).items[0]
    with pytest.raises(Conflict):
        quote_templates.delete_template(session, admin, default.id)


def test_the_default_template_can_be_downloaded(session: Session, rep: User) -> None:
    default = quote_templates.list_templates(session, rep).items[0]
    filename, data = quote_templates.template_content(session, rep, default.id)
    assert filename == "default_quote.docx" and data[:2] == b"PK"


def test_the_token_list_names_each_token_with_its_meaning() -> None:
    tokens = dict(quote_templates.tokens())
    assert {
        "{{ account.name }}",
        "{{ account.street }}",
        "{{ total }}",
        "{{ today }}",
        "{{ item.name }}",
    } <= set(tokens)
    assert all(meaning for meaning in tokens.values())
