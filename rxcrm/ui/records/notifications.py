"""The notification centre: changes to records the user owns or follows."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.records.display_text import text
from rxcrm.services.records.notifications import list_notifications, mark_all_read, mark_read, unread_count
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, note
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.lists import empty_state, filter_switch, pager
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState


class NotificationsState(PagedList, AppState):
    """One page of the user's notifications."""

    rows: list[dict[str, str]] = []
    sort: str = "-at"
    unread_only: bool = False

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Fetch the current page and the unread count."""
        page = list_notifications(session, user, self.unread_only, self._window())
        self.total, self.unread = page.total, unread_count(session, user)
        self.rows = [
            {
                "id": str(n.id),
                "message": n.message,
                "at": text(n.at),
                "read": "yes" if n.read else "",
                "url": f"{routes.ENTITY_URLS.get(n.entity, '')}/{n.entity_id}",
            }
            for n in page.items
        ]

    def _filter_names(self) -> tuple[str, ...]:
        return ("unread_only",)

    @rx.event
    @action
    def open(self, session: Session, user: User, notification_id: str, url: str):
        """Mark a notification read and open its record."""
        mark_read(session, user, record_ref(notification_id))
        return rx.redirect(url)

    @rx.event
    @action
    def read_all(self, session: Session, user: User):
        """Mark every notification read."""
        marked = mark_all_read(session, user)
        return [success_toast(f"{marked} notifications marked read."), NotificationsState.load]


def _row(n: dict) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.cond(
                n["read"] == "",
                rx.box(width="8px", height="8px", border_radius="4px", background=rx.color("accent", 9)),
            ),
            rx.text(n["message"], size="2", weight=rx.cond(n["read"] == "", "bold", "regular")),
            rx.spacer(),
            note(n["at"]),
            align="center",
            spacing="3",
        ),
        on_click=NotificationsState.open(n["id"], n["url"]),
        cursor="pointer",
        width="100%",
        data_testid="notification-row",
    )


def notifications_content() -> rx.Component:
    """The list with 'unread only' and 'mark all read'."""
    s = NotificationsState
    return rx.vstack(
        rx.hstack(
            filter_switch(NotificationsState, "unread_only", "Unread only"),
            rx.spacer(),
            action_button("Mark all read", s.read_all, "notifications-read-all", variant="soft"),
            width="100%",
            align="center",
        ),
        rx.cond(
            s.rows.length() > 0,
            rx.vstack(rx.foreach(s.rows, _row), width="100%", spacing="2"),
            empty_state("Nothing new. You hear here about records you own or follow."),
        ),
        pager(s),
        width="100%",
        spacing="4",
    )


notifications_page = app_page("Notifications", notifications_content)
ON_LOAD = [AppState.require_login, NotificationsState.load]
