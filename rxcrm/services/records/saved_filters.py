"""Saved filters / segments: list, save, change, delete, role defaults, and the default a list opens with.

The rules are in `rxcrm/domain/records/saved_filters.py`. A saved filter only holds list parameters: the
lists it is applied to still go through the access filter, so sharing one never widens access.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from rxcrm.db.models import SavedFilter, User
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.domain.records import saved_filters as rules
from rxcrm.domain.tickets.tickets import OPEN_OR_PENDING
from rxcrm.services.accounts import accounts
from rxcrm.services.leads import lifecycle as leads
from rxcrm.services.pipeline import opportunities
from rxcrm.services.tickets import tickets

SORTABLE = {
    "account": accounts.SORTABLE,
    "opportunity": opportunities.SORTABLE,
    "lead": leads.SORTABLE,
    "ticket": (),  # the inbox is always the most recently active first
}


def _visible_clause(user: User) -> Any:
    """The SQL form of `rules.can_see`."""
    conditions = [
        SavedFilter.user_id == user.id,
        SavedFilter.shared_with_role == user.role,
        SavedFilter.default_for_role == user.role,
    ]
    if rules.sees_all_role_defaults(user.role):
        conditions.append(SavedFilter.default_for_role.is_not(None))
    return or_(*conditions)


def list_saved_filters(session: Session, actor: User, entity: str) -> list[SavedFilter]:
    """The saved filters of one list the user sees, by name."""
    rules.check_entity(entity)
    statement = (
        select(SavedFilter)
        .where(SavedFilter.entity == entity, _visible_clause(actor))
        .order_by(SavedFilter.name, SavedFilter.id)
    )
    return list(session.exec(statement).all())


def get_saved_filter(session: Session, actor: User, filter_id: int) -> SavedFilter:
    """One saved filter the user sees."""
    saved = session.get(SavedFilter, filter_id)
    if saved is None or not rules.can_see(
        saved.user_id, saved.shared_with_role, saved.default_for_role, actor.id, actor.role
    ):
        raise NotFound("This saved filter does not exist or is not shared with you.")
    return saved


def _check_name_free(session: Session, user_id: int, entity: str, name: str, own_id: int | None) -> None:
    clash = session.exec(
        select(SavedFilter.id).where(
            SavedFilter.user_id == user_id, SavedFilter.entity == entity, SavedFilter.name == name
        )
    ).first()
    if clash is not None and clash != own_id:
        raise Conflict(
            f"A saved filter named '{name}' already exists: choose another name.", {"name": "taken"}
        )


def _clear_other_defaults(session: Session, saved: SavedFilter, values: dict[str, Any]) -> None:
    """A role, and a user, has at most one default per list."""
    others = select(SavedFilter).where(SavedFilter.entity == saved.entity, SavedFilter.id != saved.id)
    if values.get("default_for_role"):
        for other in session.exec(others.where(SavedFilter.default_for_role == values["default_for_role"])):
            other.default_for_role = None
    if values.get("is_default"):
        for other in session.exec(others.where(SavedFilter.user_id == saved.user_id, SavedFilter.is_default)):
            other.is_default = False


def _check_role_default_change(actor: User, saved: SavedFilter | None, values: dict[str, Any]) -> None:
    if "default_for_role" not in values:
        return
    current = saved.default_for_role if saved is not None else None
    if values["default_for_role"] != current and not rules.can_set_role_default(actor.role):
        raise Forbidden("Only an admin can choose a role's default filter.")


def create_saved_filter(session: Session, actor: User, data: dict[str, Any]) -> SavedFilter:
    """Save the current view of a list under a name, for oneself or shared with a role."""
    entity = rules.check_entity(data.get("entity"))
    values = rules.validate_saved_filter(data, entity, SORTABLE[entity], creating=True)
    _check_role_default_change(actor, None, values)
    _check_name_free(session, actor.id, entity, values["name"], None)
    saved = SavedFilter(user_id=actor.id, entity=entity, **values)
    session.add(saved)
    session.flush()
    _clear_other_defaults(session, saved, values)
    session.flush()
    return saved


def update_saved_filter(session: Session, actor: User, filter_id: int, data: dict[str, Any]) -> SavedFilter:
    """Rename, re-share or change a saved filter (its owner or an admin)."""
    saved = get_saved_filter(session, actor, filter_id)
    if not rules.can_manage(saved.user_id, actor.id, actor.role):
        raise Forbidden("Only the owner of this saved filter or an admin can change it.")
    if data.get("entity", saved.entity) != saved.entity:
        raise ValidationFailed.from_fields({"entity": "cannot change: save a new filter for another list"})
    values = rules.validate_saved_filter(data, saved.entity, SORTABLE[saved.entity], creating=False)
    _check_role_default_change(actor, saved, values)
    if "name" in values:
        _check_name_free(session, saved.user_id, saved.entity, values["name"], saved.id)
    for field, value in values.items():
        setattr(saved, field, value)
    _clear_other_defaults(session, saved, values)
    session.add(saved)
    session.flush()
    return saved


def set_role_default(session: Session, actor: User, filter_id: int, role: str | None) -> SavedFilter:
    """Admin makes a saved filter the one every user of a role opens the list with (None: no longer)."""
    return update_saved_filter(session, actor, filter_id, {"default_for_role": role})


def delete_saved_filter(session: Session, actor: User, filter_id: int) -> None:
    """Remove a saved filter (its owner or an admin)."""
    saved = get_saved_filter(session, actor, filter_id)
    if not rules.can_manage(saved.user_id, actor.id, actor.role):
        raise Forbidden("Only the owner of this saved filter or an admin can delete it.")
    session.delete(saved)
    session.flush()


def default_filter_for(session: Session, user: User, entity: str) -> SavedFilter | None:
    """The filter a list opens with for this user: his/her own default, else the role's default."""
    rules.check_entity(entity)
    base = select(SavedFilter).where(SavedFilter.entity == entity)
    own = session.exec(base.where(SavedFilter.user_id == user.id, SavedFilter.is_default)).first()
    role = session.exec(base.where(SavedFilter.default_for_role == user.role)).first()
    return rules.resolve_default(own, role)


def _saved_params(params: dict[str, Any], actor: User, names: tuple[str, ...]) -> dict[str, Any]:
    """The saved search and named parameters, with the owner ("me" or an id) for the user applying them."""
    values = {name: params.get(name) for name in ("q", *names)}
    return {**values, "owner_id": rules.owner_param(params.get("owner_id"), actor.id)}


def account_filter(params: dict[str, Any], actor: User) -> accounts.AccountFilter:
    """The accounts list filter that saved parameters stand for, for the user applying them."""
    favourites_of = actor.id if params.get("favourites") else None
    values = _saved_params(params, actor, ("type", "group_id", "key_account"))
    return accounts.AccountFilter(**values, favourites_of=favourites_of)


def opportunity_filter(params: dict[str, Any], actor: User) -> opportunities.OpportunityFilter:
    """The opportunities list filter that saved parameters stand for, for the user applying them."""
    names = ("stage_id", "status", "tag", "pipeline_id")
    return opportunities.OpportunityFilter(**_saved_params(params, actor, names))


def lead_filter(params: dict[str, Any], actor: User) -> leads.LeadFilter:
    """The leads list filter that saved parameters stand for, for the user applying them."""
    return leads.LeadFilter(**_saved_params(params, actor, ("state", "campaign_id", "source")))


def ticket_filter(params: dict[str, Any], actor: User) -> tickets.TicketFilter:
    """The inbox filter that saved parameters stand for: 'me' is the user applying them, 'unassigned'
    the tickets nobody is responsible for, 'open_or_pending' every ticket not closed."""
    assignee, status = params.get("assignee_id"), params.get("status")
    return tickets.TicketFilter(
        assignee_id=rules.owner_param(assignee, actor.id),
        unassigned=assignee == rules.UNASSIGNED,
        status=None if status == OPEN_OR_PENDING else status,
        open_only=status == OPEN_OR_PENDING,
        q=params.get("q"),
    )
