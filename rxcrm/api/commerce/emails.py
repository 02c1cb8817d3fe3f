"""REST: e-mail templates, sending an e-mail from a record, the e-mail log and the outbox."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Response

from rxcrm.api.deps import DB, Actor, PageWindow, UnitOpener, bearer_token, open_unit
from rxcrm.api.serialize import file_answer, page_body, public
from rxcrm.db.models import Email
from rxcrm.db.schemas.mail import (
    EmailCreate,
    EmailPreview,
    EmailPreviewCreate,
    EmailPublic,
    EmailSent,
    EmailTemplateCreate,
    EmailTemplatePublic,
    EmailTemplateUpdate,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.records.validation import MAX_ID
from rxcrm.services.commerce import email_sending, email_templates, emails

router = APIRouter(tags=["e-mail"])
Token = Annotated[str | None, Depends(bearer_token)]
Opener = Annotated[UnitOpener, Depends(open_unit)]
EML = "message/rfc822"


def _sent(email: Email) -> EmailSent:
    return EmailSent(id=email.id, to=email.to, subject=email.subject, status=email.status, error=email.error)


@router.get("/email-templates", response_model=Page[EmailTemplatePublic])
def list_templates(session: DB, actor: Actor, window: PageWindow) -> dict:
    """Every e-mail template by name."""
    return page_body(email_templates.list_email_templates(session, actor, window.page))


@router.post("/email-templates", status_code=201, response_model=EmailTemplatePublic)
def create_template(body: EmailTemplateCreate, session: DB, actor: Actor) -> dict:
    """A new template (admins); an unknown token is refused naming it (422)."""
    return public(email_templates.create_email_template(session, actor, body.model_dump()))


@router.post("/email-templates/preview", response_model=EmailPreview)
def preview(body: EmailPreviewCreate, session: DB, actor: Actor) -> EmailPreview:
    """A template (or the subject and body given) filled from a record the user may see."""
    template = (
        email_templates.get_email_template(session, actor, body.template_id) if body.template_id else None
    )
    subject = body.subject if body.subject is not None else (template.subject if template else "")
    text = body.body if body.body is not None else (template.body if template else "")
    filled = email_templates.fill_template(
        session, actor, subject, text, body.entity, body.entity_id, body.contact_id
    )
    return EmailPreview(subject=filled[0], body=filled[1])


@router.get("/email-templates/{template_id}", response_model=EmailTemplatePublic)
def read_template(template_id: int, session: DB, actor: Actor) -> dict:
    """One e-mail template."""
    return public(email_templates.get_email_template(session, actor, template_id))


@router.patch("/email-templates/{template_id}", response_model=EmailTemplatePublic)
def update_template(template_id: int, body: EmailTemplateUpdate, session: DB, actor: Actor) -> dict:
    """Change a template (admins)."""
    changes = body.model_dump(exclude_unset=True)
    return public(email_templates.update_email_template(session, actor, template_id, changes))


@router.delete("/email-templates/{template_id}", status_code=204)
def delete_template(template_id: int, session: DB, actor: Actor) -> Response:
    """Remove a template (admins)."""
    email_templates.delete_email_template(session, actor, template_id)
    return Response(status_code=204)


@router.post("/emails", status_code=201, response_model=EmailSent)
async def send(body: EmailCreate, token: Token, opener: Opener) -> EmailSent:
    """Send an e-mail to a contact from a record (SMTP, or the outbox); a failure answers status 'failed'."""
    data = body.model_dump(exclude_unset=True)
    return _sent(await to_thread.run_sync(email_sending.send_email, token, data, opener))


@router.post("/emails/{email_id}/retry", response_model=EmailSent)
async def retry(email_id: int, token: Token, opener: Opener) -> EmailSent:
    """Send a failed e-mail again (one already sent: 409)."""
    return _sent(await to_thread.run_sync(email_sending.retry_email, token, email_id, opener))


@router.get("/emails", response_model=Page[EmailPublic])
def list_emails(
    session: DB,
    actor: Actor,
    window: PageWindow,
    entity: Annotated[str | None, Query(max_length=20)] = None,
    entity_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    status: Annotated[str | None, Query(max_length=10)] = None,
) -> dict:
    """A record's e-mails, newest first (without a record: every e-mail, admins only)."""
    page = emails.list_emails(session, actor, entity, entity_id, status, window.page)
    return page_body(page)


@router.get("/emails/{email_id}", response_model=EmailPublic)
def read_email(email_id: int, session: DB, actor: Actor) -> dict:
    """One e-mail of a record the user may see."""
    return public(emails.get_email(session, actor, email_id))


@router.get(
    "/emails/{email_id}/download", response_class=Response, responses=file_answer("The message.", EML)
)
def download_eml(email_id: int, session: DB, actor: Actor) -> Response:
    """The .eml of an e-mail in the outbox folder (admins)."""
    filename, data = emails.outbox_file(session, actor, email_id)
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(content=data, media_type=EML, headers=headers)
