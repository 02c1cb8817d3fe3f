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


def test_a_condition_on_several_fields_is_stored_and_answered_alike(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    condition = {"source": "web", "country": ["DE", "AT"], "name": {"contains": "gmbh"}}
    answer = client.post(URL, json=_rule(rep, condition=condition), headers=auth_headers(admin))
    assert answer.status_code == 201, answer.text
    rule = answer.json()
    assert rule["condition"] == condition
    assert rule["conditions"] == [
        {"field": "source", "operator": "equals", "value": "web"},
        {"field": "country", "operator": "in", "value": "DE, AT"},
        {"field": "name", "operator": "contains", "value": "gmbh"},
    ]
    assert rule["field"] is None and rule["operator"] is None and rule["value"] is None
    read = client.get(f"{URL}/{rule['id']}", headers=auth_headers(admin)).json()
    assert read["condition"] == condition
    body = {k: read[k] for k in ("name", "condition", "priority", "position", "active")}
    body["assignees"] = [{"user_id": a["user_id"], "percent": a["percent"]} for a in read["assignees"]]
    again = client.put(f"{URL}/{rule['id']}", json=body, headers=auth_headers(admin))
    assert again.status_code == 200, again.text
    assert again.json()["condition"] == condition


def test_the_conditions_list_extension_spells_several_fields_out(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    conditions = [
        {"field": "source", "operator": "in", "value": "web, fair"},
        {"field": "custom.region", "value": "North"},
    ]
    rule = client.post(URL, json=_rule(rep, conditions=conditions), headers=auth_headers(admin)).json()
    assert rule["condition"] == {"source": ["web", "fair"], "custom.region": "North"}
    patch = {"conditions": [{"field": "country", "operator": "equals", "value": "DE"}]}
    one = client.patch(f"{URL}/{rule['id']}", json=patch, headers=auth_headers(admin)).json()
    assert one["condition"] == {"country": "DE"} and (one["field"], one["value"]) == ("country", "DE")
    renamed = client.patch(f"{URL}/{rule['id']}", json={"name": "DE"}, headers=auth_headers(admin)).json()
    assert renamed["condition"] == {"country": "DE"} and renamed["name"] == "DE"


def test_a_wrong_condition_is_refused_naming_it_and_nothing_is_stored(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    too_many = {f"custom.k{i}": "x" for i in range(21)}
    cases = (
        (_rule(rep, condition={"source": "web"}, field="source", value="web"), "condition"),
        (_rule(rep, condition={"source": "web"}, conditions=[]), "condition"),
        (_rule(rep, condition={"source": None}), "condition"),
        (_rule(rep, condition={"source": "web", "country": [{"x": 1}]}), "condition"),
        (_rule(rep, condition={"source": "web", "colour": "red"}), "condition"),
        (_rule(rep, condition={"source": "web", "country": ""}), "condition"),
        (_rule(rep, condition=too_many), "condition"),
        (
            _rule(rep, conditions=[{"field": "source", "value": "a"}, {"field": "source", "value": "b"}]),
            "conditions",
        ),
        (_rule(rep, conditions=[{"field": "source", "operator": "any", "value": ""}]), "conditions"),
        (_rule(rep, conditions=[{"field": "source", "operator": "like", "value": "a"}]), "conditions"),
    )
    for body, named in cases:
        answer = client.post(URL, json=body, headers=auth_headers(admin))
        assert answer.status_code == 422, (body, answer.text)
        assert named in answer.json()["error"]["fields"], (body, answer.text)
    assert client.get(URL, headers=auth_headers(admin)).json()["total"] == 0
