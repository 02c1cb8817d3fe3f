"""REST: /campaign-statuses — the statuses a campaign may have; admins add, rename and delete them."""

from __future__ import annotations

from rxcrm.api.settings.ordered_lists import ListRoutes, ordered_list_router
from rxcrm.db.schemas.campaigns import CampaignStatusCreate, CampaignStatusPublic, CampaignStatusUpdate
from rxcrm.services.leads.campaign_statuses import CAMPAIGN_STATUSES

DESCRIBED = (
    "Every campaign status in order (`active` and `archived` on a new installation).",
    "Add a status (admins).",
    "Rename a status (its campaigns follow), change its kind or position (admins).",
    "Delete a status no campaign uses (409 otherwise, or when it is the last of its kind; admins).",
)
ROUTES = ListRoutes(
    "status",
    "statuses",
    "status_id",
    CampaignStatusCreate,
    CampaignStatusUpdate,
    CampaignStatusPublic,
    DESCRIBED,
)
router = ordered_list_router("/campaign-statuses", "campaigns", CAMPAIGN_STATUSES, ROUTES)
