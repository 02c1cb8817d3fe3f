"""The naive dashboard widgets of the benchmark: load every visible row into pandas, aggregate there.

Access is still applied in SQL (a WHERE, no GROUP BY); date ranges, currency conversion and grouping
happen in pandas. Each returns one check figure (a total count or amount) to compare with the SQL rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlmodel import Session, select

from rxcrm.db.models import Activity, Campaign, ExchangeRate, Lead, Opportunity, User
from rxcrm.db.models.dashboards import UserTarget
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.people.access import visible
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.activities import on_visible_records
from rxcrm.services.settings.exchange_rates import board_currency

DEAL_COLUMNS = (
    Opportunity.id,
    Opportunity.owner_id,
    Opportunity.stage_id,
    Opportunity.status,
    Opportunity.amount,
    Opportunity.currency,
    Opportunity.probability,
    Opportunity.close_date,
    Opportunity.closed_at,
    Opportunity.created_at,
    Opportunity.campaign_id,
    Opportunity.partner_id,
)


def _frame(session: Session, statement: Any) -> pd.DataFrame:
    result = session.exec(statement)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def _moments(frame: pd.DataFrame, column: str, params: WidgetParams) -> pd.DataFrame:
    stamps = pd.to_datetime(frame[column], utc=True)
    keep = stamps.notna()
    if params.date_from:
        keep &= stamps >= pd.Timestamp(datetime.combine(params.date_from, time.min), tz="UTC")
    if params.date_to:
        keep &= stamps < pd.Timestamp(
            datetime.combine(params.date_to + timedelta(days=1), time.min), tz="UTC"
        )
    return frame[keep]


def _days(frame: pd.DataFrame, column: str, params: WidgetParams) -> pd.DataFrame:
    days = frame[column]
    keep = days.notna()
    if params.date_from:
        keep &= days.map(lambda d: d is not None and d >= params.date_from)
    if params.date_to:
        keep &= days.map(lambda d: d is not None and d <= params.date_to)
    return frame[keep]


def deals(session: Session, actor: User) -> pd.DataFrame:
    """Every deal the user may see, amounts converted to the board currency in pandas."""
    frame = _frame(session, visible(select(*DEAL_COLUMNS), Opportunity, actor))
    rates = {c: float(r) for c, r in session.exec(select(ExchangeRate.currency, ExchangeRate.rate)).all()}
    rates[board_currency(session)] = 1.0
    frame["board"] = frame["amount"].map(float) * frame["currency"].map(rates)
    return frame


def _won(session: Session, actor: User, params: WidgetParams) -> pd.DataFrame:
    frame = deals(session, actor)
    return _moments(frame[(frame["status"] == "won") & frame["board"].notna()], "closed_at", params)


def pipeline_by_stage(session: Session, actor: User, params: WidgetParams) -> float:
    """Open deals' amount per open stage."""
    frame = deals(session, actor)
    stages = [s.id for s in list_stages(session) if s.kind == "open"]
    frame = _days(
        frame[(frame["status"] == "open") & frame["stage_id"].isin(stages)].dropna(subset=["board"]),
        "close_date",
        params,
    )
    return float(frame.groupby("stage_id")["board"].sum().sum())


def funnel(session: Session, actor: User, params: WidgetParams) -> float:
    """Deals reaching each open stage, added up."""
    frame = _moments(deals(session, actor), "created_at", params)
    frame = frame[frame["status"] != "lost"]
    stages = list_stages(session)
    position = frame["stage_id"].map({s.id: s.position for s in stages})
    return float(
        sum(((frame["status"] == "won") | (position >= s.position)).sum() for s in stages if s.kind == "open")
    )


def revenue(session: Session, actor: User, params: WidgetParams) -> float:
    """Won amount per month of closing."""
    frame = _won(session, actor, params)
    months = pd.to_datetime(frame["closed_at"], utc=True).dt.strftime("%Y-%m")
    return float(frame.groupby(months)["board"].sum().sum())


def won_by_person(session: Session, actor: User, params: WidgetParams) -> float:
    """Won amount per owner."""
    return float(_won(session, actor, params).groupby("owner_id")["board"].agg(["count", "sum"])["sum"].sum())


def leaderboard(session: Session, actor: User, params: WidgetParams) -> float:
    """Won amount per owner, ranked."""
    ranked = _won(session, actor, params).groupby("owner_id")["board"].sum().sort_values(ascending=False)
    return float(ranked.sum())


def partners(session: Session, actor: User, params: WidgetParams) -> float:
    """Won amount per partner."""
    return float(
        _won(session, actor, params).dropna(subset=["partner_id"]).groupby("partner_id")["board"].sum().sum()
    )


def forecast(session: Session, actor: User, params: WidgetParams) -> float:
    """Weighted open amount per month of close date."""
    frame = deals(session, actor)
    frame = _days(frame[(frame["status"] == "open") & frame["board"].notna()], "close_date", params)
    months = frame["close_date"].map(lambda d: f"{d.year}-{d.month:02d}")
    return float((frame["board"] * frame["probability"] / 100).groupby(months).sum().sum())


def targets(session: Session, actor: User, params: WidgetParams) -> float:
    """Won amount per owner and month beside the targets."""
    frame = _won(session, actor, params)
    months = pd.to_datetime(frame["closed_at"], utc=True).dt.strftime("%Y-%m")
    actual = frame.groupby([frame["owner_id"].rename("user_id"), months.rename("period")])["board"].sum()
    goals = _frame(session, select(UserTarget.user_id, UserTarget.period, UserTarget.amount))
    both = goals.merge(actual.reset_index(), on=["user_id", "period"], how="outer")
    return float(both["board"].sum())


def activities(session: Session, actor: User, params: WidgetParams) -> float:
    """Activities per category and author."""
    statement = select(Activity.category_id, Activity.author_id, Activity.at).where(on_visible_records(actor))
    frame = _moments(_frame(session, statement), "at", params)
    return float(frame.groupby(["category_id", "author_id"]).size().sum())


def _leads(session: Session, actor: User, params: WidgetParams) -> pd.DataFrame:
    statement = visible(select(Lead.id, Lead.created_at, Lead.status, Lead.campaign_id), Lead, actor)
    return _moments(_frame(session, statement), "created_at", params)


def lead_conversion(session: Session, actor: User, params: WidgetParams) -> float:
    """Leads received per month (and qualified)."""
    frame = _leads(session, actor, params)
    months = pd.to_datetime(frame["created_at"], utc=True).dt.strftime("%Y-%m")
    return float(frame.groupby(months)["id"].count().sum())


def campaigns(session: Session, actor: User, params: WidgetParams) -> float:
    """Leads and won amount per campaign."""
    leads = _leads(session, actor, params).groupby("campaign_id")["id"].count()
    won = _won(session, actor, params).groupby("campaign_id")["board"].sum()
    costs = _frame(session, select(Campaign.id, Campaign.cost, Campaign.currency)).set_index("id")
    results = costs.join(leads.rename("leads")).join(won.rename("won"))
    return float(results["leads"].sum()) + float(results["won"].sum())


NAIVE: dict[str, Callable[[Session, User, WidgetParams], float]] = {
    "pipeline_by_stage": pipeline_by_stage,
    "funnel": funnel,
    "revenue": revenue,
    "won_by_person": won_by_person,
    "activities": activities,
    "targets": targets,
    "leaderboard": leaderboard,
    "forecast": forecast,
    "lead_conversion": lead_conversion,
    "campaigns": campaigns,
    "partners": partners,
}


def check_figure(kind: str, rows: list[dict[str, Any]]) -> float:
    """The same check figure from the SQL widget's rows."""
    if kind == "funnel" or kind == "activities":
        return float(sum(r["count"] for r in rows))
    if kind == "lead_conversion":
        return float(sum(r["leads"] for r in rows))
    if kind == "campaigns":
        return float(sum(r["leads"] for r in rows)) + float(sum(r["won_amount"] for r in rows))
    field = {"forecast": "weighted_amount", "targets": "actual"}.get(kind, "amount")
    return float(sum(r[field] for r in rows))
