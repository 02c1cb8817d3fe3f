"""The owner filter of a list: type a name to narrow the list to that person, × for all owners, or "Me".

The page keeps its `owner_filter` as before ("none", "me" or a user id, the form a saved view stores);
this mixin only names it for the lookup, so a saved view or a link that sets the filter shows its owner.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.saved_filters import ME
from rxcrm.domain.records.validation import record_id
from rxcrm.services.records.lookups import record_label
from rxcrm.ui.components.conversion import NONE
from rxcrm.ui.components.lookup import record_lookup

ME_LABEL = "Me"


def owner_filter_label(session: Session, user: User, value: str) -> str:
    """What the owner filter shows: "Me", the owner's name, or nothing (all owners, or unseen)."""
    if value == ME:
        return ME_LABEL
    linked = record_id(value)
    return record_label(session, user, "user", linked) if linked is not None else ""


class OwnerFilterable(rx.State, mixin=True):
    """A list narrowed by owner: the filter value the page keeps, and the name the lookup shows for it."""

    owner_filter: str = NONE
    owner_filter_label: str = ""

    def _show_owner_filter(self, session: Session, user: User) -> None:
        """Name the owner filtered by; a filter on someone the user may not see falls back to all owners."""
        self.owner_filter_label = owner_filter_label(session, user, self.owner_filter)
        if not self.owner_filter_label:
            self.owner_filter = NONE


def owner_filter(state: type, testid: str, key: str, setter: str = "set_filter") -> rx.Component:
    """The owner lookup (box `testid`, matches `<testid>-option-<id>`) and its "Me" button `<testid>-me`."""
    chosen = state.owner_filter_label != ""
    set_owner = getattr(state, setter)
    return rx.hstack(
        rx.box(
            record_lookup(
                "Owner",
                "",
                key,
                "user",
                placeholder="All owners",
                on_pick=lambda value: set_owner("owner_filter", value),
                testids=(testid, f"{testid}-option-"),
                show_label=False,
                chosen=(rx.cond(chosen, state.owner_filter, ""), state.owner_filter_label),
            ),
            width="190px",
        ),
        rx.button(
            ME_LABEL,
            type="button",
            size="2",
            variant=rx.cond(state.owner_filter == ME, "solid", "soft"),
            on_click=set_owner("owner_filter", ME),
            title="Only my records (a saved view follows whoever opens it)",
            aria_label="Only my records",
            data_testid=f"{testid}-me",
        ),
        spacing="1",
        align="center",
    )
