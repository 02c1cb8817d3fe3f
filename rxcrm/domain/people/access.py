"""Who may see what (spec §1.5, §1.8): the scope a user works in and what grants access.

The query filter in `services/people/access.py` turns these rules into SQL; nothing else decides.
- full: every record (others' private accounts excepted).
- limited_crm: accounts, contacts and leads he/she manages or follows, and their opportunities
  (a global account he/she only follows does not open its opportunities).
- limited_opportunities: only opportunities he/she manages or follows.
- partner: only records assigned to his/her partner organisation.
A private account is visible to its creator only, admins included; a global account to everyone.
Partners: a partner user sees his/her own; internal users all of them if the role may view partners.
Managing means being owner or second manager.
"""

from __future__ import annotations

FULL = "full"
LIMITED_CRM = "limited_crm"
LIMITED_OPPORTUNITIES = "limited_opportunities"
PARTNER = "partner"
FOLLOWABLE = ("account", "contact", "lead", "opportunity")


def access_scope(role: str, access_level: str, partner_id: int | None) -> str:
    """The scope a user sees records in: admins always full, partner users their partner's."""
    if role == "admin":
        return FULL
    if role == "partner" or partner_id is not None:
        return PARTNER
    if access_level in (LIMITED_CRM, LIMITED_OPPORTUNITIES):
        return access_level
    return FULL


def limits_entity(scope: str, entity: str) -> bool:
    """Whether a scope narrows the records of an entity at all (beyond private accounts)."""
    if scope == FULL:
        return False
    if scope == LIMITED_OPPORTUNITIES:
        return entity == "opportunity"
    return True
