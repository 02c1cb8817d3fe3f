"""The rxcrm app: pages registered, the REST API mounted — nothing else."""

from collections.abc import Callable
from typing import Any

import reflex as rx

from rxcrm.api import build_api
from rxcrm.services.system.subscribers import install_subscribers
from rxcrm.ui import live, routes
from rxcrm.ui.accounts import account_detail, accounts, contacts, partner_detail, partners
from rxcrm.ui.commerce import contracts as commerce_contracts
from rxcrm.ui.commerce import price_book_detail as commerce_price_book
from rxcrm.ui.commerce import price_books as commerce_price_books
from rxcrm.ui.commerce import products as commerce_products
from rxcrm.ui.dashboards import dashboard, sold_items
from rxcrm.ui.leads import campaign_detail, campaigns, lead_detail
from rxcrm.ui.leads import imports as lead_import
from rxcrm.ui.leads import lists as leads
from rxcrm.ui.leads import splitter as lead_splitter
from rxcrm.ui.leads import stats as lead_stats
from rxcrm.ui.login import login_page
from rxcrm.ui.pipeline import board as pipeline
from rxcrm.ui.pipeline import forecast, opportunities, opportunity_detail, project_detail, projects_page
from rxcrm.ui.records import notifications
from rxcrm.ui.settings import page as settings
from rxcrm.ui.state import LoginState
from rxcrm.ui.tasks import tasks_page
from rxcrm.ui.tickets import inbox as tickets
from rxcrm.ui.tickets import ticket_detail

# Every page of the app, in registration order: (component, route, title, on_load).
PAGES: list[tuple[Callable[[], rx.Component], str, str, Any]] = [
    (login_page, "/login", "Log in", LoginState.skip_if_logged_in),
    (dashboard.dashboard_page, routes.HOME, "Dashboard", dashboard.GLOBAL_ON_LOAD),
    (
        dashboard.dashboard_page,
        "/projects/[project_id]/overview",
        "Project overview",
        dashboard.PROJECT_ON_LOAD,
    ),
    (projects_page.projects_page, routes.PROJECTS, "Projects", projects_page.ON_LOAD),
    (project_detail.project_detail_page, "/projects/[project_id]", "Project", project_detail.ON_LOAD),
    (accounts.accounts_page, "/accounts", "Accounts", accounts.ON_LOAD),
    (account_detail.account_detail_page, "/accounts/[account_id]", "Account", account_detail.ON_LOAD),
    (contacts.contacts_page, "/contacts", "Contacts", contacts.LIST_ON_LOAD),
    (contacts.contact_detail_page, "/contacts/[contact_id]", "Contact", contacts.DETAIL_ON_LOAD),
    (tasks_page.tasks_page, routes.TASKS, "Tasks", tasks_page.ON_LOAD),
    (tasks_page.tasks_page, "/tasks/[task_id]", "Task", tasks_page.ONE_ON_LOAD),
    (tickets.tickets_page, routes.TICKETS, "Tickets", tickets.ON_LOAD),
    (ticket_detail.ticket_page, "/tickets/[ticket_id]", "Ticket", ticket_detail.ON_LOAD),
    (partners.partners_page, routes.PARTNERS, "Partners", partners.ON_LOAD),
    (partner_detail.partner_detail_page, "/partners/[partner_id]", "Partner", partner_detail.ON_LOAD),
    (opportunities.opportunities_page, "/opportunities", "Opportunities", opportunities.LIST_ON_LOAD),
    (
        opportunity_detail.opportunity_detail_page,
        "/opportunities/[opportunity_id]",
        "Opportunity",
        opportunity_detail.ON_LOAD,
    ),
    (sold_items.sold_items_page, routes.SOLD_ITEMS, "Sold items", sold_items.ON_LOAD),
    (lead_import.lead_import_page, routes.LEADS_IMPORT, "Import CSV", lead_import.ON_LOAD),
    (leads.leads_page, "/leads", "Leads", leads.LIST_ON_LOAD),
    (leads.free_pool_page, "/leads/free-pool", "Free pool", leads.FREE_POOL_ON_LOAD),
    (lead_detail.lead_detail_page, "/leads/[lead_id]", "Lead", lead_detail.ON_LOAD),
    (pipeline.pipeline_page, "/pipeline", "Pipeline", pipeline.ON_LOAD),
    (forecast.forecast_page, "/forecast", "Forecast", forecast.ON_LOAD),
    (settings.settings_page, "/settings", "Settings", settings.ON_LOAD),
    (settings.settings_page, "/settings/[settings_section]", "Settings", settings.ON_LOAD),
    (notifications.notifications_page, "/notifications", "Notifications", notifications.ON_LOAD),
    (lead_splitter.splitter_page, routes.LEADS_SPLITTER, "Lead splitter", lead_splitter.ON_LOAD),
    (lead_stats.intraday_page, routes.LEADS_INTRADAY, "Leads intraday", lead_stats.INTRADAY_ON_LOAD),
    (lead_stats.statistics_page, routes.LEADS_STATISTICS, "Lead statistics", lead_stats.STATISTICS_ON_LOAD),
    (lead_stats.conversion_page, routes.LEADS_CONVERSION, "Lead conversion", lead_stats.CONVERSION_ON_LOAD),
    (campaigns.campaigns_page, routes.CAMPAIGNS, "Campaigns", campaigns.ON_LOAD),
    (campaign_detail.campaign_detail_page, "/campaigns/[campaign_id]", "Campaign", campaign_detail.ON_LOAD),
    (commerce_contracts.contracts_page, "/contracts", "Contracts", commerce_contracts.ON_LOAD),
    (
        commerce_price_books.price_books_page,
        commerce_price_books.PRICE_BOOKS,
        "Price books",
        commerce_price_books.ON_LOAD,
    ),
    (
        commerce_products.products_page,
        commerce_price_books.PRODUCTS,
        "Products",
        commerce_products.ON_LOAD,
    ),
    (
        commerce_price_book.price_book_page,
        "/price-books/[price_book_id]",
        "Price book",
        commerce_price_book.ON_LOAD,
    ),
]

app = rx.App(
    api_transformer=build_api(),
    toaster=rx.toast.provider(position="bottom-right", close_button=True),
    head_components=[rx.el.link(rel="icon", href="/favicon.ico", type="image/x-icon")],
    stylesheets=["/a11y.css"],
)
for component, route, title, on_load in PAGES:
    app.add_page(component, route=route, title=f"{title} · rxcrm", on_load=on_load)
install_subscribers(after_touch=live.FEEDS)
live.install(app)
