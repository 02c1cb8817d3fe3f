"""The leads behind the lead conversion widget: the list its title opens.

The leads are narrowed with the widget's own query pieces (visible leads, received in the range, owner,
owner's team, campaign and partner; the stage filter does not apply), so the list's count and its
qualified leads are the widget's figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import count_if, lead_scope
from rxcrm.db.models import Lead, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.leads.lifecycle import QUALIFIED
from rxcrm.services.leads.lifecycle import lead_order
from rxcrm.services.people.access import visible
from rxcrm.services.records.listing import ListWindow, Page

LEAD_WIDGETS = ("lead_conversion",)


@dataclass(frozen=True)
class LeadsBehind:
    """How many leads stand behind the lead conversion widget, and how many of them are qualified."""

    count: int
    qualified: int


def leads_behind(actor: User, params: WidgetParams) -> Any:
    """SELECT of the leads the lead conversion widget counts."""
    return lead_scope(visible(select(Lead), Lead, actor), params, actor.time_zone)


def leads_total(session: Session, actor: User, params: WidgetParams) -> LeadsBehind:
    """Count and qualified count of the leads behind the widget."""
    ids = leads_behind(actor, params).with_only_columns(Lead.id)
    statement = select(func.count(Lead.id), count_if(Lead.status == QUALIFIED)).where(Lead.id.in_(ids))
    count, qualified = session.exec(statement).one()
    return LeadsBehind(int(count), int(qualified or 0))


def lead_page_behind(session: Session, actor: User, params: WidgetParams, window: ListWindow) -> Page:
    """One page of the leads behind the widget, sorted like the leads list."""
    order = lead_order(session, actor, window.sort)
    return window.fetch(session, leads_behind(actor, params), order)
