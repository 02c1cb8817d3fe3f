"""A list's filters: declared once as query parameters, handed to its service as the service's filter."""

# no `from __future__ import annotations`: the dependency below is built per list, and FastAPI reads the
# model of its query parameters from the annotation, which must be the class itself, not its name

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Query
from pydantic import BaseModel

from rxcrm.api.deps import PageWindow
from rxcrm.api.settings.custom_fields import CustomFilter


def list_filter(params: type[BaseModel], make: Callable[..., Any]) -> Any:
    """A route dependency: the query parameters of `params` and the page's search `q`, built by `make`."""

    def narrowed(filters: Annotated[params, Query()], window: PageWindow) -> Any:  # type: ignore[valid-type]
        return make(q=window.q, **filters.model_dump())

    return Depends(narrowed)


def custom_list_filter(params: type[BaseModel], make: Callable[..., Any]) -> Any:
    """`list_filter` of a list that also filters by custom fields (`custom.<field>=…`)."""

    def narrowed(
        filters: Annotated[params, Query()],  # type: ignore[valid-type]
        window: PageWindow,
        custom: CustomFilter,
    ) -> Any:
        return make(q=window.q, custom=custom, **filters.model_dump())

    return Depends(narrowed)
