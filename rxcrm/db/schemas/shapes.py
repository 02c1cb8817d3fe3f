"""What every entity's shapes share: strict bodies, answers derived from the table, the list envelope."""

from __future__ import annotations

import dataclasses
from copy import copy
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar, get_type_hints

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    create_model,
    model_serializer,
)
from pydantic.fields import FieldInfo
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
    own = table.__dict__.get("__annotations__", {})
    # The table's own columns in their order, then those its bases bring (who made it and when).
    names = sorted(
        (name for name in table.model_fields if name not in HIDDEN), key=lambda name: name not in own
    )
    fields: dict[str, Any] = {name: (table.model_fields[name].annotation | None, None) for name in names}
    fields.update({name: (kind | None, None) for name, kind in extra.items()})
    return create_model(f"{table.__name__}Public", __base__=Answer, __doc__=doc, **fields)


def dataclass_shape(name: str, kind: type) -> type[BaseModel]:
    """An answer named `name` with the fields, defaults and description of a domain dataclass."""
    hints = get_type_hints(kind)

    def default(field: dataclasses.Field[Any]) -> Any:
        if field.default_factory is not dataclasses.MISSING:
            return Field(default_factory=field.default_factory)
        return ... if field.default is dataclasses.MISSING else field.default

    fields = {field.name: (hints[field.name], default(field)) for field in dataclasses.fields(kind)}
    return create_model(name, __doc__=kind.__doc__, **fields)  # type: ignore[call-overload]


def _optional(info: FieldInfo) -> tuple[Any, FieldInfo]:
    """A field as a change sends it: an optional one as is, any other also taking null (constraints kept)."""
    if info.default is None:
        return info.annotation, copy(info)
    kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return kind | None, Field(default=None, description=info.description)


def changes_to(create: type[Body], doc: str, *, leave_out: tuple[str, ...] = ()) -> type[Body]:
    """`<X>Update` of the body `<X>Create`: its fields but `leave_out`, each optional (sent ones change)."""
    fields = {field: _optional(info) for field, info in create.model_fields.items() if field not in leave_out}
    name = create.__name__.removesuffix("Create") + "Update"
    return create_model(name, __base__=Body, __doc__=doc, __module__=create.__module__, **fields)


def field_names(shape: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a shape in declaration order (what a form lists)."""
    return tuple(shape.model_fields)


def text_fields(shape: type[BaseModel]) -> tuple[str, ...]:
    """The plain text fields of a shape in declaration order (what a form reads as text inputs)."""
    return tuple(name for name, info in shape.model_fields.items() if info.annotation == str | None)
