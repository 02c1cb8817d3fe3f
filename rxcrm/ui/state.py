"""The small state every page shares: who is logged in, global search, logout."""

from __future__ import annotations

import asyncio

import reflex as rx

from rxcrm.db.models import User
from rxcrm.db.session import unit_of_work
from rxcrm.domain.errors import DomainError, Unauthorized
from rxcrm.domain.people.reads import is_external
from rxcrm.domain.people.users import ROLE_LABELS, initials
from rxcrm.services.people.auth import log_in, log_out, user_for_token
from rxcrm.services.people.time_zones import set_time_zone
from rxcrm.services.records.notifications import unread_count
from rxcrm.services.records.search import MAX_QUERY, global_search
from rxcrm.ui import routes
from rxcrm.ui.actions import acting

BROWSER_ZONE_JS = "Intl.DateTimeFormat().resolvedOptions().timeZone"


class AppState(rx.State):
    """The logged-in user; every page's state derives from it."""

    token: str = rx.LocalStorage("", name="rxcrm_session", sync=True)
    user_id: int = 0
    user_name: str = ""
    user_email: str = ""
    user_role: str = ""
    user_external: bool = False
    user_partner_id: int = 0
    user_time_zone: str = ""
    search_query: str = ""
    search_hits: list[dict[str, str]] = []
    unread: int = 0

    @rx.var
    def user_initials(self) -> str:
        """Two letters for the avatar."""
        return initials(self.user_name)

    @rx.var
    def user_role_label(self) -> str:
        """The role as people say it."""
        return ROLE_LABELS.get(self.user_role, self.user_role)

    @rx.var
    def is_admin(self) -> bool:
        """Whether the user administers the CRM."""
        return self.user_role == "admin"

    def _remember(self, user) -> None:  # noqa: ANN001
        self.user_id, self.user_name = user.id, user.name
        self.user_email, self.user_role = user.email, user.role
        self.user_external = is_external(user.role, user.partner_id)
        self.user_partner_id = user.partner_id or 0
        self.user_time_zone = user.time_zone or ""

    def _forget(self) -> None:
        self.token, self.user_id, self.user_name, self.user_email, self.user_role = "", 0, "", "", ""
        self.user_external, self.user_time_zone, self.user_partner_id = False, "", 0

    @rx.event
    def require_login(self):
        """Pages call this on load: an expired or missing session goes to the login page."""
        try:
            with unit_of_work() as session:
                user = user_for_token(session, self.token)
                self._remember(user)
                self.unread = unread_count(session, user)
        except Unauthorized:
            self._forget()
            return rx.redirect(routes.LOGIN)
        if self.user_time_zone:
            return None
        return rx.call_script(BROWSER_ZONE_JS, callback=AppState.save_time_zone)  # the first visit

    @rx.event
    def use_browser_time_zone(self):
        """Make the browser's time zone (Intl) the user's: by itself at the first visit, or from the menu."""
        return rx.call_script(BROWSER_ZONE_JS, callback=AppState.save_time_zone)

    @rx.event
    def save_time_zone(self, zone: str):
        """Keep the zone the user works in; every time on the pages is then shown in it."""
        try:
            with acting(self.token) as (session, user):
                self.user_time_zone = set_time_zone(session, user, zone)
        except DomainError:
            pass  # an unknown zone from an odd browser: times stay in UTC

    @rx.event
    def log_out(self):
        """End the session on the server and in the browser."""
        with unit_of_work() as session:
            log_out(session, self.token)
        self._forget()
        return rx.redirect(routes.LOGIN)

    @rx.event
    def search(self, query: str):
        """Global search over the accounts, contacts and opportunities the user may see (200 characters)."""
        query = str(query)[:MAX_QUERY]
        self.search_query = query
        try:
            with acting(self.token) as (session, user):
                hits = global_search(session, user, query)
        except DomainError:
            hits = []
        self.search_hits = [
            {
                "entity": h.entity,
                "title": h.title,
                "hint": h.hint,
                "url": f"{routes.ENTITY_URLS[h.entity]}/{h.id}",
                "key": f"{h.entity}-{h.id}",
            }
            for h in hits
        ]

    @rx.event
    def open_hit(self, url: str):
        """Jump to a search result."""
        self.search_query, self.search_hits = "", []
        return rx.redirect(url)


def _log_in(email: str, password: str, ip: str | None) -> tuple[str, User]:
    """One login in its own unit of work (run in a worker thread)."""
    with unit_of_work() as session:
        return log_in(session, email, password, ip or None)


class LoginState(AppState):
    """The login form."""

    error: str = ""
    busy: bool = False

    @rx.event
    async def submit(self, form: dict):
        """Check the credentials in a worker thread (argon2 never blocks the loop); open a session."""
        self.error = ""
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        try:
            token, user = await asyncio.to_thread(_log_in, email, password, self.router.session.client_ip)
        except DomainError as exc:
            self.error = exc.message
            return
        self._remember(user)
        self.token = token
        return rx.redirect(routes.HOME)

    @rx.event
    def skip_if_logged_in(self):
        """An open session goes straight to the app."""
        if not self.token:
            return
        try:
            with unit_of_work() as session:
                self._remember(user_for_token(session, self.token))
        except Unauthorized:
            self._forget()
            return
        return rx.redirect(routes.HOME)
