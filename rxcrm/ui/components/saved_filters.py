"""Saved filters on list pages: pick a saved view, save the current one, open with the default view."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import SavedFilter, User
from rxcrm.domain.people.users import ROLE_LABELS, ROLES
from rxcrm.domain.records.saved_filters import ME
from rxcrm.services.records import saved_filters as service
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, toolbar
from rxcrm.ui.components.conversion import NONE, flag, optional_id, record_ref
from rxcrm.ui.components.forms import named_input, option_select, with_label

SHARE_OPTIONS = [{"value": NONE, "label": "Only me"}] + [
    {"value": r, "label": f"Share with role {ROLE_LABELS[r]}"} for r in ROLES
]
ROLE_DEFAULT_OPTIONS = [{"value": NONE, "label": "No role default"}] + [
    {"value": r, "label": f"Default for {ROLE_LABELS[r]}"} for r in ROLES
]


def owner_choice(value: str) -> int | str | None:
    """The owner filter in saved-filter form: an id, 'me', or nothing."""
    return ME if value == ME else optional_id(value)


def _label(saved: SavedFilter, user: User) -> str:
    notes = [] if saved.user_id == user.id else ["shared"]
    if saved.default_for_role:
        notes.append(f"default for {ROLE_LABELS.get(saved.default_for_role, saved.default_for_role)}")
    return saved.name + (f" ({', '.join(notes)})" if notes else "")


class SavedFilterable(rx.State, mixin=True):
    """A list page's saved views; the page says which list it is and how its filters read and show."""

    saved_filter_options: list[dict[str, str]] = []
    saved_filter_id: str = ""
    saved_filter_name: str = ""
    _saved_default_applied: bool = False
    _saved_views: dict[str, dict[str, Any]] = {}

    def _saved_entity(self) -> str:
        """The list the page shows: 'account', 'opportunity', 'lead' or 'ticket'."""
        raise NotImplementedError

    def _view_params(self) -> dict[str, Any]:
        """The page's current filter parameters, in saved-filter form."""
        raise NotImplementedError

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        """Set the page's filter vars from saved parameters and sort."""
        raise NotImplementedError

    def _after_saved_views(self, session: Session, user: User) -> None:
        """What a page adds once its saved views are read (the inbox counts their tickets)."""

    def _show_saved(self, saved: SavedFilter) -> None:
        self._show_params(saved.params, saved.sort)
        self.saved_filter_id, self.saved_filter_name, self.offset = str(saved.id), saved.name, 0

    def _prepare_saved_filters(self, session: Session, user: User) -> None:
        """Load the saved views; the first time, open with the user's (or the role's) default view."""
        entity = self._saved_entity()
        if not self._saved_default_applied:
            self._saved_default_applied = True
            default = service.default_filter_for(session, user, entity)
            if default is not None:
                self._show_saved(default)
        filters = service.list_saved_filters(session, user, entity)
        self.saved_filter_options = [{"value": str(f.id), "label": _label(f, user)} for f in filters]
        self._saved_views = {str(f.id): {"params": f.params, "sort": f.sort, "name": f.name} for f in filters}
        if not self._shows_saved_view(self._saved_views.get(self.saved_filter_id)):
            self.saved_filter_id = ""
        self.saved_filter_name = self._saved_views.get(self.saved_filter_id, {}).get("name", "")
        self._after_saved_views(session, user)

    def _shows_saved_view(self, view: dict[str, Any] | None) -> bool:
        """Whether the list still shows a saved view (the choice is cleared once the user changes it)."""
        if view is None:
            return False
        current = {k: v for k, v in self._view_params().items() if v is not None}
        return current == view["params"] and view["sort"] in (None, self.sort)

    @rx.event
    @action
    def apply_saved_filter(self, session: Session, user: User, value: str):
        """Show the list as the chosen saved view narrows and sorts it."""
        self._show_saved(service.get_saved_filter(session, user, record_ref(value)))
        return self._reload()

    @rx.event
    @action
    def save_current_view(self, session: Session, user: User, form: dict):
        """Save the list's current filters and sort under a name, optionally shared with a role."""
        data = {
            "entity": self._saved_entity(),
            "name": form.get("view_name", ""),
            "params": self._view_params(),
            "sort": self.sort,
            "shared_with_role": None if form.get("share", NONE) == NONE else form.get("share"),
            "is_default": flag(form, "is_default"),
        }
        if form.get("role_default", NONE) != NONE:
            data["default_for_role"] = form.get("role_default")
        saved = service.create_saved_filter(session, user, data)
        self.saved_filter_id = str(saved.id)
        self._prepare_saved_filters(session, user)
        return success_toast(f"View '{saved.name}' saved.")

    @rx.event
    @action
    def rename_saved_filter(self, session: Session, user: User, form: dict):
        """Give the chosen saved view another name (its owner or an admin)."""
        if not self.saved_filter_id:
            return None
        changes = {"name": form.get("view_name", "")}
        saved = service.update_saved_filter(session, user, record_ref(self.saved_filter_id), changes)
        self._prepare_saved_filters(session, user)
        return success_toast(f"View renamed to '{saved.name}'.")

    @rx.event
    @action
    def delete_saved_filter(self, session: Session, user: User):
        """Delete the chosen saved view (its owner or an admin)."""
        if not self.saved_filter_id:
            return None
        service.delete_saved_filter(session, user, record_ref(self.saved_filter_id))
        self.saved_filter_id = ""
        self._prepare_saved_filters(session, user)
        return success_toast("Saved view deleted.")


def _rename_form(state: type) -> rx.Component:
    return rx.form(
        toolbar(
            named_input(
                "view_name",
                "New name…",
                "saved-filter-rename-name",
                "180px",
                "New name of the view",
                default_value=state.saved_filter_name,
            ),
            action_button("Rename", None, "saved-filter-rename-save", variant="soft", type="submit"),
        ),
        on_submit=state.rename_saved_filter,
        reset_on_submit=True,
    )


def _chosen_view_actions(state: type) -> rx.Component:
    """Rename and delete the saved view the list shows (nothing while it shows none)."""
    rename = rx.popover.root(
        rx.popover.trigger(
            rx.icon_button(
                rx.icon("pencil", size=14),
                variant="ghost",
                title="Rename this saved view",
                aria_label="Rename this saved view",
                data_testid="saved-filter-rename",
            )
        ),
        rx.popover.content(_rename_form(state)),
    )
    delete = rx.icon_button(
        rx.icon("trash-2", size=14),
        variant="ghost",
        color_scheme="red",
        on_click=state.delete_saved_filter,
        title="Delete this saved view",
        aria_label="Delete this saved view",
        data_testid="saved-filter-delete",
    )
    return rx.cond(state.saved_filter_id != "", rx.hstack(rename, delete, align="center", spacing="2"))


def _picker(state: type) -> rx.Component:
    return rx.hstack(
        rx.icon("bookmark", size=16),
        option_select(
            state.saved_filter_options,
            "saved-filter-select",
            "Saved views",
            aria_label="Saved views",
            trigger={"min_width": "200px"},
            value=state.saved_filter_id,
            on_change=state.apply_saved_filter,
        ),
        _chosen_view_actions(state),
        align="center",
        spacing="2",
    )


def _save_form(state: type) -> rx.Component:
    role_default = option_select(
        ROLE_DEFAULT_OPTIONS,
        "saved-filter-role-default",
        aria_label="Default view for a role",
        name="role_default",
        default_value=NONE,
    )
    my_default = rx.checkbox(
        name="is_default", aria_label="My default", data_testid="saved-filter-my-default"
    )
    return rx.form(
        toolbar(
            named_input("view_name", "Name this view…", "saved-filter-name", "180px", "Name of the view"),
            option_select(
                SHARE_OPTIONS, "saved-filter-share", aria_label="Share with", name="share", default_value=NONE
            ),
            rx.cond(state.is_admin, role_default),
            with_label(my_default, "My default", spacing="1"),
            action_button("Save current view…", None, "saved-filter-save", variant="soft", type="submit"),
        ),
        on_submit=state.save_current_view,
        reset_on_submit=True,
    )


def saved_filter_bar(state: type) -> rx.Component:
    """Saved views of a list: pick one to apply it, or save the current filters and sort under a name."""
    return toolbar(
        _picker(state),
        rx.spacer(),
        _save_form(state),
        width="100%",
        spacing="3",
        data_testid="saved-filter-bar",
    )


def saved_view_controls(state: type, picker: bool = True) -> rx.Component:
    """Saved views in a compact form for a page's filter bar: the picker (or, where the page shows the
    views itself, rename and delete of the chosen one), and 'Save view' in a popover."""
    opener = action_button("Save view", None, "saved-filter-open-save", icon="bookmark-plus", variant="soft")
    return rx.fragment(
        _picker(state) if picker else _chosen_view_actions(state),
        rx.popover.root(
            rx.popover.trigger(opener),
            rx.popover.content(_save_form(state), max_width="560px"),
        ),
    )
