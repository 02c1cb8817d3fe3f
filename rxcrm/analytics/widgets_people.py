"""Dashboard widgets about people and marketing: sales activities, targets, lead conversion, campaigns.

Activities count only on records the viewer may see, leads only the leads he/she may see, won amounts
only visible deals (the access rules of §1.5); money is in the board currency.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, false, func, or_, true
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import (
    ZERO,
    as_day,
    closed_month,
    count_if,
    deal_amount,
    every_period,
    lead_scope,
    moments_between,
    money,
    month_start,
    period_of,
    received_day,
    team_members,
    won_deals,
)
from rxcrm.db.models import (
    Account,
    Activity,
    ActivityCategory,
    Campaign,
    ExchangeRate,
    Lead,
    Opportunity,
    User,
)
from rxcrm.db.models.dashboards import UserTarget
from rxcrm.domain.dashboards import WidgetParams
from rxcrm.domain.leads import QUALIFIED, conversion_rate
from rxcrm.services.access import PERMISSION_ENTITY, record_clause, sees_everything, visible
from rxcrm.services.activities import RECORD_MODELS, on_visible_records
from rxcrm.services.exchange_rates import board_currency
from rxcrm.services.field_visibility import require_visible
from rxcrm.services.permissions import can, require
from rxcrm.services.time_zones import today_for

Rows = list[dict[str, Any]]


def _visible_entities(session: Session, actor: User) -> Any:
    """SQL, for a viewer whose scope narrows no records: the activity's record kind may be seen.

    Cheaper than looking each record up (one test per kind, plus others' private accounts), so the
    count can run per author and category on the (author, category, day) index.
    """
    allowed = [
        entity
        for entity, model in RECORD_MODELS.items()
        if model not in PERMISSION_ENTITY or can(session, actor, PERMISSION_ENTITY[model], "view")
    ]
    private = select(Account.id).where(~func.coalesce(record_clause(Account, actor), false()))
    return and_(
        Activity.entity.in_(allowed),
        or_(Activity.entity != "account", Activity.entity_id.not_in(private)),
    )


def _activity_counts(session: Session, actor: User, params: WidgetParams) -> list[tuple[int, int, int]]:
    """(category id, author id, count) of the activities the viewer may count."""
    if sees_everything(actor):
        counted = moments_between(
            select(func.count())
            .select_from(Activity)
            .where(
                Activity.author_id == User.id,
                Activity.category_id == ActivityCategory.id,
                _visible_entities(session, actor),
            ),
            Activity.at,
            params,
            actor.time_zone,
        ).scalar_subquery()
        statement = select(ActivityCategory.id, User.id, counted).join(User, true())
        author: Any = User.id
    else:
        statement = select(Activity.category_id, Activity.author_id, func.count()).where(
            Activity.author_id.is_not(None), on_visible_records(actor)
        )
        statement = moments_between(statement, Activity.at, params, actor.time_zone)
        statement = statement.group_by(Activity.category_id, Activity.author_id)
        author = Activity.author_id
    if params.owner_id is not None:
        statement = statement.where(author == params.owner_id)
    if params.team is not None:
        statement = statement.where(author.in_(team_members(params.team)))
    return [(int(c), int(a), int(n)) for c, a, n in session.exec(statement).all() if n]


def activities(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Sales activities done in the range on records the viewer may see, per category and author.

    Owner and team filters name the author; activities without an author are not counted. A viewer
    whose scope narrows no records counts every activity on a kind of record his/her role may view
    (others' private accounts excepted). Rows in category order, then by user.
    """
    categories = {
        cid: (position, name)
        for cid, position, name in session.exec(
            select(ActivityCategory.id, ActivityCategory.position, ActivityCategory.name)
        ).all()
    }
    counts = sorted(_activity_counts(session, actor, params), key=lambda row: (*categories[row[0]], row[1]))
    return [{"category": categories[cid][1], "user_id": author, "count": n} for cid, author, n in counts]


def to_date_range(params: WidgetParams, today: date) -> WidgetParams | None:
    """The part of the widget's range that has elapsed (the current quarter without a range), or None."""
    start = params.date_from
    if start is None and params.date_to is None:
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = min(params.date_to or today, today)
    if start is not None and start > end:
        return None
    return replace(params, date_from=start, date_to=end)


def target_share(amount: Decimal, month: date, first: date | None, last: date) -> Decimal:
    """A monthly target's share for the days of its month between `first` and `last` (both included)."""
    days = monthrange(month.year, month.month)[1]
    month_end = month.replace(day=days)
    start = max(month, first) if first is not None else month
    covered = (min(month_end, last) - start).days + 1
    return amount * max(covered, 0) / days if covered < days else amount


def _targets(session: Session, actor: User, params: WidgetParams, period: str) -> dict[tuple, Decimal]:
    """Targets to date per (user, period): each month's target pro-rated to the range's days in it."""
    statement = select(UserTarget.user_id, UserTarget.period, UserTarget.amount)
    first, last = params.date_from, params.date_to or today_for(actor)
    if first is not None:
        statement = statement.where(UserTarget.period >= f"{first.year}-{first.month:02d}")
    statement = statement.where(UserTarget.period <= f"{last.year}-{last.month:02d}")
    if params.owner_id is not None:
        statement = statement.where(UserTarget.user_id == params.owner_id)
    if params.team is not None:
        statement = statement.where(UserTarget.user_id.in_(team_members(params.team)))
    if not sees_everything(actor):
        statement = statement.where(UserTarget.user_id == actor.id)
    totals: dict[tuple, Decimal] = {}
    for user_id, month, amount in session.exec(statement).all():
        key = (user_id, period_of(month_start(month), period))
        totals[key] = totals.get(key, ZERO) + target_share(amount, month_start(month), first, last)
    return totals


def targets(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per rep and month (quarter if asked; weeks count as months): target TO DATE vs. won amount.

    Only the elapsed part of the range counts (without a range: the current quarter up to today; today
    and the closing days on the viewer's calendar): a month's target is pro-rated by the days of it the
    range covers up to today, so the current month counts for the days gone by and months still to come
    not at all. Actual = won deals closed in that part, by owner. Every elapsed period is shown for
    every rep with a target or a won deal (gaps at 0). A viewer whose access is limited sees only
    his/her own row.
    """
    require_visible(session, actor, "opportunity", ("amount",), "Team performance vs. targets")
    period = "quarter" if params.period == "quarter" else "month"
    elapsed = to_date_range(replace(params, period=period), today_for(actor))
    if elapsed is None:
        return []
    month = closed_month(session, actor.time_zone)
    columns = (Opportunity.owner_id, month, func.sum(deal_amount(session)))
    statement = won_deals(session, columns, actor, elapsed).where(Opportunity.closed_at.is_not(None))
    if not sees_everything(actor):
        statement = statement.where(Opportunity.owner_id == actor.id)
    actual: dict[tuple, Decimal] = {}
    for owner, closed, total in session.exec(statement.group_by(Opportunity.owner_id, month)).all():
        key = (owner, period_of(month_start(closed), period))
        actual[key] = actual.get(key, ZERO) + Decimal(str(total))
    goals = _targets(session, actor, elapsed, period)
    found = set(actual) | set(goals)
    periods = every_period({key for _, key in found}, elapsed)
    return [
        {
            "user_id": user_id,
            "period": key,
            "target": money(goals.get((user_id, key))),
            "actual": money(actual.get((user_id, key))),
        }
        for user_id in sorted({user_id for user_id, _ in found})
        for key in periods
    ]


def lead_conversion(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per period of receipt: leads received in the range, how many of them are qualified, rate in %.

    Every period of the range is shown, empty ones at 0.
    Owner/team name the lead's owner; campaign and partner filters apply, the stage filter does not.
    """
    day = received_day(session, actor.time_zone)
    statement = select(day, func.count(Lead.id), count_if(Lead.status == QUALIFIED)).select_from(Lead)
    statement = lead_scope(visible(statement, Lead, actor), params, actor.time_zone).group_by(day)
    periods: dict[str, list[int]] = {}
    for received, total, qualified in session.exec(statement).all():
        counts = periods.setdefault(period_of(as_day(received), params.period), [0, 0])
        counts[0] += int(total)
        counts[1] += int(qualified)
    return [
        {"period": key, "leads": leads, "qualified": qualified, "rate": conversion_rate(leads, qualified)}
        for key in every_period(periods, params)
        for leads, qualified in [periods.get(key, [0, 0])]
    ]


def _campaign_costs(session: Session, params: WidgetParams) -> dict[int, Decimal]:
    """Each campaign's cost in the board currency; campaigns in a currency without a rate are left out."""
    currency = board_currency(session)
    statement = select(Campaign.id, Campaign.cost, Campaign.currency, ExchangeRate.rate).outerjoin(
        ExchangeRate, ExchangeRate.currency == Campaign.currency
    )
    if params.campaign_id is not None:
        statement = statement.where(Campaign.id == params.campaign_id)
    costs = {}
    for cid, cost, code, rate in session.exec(statement).all():
        if code == currency or rate is not None:
            costs[cid] = money(cost if code == currency else cost * rate)
    return costs


def campaigns(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per campaign: visible leads received in the range, won amount of its deals closed in the range, cost.

    Owner/team/partner filters narrow leads and deals alike; a viewer with full access sees every
    campaign, others only campaigns with leads or won deals they may see.
    """
    require(session, actor, "campaigns", "view")
    require_visible(session, actor, "opportunity", ("amount",), "Campaign results")
    leads = lead_scope(
        visible(select(Lead.campaign_id, func.count(Lead.id)).select_from(Lead), Lead, actor),
        params,
        actor.time_zone,
    )
    received = dict(session.exec(leads.where(Lead.campaign_id.is_not(None)).group_by(Lead.campaign_id)).all())
    columns = (Opportunity.campaign_id, func.sum(deal_amount(session)))
    deals = won_deals(session, columns, actor, params).where(Opportunity.campaign_id.is_not(None))
    won = dict(session.exec(deals.group_by(Opportunity.campaign_id)).all())
    costs = _campaign_costs(session, params)
    shown = set(costs) if sees_everything(actor) else (set(received) | set(won)) & set(costs)
    return [
        {
            "campaign_id": cid,
            "leads": int(received.get(cid, 0)),
            "won_amount": money(won.get(cid)),
            "cost": costs[cid],
        }
        for cid in sorted(shown)
    ]
