"""OpenAPI descriptions of bodies FastAPI cannot infer: the streamed routes' (intake, CSV imports), settings.

These routes read their body with a byte cap after authenticating, so FastAPI cannot infer it;
the schemas here only document it (`openapi_extra`), the handlers keep validating every byte.
"""

from __future__ import annotations

from typing import Any

from rxcrm.domain.leads.lifecycle import MAX_BATCH, PRIORITIES
from rxcrm.domain.records.csv_import import MAX_BYTES
from rxcrm.domain.records.custom_fields import MAX_CUSTOM_FIELDS
from rxcrm.domain.records.validation import MAX_ID, SHORT_TEXT
from rxcrm.domain.settings.catalogue import CATALOGUE

_TEXT = {"type": ["string", "null"], "maxLength": SHORT_TEXT}
_ID = {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID}
_CUSTOM = {
    "type": ["object", "null"],
    "maxProperties": MAX_CUSTOM_FIELDS,
    "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
}
INTAKE_LEAD: dict[str, Any] = {
    "title": "IntakeLead",
    "type": "object",
    "description": "One lead; it needs a name or an e-mail address.",
    "properties": {
        **{field: _TEXT for field in ("name", "company", "email", "phone", "country", "source")},
        "campaign_id": _ID,
        "partner_id": _ID,
        "priority": {"type": "string", "enum": list(PRIORITIES)},
        "custom": _CUSTOM,
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["name"]}, {"required": ["email"]}],
}
INTAKE_BATCH: dict[str, Any] = {
    "title": "IntakeBatch",
    "type": "object",
    "properties": {"leads": {"type": "array", "items": INTAKE_LEAD, "minItems": 1, "maxItems": MAX_BATCH}},
    "required": ["leads"],
    "additionalProperties": False,
}
INTAKE_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": f'One lead object or {{"leads": [...]}} with at most {MAX_BATCH} leads (4 MB).',
        "content": {"application/json": {"schema": {"anyOf": [INTAKE_LEAD, INTAKE_BATCH]}}},
    }
}
_MAPPING = {
    "type": "object",
    "description": "CSV column -> field name; left out, the columns are matched by their names.",
    "additionalProperties": {"type": ["string", "null"]},
}
IMPORT_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": f"A CSV file (at most {MAX_BYTES // 2**20} MB) and optionally its column mapping.",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "contentMediaType": "text/csv"},
                        "mapping": {"type": "string", "description": "the mapping object as JSON text"},
                    },
                    "required": ["file"],
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "csv": {"type": "string", "description": "the file's text"},
                        "mapping": _MAPPING,
                        "filename": {"type": "string", "maxLength": 150},
                    },
                    "required": ["csv"],
                }
            },
        },
    }
}
_JSON_TYPES = {bool: "boolean", int: "integer", str: "string"}
SETTINGS_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {
                    "title": "SettingsUpdate",
                    "type": "object",
                    "description": "Some settings by key (admins only); the rest keep their values.",
                    "properties": {
                        spec.key: {"type": _JSON_TYPES[spec.kind], "title": spec.label} for spec in CATALOGUE
                    },
                    "additionalProperties": False,
                }
            }
        }
    }
}
