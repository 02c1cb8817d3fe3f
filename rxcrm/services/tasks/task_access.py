"""Who sees which task: one query filter for every task list, statistic and by-id lookup.

A task is seen by its assignee and its creator, and by whoever sees one of its linked records (an
account, the deal, the contact or the lead) when the role may view tasks. A task linked to nothing is
seen by its assignee and creator and by users of full access (admins, full-access reps, directors).
A partner user sees the tasks assigned to or made by him/her, and those linked to records of his/her
partner (a global account, which every partner user sees, does not open its tasks).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, false, or_
from sqlmodel import select

from rxcrm.db.models import Account, Contact, Lead, Opportunity, Task, TaskAccount, User
from rxcrm.domain.people.access import FULL, PARTNER
from rxcrm.services.people.access import scope_of, visible
from rxcrm.services.people.permissions import role_may_view

PERMISSION = "tasks"


def _seen_accounts(user: User, scope: str) -> Any:
    accounts = visible(select(Account.id), Account, user)
    if scope == PARTNER:
        own = Account.partner_id == user.partner_id if user.partner_id is not None else false()
        accounts = accounts.where(own)
    return accounts


def _linked_to_seen_record(user: User, scope: str) -> Any:
    accounts = select(TaskAccount.task_id).where(TaskAccount.account_id.in_(_seen_accounts(user, scope)))
    return or_(
        Task.id.in_(accounts),
        Task.opportunity_id.in_(visible(select(Opportunity.id), Opportunity, user)),
        Task.contact_id.in_(visible(select(Contact.id), Contact, user)),
        Task.lead_id.in_(visible(select(Lead.id), Lead, user)),
    )


def _unlinked() -> Any:
    return and_(
        ~exists(select(TaskAccount.task_id).where(TaskAccount.task_id == Task.id)),
        Task.opportunity_id.is_(None),
        Task.contact_id.is_(None),
        Task.lead_id.is_(None),
    )


def task_clause(user: User) -> Any:
    """SQL: the tasks the user may see."""
    scope = scope_of(user)
    seen = _linked_to_seen_record(user, scope)
    if scope == FULL:
        seen = or_(seen, _unlinked())
    mine = or_(Task.assignee_id == user.id, Task.created_by_id == user.id)
    return or_(mine, and_(role_may_view(user, PERMISSION), seen))
