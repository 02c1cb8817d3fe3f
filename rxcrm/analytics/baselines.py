"""Capturing a baseline: the widget's rows computed here, stored by `services.baselines`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from rxcrm.analytics.widgets import rows_json, widget_rows
from rxcrm.db.models import Baseline, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.dashboards.baselines import create_baseline


def frozen_rows(session: Session, actor: User, kind: str, params: WidgetParams) -> list[dict[str, Any]]:
    """The rows a widget shows the user right now, JSON-ready (money as decimal strings)."""
    return rows_json(widget_rows(session, actor, kind, params))


def capture_baseline(
    session: Session, actor: User, kind: str, name: str, params: Mapping[str, Any] | None = None
) -> Baseline:
    """Freeze the rows a widget shows the user right now, with a name."""
    return create_baseline(session, actor, kind, name, params, frozen_rows)
