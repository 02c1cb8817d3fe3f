"""E-mail templates: a subject and a body of plain text with the quote tokens, filled in Jinja's sandbox.

The same tokens as a quote document (`{{ account.name }}`, `{{ contact.name }}`, `{{ owner.name }}`…),
checked the same way: a template naming an unknown token is refused with the token named.
"""

from __future__ import annotations

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from rxcrm.documents.quote_document import QuoteDocument
from rxcrm.documents.quote_render import context_of
from rxcrm.documents.quote_template import unknown_tokens
from rxcrm.domain.errors import ValidationFailed


def text_sandbox() -> SandboxedEnvironment:
    """The environment e-mail texts are compiled in: plain text (no escaping), no '_' attributes."""
    return SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


def check_text(field: str, source: str) -> None:
    """Refuse a subject or body with a template error or an unknown token (the problem on `field`)."""
    environment = text_sandbox()
    try:
        tree = environment.parse(source)
        environment.compile(tree)
    except TemplateSyntaxError as exc:
        raise ValidationFailed.from_fields({field: f"has a template error: {exc.message}"}) from None
    unknown = unknown_tokens(tree)
    if unknown:
        names = ", ".join(f"'{u}'" for u in unknown)
        raise ValidationFailed.from_fields({field: f"uses unknown token {names}; see the list of tokens"})


def fill_text(field: str, source: str, document: QuoteDocument) -> str:
    """The text with every token filled from the record's view model."""
    check_text(field, source)
    try:
        return text_sandbox().from_string(source).render(context_of(document))
    except TemplateError as exc:
        raise ValidationFailed.from_fields({field: f"cannot be filled in: {exc}"}) from None


def one_line(text: str) -> str:
    """A filled-in subject on one line (a header never carries a line break)."""
    return " ".join(text.split())
