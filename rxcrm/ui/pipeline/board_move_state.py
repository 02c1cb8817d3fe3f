"""The pipeline board's moves: a card dropped on a column or sent by the move dialog; lost asks why."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.services.pipeline import board as service
from rxcrm.services.pipeline.moves import move_opportunity, stage_needs_reason
from rxcrm.services.pipeline.stages import get_stage
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.conversion import optional_id
from rxcrm.ui.form_errors import problem_on


class BoardMoving(rx.State, mixin=True):
    """Mixed into the board's state: the one move dialog, drops, and the lost-reason dialog."""

    lost_open: bool = False
    move_open: bool = False
    move_card_id: str = ""
    move_deal: str = ""
    lost_deal: str = ""
    lost_error: str = ""
    _pending_lost: list[int] = []

    @rx.event
    def open_move(self, card_id: str, deal: str):
        """The card's 'Move to' button: the board's one move dialog, for this card."""
        self.move_card_id, self.move_deal, self.move_open = card_id, deal, True

    @rx.event
    def close_move(self):
        """The move dialog was cancelled: nothing moves."""
        self.move_open = False

    @rx.event
    def move_to(self, stage_id: str):
        """A stage picked in the move dialog: the same move as a drop on its column."""
        self.move_open = False
        return self._drop(self.move_card_id, stage_id)

    @rx.event
    def drop(self, card_id: str, stage_id: str):
        """A card was dropped on a column: move the deal (a lost column first asks why)."""
        return self._drop(card_id, stage_id)

    @action(reload="load")
    def _drop(self, session: Session, user: User, card_id: str, stage_id: str):  # noqa: ANN202
        deal_id, target = optional_id(card_id), optional_id(stage_id)
        if deal_id is None or target is None:
            return None
        if stage_needs_reason(session, target):
            self._pending_lost, self.lost_open, self.lost_error = [deal_id, target], True, ""
            self.lost_deal = service.deal_name(session, user, deal_id)
            return None
        return self._move(session, user, deal_id, target, None)

    def _move(self, session: Session, user: User, deal_id: int, target: int, reason: str | None):
        before = service.deal_stage(session, user, deal_id)
        if before == target:
            return None
        deal = move_opportunity(session, user, deal_id, target, reason)
        self._refresh(session, user, {before, target})
        self._echo = sorted({before, target})
        return success_toast(f"'{deal.name}' moved to {get_stage(session, target).name}.")

    @rx.event
    def confirm_lost(self, form: dict):
        """Move the deal to the lost column with the reason given."""
        if len(self._pending_lost) != 2:
            return None
        deal_id, target = self._pending_lost
        try:
            with acting(self.token) as (session, user):
                toast = self._move(session, user, deal_id, target, str(form.get("reason", "")))
        except DomainError as exc:
            self.lost_error = problem_on(exc, "reason", "lost_reason")
            return failure_toast(exc)
        self.lost_open, self._pending_lost, self.lost_error = False, [], ""
        return toast

    @rx.event
    def cancel_lost(self):
        """Keep the deal where it was."""
        self.lost_open, self._pending_lost, self.lost_error = False, [], ""

    @rx.event
    def clear_lost_error(self):
        """The user is typing a reason: the 'say why' mark goes (the next confirm judges it again)."""
        if self.lost_error:
            self.lost_error = ""
