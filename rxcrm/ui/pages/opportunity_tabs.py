"""Tabs of the opportunity page: data, activities timeline, business roles, followers, history."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.errors import DomainError
from rxcrm.services import activities
from rxcrm.services.business_roles import add_business_role, remove_business_role
from rxcrm.ui import routes
from rxcrm.ui.actions import acting, failure_toast, success_toast
from rxcrm.ui.components.conversion import optional_id, record_ref
from rxcrm.ui.components.forms import choice_field, form_dialog, text_field
from rxcrm.ui.components.records import activity_timeline, field_grid, history_table
from rxcrm.ui.components.tags import tag_badges
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.pages.opportunity_dialogs import form_day
from rxcrm.ui.pages.opportunity_state import OpportunityState

BAD_DATE = "The date must be a date (YYYY-MM-DD)."


def activity_data(form: dict) -> dict:
    """An activity form as service input; the time is left out when no date is given."""
    data = {"category_id": optional_id(form.get("category_id")), "note": form.get("note") or None}
    at = form_day(form.get("at"))
    return data if at is None else {**data, "at": at}


class OpportunityTabsState(FormDialog, OpportunityState):
    """Activities and business roles changed from the tabs; the activity being corrected."""

    @rx.event
    def add_activity(self, form: dict):
        """Log a sales activity on the deal."""
        try:
            data = {**activity_data(form), "entity": "opportunity", "entity_id": self.opportunity_id}
        except ValueError:
            return rx.toast.error(BAD_DATE)
        return self._run(lambda s, u, _: activities.create_activity(s, u, data), "Activity logged.")

    @rx.event
    def open_activity(self, activity_id: str):
        """Open the correction dialog of one activity."""
        try:
            with acting(self.token) as (session, user):
                activity = activities.get_activity(session, user, record_ref(activity_id))
        except DomainError as exc:
            return failure_toast(exc)
        day = activity.at.date().isoformat()
        self.values = {"category_id": str(activity.category_id), "at": day, "note": activity.note or ""}
        self._show_form(activity.id)

    @rx.event
    def save_activity(self, form: dict):
        """Save the corrected category, date or note (the time of day stays when the date does)."""
        try:
            data = activity_data(form)
            if form.get("at") == self.values.get("at"):
                data.pop("at", None)
            with acting(self.token) as (session, user):
                activities.update_activity(session, user, self.editing_id, data)
        except ValueError:
            return rx.toast.error(BAD_DATE)
        except DomainError as exc:
            self.errors = exc.fields
            return failure_toast(exc)
        self.form_open = False
        return [success_toast("Activity saved."), OpportunityState.load_one]

    @rx.event
    def delete_activity(self, activity_id: str):
        """Remove an activity from the timeline."""
        return self._run(
            lambda s, u, _: activities.delete_activity(s, u, record_ref(activity_id)), "Activity deleted."
        )

    @rx.event
    def add_role(self, form: dict):
        """Say which part a contact plays in the deal."""
        data = {k: form.get(k) for k in ("role", "note")} | {
            "contact_id": optional_id(form.get("contact_id"))
        }
        return self._run(lambda s, u, deal: add_business_role(s, u, deal, data), "Business role added.")

    @rx.event
    def remove_role(self, role_id: str):
        """Take a contact's role off the deal."""
        return self._run(
            lambda s, u, deal: remove_business_role(s, u, deal, record_ref(role_id)), "Business role removed."
        )


def _select(name: str, items: Var, placeholder: str, testid: str) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=placeholder, data_testid=testid),
        rx.select.content(rx.foreach(items, lambda c: rx.select.item(c["label"], value=c["value"]))),
        name=name,
    )


def _inline_form(on_submit, *fields: rx.Component, button: str, testid: str) -> rx.Component:  # noqa: ANN001
    return rx.form(
        rx.hstack(*fields, rx.button(button, type="submit", data_testid=testid), width="100%"),
        on_submit=on_submit,
        reset_on_submit=True,
        width="100%",
    )


def _delete_button(handler, testid: str) -> rx.Component:  # noqa: ANN001
    return rx.icon_button(
        rx.icon("trash-2", size=14), variant="ghost", color_scheme="red", on_click=handler, data_testid=testid
    )


def _activity_buttons(a: Var) -> rx.Component:
    s = OpportunityTabsState
    return rx.hstack(
        rx.icon_button(
            rx.icon("pencil", size=14),
            variant="ghost",
            on_click=s.open_activity(a["id"]),
            data_testid="activity-edit",
        ),
        _delete_button(s.delete_activity(a["id"]), "activity-delete"),
    )


def activity_dialog() -> rx.Component:
    """Correct an activity's category, date or note."""
    s = OpportunityTabsState
    body = [
        choice_field("Category", "category_id", s.values, s.errors, OpportunityState.categories),
        text_field("Date", "at", s.values, s.errors, kind="date"),
        text_field("Note", "note", s.values, s.errors),
    ]
    return form_dialog(
        "Edit activity",
        body,
        s.save_activity,
        s.form_key,
        s.form_open,
        s.set_form_open,
        "activity-save",
        "480px",
    )


def activities_tab() -> rx.Component:
    """Log activities and read, correct or remove them on the timeline."""
    s = OpportunityTabsState
    form = _inline_form(
        s.add_activity,
        _select("category_id", OpportunityState.categories, "Category", "activity-category"),
        rx.input(name="at", type="date", data_testid="activity-date"),
        rx.input(name="note", placeholder="What happened?", width="100%", data_testid="activity-note"),
        button="Log activity",
        testid="activity-add",
    )
    return rx.vstack(
        form, activity_timeline(OpportunityState.activities, _activity_buttons), activity_dialog()
    )


def roles_tab() -> rx.Component:
    """The contacts taking part in the deal and their roles."""
    s = OpportunityTabsState
    form = _inline_form(
        s.add_role,
        _select("contact_id", OpportunityState.contact_options, "Contact", "role-contact"),
        rx.input(name="role", placeholder="Role, e.g. decision maker", data_testid="role-role"),
        rx.input(name="note", placeholder="Note", width="100%", data_testid="role-note"),
        button="Add role",
        testid="role-add",
    )
    row = lambda r: rx.table.row(  # noqa: E731
        rx.table.cell(rx.link(r["contact"], href=routes.CONTACTS + "/" + r["contact_id"])),
        rx.table.cell(r["role"]),
        rx.table.cell(r["note"]),
        rx.table.cell(_delete_button(s.remove_role(r["id"]), "role-delete")),
        data_testid="business-role-row",
    )
    table = rx.table.root(
        rx.table.header(
            rx.table.row(*(rx.table.column_header_cell(h) for h in ("Contact", "Role", "Note", "")))
        ),
        rx.table.body(rx.foreach(OpportunityState.roles, row)),
        width="100%",
        size="1",
    )
    empty = rx.text("No business roles yet.", color_scheme="gray")
    return rx.vstack(form, rx.cond(OpportunityState.roles.length() > 0, table, empty), width="100%")


def data_tab() -> rx.Component:
    """The deal's fields, its tags in their colours and its custom fields."""
    s = OpportunityState
    return rx.vstack(
        rx.hstack(
            rx.text("Tags", size="1", color_scheme="gray"),
            tag_badges(s.tags),
            spacing="2",
            data_testid="opportunity-tags",
        ),
        field_grid(s.data_rows),
        spacing="4",
    )


def followers_tab() -> rx.Component:
    """Who follows the deal."""
    names = OpportunityState.follower_names
    return rx.cond(
        names.length() > 0,
        rx.vstack(rx.foreach(names, lambda n: rx.text(n, data_testid="follower-row"))),
        rx.text("Nobody follows this opportunity yet.", color_scheme="gray"),
    )


def opportunity_tabs() -> rx.Component:
    """The tabs below the header (activities only when the setting shows them)."""
    s = OpportunityState
    tab = lambda label, value: rx.tabs.trigger(label, value=value, data_testid=f"tab-{value}")  # noqa: E731
    content = lambda body, value: rx.tabs.content(rx.box(body, padding_top="16px"), value=value)  # noqa: E731
    return rx.tabs.root(
        rx.tabs.list(
            tab("Data", "data"),
            rx.cond(s.show_activities, tab("Activities", "activities")),
            tab("Business roles", "roles"),
            tab("Followers", "followers"),
            tab("History", "history"),
        ),
        content(data_tab(), "data"),
        content(activities_tab(), "activities"),
        content(roles_tab(), "roles"),
        content(followers_tab(), "followers"),
        content(history_table(s.history), "history"),
        default_value="data",
        width="100%",
    )
