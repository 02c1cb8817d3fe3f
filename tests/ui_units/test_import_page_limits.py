"""The CSV import page: login checked before a file is read, files capped, previews off the event loop."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.csv_import import MAX_BYTES
from rxcrm.ui.leads import import_state as lead_import_state
from rxcrm.ui.leads.import_state import LeadImportState
from tests.ui_units.event_loop import run_alone
from tests.ui_units.logged_in import fresh_state, live_token


class FakeFile:
    """An uploaded file that remembers how much was asked of it."""

    def __init__(self, data: bytes, name: str = "leads.csv") -> None:
        self.data, self.name, self.asked = data, name, []

    async def read(self, size: int = -1) -> bytes:
        """The file's bytes, at most `size`."""
        self.asked.append(size)
        return self.data if size < 0 else self.data[:size]


def _page(session: Session, user: User | None) -> LeadImportState:
    token = "import-page-test"
    if user is not None:
        live_token(session, user, token)
    session.commit()
    return fresh_state(LeadImportState, token)


def _upload(page: LeadImportState, file: FakeFile) -> Any:
    return run_alone(LeadImportState.handle_upload.fn(page, [file]))


def test_an_upload_without_a_login_is_refused_before_the_file_is_read(
    app_database: Engine, session: Session
) -> None:
    page = _page(session, None)
    file = FakeFile(b"name,email\nAnn,ann@x.io\n")
    _upload(page, file)
    assert file.asked == [] and page._text == "" and page.header == []


def test_an_upload_reads_at_most_the_cap_and_a_larger_file_is_refused(
    app_database: Engine, session: Session, rep: User
) -> None:
    page = _page(session, rep)
    file = FakeFile(b"name\n" + b"x" * (MAX_BYTES + 10))
    _upload(page, file)
    assert file.asked == [MAX_BYTES + 1]
    assert page._text == "" and page.header == []


def test_the_preview_is_computed_in_a_worker_thread(
    app_database: Engine, session: Session, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = lead_import_state.preview

    def spy(*args: Any) -> dict[str, Any]:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(lead_import_state, "preview", spy)
    page = _page(session, rep)
    _upload(page, FakeFile(b"Name,E-Mail\nAnn,ann@x.io\n"))
    assert page.header == ["Name", "E-Mail"] and page.rows == 1
    assert threads and threads[0] is not threading.main_thread()
