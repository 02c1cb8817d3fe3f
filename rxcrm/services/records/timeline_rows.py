"""A record's timeline as the UI shows it: activities and change history, linked records by name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import (
    Activity,
    ActivityCategory,
    Campaign,
    CustomField,
    Partner,
    Pipeline,
    Project,
    Stage,
    User,
)
from rxcrm.domain.records.history import history_field_label, readable_history_value
from rxcrm.domain.records.validation import record_id
from rxcrm.services.people.time_zones import shown_time
from rxcrm.services.records.display_text import account_names, contact_names, names_of, text


def activity_rows(session: Session, activities: list[Activity]) -> list[dict[str, str]]:
    """Timeline entries with category and author names."""
    categories = names_of(
        session, ActivityCategory, {a.category_id for a in activities}, ActivityCategory.name
    )
    authors = names_of(session, User, {a.author_id for a in activities}, User.name)
    return [
        {
            "id": str(a.id),
            "category": categories.get(a.category_id, ""),
            "at": text(a.at),
            "author": authors.get(a.author_id, ""),
            "note": text(a.note),
        }
        for a in activities
    ]


USER_LINKS = ("owner_id", "second_owner_id", "author_id", "created_by_id")
ACCOUNT_LINKS = ("account_id", "parent_id")
NAMED_LINKS = (
    ("stage_id", Stage, Stage.name),
    ("pipeline_id", Pipeline, Pipeline.name),
    ("partner_id", Partner, Partner.name),
    ("campaign_id", Campaign, Campaign.name),
    ("project_id", Project, Project.name),
)


def history_link_names(session: Session, history: list[dict[str, Any]]) -> dict[str, dict[int, str]]:
    """For each link field in these history entries, the names of the linked records the viewer may see."""
    ids: dict[str, set[int]] = {}
    for h in history:
        for value in (h["old"], h["new"]):
            if (linked := record_id(value)) is not None:
                ids.setdefault(h["field"], set()).add(linked)

    def linked_to(*fields: str) -> set[int]:
        return set().union(*(ids.get(f, set()) for f in fields))

    users = names_of(session, User, linked_to(*USER_LINKS), User.name)
    accounts = account_names(session, linked_to(*ACCOUNT_LINKS))
    names = {f: users for f in USER_LINKS} | {f: accounts for f in ACCOUNT_LINKS}
    names["contact_id"] = contact_names(session, linked_to("contact_id"))
    for field, model, column in NAMED_LINKS:
        names[field] = names_of(session, model, linked_to(field), column)
    return names


def history_rows(
    session: Session, history: list[dict[str, Any]], currency: str | None = None
) -> list[dict[str, str]]:
    """History entries as text: linked records by name, money formatted (in `currency`), time shortened."""
    names = history_link_names(session, history)
    custom = history_custom_labels(session, history)
    return [
        {
            "at": shown_time(datetime.fromisoformat(h["at"])),
            "by_name": h["by_name"],
            "field": history_field_label(h["field"]),
            "old": readable_history_value(h["field"], h["old"], names, currency, custom.get(h.get("entity"))),
            "new": readable_history_value(h["field"], h["new"], names, currency, custom.get(h.get("entity"))),
        }
        for h in history
    ]


def history_custom_labels(session: Session, history: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Per entity in these history entries that changed custom fields: custom field key -> label."""
    entities = {h.get("entity") for h in history if h["field"] == "custom"} - {None}
    labels: dict[str, dict[str, str]] = {}
    if entities:
        columns = select(CustomField.entity, CustomField.key, CustomField.label)
        rows = session.exec(columns.where(CustomField.entity.in_(entities)))
        for entity, key, label in rows:
            labels.setdefault(entity, {})[key] = label
    return labels
