"""Spec §6.1: a page is an ordered list of widgets the user adds, edits, removes and reorders."""

from __future__ import annotations

from datetime import date

import pytest

from rxcrm.domain.dashboards.widgets import (
    CATALOGUE,
    MAX_WIDGETS,
    add_widget,
    default_layout,
    edit_widget,
    home_params,
    in_project,
    move_widget,
    new_widget,
    read_layout,
    remove_widget,
    set_baseline,
    widget_kind,
    widget_params,
)
from rxcrm.domain.errors import NotFound, ValidationFailed


def kinds(layout: list) -> list[str]:
    return [w.kind for w in layout]


def test_the_catalogue_offers_every_widget_of_the_api_contract() -> None:
    assert {k.kind for k in CATALOGUE} == {
        "pipeline_by_stage",
        "funnel",
        "revenue",
        "won_by_person",
        "activities",
        "targets",
        "leaderboard",
        "forecast",
        "lead_conversion",
        "campaigns",
        "partners",
        "won_by_product",
        "contracts",
        "open_invoices_by_due_week",
        "overdue_by_account",
        "paid_per_month",
    }
    assert widget_kind("funnel").fields == ("stage_id", "stage", "count")


def test_an_unknown_widget_is_not_found() -> None:
    with pytest.raises(NotFound):
        widget_kind("weather")


def test_parameters_are_read_from_the_api_query() -> None:
    params = widget_params({"from": "2026-01-01", "to": "2026-03-31", "owner_id": "7", "team": " North "})
    assert (params.date_from, params.date_to, params.owner_id, params.team) == (
        date(2026, 1, 1),
        date(2026, 3, 31),
        7,
        "North",
    )
    assert params.as_dict() == {"from": "2026-01-01", "to": "2026-03-31", "owner_id": 7, "team": "North"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"owner_id": "abc"}, "owner_id"),
        ({"stage_id": 0}, "stage_id"),
        ({"period": "day"}, "period"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_name_the_field(query: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        widget_params(query)
    assert field in caught.value.fields


def test_the_results_page_starts_with_the_directors_widgets() -> None:
    assert kinds(default_layout("results"))[:3] == ["revenue", "pipeline_by_stage", "won_by_person"]
    assert kinds(default_layout("pending_payments")) == [
        "open_invoices_by_due_week",
        "overdue_by_account",
        "paid_per_month",
    ]
    assert kinds(default_layout("product_details")) == ["won_by_product", "contracts"]


def test_adding_editing_moving_and_removing_widgets() -> None:
    layout = [new_widget("revenue"), new_widget("funnel")]
    leaderboard = new_widget("leaderboard", "Top sellers", {"from": "2026-01-01"})
    layout = add_widget(layout, leaderboard)
    assert kinds(layout) == ["revenue", "funnel", "leaderboard"]
    layout = move_widget(layout, leaderboard.id, 0)
    assert kinds(layout) == ["leaderboard", "revenue", "funnel"]
    layout = edit_widget(
        layout, leaderboard.id, title="Q1 sellers", params={"from": "2026-01-01", "to": "2026-03-31"}
    )
    assert (layout[0].title, layout[0].params) == ("Q1 sellers", {"from": "2026-01-01", "to": "2026-03-31"})
    layout = remove_widget(layout, layout[1].id)
    assert kinds(layout) == ["leaderboard", "funnel"]
    with pytest.raises(NotFound):
        remove_widget(layout, "gone")


def test_a_page_holds_at_most_24_widgets() -> None:
    layout = [new_widget("revenue") for _ in range(MAX_WIDGETS)]
    with pytest.raises(ValidationFailed):
        add_widget(layout, new_widget("funnel"))


def test_a_baseline_is_overlaid_or_shown_instead_and_cleared() -> None:
    layout = [new_widget("revenue")]
    shown = set_baseline(layout, layout[0].id, 5, show=True)
    assert (shown[0].baseline_id, shown[0].show_baseline) == (5, True)
    cleared = set_baseline(shown, layout[0].id, None, show=True)
    assert (cleared[0].baseline_id, cleared[0].show_baseline) == (None, False)


def test_a_stored_layout_survives_a_round_trip_and_drops_retired_kinds() -> None:
    layout = [new_widget("revenue", "Revenue 2026", {"from": "2026-01-01"}), new_widget("funnel")]
    stored = [w.as_dict() for w in layout] + [{"id": "x", "kind": "weather"}]
    assert read_layout(stored) == layout


def test_a_projects_overview_narrows_every_widget_to_the_project() -> None:
    assert in_project({"from": "2026-01-01"}, 4) == {"from": "2026-01-01", "project_id": 4}
    assert in_project({"from": "2026-01-01"}, None) == {"from": "2026-01-01"}
    assert widget_params(in_project({}, 4)).project_id == 4


def test_reps_see_their_own_figures_and_directors_their_teams() -> None:
    assert home_params("rep", 4, "North") == {"owner_id": 4}
    assert home_params("director", 2, "North") == {"team": "North"}
    assert home_params("admin", 1, None) == {}
