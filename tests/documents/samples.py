"""Quote documents and templates the document tests fill in."""

from __future__ import annotations

import io

from docx import Document

from rxcrm.documents.quote_document import (
    AccountBlock,
    ContactBlock,
    ItemLine,
    OpportunityBlock,
    OwnerBlock,
    QuoteBlock,
    QuoteDocument,
)


def sample_document(items: int = 3, account_name: str = "Müller & Co <GmbH>", **blocks) -> QuoteDocument:  # noqa: ANN003
    """A quote with `items` numbered lines and a rounding line."""
    lines = tuple(
        ItemLine(str(n), f"Product {n:03d}", f"Line {n} description", "2", "piece", "50.00", "10 %", "90.00")
        for n in range(1, items + 1)
    ) + (ItemLine(name="Rounding", total="-0.50"),)
    values = {
        "account": AccountBlock(
            account_name, "Hauptstraße 5", "10115", "Berlin", "10115 Berlin", "Germany", "DE123456789"
        ),
        "contact": ContactBlock("Jane Doe", "jane@example.com", "+49 30 1234"),
        "opportunity": OpportunityBlock("Office roll-out", "31 Jan 2027"),
        "owner": OwnerBlock("Rita Rep", "rita@example.com"),
        "quote": QuoteBlock(
            "Roll-out offer", "Q-00042", "EUR", "Acme Software", "1 Dec 2026", "31 Dec 2026", "1 Dec 2026"
        ),
        "items": lines,
        "subtotal": "300.00",
        "discount_total": "30.00",
        "total": "269.50",
        "today": "5 Dec 2026",
        **blocks,
    }
    return QuoteDocument(**values)


def docx_text(data: bytes) -> str:
    """Every text of a .docx: paragraphs, tables (nested too), headers and footers, one per line."""
    document = Document(io.BytesIO(data))
    parts: list[str] = []

    def cells(table) -> None:  # noqa: ANN001
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    parts.extend(p.text for p in document.paragraphs)
    for table in document.tables:
        cells(table)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def docx_with(*paragraphs: str) -> bytes:
    """A .docx whose body is these paragraphs (e.g. tokens to check)."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
