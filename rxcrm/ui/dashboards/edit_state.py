"""The dashboard's dialogs: edit a widget's options, its baselines, page templates (mixed into its state)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.analytics.baselines import capture_baseline
from rxcrm.db.models import User
from rxcrm.domain.dashboards.widgets import KINDS, PERIODS, in_project
from rxcrm.services.dashboards import baselines
from rxcrm.services.dashboards import pages as service
from rxcrm.services.people.time_zones import shown_time
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import NONE, optional_id, options, record_ref
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.dashboards.cards import Names, groups_by_period
from rxcrm.ui.form_state import FormDialog

FILTERS = ("owner_id", "stage_id", "campaign_id", "partner_id", "pipeline_id")
# the filters picked by typing a name: form field -> (lookup key, lookup kind)
LOOKUP_FILTERS = {
    "owner_id": ("widget-owner", "user"),
    "campaign_id": ("widget-campaign", "campaign"),
    "partner_id": ("widget-partner", "partner"),
}
PERIOD_OPTIONS = [{"value": p, "label": f"By {p}"} for p in PERIODS]


def widget_form_values(widget: dict[str, Any]) -> dict[str, str]:
    """A placed widget's title and parameters as the edit form shows them."""
    params = widget.get("params") or {}
    values = {"title": widget.get("title", ""), "from": params.get("from", ""), "to": params.get("to", "")}
    values.update({k: str(params[k]) if params.get(k) is not None else NONE for k in FILTERS})
    values["team"] = params.get("team") or NONE
    values["period"] = params.get("period") or "month"
    return values


def widget_form_params(form: dict[str, Any]) -> dict[str, Any]:
    """The edit form's answers as widget parameters (empty choices left open)."""
    params: dict[str, Any] = {k: optional_id(form.get(k)) for k in FILTERS}
    params["from"] = str(form.get("from") or "").strip() or None
    params["to"] = str(form.get("to") or "").strip() or None
    team = str(form.get("team") or NONE)
    params["team"] = None if team == NONE else team
    params["period"] = str(form.get("period") or "month")
    return params


class WidgetEditing(FormDialog, rx.State, mixin=True):
    """The edit dialog of one widget: title, date range, filters, period."""

    edit_widget_id: str = ""
    team_options: list[dict[str, str]] = []
    stage_options: list[dict[str, str]] = []
    pipeline_options: list[dict[str, str]] = []
    period_options: list[dict[str, str]] = PERIOD_OPTIONS
    edit_by_period: bool = True

    def _fill_choices(self, names: Names) -> None:
        """The pickers' choices, from the names loaded with the page."""
        self.team_options = options([(t, t) for t in names.teams], "All teams")
        self.stage_options = options(list(names.stages.items()), "All stages")
        self.pipeline_options = options(list(names.pipelines.items()), "Any pipeline")

    @rx.event
    def open_edit(self, widget_id: str):
        """Open the edit dialog filled with the widget's title and options."""
        widget = next((w for w in self._widgets if w["id"] == widget_id), None)
        if widget is None:
            return None
        self.values, self.edit_widget_id = widget_form_values(widget), widget_id
        self.edit_by_period = groups_by_period(widget["kind"])
        self._show_form(0)
        return [
            LookupState.preset(key, kind, self.values[name]) for name, (key, kind) in LOOKUP_FILTERS.items()
        ]

    @rx.event
    @action(refused="_refused")
    def save_edit(self, session: Session, user: User, form: dict):
        """Store the widget's new title and options; the card is recomputed with them."""
        page, project, widget_id = self.page, self._project_id(), self.edit_widget_id
        title, params = str(form.get("title") or ""), widget_form_params(form)
        widgets = service.edit_page_widget(session, user, page, project, widget_id, title, params)
        self._show(session, user, widgets)
        self.form_open = False
        return success_toast("Widget saved.")


class BaselineActions(rx.State, mixin=True):
    """A widget's baselines: create one (a name), overlay one, show one as the displayed version, delete."""

    baselines_open: bool = False
    baseline_widget_id: str = ""
    baseline_kind_label: str = ""
    baseline_rows: list[dict[str, str]] = []
    baseline_key: int = 0

    def _baseline_widget(self) -> dict[str, Any] | None:
        return next((w for w in self._widgets if w["id"] == self.baseline_widget_id), None)

    def _list_baselines(self, session: Session, user: User, kind: str) -> None:
        found = baselines.list_baselines(session, user, kind)
        self.baseline_rows = [
            {"id": str(b.id), "name": b.name, "at": shown_time(b.created_at)} for b in found
        ]

    @rx.event
    @action
    def open_baselines(self, session: Session, user: User, widget_id: str):
        """Open a widget's baselines: the form to freeze it and the kind's saved baselines."""
        self.baseline_widget_id = widget_id
        widget = self._baseline_widget()
        if widget is None:
            return None
        self._list_baselines(session, user, widget["kind"])
        self.baseline_kind_label = KINDS[widget["kind"]].label
        self.baseline_key += 1
        self.baselines_open = True

    @rx.event
    @action
    def create_baseline(self, session: Session, user: User, form: dict):
        """Freeze the widget's current rows under a name."""
        widget = self._baseline_widget()
        if widget is None:
            return None
        params = in_project(widget["params"], self._project_id())
        made = capture_baseline(session, user, widget["kind"], form.get("name", ""), params)
        self._list_baselines(session, user, widget["kind"])
        self.baseline_key += 1
        return success_toast(f"Baseline '{made.name}' created.")

    def _use_baseline(self, baseline_id: int | None, show: bool, message: str):  # noqa: ANN202
        page, project, widget_id = self.page, self._project_id(), self.baseline_widget_id
        self.baselines_open = False
        return self._change(
            lambda s, u: service.set_page_baseline(s, u, page, project, widget_id, baseline_id, show), message
        )

    @rx.event
    def overlay_baseline(self, baseline_id: str):
        """Compare the baseline with live data on the widget's chart."""
        return self._use_baseline(record_ref(baseline_id), False, "Baseline overlaid on live data.")

    @rx.event
    def display_baseline(self, baseline_id: str):
        """Show the baseline's frozen numbers as the widget's displayed version."""
        return self._use_baseline(record_ref(baseline_id), True, "Showing the baseline's frozen numbers.")

    @rx.event
    def live_only(self, widget_id: str):
        """Back to live data only on a widget."""
        self.baseline_widget_id = widget_id
        return self._use_baseline(None, False, "Showing live data.")

    @rx.event
    @action
    def delete_baseline(self, session: Session, user: User, baseline_id: str):
        """Delete a baseline (widgets showing it fall back to live data)."""
        widget = self._baseline_widget()
        baselines.delete_baseline(session, user, record_ref(baseline_id))
        if widget is not None:
            self._list_baselines(session, user, widget["kind"])
        self._show(session, user, service.page_widgets(session, user, self.page, self._project_id()))
        return success_toast("Baseline deleted.")


class TemplateActions(rx.State, mixin=True):
    """Page templates: save this page's layout under a name, apply one to this page."""

    template_save_open: bool = False
    template_apply_open: bool = False
    template_options: list[dict[str, str]] = []

    @rx.event
    @action
    def save_template(self, session: Session, user: User, form: dict):
        """Save this page's layout as a template anyone can apply."""
        made = service.save_template(session, user, form.get("name", ""), self.page, self._project_id())
        name = made.name
        self.template_save_open = False
        return success_toast(f"Template '{name}' saved.")

    @rx.event
    @action
    def open_apply_template(self, session: Session, user: User):
        """Offer the saved templates."""
        found = service.list_templates(session, user)
        self.template_options = options([(t.id, t.name) for t in found], None)
        self.template_apply_open = True

    @rx.event
    def apply_template(self, form: dict):
        """Replace this page's widgets by a copy of the chosen template's."""
        template_id, page, project = record_ref(form.get("template_id")), self.page, self._project_id()
        self.template_apply_open = False
        return self._change(
            lambda s, u: service.apply_template(s, u, template_id, page, project), "Template applied."
        )
