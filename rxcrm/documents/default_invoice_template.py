"""Builds the default invoice template shipped as assets/quote_templates/default_invoice.docx.

Run `python -m rxcrm.documents.default_invoice_template` after changing it and commit the .docx; a
test checks that the committed file is what this builder makes. Its look is the default quote's.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from rxcrm.documents.default_template import (
    ACCENT,
    ACCENT_HEX,
    GREY,
    SHADE_HEX,
    _borders,
    _cell_text,
    _line,
    _shade,
    address_and_facts,
    build_document,
    sign_off,
    write_asset,
)
from rxcrm.documents.default_template import ASSET as QUOTE_ASSET

ASSET = QUOTE_ASSET.with_name("default_invoice.docx")
FACTS = (
    ("Invoice no.", "{{ invoice.number }}"),
    ("Invoice date", "{{ invoice.issue_date }}"),
    ("Due date", "{{ invoice.due_date }}"),
    ("Status", "{{ invoice.status }}"),
    ("Opportunity", "{{ opportunity.name }}"),
    ("Your contact", "{{ owner.name }}"),
)


def _heading(document: DocumentObject) -> None:
    _line(document, "Invoice {{ invoice.number }}", 20, bold=True, color=ACCENT)
    _line(document, "{{ owner.name }} · {{ owner.email }}", 9, color=GREY)
    document.add_paragraph()


def _body(document: DocumentObject) -> None:
    address_and_facts(document, FACTS)
    document.add_paragraph()
    _line(
        document,
        "{% if contact.name %}Dear {{ contact.name }},{% else %}Dear Sir or Madam,{% endif %}",
    )
    _line(document, "for {{ invoice.billed }} we invoice you as follows:").paragraph_format.space_after = Pt(
        8
    )
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    _borders(table, top=(ACCENT_HEX, 8), bottom=(ACCENT_HEX, 12))
    label, amount = table.rows[0].cells
    label.width, amount.width = Cm(4.5), Cm(5)
    _cell_text(label, "Amount due", size=11, bold=True)
    _cell_text(amount, "{{ invoice.amount }} {{ invoice.currency }}", right=True, size=11, bold=True)
    _shade(label, SHADE_HEX)
    _shade(amount, SHADE_HEX)


def _closing(document: DocumentObject) -> None:
    document.add_paragraph()
    _line(document, "Please pay {{ invoice.amount }} {{ invoice.currency }} by {{ invoice.due_date }},")
    _line(document, "quoting the invoice number {{ invoice.number }}.")
    sign_off(document, "Invoice {{ invoice.number }} · {{ account.name }} · {{ today }}")


def build_default_invoice_template() -> bytes:
    """The default invoice template as .docx bytes."""
    return build_document("Invoice", (_heading, _body, _closing))


def main() -> None:
    """Write the default invoice template into assets/."""
    write_asset(ASSET, build_default_invoice_template())


if __name__ == "__main__":
    main()
