"""Builds the default quote template shipped as assets/quote_templates/default_quote.docx.

Run `python -m rxcrm.documents.default_template` after changing it and commit the .docx: the file
is an asset (admins download it as a starting point for their own), and a test checks that the
committed file is what this builder makes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell

ASSET = Path(__file__).resolve().parents[2] / "assets" / "quote_templates" / "default_quote.docx"
ACCENT = RGBColor(0x1F, 0x4E, 0x8C)
GREY = RGBColor(0x60, 0x66, 0x70)
ACCENT_HEX, LINE_HEX, SHADE_HEX = "1F4E8C", "C9D1DC", "F3F6FA"
COLUMNS = (  # header, token, width in cm, right-aligned
    ("Pos.", "{{ item.position }}", 1.1, False),
    ("Item", "{{ item.name }}", 6.4, False),
    ("Qty", "{{ item.quantity }}", 1.5, True),
    ("Unit", "{{ item.unit }}", 1.9, False),
    ("Unit price", "{{ item.unit_price }}", 2.4, True),
    ("Discount", "{{ item.discount }}", 1.9, True),
    ("Total", "{{ item.total }}", 2.4, True),
)


def _run(paragraph, text: str, size: float = 10, bold: bool = False, color: RGBColor | None = None):  # noqa: ANN001, ANN202
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(size), bold
    if color is not None:
        run.font.color.rgb = color
    return run


def _line(container, text: str, size: float = 10, bold: bool = False, color=None, align=None):  # noqa: ANN001, ANN202
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(1)
    if align is not None:
        paragraph.alignment = align
    _run(paragraph, text, size, bold, color)
    return paragraph


def _borders(table: Table, **edges: tuple[str, int]) -> None:
    """Table borders: edge name -> (colour, width in eighths of a point); other edges none."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        colour, width = edges.get(edge, ("auto", 0))
        element.set(qn("w:val"), "single" if width else "nil")
        element.set(qn("w:sz"), str(width))
        element.set(qn("w:color"), colour)
        borders.append(element)
    properties.append(borders)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(cell: _Cell, text: str, right: bool = False, **style) -> None:  # noqa: ANN003
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else None
    _run(paragraph, text, **style)


def _heading(document: DocumentObject) -> None:
    _line(document, "{{ quote.brand }}", 20, bold=True, color=ACCENT)
    _line(document, "{{ owner.name }} · {{ owner.email }}", 9, color=GREY)
    document.add_paragraph()


def address_and_facts(document: DocumentObject, facts: tuple[tuple[str, str], ...]) -> None:
    """The customer's address on the left, a table of labelled facts (label, token) on the right."""
    table = document.add_table(rows=1, cols=2)
    _borders(table)
    address, right = table.rows[0].cells
    address.width, right.width = Cm(9.5), Cm(8.1)
    address.paragraphs[0].text = ""
    _run(address.paragraphs[0], "{{ account.name }}", 11, bold=True)
    for token in (
        "{{ contact.name }}",
        "{{ account.street }}",
        "{{ account.zip_city }}",
        "{{ account.country }}",
    ):
        _line(address, token)
    _line(address, "{% if account.vat_no %}VAT no. {{ account.vat_no }}{% endif %}", 9, color=GREY)
    inner = right.add_table(rows=0, cols=2)
    for label, token in facts:
        cells = inner.add_row().cells
        _cell_text(cells[0], label, size=9, color=GREY)
        _cell_text(cells[1], token, right=True, size=9)
    right.paragraphs[0].text = ""


def _address_and_facts(document: DocumentObject) -> None:
    facts = (
        ("Quote no.", "{{ quote.number }}"),
        ("Date", "{{ today }}"),
        ("Valid from", "{{ quote.valid_from }}"),
        ("Valid until", "{{ quote.valid_until }}"),
        ("Opportunity", "{{ opportunity.name }}"),
        ("Your contact", "{{ owner.name }}"),
    )
    address_and_facts(document, facts)


def _title(document: DocumentObject) -> None:
    document.add_paragraph()
    _line(document, "Quote: {{ quote.name }}", 16, bold=True, color=ACCENT)
    _line(
        document,
        "{% if contact.name %}Dear {{ contact.name }},{% else %}Dear Sir or Madam,{% endif %}",
    )
    intro = "thank you for your interest. We are pleased to offer you the following ({{ quote.currency }}):"
    _line(document, intro).paragraph_format.space_after = Pt(8)


def _items(document: DocumentObject) -> None:
    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table, top=(ACCENT_HEX, 8), bottom=(ACCENT_HEX, 8), insideH=(LINE_HEX, 4))
    header, loop_start, row, loop_end = table.rows
    for index, (title, token, width, right) in enumerate(COLUMNS):
        for cells in (header.cells, loop_start.cells, row.cells, loop_end.cells):
            cells[index].width = Cm(width)
        _shade(header.cells[index], ACCENT_HEX)
        _cell_text(header.cells[index], title, right, size=9, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
        _cell_text(row.cells[index], token, right, size=9, bold=index == 1)
    _line(row.cells[1], "{{ item.description }}", 8, color=GREY)
    loop_start.cells[0].paragraphs[0].text = "{%tr for item in items %}"
    loop_end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page


def _totals(document: DocumentObject) -> None:
    document.add_paragraph()
    table = document.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    _borders(table, bottom=(ACCENT_HEX, 12))
    lines = (
        ("Subtotal", "{{ subtotal }} {{ quote.currency }}", False),
        ("Discount", "− {{ discount_total }} {{ quote.currency }}", False),
        ("Total", "{{ total }} {{ quote.currency }}", True),
    )
    for row, (label, token, strong) in zip(table.rows, lines, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(3.5), Cm(4.5)
        _cell_text(row.cells[0], label, size=11 if strong else 10, bold=strong)
        _cell_text(row.cells[1], token, right=True, size=11 if strong else 10, bold=strong)
    _shade(table.rows[2].cells[0], SHADE_HEX)
    _shade(table.rows[2].cells[1], SHADE_HEX)


def _closing(document: DocumentObject) -> None:
    document.add_paragraph()
    _line(document, "This offer is valid until {{ quote.valid_until }}. All prices in {{ quote.currency }}.")
    _line(document, "We look forward to working with you.")
    sign_off(document, "{{ quote.brand }} · {{ quote.name }} · {{ quote.number }} · {{ today }}")


def sign_off(document: DocumentObject, footer_text: str) -> None:
    """'Kind regards,' and the owner's name, and a small centred footer line."""
    document.add_paragraph()
    _line(document, "Kind regards,")
    _line(document, "{{ owner.name }}", bold=True)
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, footer_text, 8, color=GREY)


def build_document(title: str, parts: tuple[Callable[[DocumentObject], None], ...]) -> bytes:
    """A .docx in the default templates' page and font, built by `parts` in order (reproducible bytes)."""
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.6)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10)
    document.core_properties.title = title
    document.core_properties.author = "rxcrm"
    for part in parts:
        part(document)
    out = io.BytesIO()
    document.save(out)
    return _reproducible(out.getvalue())


def build_default_template() -> bytes:
    """The default quote template as .docx bytes."""
    return build_document("Quote", (_heading, _address_and_facts, _title, _items, _totals, _closing))


def _reproducible(data: bytes) -> bytes:
    """The same zip with fixed member times, so rebuilding an unchanged template changes no byte."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), source.read(name))
    return out.getvalue()


def write_asset(path: Path, data: bytes) -> None:
    """Write a built template into assets/ and say so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path}")


def main() -> None:
    """Write the default template into assets/."""
    write_asset(ASSET, build_default_template())


if __name__ == "__main__":
    main()
