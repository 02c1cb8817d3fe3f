"""Business metrics computed on small frames, one function per metric, found by name in `METRICS`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlmodel import Session

from rxcrm.analytics.frames import forecast_frame
from rxcrm.db.models import User
from rxcrm.domain.forecast import (
    ALL_DEALS,
    ForecastQuery,
    money,
    money_text,
    period_key,
    period_order,
    team_label,
    weighted_value,
)

FORECAST_KEYS = ["period", "group_key", "group_label"]
FORECAST_MONEY = ["open_amount", "weighted_amount", "won_amount", "lost_amount"]
FORECAST_TABLE = [*FORECAST_KEYS, "open_count", *FORECAST_MONEY, "unconverted"]
ZERO = Decimal(0)


def _groups(frame: pd.DataFrame, group: str) -> tuple[pd.Series, pd.Series]:
    if group == "owner":
        return frame["owner_id"].astype(str), frame["owner_name"].astype(str)
    if group == "team":
        teams = frame["team"].map(team_label)
        return teams, teams
    return pd.Series("all", index=frame.index), pd.Series(ALL_DEALS, index=frame.index)


def forecast_table(frame: pd.DataFrame, query: ForecastQuery) -> pd.DataFrame:
    """Bucket the grouped deals into periods and groups with the open / won / lost split.

    Open deals count in the period of their expected close date with their weighted amount (amount ×
    probability / 100) and their full amount; won and lost deals in the period they were closed (see
    `frames.forecast_day`), with their amount, shown apart from the forecast.
    """
    if frame.empty:
        return pd.DataFrame(columns=FORECAST_TABLE)
    status = frame["status"]
    key, label = _groups(frame, query.group)
    parts = pd.DataFrame(
        {
            "period": frame["day"].map(lambda day: period_key(day, query.period)),
            "group_key": key,
            "group_label": label,
            "open_count": (frame["count"] - frame["unconverted"]).where(status == "open", 0),
            "open_amount": frame["amount"].where(status == "open", ZERO),
            "weighted_amount": frame["amount_x_probability"].where(status == "open", ZERO),
            "won_amount": frame["amount"].where(status == "won", ZERO),
            "lost_amount": frame["amount"].where(status == "lost", ZERO),
            "unconverted": frame["unconverted"],
        }
    )
    table = parts.groupby(FORECAST_KEYS, as_index=False, sort=False).agg(
        {column: _total for column in FORECAST_TABLE[3:]}
    )
    table["weighted_amount"] = table["weighted_amount"].map(weighted_value)
    for column in ("open_amount", "won_amount", "lost_amount"):
        table[column] = table[column].map(money)
    order = table["period"].map(period_order).tolist()
    table = table.assign(_order=order).sort_values(["_order", "group_label", "group_key"])
    return table.drop(columns="_order").reset_index(drop=True)


def _total(values: pd.Series) -> Any:
    return sum(values.tolist(), ZERO) if values.dtype == object else int(values.sum())


def forecast(session: Session, actor: User, query: ForecastQuery) -> pd.DataFrame:
    """The weighted forecast the user may see, per period and group (see `forecast_table`)."""
    return forecast_table(forecast_frame(session, actor, query), query)


def forecast_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The forecast table as JSON-ready rows, money as strings with two decimals."""
    return [
        {
            "period": row["period"],
            "group_key": row["group_key"],
            "group_label": row["group_label"],
            "open_count": int(row["open_count"]),
            **{column: money_text(row[column]) for column in FORECAST_MONEY},
        }
        for row in table.to_dict("records")
    ]


def forecast_totals(table: pd.DataFrame) -> dict[str, Any]:
    """Totals over every period and group: the open weighted, won and lost figures and left-out deals."""
    totals: dict[str, Any] = {
        column: money_text(sum(table[column].tolist(), ZERO)) for column in FORECAST_MONEY
    }
    totals["open_count"] = int(table["open_count"].sum()) if not table.empty else 0
    totals["unconverted"] = int(table["unconverted"].sum()) if not table.empty else 0
    return totals


METRICS: dict[str, Callable[[Session, User, Any], pd.DataFrame]] = {"forecast": forecast}
