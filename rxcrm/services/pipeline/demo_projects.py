"""The demo's projects: the predefined "CRM" project with two regional sub-projects (spec §5.5), each with
the director as responsible and reps as participants, and the demo deals spread over the three."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, Project, User
from rxcrm.services.pipeline.projects import create_project
from rxcrm.services.settings.toggles import update_settings

REGIONS = ("North", "South")


def seed_demo_projects(
    session: Session, admin: User, director: User, reps: list[User], deals: list[Opportunity]
) -> int:
    """Add the regional sub-projects of "CRM", put every deal in one of the three and show sub-projects'
    deals in their parent's views; returns how many projects were added."""
    crm = session.exec(select(Project).order_by(Project.position, Project.id)).first()
    if crm is None:
        return 0
    halves = (reps[: len(reps) // 2], reps[len(reps) // 2 :])
    regions = [
        create_project(
            session,
            admin,
            {
                "name": name,
                "parent_id": crm.id,
                "responsible_ids": [director.id],
                "participant_ids": [r.id for r in half],
            },
        )
        for name, half in zip(REGIONS, halves, strict=True)
    ]
    homes = [crm, *regions]
    for i, deal in enumerate(deals):
        deal.project_id = homes[i % len(homes)].id  # as loaded: the demo's deals were made in their project
        session.add(deal)
    session.flush()
    # the CRM project's overview adds up its regions: a director reads the whole business there
    update_settings(session, admin, {"show_subproject_opportunities": True})
    return len(regions)
