"""Campaign statuses as admin-edited configuration (spec §5.4, §7): add, rename, re-kind, order, delete.

A campaign keeps its status by name, so renaming a status renames it on its campaigns in the same
transaction. Archiving looks for a status of kind `archived`, unarchiving for one of kind `active`:
the last status of a kind cannot be deleted or change kind, and a status campaigns use is never deleted.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, select

from rxcrm.db.models import Campaign, CampaignStatus
from rxcrm.domain.errors import Conflict
from rxcrm.domain.leads.campaigns import STATUS_RULES
from rxcrm.services.records.listing import count_where
from rxcrm.services.settings.ordered_lists import OrderedList


def _last_of_kind(session: Session, status: CampaignStatus) -> str | None:
    if count_where(session, CampaignStatus, CampaignStatus.kind == status.kind) > 1:
        return None
    return f"'{status.name}' is the only {status.kind} status: add another one first."


def _in_use(session: Session, status: CampaignStatus) -> str | None:
    used = count_where(session, Campaign, Campaign.status == status.name)
    if used:
        return f"{used} campaign(s) have the status '{status.name}': give them another status first."
    return _last_of_kind(session, status)


def _rename_campaigns(session: Session, old_name: str, new_name: str) -> None:
    session.execute(update(Campaign).where(Campaign.status == old_name).values(status=new_name))


CAMPAIGN_STATUSES = OrderedList(
    model=CampaignStatus,
    entity="campaign_status",
    noun="campaign status",
    configure="configure campaign statuses",
    rules=STATUS_RULES,
    refuse_kind_change=_last_of_kind,
    refuse_delete=_in_use,
    on_rename=_rename_campaigns,
)


def status_names(session: Session) -> list[str]:
    """The names a campaign's status may take, in order."""
    return [s.name for s in CAMPAIGN_STATUSES.entries(session)]


def status_kinds(session: Session) -> dict[str, str]:
    """Each status name with its kind."""
    return {s.name: s.kind for s in CAMPAIGN_STATUSES.entries(session)}


def first_of_kind(session: Session, kind: str) -> str:
    """The first status of a kind: where new campaigns start (active) and archiving puts them."""
    statement = select(CampaignStatus.name).where(CampaignStatus.kind == kind)
    name = session.exec(statement.order_by(CampaignStatus.position, CampaignStatus.id)).first()
    if name is None:
        raise Conflict(f"No campaign status of kind '{kind}' exists; an admin adds one in Settings.")
    return name
