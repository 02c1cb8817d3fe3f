"""What a user may read besides CRM records (spec §8): external users see their partner's world only.

Reads are checked like writes; the services call these rules and refuse (Forbidden) or narrow:
- the team directory: internal users see every user; an external (partner) user sees himself/herself
  and the users of his/her partner, never their last login;
- settings: internal users read every setting, an external user only the display keys the pages
  need (board currency, second manager, sales activities on deals, Kanban card fields);
- lead splitter rules, workflow rules and the permission matrix: internal users only;
- API keys and field-visibility rules: admins only;
- campaigns: an external user sees no budget or cost;
- owner pickers: internal users pick internal active users, an external user the active users of
  his/her partner.
"""

from __future__ import annotations

from rxcrm.domain.people.access import PARTNER, access_scope

INTERNAL = "internal"
ADMIN = "admin"
READERS: dict[str, str] = {
    "splitter_rules": INTERNAL,
    "workflow_rules": INTERNAL,
    "permissions": INTERNAL,
    "settings": INTERNAL,
    "api_keys": ADMIN,
    "field_rules": ADMIN,
}
LABELS: dict[str, str] = {
    "splitter_rules": "The lead splitter",
    "workflow_rules": "Workflow rules",
    "permissions": "Roles and permissions",
    "settings": "Settings",
    "api_keys": "API keys",
    "field_rules": "Field visibility rules",
}
DISPLAY_SETTINGS = frozenset(
    {"board_currency", "second_account_manager", "show_activities_on_opportunities", "kanban_card_fields"}
)
EXTERNAL_HIDDEN_USER_FIELDS = frozenset({"last_login_at"})
CAMPAIGN_MONEY = ("budget", "cost")


def is_external(role: str, partner_id: int | None) -> bool:
    """Whether the user works for a partner organisation (admins never do)."""
    return access_scope(role, "full", partner_id) == PARTNER


def may_read(role: str, partner_id: int | None, what: str) -> bool:
    """Whether a user may read one kind of configuration (`what` is a key of READERS)."""
    readers = READERS[what]
    if readers == ADMIN:
        return role == "admin"
    return not is_external(role, partner_id)


def read_refusal(what: str) -> str:
    """The message a user gets instead of configuration his/her role may not read."""
    return f"{LABELS[what]}: not available for your role."


def readable_settings(values: dict[str, object], role: str, partner_id: int | None) -> dict[str, object]:
    """The settings a user may read: all for internal users, the display keys for external ones."""
    if not is_external(role, partner_id):
        return dict(values)
    return {k: v for k, v in values.items() if k in DISPLAY_SETTINGS}


def hidden_user_fields(role: str, partner_id: int | None) -> frozenset[str]:
    """User fields the directory leaves out for this viewer."""
    return EXTERNAL_HIDDEN_USER_FIELDS if is_external(role, partner_id) else frozenset()


def sees_campaign_money(role: str, partner_id: int | None) -> bool:
    """Whether a user sees campaign budgets and costs (internal users only)."""
    return not is_external(role, partner_id)
