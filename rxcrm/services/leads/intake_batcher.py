"""Group commit for the lead intake: concurrent requests share one unit of work.

Each request's leads are validated as it arrives; then the requests waiting at the same moment
are written together: one write lock, one duplicate lookup per key kind, one routing pass and one
commit for all of them. Under load a group holds as many requests as arrived while the previous
group was being written, so the per-transaction cost is shared; alone, a request is written at once.

Every request still gets its own answer: a wrong key, a spent rate limit or a missing campaign
fails only that request. Should the shared transaction fail, each request is retried alone.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread
from sqlmodel import Session

from rxcrm.db.session import writer_turn
from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.services.leads.intake import check_references, lead_rows, store_rows
from rxcrm.services.leads.intake_rate_limit import intake_budgets
from rxcrm.services.settings.api_keys import key_for_request
from rxcrm.services.settings.toggles import current_settings

log = logging.getLogger(__name__)
UnitOpener = Callable[[], AbstractContextManager[Session]]


class RateLimited(DomainError):
    """The key sent more requests in the last minute than the admin allows."""

    code = "rate_limited"

    def __init__(self, wait: int) -> None:
        super().__init__(f"Too many requests; retry in {wait} s.")
        self.wait = wait


@dataclass
class IntakeJob:
    """One intake request: its key, its validated leads, and (once written) its answer or error."""

    api_key: str | None
    leads: list[dict[str, Any]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    origin: str = ""
    result: list[dict[str, Any]] | None = None
    error: BaseException | None = None

    def __post_init__(self) -> None:
        """Build the table rows while the request waits (off the writer's critical path)."""
        if not self.rows:
            self.rows = lead_rows(self.leads, None)


class IntakeBatcher:
    """Writes intake requests in groups (see the module docstring); one per database and event loop."""

    def __init__(self, opener: UnitOpener) -> None:
        self._opener = opener
        self._pending: list[tuple[IntakeJob, asyncio.Future[IntakeJob]]] = []
        self._writing = False

    async def submit(self, job: IntakeJob) -> IntakeJob:
        """Wait until the job is written with the group it joined; returns it filled in.

        Requests only wait on the event loop; the group's database work runs in one worker thread,
        so a group of N requests costs one thread hand-over, not N.
        """
        future: asyncio.Future[IntakeJob] = asyncio.get_running_loop().create_future()
        self._pending.append((job, future))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._pending:
                group, self._pending = self._pending, []
                jobs = [job for job, _ in group]
                try:
                    await to_thread.run_sync(self.write_group, jobs)
                except BaseException as exc:  # noqa: BLE001 - handed to every waiting request
                    for job in jobs:
                        job.error = job.error or exc
                for job, future in group:
                    if not future.done():
                        future.set_result(job)
        finally:
            self._writing = False

    def write_group(self, group: list[IntakeJob]) -> None:
        """Write the group in one unit of work; if that fails, each request alone (in the calling thread)."""
        self._write(group)

    def _write(self, group: list[IntakeJob]) -> None:
        try:
            self._write_together(group)
        except Exception as exc:  # the shared unit failed: retry each request alone so only the culprit fails
            if len(group) == 1:
                group[0].error = exc
                return
            log.warning("grouped intake failed (%s); writing %d requests one by one", exc, len(group))
            for job in group:
                job.error, job.rows = (
                    None,
                    lead_rows(job.leads, None),
                )  # fresh rows: the failed try filled ids in
                self._write([job])

    def _write_together(self, group: list[IntakeJob]) -> None:
        with writer_turn(), self._opener() as session:
            keys: dict[str | None, Any] = {}
            admitted = [job for job in group if self._admit(session, job, keys)]
            by_origin: dict[str, list[IntakeJob]] = {}
            for job in admitted:
                by_origin.setdefault(job.origin, []).append(job)
            for origin, jobs in by_origin.items():
                answers = store_rows(session, [row for job in jobs for row in job.rows], None, origin)
                for job in jobs:
                    job.result, answers = answers[: len(job.rows)], answers[len(job.rows) :]

    def _admit(self, session: Session, job: IntakeJob, keys: dict[str | None, Any]) -> bool:
        """Check the key (once per group), the rate limit and the references; a refusal fails this job."""
        try:
            if job.api_key not in keys:
                keys[job.api_key] = key_for_request(session, job.api_key)
            key = keys[job.api_key]
            limit = current_settings(session)["intake_rate_limit_per_minute"]
            wait = intake_budgets().take(key.key_hash, limit)
            if wait:
                raise RateLimited(wait)
            check_references(session, job.leads)
        except DomainError as exc:
            job.error = exc
            return False
        job.origin = f"intake: {key.name}"
        return True


_batchers: weakref.WeakKeyDictionary[Any, dict[Any, IntakeBatcher]] = weakref.WeakKeyDictionary()
_batchers_lock = threading.Lock()


def batcher_for(opener: UnitOpener) -> IntakeBatcher:
    """The batcher of this event loop for a way of opening units of work (one per database)."""
    loop = asyncio.get_running_loop()
    with _batchers_lock:
        per_loop = _batchers.setdefault(opener, {})
        batcher = per_loop.get(loop)
        if batcher is None:
            batcher = per_loop[loop] = IntakeBatcher(opener)
        return batcher


async def submit_intake(
    opener: UnitOpener, api_key: str | None, leads: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Write one request's validated leads (grouped with concurrent requests); raise its own error."""
    if not leads:
        raise ValidationFailed.from_fields({"leads": "send at least one lead"})
    job = await batcher_for(opener).submit(IntakeJob(api_key, leads))
    if job.error is not None:
        raise job.error
    assert job.result is not None
    return job.result
