"""Reading browser form values (always text) into typed service input."""

from __future__ import annotations

from typing import Any

from rxcrm.domain.records.validation import record_id

NONE = "none"
INVALID_ID = -1


def optional_id(value: Any) -> int | None:
    """A select's id value; 'none' or empty means no link, anything but an id in range is INVALID_ID.

    INVALID_ID matches no record, so the service answers 'not found' or 'no such …' for it.
    """
    text = str(value or "").strip()
    if not text or text == NONE:
        return None
    number = record_id(text)
    return INVALID_ID if number is None else number


def record_ref(value: Any) -> int:
    """The id of the record a button or row stands for; INVALID_ID (no record) when unreadable."""
    number = optional_id(value)
    return INVALID_ID if number is None else number


def record_id_from_path(path: str) -> int:
    """The numeric id at the end of a detail page's URL (0 when there is none)."""
    return record_id(path.rstrip("/").rsplit("/", 1)[-1]) or 0


def flag(form: dict[str, Any], name: str) -> bool:
    """A checkbox: present and 'on' (or true) when ticked."""
    return str(form.get(name, "")).lower() in ("on", "true", "1", "yes")


def custom_values(text: Any) -> dict[str, str] | str:
    """Custom fields typed as 'name = value' lines; a malformed line is returned as an error text."""
    values: dict[str, str] = {}
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        if "=" not in line:
            return f"line {number} needs the form 'name = value'"
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip()
    return values


def custom_text(custom: dict[str, Any]) -> str:
    """Custom fields as editable 'name = value' lines."""
    return "\n".join(f"{k} = {v}" for k, v in sorted(custom.items()))


def options(pairs: list[tuple[Any, str]], empty_label: str | None = "—") -> list[dict[str, str]]:
    """Select options as the form components expect them."""
    head = [{"value": NONE, "label": empty_label}] if empty_label is not None else []
    return head + [{"value": str(v), "label": label} for v, label in pairs]
