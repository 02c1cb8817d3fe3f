"""Managing the team: admins create and change users; anybody reads the directory."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, or_, true
from sqlmodel import Session, select

from rxcrm.db.models import Partner, User
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.domain.people.reads import is_external
from rxcrm.domain.people.users import normalize_email, validate_user
from rxcrm.services.people.auth import hash_password, revoke_sessions
from rxcrm.services.records.changes import insert_record, update_record
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, searched, sort_clause

USER_FIELDS = ("email", "name", "role", "access_level", "partner_id", "team", "active")


def require_admin(actor: User, action: str) -> None:
    """Only admins manage users, settings and configuration."""
    if actor.role != "admin":
        raise Forbidden(f"Only an admin can {action}.")


def directory_clause(viewer: User) -> Any:
    """The users a viewer may see: everyone for internal users, his/her partner's for an external one."""
    if not is_external(viewer.role, viewer.partner_id):
        return true()
    own = User.partner_id == viewer.partner_id if viewer.partner_id is not None else false()
    return or_(User.id == viewer.id, own)


def list_users(
    session: Session,
    viewer: User,
    q: str | None = None,
    window: ListWindow = FIRST_PAGE,
    active: bool | None = None,
    role: str | None = None,
) -> Page:
    """The directory the viewer may see, searchable by name and e-mail, optionally narrowed to one role."""
    statement = select(User).where(directory_clause(viewer))
    statement = searched(statement, q, User.name, User.email)
    if active is not None:
        statement = statement.where(User.active.is_(active))
    if role is not None:
        statement = statement.where(User.role == role)
    order = sort_clause(User, window.sort, ("name", "email", "role", "created_at"), "name")
    return window.fetch(session, statement, order)


def get_user(session: Session, user_id: int, viewer: User | None = None) -> User:
    """One user by id ('not found' when the viewer, if given, may not see him/her)."""
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or (viewer is not None and not _sees(viewer, user)):
        raise NotFound(f"user {user_id} not found")
    return user


def _sees(viewer: User, user: User) -> bool:
    if not is_external(viewer.role, viewer.partner_id):
        return True
    return user.id == viewer.id or (viewer.partner_id is not None and user.partner_id == viewer.partner_id)


def owner_clause(viewer: User) -> Any:
    """The users a viewer may pick as owner: active staff, or a partner user's own partner's users."""
    rule = and_(User.active.is_(True), directory_clause(viewer))
    if not is_external(viewer.role, viewer.partner_id):
        rule = and_(rule, User.role != "partner", User.partner_id.is_(None))
    return rule


def _check_references(session: Session, data: dict[str, Any], user_id: int | None) -> None:
    if data.get("partner_id") is not None and session.get(Partner, data["partner_id"]) is None:
        raise ValidationFailed.from_fields({"partner_id": "no such partner"})
    if "email" in data:
        clash = session.exec(select(User.id).where(User.email == data["email"])).first()
        if clash is not None and clash != user_id:
            raise Conflict("A user with this e-mail already exists.", {"email": "is already taken"})


def create_user(session: Session, actor: User | None, data: dict[str, Any]) -> User:
    """Add a user with a hashed password; `actor` None is the command line's bootstrap."""
    if actor is not None:
        require_admin(actor, "add users")
    validate_user(data, creating=True)
    values = {k: data[k] for k in USER_FIELDS if data.get(k) is not None}
    values["email"] = normalize_email(values["email"])
    values["name"] = values["name"].strip()
    _check_references(session, values, None)
    user = User(**values, password_hash=hash_password(data["password"]))
    return insert_record(session, "user", user, actor)


def update_user(session: Session, actor: User, user_id: int, data: dict[str, Any]) -> User:
    """Admin changes a user's details, role, access level or password."""
    require_admin(actor, "change users")
    user = get_user(session, user_id)
    validate_user(data, creating=False)
    values = {k: data[k] for k in USER_FIELDS if k in data}
    if "email" in values:
        values["email"] = normalize_email(values["email"])
    for required in ("email", "name", "role", "access_level", "active"):
        if required in values and values[required] is None:
            raise ValidationFailed.from_fields({required: "is required"})
    if user.id == actor.id and (values.get("active") is False or values.get("role", "admin") != "admin"):
        raise ValidationFailed.from_fields({"role": "you cannot demote or deactivate yourself"})
    _check_references(session, values, user.id)
    if data.get("password") is not None:
        values["password_hash"] = hash_password(data["password"])
    update_record(session, "user", user, values, actor)
    if "password_hash" in values or values.get("active") is False:
        revoke_sessions(session, user.id)  # a changed password or a deactivation ends every open session
    return user


def user_names(session: Session, viewer: User) -> dict[int, str]:
    """The display names by id of the users a viewer may know of (a partner user: his/her partner's)."""
    statement = select(User.id, User.name).where(directory_clause(viewer))
    return {uid: name for uid, name in session.exec(statement).all()}


def require_active_admin(session: Session) -> None:
    """A production start needs someone who can log in and configure the CRM."""
    admin = session.exec(select(User.id).where(User.role == "admin", User.active.is_(True))).first()
    if admin is None:
        raise Conflict(
            "No active administrator: create one with "
            "`rxcrm create-admin --email … --password …` before serving."
        )
