"""The CSV import page's state: the uploaded file, its mapping, preview, report and progress."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.domain.records.csv_import import ACCOUNTS, FIELDS, LEADS, MAX_BYTES, decode_upload
from rxcrm.services.records.imports import import_file, preview
from rxcrm.ui import routes
from rxcrm.ui.actions import OUTCOME_TOAST, acting, failure_toast, success_toast
from rxcrm.ui.form_errors import field_label, field_message
from rxcrm.ui.state import AppState

SKIP_CHOICE = "(skip)"
SKIP_MODE, ALL_MODE = "valid", "all"
ROW, BAD = "__row", "__invalid"  # a preview row's spreadsheet number and verdict, beside its fields
REPORT_LINES = 200
POLL_SECONDS = 0.25


def _run_import(
    token: str,
    kind: str,
    text: str,
    mapping: dict[str, str],
    name: str,
    skip_invalid: bool,
    progress,  # noqa: ANN001
) -> dict:
    """One unit of work in a worker thread: the whole file imported (or its valid rows), or nothing."""
    with acting(token, writer=True) as (session, user):
        return import_file(session, user, kind, text, mapping, name, progress, skip_invalid).as_dict()


def _check_login(token: str) -> None:
    """An upload from someone not logged in is refused before the file is read."""
    with acting(token):
        pass


def _preview(token: str, kind: str, text: str, mapping: dict[str, str] | None) -> dict[str, Any]:
    """The file's preview, computed in a worker thread."""
    with acting(token) as (session, user):
        return preview(session, user, kind, text, mapping)


def _worded(lines: list[dict[str, str]]) -> list[dict[str, str]]:
    """Report lines with the field's label and the problem as a sentence, as the forms word them."""
    return [
        {**line, "field": field_label(key), "message": field_message(key, line["message"])}
        for line in lines
        for key in (line["field"],)
    ]


class LeadImportState(AppState):
    """Import leads or accounts from a CSV file."""

    kind: str = LEADS
    filename: str = ""
    header: list[str] = []
    mapping: dict[str, str] = {}
    sample: list[dict[str, str]] = []
    sample_fields: list[str] = []
    report: list[dict[str, str]] = []
    rows: int = 0
    invalid: int = 0
    skip_invalid: bool = False
    problem: str = ""
    importing: bool = False
    progress: int = 0
    result: str = ""
    _text: str = ""

    @rx.var
    def field_choices(self) -> list[str]:
        """What a column can be imported as."""
        return [SKIP_CHOICE, *FIELDS[self.kind]]

    @rx.var
    def can_import(self) -> bool:
        """A file is loaded, every row is valid (or the valid ones may go alone) and no import is running."""
        rows_ok = self.invalid == 0 or (self.skip_invalid and self.invalid < self.rows)
        return bool(self.header) and rows_ok and not self.problem and not self.importing

    @rx.var
    def back_link(self) -> dict[str, str]:
        """Where the page leads back to: the list of what is being imported."""
        if self.kind == ACCOUNTS:
            return {"href": routes.ACCOUNTS, "label": "Back to accounts"}
        return {"href": routes.LEADS, "label": "Back to leads"}

    @rx.event
    def load(self):
        """Open the page fresh; `?kind=accounts` (from the accounts list) preselects accounts."""
        self.kind = ACCOUNTS if self.router.url.query_parameters.get("kind") == ACCOUNTS else LEADS
        self._text, self.filename, self.header, self.sample, self.report = "", "", [], [], []
        self.rows, self.invalid, self.problem, self.result, self.progress = 0, 0, "", "", 0
        self.skip_invalid = False

    @rx.event
    def set_import_mode(self, mode: str | list[str]):
        """'valid': import the valid rows and skip the rest; 'all': all or nothing."""
        self.skip_invalid = mode == SKIP_MODE

    @rx.event
    async def set_kind(self, kind: str | list[str]):
        """Switch between importing leads and accounts; the mapping is suggested afresh."""
        self.kind = ACCOUNTS if kind == ACCOUNTS else LEADS
        return await self._refresh(suggest=True)

    @rx.event
    async def handle_upload(self, files: list[rx.UploadFile]):
        """Check the login, then read the chosen file (at most MAX_BYTES) and show its preview."""
        if not files:
            return None
        try:
            await asyncio.to_thread(_check_login, self.token)
            data = await files[0].read(MAX_BYTES + 1)
            self._text = await asyncio.to_thread(decode_upload, data)
        except DomainError as exc:
            return failure_toast(exc)
        self.filename = files[0].name or "upload.csv"
        return await self._refresh(suggest=True)

    @rx.event
    async def set_column(self, column: str, field: str):
        """Import one column as another field (or skip it)."""
        self.mapping = {**self.mapping, column: field}
        return await self._refresh(suggest=False)

    def _chosen_mapping(self) -> dict[str, str]:
        return {c: ("" if f == SKIP_CHOICE else f) for c, f in self.mapping.items()}

    async def _refresh(self, suggest: bool):
        """Preview the file in a worker thread: a big or hostile file never stalls the event loop."""
        self.result, self.progress = "", 0
        if not self._text:
            return None
        mapping = None if suggest else self._chosen_mapping()
        try:
            answer = await asyncio.to_thread(_preview, self.token, self.kind, self._text, mapping)
        except DomainError as exc:
            self.problem, self.sample, self.report = exc.message, [], []
            return failure_toast(exc) if suggest else None
        self._show(answer)
        return None

    def _show(self, answer: dict[str, Any]) -> None:
        self.problem = ""
        self.header = answer["header"]
        self.mapping = {c: f or SKIP_CHOICE for c, f in answer["mapping"].items()}
        self.sample_fields = [f for f in self.mapping.values() if f != SKIP_CHOICE]
        self.sample = [
            {f: r.get(f, "") for f in self.sample_fields} | {ROW: str(r["row"]), BAD: "yes" * r["invalid"]}
            for r in answer["sample"]
        ]
        self.report = _worded(answer["report"][:REPORT_LINES])
        self.rows, self.invalid = answer["rows"], answer["invalid"]

    @rx.event(background=True)
    async def run_import(self):
        """Import the whole file in a worker thread; the progress bar moves per written chunk."""
        async with self:
            if not self.can_import:
                return None
            self.importing, self.progress, self.result = True, 0, ""
            job = (self.token, self.kind, self._text, self._chosen_mapping(), self.filename)
            job += (self.skip_invalid,)
        done = {"rows": 0, "total": 1}
        task = asyncio.ensure_future(
            asyncio.to_thread(_run_import, *job, lambda n, total: done.update(rows=n, total=total))
        )
        while not task.done():
            await asyncio.wait({task}, timeout=POLL_SECONDS)
            async with self:
                self.progress = min(100, 100 * done["rows"] // max(done["total"], 1))
        async with self:
            self.importing = False
            try:
                return self._finish(task.result())
            except DomainError as exc:
                return failure_toast(exc)

    def _finish(self, answer: dict[str, Any]):
        if not answer["ok"]:
            self.report, self.invalid = _worded(answer["report"][:REPORT_LINES]), answer["invalid"]
            refused = f"{answer['invalid']} rows are invalid; nothing was imported."
            return rx.toast.error(refused, id=OUTCOME_TOAST)
        self.progress = 100
        self.result = f"{answer['imported']} imported"
        if answer["skipped"]:
            self.result += f", {answer['skipped']} invalid rows skipped"
        if answer["kind"] == LEADS:
            self.result += f", {answer['duplicates']} duplicates found, {answer['routed']} routed"
        self._text, self.header, self.sample, self.report = "", [], [], []
        return success_toast(f"{self.filename}: {self.result}.")
