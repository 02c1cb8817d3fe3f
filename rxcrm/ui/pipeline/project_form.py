"""The new/edit project dialog (name, parent, CRM enabled, responsibles, participants), used from the
projects page and from a project's page."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.pipeline.projects import PARTICIPANT, RESPONSIBLE
from rxcrm.domain.records.validation import record_id
from rxcrm.services.pipeline import projects as service
from rxcrm.services.pipeline.project_rows import project_form_values
from rxcrm.services.records.lookups import record_label
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import icon_action, note
from rxcrm.ui.components.conversion import flag, optional_id
from rxcrm.ui.components.forms import (
    check_field,
    field_error,
    form_grid,
    labelled,
    record_form_dialog,
    text_field,
)
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.state import AppState

PARENT_KEY = "project-parent"
MEMBER_KEYS = {RESPONSIBLE: "project-responsible", PARTICIPANT: "project-participant"}


class ProjectFormState(FormDialog, AppState):
    """What the project dialog shows: its fields, its responsibles and participants (id and name)."""

    responsibles: list[dict[str, str]] = []
    participants: list[dict[str, str]] = []

    def _open(self, values: dict[str, str], responsibles: list, participants: list, project_id: int) -> list:
        self.values, self.responsibles, self.participants = values, responsibles, participants
        self._show_form(project_id)
        return [LookupState.preset(PARENT_KEY, "project", values.get("parent_id", ""))] + [
            LookupState.clear(key) for key in MEMBER_KEYS.values()
        ]

    @rx.event
    def open_new(self, parent_id: str = ""):
        """Open an empty form (below `parent_id` when given: 'Add sub-project')."""
        return self._open({"crm_enabled": "true", "parent_id": parent_id}, [], [], 0)

    @rx.event
    @action
    def open_edit(self, session: Session, user: User, project_id: int):
        """Open the form filled with a project's current values and members."""
        project = service.get_project(session, user, int(project_id))
        values, responsibles, participants = project_form_values(session, project)
        return self._open(values, responsibles, participants, project.id)

    def _members(self, role: str) -> list[dict[str, str]]:
        return self.responsibles if role == RESPONSIBLE else self.participants

    def _set_members(self, role: str, members: list[dict[str, str]]) -> None:
        if role == RESPONSIBLE:
            self.responsibles = members
        else:
            self.participants = members

    @rx.event
    @action
    def add_member(self, session: Session, user: User, role: str, value: str):
        """Name the picked user under `role`; someone of the other role moves over (never both)."""
        picked = record_id(value)
        if picked is not None:
            name = record_label(session, user, "active_user", picked) or str(picked)
            other = PARTICIPANT if role == RESPONSIBLE else RESPONSIBLE
            self._set_members(other, [m for m in self._members(other) if m["id"] != str(picked)])
            kept = [m for m in self._members(role) if m["id"] != str(picked)]
            self._set_members(role, [*kept, {"id": str(picked), "name": name}])
        return LookupState.clear(MEMBER_KEYS[role])

    @rx.event
    def remove_member(self, role: str, user_id: str):
        """Take a user off the project's members of `role`."""
        self._set_members(role, [m for m in self._members(role) if m["id"] != user_id])

    @rx.event
    @action(refused="_refused")
    def submit(self, session: Session, user: User, form: dict):
        """Save the project and open its page, or show what to correct."""
        data = {
            "name": form.get("name", ""),
            "parent_id": optional_id(form.get("parent_id")),
            "crm_enabled": flag(form, "crm_enabled"),
            "responsible_ids": [int(m["id"]) for m in self.responsibles],
            "participant_ids": [int(m["id"]) for m in self.participants],
        }
        project = self._save_record(session, user, service.create_project, service.update_project, data)
        self.form_open, self.errors = False, {}
        from rxcrm.ui.pipeline.project_detail import ProjectDetailState  # the pages that open this form
        from rxcrm.ui.pipeline.projects_page import ProjectsState

        reload = ProjectDetailState.load if self.editing_id else ProjectsState.load
        return [success_toast(f"Project '{project.name}' saved."), reload]


def _member_chip(role: str, member: Var) -> rx.Component:
    return rx.hstack(
        rx.text(member["name"], size="2"),
        icon_action(
            "x",
            "Remove " + member["name"],
            ProjectFormState.remove_member(role, member["id"]),
            f"project-{role}-remove-" + member["id"],
            type="button",
        ),
        align="center",
        spacing="1",
        data_testid=f"project-member-chip-{role}",
    )


def _members_field(label: str, role: str, members: Var) -> rx.Component:
    picker = record_lookup(
        label,
        "",
        MEMBER_KEYS[role],
        "active_user",
        on_pick=lambda value: ProjectFormState.add_member(role, value),
        show_label=False,
        placeholder="Type a colleague's name…",
    )
    chips = rx.hstack(rx.foreach(members, lambda m: _member_chip(role, m)), wrap="wrap", spacing="3")
    field = f"{role}_ids"
    return labelled(
        label, rx.vstack(chips, picker, field_error(ProjectFormState.errors, field), width="100%")
    )


def project_form_dialog() -> rx.Component:
    """The modal form for a new or changed project."""
    s = ProjectFormState
    body = [
        form_grid(
            text_field("Name", "name", s.values, s.errors, required=True),
            record_lookup("Part of (parent project)", "parent_id", PARENT_KEY, "project", s.errors),
            columns="2",
        ),
        check_field("CRM enabled (deals can be in this project)", "crm_enabled", s.values),
        form_grid(
            _members_field("Responsibles", RESPONSIBLE, s.responsibles),
            _members_field("Participants", PARTICIPANT, s.participants),
            columns="2",
        ),
        note("Responsibles and participants hear of changes to the project's deals, like their managers."),
    ]
    return record_form_dialog(ProjectFormState, "project", body, "project-save", "760px")
