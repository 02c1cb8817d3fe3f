"""The create, read, update and delete routes most resources share, written once.

`CrudRoutes` adds `POST ""` and `GET`/`PATCH`/`DELETE "/{<id>}"` (and `GET "/{<id>}/vcard"`) to a
resource's router. Every route keeps what a hand-written one had: its function name (so the OpenAPI
operation id and summary), its docstring (the description), its path parameter's name, its answer
shape and status code.
"""

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor
from rxcrm.api.serialize import file_answer, public, record_out
from rxcrm.db.models import User

Out = Callable[[Session, Any], dict[str, Any]]
Endpoint = Callable[..., Any]
PLAIN = inspect.Parameter.POSITIONAL_OR_KEYWORD


def public_out(_session: Session, record: Any) -> dict[str, Any]:
    """A record as JSON without secrets, for resources whose fields are never hidden from a role."""
    return public(record)


def as_route(
    endpoint: Endpoint, name: str, doc: str, params: list[tuple[str, Any]], returns: Any
) -> Endpoint:
    """Give `endpoint` the name, docstring and signature (FastAPI reads its parameters there) of a route."""
    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = doc
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(n, PLAIN, annotation=a) for n, a in params], return_annotation=returns
    )
    return endpoint


class CrudRoutes:
    """Adds one resource's create/read/update/delete routes to its router, in the order they are called.

    The endpoints take the path id as a keyword (`**path`), since its name is the resource's own.
    """

    def __init__(
        self,
        router: APIRouter,
        noun: str,
        shape: type[BaseModel],
        create_body: type[BaseModel],
        update_body: type[BaseModel],
        *,
        id_name: str | None = None,
        out: Out = record_out,
        read_verb: str = "read",
    ) -> None:
        self.router = router
        self.noun = noun  # "account": the routes are create_account, read_account, …
        self.shape = shape  # the answer of create, read and update
        self.create_body, self.update_body = create_body, update_body
        self.id_name = id_name or f"{noun}_id"
        self.out = out
        self.read_verb = read_verb  # the name of the GET route: read_account or get_product

    def _add(self, method: str, verb: str, doc: str, endpoint: Endpoint, body: Any = None) -> None:
        """Register `endpoint` as the route `<verb>_<noun>`, with a hand-written route's signature."""
        path = "" if method == "POST" else f"/{{{self.id_name}}}"
        params = [(self.id_name, int)] if path else []
        params += [("body", body)] if body is not None else []
        params += [("session", DB), ("actor", Actor)]
        returns = Response if method == "DELETE" else dict[str, Any]
        as_route(endpoint, f"{verb}_{self.noun}", doc, params, returns)
        answer: dict[str, Any] = (
            {"status_code": 204} if method == "DELETE" else {"response_model": self.shape}
        )
        if method == "POST":
            answer["status_code"] = 201
        self.router.add_api_route(path, endpoint, methods=[method], **answer)

    def create(
        self, create: Callable[[Session, User, dict[str, Any]], Any], doc: str, *, unset: bool = True
    ) -> None:
        """POST "": `create` gets the body's fields (only those sent, unless `unset` is False)."""

        def endpoint(body: BaseModel, session: Session, actor: User) -> dict[str, Any]:
            return self.out(session, create(session, actor, body.model_dump(exclude_unset=unset)))

        self._add("POST", "create", doc, endpoint, self.create_body)

    def read(self, get: Callable[[Session, User, int], Any], doc: str) -> None:
        """GET "/{id}": one record as `get` finds it for the acting user."""

        def endpoint(session: Session, actor: User, **path: int) -> dict[str, Any]:
            return self.out(session, get(session, actor, path[self.id_name]))

        self._add("GET", self.read_verb, doc, endpoint)

    def read_any(self, get: Callable[[Session, int], Any], doc: str) -> None:
        """GET "/{id}": one record any logged-in user may read, as `get` finds it."""

        def endpoint(session: Session, actor: User, **path: int) -> dict[str, Any]:
            return self.out(session, get(session, path[self.id_name]))

        self._add("GET", self.read_verb, doc, endpoint)

    def update(self, update: Callable[[Session, User, int, dict[str, Any]], Any], doc: str) -> None:
        """PATCH "/{id}": `update` gets the fields the body sent."""

        def endpoint(body: BaseModel, session: Session, actor: User, **path: int) -> dict[str, Any]:
            changes = body.model_dump(exclude_unset=True)
            return self.out(session, update(session, actor, path[self.id_name], changes))

        self._add("PATCH", "update", doc, endpoint, self.update_body)

    def delete(self, delete: Callable[[Session, User, int], Any], doc: str) -> None:
        """DELETE "/{id}": 204 once `delete` is done."""

        def endpoint(session: Session, actor: User, **path: int) -> Response:
            delete(session, actor, path[self.id_name])
            return Response(status_code=204)

        self._add("DELETE", "delete", doc, endpoint)

    def vcard(self, card: Callable[[Session, User, int], str]) -> None:
        """GET "/{id}/vcard": the record as a vCard (text/vcard), as `card` writes it."""

        def endpoint(session: Session, actor: User, **path: int) -> PlainTextResponse:
            return PlainTextResponse(card(session, actor, path[self.id_name]), media_type="text/vcard")

        params = [(self.id_name, int), ("session", DB), ("actor", Actor)]
        doc = f"The {self.noun} as a vCard (text/vcard)."
        as_route(endpoint, f"{self.noun}_vcard", doc, params, PlainTextResponse)
        answer = file_answer(f"The {self.noun} as a vCard.", "text/vcard")
        path = f"/{{{self.id_name}}}/vcard"
        self.router.add_api_route(path, endpoint, methods=["GET"], response_class=Response, responses=answer)
