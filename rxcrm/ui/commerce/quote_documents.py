"""The "Generate document" button of a quote: fills a Word template, keeps it, hands it to the browser."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce.quote_documents import document_templates, generate_quote_document
from rxcrm.ui.actions import acting, failure_toast, success_toast
from rxcrm.ui.components.controls import row_button
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.components.setters import setter
from rxcrm.ui.pipeline.opportunity_state import OpportunityState
from rxcrm.ui.records.downloads import stored_file_download
from rxcrm.ui.records.files import FilesState

AUTOMATIC = "auto"


class QuoteDocumentState(OpportunityState):
    """The templates the shown quote can be printed with and the one chosen."""

    template_options: list[dict[str, str]] = []
    template_choice: str = AUTOMATIC
    generating: bool = False

    @rx.event
    def load_templates(self, quote_id: str | int):
        """Read the templates that apply to the quote (the default, the general ones, its price book's)."""
        self.template_choice = AUTOMATIC
        try:
            with acting(self.token) as (session, user):
                templates = document_templates(session, user, record_ref(quote_id))
        except DomainError:
            self.template_options = []
            return
        self.template_options = [{"value": AUTOMATIC, "label": "Automatic template"}] + [
            {"value": str(t.id), "label": t.name} for t in templates
        ]

    choose_template = setter(
        "template_choice", "Print with this template next time.", value_type=str, name="choose_template"
    )

    @rx.event
    def generate(self, quote_id: str | int):
        """Make the quote's .docx, keep it on the Files tab and download it."""
        template_id = None if self.template_choice == AUTOMATIC else record_ref(self.template_choice)
        self.generating = True
        yield
        try:
            with acting(self.token) as (session, user):
                attachment = generate_quote_document(session, user, record_ref(quote_id), template_id)
            with acting(self.token) as (session, user):
                download = stored_file_download(session, user, attachment.id)
        except DomainError as exc:
            self.generating = False
            yield failure_toast(exc)
            return
        self.generating = False
        yield [
            download,
            success_toast(f"'{attachment.filename}' generated; it is kept on the Files tab."),
            FilesState.load_files("opportunity"),
        ]


def document_button(quote_id: rx.Var | None = None) -> rx.Component:
    """'Generate document' for the quote whose id the var holds (default: the Quotes tab's selected quote).

    A template choice shows when more than one template applies to the quote.
    """
    if quote_id is None:
        from rxcrm.ui.commerce.quote_state import QuotesState

        quote_id = QuotesState.selected_id
    s = QuoteDocumentState
    choice = option_select(
        s.template_options,
        "quote-document-template",
        aria_label="Template",
        value=s.template_choice,
        on_change=s.choose_template,
        size="1",
    )
    return rx.hstack(
        rx.cond(s.template_options.length() > 2, choice),
        row_button(
            "Generate document",
            s.generate(quote_id),
            "quote-document",
            icon="file-down",
            loading=s.generating,
        ),
        spacing="2",
        align="center",
        key=quote_id.to(str),
        on_mount=s.load_templates(quote_id),
    )
