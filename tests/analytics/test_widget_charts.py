"""Dashboard widget charts: a Plotly figure per kind, and a baseline drawn over the live data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import plotly.graph_objects as go
import pytest

from rxcrm.analytics.widget_charts import label_rows, widget_figure, widget_summary
from rxcrm.analytics.widgets import rows_json
from rxcrm.domain.dashboards.widgets import CATALOGUE

ROWS: dict[str, list[dict]] = {
    "pipeline_by_stage": [{"stage_id": 1, "stage": "Prospecting", "count": 2, "amount": D("1500.00")}],
    "funnel": [
        {"stage_id": 1, "stage": "Prospecting", "count": 9},
        {"stage_id": 2, "stage": "Proposal", "count": 4},
    ],
    "revenue": [{"period": "2026-01", "amount": D("3000.00")}, {"period": "2026-02", "amount": D("500.00")}],
    "won_by_person": [{"user_id": 7, "count": 2, "amount": D("3500.00")}],
    "activities": [
        {"category": "Call", "user_id": 7, "count": 3},
        {"category": "Meeting", "user_id": 7, "count": 1},
        {"category": "Call", "user_id": 8, "count": 2},
    ],
    "targets": [{"user_id": 7, "period": "2026-01", "target": D("2500.00"), "actual": D("3000.00")}],
    "leaderboard": [{"user_id": 7, "rank": 1, "amount": D("3500.00")}],
    "forecast": [{"period": "2026-03", "weighted_amount": D("200.00")}],
    "lead_conversion": [{"period": "2026-01", "leads": 4, "qualified": 1, "rate": 25.0}],
    "campaigns": [{"campaign_id": 3, "leads": 2, "won_amount": D("3000.00"), "cost": D("1000.00")}],
    "partners": [{"partner_id": 5, "count": 2, "amount": D("1200.00")}],
    "won_by_product": [
        {"product_id": 4, "product": "Cloud plan", "count": 2, "quantity": "12", "amount": D("2400.00")},
        {
            "product_id": None,
            "product": "Items without a product",
            "count": 1,
            "quantity": "1",
            "amount": D("90.00"),
        },
    ],
    "contracts": [{"type": "Subscription", "count": 3, "mrr": D("250.00")}],
    "open_invoices_by_due_week": [
        {"week": date(2026, 11, 23), "count": 2, "amount": D("900.00"), "overdue_amount": D("400.00")},
        {"week": date(2026, 11, 30), "count": 1, "amount": D("100.00"), "overdue_amount": D("0.00")},
    ],
    "overdue_by_account": [
        {"account_id": 3, "account": "Alpen AG", "count": 2, "amount": D("400.00"), "days_overdue": 12}
    ],
    "paid_per_month": [{"period": "2026-10", "count": 1, "amount": D("300.00")}],
}


@pytest.mark.parametrize("kind", [k.kind for k in CATALOGUE])
def test_every_widget_kind_draws_a_titled_figure_with_hover_details(kind: str) -> None:
    figure = widget_figure(kind, ROWS[kind], "My widget")
    assert isinstance(figure, go.Figure)
    assert figure.layout.title.text == "My widget"
    assert figure.data and all(trace.hovertemplate for trace in figure.data)


@pytest.mark.parametrize("kind", [k.kind for k in CATALOGUE])
def test_a_baseline_is_overlaid_under_its_name_from_its_stored_json_rows(kind: str) -> None:
    live = widget_figure(kind, ROWS[kind], "Live")
    both = widget_figure(
        kind, ROWS[kind], "Live", baseline_rows=rows_json(ROWS[kind]), baseline_name="Q1 plan"
    )
    assert len(both.data) == len(live.data) + 1
    assert both.data[-1].name == "Q1 plan"


def test_revenue_baseline_is_ghost_bars_and_forecast_baseline_a_dashed_line() -> None:
    revenue = widget_figure("revenue", ROWS["revenue"], "R", baseline_rows=ROWS["revenue"], baseline_name="B")
    assert revenue.data[-1].type == "bar" and list(revenue.data[-1].y) == [3000.0, 500.0]
    forecast = widget_figure(
        "forecast", ROWS["forecast"], "F", baseline_rows=ROWS["forecast"], baseline_name="B"
    )
    assert forecast.data[-1].type == "scatter" and forecast.data[-1].line.dash == "dash"


def test_activities_stack_one_trace_per_category() -> None:
    figure = widget_figure("activities", ROWS["activities"], "A")
    assert [t.name for t in figure.data] == ["Call", "Meeting"]
    assert list(figure.data[0].y) == [3, 2] and list(figure.data[1].y) == [1, 0]
    assert figure.layout.barmode == "stack"


def test_summary_gives_one_headline_figure() -> None:
    assert widget_summary("revenue", ROWS["revenue"]) == "Won revenue: 3,500.00"
    assert widget_summary("lead_conversion", ROWS["lead_conversion"]) == "1 of 4 leads qualified"
    assert widget_summary("targets", ROWS["targets"]) == "120% of target to date"
    assert widget_summary("funnel", ROWS["funnel"]) == "9 deals entered"
    assert widget_summary("revenue", []) == "Won revenue: 0.00"


def test_people_partners_and_campaigns_are_named_on_the_axis() -> None:
    labels = {"user_id": {7: "Rita Rossi"}, "partner_id": {3: "Brightside"}}
    won = label_rows(
        [{"user_id": 7, "count": 2, "amount": D("10.00")}, {"user_id": 8, "count": 1, "amount": D("1")}],
        labels,
    )
    assert list(widget_figure("won_by_person", won, "Won").data[0].x) == ["Rita Rossi", "User 8"]
    partners = label_rows([{"partner_id": 3, "count": 1, "amount": D("5.00")}], labels)
    assert list(widget_figure("partners", partners, "Partners").data[0].x) == ["Brightside"]
    talks = label_rows([{"category": "Call", "user_id": 7, "count": 4}], labels)
    assert list(widget_figure("activities", talks, "Activities").data[0].x) == ["Rita Rossi"]


@pytest.mark.parametrize("kind", [k.kind for k in CATALOGUE])
def test_an_empty_widget_says_what_is_missing_instead_of_drawing_an_axis(kind: str) -> None:
    def zero(key: str, value: object) -> object:
        counted = isinstance(value, D | int | float) and not key.endswith("_id") and key != "rank"
        return 0 if counted else value

    zeros = [{k: zero(k, v) for k, v in row.items()} for row in ROWS[kind]]
    for rows in ([], zeros):
        figure = widget_figure(kind, rows, "")
        assert not figure.data
        assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False
        assert figure.layout.annotations[0].text.startswith("No ")
    assert widget_figure("partners", [], "").layout.annotations[0].text == "No partner deals in this period"


def test_the_funnel_is_centred_bars_narrowing_down_in_the_basic_bundle() -> None:
    (trace,) = widget_figure("funnel", ROWS["funnel"], "F").data
    assert trace.type == "bar" and trace.orientation == "h"  # plotly.js-basic has no 'funnel' trace
    assert list(trace.y) == ["Prospecting", "Proposal"] and list(trace.x) == [9, 4]
    assert list(trace.base) == [-4.5, -2.0]  # each bar centred on 0


def test_won_by_person_and_leaderboard_are_different_charts() -> None:
    rows = label_rows(
        [
            {"user_id": 7, "count": 2, "amount": D("3500.00")},
            {"user_id": 8, "count": 5, "amount": D("900.00")},
        ],
        {"user_id": {7: "Rita", 8: "Sam"}},
    )
    ranked = label_rows(
        [{"user_id": 7, "rank": 1, "amount": D("3500.00")}, {"user_id": 8, "rank": 2, "amount": D("900.00")}],
        {"user_id": {7: "Rita", 8: "Sam"}},
    )
    (won,) = widget_figure("won_by_person", rows, "W").data
    (board,) = widget_figure("leaderboard", ranked, "L").data
    assert won.orientation != "h" and list(won.y) == [2, 5]  # deals won per person
    assert board.orientation == "h" and list(board.y) == ["Rita", "Sam"] and list(board.x) == [3500.0, 900.0]
    assert list(board.text) == ["#1 · 3,500", "#2 · 900"]


def test_targets_of_one_period_put_reps_on_the_axis_several_periods_rep_and_period() -> None:
    one = [
        {"user_id": 7, "label": "Rita", "period": "2026-Q4", "target": D("10"), "actual": D("5")},
        {"user_id": 8, "label": "Sam", "period": "2026-Q4", "target": D("10"), "actual": D("5")},
    ]
    figure = widget_figure("targets", one, "T")
    assert list(figure.data[0].x) == ["Rita", "Sam"] and figure.data[0].name == "Target to date"
    assert figure.layout.xaxis.type == "category"
    months = [{**one[0], "period": "2026-10"}, {**one[0], "period": "2026-11"}]
    assert widget_figure("targets", months, "T").layout.xaxis.type == "multicategory"


def test_a_small_count_axis_ticks_whole_units_and_a_large_one_is_left_to_plotly() -> None:
    few = [{"user_id": 1, "user_id_label": "Ann", "count": 2, "amount": D("10.00")}]
    figure = widget_figure("won_by_person", few, "Won deals by person")
    assert (figure.layout.yaxis.tick0, figure.layout.yaxis.dtick) == (0, 1)  # 0, 1, 2 — never 0, 1, 1, 2
    stacked = [{"category": c, "user_id": 1, "user_id_label": "Ann", "count": 6} for c in ("Call", "Meeting")]
    assert widget_figure("activities", stacked, "Activities").layout.yaxis.dtick is None  # 12 stacked
    many = [{"user_id": 1, "user_id_label": "Ann", "count": 40, "amount": D("10.00")}]
    assert widget_figure("won_by_person", many, "Won deals by person").layout.yaxis.dtick is None
    assert (
        widget_figure("revenue", [{"period": "2026-01", "amount": D("3.00")}], "R").layout.yaxis.dtick is None
    )
