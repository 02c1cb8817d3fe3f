"""Filling the default template: every token filled, the item table grows, any script survives."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from docx import Document

from rxcrm.documents.default_template import ASSET
from rxcrm.documents.quote_document import AccountBlock, ContactBlock, OwnerBlock, amount_text, discount_text
from rxcrm.documents.quote_render import printable, render_quote
from rxcrm.domain.errors import ValidationFailed
from tests.documents.samples import docx_text, docx_with, sample_document

TEMPLATE = ASSET.read_bytes()


def _item_rows(data: bytes) -> list[list[str]]:
    table = Document(io.BytesIO(data)).tables[1]
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize("count", [3, 200])
def test_every_token_is_filled_and_the_table_grows(count: int) -> None:
    document = sample_document(items=count)
    text = docx_text(render_quote(TEMPLATE, document))
    expected = [
        "Müller & Co <GmbH>",
        "Hauptstraße 5",
        "10115 Berlin",
        "Germany",
        "VAT no. DE123456789",
        "Jane Doe",
        "Office roll-out",
        "Rita Rep",
        "rita@example.com",
        "Roll-out offer",
        "Q-00042",
        "Acme Software",
        "31 Dec 2026",
        "1 Dec 2026",
        "5 Dec 2026",
        "300.00 EUR",
        "30.00 EUR",
        "269.50 EUR",
        "Rounding",
        "-0.50",
        *(f"Product {n:03d}" for n in range(1, count + 1)),
        *(f"Line {n} description" for n in range(1, count + 1)),
    ]
    assert [value for value in expected if value not in text] == []
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_item_rows_are_one_per_item_in_order() -> None:
    rows = _item_rows(render_quote(TEMPLATE, sample_document(items=4)))
    assert rows[0] == ["Pos.", "Item", "Qty", "Unit", "Unit price", "Discount", "Total"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", ""]
    assert rows[1][1:] == ["Product 001\nLine 1 description", "2", "piece", "50.00", "10 %", "90.00"]
    assert rows[-1][1].startswith("Rounding") and rows[-1][-1] == "-0.50"


@pytest.mark.parametrize("name", ["شركة الأمل", "חברת אור", "北京公司", "Жанна", "Ünïcødé ✓ 🚀"])
def test_non_latin_and_right_to_left_names_survive(name: str) -> None:
    document = sample_document(
        account_name=name,
        contact=ContactBlock(name=name),
        owner=OwnerBlock(name=name, email="o@example.com"),
    )
    text = docx_text(render_quote(TEMPLATE, document))
    assert text.count(name) >= 4  # account, contact (address and greeting), owner


def test_control_characters_are_stripped_and_line_breaks_kept() -> None:
    account = AccountBlock(name="Bell\x07Co\x00 Ltd\x1b", street="Line one\r\nLine two\x0c")
    text = docx_text(render_quote(TEMPLATE, sample_document(account=account)))
    assert "BellCo Ltd" in text
    assert "Line one\nLine two" in text
    assert not any(ch in text for ch in "\x00\x07\x0c\x1b")


def test_printable_keeps_text_and_line_breaks() -> None:
    assert printable("a\tb\r\nc\x00d\ud800\uffff") == "a b\ncd"


def test_user_text_is_never_evaluated_as_a_token() -> None:
    account = AccountBlock(name="{{ owner.email }} {% if 1 %}x{% endif %}")
    text = docx_text(render_quote(TEMPLATE, sample_document(account=account)))
    assert "{{ owner.email }} {% if 1 %}x{% endif %}" in text


def test_a_template_cannot_reach_python_internals() -> None:
    """Even unchecked, a template runs in the sandbox: internals render as nothing or are refused."""
    harmless = docx_with("A{{ ''.__class__ }}B", "C{{ account.name.__class__ }}D")
    text = docx_text(render_quote(harmless, sample_document()))
    assert text.split("\n")[:2] == ["AB", "CD"]
    with pytest.raises(ValidationFailed, match="unsafe"):
        render_quote(docx_with("{{ account.__class__.__mro__ }}"), sample_document())


def test_a_template_without_tokens_is_returned_as_written() -> None:
    text = docx_text(render_quote(docx_with("Plain text only"), sample_document()))
    assert text.startswith("Plain text only")


def test_display_strings() -> None:
    from decimal import Decimal

    assert amount_text(Decimal("12345.5")) == "12,345.50"
    assert discount_text(Decimal("12.50"), None) == "12.5 %"
    assert discount_text(None, Decimal("3")) == "3.00"
    assert discount_text(None, None) == ""
    assert replace(sample_document(), total="1.00").total == "1.00"
