"""Where each page lives."""

LOGIN = "/login"
HOME = "/"
ACCOUNTS = "/accounts"
CONTACTS = "/contacts"
OPPORTUNITIES = "/opportunities"


def account_url(account_id: int | str) -> str:
    """The detail page of an account."""
    return f"{ACCOUNTS}/{account_id}"


def contact_url(contact_id: int | str) -> str:
    """The detail page of a personal contact."""
    return f"{CONTACTS}/{contact_id}"


def opportunity_url(opportunity_id: int | str) -> str:
    """The detail page of an opportunity."""
    return f"{OPPORTUNITIES}/{opportunity_id}"


ENTITY_URLS = {"account": ACCOUNTS, "contact": CONTACTS, "opportunity": OPPORTUNITIES}
