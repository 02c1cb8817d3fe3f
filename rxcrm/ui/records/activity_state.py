"""Sales activities on a record page: log, correct and remove them on the record's timeline (spec §2.4)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import DomainError
from rxcrm.domain.people.time_zones import local_moment, moment_on
from rxcrm.services.records import activities
from rxcrm.services.records.listing import TAB_PAGE
from rxcrm.services.records.timeline_rows import activity_rows
from rxcrm.ui.actions import OUTCOME_TOAST, acting, action, success_toast
from rxcrm.ui.components.conversion import optional_id, record_ref
from rxcrm.ui.components.forms import choice_field, clears_error, form_dialog, text_field
from rxcrm.ui.components.records import activity_timeline

BAD_DATE = "The date must be a date (YYYY-MM-DD)."


def activity_data(form: dict, zone: str | None, clock: time | None = None) -> dict:
    """An activity form as service input: a picked day is a moment in the user's zone, at `clock`
    or else at the current time of day; without a day the service takes now. ValueError if unreadable."""
    data = {"category_id": optional_id(form.get("category_id")), "note": form.get("note") or None}
    day = str(form.get("at") or "").strip()
    if not day:
        return data
    return {**data, "at": moment_on(date.fromisoformat(day), zone, utcnow(), clock)}


def timeline(session: Session, user: User, entity: str, record_id: int) -> tuple[list, list]:
    """A record's latest activities as rows, and the activity categories to choose from."""
    acts = activities.list_activities(session, user, entity, record_id, TAB_PAGE).items
    categories = [{"value": str(c.id), "label": c.name} for c in activities.list_categories(session)]
    return activity_rows(session, acts), categories


class ActivityLog(rx.State, mixin=True):
    """A record page's activity changes; the page says which record it shows and mixes in FormDialog."""

    activity_form_key: int = 0
    _activity_clock: str = ""

    def _activity_record(self) -> tuple[str, int]:
        """The entity name and id of the record on the page."""
        raise NotImplementedError

    def _timeline_changed(self):  # noqa: ANN202
        """The event that reads the page's record, and so its timeline, again."""
        raise NotImplementedError

    def _change_activities(self, change, done: str):  # noqa: ANN001, ANN202
        """Run one change to the timeline, then show the record again."""
        try:
            with acting(self.token) as (session, user):
                change(session, user)
        except ValueError:
            self._show_errors({"at": BAD_DATE})
            return rx.toast.error(BAD_DATE, id=OUTCOME_TOAST)
        except DomainError as exc:
            return self._refused(exc)
        self.errors, self.activity_form_key = {}, self.activity_form_key + 1
        return [success_toast(done), self._timeline_changed()]

    @rx.event
    def add_activity(self, form: dict):
        """Log a sales activity on the record."""
        entity, record_id = self._activity_record()
        return self._change_activities(
            lambda s, u: activities.create_activity(
                s, u, {**activity_data(form, u.time_zone), "entity": entity, "entity_id": record_id}
            ),
            "Activity logged.",
        )

    @rx.event
    @action
    def open_activity(self, session: Session, user: User, activity_id: str):
        """Open the correction dialog of one activity."""
        activity = activities.get_activity(session, user, record_ref(activity_id))
        local = local_moment(activity.at, user.time_zone)
        day, self._activity_clock = local.date().isoformat(), local.time().isoformat("minutes")
        self.values = {"category_id": str(activity.category_id), "at": day, "note": activity.note or ""}
        self._show_form(activity.id)

    @rx.event
    def save_activity(self, form: dict):
        """Save the corrected category, date or note (the time of day stays when the date does)."""

        def change(session: Session, user: User) -> None:
            clock = time.fromisoformat(self._activity_clock) if self._activity_clock else None
            data = activity_data(form, user.time_zone, clock)
            if form.get("at") == self.values.get("at"):
                data.pop("at", None)
            activities.update_activity(session, user, self.editing_id, data)
            self.form_open = False

        return self._change_activities(change, "Activity saved.")

    @rx.event
    def delete_activity(self, activity_id: str):
        """Remove an activity from the timeline."""
        return self._change_activities(
            lambda s, u: activities.delete_activity(s, u, record_ref(activity_id)), "Activity deleted."
        )


def _ghost_icon(icon: str, on_click: Any, testid: str, **props: Any) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=14), variant="ghost", on_click=on_click, data_testid=testid, **props
    )


def _activity_buttons(state: type, a: Var) -> rx.Component:
    return rx.hstack(
        _ghost_icon("pencil", state.open_activity(a["id"]), "activity-edit"),
        _ghost_icon("trash-2", state.delete_activity(a["id"]), "activity-delete", color_scheme="red"),
    )


def _on_field(state: type, name: str, control: rx.Component, width: str = "auto") -> rx.Component:
    """A control of the log form with its problem right below it (while the edit dialog is closed)."""
    problem = rx.cond(
        state.errors.contains(name) & ~state.form_open,
        rx.text(state.errors[name], color_scheme="red", size="1", data_testid=f"activity-error-{name}"),
    )
    return rx.vstack(control, problem, spacing="1", width=width)


def _log_input(state: type, name: str, label: str, testid: str, **props: Any) -> rx.Component:
    """A text box of the log form; editing it takes its problem away."""
    return rx.input(
        name=name, on_change=clears_error(state.errors, name), aria_label=label, data_testid=testid, **props
    )


def activities_panel(state: type, rows: Var, categories: Var) -> rx.Component:
    """Log activities and read, correct or remove them on the timeline (`rows`, newest first)."""
    form = rx.form(
        rx.hstack(
            _on_field(
                state,
                "category_id",
                rx.select.root(
                    rx.select.trigger(placeholder="Category", data_testid="activity-category"),
                    rx.select.content(
                        rx.foreach(categories, lambda c: rx.select.item(c["label"], value=c["value"]))
                    ),
                    name="category_id",
                    on_change=clears_error(state.errors, "category_id"),
                ),
            ),
            _on_field(state, "at", _log_input(state, "at", "Date", "activity-date", type="date")),
            _on_field(
                state,
                "note",
                _log_input(
                    state, "note", "Note", "activity-note", placeholder="What happened?", width="100%"
                ),
                width="100%",
            ),
            rx.button("Log activity", type="submit", data_testid="activity-add"),
            align="start",
            width="100%",
        ),
        on_submit=state.add_activity,
        key=state.activity_form_key.to_string(),
        width="100%",
    )
    body = [
        choice_field("Category", "category_id", state.values, state.errors, categories),
        text_field("Date", "at", state.values, state.errors, kind="date"),
        text_field("Note", "note", state.values, state.errors),
    ]
    dialog = form_dialog(
        "Edit activity",
        body,
        state.save_activity,
        state.form_key,
        state.form_open,
        state.set_form_open,
        "activity-save",
        "480px",
    )
    return rx.vstack(form, activity_timeline(rows, lambda a: _activity_buttons(state, a)), dialog)
