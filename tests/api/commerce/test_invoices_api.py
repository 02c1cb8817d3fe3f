"""REST: /invoices — issue from a contract or a sold deal, list with filters, status steps, 404 and 409."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.api.conftest import HeadersFor
from tests.api.contract import has_fields, is_error, listed
from tests.conftest import make_opportunity, make_user
from tests.services.commerce.sold_deals import sold_deal

INVOICES, CONTRACTS = "/api/v1/invoices", "/api/v1/contracts"
FIELDS = {
    "id", "number", "account_id", "opportunity_id", "contract_id", "issue_date", "due_date", "amount",
    "currency", "status", "sent_on", "paid_on", "created_at",
}  # fmt: skip


def test_a_sold_deal_and_a_contract_are_invoiced_and_listed(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = sold_deal(session, rep)
    session.commit()
    made = client.post(INVOICES, json={"opportunity_id": deal.id}, headers=rep_headers)
    assert made.status_code == 201, made.text
    invoice = made.json()
    assert set(invoice) == FIELDS
    has_fields(invoice, "invoices")
    assert invoice["number"].endswith("-0001") and invoice["number"][:4] == invoice["issue_date"][:4]
    assert (invoice["amount"], invoice["currency"], invoice["status"]) == ("1500.00", "CHF", "draft")
    [contract, _] = listed(client, rep_headers, "/contracts", opportunity_id=deal.id)
    body = {"contract_id": contract["id"], "due_date": invoice["due_date"]}
    second = client.post(INVOICES, json=body, headers=rep_headers).json()
    assert (second["number"][-4:], second["contract_id"], second["due_date"]) == (
        "0002",
        contract["id"],
        invoice["due_date"],
    )
    assert client.get(f"{INVOICES}/{invoice['id']}", headers=rep_headers).json() == invoice
    items = listed(client, rep_headers, "/invoices", account_id=deal.account_id)
    assert [i["id"] for i in items] == [second["id"], invoice["id"]]
    assert listed(client, rep_headers, "/invoices", status="paid") == []


def test_status_steps_overdue_and_due_date_changes(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = sold_deal(session, rep)
    session.commit()
    invoice = client.post(INVOICES, json={"opportunity_id": deal.id}, headers=rep_headers).json()
    url = f"{INVOICES}/{invoice['id']}"
    is_error(client.patch(url, json={"status": "paid"}, headers=rep_headers), 409, "conflict")
    sent = client.patch(url, json={"status": "sent", "due_date": invoice["issue_date"]}, headers=rep_headers)
    assert (sent.json()["status"], sent.json()["sent_on"]) == ("sent", invoice["issue_date"])
    early = client.patch(url, json={"due_date": "2000-01-01"}, headers=rep_headers)
    assert "due_date" in is_error(early, 422, "validation_error")["fields"]
    wrong = is_error(
        client.patch(url, json={"status": "overdue"}, headers=rep_headers), 422, "validation_error"
    )
    assert "due date" in wrong["fields"]["status"]
    is_error(client.patch(url, json={"amount": "1"}, headers=rep_headers), 422, "validation_error")
    paid = client.patch(url, json={"status": "paid"}, headers=rep_headers).json()
    assert (paid["status"], paid["paid_on"]) == ("paid", invoice["issue_date"])
    history = client.get(f"{url}/history", headers=rep_headers).json()
    assert {(h["field"], h["new"]) for h in history} >= {("status", "sent"), ("status", "paid")}


def test_an_unsold_deal_is_refused_and_others_records_are_404(
    client: TestClient, session: Session, rep, rep_headers, auth_headers: HeadersFor
) -> None:
    open_deal = make_opportunity(session, rep)
    deal = sold_deal(session, rep)
    stranger = make_user(session, access_level="limited_opportunities")
    session.commit()
    refused = is_error(
        client.post(INVOICES, json={"opportunity_id": open_deal.id}, headers=rep_headers), 409, "conflict"
    )
    assert "not sold" in refused["message"]
    neither = is_error(client.post(INVOICES, json={}, headers=rep_headers), 422, "validation_error")
    assert set(neither["fields"]) == {"contract_id", "opportunity_id"}
    is_error(client.post(INVOICES, json={"contract_id": 0}, headers=rep_headers), 422, "validation_error")
    invoice = client.post(INVOICES, json={"opportunity_id": deal.id}, headers=rep_headers).json()
    theirs = auth_headers(stranger)
    is_error(client.get(f"{INVOICES}/{invoice['id']}", headers=theirs), 404, "not_found")
    is_error(
        client.patch(f"{INVOICES}/{invoice['id']}", json={"status": "sent"}, headers=theirs), 404, "not_found"
    )
    is_error(client.post(INVOICES, json={"opportunity_id": deal.id}, headers=theirs), 404, "not_found")
    assert listed(client, theirs, "/invoices") == []
    is_error(client.get(INVOICES, params={"status": "late"}, headers=rep_headers), 422, "validation_error")
