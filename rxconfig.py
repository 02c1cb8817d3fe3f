"""Reflex configuration: the app module, the database URL and no outside calls."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from rxcrm.settings import deployment

config = rx.Config(
    app_name="rxcrm",
    db_url=deployment().database_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", radius="medium", panel_background="solid")
        )
    ],
)
