"""The weighted forecast (spec §3.6): periods, owners, teams, the open/won/lost split, access, currencies."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session

from rxcrm.analytics.forecast import forecast_days, forecast_rows, forecast_table, forecast_totals
from rxcrm.analytics.forecast_chart import forecast_figure
from rxcrm.analytics.widget_queries import team_names
from rxcrm.db.models import ExchangeRate, Opportunity, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.pipeline.forecast import ForecastQuery
from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_opportunity, make_user


def deal(session: Session, owner: User, amount: str, probability: int = 0, **kw: Any) -> Opportunity:
    """A deal of `amount` (EUR unless told) in a stage of its status' kind."""
    status = kw.pop("status", "open")
    stage = next(s for s in list_stages(session) if s.kind == status)
    values = {"currency": "EUR", "status": status, "stage_id": stage.id, **kw}
    return make_opportunity(session, owner, amount=Decimal(amount), probability=probability, **values)


def rows_of(session: Session, actor: User, **query: Any) -> list[tuple]:
    """The forecast rows as (period, group, open count, open, weighted, won, lost)."""
    table = forecast_table(session, actor, ForecastQuery(**query))
    return [
        (
            r["period"],
            r["group_label"],
            r["open_count"],
            r["open_amount"],
            r["weighted_amount"],
            r["won_amount"],
            r["lost_amount"],
        )
        for r in forecast_rows(table)
    ]


def rita_deals(session: Session, rita: User) -> None:
    deal(session, rita, "1000.00", 30, close_date=date(2026, 11, 10))
    deal(session, rita, "500.00", 50, close_date=date(2026, 11, 25))
    deal(session, rita, "700.00", 0, status="lost", close_date=date(2026, 11, 20))
    deal(session, rita, "2000.00", 100, status="won", close_date=date(2026, 12, 5))
    deal(session, rita, "400.00", 25)


MONTHS = [
    ("2026-11", "Rita Rep", 2, "1500.00", "550.00", "0.00", "700.00"),
    ("2026-12", "Rita Rep", 0, "0.00", "0.00", "2000.00", "0.00"),
    ("2027-01", "Rita Rep", 1, "100.00", "10.00", "0.00", "0.00"),
    ("No date", "Rita Rep", 1, "400.00", "100.00", "0.00", "0.00"),
]
QUARTERS = [
    ("2026-Q4", "Rita Rep", 2, "1500.00", "550.00", "2000.00", "700.00"),
    ("2027-Q1", "Rita Rep", 1, "100.00", "10.00", "0.00", "0.00"),
    ("No date", "Rita Rep", 1, "400.00", "100.00", "0.00", "0.00"),
]


@pytest.mark.parametrize(("period", "rows"), [("month", MONTHS), ("quarter", QUARTERS)])
def test_the_forecast_per_month_or_quarter_weights_open_deals_and_splits_won_and_lost(
    session: Session, rep: User, period: str, rows: list[tuple]
) -> None:
    """A quarter adds up its months; deals without a close date have their own row."""
    rita_deals(session, rep)
    deal(session, rep, "100.00", 10, close_date=date(2027, 1, 2))
    assert rows_of(session, rep, period=period, group="owner") == rows


def test_totals_give_the_open_weighted_won_and_lost_figures(session: Session, rep: User) -> None:
    rita_deals(session, rep)
    totals = forecast_totals(forecast_table(session, rep, ForecastQuery(period="quarter")))
    assert totals == {
        "open_amount": "1900.00",
        "weighted_amount": "650.00",
        "won_amount": "2000.00",
        "lost_amount": "700.00",
        "open_count": 3,
        "unconverted": 0,
    }


def test_forecast_per_owner_has_one_row_per_owner_and_period(session: Session, rep: User) -> None:
    bob = make_user(session, name="Bob Builder")
    deal(session, rep, "1000.00", 20, close_date=date(2026, 5, 1))
    deal(session, bob, "3000.00", 10, close_date=date(2026, 5, 31))
    assert rows_of(session, rep, group="owner") == [
        ("2026-05", "Bob Builder", 1, "3000.00", "300.00", "0.00", "0.00"),
        ("2026-05", "Rita Rep", 1, "1000.00", "200.00", "0.00", "0.00"),
    ]


def test_forecast_per_team_puts_users_without_team_in_no_team(session: Session, admin: User) -> None:
    ann = make_user(session, name="Ann", team="East")
    bob = make_user(session, name="Bob", team="East")
    carl = make_user(session, name="Carl", team=None)
    deal(session, ann, "1000.00", 50, close_date=date(2026, 2, 1))
    deal(session, bob, "600.00", 50, close_date=date(2026, 2, 14))
    deal(session, bob, "900.00", 100, status="won", close_date=date(2026, 2, 20))
    deal(session, carl, "200.00", 10, close_date=date(2026, 2, 3))
    assert rows_of(session, admin, group="team") == [
        ("2026-02", "East", 2, "1600.00", "800.00", "900.00", "0.00"),
        ("2026-02", "No team", 1, "200.00", "20.00", "0.00", "0.00"),
    ]
    assert team_names(session) == ["East"]


def test_forecast_without_grouping_adds_up_everybody(session: Session, admin: User) -> None:
    deal(session, make_user(session), "1000.00", 50, close_date=date(2026, 2, 1))
    deal(session, make_user(session), "200.00", 10, close_date=date(2026, 2, 3))
    assert rows_of(session, admin, group="none") == [
        ("2026-02", "All deals", 2, "1200.00", "520.00", "0.00", "0.00")
    ]


def test_date_range_keeps_deals_closing_inside_it_and_drops_undated_ones(session: Session, rep: User) -> None:
    rita_deals(session, rep)
    rows = rows_of(session, rep, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    assert rows == [("2026-11", "Rita Rep", 2, "1500.00", "550.00", "0.00", "700.00")]
    assert rows_of(session, rep, date_from=date(2026, 12, 5)) == [
        ("2026-12", "Rita Rep", 0, "0.00", "0.00", "2000.00", "0.00")
    ]


def test_owner_and_team_filters_narrow_the_forecast(session: Session, admin: User) -> None:
    ann = make_user(session, name="Ann", team="East")
    carl = make_user(session, name="Carl")
    deal(session, ann, "1000.00", 50, close_date=date(2026, 2, 1))
    deal(session, carl, "200.00", 10, close_date=date(2026, 2, 3))
    only_carl = [("2026-02", "Carl", 1, "200.00", "20.00", "0.00", "0.00")]
    assert rows_of(session, admin, owner_id=carl.id) == only_carl
    assert rows_of(session, admin, team="No team") == only_carl
    assert rows_of(session, admin, team="East") == [
        ("2026-02", "Ann", 1, "1000.00", "500.00", "0.00", "0.00")
    ]
    assert rows_of(session, admin, team="West") == []


def test_a_limited_rep_forecasts_only_the_deals_he_may_see(session: Session, rep: User) -> None:
    lina = make_user(session, name="Lina Limited", access_level="limited_opportunities")
    deal(session, lina, "800.00", 25, close_date=date(2026, 3, 1))
    deal(session, rep, "5000.00", 90, close_date=date(2026, 3, 1))
    assert rows_of(session, lina, group="none") == [
        ("2026-03", "All deals", 1, "800.00", "200.00", "0.00", "0.00")
    ]
    assert rows_of(session, rep, group="none") == [
        ("2026-03", "All deals", 2, "5800.00", "4700.00", "0.00", "0.00")
    ]


def test_amounts_are_converted_into_the_board_currency(session: Session, rep: User) -> None:
    session.add(ExchangeRate(currency="USD", rate=Decimal("0.900000")))
    session.add(ExchangeRate(currency="CHF", rate=Decimal("1.085000")))
    deal(session, rep, "1000.00", 50, currency="USD", close_date=date(2026, 7, 1))
    deal(session, rep, "200.00", 15, currency="CHF", close_date=date(2026, 7, 2))
    deal(session, rep, "300.00", 50, close_date=date(2026, 7, 3))
    deal(session, rep, "100.00", 100, status="won", currency="USD", close_date=date(2026, 7, 4))
    # 900.00 + 217.00 + 300.00 open; weighted 450.00 + 32.55 + 150.00; won 90.00
    assert rows_of(session, rep) == [("2026-07", "Rita Rep", 3, "1417.00", "632.55", "90.00", "0.00")]


def test_deals_in_a_currency_without_rate_are_left_out_and_counted(session: Session, rep: User) -> None:
    deal(session, rep, "300.00", 50, close_date=date(2026, 7, 3))
    deal(session, rep, "800.00", 50, currency="GBP", close_date=date(2026, 7, 3))
    table = forecast_table(session, rep, ForecastQuery())
    assert rows_of(session, rep) == [("2026-07", "Rita Rep", 1, "300.00", "150.00", "0.00", "0.00")]
    assert forecast_totals(table)["unconverted"] == 1


def test_sql_returns_one_row_per_day_owner_and_status(session: Session, rep: User) -> None:
    for _ in range(3):
        deal(session, rep, "100.00", 10, close_date=date(2026, 4, 1))
    deal(session, rep, "100.00", 100, status="won", close_date=date(2026, 4, 1))
    days = forecast_days(session, rep, WidgetParams(), closed=True, by_owner=True)
    assert sorted((d.status, d.count, d.owner_id) for d in days) == [("open", 3, rep.id), ("won", 1, rep.id)]
    assert [(d.status, d.count) for d in forecast_days(session, rep, WidgetParams())] == [("open", 3)]


def test_a_forecast_of_nothing_is_empty_with_zero_totals(session: Session, rep: User) -> None:
    table = forecast_table(session, rep, ForecastQuery())
    assert forecast_rows(table) == []
    assert forecast_totals(table)["weighted_amount"] == "0.00"
    assert [trace.name for trace in forecast_figure(table).data] == ["Weighted open", "Won", "Lost"]


def test_the_page_and_the_widget_weigh_the_open_deals_alike(session: Session, rep: User) -> None:
    from rxcrm.analytics.widgets import widget_rows

    rita_deals(session, rep)
    deal(session, rep, "100.00", 10, close_date=date(2027, 1, 2))
    page = {
        r["period"]: r["weighted_amount"]
        for r in forecast_table(session, rep, ForecastQuery(period="quarter"))
    }
    widget = widget_rows(session, rep, "forecast", WidgetParams(period="quarter"))
    assert {r["period"]: r["weighted_amount"] for r in widget if r["weighted_amount"]} == {
        period: amount for period, amount in page.items() if period != "No date" and amount
    }


def test_chart_shows_won_and_lost_beside_the_weighted_pipeline_never_stacked_on_it(
    session: Session, rep: User
) -> None:
    rita_deals(session, rep)
    figure = forecast_figure(forecast_table(session, rep, ForecastQuery(period="month")), "EUR")
    weighted, won, lost = figure.data
    assert list(weighted.x) == ["2026-11", "2026-12", "No date"]
    assert list(weighted.y) == [550.0, 0.0, 100.0]
    assert list(won.y) == [0.0, 2000.0, 0.0]
    assert won.base is None  # won revenue is not added onto the forecast
    assert list(lost.y) == [700.0, 0.0, 0.0]
    assert len({weighted.offsetgroup, won.offsetgroup, lost.offsetgroup}) == 3
    assert "closed" in won.hovertemplate and "expected" in weighted.hovertemplate
    assert figure.layout.yaxis.title.text == "EUR"


def closed_deal(
    session: Session, owner: User, status: str, amount: str, expected: date, closed: datetime
) -> None:
    """A won or lost deal expected to close on one day and actually closed at another moment (UTC)."""
    deal(
        session,
        owner,
        amount,
        100 if status == "won" else 0,
        status=status,
        close_date=expected,
        closed_at=closed,
    )


def test_won_and_lost_deals_count_in_the_period_they_were_closed_not_their_expected_one(
    session: Session, rep: User
) -> None:
    deal(session, rep, "1000.00", 30, close_date=date(2027, 3, 10))
    # won early, although expected in May 2027; lost on the last evening of November (UTC)
    closed_deal(session, rep, "won", "2000.00", date(2027, 5, 1), datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    closed_deal(session, rep, "lost", "700.00", date(2027, 4, 1), datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    assert rows_of(session, rep) == [
        ("2026-11", "Rita Rep", 0, "0.00", "0.00", "0.00", "700.00"),
        ("2026-12", "Rita Rep", 0, "0.00", "0.00", "2000.00", "0.00"),
        ("2027-03", "Rita Rep", 1, "1000.00", "300.00", "0.00", "0.00"),
    ]
    # the future months hold the open deals only: nothing won or lost shows there
    future = forecast_totals(forecast_table(session, rep, ForecastQuery(date_from=date(2027, 1, 1))))
    assert (future["weighted_amount"], future["won_amount"], future["lost_amount"]) == (
        "300.00",
        "0.00",
        "0.00",
    )
    # the range filters won deals on their closing day
    december = rows_of(session, rep, date_from=date(2026, 12, 1), date_to=date(2026, 12, 31))
    assert december == [("2026-12", "Rita Rep", 0, "0.00", "0.00", "2000.00", "0.00")]
    assert rows_of(session, rep, period="quarter", date_from=date(2026, 12, 4)) == [
        ("2027-Q1", "Rita Rep", 1, "1000.00", "300.00", "0.00", "0.00")
    ]


def test_the_forecast_is_refused_to_a_user_the_amounts_are_hidden_from(
    session: Session, admin: User, rep: User
) -> None:
    import pytest

    from rxcrm.domain.errors import Forbidden
    from rxcrm.services.people.field_visibility import limit_field

    rita_deals(session, rep)
    limit_field(session, admin, "opportunity", "probability", ["admin"])
    with pytest.raises(Forbidden) as refused:
        forecast_table(session, rep, ForecastQuery())
    assert "probability" in refused.value.message
    assert rows_of(session, admin, group="none")  # the admin still sees it
