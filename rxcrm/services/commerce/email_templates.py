"""E-mail templates: everyone reads them, admins write them; subject and body use the quote tokens."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Contact, EmailTemplate, User
from rxcrm.db.types import utcnow
from rxcrm.documents.email_text import check_text, fill_text, one_line
from rxcrm.domain.commerce.email import clean_template
from rxcrm.domain.errors import Conflict, Forbidden, NotFound
from rxcrm.domain.records.validation import record_id
from rxcrm.services.commerce.email_view import record_view, visible_record
from rxcrm.services.people.access import get_visible
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import TEMPLATE_PAGE, ListWindow, Page

ENTITY = "email_template"


def _require_admin(actor: User) -> None:
    if actor.role != "admin":
        raise Forbidden("Only an administrator may change e-mail templates.")


def list_email_templates(session: Session, actor: User, window: ListWindow = TEMPLATE_PAGE) -> Page:
    """Every template by name (anyone logged in may choose one)."""
    order = (EmailTemplate.name, EmailTemplate.id)
    return window.fetch(session, select(EmailTemplate), order)


def get_email_template(session: Session, actor: User, template_id: Any) -> EmailTemplate:
    """One template."""
    number = record_id(template_id)
    template = session.get(EmailTemplate, number) if number is not None else None
    if template is None:
        raise NotFound(f"e-mail template {template_id} not found")
    return template


def _checked(session: Session, data: dict[str, Any], creating: bool, own_id: int | None = None) -> dict:
    values = clean_template(data, creating)
    for field in ("subject", "body"):
        if field in values:
            check_text(field, values[field])
    if "name" in values:
        same = select(EmailTemplate.id).where(EmailTemplate.name == values["name"])
        if session.exec(same).first() not in (None, own_id):
            raise Conflict("An e-mail template of that name exists already.", {"name": "is taken"})
    return values


def create_email_template(session: Session, actor: User, data: dict[str, Any]) -> EmailTemplate:
    """A new template (admins only); an unknown token is refused naming it."""
    _require_admin(actor)
    values = _checked(session, data, creating=True)
    return insert_record(session, ENTITY, EmailTemplate(**values, created_by_id=actor.id), actor)


def update_email_template(
    session: Session, actor: User, template_id: Any, data: dict[str, Any]
) -> EmailTemplate:
    """Change a template's name, subject or body (admins only)."""
    _require_admin(actor)
    template = get_email_template(session, actor, template_id)
    values = _checked(session, data, creating=False, own_id=template.id)
    if update_record(session, ENTITY, template, values, actor):
        template.updated_at = utcnow()
    return template


def delete_email_template(session: Session, actor: User, template_id: Any) -> None:
    """Remove a template (admins only); e-mails sent with it keep their text."""
    _require_admin(actor)
    delete_record(session, ENTITY, get_email_template(session, actor, template_id), actor)


def fill_template(
    session: Session, actor: User, subject: str, body: str, entity: str, entity_id: Any, contact_id: Any
) -> tuple[str, str]:
    """A subject and body filled from a record the user may see, addressed to a contact (the preview)."""
    record = visible_record(session, actor, entity, entity_id)
    recipient = get_visible(session, Contact, contact_id, actor, "contact") if contact_id else None
    view = record_view(session, actor, record, recipient)
    return one_line(fill_text("subject", subject, view)), fill_text("body", body, view)
