"""What api.md promises every resource: its field names, the list envelope and the error shape."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

API = "/api/v1"
FIELDS: dict[str, set[str]] = {
    "users": {"id", "email", "name", "role", "access_level", "partner_id", "active", "time_zone"},
    "accounts": {
        *("id", "type", "name", "first_name", "last_name", "email", "phone", "street", "city", "zip"),
        *("country", "registration_no", "vat_no", "industry", "key_account", "owner_id"),
        *("second_owner_id", "parent_id", "is_private", "is_global", "custom"),
    },
    "contacts": {
        *("id", "first_name", "last_name", "email", "phone", "account_id", "partner_id", "kind"),
        *("owner_id", "second_owner_id", "custom"),
    },
    "leads": {
        *("id", "name", "company", "email", "phone", "source", "campaign_id", "status", "priority"),
        *("owner_id", "partner_id", "duplicate_of_id", "archived", "custom"),
    },
    "opportunities": {
        *("id", "name", "account_id", "contact_id", "owner_id", "second_owner_id", "stage_id", "amount"),
        *("currency", "probability", "close_date", "campaign_id", "partner_id", "tags", "locked"),
        *("status", "custom"),
    },
    "partners": {
        *("id", "name", "email", "phone", "website", "street", "city", "zip", "country", "owner_id"),
        *("active", "custom"),
    },
    "stages": {"id", "name", "position", "probability", "kind", "color"},
    "pipelines": {"id", "name", "position", "default"},
    "projects": {"id", "name", "parent_id", "crm_enabled", "responsible_ids", "participant_ids"},
    "tasks": {
        *("id", "title", "description", "assignee_id", "due_date", "status", "priority", "account_ids"),
        *("primary_account_id", "opportunity_id", "project_id"),
    },
    "activities": {"id", "entity", "entity_id", "category", "at", "note", "author_id"},
    "notifications": {"id", "entity", "entity_id", "message", "read", "at"},
    "history": {"field", "old", "new", "by", "at"},
    "baselines": {"id", "widget_kind", "name", "params", "rows", "created_at", "created_by"},
    "invoices": {
        *("id", "number", "account_id", "opportunity_id", "contract_id", "issue_date", "due_date"),
        *("amount", "currency", "status"),
    },
    "tickets": {
        *("id", "number", "subject", "status", "assignee_id", "contact_id", "account_id"),
        *("from_email", "created_at", "messages"),
    },
    "ticket_messages": {"id", "kind", "body", "author_id", "at"},
}


def has_fields(record: dict[str, Any], resource: str) -> None:
    """The record carries every field api.md names for the resource (more is allowed)."""
    missing = FIELDS[resource] - set(record)
    assert not missing, f"{resource} lacks {sorted(missing)}: {record}"


def listed(client: TestClient, headers: dict[str, str], path: str, **params: Any) -> list[dict[str, Any]]:
    """GET a list: 200 in the envelope {items, total, limit, offset}; its items."""
    answer = client.get(f"{API}{path}", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {"items", "total", "limit", "offset"} <= set(body), body
    assert isinstance(body["items"], list) and body["total"] >= len(body["items"])
    return body["items"]


def answered(answer: Any, status: int = 201) -> dict[str, Any]:
    """The JSON body of an answer that has the expected status (else the answer's text is shown)."""
    assert answer.status_code == status, answer.text
    return answer.json()


def is_error(answer: Any, status: int, code: str) -> dict[str, Any]:
    """An error answer with the status and the contract's {"error": {code, message, fields}}."""
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["code"] == code and error["message"] and isinstance(error["fields"], dict), error
    return error


def window_is_bounded(client: TestClient, headers: dict[str, str], path: str) -> None:
    """limit/offset are honoured, `q` accepted, limit above 500 refused (422)."""
    assert client.get(f"{API}{path}", params={"limit": 500, "offset": 0}, headers=headers).status_code == 200
    answer = client.get(f"{API}{path}", params={"limit": 1, "offset": 0, "q": "x"}, headers=headers)
    assert answer.status_code == 200 and answer.json()["limit"] == 1, answer.text
    is_error(client.get(f"{API}{path}", params={"limit": 501}, headers=headers), 422, "validation_error")


def filters_by(client: TestClient, headers: dict[str, str], path: str, field: str, value: Any) -> None:
    """`?<field>=<value>` narrows the list to records with that value (and finds at least one)."""
    items = listed(client, headers, path, **{field: value})
    assert items and all(item[field] == value for item in items), (path, field, value, items)
