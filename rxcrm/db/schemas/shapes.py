"""What every entity's shapes share: strict bodies, answers derived from the table, the list envelope."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    create_model,
    model_serializer,
)
from sqlmodel import SQLModel

from rxcrm.domain.records.validation import MAX_ID

# Secrets and search keys a table holds that no answer carries.
HIDDEN = frozenset({"password_hash", "key_hash", "token_hash", "email_key", "phone_key", "name_key"})
# A record id in a request body: beyond what the database stores is a validation error (422), never a crash.
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
# an order within a list: a stored integer, never beyond what a person could arrange
Position = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]
T = TypeVar("T")


def _number_text(value: Any) -> Any:
    """A JSON number as the exact text it was written as (the domain reads it, never as float)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return repr(value)
    return str(value) if isinstance(value, int | Decimal) else value


# Money and weights in a body are decimal strings; a JSON number is accepted and read through its text.
DecimalIn = Annotated[str, BeforeValidator(_number_text)]


class Body(BaseModel):
    """A request body: unknown fields are refused, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


class Answer(BaseModel):
    """An answer: the fields it was given (a field hidden from the viewer stays out), extra keys kept."""

    model_config = ConfigDict(extra="allow")

    @model_serializer(mode="wrap")
    def _given_only(self, handler: SerializerFunctionWrapHandler):  # noqa: ANN202 (the schema stays the model's)
        data = handler(self)
        declared, given = type(self).model_fields, self.model_fields_set
        return {key: value for key, value in data.items() if key in given or key not in declared}


class Page(BaseModel, Generic[T]):
    """The contract's list envelope."""

    items: list[T]
    total: int
    limit: int
    offset: int


def public_shape(table: type[SQLModel], doc: str, **extra: Any) -> type[Answer]:
    """`<Table>Public`: the table's columns but its secrets, each optional, plus `extra` (name=type)."""
    fields: dict[str, Any] = {
        name: (info.annotation | None, None)
        for name, info in table.model_fields.items()
        if name not in HIDDEN
    }
    fields.update({name: (kind | None, None) for name, kind in extra.items()})
    return create_model(f"{table.__name__}Public", __base__=Answer, __doc__=doc, **fields)


def field_names(shape: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a shape in declaration order (what a form lists)."""
    return tuple(shape.model_fields)


def text_fields(shape: type[BaseModel]) -> tuple[str, ...]:
    """The plain text fields of a shape in declaration order (what a form reads as text inputs)."""
    return tuple(name for name, info in shape.model_fields.items() if info.annotation == str | None)
