"""Handing a stored file to the browser over HTTP: a one-minute link the browser fetches itself.

The bytes never travel through the websocket (a 20 MB file would be one 27 MB base64 message held in
the server's and the browser's memory); the event carries only the link.
"""

from __future__ import annotations

import json

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.records.downloads import download_link


def backend_url(path: str) -> rx.Var:
    """An absolute path on the backend as the browser reaches it: its own origin in prod, :8000 in dev.

    Reflex resolves the backend's address in the browser only where an event names its upload URL
    (`rx.get_upload_url`); the path is resolved against that address.
    """
    return rx.Var(f"new URL({json.dumps(path)}, {rx.get_upload_url('')}).href", _var_type=str)


def stored_file_download(session: Session, user: User, attachment_id: int) -> rx.event.EventSpec:
    """Download a file kept on a record (an upload, a quote or invoice document) through a link."""
    link = download_link(session, user, "attachment", attachment_id)
    return rx.download(url=backend_url(link.path), filename=link.filename)
