"""Downloads from a page: the event carries a one-minute link the browser fetches, never the bytes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from reflex_base.event import Event
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.commerce.invoices import issue_invoice
from rxcrm.services.records import files
from rxcrm.services.records.downloads import open_download
from rxcrm.ui.commerce.invoice_state import RecordInvoicesState
from rxcrm.ui.records.files import FilesState
from tests.conftest import make_account, make_user
from tests.services.commerce.document_rows import use_files_dir
from tests.services.commerce.sold_deals import sold_deal
from tests.ui_units.logged_in import logged_in_state
from tests.ui_units.test_board_state import _run

pytestmark = pytest.mark.usefixtures("app_database")
PDF = b"%PDF-1.7\n" + os.urandom(100_000)


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def _link(event: object) -> tuple[str, str]:
    """The path a download event sends the browser to, and the file name it saves under."""
    [sent] = Event.from_event_type(event)  # as it goes over the websocket
    assert sent.name == "_download"
    url = sent.payload["url"]
    assert "data:" not in url and "getBackendURL(env.UPLOAD)" in url  # resolved to the backend
    [path] = re.findall(r'new URL\(("[^"]+")', url)
    return json.loads(path), sent.payload["filename"]


def test_a_record_file_is_downloaded_through_a_link_for_the_user(session: Session, rep: User) -> None:
    account = make_account(session, owner_id=rep.id)
    kept = files.upload_file(session, rep, "account", account.id, "Plan ü.pdf", PDF)
    session.commit()
    state = logged_in_state(session, rep, FilesState, "file-download")
    path, filename = _link(_run(state, FilesState.download, str(kept.id)))
    assert filename == "Plan ü.pdf" and path.startswith(f"/api/v1/downloads/{kept.id}.")
    assert open_download(session, path.rsplit("/", 1)[1]).path.read_bytes() == PDF


def test_a_file_the_user_may_not_see_gives_no_link(session: Session, rep: User) -> None:
    owner = make_user(session)
    private = make_account(session, owner_id=owner.id, created_by_id=owner.id, is_private=True)
    hidden = files.upload_file(session, owner, "account", private.id, "secret.txt", b"secret")
    session.commit()
    state = logged_in_state(session, rep, FilesState, "file-hidden")
    refusal = _run(state, FilesState.download, str(hidden.id))
    assert "_download" not in str(refusal) and "not found" in str(refusal)


def test_an_invoice_document_is_downloaded_through_a_link(session: Session) -> None:
    rep = make_user(session)
    invoice = issue_invoice(session, rep, {"opportunity_id": sold_deal(session, rep).id})
    session.commit()
    tab = logged_in_state(session, rep, RecordInvoicesState, "invoice-link")
    download, _toast = _run(tab, RecordInvoicesState.document, str(invoice.id))
    path, filename = _link(download)
    found = open_download(session, path.rsplit("/", 1)[1])
    assert found.filename == filename and filename.startswith(f"Invoice {invoice.number} ")
    assert found.path.read_bytes()[:2] == b"PK"  # a Word document
