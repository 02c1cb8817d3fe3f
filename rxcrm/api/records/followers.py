"""REST: /<resource>/{id}/followers — who follows a record; follow and unfollow."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.db.models import User
from rxcrm.db.schemas.records import FollowerAdd, FollowerPublic
from rxcrm.services.records.followers import follow, followers_of, unfollow


def _people(users: list[User]) -> list[dict[str, Any]]:
    return [{"id": u.id, "name": u.name, "email": u.email} for u in users]


def add_follower_routes(router: APIRouter, entity: str) -> None:
    """Give a resource's router its follower routes; a record the user may not see answers 404."""

    @router.get(
        "/{record_id}/followers",
        response_model=list[FollowerPublic],
        summary=f"Followers of a {entity}",
        operation_id=f"{entity}_followers",
    )
    def list_followers(record_id: int, session: DB, actor: Actor) -> list[dict[str, Any]]:
        return _people(followers_of(session, actor, entity, record_id))

    @router.post(
        "/{record_id}/followers",
        status_code=201,
        response_model=list[FollowerPublic],
        summary=f"Follow a {entity}",
        operation_id=f"{entity}_follow",
        description="Adds `user_id` (the acting user when left out) and answers the follower list.",
    )
    def add_follower(
        record_id: int, session: DB, actor: Actor, body: Annotated[FollowerAdd | None, Body()] = None
    ) -> list[dict[str, Any]]:
        user_id = body.user_id if body is not None else None
        return _people(follow(session, actor, entity, record_id, user_id))

    @router.delete(
        "/{record_id}/followers/{user_id}",
        status_code=204,
        summary=f"Unfollow a {entity}",
        operation_id=f"{entity}_unfollow",
    )
    def remove_follower(record_id: int, user_id: int, session: DB, actor: Actor) -> Response:
        unfollow(session, actor, entity, record_id, user_id)
        return Response(status_code=204)
