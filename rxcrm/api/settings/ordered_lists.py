"""REST for an admin-ordered list (contact types, campaign statuses): list, add, change and delete entries."""

# No `from __future__ import annotations`: FastAPI reads the body shapes of the routes built below from
# their annotations, which must be the classes themselves, not names of this module.

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import public, whole_list
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.settings.ordered_lists import OrderedList


@dataclass(frozen=True)
class ListRoutes:
    """How one list's routes are named (`list_<plural>`, `create_<singular>`…), described and shaped."""

    singular: str
    plural: str
    id_name: str  # the entry id's name in the path
    create: type[BaseModel]
    update: type[BaseModel]
    shown: type[BaseModel]
    described: tuple[str, str, str, str]  # list, create, update, delete


def ordered_list_router(prefix: str, tag: str, entries: OrderedList, routes: ListRoutes) -> APIRouter:
    """The list's routes: GET (every entry in order), POST, PATCH /{id} and DELETE /{id} (admins write)."""
    router = APIRouter(prefix=prefix, tags=[tag])
    entry_id = Annotated[int, Path(alias=routes.id_name)]
    item = "/{" + routes.id_name + "}"

    def list_entries(session: DB, actor: Actor) -> dict[str, Any]:
        items = [public(e) for e in entries.entries(session)]
        return whole_list(items)

    def create_entry(body: routes.create, session: DB, actor: Actor) -> dict[str, Any]:  # type: ignore[name-defined]
        return public(entries.create(session, actor, body.model_dump()))

    def update_entry(ref: entry_id, body: routes.update, session: DB, actor: Actor) -> dict[str, Any]:  # type: ignore[name-defined]
        return public(entries.update(session, actor, ref, body.model_dump(exclude_unset=True)))

    def delete_entry(ref: entry_id, session: DB, actor: Actor) -> Response:  # type: ignore[valid-type]
        entries.delete(session, actor, ref)
        return Response(status_code=204)

    shown, singular = routes.shown, routes.singular
    table = (
        ("", list_entries, "GET", 200, Page[shown], f"list_{routes.plural}"),
        ("", create_entry, "POST", 201, shown, f"create_{singular}"),
        (item, update_entry, "PATCH", 200, shown, f"update_{singular}"),
        (item, delete_entry, "DELETE", 204, None, f"delete_{singular}"),
    )
    for (path, endpoint, method, status, shape, name), text in zip(table, routes.described, strict=True):
        router.add_api_route(
            path,
            endpoint,
            methods=[method],
            status_code=status,
            response_model=shape,
            name=name,
            description=text,
        )
    return router
