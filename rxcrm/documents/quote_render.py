"""Filling a Word quote template with a quote: a view model in, the bytes of a .docx out."""

from __future__ import annotations

import io
import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from jinja2 import TemplateError

from rxcrm.documents.quote_document import QuoteDocument
from rxcrm.documents.quote_template import open_template, refuse, sandbox

T = TypeVar("T")
# Characters XML (and so Word) cannot hold, plus the C1 controls; docxtpl turns \n into line breaks.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def printable(text: str) -> str:
    """Text Word can show: line breaks kept, tabs as spaces, every other control character removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return UNPRINTABLE.sub("", text)


def cleaned(value: T) -> T:
    """A view model (or part of one) whose every text is printable."""
    if isinstance(value, str):
        return printable(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(cleaned(v) for v in value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: cleaned(getattr(value, f.name)) for f in fields(value)})
    return value


def context_of(document: QuoteDocument) -> dict[str, Any]:
    """The names a template sees: the view model's top-level fields."""
    clean = cleaned(document)
    return {f.name: getattr(clean, f.name) for f in fields(clean)}


def render_quote(template: bytes, document: QuoteDocument) -> bytes:
    """The .docx of a quote: every token of the template filled in, in Jinja's sandbox."""
    docx = open_template(template)
    try:
        docx.render(context_of(document), jinja_env=sandbox(), autoescape=True)
    except TemplateError as exc:
        raise refuse(f"cannot be filled in: {exc}") from None
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()
