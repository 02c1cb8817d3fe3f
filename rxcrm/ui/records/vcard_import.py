"""'Import vCard' on the accounts and contacts lists: drop a .vcf, read the preview, import every card."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.vcard_import import MAX_BYTES
from rxcrm.services.records.vcard_import import import_vcards, preview_vcards
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, buttons_end, cancel_button, drop_zone, note
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.state import AppState

UPLOAD_ID = "vcard_import_upload"


class VcardImportState(AppState):
    """The dialog: which list imports, the dropped file (kept on the server) and its preview."""

    kind: str = ""
    filename: str = ""
    rows: list[dict[str, str]] = []
    cards: int = 0
    invalid: int = 0
    _data: bytes = b""

    @rx.event
    def open_for(self, kind: str):
        """Open the dialog for the accounts or the contacts list."""
        self.kind, self.filename, self.rows, self.cards, self.invalid, self._data = kind, "", [], 0, 0, b""

    @rx.event
    def set_open(self, is_open: bool):
        """Close the dialog (its Cancel or a click outside)."""
        if not is_open:
            self.kind = ""

    @rx.event
    @action
    async def preview(self, session: Session, user: User, files: list[rx.UploadFile]):
        """Read the dropped file and show what each card becomes."""
        if not files:
            return None
        self.rows, self.cards, self.invalid, self._data = [], 0, 0, b""
        data = await files[0].read(MAX_BYTES + 1)
        found = preview_vcards(session, user, self.kind, data)
        self.filename, self._data = files[0].name or "cards.vcf", data
        self.cards, self.invalid = found["cards"], found["invalid"]
        self.rows = [_shown(row) for row in found["rows"]]
        return None

    @rx.event
    @action
    def import_cards(self, session: Session, user: User):
        """Make a record of every card (or none, naming what is wrong)."""
        ids = import_vcards(session, user, self.kind, self._data)
        label = "accounts" if self.kind == "accounts" else "contacts"
        self.kind = ""
        return success_toast(f"{len(ids)} {label} imported.")


def _shown(row: dict[str, Any]) -> dict[str, str]:
    problems = "; ".join(f"{field}: {message}" for field, message in row["problems"].items())
    account = row["account"] or row["note"]
    return {
        "card": str(row["card"]),
        "becomes": row["becomes"],
        "name": row["name"],
        "organisation": row["organisation"],
        "email": row["email"],
        "account": account,
        "problems": problems,
    }


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        *(rx.table.cell(row[k]) for k in ("card", "becomes", "name", "organisation", "email", "account")),
        rx.table.cell(rx.text(row["problems"], color_scheme="red", size="1")),
        data_testid="vcard-row",
    )


def vcard_import_dialog(kind: str, done: Any) -> rx.Component:
    """The 'Import vCard' button of a list and its dialog; `done` reloads the list after an import."""
    s = VcardImportState
    prompt = rx.hstack(rx.icon("contact", size=18), rx.text("Drop a .vcf file here or click to choose one."))
    sent = s.preview(rx.upload_files(upload_id=UPLOAD_ID))
    drop = drop_zone(UPLOAD_ID, prompt, sent, "vcard-upload", label="Upload a vCard file", max_size=MAX_BYTES)
    heads = ("Card", "Becomes", "Name", "Organisation", "E-mail", "Account", "Problems")
    summary = note(s.filename, ": ", s.cards, " cards, ", s.invalid, " with problems (fix them first).")
    ready = (s.cards > 0) & (s.invalid == 0)
    go = action_button("Import", [s.import_cards, done], "vcard-import-confirm", disabled=~ready)
    return rx.fragment(
        action_button(
            "Import vCard", s.open_for(kind), f"{kind}-vcard-import", icon="contact", variant="soft"
        ),
        rx.dialog.root(
            rx.dialog.content(
                rx.dialog.title(f"Import {kind} from vCards"),
                rx.vstack(
                    drop,
                    rx.cond(s.cards > 0, summary),
                    rx.cond(s.rows.length() > 0, plain_table(heads, s.rows, _row)),
                    buttons_end(rx.dialog.close(cancel_button()), go),
                    width="100%",
                    spacing="3",
                ),
                max_width="900px",
            ),
            open=s.kind == kind,
            on_open_change=s.set_open,
        ),
    )
