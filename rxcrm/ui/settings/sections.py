"""The sections of the Settings page: one URL each (/settings/<slug>) and the list that links them."""

from __future__ import annotations

import reflex as rx

SETTINGS = "/settings"
# (slug, label, icon); the first is what /settings opens.
SECTIONS = (
    ("users", "Users & access", "users"),
    ("permissions", "Roles & permissions", "shield-check"),
    ("field-visibility", "Field visibility", "eye-off"),
    ("ownership", "Ownership", "user-check"),
    ("pipeline", "Pipeline & activities", "columns-3"),
    ("custom-fields", "Custom fields", "text-cursor-input"),
    ("workflows", "Workflow rules", "workflow"),
    ("qualification", "Lead qualification", "badge-check"),
    ("intake", "Lead intake & API keys", "key-round"),
    ("campaign-statuses", "Campaign statuses", "megaphone"),
    ("contact-types", "Contact types", "contact"),
    ("currencies", "Exchange rates", "coins"),
    ("product-categories", "Product categories", "package"),
    ("documents", "Document templates", "file-text"),
    ("email", "E-mail", "mail"),
    ("targets", "User targets", "target"),
    ("general", "General", "sliders-horizontal"),
)
SLUGS = tuple(slug for slug, _label, _icon in SECTIONS)
DEFAULT = SLUGS[0]


def section_url(slug: str) -> str:
    """The address of one Settings section."""
    return f"{SETTINGS}/{slug}"


def section_from_path(path: str) -> str:
    """The section a Settings address opens (the first one for /settings or an unknown name)."""
    rest = str(path or "").split("?")[0].rstrip("/").removeprefix(SETTINGS).strip("/")
    return rest if rest in SLUGS else DEFAULT


def _entry(slug: str, label: str, icon: str, current: rx.Var) -> rx.Component:
    active = current == slug
    return rx.link(
        rx.hstack(
            rx.icon(icon, size=15),
            rx.text(label, size="2"),
            align="center",
            spacing="2",
            padding="6px 10px",
            border_radius="6px",
            width="100%",
            background=rx.cond(active, rx.color("accent", 4), "transparent"),
            color=rx.cond(active, rx.color("accent", 11), rx.color("gray", 12)),
            _hover={"background": rx.color("accent", 3)},
        ),
        href=section_url(slug),
        underline="none",
        width="100%",
        aria_current=rx.cond(active, "page", "false"),
        data_testid=f"settings-nav-{slug}",
    )


def section_nav(current: rx.Var) -> rx.Component:
    """The left list of Settings sections, the open one highlighted."""
    return rx.el.nav(
        rx.vstack(
            *(_entry(slug, label, icon, current) for slug, label, icon in SECTIONS), spacing="1", width="100%"
        ),
        aria_label="Settings sections",
        width="200px",
        min_width="200px",
        position="sticky",
        top="16px",
        data_testid="settings-nav",
    )
