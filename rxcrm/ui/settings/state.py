"""The Settings page's state: toggles, pickers, users' roles and access, API keys, the matrices."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.accounts.accounts import ACCOUNT_TYPES
from rxcrm.domain.errors import DomainError, Forbidden
from rxcrm.domain.people.access import FULL, LIMITED_CRM, LIMITED_OPPORTUNITIES, access_scope
from rxcrm.domain.people.field_visibility import LIMITABLE_FIELDS
from rxcrm.domain.people.permissions import ACTIONS, EDITABLE_ROLES
from rxcrm.domain.people.users import ROLE_LABELS
from rxcrm.domain.records.validation import whole_number
from rxcrm.domain.settings.catalogue import BY_KEY, CATALOGUE
from rxcrm.services.people import field_visibility as visibility
from rxcrm.services.people.field_visibility import list_rules
from rxcrm.services.people.permissions import permission_matrix, set_permission
from rxcrm.services.people.reads import require_read
from rxcrm.services.people.users import list_users, update_user
from rxcrm.services.records.listing import LARGEST_PAGE
from rxcrm.services.settings.api_keys import create_api_key, list_api_keys, revoke_api_key
from rxcrm.services.settings.exchange_rates import list_rates
from rxcrm.services.settings.toggles import settings_for, update_settings
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.read_gate import ReadGate
from rxcrm.ui.components.setters import setter
from rxcrm.ui.settings.sections import DEFAULT, section_from_path
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
        self.users = [_user_row(u) for u in list_users(session, user, window=LARGEST_PAGE).items]
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

    set_new_key_name = setter("new_key_name", "Remember the name typed for a new API key.", value_type=str)

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
