"""The kinds of Word templates: what each may print (its vocabulary) and the default shipped with rxcrm."""

from __future__ import annotations

from dataclasses import dataclass

from rxcrm.documents.invoice_document import INVOICE_VOCABULARY
from rxcrm.documents.quote_document import QUOTE_VOCABULARY, Vocabulary

ASSET_PREFIX = "asset:"


@dataclass(frozen=True)
class TemplateKind:
    """One kind of document template: quote or invoice."""

    name: str
    label: str
    vocabulary: Vocabulary
    default_file: str
    default_name: str

    @property
    def default_key(self) -> str:
        """The storage key of the default template (a file in assets/quote_templates/)."""
        return ASSET_PREFIX + self.default_file


QUOTE = TemplateKind("quote", "Quote", QUOTE_VOCABULARY, "default_quote.docx", "Default quote")
INVOICE = TemplateKind("invoice", "Invoice", INVOICE_VOCABULARY, "default_invoice.docx", "Default invoice")
KINDS: dict[str, TemplateKind] = {kind.name: kind for kind in (QUOTE, INVOICE)}
DEFAULT_KEYS = tuple(kind.default_key for kind in KINDS.values())
