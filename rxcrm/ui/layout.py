"""The app shell: sidebar with the CRM sections, top bar with search, bell and user menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.services.records.search import MAX_QUERY
from rxcrm.ui.state import AppState

SECTIONS = (
    ("dashboard", "Dashboard", "layout-dashboard", "/"),
    ("leads", "Leads", "inbox", "/leads"),
    ("opportunities", "Opportunities", "handshake", "/opportunities"),
    ("pipeline", "Pipeline", "columns-3", "/pipeline"),
    ("forecast", "Forecast", "trending-up", "/forecast"),
    ("accounts", "Accounts", "building-2", "/accounts"),
    ("contacts", "Contacts", "contact", "/contacts"),
    ("tasks", "Tasks", "list-checks", "/tasks"),
    ("tickets", "Tickets", "mails", "/tickets"),
    ("projects", "Projects", "folder-tree", "/projects"),
    ("partners", "Partners", "users-round", "/partners"),
    ("campaigns", "Campaigns", "megaphone", "/campaigns"),
    ("contracts", "Contracts", "file-pen-line", "/contracts"),
    ("price-books", "Price books", "book-open", "/price-books"),
    ("settings", "Settings", "settings", "/settings"),
)
EXTERNAL_SECTIONS = (
    *("dashboard", "leads", "opportunities", "pipeline", "forecast", "accounts", "contacts", "tasks"),
)


def menu_entry(icon: str, label: str, active: Var, icon_size: int = 18, **props: Any) -> rx.Component:
    """An icon and a label, highlighted while `active` (an entry of the sidebar or of a page's menu)."""
    return rx.hstack(
        rx.icon(icon, size=icon_size),
        rx.text(label, size="2"),
        align="center",
        width="100%",
        background=rx.cond(active, rx.color("accent", 4), "transparent"),
        color=rx.cond(active, rx.color("accent", 11), rx.color("gray", 12)),
        _hover={"background": rx.color("accent", 3)},
        **props,
    )


def nav_item(key: str, label: str, icon: str, href: str, target: Var | None = None) -> rx.Component:
    """One sidebar entry, highlighted on its own pages (those under `href`); it opens `target` if given."""
    path = rx.State.router.url.path
    active = (path == href) if href == "/" else path.startswith(href)
    return rx.link(
        menu_entry(icon, label, active, spacing="3", padding_x="12px", padding_y="8px", border_radius="8px"),
        href=href if target is None else target,
        underline="none",
        width="100%",
        data_testid=f"nav-{key}",
    )


def _nav(section: tuple[str, str, str, str]) -> rx.Component:
    """A sidebar entry; entries a partner user may not use are left out for him/her (spec §8), and
    Partners is "My partner" for him/her: his/her own partner's page."""
    if section[0] == "partners":
        key, _, icon, href = section
        mine = nav_item(key, "My partner", icon, href, href + "/" + AppState.user_partner_id.to_string())
        return rx.cond(AppState.user_external, mine, nav_item(*section))
    if section[0] in EXTERNAL_SECTIONS:
        return nav_item(*section)
    return rx.cond(AppState.user_external, rx.fragment(), nav_item(*section))


def sidebar() -> rx.Component:
    """The left navigation with the CRM sections the user may use."""
    return rx.vstack(
        rx.hstack(
            rx.icon("orbit", size=24, color=rx.color("accent", 9)),
            rx.heading("rxcrm", size="5"),
            align="center",
            padding="12px",
        ),
        *(_nav(section) for section in SECTIONS),
        width="220px",
        min_width="220px",
        height="100vh",
        position="sticky",
        top="0",
        padding="8px",
        spacing="1",
        border_right=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 2),
        role="navigation",
        aria_label="Main menu",
    )


def search_box() -> rx.Component:
    """Global search with a dropdown of hits."""
    hit = lambda h: rx.box(  # noqa: E731
        rx.hstack(
            rx.badge(h["entity"], variant="soft"),
            rx.text(h["title"], weight="medium", size="2"),
            rx.text(h["hint"], size="1", color_scheme="gray"),
            align="center",
            spacing="2",
        ),
        on_click=AppState.open_hit(h["url"]),
        padding="6px 10px",
        cursor="pointer",
        _hover={"background": rx.color("accent", 3)},
        data_testid="search-hit",
    )
    return rx.box(
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            placeholder="Search accounts, contacts, deals…",
            value=AppState.search_query,
            max_length=MAX_QUERY,
            on_change=AppState.search.debounce(250),
            width="100%",
            data_testid="global-search",
        ),
        rx.cond(
            AppState.search_hits.length() > 0,
            rx.card(
                rx.foreach(AppState.search_hits, hit),
                position="absolute",
                top="40px",
                width="480px",
                z_index="50",
                padding="4px",
            ),
        ),
        position="relative",
        width="360px",
        min_width="140px",
        flex_shrink="1",
    )


def user_menu() -> rx.Component:
    """Avatar with the user's name, role, colour mode and logout."""
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.avatar(fallback=AppState.user_initials, size="2", radius="full"),
                variant="ghost",
                aria_label="User menu",
                flex_shrink="0",
                data_testid="user-menu",
            )
        ),
        rx.menu.content(
            rx.box(
                rx.vstack(
                    rx.text(AppState.user_name, weight="bold", data_testid="user-name"),
                    rx.text(AppState.user_email, size="1"),
                    rx.text(AppState.user_role_label, size="1"),
                    rx.text(
                        "Times in ",
                        rx.cond(AppState.user_time_zone != "", AppState.user_time_zone, "UTC"),
                        size="1",
                        color_scheme="gray",
                        data_testid="user-time-zone",
                    ),
                    spacing="0",
                ),
                padding="8px",
            ),
            rx.menu.separator(),
            rx.menu.item(
                rx.icon("clock", size=14),
                "Use this browser's time zone",
                on_click=AppState.use_browser_time_zone,
                data_testid="use-browser-time-zone",
            ),
            rx.menu.item(
                rx.icon("log-out", size=14), "Log out", on_click=AppState.log_out, data_testid="logout"
            ),
        ),
    )


def top_bar(title: str) -> rx.Component:
    """Page title, search, notifications bell, colour mode and user menu."""
    return rx.hstack(
        rx.heading(title, size="6", white_space="nowrap", overflow="hidden", text_overflow="ellipsis"),
        rx.spacer(),
        search_box(),
        rx.link(
            rx.box(
                rx.icon_button(rx.icon("bell", size=18), variant="ghost", aria_label="Notifications"),
                rx.cond(
                    AppState.unread > 0,
                    rx.badge(
                        AppState.unread.to_string(),
                        color_scheme="red",
                        variant="solid",
                        radius="full",
                        position="absolute",
                        top="-6px",
                        right="-8px",
                        data_testid="notifications-count",
                    ),
                ),
                position="relative",
            ),
            href="/notifications",
            flex_shrink="0",
            title="Notifications",
            data_testid="notifications-bell",
        ),
        rx.color_mode.button(variant="ghost", aria_label="Light or dark mode", flex_shrink="0"),
        user_menu(),
        align="center",
        width="100%",
        padding="12px 24px",
        spacing="4",
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        role="banner",
    )


def app_page(title: str, content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
    """Wrap a page's content in the shell; nothing shows until the session is confirmed."""

    def render() -> rx.Component:
        return rx.cond(
            AppState.user_id > 0,
            rx.hstack(
                sidebar(),
                rx.vstack(
                    top_bar(title),
                    rx.box(content(), padding="24px", width="100%", min_width="0", role="main"),
                    flex="1",
                    min_width="0",
                    spacing="0",
                ),
                spacing="0",
                width="100%",
                align="start",
            ),
            rx.center(rx.spinner(size="3"), height="100vh"),
        )

    render.__name__ = content.__name__
    return render
