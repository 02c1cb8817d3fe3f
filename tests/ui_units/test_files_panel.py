"""The Files tab: an upload needs a login before the file is read, is capped, and moves a progress bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Attachment, User
from rxcrm.ui.records.files import NO_UPLOAD, FilesState
from tests.conftest import make_account
from tests.services.commerce.document_rows import use_files_dir
from tests.ui_units.event_loop import run_alone
from tests.ui_units.logged_in import fresh_state, live_token
from tests.ui_units.test_import_page_limits import FakeFile


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    monkeypatch.setenv("RXCRM_MAX_UPLOAD_MB", "1")
    return use_files_dir(tmp_path, monkeypatch)


def _panel(session: Session, user: User | None) -> FilesState:
    account = make_account(session, owner_id=user.id if user else None)
    token = "files-panel-test"
    if user is not None:
        live_token(session, user, token)
    session.commit()
    panel = fresh_state(FilesState, token)
    panel.entity, panel.record_id = "account", account.id
    return panel


def _upload(panel: FilesState, file: FakeFile) -> object:
    return run_alone(FilesState.upload.fn(panel, [file]))


def test_an_upload_is_kept_on_the_record(app_database: Engine, session: Session, rep: User) -> None:
    panel = _panel(session, rep)
    panel.progress = 40
    _upload(panel, FakeFile(b"%PDF-1.4 plan", "plan.pdf"))
    assert panel.progress == NO_UPLOAD
    kept = session.exec(select(Attachment)).one()
    assert (kept.entity, kept.entity_id, kept.filename) == ("account", panel.record_id, "plan.pdf")
    assert kept.content_type == "application/pdf"


def test_an_upload_without_a_login_is_refused_before_the_file_is_read(
    app_database: Engine, session: Session
) -> None:
    panel = _panel(session, None)
    file = FakeFile(b"secret")
    _upload(panel, file)
    assert file.asked == [] and session.exec(select(Attachment)).all() == []


def test_an_upload_reads_at_most_the_limit_and_a_larger_file_is_refused(
    app_database: Engine, session: Session, rep: User
) -> None:
    panel = _panel(session, rep)
    file = FakeFile(b"x" * (2**20 + 100))
    _upload(panel, file)
    assert file.asked == [2**20 + 1]
    assert session.exec(select(Attachment)).all() == []


def test_the_progress_bar_follows_the_upload_and_goes_once_it_is_sent() -> None:
    panel = fresh_state(FilesState, "files-progress")
    FilesState.upload_progress.fn(panel, {"loaded": 30, "total": 100, "progress": 0.3})
    assert panel.progress == 30
    FilesState.upload_progress.fn(panel, {"loaded": 100, "total": 100, "progress": 1})
    assert panel.progress == NO_UPLOAD


def test_a_file_the_browser_refused_is_named_with_the_reason() -> None:
    panel = fresh_state(FilesState, "files-refused")
    panel.limit_text = "25 MB"
    toast = FilesState.refuse_files.fn(
        panel, [{"file": {"path": "./big.iso"}, "errors": [{"code": "file-too-large"}]}]
    )
    assert "big.iso is larger than 25 MB" in str(toast)
