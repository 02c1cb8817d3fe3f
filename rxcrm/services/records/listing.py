"""Paginated, sorted, searchable lists: every list in the UI and API goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from rxcrm.domain.errors import ValidationFailed

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class Page:
    """One page of a list and the size of the whole list."""

    items: list[Any]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class ListWindow:
    """The page of a list a caller asks for: its sort key ('name' or '-name'), size and first row."""

    sort: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def fetch(self, session: Session, statement: Any, order: Any) -> Page:
        """This page of a filtered SELECT in the given order, with the size of the whole result."""
        return fetch_page(session, statement, order, self.limit, self.offset)


FIRST_PAGE = ListWindow()
TEMPLATE_PAGE = ListWindow(limit=100)  # the template lists show up to 100 at a time
TAB_ROWS = 50  # the first rows a record's tab shows
TAB_PAGE = ListWindow(limit=TAB_ROWS)
LARGEST_PAGE = ListWindow(limit=MAX_LIMIT)  # the most rows one page may hold


def check_window(limit: int, offset: int) -> None:
    """A page holds 1 to 500 rows and starts at a non-negative offset."""
    fields = {}
    if not 1 <= limit <= MAX_LIMIT:
        fields["limit"] = f"must be between 1 and {MAX_LIMIT}"
    if offset < 0:
        fields["offset"] = "must not be negative"
    if fields:
        raise ValidationFailed.from_fields(fields)


def search_clause(q: str | None, *columns: Any) -> Any:
    """Case-insensitive 'contains' over several text columns, or None without a query.

    `%`, `_` and `\\` in the query are matched as themselves, never as LIKE wildcards.
    """
    text = (q or "").strip()
    if not text:
        return None
    pattern = f"%{like_escaped(text.lower())}%"
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))


def searched(statement: Any, q: str | None, *columns: Any) -> Any:
    """The SELECT narrowed to rows whose text columns contain `q` (unchanged without a query)."""
    clause = search_clause(q, *columns)
    return statement if clause is None else statement.where(clause)


def equal_to(statement: Any, model: type, **values: Any) -> Any:
    """The SELECT narrowed to rows whose column of each name equals its value (a None value: any)."""
    for name, value in values.items():
        if value is not None:
            statement = statement.where(getattr(model, name) == value)
    return statement


def matching(statement: Any, model: type, flt: Any, names: Iterable[str]) -> Any:
    """The SELECT narrowed to rows equal to each of the filter's named values that is set."""
    return equal_to(statement, model, **{name: getattr(flt, name) for name in names})


def like_escaped(text: str) -> str:
    """Text for a LIKE pattern with its own wildcards taken literally (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sort_clause(model: type, sort: str | None, allowed: tuple[str, ...], default: str) -> Any:
    """ORDER BY for `sort` ('name' or '-name'); unknown columns are refused."""
    key = sort or default
    descending = key.startswith("-")
    name = key.lstrip("-")
    if name not in allowed:
        raise ValidationFailed.from_fields({"sort": f"must be one of: {', '.join(allowed)}"})
    column = getattr(model, name)
    return (column.desc() if descending else column.asc(), model.id.desc() if descending else model.id.asc())


def fetch_page(session: Session, statement: Any, order: Any, limit: int, offset: int) -> Page:
    """Run a filtered SELECT for one page, counting the whole result in SQL."""
    check_window(limit, offset)
    total = count_rows(session, statement)
    items = list(session.exec(statement.order_by(*order).limit(limit).offset(offset)).all())
    return Page(items=items, total=total, limit=limit, offset=offset)


def count_where(session: Session, model: type, *conditions: Any) -> int:
    """How many rows of `model` meet every condition, counted in SQL."""
    return session.exec(select(func.count()).select_from(model).where(*conditions)).one()


def next_position(session: Session, position: Any, *conditions: Any) -> int:
    """The position after the last of the rows meeting the conditions (1 for the first row)."""
    last = session.exec(select(func.max(position)).where(*conditions)).one()
    return (last or 0) + 1


def place_last_unless_given(
    session: Session, values: dict[str, Any], position: Any, *conditions: Any
) -> None:
    """An entry given no position goes after the last of the rows meeting the conditions."""
    if "position" not in values:
        values["position"] = next_position(session, position, *conditions)


def count_rows(session: Session, statement: Any) -> int:
    """How many rows a SELECT returns, counted in SQL."""
    return session.exec(select(func.count()).select_from(statement.order_by(None).subquery())).one()
