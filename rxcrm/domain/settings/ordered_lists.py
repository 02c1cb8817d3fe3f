"""Admin-ordered lists of named entries with a kind (contact types, campaign statuses): their input rules.

An entry has a name (trimmed, unique whatever the case, at most `max_name` characters) and one of the
list's kinds; a new installation starts with the list's defaults, in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rxcrm.domain.records.validation import FieldErrors


@dataclass(frozen=True)
class EntryRules:
    """What an entry of one list may be: its kinds, a new entry's kind, its name's length, the defaults."""

    kinds: tuple[str, ...]
    default_kind: str
    max_name: int
    defaults: tuple[tuple[str, str], ...]  # (name, kind) of a new installation

    def check_name(self, errors: FieldErrors, name: Any) -> str | None:
        """An entry's name: 1 to `max_name` characters after trimming."""
        text = name.strip() if isinstance(name, str) else ""
        if not text or len(text) > self.max_name:
            errors.add("name", f"is required (at most {self.max_name} characters)")
            return None
        return text

    def check_kind(self, errors: FieldErrors, kind: Any) -> str | None:
        """An entry's kind: one of the list's kinds."""
        if kind not in self.kinds:
            errors.add("kind", f"must be one of: {', '.join(self.kinds)}")
            return None
        return str(kind)

    def new_entry(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A new entry's name and kind (the default kind unless told); raises naming wrong fields."""
        errors = FieldErrors()
        values = {
            "name": self.check_name(errors, data.get("name")),
            "kind": self.check_kind(errors, data.get("kind") or self.default_kind),
        }
        errors.raise_if_any()
        return values

    def changes(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The name, kind and position given (None: unchanged), checked; raises naming wrong fields."""
        errors = FieldErrors()
        values: dict[str, Any] = {}
        if data.get("name") is not None:
            values["name"] = self.check_name(errors, data["name"])
        if data.get("kind") is not None:
            values["kind"] = self.check_kind(errors, data["kind"])
        if data.get("position") is not None:
            values["position"] = data["position"]
        errors.raise_if_any()
        return values
