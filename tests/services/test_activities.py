"""Activity use cases: timelines respect who may see the record; categories by name."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Activity
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.services.pipeline.opportunities import delete_opportunity
from rxcrm.services.records import events
from rxcrm.services.records.activities import (
    TOPIC,
    category_names,
    create_activity,
    delete_activity,
    get_activity,
    list_activities,
    list_categories,
    update_activity,
)
from tests.conftest import make_account, make_opportunity, make_user


def test_activity_lists_leave_out_records_the_user_cannot_see(session: Session, rep) -> None:
    other = make_user(session)
    hidden = make_account(session, is_private=True, created_by_id=other.id)
    seen = make_account(session)
    category = list_categories(session)[0].id
    secret = create_activity(
        session, other, {"entity": "account", "entity_id": hidden.id, "category_id": category}
    )
    create_activity(session, other, {"entity": "account", "entity_id": seen.id, "category_id": category})
    assert [a.entity_id for a in list_activities(session, rep, None, None).items] == [seen.id]
    assert [a.entity_id for a in list_activities(session, rep, "account", None).items] == [seen.id]
    assert list_activities(session, other, None, None).total == 2
    with pytest.raises(NotFound):
        get_activity(session, rep, secret.id)


def test_logging_on_a_hidden_record_is_refused(session: Session, rep) -> None:
    other = make_user(session)
    hidden = make_account(session, is_private=True, created_by_id=other.id)
    with pytest.raises(ValidationFailed) as refused:
        create_activity(
            session,
            rep,
            {"entity": "account", "entity_id": hidden.id, "category_id": list_categories(session)[0].id},
        )
    assert refused.value.fields == {"entity_id": "no such account"}


def test_category_names_cover_every_category(session: Session) -> None:
    names = category_names(session)
    assert sorted(names.values()) == sorted(c.name for c in list_categories(session, active_only=False))
    assert "Call" in names.values()


def test_logging_correcting_and_removing_an_activity_each_tell_the_live_dashboards(
    session: Session, rep
) -> None:
    account = make_account(session)
    category = list_categories(session)[0].id
    session.commit()
    seen: list[dict[str, frozenset]] = []
    handler = events.after_touch(seen.append)
    try:
        logged = create_activity(
            session, rep, {"entity": "account", "entity_id": account.id, "category_id": category}
        )
        session.commit()
        update_activity(session, rep, logged.id, {"note": "Called back"})
        session.commit()
        delete_activity(session, rep, logged.id)
        session.commit()
    finally:
        events._after_touch.remove(handler)
    assert [t.get(TOPIC) for t in seen] == [frozenset({logged.id})] * 3


def test_a_deleted_deal_takes_its_activities_along(session: Session, rep) -> None:
    kept = make_opportunity(session, rep)
    gone = make_opportunity(session, rep)
    category = list_categories(session)[0].id
    for deal in (kept, gone):
        create_activity(
            session, rep, {"entity": "opportunity", "entity_id": deal.id, "category_id": category}
        )
    delete_opportunity(session, rep, gone.id)
    left = session.exec(select(Activity.entity_id)).all()
    assert left == [kept.id]
