"""One campaign (spec §5.4): its fields (edit, archive), results with a chart, and its open leads,
opportunities and disqualified leads. Partner users get a note instead (campaign money is internal)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.analytics.campaign_results import REFUSED, results_figure, results_of_campaign
from rxcrm.db.models import User
from rxcrm.domain.people.reads import sees_campaign_money
from rxcrm.services.leads import campaigns as service
from rxcrm.services.leads.campaign_rows import campaign_data, campaign_records
from rxcrm.ui import routes
from rxcrm.ui.accounts.account_detail import DEAL_COLUMNS
from rxcrm.ui.accounts.partner_detail import LEAD_COLUMNS
from rxcrm.ui.actions import action
from rxcrm.ui.components.controls import action_button, note
from rxcrm.ui.components.read_gate import not_available
from rxcrm.ui.components.records import field_grid, linked_table, not_found, record_tabs
from rxcrm.ui.components.results import RecordResults, results_panel
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.campaign_state import CampaignForm
from rxcrm.ui.leads.campaigns import campaign_form_dialog
from rxcrm.ui.records.record_page import RecordPage
from rxcrm.ui.state import AppState

RESULT_LABELS = (
    ("leads", "Leads"),
    ("qualified", "Qualified"),
    ("disqualified", "Disqualified"),
    ("open_opportunities", "Open deals"),
    ("won_count", "Won deals"),
    ("won_amount", "Won revenue"),
    ("cost", "Cost"),
    ("cost_per_lead", "Cost per lead"),
    ("roi_percent", "ROI"),
)
MONEY = ("won_amount", "cost", "cost_per_lead")


def result_cards(results: dict) -> list[dict[str, str]]:
    """The results as cards show them: money in the board currency, ROI in %, '—' where undefined."""

    def shown(key: str) -> str:
        value = results[key]
        if value is None:
            return "—"
        if key in MONEY:
            return f"{value:,.2f} {results['currency']}"
        return f"{value} %" if key == "roi_percent" else str(value)

    return [{"key": key, "label": label, "value": shown(key)} for key, label in RESULT_LABELS]


class CampaignDetailState(RecordPage, RecordResults, CampaignForm, AppState):
    """The campaign shown, its results and chart, and the first rows of its tabs."""

    campaign_id: int = 0
    archived: bool = False
    no_access: str = ""
    tab: str = "results"
    open_leads: list[dict[str, str]] = []
    deals: list[dict[str, str]] = []
    disqualified: list[dict[str, str]] = []

    @rx.event
    @action(refused="_not_found")
    def load_campaign(self, session: Session, user: User):
        """Read the campaign, its results and its tabs (the URL may name the tab: `?tab=leads`)."""
        self.campaign_id = self._open_from_url("results")
        service.get_campaign(session, self.campaign_id)
        self.found = True
        if not sees_campaign_money(user.role, user.partner_id):
            self.no_access, self.data_rows, self.results = REFUSED, [], []
            return
        self._load_choices(session, user)
        item = service.list_campaigns(session, user, campaign_id=self.campaign_id)[0]
        self.name, self.archived, self.data_rows = item["name"], item["archived"], campaign_data(item)
        results = results_of_campaign(session, user, self.campaign_id)
        self.results, self.figure = result_cards(results), results_figure(results)
        unknown = f"No exchange rate for {item['currency']}: the cost is unknown."
        self.results_note = unknown if results["cost"] is None else ""
        records = campaign_records(session, user, self.campaign_id)
        self.open_leads, self.deals = records["open_leads"], records["opportunities"]
        self.disqualified = records["disqualified"]

    def _reload(self):  # noqa: ANN202
        return CampaignDetailState.load_campaign


def _header() -> rx.Component:
    s = CampaignDetailState
    actions = rx.hstack(
        action_button("Edit", s.open_edit(s.campaign_id), "campaign-edit", icon="pencil"),
        action_button(
            rx.cond(s.archived, "Unarchive", "Archive"),
            s.set_archived(s.campaign_id, ~s.archived),
            "campaign-archive",
            icon="archive",
            variant="soft",
        ),
        spacing="2",
    )
    return rx.hstack(
        rx.heading(s.name, size="7", data_testid="campaign-name"),
        rx.spacer(),
        rx.cond(s.may_edit, actions),
        width="100%",
        align="center",
    )


def _results() -> rx.Component:
    s = CampaignDetailState
    counted = note("Leads and deals count only the records you may see; money is in the board currency.")
    return results_panel(s, "campaign", counted)


TABS = (
    ("Results", "results"),
    ("Details", "details"),
    ("Open leads", "leads"),
    ("Opportunities", "opportunities"),
    ("Disqualified leads", "disqualified"),
)


def _tabs() -> rx.Component:
    s = CampaignDetailState
    panels = {
        "results": _results(),
        "details": field_grid(s.data_rows),
        "leads": linked_table(s.open_leads, LEAD_COLUMNS, routes.LEADS, "campaign-lead-row"),
        "opportunities": linked_table(s.deals, DEAL_COLUMNS, routes.OPPORTUNITIES, "campaign-deal-row"),
        "disqualified": linked_table(s.disqualified, LEAD_COLUMNS, routes.LEADS, "campaign-lost-row"),
    }
    return record_tabs(s, TABS, panels)


def campaign_detail_content() -> rx.Component:
    """The campaign page body."""
    s = CampaignDetailState
    body = rx.vstack(_header(), _tabs(), campaign_form_dialog(CampaignDetailState), width="100%", spacing="4")
    return rx.cond(
        s.found,
        rx.cond(s.no_access != "", not_available(s.no_access, "campaign-not-available"), body),
        not_found("campaign"),
    )


campaign_detail_page = app_page("Campaign", campaign_detail_content)
ON_LOAD = [AppState.require_login, CampaignDetailState.load_campaign]
