"""What is wrong with a form, in the form's words: field keys become the labels the user sees."""

from __future__ import annotations

from rxcrm.domain.errors import DomainError
from rxcrm.domain.records.field_labels import FIELD_LABELS, field_label  # noqa: F401  (the one label mapping)

# Messages that read as the end of a sentence whose subject is the field ("is required").
PREDICATES = ("is ", "are ", "must ", "may ", "cannot ", "can ", "has ", "needs ", "names ", "only ")


def field_message(key: str, message: str, labels: dict[str, str] | None = None) -> str:
    """One problem as a sentence naming the field: 'Category is required'."""
    text = message.strip()
    if text[:1].isupper():
        return text
    label = field_label(key, labels)
    if text.startswith(PREDICATES):
        return f"{label} {text}"
    return f"{label}: {text}" if text else f"{label} is not valid"


def field_messages(fields: dict[str, str], labels: dict[str, str] | None = None) -> dict[str, str]:
    """Every field's problem worded for the user, still keyed by field so it sits on the field."""
    return {key: field_message(key, str(message), labels) for key, message in fields.items()}


def failure_message(error: DomainError, labels: dict[str, str] | None = None) -> str:
    """The toast text of a refused action: the problems in the form's words, else the error's message."""
    if not error.fields:
        return error.message
    sentences = list(field_messages(error.fields, labels).values())
    more = f" (and {len(sentences) - 1} more)" if len(sentences) > 1 else ""
    return f"Please correct the form: {sentences[0].rstrip('.')}{more}."


def problem_on(error: DomainError, *keys: str) -> str:
    """The worded problem of the first of `keys` the error names (a one-field dialog's mark), else ''."""
    key = next((k for k in keys if k in error.fields), None)
    return "" if key is None else field_message(key, str(error.fields[key]))
