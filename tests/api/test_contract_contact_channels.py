"""The rxcrm extensions `contact-types`, `contacts/{id}/channels` and `accounts/{id}/relations` as an
integrator reads them: admin-edited types, channels checked by kind, links shown on both accounts."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.api.contract import API, has_fields, is_error, listed
from tests.conftest import make_account, make_contact, make_partner, make_user

DEFAULT_TYPES = [
    ("E-mail", "email"),
    ("Phone", "phone"),
    ("Mobile", "phone"),
    ("Skype", "text"),
    ("LinkedIn", "url"),
    ("Website", "url"),
]


def _type_id(client: TestClient, headers: dict[str, str], name: str) -> int:
    return next(t["id"] for t in listed(client, headers, "/contact-types") if t["name"] == name)


def _put(client: TestClient, headers: dict[str, str], contact_id: int, *channels: tuple[int, str]):  # noqa: ANN202
    body = {"channels": [{"type_id": t, "value": v} for t, v in channels]}
    return client.put(f"{API}/contacts/{contact_id}/channels", json=body, headers=headers)


def test_a_new_installation_has_the_default_contact_types_and_every_user_reads_them(
    client: TestClient, rep_headers: dict[str, str]
) -> None:
    types = listed(client, rep_headers, "/contact-types")
    assert [(t["name"], t["kind"]) for t in types] == DEFAULT_TYPES
    assert {"id", "name", "kind", "position"} <= set(types[0])
    refused = client.post(f"{API}/contact-types", json={"name": "Signal"}, headers=rep_headers)
    is_error(refused, 403, "forbidden")


def test_an_admin_adds_renames_and_deletes_a_type_but_not_one_in_use(
    client: TestClient, session: Session, admin_headers: dict[str, str]
) -> None:
    contact = make_contact(session)
    session.commit()
    added = client.post(
        f"{API}/contact-types", json={"name": "Signal", "kind": "phone"}, headers=admin_headers
    )
    assert added.status_code == 201 and added.json()["kind"] == "phone"
    type_id = added.json()["id"]
    assert _put(client, admin_headers, contact.id, (type_id, "+43 660 123")).status_code == 200
    renamed = client.patch(
        f"{API}/contact-types/{type_id}", json={"name": "Signal app"}, headers=admin_headers
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Signal app"
    rekind = client.patch(f"{API}/contact-types/{type_id}", json={"kind": "url"}, headers=admin_headers)
    assert "1 channel(s)" in is_error(rekind, 409, "conflict")["message"]
    refused = is_error(
        client.delete(f"{API}/contact-types/{type_id}", headers=admin_headers), 409, "conflict"
    )
    assert "Signal app" in refused["message"]
    assert _put(client, admin_headers, contact.id).status_code == 200
    assert client.delete(f"{API}/contact-types/{type_id}", headers=admin_headers).status_code == 204
    clash = client.post(f"{API}/contact-types", json={"name": "skype"}, headers=admin_headers)
    assert is_error(clash, 409, "conflict")["fields"] == {"name": "is already taken"}
    bad = client.post(f"{API}/contact-types", json={"name": "X", "kind": "fax"}, headers=admin_headers)
    is_error(bad, 422, "validation_error")


def test_channels_are_checked_by_kind_and_answered_with_their_links(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str]
) -> None:
    contact = make_contact(session, owner_id=rep.id, email="ann@acme.example", phone="+43 1")
    session.commit()
    skype, linkedin = _type_id(client, rep_headers, "Skype"), _type_id(client, rep_headers, "LinkedIn")
    mobile = _type_id(client, rep_headers, "Mobile")
    saved = _put(
        client,
        rep_headers,
        contact.id,
        (skype, "ann.k"),
        (linkedin, "linkedin.com/in/ann"),
        (mobile, "+43 660 1"),
    )
    assert saved.status_code == 200, saved.text
    items = saved.json()["items"]
    assert [(c["type"], c["value"], c["href"]) for c in items] == [
        ("Skype", "ann.k", ""),
        ("LinkedIn", "https://linkedin.com/in/ann", "https://linkedin.com/in/ann"),
        ("Mobile", "+43 660 1", "tel:+436601"),
    ]
    read = client.get(f"{API}/contacts/{contact.id}/channels", headers=rep_headers).json()
    assert read == {"contact_id": contact.id, "items": items}
    record = client.get(f"{API}/contacts/{contact.id}", headers=rep_headers).json()
    has_fields(record, "contacts")
    assert (record["email"], record["phone"]) == ("ann@acme.example", "+43 1") and "channels" not in record


def test_a_javascript_link_or_a_wrong_value_is_refused_and_nothing_is_written(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str]
) -> None:
    contact = make_contact(session, owner_id=rep.id)
    session.commit()
    website, email = _type_id(client, rep_headers, "Website"), _type_id(client, rep_headers, "E-mail")
    answer = _put(
        client, rep_headers, contact.id, (email, "ann@acme.example"), (website, "javascript:alert(1)")
    )
    error = is_error(answer, 422, "validation_error")
    assert set(error["fields"]) == {"channels.1.value"}
    both_bad = _put(client, rep_headers, contact.id, (email, "nope"), (999_999, "x"))
    assert set(is_error(both_bad, 422, "validation_error")["fields"]) == {
        "channels.0.value",
        "channels.1.type_id",
    }
    assert client.get(f"{API}/contacts/{contact.id}/channels", headers=rep_headers).json()["items"] == []


def test_a_contact_the_user_cannot_see_has_no_channels_to_read_or_write(
    client: TestClient, session: Session, auth_headers: HeadersFor
) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    hidden = make_contact(session, partner_id=theirs.id, kind="consultant")
    session.commit()
    headers = auth_headers(person)
    skype = _type_id(client, headers, "Skype")
    is_error(client.get(f"{API}/contacts/{hidden.id}/channels", headers=headers), 404, "not_found")
    is_error(_put(client, headers, hidden.id, (skype, "x")), 404, "not_found")


def test_linked_accounts_show_on_both_sides_once_and_never_to_themselves(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str]
) -> None:
    acme, bolt = (
        make_account(session, name="Acme", owner_id=rep.id),
        make_account(session, name="Bolt", owner_id=rep.id),
    )
    session.commit()
    url = f"{API}/accounts/{acme.id}/relations"
    linked = client.post(url, json={"related_account_id": bolt.id, "label": "Supplier"}, headers=rep_headers)
    assert linked.status_code == 201, linked.text
    shown = linked.json()
    assert (shown["account_id"], shown["related_account_id"]) == (acme.id, bolt.id)
    assert (shown["related_account_name"], shown["label"]) == ("Bolt", "Supplier")
    other_side = client.get(f"{API}/accounts/{bolt.id}/relations", headers=rep_headers).json()
    assert [(r["related_account_name"], r["label"]) for r in other_side["items"]] == [("Acme", "Customer")]
    again = client.post(
        f"{API}/accounts/{bolt.id}/relations",
        json={"related_account_id": acme.id, "label": "x"},
        headers=rep_headers,
    )
    is_error(again, 409, "conflict")
    itself = client.post(url, json={"related_account_id": acme.id, "label": "Twin"}, headers=rep_headers)
    assert set(is_error(itself, 422, "validation_error")["fields"]) == {"related_account_id"}
    relation_id = other_side["items"][0]["id"]
    assert (
        client.delete(f"{API}/accounts/{bolt.id}/relations/{relation_id}", headers=rep_headers).status_code
        == 204
    )
    assert client.get(url, headers=rep_headers).json() == {"items": [], "total": 0, "limit": 0, "offset": 0}


def test_links_to_accounts_a_partner_user_cannot_see_are_neither_listed_nor_made(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str], auth_headers: HeadersFor
) -> None:
    ours = make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    shop = make_account(session, name="Shop", partner_id=ours.id)
    visible_peer = make_account(session, name="Peer", partner_id=ours.id)
    secret = make_account(session, name="Secret", owner_id=rep.id)
    session.commit()
    for other in (visible_peer, secret):
        body = {"related_account_id": other.id, "label": "Partner company"}
        assert (
            client.post(f"{API}/accounts/{shop.id}/relations", json=body, headers=rep_headers).status_code
            == 201
        )
    headers = auth_headers(person)
    seen = client.get(f"{API}/accounts/{shop.id}/relations", headers=headers).json()["items"]
    assert [r["related_account_name"] for r in seen] == ["Peer"]
    is_error(client.get(f"{API}/accounts/{secret.id}/relations", headers=headers), 404, "not_found")
    third = make_account(session, name="Third", owner_id=rep.id)
    session.commit()
    tried = client.post(
        f"{API}/accounts/{shop.id}/relations",
        json={"related_account_id": third.id, "label": "x"},
        headers=headers,
    )
    is_error(tried, 404, "not_found")
    hidden_link = next(
        r
        for r in client.get(f"{API}/accounts/{shop.id}/relations", headers=rep_headers).json()["items"]
        if r["related_account_name"] == "Secret"
    )
    gone = client.delete(f"{API}/accounts/{shop.id}/relations/{hidden_link['id']}", headers=headers)
    is_error(gone, 404, "not_found")
