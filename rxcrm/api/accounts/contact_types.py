"""REST: /contact-types — the ways to reach a contact (E-mail, Phone, Skype…); admins add, edit and delete."""

from __future__ import annotations

from rxcrm.api.settings.ordered_lists import ListRoutes, ordered_list_router
from rxcrm.db.schemas.contact_channels import ContactTypeCreate, ContactTypePublic, ContactTypeUpdate
from rxcrm.services.accounts.contact_types import CONTACT_TYPES

DESCRIBED = (
    "Every contact type in order (E-mail, Phone, Mobile, Skype, LinkedIn, Website on a new installation).",
    "Add a contact type (admins).",
    "Rename a contact type, move it, or change its kind while no channel uses it (409 otherwise; admins).",
    "Delete a contact type no channel uses (409 naming how many do; admins).",
)
ROUTES = ListRoutes(
    "contact_type",
    "contact_types",
    "type_id",
    ContactTypeCreate,
    ContactTypeUpdate,
    ContactTypePublic,
    DESCRIBED,
)
router = ordered_list_router("/contact-types", "contacts", CONTACT_TYPES, ROUTES)
