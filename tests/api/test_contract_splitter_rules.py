"""/splitter-rules as api.md writes it: a `condition` object (field -> value or list) and a `position`."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.conftest import make_user

URL = "/api/v1/splitter-rules"


def _rule(user: User, **kw: object) -> dict[str, object]:
    return {
        "name": "Web",
        "priority": 5,
        "active": True,
        "assignees": [{"user_id": user.id, "percent": 100}],
        **kw,
    }


def test_a_rule_with_the_contracts_condition_and_position_is_created_and_answered_alike(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    answer = client.post(
        URL, json=_rule(rep, condition={"source": "web"}, position=7), headers=auth_headers(admin)
    )
    assert answer.status_code == 201, answer.text
    rule = answer.json()
    assert rule["condition"] == {"source": "web"} and rule["position"] == 7
    assert {"id", "name", "priority", "active", "assignees"} <= rule.keys()
    assert rule["assignees"][0]["user_id"] == rep.id and rule["assignees"][0]["percent"] == 100
    assert client.get(f"{URL}/{rule['id']}", headers=auth_headers(admin)).json()["condition"] == {
        "source": "web"
    }


def test_a_list_condition_means_one_of_its_values(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    body = _rule(rep, condition={"country": ["DE", "AT"]})
    rule = client.post(URL, json=body, headers=auth_headers(admin)).json()
    assert rule["condition"] == {"country": ["DE", "AT"]}
    assert rule["field"] == "country" and rule["operator"] == "in"


def test_an_empty_condition_matches_every_lead(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    rule = client.post(URL, json=_rule(rep, condition={}), headers=auth_headers(admin)).json()
    assert rule["condition"] == {} and rule["operator"] == "any"


def test_the_field_operator_value_form_still_works_and_answers_a_condition(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    body = _rule(rep, field="name", operator="contains", value="gmbh")
    rule = client.post(URL, json=body, headers=auth_headers(admin)).json()
    assert rule["condition"] == {"name": {"contains": "gmbh"}}
    again = client.put(
        f"{URL}/{rule['id']}", json=_rule(rep, condition=rule["condition"]), headers=auth_headers(admin)
    )
    assert again.json()["operator"] == "contains" and again.json()["value"] == "gmbh"


def test_patch_changes_the_condition_and_position_and_keeps_the_rest(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    rule = client.post(URL, json=_rule(rep, condition={"source": "web"}), headers=auth_headers(admin)).json()
    patch = {"condition": {"country": ["DE", "AT"]}, "position": 3}
    answer = client.patch(f"{URL}/{rule['id']}", json=patch, headers=auth_headers(admin))
    assert answer.status_code == 200, answer.text
    changed = answer.json()
    assert changed["condition"] == {"country": ["DE", "AT"]} and changed["position"] == 3
    assert (
        changed["name"] == "Web" and changed["priority"] == 5 and changed["assignees"][0]["user_id"] == rep.id
    )


def test_a_condition_on_two_fields_or_with_both_forms_is_refused_naming_condition(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    for body in (
        _rule(rep, condition={"source": "web", "country": "DE"}),
        _rule(rep, condition={"source": "web"}, field="source", value="web"),
        _rule(rep, condition={"source": None}),
    ):
        answer = client.post(URL, json=body, headers=auth_headers(admin))
        assert answer.status_code == 422
        assert "condition" in answer.json()["error"]["fields"]
    assert client.get(URL, headers=auth_headers(admin)).json()["total"] == 0
