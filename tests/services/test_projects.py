"""Projects (spec §5.5, api.md "projects"): the tree, its members, who writes, who sees, deletion, the
members' notifications and the setting "show opportunities of sub-projects"."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from rxcrm.analytics.widgets import widget_rows
from rxcrm.db.models import Notification, Opportunity, PriceBookProject, Project, ProjectMember, User
from rxcrm.domain.dashboards.widgets import widget_params
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce.price_books import create_price_book
from rxcrm.services.pipeline.opportunities import update_opportunity
from rxcrm.services.pipeline.project_deals import account_projects, project_deals
from rxcrm.services.pipeline.project_members import members_of
from rxcrm.services.pipeline.projects import (
    ProjectFilter,
    create_project,
    delete_project,
    get_project,
    project_tree,
    search_projects,
    update_project,
)
from rxcrm.services.records.history import history_of
from rxcrm.services.settings.toggles import update_settings
from tests.conftest import make_account, make_opportunity, make_partner, make_user


def notes_of(session: Session, user: User, deal: Opportunity) -> list[str]:
    statement = select(Notification.message).where(
        Notification.user_id == user.id,
        Notification.entity == "opportunity",
        Notification.entity_id == deal.id,
    )
    return list(session.exec(statement).all())


def test_a_project_is_added_below_another_with_its_members_and_its_creation_is_in_history(
    session: Session, director: User, rep: User
) -> None:
    crm = session.exec(select(Project).where(Project.name == "CRM")).one()
    other = make_user(session, name="Omar Other")
    north = create_project(
        session,
        director,
        {"name": " North ", "parent_id": crm.id, "responsible_ids": [rep.id], "participant_ids": [other.id]},
    )
    assert (north.name, north.parent_id, north.crm_enabled) == ("North", crm.id, True)
    assert members_of(session, [north.id])[north.id] == {rep.id: "responsible", other.id: "participant"}
    history = {row["field"]: row["new"] for row in history_of(session, "project", north.id)}
    assert history["responsible_ids"] == str(rep.id) and history["participant_ids"] == str(other.id)
    assert [(p.name, depth) for p, depth in project_tree(session, rep, ProjectFilter())] == [
        ("CRM", 0),
        ("North", 1),
    ]


def test_a_name_is_unique_among_all_projects(session: Session, director: User) -> None:
    create_project(session, director, {"name": "North"})
    with pytest.raises(Conflict):
        create_project(session, director, {"name": "north"})
    south = create_project(session, director, {"name": "South"})
    with pytest.raises(Conflict):
        update_project(session, director, south.id, {"name": "NORTH"})
    update_project(session, director, south.id, {"name": "South"})  # its own name is no clash


def test_a_project_never_moves_below_its_own_sub_project(session: Session, director: User) -> None:
    north = create_project(session, director, {"name": "North"})
    hamburg = create_project(session, director, {"name": "Hamburg", "parent_id": north.id})
    with pytest.raises(ValidationFailed) as refused:
        update_project(session, director, north.id, {"parent_id": hamburg.id})
    assert set(refused.value.fields) == {"parent_id"}
    assert get_project(session, director, north.id).parent_id is None


def test_a_user_is_responsible_or_participant_and_members_are_active_staff(
    session: Session, director: User, rep: User
) -> None:
    partner_user = make_user(session, role="partner", partner_id=make_partner(session).id)
    gone = make_user(session, active=False)
    with pytest.raises(ValidationFailed) as refused:
        create_project(
            session,
            director,
            {"name": "X", "responsible_ids": [rep.id, partner_user.id], "participant_ids": [rep.id, gone.id]},
        )
    assert set(refused.value.fields) == {"responsible_ids", "participant_ids"}
    assert session.exec(select(Project).where(Project.name == "X")).first() is None


def test_changing_the_members_replaces_that_roles_members_and_is_in_history(
    session: Session, director: User, rep: User
) -> None:
    other = make_user(session)
    project = create_project(session, director, {"name": "P", "responsible_ids": [rep.id]})
    update_project(session, director, project.id, {"participant_ids": [other.id]})
    update_project(
        session, director, project.id, {"responsible_ids": [other.id], "participant_ids": [rep.id]}
    )
    assert members_of(session, [project.id])[project.id] == {other.id: "responsible", rep.id: "participant"}
    changes = [(r["field"], r["old"], r["new"]) for r in history_of(session, "project", project.id)]
    assert ("responsible_ids", str(rep.id), str(other.id)) in changes


def test_only_roles_allowed_to_write_projects_do(session: Session, rep: User, director: User) -> None:
    with pytest.raises(Forbidden):
        create_project(session, rep, {"name": "Mine"})
    project = create_project(session, director, {"name": "Theirs"})
    with pytest.raises(Forbidden):
        update_project(session, rep, project.id, {"name": "Mine"})
    with pytest.raises(Forbidden):
        delete_project(session, rep, project.id)
    assert get_project(session, rep, project.id).name == "Theirs"  # reps view projects


def test_partner_users_see_no_project(session: Session, director: User) -> None:
    partner = make_partner(session)
    outsider = make_user(session, role="partner", partner_id=partner.id)
    project = create_project(session, director, {"name": "Internal"})
    with pytest.raises(NotFound):
        get_project(session, outsider, project.id)
    assert search_projects(session, outsider, ProjectFilter()).total == 0
    with pytest.raises(Forbidden):
        create_project(session, outsider, {"name": "Ours"})


def test_the_list_filters_by_parent_crm_and_name(session: Session, director: User) -> None:
    north = create_project(session, director, {"name": "North"})
    create_project(session, director, {"name": "Hamburg", "parent_id": north.id})
    create_project(session, director, {"name": "Archive", "crm_enabled": False})
    names = lambda flt: [p.name for p in search_projects(session, director, flt).items]  # noqa: E731
    assert names(ProjectFilter(parent_id=north.id)) == ["Hamburg"]
    assert names(ProjectFilter(crm_enabled=False)) == ["Archive"]
    assert names(ProjectFilter(q="nor")) == ["North"]


def test_a_project_deals_price_books_or_sub_projects_use_is_not_deleted(
    session: Session, director: User, admin: User
) -> None:
    north = create_project(session, director, {"name": "North", "responsible_ids": [director.id]})
    child = create_project(session, director, {"name": "Hamburg", "parent_id": north.id})
    deal = make_opportunity(session, director, project_id=child.id)
    book = create_price_book(session, admin, {"name": "2027", "project_ids": [child.id]})
    with pytest.raises(Conflict, match="1 sub-projects"):
        delete_project(session, director, north.id)
    with pytest.raises(Conflict, match="1 opportunities, 1 price books"):
        delete_project(session, director, child.id)
    session.delete(deal)
    session.delete(session.get(PriceBookProject, (book.id, child.id)))
    session.flush()
    delete_project(session, director, child.id)
    delete_project(session, director, north.id)
    assert session.exec(select(ProjectMember)).all() == []
    assert history_of(session, "project", north.id)[0]["field"] == "(deleted)"


def test_a_deals_project_members_hear_of_its_changes_like_its_managers_never_of_their_own(
    session: Session, director: User, rep: User
) -> None:
    owner = make_user(session, name="Owen Owner")
    participant = make_user(session, name="Pia Participant")
    project = create_project(
        session, director, {"name": "North", "responsible_ids": [rep.id], "participant_ids": [participant.id]}
    )
    deal = make_opportunity(session, owner, project_id=project.id)
    update_opportunity(session, owner, deal.id, {"name": "Bigger deal"})
    assert len(notes_of(session, rep, deal)) == 1 and len(notes_of(session, participant, deal)) == 1
    update_opportunity(session, rep, deal.id, {"name": "Biggest deal"})
    assert len(notes_of(session, rep, deal)) == 1  # not of the responsible's own change
    assert len(notes_of(session, participant, deal)) == 2 and len(notes_of(session, owner, deal)) == 1


def test_members_of_another_project_hear_nothing(session: Session, director: User, rep: User) -> None:
    create_project(session, director, {"name": "North", "responsible_ids": [rep.id]})
    south = create_project(session, director, {"name": "South"})
    deal = make_opportunity(session, director, project_id=south.id)
    update_opportunity(session, director, deal.id, {"name": "Changed"})
    assert notes_of(session, rep, deal) == []


def test_a_projects_deals_include_its_sub_projects_only_with_the_setting_on(
    session: Session, admin: User, director: User
) -> None:
    north = create_project(session, director, {"name": "North"})
    hamburg = create_project(session, director, {"name": "Hamburg", "parent_id": north.id})
    harbour = create_project(session, director, {"name": "Harbour", "parent_id": hamburg.id})
    account = make_account(session)
    own = make_opportunity(session, director, project_id=north.id, account_id=account.id, amount=100)
    deep = make_opportunity(session, director, project_id=harbour.id, amount=50)
    make_opportunity(session, director, amount=7)  # no project
    deals = lambda: {d.id for d in project_deals(session, director, north.id).items}  # noqa: E731
    counted = lambda: sum(  # noqa: E731
        r["count"]
        for r in widget_rows(session, director, "pipeline_by_stage", widget_params({"project_id": north.id}))
    )
    assert deals() == {own.id} and counted() == 1
    update_settings(session, admin, {"show_subproject_opportunities": True})
    assert deals() == {own.id, deep.id} and counted() == 2
    assert {d.id for d in project_deals(session, director, harbour.id).items} == {deep.id}
    assert [p.name for p in account_projects(session, director, account.id)] == ["North"]


def test_a_deal_list_of_a_project_stays_within_what_the_user_sees(session: Session, director: User) -> None:
    limited = make_user(session, access_level="limited_opportunities")
    project = create_project(session, director, {"name": "North"})
    make_opportunity(session, director, project_id=project.id)
    mine = make_opportunity(session, limited, project_id=project.id)
    assert [d.id for d in project_deals(session, limited, project.id).items] == [mine.id]
