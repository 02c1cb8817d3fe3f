"""The rxcrm app: pages registered, the REST API mounted — nothing else."""

import reflex as rx

from rxcrm.api import build_api
from rxcrm.services.system.subscribers import install_subscribers
from rxcrm.ui import live, routes
from rxcrm.ui.accounts import account_detail, accounts, contacts
from rxcrm.ui.commerce import contracts as commerce_contracts
from rxcrm.ui.commerce import price_book_detail as commerce_price_book
from rxcrm.ui.commerce import price_books as commerce_price_books
from rxcrm.ui.commerce import products as commerce_products
from rxcrm.ui.dashboards import dashboard, sold_items
from rxcrm.ui.leads import campaigns, lead_detail
from rxcrm.ui.leads import imports as lead_import
from rxcrm.ui.leads import lists as leads
from rxcrm.ui.leads import splitter as lead_splitter
from rxcrm.ui.leads import stats as lead_stats
from rxcrm.ui.login import login_page
from rxcrm.ui.pipeline import board as pipeline
from rxcrm.ui.pipeline import forecast, opportunities, opportunity_detail
from rxcrm.ui.records import notifications
from rxcrm.ui.settings import page as settings
from rxcrm.ui.state import LoginState

app = rx.App(
    api_transformer=build_api(),
    toaster=rx.toast.provider(position="bottom-right", close_button=True),
    head_components=[rx.el.link(rel="icon", href="/favicon.ico", type="image/x-icon")],
    stylesheets=["/a11y.css"],
)
app.add_page(login_page, route="/login", title="Log in · rxcrm", on_load=LoginState.skip_if_logged_in)
app.add_page(
    dashboard.dashboard_page, route=routes.HOME, title="Dashboard · rxcrm", on_load=dashboard.GLOBAL_ON_LOAD
)
app.add_page(
    dashboard.dashboard_page,
    route="/projects/[project_id]/overview",
    title="Project overview · rxcrm",
    on_load=dashboard.PROJECT_ON_LOAD,
)
app.add_page(accounts.accounts_page, route="/accounts", title="Accounts · rxcrm", on_load=accounts.ON_LOAD)
app.add_page(
    account_detail.account_detail_page,
    route="/accounts/[account_id]",
    title="Account · rxcrm",
    on_load=account_detail.ON_LOAD,
)
app.add_page(
    contacts.contacts_page, route="/contacts", title="Contacts · rxcrm", on_load=contacts.LIST_ON_LOAD
)
app.add_page(
    contacts.contact_detail_page,
    route="/contacts/[contact_id]",
    title="Contact · rxcrm",
    on_load=contacts.DETAIL_ON_LOAD,
)
app.add_page(
    opportunities.opportunities_page,
    route="/opportunities",
    title="Opportunities · rxcrm",
    on_load=opportunities.LIST_ON_LOAD,
)
app.add_page(
    opportunity_detail.opportunity_detail_page,
    route="/opportunities/[opportunity_id]",
    title="Opportunity · rxcrm",
    on_load=opportunity_detail.ON_LOAD,
)
app.add_page(
    sold_items.sold_items_page,
    route=routes.SOLD_ITEMS,
    title="Sold items · rxcrm",
    on_load=sold_items.ON_LOAD,
)
app.add_page(
    lead_import.lead_import_page,
    route=routes.LEADS_IMPORT,
    title="Import CSV · rxcrm",
    on_load=lead_import.ON_LOAD,
)
app.add_page(leads.leads_page, route="/leads", title="Leads · rxcrm", on_load=leads.LIST_ON_LOAD)
app.add_page(
    leads.free_pool_page, route="/leads/free-pool", title="Free pool · rxcrm", on_load=leads.FREE_POOL_ON_LOAD
)
app.add_page(
    lead_detail.lead_detail_page,
    route="/leads/[lead_id]",
    title="Lead · rxcrm",
    on_load=lead_detail.ON_LOAD,
)
app.add_page(pipeline.pipeline_page, route="/pipeline", title="Pipeline · rxcrm", on_load=pipeline.ON_LOAD)
app.add_page(forecast.forecast_page, route="/forecast", title="Forecast · rxcrm", on_load=forecast.ON_LOAD)
app.add_page(settings.settings_page, route="/settings", title="Settings · rxcrm", on_load=settings.ON_LOAD)
app.add_page(
    settings.settings_page,
    route="/settings/[settings_section]",
    title="Settings · rxcrm",
    on_load=settings.ON_LOAD,
)
app.add_page(
    notifications.notifications_page,
    route="/notifications",
    title="Notifications · rxcrm",
    on_load=notifications.ON_LOAD,
)
app.add_page(
    lead_splitter.splitter_page,
    route=routes.LEADS_SPLITTER,
    title="Lead splitter · rxcrm",
    on_load=lead_splitter.ON_LOAD,
)
app.add_page(
    lead_stats.intraday_page,
    route=routes.LEADS_INTRADAY,
    title="Leads intraday · rxcrm",
    on_load=lead_stats.INTRADAY_ON_LOAD,
)
app.add_page(
    lead_stats.statistics_page,
    route=routes.LEADS_STATISTICS,
    title="Lead statistics · rxcrm",
    on_load=lead_stats.STATISTICS_ON_LOAD,
)
app.add_page(
    lead_stats.conversion_page,
    route=routes.LEADS_CONVERSION,
    title="Lead conversion · rxcrm",
    on_load=lead_stats.CONVERSION_ON_LOAD,
)
app.add_page(
    campaigns.campaigns_page, route=routes.CAMPAIGNS, title="Campaigns · rxcrm", on_load=campaigns.ON_LOAD
)
app.add_page(
    commerce_contracts.contracts_page,
    route="/contracts",
    title="Contracts · rxcrm",
    on_load=commerce_contracts.ON_LOAD,
)
app.add_page(
    commerce_price_books.price_books_page,
    route=commerce_price_books.PRICE_BOOKS,
    title="Price books · rxcrm",
    on_load=commerce_price_books.ON_LOAD,
)
app.add_page(
    commerce_products.products_page,
    route=commerce_price_books.PRODUCTS,
    title="Products · rxcrm",
    on_load=commerce_products.ON_LOAD,
)
app.add_page(
    commerce_price_book.price_book_page,
    route="/price-books/[price_book_id]",
    title="Price book · rxcrm",
    on_load=commerce_price_book.ON_LOAD,
)
install_subscribers(after_touch=live.FEEDS)
live.install(app)
