"""Where each page lives."""

from collections.abc import Callable

LOGIN = "/login"
HOME = "/"
ACCOUNTS = "/accounts"
CONTACTS = "/contacts"
OPPORTUNITIES = "/opportunities"
LEADS = "/leads"
LEADS_INTRADAY = "/leads/intraday"
LEADS_STATISTICS = "/leads/statistics"
LEADS_FREE_POOL = "/leads/free-pool"
LEADS_CONVERSION = "/leads/conversion"
LEADS_SPLITTER = "/leads/splitter"
LEADS_IMPORT = "/leads/import"
CAMPAIGNS = "/campaigns"
PARTNERS = "/partners"
SOLD_ITEMS = "/sold-items"
TASKS = "/tasks"
TICKETS = "/tickets"
PROJECTS = "/projects"


def _record_page(base: str, what: str, suffix: str = "") -> Callable[[int | str], str]:
    """The function giving the page of one record below `base` (`what` says which page, for its docstring)."""

    def url(record_id: int | str) -> str:
        return f"{base}/{record_id}{suffix}"

    url.__doc__ = f"The {what}."
    return url


account_url = _record_page(ACCOUNTS, "detail page of an account")
contact_url = _record_page(CONTACTS, "detail page of a personal contact")
opportunity_url = _record_page(OPPORTUNITIES, "detail page of an opportunity")
lead_url = _record_page(LEADS, "detail page of a lead")
partner_url = _record_page(PARTNERS, "detail page of a partner")


ENTITY_URLS = {
    "account": ACCOUNTS,
    "contact": CONTACTS,
    "lead": LEADS,
    "opportunity": OPPORTUNITIES,
    "partner": PARTNERS,
    "task": TASKS,
    "ticket": TICKETS,
}


project_overview_url = _record_page(PROJECTS, "dashboard overview of one project", "/overview")
project_url = _record_page(PROJECTS, "page of one project")
ticket_url = _record_page(TICKETS, "page of one ticket of the shared inbox")
