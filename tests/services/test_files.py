"""Files on records: the size limit, sniffed types, access (404), records taking their files along."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Attachment, Change, User
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.accounts import anonymize_account, delete_account
from rxcrm.services.accounts.contacts import anonymize_contact, delete_contact
from rxcrm.services.commerce.price_books import delete_price_book
from rxcrm.services.leads.lifecycle import anonymize_lead, delete_lead
from rxcrm.services.leads.merging import merge_duplicate
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.pipeline.opportunities import delete_opportunity
from rxcrm.services.records import files
from tests.conftest import make_account, make_contact, make_lead, make_opportunity, make_partner, make_user
from tests.services.commerce.document_rows import private_file, stored_files, use_files_dir
from tests.services.commerce.quote_rows import make_book

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def records_of_every_kind(session: Session, rep: User) -> dict[str, int]:
    """One account, contact, deal, lead (owned by `rep`) and price book: their ids by entity."""
    account = make_account(session, owner_id=rep.id)
    return {
        "account": account.id,
        "contact": make_contact(session, owner_id=rep.id, account_id=account.id).id,
        "opportunity": make_opportunity(session, rep, account_id=account.id).id,
        "lead": make_lead(session, owner_id=rep.id).id,
        "price_book": make_book(session).id,
    }


def test_every_kind_of_record_keeps_files(session: Session, rep: User, admin: User, files_dir: Path) -> None:
    for entity, record_id in records_of_every_kind(session, rep).items():
        author = admin if entity == "price_book" else rep  # a rep may only look at price books
        kept = files.upload_file(session, author, entity, record_id, "../Offer <v2>.pdf", PDF)
        session.commit()
        assert (kept.filename, kept.content_type) == ("Offer _v2_.pdf", "application/pdf")
        assert kept.size == len(PDF)
        assert kept.storage_key.endswith(".pdf") and (files_dir / kept.storage_key).read_bytes() == PDF
        page = files.list_files(session, rep, entity, record_id)
        assert [a.id for a in page.items] == [kept.id]
        assert files.file_content(session, rep, kept.id) == ("Offer _v2_.pdf", "application/pdf", PDF)
        history = session.exec(select(Change).where(Change.entity == entity, Change.field == "file")).all()
        assert [(c.entity_id, c.new) for c in history] == [(record_id, "Offer _v2_.pdf")]


def test_the_client_never_names_the_type(session: Session, rep: User) -> None:
    account = make_account(session, owner_id=rep.id)
    page = files.upload_file(session, rep, "account", account.id, "invoice.pdf", b"<html><script>x</script>")
    tool = files.upload_file(session, rep, "account", account.id, "tool.exe", b"MZ\x90\x00rest")
    assert page.content_type == tool.content_type == "application/octet-stream"
    assert page.storage_key.endswith(".bin")


def test_the_size_limit_is_configurable(session: Session, rep: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from rxcrm.settings import deployment

    account = make_account(session, owner_id=rep.id)
    monkeypatch.setenv("RXCRM_MAX_UPLOAD_MB", "1")
    deployment.cache_clear()
    files.upload_file(session, rep, "account", account.id, "ok.txt", b"x" * 2**20)
    with pytest.raises(ValidationFailed) as refused:
        files.upload_file(session, rep, "account", account.id, "big.txt", b"x" * (2**20 + 1))
    assert refused.value.fields == {"file": "the file is larger than 1 MB"}
    with pytest.raises(ValidationFailed):
        files.upload_file(session, rep, "account", account.id, "empty.txt", b"")
    monkeypatch.setenv("RXCRM_MAX_UPLOAD_MB", "lots")
    deployment.cache_clear()
    with pytest.raises(ValueError, match="RXCRM_MAX_UPLOAD_MB"):
        deployment()
    monkeypatch.delenv("RXCRM_MAX_UPLOAD_MB")
    deployment.cache_clear()
    assert files.upload_limit() == 25 * 2**20


def test_a_file_of_another_reps_private_account_is_not_found(session: Session, rep: User) -> None:
    private, kept = private_file(session)
    with pytest.raises(NotFound):
        files.list_files(session, rep, "account", private.id)
    for attempt in (files.get_file, files.file_content, files.delete_file):
        with pytest.raises(NotFound):
            attempt(session, rep, kept.id)
    with pytest.raises(NotFound):
        files.upload_file(session, rep, "account", private.id, "x.txt", b"x")
    assert session.get(Attachment, kept.id) is not None


def test_a_partner_user_sees_only_the_files_of_the_partners_world(
    session: Session, rep: User, admin: User
) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    own = make_account(session, partner_id=ours.id)
    foreign = make_account(session, partner_id=theirs.id)
    book = make_book(session)
    mine = files.upload_file(session, person, "account", own.id, "ours.txt", b"ours")
    hidden = files.upload_file(session, rep, "account", foreign.id, "theirs.txt", b"theirs")
    price_list = files.upload_file(session, admin, "price_book", book.id, "list.txt", b"prices")
    session.commit()
    assert files.file_content(session, person, mine.id)[2] == b"ours"
    for kept in (hidden, price_list):
        with pytest.raises(NotFound):
            files.file_content(session, person, kept.id)
    with pytest.raises(NotFound):
        files.list_files(session, person, "price_book", book.id)


def test_changing_files_needs_the_right_to_edit_the_record(session: Session, rep: User) -> None:
    admin = make_user(session, role="admin")
    book = make_book(session)
    with pytest.raises(Forbidden):
        files.upload_file(session, rep, "price_book", book.id, "list.txt", b"prices")
    kept = files.upload_file(session, admin, "price_book", book.id, "list.txt", b"prices")
    with pytest.raises(Forbidden):
        files.delete_file(session, rep, kept.id)
    set_permission(session, admin, "rep", "price_books", "edit", True)
    files.delete_file(session, rep, kept.id)
    assert session.get(Attachment, kept.id) is None


DELETIONS = {
    "account": delete_account,
    "contact": delete_contact,
    "opportunity": delete_opportunity,
    "lead": delete_lead,
    "price_book": delete_price_book,
}


@pytest.mark.parametrize("entity", list(DELETIONS))
def test_deleting_a_record_removes_its_files_from_disk(
    session: Session, rep: User, files_dir: Path, entity: str
) -> None:
    admin = make_user(session, role="admin")
    records = records_of_every_kind(session, rep)
    gone = files.upload_file(session, admin, entity, records[entity], "a.txt", b"a")
    other = "account" if entity != "account" else "lead"
    kept = files.upload_file(session, admin, other, records[other], "b.txt", b"b")
    session.commit()
    if entity == "account":
        for dependent in ("contact", "opportunity"):
            DELETIONS[dependent](session, admin, records[dependent])
    DELETIONS[entity](session, admin, records[entity])
    assert (files_dir / gone.storage_key).exists()  # until the deletion commits
    session.commit()
    assert stored_files(files_dir) == [files_dir / kept.storage_key]
    assert session.exec(select(Attachment.id)).all() == [kept.id]


def test_a_rolled_back_deletion_keeps_the_files(session: Session, rep: User, files_dir: Path) -> None:
    lead = make_lead(session, owner_id=rep.id)
    kept = files.upload_file(session, rep, "lead", lead.id, "a.txt", b"a")
    session.commit()
    delete_lead(session, rep, lead.id)
    session.rollback()
    assert (files_dir / kept.storage_key).exists() and session.get(Attachment, kept.id) is not None


@pytest.mark.parametrize(
    ("entity", "anonymize"),
    [("lead", anonymize_lead), ("contact", anonymize_contact), ("account", anonymize_account)],
)
def test_anonymizing_removes_the_persons_files(
    session: Session, rep: User, files_dir: Path, entity: str, anonymize
) -> None:  # noqa: ANN001
    record = {
        "lead": lambda: make_lead(session, owner_id=rep.id, name="Eva Example"),
        "contact": lambda: make_contact(session, owner_id=rep.id, first_name="Eva", last_name="Example"),
        "account": lambda: make_account(
            session, owner_id=rep.id, type="person", first_name="Eva", last_name="Example", name="Eva Example"
        ),
    }[entity]()
    files.upload_file(session, rep, entity, record.id, "passport.jpg", b"\xff\xd8\xff\xe0 Eva")
    session.commit()
    anonymize(session, rep, record.id)
    session.commit()
    assert stored_files(files_dir) == [] and session.exec(select(Attachment)).all() == []


def test_rows_for_the_files_tab(session: Session, rep: User) -> None:
    account = make_account(session, owner_id=rep.id)
    kept = files.upload_file(session, rep, "account", account.id, "notes.txt", b"x" * 2048)
    [row] = files.file_rows(session, [kept])
    assert row["filename"] == "notes.txt" and row["size"] == "2 KB" and row["by"] == rep.name
    assert row["type"] == "text/plain" and row["id"] == str(kept.id)


def test_merging_a_duplicate_lead_hands_its_files_to_the_original(session: Session, rep: User) -> None:
    original = make_lead(session, owner_id=rep.id, name="Anna Berg")
    duplicate = make_lead(session, owner_id=rep.id, name="A. Berg", duplicate_of_id=original.id)
    kept = files.upload_file(session, rep, "lead", duplicate.id, "brief.txt", b"brief")
    session.commit()
    merge_duplicate(session, rep, duplicate.id)
    session.commit()
    assert [a.id for a in files.list_files(session, rep, "lead", original.id).items] == [kept.id]
