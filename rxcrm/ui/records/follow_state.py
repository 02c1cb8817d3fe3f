"""Follow / unfollow on record pages, and the record's follower list."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.records.followers import follow, followers_of, is_following, unfollow
from rxcrm.ui.actions import action, success_toast


class Followable(rx.State, mixin=True):
    """A record page's follow button; the page says which record it shows."""

    following: bool = False
    follower_names: list[str] = []

    def _followed(self) -> tuple[str, int]:
        """The entity name and id of the record on the page."""
        raise NotImplementedError

    def _load_followers(self, session: Session, user: User) -> None:
        entity, record_id = self._followed()
        self.follower_names = [u.name for u in followers_of(session, user, entity, record_id)]
        self.following = is_following(session, user, entity, record_id)

    @rx.event
    @action
    def toggle_follow(self, session: Session, user: User):
        """Follow the record, or stop following it."""
        entity, record_id = self._followed()
        (unfollow if self.following else follow)(session, user, entity, record_id)
        self._load_followers(session, user)
        return success_toast("You follow this record now." if self.following else "You no longer follow it.")


def follow_button(state: type) -> rx.Component:
    """Follow/unfollow with the number of followers; their names on hover."""
    return rx.tooltip(
        rx.button(
            rx.icon(rx.cond(state.following, "bell-off", "bell-plus"), size=14),
            rx.cond(state.following, "Unfollow", "Follow"),
            rx.badge(state.follower_names.length().to_string(), variant="soft"),
            variant="soft",
            on_click=state.toggle_follow,
            data_testid="follow-toggle",
        ),
        content="Followers: " + state.follower_names.join(", "),
    )


def followers_list(state: type, noun: str) -> rx.Component:
    """The Followers tab of a record page: one line per follower, or a note that nobody follows it."""
    return rx.cond(
        state.follower_names.length() > 0,
        rx.vstack(rx.foreach(state.follower_names, lambda n: rx.text(n, data_testid="follower-row"))),
        rx.text(f"Nobody follows this {noun} yet.", color_scheme="gray"),
    )
