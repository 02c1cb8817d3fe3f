"""Settings → Product categories: the contract types (one-off, or term-based with a length)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import ProductCategory, User
from rxcrm.domain.commerce.catalogue_rules import CONTRACT_KIND_LABELS, kind_change
from rxcrm.domain.records.validation import whole_number
from rxcrm.services.commerce import categories as service
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import delete_icon, section_card
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.list_actions import RenamedInPlace, edited, removal
from rxcrm.ui.state import AppState


def _months(value: str) -> int | str | None:
    text = (value or "").strip()
    if not text:
        return None
    number = whole_number(text)
    return number if number is not None else text


def _category_row(category: ProductCategory) -> dict[str, str]:
    """A category as its row of the section shows it."""
    return {
        "id": str(category.id),
        "name": category.name,
        "kind": category.contract_kind,
        "months": str(category.term_months or ""),
    }


class ProductCategoriesState(RenamedInPlace, AppState):
    """The product categories as the admin edits them."""

    rows: list[dict[str, str]] = []

    def _listed(self) -> list[dict[str, str]]:
        return self.rows

    @rx.event
    @action
    def load(self, session: Session, _user: User):
        """Read every product category."""
        self.rows = [_category_row(c) for c in service.list_product_categories(session)]

    @action(reload="load")
    def _change(self, session: Session, user: User, category_id: str, changes: dict):  # noqa: ANN202
        category = service.update_product_category(session, user, record_ref(category_id), changes)
        return [success_toast(f"Product category '{category.name}' saved."), ProductCategoriesState.load]

    @rx.event
    def set_kind(self, category_id: str, kind: str):
        """Make a category one-off, or term-based (12 months until another length is typed)."""
        row = next((r for r in self.rows if r["id"] == category_id), {})
        return self._change(category_id, kind_change(kind, _months(row.get("months", ""))))

    @rx.event
    def set_months(self, category_id: str, months: str):
        """Save a term-based category's length in months when its field is left."""
        if not edited(self.rows, category_id, "months", months):
            return None
        return self._change(category_id, {"term_months": _months(months)})

    @rx.event
    @action
    def add(self, session: Session, user: User, form: dict):
        """Add a product category."""
        kind = str(form.get("contract_kind") or "one_off")
        data = {"name": form.get("name", ""), "contract_kind": kind}
        if kind == "term":
            data["term_months"] = _months(str(form.get("term_months", "")))
        category = service.create_product_category(session, user, data)
        return [success_toast(f"Product category '{category.name}' saved."), ProductCategoriesState.load]

    delete = removal(
        "delete",
        service.delete_product_category,
        "Product category removed.",
        "Remove a category no product uses.",
    )


def _kind_select(
    value: rx.Var | str, on_change=None, name: str | None = None, testid: str = ""
) -> rx.Component:  # noqa: ANN001
    props = {"name": name, "default_value": value} if name else {"value": value, "on_change": on_change}
    return rx.select.root(
        rx.select.trigger(width="140px", aria_label="Contract kind", data_testid=testid),
        rx.select.content(
            *(rx.select.item(label, value=kind) for kind, label in CONTRACT_KIND_LABELS.items())
        ),
        size="1",
        **props,
    )


def _saved_on_leave(row: dict, field: str, save, width: str, label: str) -> rx.Component:  # noqa: ANN001
    """A category's `field` in place: what is typed is saved by `save(id, value)` when the field is left."""
    return rx.input(
        default_value=row[field],
        key=row["id"] + row[field],
        on_blur=lambda v: save(row["id"], v),
        width=width,
        size="1",
        aria_label=label,
        data_testid=f"category-{field}-" + row["id"],
    )


def _row(row: dict) -> rx.Component:
    s = ProductCategoriesState
    return rx.hstack(
        _saved_on_leave(row, "name", s.rename, "240px", "Category name"),
        _kind_select(row["kind"], lambda v: s.set_kind(row["id"], v), testid="category-kind-" + row["id"]),
        rx.cond(
            row["kind"] == "term",
            rx.hstack(
                _saved_on_leave(row, "months", s.set_months, "70px", "Term in months"),
                rx.text("months", size="2"),
                align="center",
            ),
            rx.text("no term", size="2", color_scheme="gray", width="118px"),
        ),
        delete_icon("Delete category " + row["name"], s.delete(row["id"]), "category-delete-" + row["id"]),
        align="center",
        data_testid="category-row-" + row["id"],
    )


def _new_category() -> rx.Component:
    field = lambda name, placeholder, width, testid: rx.input(  # noqa: E731
        name=name, placeholder=placeholder, width=width, size="1", data_testid=testid
    )
    return rx.form(
        rx.hstack(
            field("name", "New category", "240px", "category-new-name"),
            _kind_select("one_off", name="contract_kind", testid="category-new-kind"),
            field("term_months", "Months", "70px", "category-new-months"),
            rx.button("Add category", size="1", type="submit", data_testid="category-add"),
            align="center",
        ),
        on_submit=ProductCategoriesState.add,
        reset_on_submit=True,
    )


def product_categories_section() -> rx.Component:
    """The contract types of §7: what kind of contract selling a product of each category creates."""
    return section_card(
        "Product categories",
        "A category says which contract a sale creates: one-off, or term-based with its length.",
        rx.foreach(ProductCategoriesState.rows, _row),
        _new_category(),
        on_mount=ProductCategoriesState.load,
        data_testid="settings-product-categories",
    )
