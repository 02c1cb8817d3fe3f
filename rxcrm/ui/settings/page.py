"""The admin's Settings page: every toggle saves at once, with a confirmation."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.accounts.accounts import ACCOUNT_TYPES
from rxcrm.domain.errors import DomainError, Forbidden
from rxcrm.domain.people.access import FULL, LIMITED_CRM, LIMITED_OPPORTUNITIES, PARTNER, access_scope
from rxcrm.domain.people.field_visibility import LIMITABLE_FIELDS
from rxcrm.domain.people.permissions import ACTIONS, EDITABLE_ROLES, ENTITIES
from rxcrm.domain.people.users import ROLE_LABELS
from rxcrm.domain.records.validation import whole_number
from rxcrm.domain.settings.catalogue import BY_KEY, CATALOGUE
from rxcrm.services.people import field_visibility as visibility
from rxcrm.services.people.field_visibility import list_rules
from rxcrm.services.people.permissions import permission_matrix, set_permission
from rxcrm.services.people.reads import require_read
from rxcrm.services.people.users import list_users, update_user
from rxcrm.services.settings.api_keys import create_api_key, list_api_keys, revoke_api_key
from rxcrm.services.settings.exchange_rates import list_rates
from rxcrm.services.settings.toggles import settings_for, update_settings
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.commerce.settings_product_categories import product_categories_section
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.read_gate import ReadGate, not_available
from rxcrm.ui.layout import app_page
from rxcrm.ui.settings.configuration import configuration_sections
from rxcrm.ui.settings.currencies import currencies_section
from rxcrm.ui.settings.custom_fields import custom_fields_section
from rxcrm.ui.settings.sections import DEFAULT, section_from_path, section_nav
from rxcrm.ui.settings.targets import targets_section
from rxcrm.ui.settings.workflows import workflows_section
from rxcrm.ui.state import AppState

ACCESS_LABELS = {
    FULL: "Full CRM access",
    LIMITED_CRM: "Limited CRM access",
    LIMITED_OPPORTUNITIES: "Limited opportunity access",
}
PARTNER_ACCESS = "Their partner's records only"


# Settings of §7 that no feature reads yet: not offered, so nothing on the page does nothing.
NOT_BUILT = frozenset(
    {
        "use_crm_items",
        "show_subproject_opportunities",
        "show_item_descriptions_on_quotes",
        "lead_default_industry",
        "lead_new_touch_status",
    }
)
ACCOUNT_TYPE_LABELS = {kind: kind.title() for kind in ACCOUNT_TYPES}
# Settings chosen from a list rather than typed (board currency: from the exchange-rate currencies).
PICKED = ("board_currency", "lead_qualification_account_type")


def _specs(section: str, kind: type) -> list[dict[str, str]]:
    return [
        {"key": s.key, "label": s.label, "parent": s.parent or ""}
        for s in CATALOGUE
        if s.section == section and s.kind is kind and s.key not in NOT_BUILT and s.key not in PICKED
    ]


def _user_row(u) -> dict[str, str]:  # noqa: ANN001
    return {
        "id": str(u.id),
        "name": u.name,
        "email": u.email,
        "role": u.role,
        "access_level": u.access_level,
        "scope": access_scope(u.role, u.access_level, u.partner_id),
        "active": "yes" if u.active else "no",
    }


class SettingsState(ReadGate, AppState):
    """Current settings, users' roles and access levels, API keys and configuration lists (admins)."""

    toggles: dict[str, bool] = {}
    texts: dict[str, str] = {}
    users: list[dict[str, str]] = []
    api_keys: list[dict[str, str]] = []
    new_key_name: str = ""
    new_key: str = ""
    permission_cells: dict[str, bool] = {}
    field_cells: dict[str, bool] = {}
    section: str = DEFAULT
    currency_choices: list[str] = []

    @rx.event
    def load(self):
        """Read what the page shows: everything for admins, nothing for other staff, a note for partners."""
        self.no_access = ""
        self.section = section_from_path(self.router.url.path)
        try:
            with acting(self.token) as (session, user):
                require_read(user, "settings")
                if user.role == "admin":
                    self._load_everything(session, user)
        except Forbidden as exc:
            return self._refuse(exc, toggles={}, texts={}, users=[], api_keys=[])
        except DomainError as exc:
            return failure_toast(exc)

    def _load_everything(self, session, user) -> None:  # noqa: ANN001
        values = settings_for(session, user)
        rated = {r.currency for r in list_rates(session)}
        self.currency_choices = sorted(rated | {str(values["board_currency"])})
        self.toggles = {k: v for k, v in values.items() if isinstance(v, bool)}
        self.texts = {k: str(v) for k, v in values.items() if not isinstance(v, bool)}
        self.users = [_user_row(u) for u in list_users(session, user, limit=500).items]
        self.api_keys = [
            {
                "id": str(k.id),
                "name": k.name,
                "prefix": k.prefix + "…",
                "status": "revoked" if k.revoked_at else "active",
            }
            for k in list_api_keys(session, user)
        ]
        self._remember_matrix(permission_matrix(session, user))
        self._remember_fields(list_rules(session, user))

    @action
    def _save(self, session: Session, user: User, changes: dict):  # noqa: ANN202
        values = update_settings(session, user, changes)
        self.toggles = {k: v for k, v in values.items() if isinstance(v, bool)}
        self.texts = {k: str(v) for k, v in values.items() if not isinstance(v, bool)}
        names = ", ".join(BY_KEY[k].label for k in changes)
        return success_toast(f"Saved: {names}.")

    def _remember_matrix(self, matrix: dict[str, dict[str, list[str]]]) -> None:
        self.permission_cells = {
            f"{role}.{entity}.{action}": action in actions
            for role, entities in matrix.items()
            for entity, actions in entities.items()
            for action in ACTIONS
        }

    def _remember_fields(self, rules: list) -> None:
        limited = {f"{r.entity}.{r.field}": set(r.roles) for r in rules}
        self.field_cells = {
            f"{entity}.{field}.{role}": role in limited.get(f"{entity}.{field}", set())
            for entity, fields in LIMITABLE_FIELDS.items()
            for field in fields
            for role in EDITABLE_ROLES
        }

    @rx.event
    @action
    def set_field_role(self, session: Session, user: User, cell: str, visible: bool):
        """Limit a field to the ticked roles (no role ticked: everyone sees it)."""
        entity, field, role = (cell.split(".") + ["", "", ""])[:3]
        rule = visibility.set_field_role(session, user, entity, field, role, bool(visible))
        self._remember_fields(list_rules(session, user))
        shown = ", ".join(ROLE_LABELS[r] for r in (rule.roles if rule else [])) or "everyone"
        return success_toast(f"{entity.title()} {field.replace('_', ' ')}: visible to {shown} (and admins).")

    @rx.event
    @action
    def set_permission(self, session: Session, user: User, cell: str, allowed: bool):
        """Allow or forbid one action of a role; saved at once."""
        role, entity, action = (cell.split(".") + ["", "", ""])[:3]
        set_permission(session, user, role, entity, action, bool(allowed))
        self._remember_matrix(permission_matrix(session, user))
        verb = "may" if allowed else "may no longer"
        return success_toast(f"{ROLE_LABELS[role]} {verb} {action} {entity.replace('_', ' ')}.")

    @rx.event
    def set_toggle(self, key: str, value: bool):
        """Flip a toggle; it is saved and recorded in history at once."""
        return self._save({key: bool(value)})

    @rx.event
    def pick(self, key: str, value: str):
        """Save a setting chosen from its list."""
        if key not in PICKED or self.texts.get(key) == value:
            return None
        return self._save({key: value})

    @rx.event
    def set_text(self, key: str, value: str):
        """Save a text or number setting when its field is left."""
        spec = BY_KEY.get(key)
        if spec is None or str(self.texts.get(key, "")) == value:
            return None
        if spec.kind is int:
            number = whole_number(value.strip())
            if number is None:
                return rx.toast.error(f"{spec.label} must be a whole number.")
            return self._save({key: number})
        return self._save({key: value.strip()})

    @rx.event
    @action
    def set_user_field(self, session: Session, user: User, user_id: str, field: str, value: str):
        """Change a user's role or access level."""
        if field not in ("role", "access_level"):
            return None
        changed = update_user(session, user, record_ref(user_id), {field: value})
        return [success_toast(f"{changed.name}: {field.replace('_', ' ')} saved."), SettingsState.load]

    @rx.event
    def set_new_key_name(self, name: str):
        """Remember the name typed for a new API key."""
        self.new_key_name = name

    @rx.event
    @action
    def create_key(self, session: Session, user: User):
        """Issue an intake API key; it is shown once."""
        key, clear = create_api_key(session, user, self.new_key_name)
        self.new_key, self.new_key_name = clear, ""
        return [success_toast(f"API key '{key.name}' created: copy it now."), SettingsState.load]

    @rx.event
    @action
    def revoke_key(self, session: Session, user: User, key_id: str):
        """Stop an API key from working."""
        key = revoke_api_key(session, user, record_ref(key_id))
        return [success_toast(f"API key '{key.name}' revoked."), SettingsState.load]


def _toggle(spec: dict) -> rx.Component:
    s = SettingsState
    parent_off = (spec["parent"] != "") & ~s.toggles[spec["parent"]].to(bool)
    return rx.hstack(
        rx.switch(
            checked=s.toggles[spec["key"]].to(bool),
            disabled=parent_off,
            on_change=lambda v: SettingsState.set_toggle(spec["key"], v),
            aria_label=spec["label"],
            data_testid="setting-" + spec["key"],
        ),
        rx.text(spec["label"], size="2", color_scheme=rx.cond(parent_off, "gray", None)),
        align="center",
        spacing="3",
        padding_left=rx.cond(spec["parent"] != "", "28px", "0"),
    )


def _text_setting(spec: dict) -> rx.Component:
    return rx.hstack(
        rx.text(spec["label"], size="2", width="320px"),
        rx.input(
            default_value=SettingsState.texts[spec["key"]].to(str),
            width="200px",
            on_blur=lambda v: SettingsState.set_text(spec["key"], v),
            aria_label=spec["label"],
            data_testid="setting-" + spec["key"],
        ),
        align="center",
    )


def _picker(key: str, items: dict[str, str] | rx.Var) -> rx.Component:
    """A setting picked from a list: a fixed label map, or a list var of codes."""
    options = (
        [rx.select.item(label, value=value) for value, label in items.items()]
        if isinstance(items, dict)
        else [rx.foreach(items, lambda code: rx.select.item(code, value=code))]
    )
    return rx.hstack(
        rx.text(BY_KEY[key].label, size="2", width="320px"),
        rx.select.root(
            rx.select.trigger(width="200px", aria_label=BY_KEY[key].label, data_testid="setting-" + key),
            rx.select.content(*options),
            value=SettingsState.texts[key].to(str),
            on_change=lambda v: SettingsState.pick(key, v),
        ),
        align="center",
    )


def _section(title: str, *children: rx.Component) -> rx.Component:
    return rx.card(rx.vstack(rx.heading(title, size="4"), *children, spacing="3", width="100%"), width="100%")


def _choice(user: dict, field: str, items: dict[str, str]) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(
            aria_label=field.replace("_", " ").capitalize() + " of " + user["name"],
            data_testid="user-" + field + "-" + user["id"],
        ),
        rx.select.content(*(rx.select.item(label, value=value) for value, label in items.items())),
        value=user[field],
        on_change=lambda v: SettingsState.set_user_field(user["id"], field, v),
    )


def _access() -> rx.Component:
    header = rx.table.row(
        *(rx.table.column_header_cell(h) for h in ("User", "E-mail", "Role", "Access level"))
    )
    row = lambda u: rx.table.row(  # noqa: E731
        rx.table.cell(u["name"]),
        rx.table.cell(u["email"]),
        rx.table.cell(_choice(u, "role", ROLE_LABELS)),
        rx.table.cell(
            rx.cond(
                u["scope"] == PARTNER,
                rx.text(PARTNER_ACCESS, size="2", data_testid="user-access-partner-" + u["id"]),
                _choice(u, "access_level", ACCESS_LABELS),
            )
        ),
    )
    return _section(
        "Access",
        rx.text(
            "Limited users see only the records they manage or follow (spec §1.5); "
            "private accounts stay with their creator, global ones are seen by all.",
            size="2",
            color_scheme="gray",
        ),
        rx.table.root(
            rx.table.header(header),
            rx.table.body(rx.foreach(SettingsState.users, row)),
            width="100%",
            size="1",
        ),
    )


def _api_keys() -> rx.Component:
    s = SettingsState
    return _section(
        "API keys",
        rx.hstack(
            rx.input(
                placeholder="Key name, e.g. Website form",
                value=s.new_key_name,
                on_change=SettingsState.set_new_key_name,
                aria_label="Key name",
                data_testid="api-key-name",
            ),
            rx.button("Create key", on_click=SettingsState.create_key, data_testid="api-key-create"),
        ),
        rx.cond(
            s.new_key != "",
            rx.callout(
                rx.text("New key (shown once): ", rx.code(s.new_key)), icon="key", data_testid="api-key-new"
            ),
        ),
        rx.foreach(
            s.api_keys,
            lambda k: rx.hstack(
                rx.text(k["name"], weight="medium"),
                rx.code(k["prefix"]),
                rx.badge(k["status"]),
                rx.cond(
                    k["status"] == "active",
                    rx.button(
                        "Revoke",
                        size="1",
                        variant="soft",
                        color_scheme="red",
                        on_click=SettingsState.revoke_key(k["id"]),
                    ),
                ),
                align="center",
            ),
        ),
    )


def _permissions() -> rx.Component:
    cells = SettingsState.permission_cells

    def role_table(role: str) -> rx.Component:
        header = rx.table.row(
            rx.table.column_header_cell(ROLE_LABELS[role]), *(rx.table.column_header_cell(a) for a in ACTIONS)
        )
        rows = [
            rx.table.row(
                rx.table.cell(entity.replace("_", " ")),
                *(
                    rx.table.cell(
                        rx.checkbox(
                            checked=cells[f"{role}.{entity}.{action}"].to(bool),
                            on_change=lambda v, c=f"{role}.{entity}.{action}": SettingsState.set_permission(
                                c, v
                            ),
                            aria_label=f"{ROLE_LABELS[role]}: {action} {entity.replace('_', ' ')}",
                            data_testid=f"permission-{role}-{entity}-{action}",
                        )
                    )
                    for action in ACTIONS
                ),
            )
            for entity in ENTITIES
        ]
        return rx.box(
            rx.table.root(rx.table.header(header), rx.table.body(*rows), size="1"),
            overflow_x="auto",
            max_width="100%",
            flex="0 0 auto",
            data_testid=f"permission-matrix-{role}",
        )

    return _section(
        "Roles & permissions",
        rx.text(
            "Admins may always do everything. Without 'view' a role sees none of those records.",
            size="2",
            color_scheme="gray",
        ),
        rx.flex(*(role_table(r) for r in EDITABLE_ROLES), wrap="wrap", gap="5", width="100%"),
    )


def _field_visibility() -> rx.Component:
    cells = SettingsState.field_cells
    header = rx.table.row(
        rx.table.column_header_cell("Field"),
        *(rx.table.column_header_cell(ROLE_LABELS[r]) for r in EDITABLE_ROLES),
    )
    rows = [
        rx.table.row(
            rx.table.cell(f"{entity} · {field.replace('_', ' ')}"),
            *(
                rx.table.cell(
                    rx.checkbox(
                        checked=cells[f"{entity}.{field}.{role}"].to(bool),
                        on_change=lambda v, c=f"{entity}.{field}.{role}": SettingsState.set_field_role(c, v),
                        aria_label=f"{ROLE_LABELS[role]} sees {entity} {field.replace('_', ' ')}",
                        data_testid=f"field-visibility-{entity}-{field}-{role}",
                    )
                )
                for role in EDITABLE_ROLES
            ),
        )
        for entity, fields in LIMITABLE_FIELDS.items()
        for field in fields
    ]
    return _section(
        "Field visibility",
        rx.text(
            "Tick roles to limit a field to them; with no role ticked everyone sees it. "
            "Admins always see every field.",
            size="2",
            color_scheme="gray",
        ),
        rx.table.root(rx.table.header(header), rx.table.body(*rows), size="1"),
    )


def settings_content() -> rx.Component:
    """All settings sections for admins; directors set the user targets only; partner users get a note."""
    return rx.cond(
        SettingsState.no_access != "",
        not_available(SettingsState.no_access, "settings-not-available"),
        _staff_settings(),
    )


def _sections() -> dict[str, rx.Component]:
    return {
        "users": _access(),
        "permissions": _permissions(),
        "field-visibility": _field_visibility(),
        "ownership": _section("Ownership", rx.foreach(_specs("Ownership", bool), _toggle)),
        "pipeline": configuration_sections(),
        "custom-fields": custom_fields_section(),
        "workflows": workflows_section(),
        "qualification": _section(
            "Lead qualification",
            _picker("lead_qualification_account_type", ACCOUNT_TYPE_LABELS),
        ),
        "intake": rx.vstack(
            _section(
                "Lead intake",
                rx.text(
                    "How many requests one API key may send to the lead intake endpoint per minute; "
                    "0 switches the limit off.",
                    size="2",
                    color_scheme="gray",
                ),
                rx.foreach(_specs("Lead intake", int), _text_setting),
            ),
            _api_keys(),
            spacing="4",
            width="100%",
        ),
        "currencies": currencies_section(),
        "product-categories": product_categories_section(),
        "targets": targets_section(),
        "general": _section(
            "General",
            _picker("board_currency", SettingsState.currency_choices),
            rx.text(
                "Pick from the currencies with an exchange rate (Settings › Exchange rates).",
                size="1",
                color_scheme="gray",
            ),
            rx.foreach(_specs("Misc", bool), _toggle),
            rx.foreach(_specs("Misc", int), _text_setting),
        ),
    }


def _admin_settings() -> rx.Component:
    """The section list on the left, the open section beside it (its own URL: /settings/<section>)."""
    return rx.hstack(
        section_nav(SettingsState.section),
        rx.box(
            rx.match(SettingsState.section, *_sections().items(), rx.fragment()),
            flex="1",
            min_width="0",
            data_testid="settings-section-" + SettingsState.section,
        ),
        spacing="5",
        align="start",
        width="100%",
    )


def _staff_settings() -> rx.Component:
    return rx.cond(
        AppState.is_admin,
        _admin_settings(),
        rx.vstack(
            rx.callout(
                "Settings are for admins. Ask an admin to change them.",
                icon="lock",
                data_testid="settings-admin-only",
            ),
            rx.cond(AppState.user_role == "director", targets_section()),
            spacing="4",
            width="100%",
        ),
    )


settings_page = app_page("Settings", settings_content)
ON_LOAD = [AppState.require_login, SettingsState.load]
