"""The project pages' states (spec §5.5): the tree, the form with its members, the detail tabs, the
account's "Projects & tickets" tab, and a partner user's view."""

from __future__ import annotations

from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Project, User
from rxcrm.services.pipeline.project_members import members_of
from rxcrm.services.pipeline.projects import create_project, get_project
from rxcrm.services.settings.toggles import update_settings
from rxcrm.ui.pipeline.account_projects import AccountProjectsState
from rxcrm.ui.pipeline.project_detail import ProjectDetailState
from rxcrm.ui.pipeline.project_form import ProjectFormState
from rxcrm.ui.pipeline.projects_page import ProjectsState
from tests.conftest import make_account, make_opportunity, make_partner, make_user
from tests.ui_units.logged_in import logged_in_state


def _on_page(state, path: str, query: dict | None = None):  # noqa: ANN001, ANN202
    state.router = RouterData.from_router_data({"pathname": path, "asPath": path, "query": query or {}})
    return state


def test_the_tree_indents_sub_projects_and_only_writers_may_add(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    north = create_project(session, admin, {"name": "North", "responsible_ids": [rep.id]})
    create_project(session, admin, {"name": "Hamburg", "parent_id": north.id})
    create_project(session, admin, {"name": "Archive", "crm_enabled": False})
    session.commit()
    state = logged_in_state(session, admin, ProjectsState, "projects")
    ProjectsState.load.fn(state)
    assert [(r["name"], r["depth"], r["indent"]) for r in state.rows] == [
        ("Archive", "0", "0px"),
        ("CRM", "0", "0px"),
        ("North", "0", "0px"),
        ("Hamburg", "1", "24px"),
    ]
    assert state.rows[2]["responsibles"] == rep.name and state.may_add
    ProjectsState.set_crm_only.fn(state, True)
    ProjectsState.load.fn(state)
    assert "Archive" not in [r["name"] for r in state.rows]
    reps = logged_in_state(session, rep, ProjectsState, "projects")
    ProjectsState.load.fn(reps)
    assert len(reps.rows) == 4 and not reps.may_add


def test_the_form_adds_a_sub_project_with_members_and_a_user_moves_between_roles(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    other = make_user(session, name="Omar Other")
    crm = session.exec(select(Project).where(Project.name == "CRM")).one()
    session.commit()
    form = logged_in_state(session, admin, ProjectFormState, "project-form")
    ProjectFormState.open_new.fn(form, str(crm.id))
    assert form.form_open and form.values["parent_id"] == str(crm.id)
    ProjectFormState.add_member.fn(form, "responsible", str(rep.id))
    ProjectFormState.add_member.fn(form, "participant", str(other.id))
    ProjectFormState.add_member.fn(form, "participant", str(rep.id))  # moves: never both
    assert [m["id"] for m in form.participants] == [str(other.id), str(rep.id)] and form.responsibles == []
    ProjectFormState.add_member.fn(form, "responsible", str(rep.id))
    ProjectFormState.submit.fn(form, {"name": "", "parent_id": str(crm.id), "crm_enabled": "on"})
    assert form.form_open and "name" in form.errors
    ProjectFormState.submit.fn(form, {"name": "North", "parent_id": str(crm.id), "crm_enabled": "on"})
    assert not form.form_open
    north = session.exec(select(Project).where(Project.name == "North")).one()
    assert north.parent_id == crm.id
    assert members_of(session, [north.id])[north.id] == {rep.id: "responsible", other.id: "participant"}


def test_the_form_names_a_cycle_on_the_parent_field(
    app_database: Engine, session: Session, admin: User
) -> None:
    north = create_project(session, admin, {"name": "North"})
    child = create_project(session, admin, {"name": "Hamburg", "parent_id": north.id})
    session.commit()
    form = logged_in_state(session, admin, ProjectFormState, "project-form")
    ProjectFormState.open_edit.fn(form, north.id)
    assert form.values["name"] == "North" and form.editing_id == north.id
    ProjectFormState.submit.fn(form, {"name": "North", "parent_id": str(child.id), "crm_enabled": "on"})
    assert form.form_open and "parent_id" in form.errors
    assert get_project(session, admin, north.id).parent_id is None


def test_the_detail_page_shows_deals_with_sub_projects_per_the_setting_and_members(
    app_database: Engine, session: Session, admin: User, rep: User
) -> None:
    north = create_project(session, admin, {"name": "North", "participant_ids": [rep.id]})
    child = create_project(session, admin, {"name": "Hamburg", "parent_id": north.id})
    make_opportunity(session, admin, name="Own deal", project_id=north.id)
    make_opportunity(session, admin, name="Child deal", project_id=child.id)
    session.commit()
    page = _on_page(logged_in_state(session, admin, ProjectDetailState, "project"), f"/projects/{north.id}")
    ProjectDetailState.load.fn(page)
    assert page.found and page.name == "North" and page.may_edit
    assert [d["name"] for d in page.deals] == ["Own deal"] and not page.with_sub_projects
    assert [s["name"] for s in page.sub_projects] == ["Hamburg"]
    assert [(m["name"], m["role"]) for m in page.members] == [(rep.name, "Participant")]
    update_settings(session, admin, {"show_subproject_opportunities": True})
    session.commit()
    ProjectDetailState.load.fn(page)
    assert sorted((d["name"], d["project"]) for d in page.deals) == [
        ("Child deal", "Hamburg"),
        ("Own deal", "North"),
    ]


def test_a_partner_user_finds_no_project_page(app_database: Engine, session: Session, admin: User) -> None:
    north = create_project(session, admin, {"name": "North"})
    outsider = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    page = _on_page(
        logged_in_state(session, outsider, ProjectDetailState, "project"), f"/projects/{north.id}"
    )
    ProjectDetailState.load.fn(page)
    assert not page.found and page.name == ""
    listing = logged_in_state(session, outsider, ProjectsState, "projects")
    ProjectsState.load.fn(listing)
    assert listing.rows == [] and not listing.may_add


def test_the_account_tab_lists_the_projects_of_its_deals(
    app_database: Engine, session: Session, admin: User
) -> None:
    north = create_project(session, admin, {"name": "North"})
    account = make_account(session)
    make_opportunity(session, admin, account_id=account.id, project_id=north.id)
    make_opportunity(session, admin, account_id=account.id)
    session.commit()
    tab = _on_page(logged_in_state(session, admin, AccountProjectsState, "acc"), f"/accounts/{account.id}")
    AccountProjectsState.load.fn(tab)
    assert [(r["id"], r["name"]) for r in tab.rows] == [(str(north.id), "North")]
