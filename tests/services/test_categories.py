"""Admins add, rename and switch off sales-activity categories."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import Conflict, Forbidden, ValidationFailed
from rxcrm.services.records.activities import list_categories
from rxcrm.services.records.activity_categories import create_category, update_category


def test_admin_adds_renames_and_switches_off_a_category(session: Session, admin) -> None:
    webinar = create_category(session, admin, "Webinar")
    assert list_categories(session)[-1].name == "Webinar"
    update_category(session, admin, webinar.id, name="Online demo")
    update_category(session, admin, webinar.id, active=False)
    assert "Online demo" not in [c.name for c in list_categories(session)]
    assert "Online demo" in [c.name for c in list_categories(session, active_only=False)]


def test_names_are_required_unique_and_only_admins_edit(session: Session, admin, rep) -> None:
    with pytest.raises(Conflict):
        create_category(session, admin, "call")
    with pytest.raises(ValidationFailed):
        create_category(session, admin, "  ")
    with pytest.raises(Forbidden):
        create_category(session, rep, "Lunch")
