"""Where each page lives."""

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


def account_url(account_id: int | str) -> str:
    """The detail page of an account."""
    return f"{ACCOUNTS}/{account_id}"


def contact_url(contact_id: int | str) -> str:
    """The detail page of a personal contact."""
    return f"{CONTACTS}/{contact_id}"


def opportunity_url(opportunity_id: int | str) -> str:
    """The detail page of an opportunity."""
    return f"{OPPORTUNITIES}/{opportunity_id}"


def lead_url(lead_id: int | str) -> str:
    """The detail page of a lead."""
    return f"{LEADS}/{lead_id}"


def partner_url(partner_id: int | str) -> str:
    """The detail page of a partner."""
    return f"{PARTNERS}/{partner_id}"


ENTITY_URLS = {
    "account": ACCOUNTS,
    "contact": CONTACTS,
    "lead": LEADS,
    "opportunity": OPPORTUNITIES,
    "partner": PARTNERS,
    "task": TASKS,
    "ticket": TICKETS,
}


def project_overview_url(project_id: int | str) -> str:
    """The dashboard overview of one project."""
    return f"{PROJECTS}/{project_id}/overview"


def project_url(project_id: int | str) -> str:
    """The page of one project."""
    return f"{PROJECTS}/{project_id}"


def ticket_url(ticket_id: int | str) -> str:
    """The page of one ticket of the shared inbox."""
    return f"{TICKETS}/{ticket_id}"
