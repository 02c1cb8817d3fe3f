"""Word template sections (quote and invoice): the list, uploading a .docx (refused naming an unknown
token), downloading, deleting, and the token reference. One section builder serves both kinds; test ids
start with the kind (`quote-template-row`, `invoice-template-row`, …).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxcrm.documents.quote_render import DOCX_TYPE
from rxcrm.ui.commerce.parts import card_stack
from rxcrm.ui.commerce.template_state import InvoiceTemplatesState, QuoteTemplatesState
from rxcrm.ui.components.confirm_delete import confirm_delete_dialog
from rxcrm.ui.components.controls import delete_icon, drop_zone
from rxcrm.ui.components.lists import plain_table


def _row(s: Any, prefix: str, with_book: bool) -> Any:
    def row(template: rx.Var) -> rx.Component:
        delete = delete_icon(
            "Delete template",
            s.ask_delete(template["id"], template["name"]),
            f"{prefix}-delete-" + template["id"],
            size="2",
        )
        name = rx.hstack(
            rx.text(template["name"]),
            rx.cond(template["default"] == "yes", rx.badge("Default", size="1")),
            spacing="2",
        )
        link = rx.link(
            template["filename"],
            on_click=s.download(template["id"]),
            cursor="pointer",
            data_testid=f"{prefix}-download-" + template["id"],
        )
        book = [rx.table.cell(template["price_book"])] if with_book else []
        return rx.table.row(
            rx.table.cell(name),
            rx.table.cell(link),
            rx.table.cell(template["size"], white_space="nowrap"),
            *book,
            rx.table.cell(template["created"], white_space="nowrap"),
            rx.table.cell(rx.cond(s.may_edit & (template["default"] != "yes"), delete)),
            data_testid=f"{prefix}-row",
        )

    return row


def _upload_form(s: Any, prefix: str) -> rx.Component:
    upload_id = prefix.replace("-", "_") + "_upload"
    prompt = rx.hstack(
        rx.icon("file-up", size=18),
        rx.text("Drop a Word .docx here or click to choose one (at most 5 MB).", size="2"),
        align="center",
        spacing="2",
    )
    sent = s.upload(rx.upload_files(upload_id=upload_id))
    label = "Upload a new " + prefix.replace("-", " ")  # "Upload a new quote template"
    drop = drop_zone(
        upload_id, prompt, sent, f"{prefix}-upload", label=label, accept={DOCX_TYPE: [".docx"]}, flex="1"
    )
    name = rx.input(
        placeholder="Template name (default: the file name)",
        value=s.new_name,
        on_change=s.set_new_name,
        aria_label="Template name",
        width="280px",
        data_testid=f"{prefix}-name",
    )
    error = rx.callout(
        s.error, icon="triangle-alert", color_scheme="red", size="1", data_testid=f"{prefix}-error"
    )
    return rx.vstack(
        rx.hstack(name, drop, width="100%", align="center", spacing="3"),
        rx.cond(s.error != "", error),
        width="100%",
    )


def _tokens(s: Any, prefix: str) -> rx.Component:
    row = lambda t: rx.table.row(  # noqa: E731
        rx.table.cell(rx.code(t["token"]), white_space="nowrap"), rx.table.cell(t["meaning"])
    )
    table = plain_table(("Token", "Prints"), s.tokens, row)
    return rx.accordion.root(
        rx.accordion.item(header="Tokens a template can use", content=table, value="tokens"),
        collapsible=True,
        type="single",
        variant="ghost",
        width="100%",
        data_testid=f"{prefix}-tokens",
    )


def _section(s: Any, prefix: str, title: str, intro: str, on_mount: Any, with_book: bool) -> rx.Component:
    heads = ("Name", "File", "Size", *(("Price book",) if with_book else ()), "Added", "")
    question = f"Delete the template '{s.confirm_name}'? Documents made with it stay."
    return card_stack(
        rx.heading(title, size="4"),
        rx.text(intro, size="2", color_scheme="gray"),
        plain_table(heads, s.templates, _row(s, prefix, with_book)),
        rx.cond(s.may_edit, _upload_form(s, prefix)),
        _tokens(s, prefix),
        confirm_delete_dialog(s, "Delete template", question, s.delete),
        on_mount=on_mount,
        data_testid=f"{prefix}s",
    )


def quote_templates_section(price_book_id: str = "", on_page: bool = False) -> rx.Component:
    """Word templates for quote documents of a price book (all quote templates when no book is given).

    On a price book's page (`on_page`), the page's on-load reads them (`load_page_templates`), so an
    upload always belongs to the book in the address, however late the page's own data arrives.
    """
    s = QuoteTemplatesState
    intro = (
        "Quote documents are filled from these Word templates: the price book's newest, else the default. "
        "Write tokens such as {{ account.name }} into your own .docx (download the default as a start)."
    )
    on_mount = None if on_page else s.load_templates(price_book_id)
    return _section(s, "quote-template", "Quote templates", intro, on_mount, with_book=True)


def invoice_templates_section() -> rx.Component:
    """Word templates for invoice documents (Settings › Document templates)."""
    s = InvoiceTemplatesState
    intro = (
        "Invoice documents are filled from these Word templates: the one chosen, else the newest, else the "
        "default. Write tokens such as {{ invoice.number }} into your own .docx (download the default)."
    )
    return _section(s, "invoice-template", "Invoice templates", intro, s.load_templates(""), with_book=False)


def document_templates_section() -> rx.Component:
    """Settings › Document templates: the quote templates of every price book, then the invoice templates."""
    return rx.vstack(quote_templates_section(), invoice_templates_section(), spacing="4", width="100%")
