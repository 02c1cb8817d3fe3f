"""The deals of a project (with its sub-projects' while the setting says so) and the projects of an
account's deals — each as far as the user may see them."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, Project, User
from rxcrm.services.pipeline.opportunities import OpportunityFilter, list_opportunities, narrowed
from rxcrm.services.pipeline.project_members import deal_projects
from rxcrm.services.pipeline.projects import get_project, project_clause
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page

ACCOUNT_PROJECTS_LIMIT = 100


def project_deals(
    session: Session, actor: User, project_id: Any, q: str | None = None, window: ListWindow = FIRST_PAGE
) -> Page:
    """One page of the project's deals the user may see; its sub-projects' too while 'show opportunities
    of sub-projects' is on."""
    project = get_project(session, actor, project_id)
    flt = OpportunityFilter(q=q, project_ids=deal_projects(session, project.id))
    return list_opportunities(session, actor, flt, window)


def account_projects(session: Session, actor: User, account_id: int) -> list[Project]:
    """The projects the account's deals (those the user may see) belong to, by name."""
    deals = narrowed(session, select(Opportunity.project_id), actor, OpportunityFilter(account_id=account_id))
    statement = (
        select(Project)
        .where(Project.id.in_(deals.where(Opportunity.project_id.is_not(None))), project_clause(actor))
        .order_by(Project.name, Project.id)
    )
    return list(session.exec(statement.limit(ACCOUNT_PROJECTS_LIMIT)).all())
