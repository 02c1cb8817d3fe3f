"""Pending payments widgets: open invoices by due week, overdue by account, paid per month, by hand
(`invoice_data`: two currencies, a draft and an invoice without exchange rate left out)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from rxcrm.analytics.widget_charts import widget_summary
from rxcrm.analytics.widgets import rows_json, widget_rows
from rxcrm.analytics.widgets_invoices import left_out_note, unconverted_invoices
from rxcrm.db.models import Account, ExchangeRate, Invoice
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.errors import Forbidden
from rxcrm.services.commerce.invoices import update_invoice
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.people.time_zones import today_for
from tests.analytics.invoice_data import invoice_crm, week
from tests.analytics.widget_data import Q1, Crm, fixed_crm
from tests.conftest import make_user

ALL_TIME = WidgetParams()


@pytest.fixture
def crm(session: Session) -> Crm:
    return fixed_crm(session)


@pytest.fixture
def invoices(session: Session, crm: Crm) -> dict[str, Invoice]:
    return invoice_crm(session, crm)


def _open(session: Session, viewer, params: WidgetParams = ALL_TIME) -> dict[date, tuple[int, D, D]]:  # noqa: ANN001
    """The due-week rows that hold invoices, by week."""
    rows = widget_rows(session, viewer, "open_invoices_by_due_week", params)
    return {r["week"]: (r["count"], r["amount"], r["overdue_amount"]) for r in rows if r["count"]}


def _overdue(session: Session, viewer, params: WidgetParams = ALL_TIME) -> list[tuple]:  # noqa: ANN001
    rows = widget_rows(session, viewer, "overdue_by_account", params)
    return [(r["account"], r["count"], r["amount"], r["days_overdue"]) for r in rows]


def test_open_invoices_are_sent_unpaid_ones_per_due_week_with_the_overdue_part(
    session: Session, crm: Crm, invoices: dict[str, Invoice]
) -> None:
    t = today_for(None)
    rows = widget_rows(session, crm.director, "open_invoices_by_due_week", ALL_TIME)
    # every week from i3's (T-40) to i2's (T+3), empty ones at zero
    assert [r["week"] for r in rows] == [
        week(t - timedelta(days=40)) + timedelta(weeks=n)
        for n in range((week(t + timedelta(days=3)) - week(t - timedelta(days=40))).days // 7 + 1)
    ]
    expected: dict[date, tuple[int, D, D]] = {week(t - timedelta(days=40)): (1, D("600.00"), D("600.00"))}
    expected[week(t - timedelta(days=10))] = (1, D("1000.00"), D("1000.00"))
    ends = [(t - timedelta(days=1), D("50.00"), D("50.00")), (t + timedelta(days=3), D("200.00"), D("0.00"))]
    for day, amount, overdue in ends:  # i8 (T-1) and i2 (T+3) share a week when today is Tue–Thu
        count, total, late = expected.get(week(day), (0, D("0.00"), D("0.00")))
        expected[week(day)] = (count + 1, total + amount, late + overdue)
    assert _open(session, crm.director) == expected
    assert (
        widget_summary("open_invoices_by_due_week", rows_json(rows)) == "Open: 1,850.00 · overdue: 1,650.00"
    )


def test_overdue_by_account_counts_sent_invoices_due_before_today_biggest_first(
    session: Session, crm: Crm, invoices: dict[str, Invoice]
) -> None:
    assert _overdue(session, crm.director) == [
        ("Alpen AG", 1, D("1000.00"), 10),
        ("Birch Ltd", 1, D("600.00"), 40),  # i7 in CHF has no rate
        ("Cedar SA", 1, D("50.00"), 1),
    ]
    [alpen, *_] = widget_rows(session, crm.director, "overdue_by_account", ALL_TIME)
    assert alpen["account_id"] == invoices["i1"].account_id


def test_paid_per_month_converts_usd_and_fills_the_range(
    session: Session, crm: Crm, invoices: dict[str, Invoice]
) -> None:
    assert widget_rows(session, crm.director, "paid_per_month", Q1) == [
        {"period": "2026-01", "count": 1, "amount": D("300.00")},
        {"period": "2026-02", "count": 1, "amount": D("250.00")},
        {"period": "2026-03", "count": 0, "amount": D("0.00")},
    ]
    quarters = widget_rows(session, crm.director, "paid_per_month", replace(Q1, period="quarter"))
    assert quarters == [{"period": "2026-Q1", "count": 2, "amount": D("550.00")}]


def test_a_paid_invoice_leaves_open_and_overdue_and_enters_paid_per_month(
    session: Session, crm: Crm, invoices: dict[str, Invoice]
) -> None:
    update_invoice(session, crm.director, invoices["i1"].id, {"status": "paid"})
    t = today_for(crm.director)
    assert [name for name, *_ in _overdue(session, crm.director)] == ["Birch Ltd", "Cedar SA"]
    assert sum(amount for _, amount, _ in _open(session, crm.director).values()) == D("850.00")
    this_month = WidgetParams(t.replace(day=1), t)
    assert widget_rows(session, crm.director, "paid_per_month", this_month) == [
        {"period": t.strftime("%Y-%m"), "count": 1, "amount": D("1000.00")}
    ]


def test_overdue_follows_the_viewers_calendar(
    session: Session, crm: Crm, invoices: dict[str, Invoice]
) -> None:
    behind = make_user(session, role="director", time_zone="Pacific/Pago_Pago")  # UTC-11
    ahead = make_user(session, role="director", time_zone="Pacific/Kiritimati")  # UTC+14
    invoices["i2"].due_date = today_for(behind)  # due today in Pago Pago, yesterday or before in Kiritimati
    session.add(invoices["i2"])
    session.flush()
    assert ("Alpen AG", 1, D("1000.00")) == _overdue(session, behind)[0][:3]
    assert ("Alpen AG", 2, D("1200.00")) == _overdue(session, ahead)[0][:3]


def test_a_limited_rep_sees_invoices_of_his_deals_and_the_owner_filter_narrows(
    session: Session, crm: Crm, invoices: dict[str, Invoice]
) -> None:
    assert _overdue(session, crm.lina) == [("Cedar SA", 1, D("50.00"), 1)]
    assert widget_rows(session, crm.lina, "paid_per_month", Q1)[1] == {
        "period": "2026-02",
        "count": 1,
        "amount": D("250.00"),
    }
    bob = replace(ALL_TIME, owner_id=crm.bob.id)
    assert _overdue(session, crm.director, bob) == [("Birch Ltd", 1, D("600.00"), 40)]
    east = replace(ALL_TIME, team="East")  # ann's team
    assert [a for a, *_ in _overdue(session, crm.director, east)] == ["Alpen AG"]


def test_a_partner_user_needs_the_invoice_permission_then_sees_his_partners_deals_only(
    session: Session, crm: Crm, invoices: dict[str, Invoice], admin
) -> None:
    partner_user = make_user(session, role="partner", partner_id=crm.p1.id)
    with pytest.raises(Forbidden, match="may not see invoices"):
        widget_rows(session, partner_user, "overdue_by_account", ALL_TIME)
    set_permission(session, admin, "partner", "invoices", "view", True)
    # p1 brought d6 and d7; their accounts are not the partner's: the amounts show, the names and ids
    # do not, and two bars of the same name would stand on one spot of the axis: one row for both
    assert widget_rows(session, partner_user, "overdue_by_account", ALL_TIME) == [
        {
            "account_id": None,
            "account": "2 accounts you cannot see",
            "count": 2,
            "amount": D("650.00"),
            "days_overdue": 40,
        }
    ]
    assert sum(r["amount"] for r in widget_rows(session, partner_user, "paid_per_month", Q1)) == D("550.00")


def test_a_rep_without_invoice_rights_gets_no_sums(session: Session, crm: Crm, admin) -> None:
    set_permission(session, admin, "rep", "invoices", "view", False)
    for kind in ("open_invoices_by_due_week", "overdue_by_account", "paid_per_month"):
        with pytest.raises(Forbidden):
            widget_rows(session, crm.ann, kind, ALL_TIME)


def test_invoices_without_an_exchange_rate_are_named_not_dropped_silently(
    session: Session, crm: Crm, invoices: dict[str, Invoice], admin
) -> None:
    assert unconverted_invoices(session, crm.director) == {"CHF": 1}  # i7; the draft i6 is not owed
    assert left_out_note(session, crm.director).startswith(
        "1 sent or paid invoice (1 in CHF) is not in these"
    )
    assert unconverted_invoices(session, crm.lina) == {}  # i7 is bob's deal: lina cannot see it
    set_permission(session, admin, "director", "invoices", "view", False)
    assert left_out_note(session, crm.director) == ""  # no figures, nothing to explain
    set_permission(session, admin, "director", "invoices", "view", True)
    invoices["i7"].status = "draft"
    session.add(invoices["i7"])
    session.flush()
    assert unconverted_invoices(session, crm.director) == {}
    invoices["i7"].status = "sent"
    session.add_all([invoices["i7"], ExchangeRate(currency="CHF", rate=D("1.1"))])
    session.flush()
    assert unconverted_invoices(session, crm.director) == {} and left_out_note(session, crm.director) == ""
    assert ("Birch Ltd", 2, D("1480.00"), 40) in _overdue(session, crm.director)  # 600 + 800 CHF x 1.1


def test_accounts_of_the_same_name_get_a_bar_each(
    session: Session, crm: Crm, invoices: dict[str, Invoice]
) -> None:
    cedar = session.get(Account, invoices["i8"].account_id)
    cedar.name = "Alpen AG"
    session.add(cedar)
    session.flush()
    assert [(a, amount) for a, _, amount, _ in _overdue(session, crm.director)] == [
        (f"Alpen AG (#{invoices['i1'].account_id})", D("1000.00")),
        ("Birch Ltd", D("600.00")),
        (f"Alpen AG (#{cedar.id})", D("50.00")),
    ]
