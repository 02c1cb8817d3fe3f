"""States behind invoices: the account's Invoices & billing tab, and issuing from a deal or a contract."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import Invoice, User
from rxcrm.services.commerce import invoices as service
from rxcrm.services.commerce.invoice_documents import generate_invoice_document, invoice_templates
from rxcrm.services.commerce.invoice_rows import invoice_rows
from rxcrm.services.records.listing import TAB_PAGE
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import optional_id, record_id_from_path, record_ref
from rxcrm.ui.components.setters import setter
from rxcrm.ui.records.downloads import stored_file_download
from rxcrm.ui.state import AppState

STEP_DONE = {"sent": "marked as sent", "paid": "marked as paid"}
KEPT_ON = {"opportunity": "deal's", "account": "account's"}


def _issued(invoice: Invoice) -> list:
    """The toast, then the account's billing tab (a deal without an account stays where it is)."""
    done = [success_toast(f"Invoice {invoice.number} issued.")]
    if invoice.account_id:
        done.append(rx.redirect(routes.account_url(invoice.account_id) + "?tab=invoices"))
    return done


class RecordInvoicesState(AppState):
    """The Invoices & billing tab of an account: its invoices, their steps and due dates."""

    rows: list[dict[str, str]] = []
    template_options: list[dict[str, str]] = []
    document_id: str = ""
    due_id: str = ""
    due_value: str = ""
    due_open: bool = False

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the invoices of the account the page shows (its first 50, newest first)."""
        account = record_id_from_path(self.router.url.path)
        page = service.list_invoices(session, user, service.InvoiceFilter(account_id=account), TAB_PAGE)
        self.rows = invoice_rows(session, page.items)
        self.template_options = [
            {"value": str(t.id), "label": t.name} for t in invoice_templates(session, user)
        ]

    @rx.event
    @action
    def mark(self, session: Session, user: User, invoice_id: str, status: str):
        """Move an invoice a step: sent, or paid."""
        invoice = service.update_invoice(session, user, record_ref(invoice_id), {"status": status})
        return [success_toast(f"Invoice {invoice.number} {STEP_DONE[status]}."), RecordInvoicesState.load]

    @rx.event
    @action
    def document(self, session: Session, user: User, invoice_id: str):
        """'Word document': with several invoice templates, ask which one; else make it at once."""
        if len(self.template_options) > 1:
            self.document_id = invoice_id
            return None
        return self._made(session, user, invoice_id, None)

    @rx.event
    def close_document(self, is_open: bool):
        """Close the template choice (when the dialog says so)."""
        if not is_open:
            self.document_id = ""

    @rx.event
    @action
    def document_from(self, session: Session, user: User, form: dict):
        """Make the document with the template chosen in the dialog (none chosen: the newest)."""
        invoice_id, self.document_id = self.document_id, ""
        return self._made(session, user, invoice_id, optional_id(form.get("template_id")))

    def _made(self, session: Session, user: User, invoice_id: str, template_id: int | None) -> list:
        """Make the invoice's Word document, keep it on the deal's (else account's) files, download it."""
        attachment = generate_invoice_document(session, user, record_ref(invoice_id), template_id)
        return [
            stored_file_download(session, user, attachment.id),
            success_toast(
                f"'{attachment.filename}' generated; it is kept with the {KEPT_ON[attachment.entity]} files."
            ),
        ]

    @rx.event
    def ask_due(self, invoice_id: str, due: str):
        """Open the due-date dialog for an invoice."""
        self.due_id, self.due_value, self.due_open = invoice_id, due, True

    set_due_open = setter("due_open", "Show or hide the due-date dialog.", value_type=bool)

    @rx.event
    @action
    def save_due(self, session: Session, user: User, form: dict):
        """Give the invoice the due date typed in the dialog."""
        due = str(form.get("due_date", "")).strip()
        invoice = service.update_invoice(session, user, record_ref(self.due_id), {"due_date": due})
        self.due_open = False
        return [success_toast(f"Invoice {invoice.number} now due {due}."), RecordInvoicesState.load]


class IssueInvoiceState(AppState):
    """'Issue invoice' on a sold deal's page and on a contract row: the account's billing tab opens."""

    @rx.event
    @action
    def for_deal(self, session: Session, user: User, deal_id: int):
        """Bill a sold deal (its contracts, else its amount)."""
        invoice = service.issue_invoice(session, user, {"opportunity_id": record_ref(str(deal_id))})
        return _issued(invoice)

    @rx.event
    @action
    def for_contract(self, session: Session, user: User, contract_id: str):
        """Bill one contract."""
        invoice = service.issue_invoice(session, user, {"contract_id": record_ref(contract_id)})
        return _issued(invoice)
