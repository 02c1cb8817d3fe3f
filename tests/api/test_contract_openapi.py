"""The OpenAPI document declares how to authenticate and what the streamed routes take as a body."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from rxcrm.domain.leads.lifecycle import MAX_BATCH

# Logging in, and a download link from the app (its token is the credential).
UNAUTHENTICATED = {("/api/v1/auth/token", "post"), ("/api/v1/downloads/{token}", "get")}


@pytest.fixture
def document(client: TestClient) -> dict[str, Any]:
    """The served /api/v1/openapi.json."""
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    return answer.json()


def test_the_bearer_and_api_key_schemes_are_declared(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    assert schemes["apiKey"] == {**schemes["apiKey"], "type": "apiKey", "in": "header", "name": "X-API-Key"}


def test_every_operation_but_logging_in_requires_a_scheme_and_none_takes_a_raw_authorization_header(
    document: dict[str, Any],
) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            names = {p["name"].lower() for p in operation.get("parameters", [])}
            assert "authorization" not in names, (path, method)
            expected = [] if (path, method) in UNAUTHENTICATED else None
            security = operation.get("security", [])
            if expected is not None:
                assert security == expected, (path, method)
            elif path in ("/api/v1/leads/intake", "/api/v1/tickets/intake"):  # the intake API keys
                assert security == [{"apiKey": []}]
            else:
                assert security == [{"bearer": []}], (path, method)


def test_the_intake_body_is_one_lead_or_a_bounded_batch(document: dict[str, Any]) -> None:
    body = document["paths"]["/api/v1/leads/intake"]["post"]["requestBody"]
    one, batch = body["content"]["application/json"]["schema"]["anyOf"]
    assert {"name", "email", "campaign_id", "partner_id", "priority", "custom"} <= set(one["properties"])
    assert one["additionalProperties"] is False
    assert batch["required"] == ["leads"] and batch["properties"]["leads"]["maxItems"] == MAX_BATCH


def test_the_import_body_is_a_csv_upload_or_json(document: dict[str, Any]) -> None:
    content = document["paths"]["/api/v1/imports/{kind}"]["post"]["requestBody"]["content"]
    assert content["multipart/form-data"]["schema"]["required"] == ["file"]
    assert content["application/json"]["schema"]["required"] == ["csv"]


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwdw==", "Token abc", "Bearer wrong"]
)
def test_a_missing_or_malformed_bearer_token_answers_401_in_the_error_shape(
    client: TestClient, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    answer = client.get("/api/v1/users/me", headers=headers)
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["code"] == "unauthorized" and error["fields"] == {}
    assert error["message"] in {"Please log in.", "Your session has expired; please log in again."}
    assert answer.headers["www-authenticate"] == "Bearer"


def test_the_bearer_scheme_is_case_insensitive(client: TestClient, rep_headers: dict[str, str]) -> None:
    token = rep_headers["Authorization"].split(" ", 1)[1]
    answer = client.get("/api/v1/users/me", headers={"Authorization": f"bearer {token}"})
    assert answer.status_code == 200


def test_the_settings_body_names_every_setting(document: dict[str, Any]) -> None:
    body = document["paths"]["/api/v1/settings"]["patch"]["requestBody"]["content"]["application/json"]
    properties = body["schema"]["properties"]
    assert properties["second_account_manager"] == {**properties["second_account_manager"], "type": "boolean"}
    assert properties["session_hours"]["type"] == "integer"
    assert body["schema"]["additionalProperties"] is False


NOT_JSON = ("/export.csv", "/export.xlsx", "/vcard", "/download", "/downloads/{token}")


def _answer_schemas(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, method, content) of every 2xx answer with a body, of every route."""
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith("2") and status != "204":
                    found.append((path, method, answer.get("content", {})))
    return found


def _named(schema: dict[str, Any]) -> dict[str, Any]:
    """The named shape of an answer: itself, a list's items, or the non-null branch of `X | null`."""
    if schema.get("type") == "array":
        return schema["items"]
    branches = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    return branches[0] if len(branches) == 1 else schema


def _component(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    name = schema["$ref"].rsplit("/", 1)[1]
    return document["components"]["schemas"][name]


def test_every_json_answer_names_its_shape(document: dict[str, Any]) -> None:
    answers = [(p, m, c) for p, m, c in _answer_schemas(document) if not p.endswith(NOT_JSON)]
    assert len(answers) > 150
    for path, method, content in answers:
        assert list(content) == ["application/json"], (path, method, list(content))
        schema = _named(content["application/json"].get("schema", {}))
        assert "$ref" in schema, (path, method, schema)
        assert _component(document, schema).get("properties"), (path, method)


def test_every_file_answer_declares_its_media_type(document: dict[str, Any]) -> None:
    files = [(p, m, c) for p, m, c in _answer_schemas(document) if p.endswith(NOT_JSON)]
    assert len(files) == 10  # 8 + the invoice templates' download + download links
    for path, method, content in files:
        assert content and "application/json" not in content, (path, method, content)
        assert all(c["schema"] == {"type": "string", "format": "binary"} for c in content.values()), path


def test_the_streamed_routes_name_their_answers(document: dict[str, Any]) -> None:
    intake = document["paths"]["/api/v1/leads/intake"]["post"]["responses"]["201"]["content"]
    assert intake["application/json"]["schema"]["$ref"].endswith("/IntakeResult")
    imports = document["paths"]["/api/v1/imports/{kind}"]["post"]["responses"]
    expected = {"200": "/ImportPreview", "201": "/ImportResult", "422": "/ImportRejected"}
    for status, shape in expected.items():
        assert imports[status]["content"]["application/json"]["schema"]["$ref"].endswith(shape)


def test_an_entity_list_answer_is_the_envelope_of_the_public_shape(document: dict[str, Any]) -> None:
    for resource, shape in (("accounts", "AccountPublic"), ("leads", "LeadPublic"), ("users", "UserPublic")):
        schema = document["paths"][f"/api/v1/{resource}"]["get"]["responses"]["200"]["content"]
        envelope = _component(document, schema["application/json"]["schema"])
        assert set(envelope["required"]) == {"items", "total", "limit", "offset"}
        assert envelope["properties"]["items"]["items"]["$ref"].endswith(f"/{shape}")


def test_entity_bodies_refuse_unknown_fields_and_answers_carry_no_secrets(
    document: dict[str, Any],
) -> None:
    body = document["paths"]["/api/v1/accounts"]["post"]["requestBody"]["content"]["application/json"]
    create = _component(document, body["schema"])
    assert create["additionalProperties"] is False and "group_ids" in create["properties"]
    public = document["components"]["schemas"]["UserPublic"]["properties"]
    assert "password_hash" not in public and {"email", "role", "time_zone"} <= set(public)


def test_the_mail_server_settings_take_a_password_and_never_answer_it(document: dict[str, Any]) -> None:
    operations = document["paths"]["/api/v1/settings/smtp"]
    body = operations["patch"]["requestBody"]["content"]["application/json"]["schema"]
    update = _component(document, body)
    assert update["additionalProperties"] is False
    assert {"host", "port", "starttls", "user", "password", "sender"} == set(update["properties"])
    for method in ("get", "patch"):
        answer = operations[method]["responses"]["200"]["content"]["application/json"]["schema"]
        public = _component(document, answer)["properties"]
        assert "password" not in public and {"password_set", "source"} <= set(public)
    test = document["paths"]["/api/v1/settings/smtp/test"]["post"]["responses"]["200"]["content"]
    assert "error" in _component(document, test["application/json"]["schema"])["properties"]
