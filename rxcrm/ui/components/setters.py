"""Event handlers that only store what the page sends: one factory instead of a hand-written method each.

Reflex makes an event handler of every public function in a State class body, named after the
function's ``__qualname__``; the factories name theirs after the attribute they are assigned to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, Any], None]


def event_named(handler: Callable[..., Any], name: str, doc: str) -> Callable[..., Any]:
    """The handler named `name`, the event the page sends (Reflex names events by `__qualname__`)."""
    handler.__name__ = handler.__qualname__ = name
    handler.__doc__ = doc
    return handler


def _named(handler: Handler, name: str, doc: str, value_type: Any) -> Handler:
    """The handler named `name` (the event the page sends), documented and typed for Reflex."""
    handler.__annotations__ = {"value": value_type, "return": None}
    return event_named(handler, name, doc)


def chosen(value: str | list[str]) -> str:
    """The one value a radio group or segmented control sent (some send it as a one-item list)."""
    return value if isinstance(value, str) else value[0]


def setter(
    var: str,
    doc: str,
    *,
    value_type: Any = Any,
    name: str = "",
    convert: Callable[[Any], Any] | None = None,
) -> Handler:
    """An event handler (`set_<var>` unless `name` says otherwise) that stores its one value in `var`."""

    def handler(self: Any, value: Any) -> None:
        """Store the value sent (converted first where `convert` is given)."""
        setattr(self, var, value if convert is None else convert(value))

    return _named(handler, name or f"set_{var}", doc, value_type)


def remover(var: str, doc: str, *, name: str) -> Handler:
    """An event handler that takes the row at the index it is sent out of the list in `var`."""

    def handler(self: Any, value: int) -> None:
        """Keep every row but the one at this index."""
        setattr(self, var, [row for i, row in enumerate(getattr(self, var)) if i != value])

    return _named(handler, name, doc, int)
