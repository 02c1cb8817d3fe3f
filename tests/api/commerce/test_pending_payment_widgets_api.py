"""REST: the pending payments widgets answer through the widget API, and baselines freeze them."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.domain.dashboards.widgets import KINDS
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.people.time_zones import today_for
from tests.analytics.invoice_data import invoice_crm, week
from tests.analytics.widget_data import fixed_crm
from tests.api.conftest import HeadersFor
from tests.api.contract import answered
from tests.conftest import make_user

URL = "/api/v1/dashboards/widgets"
Q1 = {"from": "2026-01-01", "to": "2026-03-31"}
PENDING = ("open_invoices_by_due_week", "overdue_by_account", "paid_per_month")


def test_each_pending_payments_widget_answers_its_fields_with_money_as_text(
    session: Session, client: TestClient, auth_headers: HeadersFor
) -> None:
    crm = fixed_crm(session)
    invoices = invoice_crm(session, crm)
    session.commit()
    headers = auth_headers(crm.director)
    for kind in PENDING:
        body = client.get(f"{URL}/{kind}", headers=headers).json()
        assert body["kind"] == kind and body["rows"]
        assert all(tuple(row) == KINDS[kind].fields for row in body["rows"])
    t = today_for(None)
    due = client.get(f"{URL}/open_invoices_by_due_week", headers=headers).json()["rows"]
    assert due[0] == {
        "week": week(t - timedelta(days=40)).isoformat(),
        "count": 1,
        "amount": "600.00",
        "overdue_amount": "600.00",
    }
    overdue = client.get(f"{URL}/overdue_by_account", headers=headers).json()["rows"]
    assert overdue[0] == {
        "account_id": invoices["i1"].account_id,
        "account": "Alpen AG",
        "count": 1,
        "amount": "1000.00",
        "days_overdue": 10,
    }
    paid = client.get(f"{URL}/paid_per_month", params=Q1, headers=headers).json()["rows"]
    assert paid == [
        {"period": "2026-01", "count": 1, "amount": "300.00"},
        {"period": "2026-02", "count": 1, "amount": "250.00"},
        {"period": "2026-03", "count": 0, "amount": "0.00"},
    ]


def test_a_partner_user_without_invoice_rights_is_refused_with_403(
    session: Session, client: TestClient, auth_headers: HeadersFor
) -> None:
    crm = fixed_crm(session)
    invoice_crm(session, crm)
    partner_user = make_user(session, role="partner", partner_id=crm.p1.id)
    session.commit()
    answer = client.get(f"{URL}/overdue_by_account", headers=auth_headers(partner_user))
    assert answer.status_code == 403
    assert "may not see invoices" in answer.json()["error"]["message"]


def test_a_baseline_freezes_overdue_by_account_and_stays_while_an_invoice_is_paid(
    session: Session, client: TestClient, auth_headers: HeadersFor, admin
) -> None:
    crm = fixed_crm(session)
    invoices = invoice_crm(session, crm)
    session.commit()
    headers = auth_headers(crm.director)
    body = {"widget_kind": "overdue_by_account", "name": "Dunning run"}
    frozen = answered(client.post("/api/v1/baselines", json=body, headers=headers))
    assert [r["amount"] for r in frozen["rows"]] == ["1000.00", "600.00", "50.00"]

    paid = client.patch(f"/api/v1/invoices/{invoices['i1'].id}", json={"status": "paid"}, headers=headers)
    assert paid.status_code == 200, paid.text
    live = client.get(f"{URL}/overdue_by_account", headers=headers).json()["rows"]
    assert [r["amount"] for r in live] == ["600.00", "50.00"]
    assert client.get(f"/api/v1/baselines/{frozen['id']}", headers=headers).json()["rows"] == frozen["rows"]

    set_permission(session, admin, "director", "invoices", "view", False)
    session.commit()
    assert client.get(f"/api/v1/baselines/{frozen['id']}", headers=headers).status_code == 404
