"""Lead statistics figures: all 24 hours on the axis, one bar series per source, empty data is fine."""

from __future__ import annotations

import pandas as pd

from rxcrm.analytics.lead_charts import conversion_figure, group_figure, hourly_figure


def test_hourly_figure_stacks_sources_over_all_24_hours() -> None:
    hours = pd.DataFrame(
        [{"hour": 9, "source": "web", "leads": 2}, {"hour": 17, "source": "fair", "leads": 1}]
    )
    figure = hourly_figure(hours)
    assert [bar.name for bar in figure.data] == ["fair", "web"]
    web = figure.data[1]
    assert len(web.x) == 24 and web.y[9] == 2 and sum(web.y) == 2
    assert figure.layout.barmode == "stack"


def test_group_and_conversion_figures_draw_the_counts_and_the_rate() -> None:
    rows = pd.DataFrame([{"label": "web", "leads": 3, "qualified": 1}])
    assert [list(bar.y) for bar in group_figure(rows, "Source").data] == [[3], [1]]
    periods = pd.DataFrame([{"period": "2026-03", "leads": 5, "qualified": 2, "rate": 40.0}])
    assert list(conversion_figure(periods).data[2].y) == [40.0]


def test_no_leads_draw_empty_figures() -> None:
    assert hourly_figure(pd.DataFrame(columns=["hour", "source", "leads"])).data == ()
    assert all(len(bar.y) == 0 for bar in group_figure(pd.DataFrame(), "Owner").data)
    assert len(conversion_figure(pd.DataFrame()).data[0].x) == 0
