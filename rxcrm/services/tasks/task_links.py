"""A task's linked accounts: stored in order, read for many tasks at once, checked when linked anew."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, delete, select

from rxcrm.db.models import Account, TaskAccount, User
from rxcrm.domain.records.validation import FieldErrors
from rxcrm.services.people.access import visible


def linked_accounts(session: Session, task_ids: Iterable[int]) -> dict[int, list[int]]:
    """For each task, its linked account ids in order (the primary first)."""
    ids = sorted(set(task_ids))
    links: dict[int, list[int]] = {i: [] for i in ids}
    if not ids:
        return links
    rows = session.exec(
        select(TaskAccount.task_id, TaskAccount.account_id)
        .where(TaskAccount.task_id.in_(ids))
        .order_by(TaskAccount.task_id, TaskAccount.position, TaskAccount.account_id)
    ).all()
    for task_id, account_id in rows:
        links[task_id].append(account_id)
    return links


def account_ids_of(session: Session, task_id: int) -> list[int]:
    """One task's linked account ids in order (the primary first)."""
    return linked_accounts(session, [task_id])[task_id]


def check_new_accounts(
    session: Session, actor: User, wanted: list[int], current: list[int], errors: FieldErrors
) -> None:
    """Accounts linked anew must be ones the user sees (links kept as they were are not re-checked)."""
    new = [a for a in wanted if a not in current]
    if not new:
        return
    seen = set(session.exec(visible(select(Account.id).where(Account.id.in_(new)), Account, actor)).all())
    missing = [str(a) for a in new if a not in seen]
    if missing:
        errors.add("account_ids", f"no such account: {', '.join(missing)}")


def store_links(session: Session, task_id: int, account_ids: list[int]) -> None:
    """Replace a task's linked accounts by these, in this order."""
    session.exec(delete(TaskAccount).where(TaskAccount.task_id == task_id))
    session.add_all(
        TaskAccount(task_id=task_id, account_id=account, position=position)
        for position, account in enumerate(account_ids)
    )
    session.flush()


def links_text(account_ids: list[int]) -> str:
    """The linked accounts as history writes them ('3, 7': the primary first)."""
    return ", ".join(str(a) for a in account_ids)
