"""The intake's compiled fast path accepts only what the reference validation accepts, with the same rows."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rxcrm.api.leads.intake import _payloads
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.leads.intake import INTAKE_FIELDS, lead_rows, validate_batch
from rxcrm.services.leads.intake_decode import LeadIn, decode_intake

TEXTS = st.one_of(
    st.sampled_from(["Anna Berg", " anna@acme.test ", "a@b.c", "not mail", "+49 30 1234567", "12", "", "  "]),
    st.text(max_size=8),
    st.text(min_size=199, max_size=202),
)
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=2**31 + 1),
    st.sampled_from([2**31 - 1, 2**64, 1.0, 1e3, "5", [], {}]),
    st.floats(allow_nan=False),
)
CUSTOM = st.one_of(
    st.none(),
    st.dictionaries(st.text(max_size=3), st.one_of(st.none(), st.integers(), st.text(max_size=3), ODD)),
    ODD,
)
FIELDS = {
    "name": st.one_of(TEXTS, ODD),
    "company": TEXTS,
    "email": st.one_of(TEXTS, ODD),
    "phone": TEXTS,
    "country": TEXTS,
    "source": TEXTS,
    "campaign_id": ODD,
    "partner_id": ODD,
    "priority": st.one_of(st.sampled_from(["low", "normal", "high", "urgent", "LOW"]), ODD),
    "custom": CUSTOM,
    "status": st.just("open"),
    "leads": st.just([]),
}
LEAD = st.fixed_dictionaries({}, optional=FIELDS)
BATCH = st.fixed_dictionaries({"leads": st.lists(LEAD, max_size=4)})
BODY = st.one_of(LEAD, BATCH, st.lists(LEAD, max_size=2))


def _reference(raw: bytes) -> list[dict[str, Any]] | None:
    try:
        leads = validate_batch(_payloads(json.loads(raw)))
    except (ValueError, ValidationFailed):
        return None
    return _comparable(leads)


def _comparable(leads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = lead_rows(leads, None)
    for row in rows:
        del row["created_at"], row["updated_at"]
    return rows


@settings(max_examples=600, deadline=None)
@given(BODY)
def test_the_fast_path_never_accepts_what_validation_refuses_and_builds_the_same_leads(body: Any) -> None:
    raw = json.dumps(body).encode()
    fast = decode_intake(raw)
    if fast is not None:
        assert _comparable(fast) == _reference(raw)


def test_the_fast_path_takes_ordinary_single_leads_and_batches() -> None:
    one = {"name": " Anna Berg ", "email": "anna@acme.test", "custom": {"size": 12}, "campaign_id": 3}
    for body in (one, {"leads": [one, {"email": "b@acme.test", "priority": "high", "custom": None}]}):
        raw = json.dumps(body).encode()
        fast = decode_intake(raw)
        assert fast is not None and _comparable(fast) == _reference(raw)


def test_bodies_the_fast_path_cannot_vouch_for_go_to_the_reference_path() -> None:
    for raw in (
        b'{"name": "Anna",',
        b"\xef\xbb\xbf" + b'{"name": "Anna"}',
        b'{"name": "\\ud800"}',
        b'{"name": NaN}',
        b'{"leads": []}',
        b'{"leads": [{"name": "a"}], "x": 1}',
        b'{"company": "Acme"}',
        b'{"name": "Anna", "custom": {"a": [1]}}',
        json.dumps({"leads": [{"name": "L"}] * 1001}).encode(),
    ):
        assert decode_intake(raw) is None


def test_the_fast_path_knows_exactly_the_intake_fields() -> None:
    assert set(LeadIn.__struct_fields__) == INTAKE_FIELDS
