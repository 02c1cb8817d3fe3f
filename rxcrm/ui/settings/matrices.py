"""Settings › Roles & permissions and › Field visibility: matrices of ticks that save at once."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.people.field_visibility import LIMITABLE_FIELDS
from rxcrm.domain.people.permissions import ACTIONS, EDITABLE_ROLES, ENTITIES
from rxcrm.domain.people.users import ROLE_LABELS
from rxcrm.ui.components.controls import note
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.settings.parts import settings_card, tick_row
from rxcrm.ui.settings.state import SettingsState


def _role_table(role: str) -> rx.Component:
    """What one role may do with each kind of record: a row per entity, a tick per action."""

    s = SettingsState
    rows = [
        tick_row(
            entity.replace("_", " "),
            s.permission_cells,
            s.set_permission,
            "permission",
            [
                (f"{role}.{entity}.{act}", f"{ROLE_LABELS[role]}: {act} {entity.replace('_', ' ')}")
                for act in ACTIONS
            ],
        )
        for entity in ENTITIES
    ]
    return rx.box(
        heads_table((ROLE_LABELS[role], *ACTIONS), *rows, size="1"),
        overflow_x="auto",
        max_width="100%",
        flex="0 0 auto",
        data_testid=f"permission-matrix-{role}",
    )


def permissions_section() -> rx.Component:
    """One matrix per editable role (admins may always do everything)."""
    return settings_card(
        "Roles & permissions",
        note("Admins may always do everything. Without 'view' a role sees none of those records.", size="2"),
        rx.flex(*(_role_table(r) for r in EDITABLE_ROLES), wrap="wrap", gap="5", width="100%"),
    )


def field_visibility_section() -> rx.Component:
    """A row per limitable field, a tick per role that may see it."""

    s = SettingsState
    rows = [
        tick_row(
            f"{entity} · {field.replace('_', ' ')}",
            s.field_cells,
            s.set_field_role,
            "field-visibility",
            [
                (f"{entity}.{field}.{r}", f"{ROLE_LABELS[r]} sees {entity} {field.replace('_', ' ')}")
                for r in EDITABLE_ROLES
            ],
        )
        for entity, fields in LIMITABLE_FIELDS.items()
        for field in fields
    ]
    return settings_card(
        "Field visibility",
        note(
            "Tick roles to limit a field to them; with no role ticked everyone sees it. "
            "Admins always see every field.",
            size="2",
        ),
        heads_table(("Field", *(ROLE_LABELS[r] for r in EDITABLE_ROLES)), *rows, size="1"),
    )
