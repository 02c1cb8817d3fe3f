"""The public REST API v1, mounted into the Reflex backend under /api/v1."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from rxcrm.api.accounts import (
    account_groups,
    account_relations,
    accounts,
    business_roles,
    contact_channels,
    contact_types,
    contacts,
    partners,
)
from rxcrm.api.bodies import UploadCap
from rxcrm.api.commerce import bundles as commerce_bundles
from rxcrm.api.commerce import contracts as commerce_contracts
from rxcrm.api.commerce import documents as commerce_documents
from rxcrm.api.commerce import emails as commerce_emails
from rxcrm.api.commerce import invoices as commerce_invoices
from rxcrm.api.commerce import price_books as commerce_price_books
from rxcrm.api.commerce import product_categories as commerce_product_categories
from rxcrm.api.commerce import products as commerce_products
from rxcrm.api.commerce import quotes as commerce_quotes
from rxcrm.api.commerce import smtp_settings as commerce_smtp
from rxcrm.api.dashboards import baselines, targets
from rxcrm.api.dashboards import pages as dashboard_pages
from rxcrm.api.dashboards import widgets as dashboards
from rxcrm.api.deps import path_ids_in_range
from rxcrm.api.errors import install_error_handlers
from rxcrm.api.leads import campaign_statuses, campaigns, imports, leads, splitter
from rxcrm.api.leads import export as lead_export
from rxcrm.api.leads import intake as lead_intake
from rxcrm.api.leads import stats as lead_stats
from rxcrm.api.people import auth, users
from rxcrm.api.pipeline import forecast, opportunities, pipelines, projects, stages
from rxcrm.api.records import activities, notifications, saved_filters, search
from rxcrm.api.records import downloads as record_downloads
from rxcrm.api.records import files as record_files
from rxcrm.api.records import vcards as record_vcards
from rxcrm.api.security_headers import SecurityHeaders
from rxcrm.api.settings import custom_fields, exchange_rates, permissions, workflows
from rxcrm.api.settings import toggles as settings
from rxcrm.api.tasks import tasks
from rxcrm.api.tickets import tickets
from rxcrm.domain.records.csv_import import MAX_BYTES
from rxcrm.services.records.files import upload_limit
from rxcrm.services.system.subscribers import install_subscribers

PREFIX = "/api/v1"
ROUTERS = (
    lead_intake.router,  # first: the busiest route, matched before ~200 others
    auth.router,
    users.router,
    settings.router,
    permissions.router,
    accounts.router,
    account_groups.router,
    account_relations.router,
    contacts.router,
    contact_channels.router,
    contact_types.router,
    partners.router,
    lead_stats.router,
    lead_export.router,
    leads.router,
    imports.router,
    campaigns.router,
    campaign_statuses.router,
    splitter.router,
    opportunities.router,
    business_roles.router,
    pipelines.router,
    stages.router,
    exchange_rates.router,
    forecast.router,
    dashboards.router,
    dashboard_pages.router,
    baselines.router,
    targets.router,
    projects.router,
    tasks.router,
    custom_fields.router,
    activities.router,
    notifications.router,
    search.router,
    saved_filters.router,
    workflows.router,
    commerce_contracts.router,
    commerce_invoices.router,
    commerce_product_categories.router,
    commerce_products.router,
    commerce_price_books.router,
    commerce_bundles.router,
    commerce_documents.router,
    commerce_documents.invoice_router,
    record_files.router,
    record_downloads.router,
    record_vcards.router,
    commerce_emails.router,
    commerce_smtp.router,
    commerce_quotes.router,
    tickets.router,
)


def upload_cap() -> int:
    """The largest page upload: a CSV import or a record's file (RXCRM_MAX_UPLOAD_MB), plus the form."""
    return max(MAX_BYTES, upload_limit()) + 1024 * 1024


def build_api() -> FastAPI:
    """The FastAPI app with every router and the contract's error format."""
    app = FastAPI(
        title="rxcrm API",
        version="1",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
    )
    install_subscribers()
    install_error_handlers(app)
    app.add_middleware(UploadCap, cap=upload_cap())
    app.add_middleware(SecurityHeaders)
    for router in ROUTERS:
        app.include_router(router, prefix=PREFIX, dependencies=[Depends(path_ids_in_range)])
    return app
