"""Download links to stored files: made only for what the user sees, checked again when used."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session

from rxcrm.db.models import Account, User
from rxcrm.domain.errors import NotFound
from rxcrm.domain.records.download_links import LIFETIME_S
from rxcrm.services.records import downloads, files
from rxcrm.services.records.downloads import SECRET_FILE, download_link, link_secret, open_download
from tests.conftest import make_account, make_user
from tests.services.commerce.document_rows import private_file, use_files_dir

PDF = b"%PDF-1.7\n" + os.urandom(200_000)


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files (and the link secret) in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _token(path: str) -> str:
    assert path.startswith("/api/v1/downloads/")
    return path.rsplit("/", 1)[1]


def _shared_file(session: Session, rep: User) -> tuple[Account, int]:
    account = make_account(session, owner_id=rep.id)
    kept = files.upload_file(session, rep, "account", account.id, "Angebot Müller.pdf", PDF)
    session.commit()
    return account, kept.id


def test_a_link_leads_to_the_same_bytes_for_one_minute(session: Session, rep: User) -> None:
    _, file_id = _shared_file(session, rep)
    now = time.time()
    link = download_link(session, rep, "attachment", file_id, now=now)
    assert link.filename == "Angebot Müller.pdf" and link.path.split("/")[-1].startswith(f"{file_id}.")
    found = open_download(session, _token(link.path), now=now + LIFETIME_S - 1)
    assert (found.filename, found.content_type) == ("Angebot Müller.pdf", "application/pdf")
    assert found.path.read_bytes() == PDF
    with pytest.raises(NotFound, match="expired"):
        open_download(session, _token(link.path), now=now + LIFETIME_S)


def test_no_link_is_made_for_a_file_the_user_cannot_see(session: Session, rep: User) -> None:
    _, hidden = private_file(session)
    with pytest.raises(NotFound):
        download_link(session, rep, "attachment", hidden.id)
    with pytest.raises(NotFound):
        download_link(session, rep, "attachment", 999_999)


def test_a_user_who_lost_the_record_since_gets_not_found(session: Session, rep: User) -> None:
    account, file_id = _shared_file(session, rep)
    token = _token(download_link(session, rep, "attachment", file_id).path)
    other = make_user(session)
    account.owner_id, account.created_by_id, account.is_private = other.id, other.id, True
    session.add(account)
    session.commit()
    with pytest.raises(NotFound, match=f"attachment {file_id} not found"):
        open_download(session, token)
    assert open_download(session, _token(download_link(session, other, "attachment", file_id).path))


def test_a_deactivated_user_or_a_deleted_file_gets_not_found(session: Session, rep: User) -> None:
    _, file_id = _shared_file(session, rep)
    colleague = make_user(session)
    session.commit()
    kept, gone = (_token(download_link(session, u, "attachment", file_id).path) for u in (rep, colleague))
    colleague.active = False
    session.add(colleague)
    session.commit()
    with pytest.raises(NotFound):
        open_download(session, gone)
    files.delete_file(session, rep, file_id)
    session.commit()
    with pytest.raises(NotFound):
        open_download(session, kept)


def test_the_secret_is_made_once_readable_by_the_server_only_and_a_new_one_voids_old_links(
    session: Session, rep: User, files_dir: Path
) -> None:
    _, file_id = _shared_file(session, rep)
    assert not (files_dir / SECRET_FILE).exists()
    token = _token(download_link(session, rep, "attachment", file_id).path)
    kept = files_dir / SECRET_FILE
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and len(bytes.fromhex(kept.read_text())) == 32
    assert link_secret() == link_secret() and open_download(session, token)
    kept.unlink()
    with pytest.raises(NotFound):
        open_download(session, token)


def test_backends_starting_at_once_agree_on_one_secret(files_dir: Path) -> None:
    made: list[bytes] = []
    start = threading.Barrier(8)

    def make() -> None:
        start.wait()
        made.append(downloads.link_secret())

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(made)) == 1 and len(made) == 8
    assert [p.name for p in (files_dir / SECRET_FILE).parent.iterdir()] == [SECRET_FILE.name]
