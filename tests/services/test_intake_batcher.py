"""Group commit of the lead intake: requests written together still each get their own answer."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Lead
from rxcrm.db.session import unit_of_work
from rxcrm.domain.errors import Unauthorized, ValidationFailed
from rxcrm.services.leads import intake_batcher
from rxcrm.services.leads.intake_batcher import IntakeBatcher, IntakeJob, submit_intake
from rxcrm.services.settings.api_keys import create_api_key
from tests.conftest import make_user


@pytest.fixture
def key(shared_engine: Engine) -> str:
    """A working API key."""
    with Session(shared_engine) as session:
        _, clear = create_api_key(session, make_user(session, role="admin"), "Form")
        session.commit()
    return clear


def opener_for(engine: Engine):  # noqa: ANN201 - a UnitOpener
    """How the batcher opens its unit of work on this database."""

    def opener() -> AbstractContextManager[Session]:
        return unit_of_work(engine)

    return opener


def names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(lead.name for lead in session.exec(select(Lead)).all())


def test_jobs_waiting_together_are_written_in_one_group_each_with_its_own_answer(
    shared_engine: Engine, key: str
) -> None:
    batcher = IntakeBatcher(opener_for(shared_engine))
    jobs = [
        IntakeJob(key, [{"name": "A"}]),
        IntakeJob("rxk_wrong", [{"name": "B"}]),
        IntakeJob(key, [{"name": "C"}, {"name": "D"}]),
        IntakeJob(key, [{"name": "E", "campaign_id": 42}]),
    ]
    batcher.write_group(jobs)
    assert [len(j.result or []) for j in jobs] == [1, 0, 2, 0]
    assert isinstance(jobs[1].error, Unauthorized)
    assert isinstance(jobs[3].error, ValidationFailed) and "campaign_id" in jobs[3].error.fields
    assert names(shared_engine) == ["A", "C", "D"]
    ids = [r["id"] for j in (jobs[0], jobs[2]) for r in j.result]
    assert len(set(ids)) == 3


def test_when_the_shared_transaction_fails_each_request_is_retried_alone(
    shared_engine: Engine, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = intake_batcher.store_rows

    def breaks_on_boom(session, rows, by_id, origin):  # noqa: ANN001, ANN202 - same signature as store_rows
        if any(row["name"] == "boom" for row in rows):
            raise RuntimeError("disk full")
        return real(session, rows, by_id, origin)

    monkeypatch.setattr(intake_batcher, "store_rows", breaks_on_boom)
    batcher = IntakeBatcher(opener_for(shared_engine))
    jobs = [
        IntakeJob(key, [{"name": "ok 1"}]),
        IntakeJob(key, [{"name": "boom"}]),
        IntakeJob(key, [{"name": "ok 2"}]),
    ]
    batcher.write_group(jobs)
    assert jobs[0].result and jobs[2].result
    assert isinstance(jobs[1].error, RuntimeError)
    assert names(shared_engine) == ["ok 1", "ok 2"]


def test_requests_arriving_together_share_groups_and_all_get_their_leads(
    shared_engine: Engine, key: str
) -> None:
    opener = opener_for(shared_engine)
    groups: list[int] = []
    real_write = IntakeBatcher.write_group

    def counting(self: IntakeBatcher, group: list[IntakeJob]) -> None:
        groups.append(len(group))
        real_write(self, group)

    async def main() -> list[list[dict]]:
        return await asyncio.gather(*(submit_intake(opener, key, [{"name": f"L{n:03d}"}]) for n in range(60)))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(IntakeBatcher, "write_group", counting)
        with ThreadPoolExecutor(1) as pool:  # a loop of its own, whatever runs in the main thread
            answers = pool.submit(asyncio.run, main()).result()
    assert len({a[0]["id"] for a in answers}) == 60
    assert names(shared_engine) == [f"L{n:03d}" for n in range(60)]
    assert sum(groups) == 60 and len(groups) < 60
