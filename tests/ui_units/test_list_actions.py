"""An admin list's row handlers: switch a custom field off and on and delete it; rename a row in place."""

from __future__ import annotations

import pytest
from reflex_base.utils.format import format_event_handler
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.ui.commerce.settings_product_categories import ProductCategoriesState
from rxcrm.ui.components.list_actions import edited
from rxcrm.ui.settings.configuration import ConfigurationState
from rxcrm.ui.settings.custom_fields import CustomFieldsState
from tests.ui_units.logged_in import logged_in_state


def test_a_box_left_unchanged_or_on_a_row_gone_is_no_edit() -> None:
    rows = [{"id": "1", "name": "Gold"}]
    assert edited(rows, "1", "name", "Silver")
    assert not edited(rows, "1", "name", " Gold ")
    assert not edited(rows, "2", "name", "Silver")


def test_the_handlers_are_addressed_by_the_attribute_they_are_assigned_to() -> None:
    assert format_event_handler(CustomFieldsState.set_active).endswith("_custom_fields_state.set_active")
    assert format_event_handler(ConfigurationState.remove_stage).endswith("_configuration_state.remove_stage")
    assert CustomFieldsState.delete.fn.__doc__.startswith("Remove a field's definition")


@pytest.mark.usefixtures("app_database")
def test_an_admin_switches_a_custom_field_off_and_on_and_deletes_it(session: Session, admin: User) -> None:
    page = logged_in_state(session, admin, CustomFieldsState, "custom-fields")
    CustomFieldsState.add.fn(page, {"label": "Shoe size", "key": "shoe_size"})
    CustomFieldsState.load.fn(page)
    field = next(f for f in page.fields if f["label"] == "Shoe size")
    off = CustomFieldsState.set_active.fn(page, field["id"], False)
    assert "Custom field 'Shoe size' deactivated." in repr(off)
    assert off[-1] == CustomFieldsState.load
    CustomFieldsState.load.fn(page)
    assert next(f for f in page.fields if f["id"] == field["id"])["active"] == ""
    on = CustomFieldsState.set_active.fn(page, field["id"], True)
    assert "Custom field 'Shoe size' active." in repr(on)
    CustomFieldsState.load.fn(page)
    assert next(f for f in page.fields if f["id"] == field["id"])["active"] == "true"
    gone = CustomFieldsState.delete.fn(page, field["id"])
    assert "Custom field deleted; existing values are kept." in repr(gone)
    CustomFieldsState.load.fn(page)
    assert "Shoe size" not in [f["label"] for f in page.fields]


@pytest.mark.usefixtures("app_database")
def test_a_category_renamed_in_place_is_saved_once(session: Session, admin: User) -> None:
    page = logged_in_state(session, admin, ProductCategoriesState, "categories")
    ProductCategoriesState.add.fn(page, {"name": "Licences", "contract_kind": "one_off"})
    ProductCategoriesState.load.fn(page)
    row = next(r for r in page.rows if r["name"] == "Licences")
    assert ProductCategoriesState.rename.fn(page, row["id"], " Licences ") is None
    saved = ProductCategoriesState.rename.fn(page, row["id"], "Licenses")
    assert "Product category 'Licenses' saved." in repr(saved)
    ProductCategoriesState.load.fn(page)
    assert "Licenses" in [r["name"] for r in page.rows]
