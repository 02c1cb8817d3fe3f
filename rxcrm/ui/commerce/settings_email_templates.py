"""Settings → E-mail: the templates (edited with a token picker, previewed with a real contact) and the log.

The log lists the newest e-mails: those in the outbox folder (no SMTP server set up) can be
downloaded as .eml files, failed ones retried.
"""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.commerce.settings_email_state import PREVIEW, TOKENS, EmailSettingsState
from rxcrm.ui.components.controls import (
    action_button,
    delete_icon,
    icon_action,
    note,
    row_button,
    section_card,
)
from rxcrm.ui.components.dialogs import small_form_dialog
from rxcrm.ui.components.forms import labelled, option_select
from rxcrm.ui.components.lists import plain_table
from rxcrm.ui.components.lookup import record_lookup


def _template_row(row: rx.Var) -> rx.Component:
    s = EmailSettingsState
    return rx.table.row(
        rx.table.cell(row["name"]),
        rx.table.cell(row["subject"]),
        rx.table.cell(
            rx.hstack(
                icon_action(
                    "pencil",
                    "Edit template " + row["name"],
                    s.open_editor(row["id"]),
                    "email-template-edit-" + row["id"],
                ),
                delete_icon(
                    "Delete template " + row["name"],
                    s.delete(row["id"]),
                    "email-template-delete-" + row["id"],
                ),
                spacing="2",
            )
        ),
        data_testid="email-template-row",
    )


def _log_row_view(row: rx.Var) -> rx.Component:
    s = EmailSettingsState
    colour = rx.match(row["status"], ("sent", "green"), ("failed", "red"), ("outbox", "amber"), "gray")
    return rx.table.row(
        rx.table.cell(row["at"], white_space="nowrap"),
        rx.table.cell(row["to"]),
        rx.table.cell(row["subject"]),
        rx.table.cell(
            rx.vstack(rx.badge(row["status"], color_scheme=colour), rx.text(row["error"], size="1"))
        ),
        rx.table.cell(
            rx.match(
                row["status"],
                (
                    "failed",
                    row_button(
                        "Retry",
                        s.retry(row["id"]),
                        "email-retry-" + row["id"],
                        icon="refresh-cw",
                        disabled=s.sending,
                    ),
                ),
                (
                    "outbox",
                    row_button(".eml", s.download(row["id"]), "email-eml-" + row["id"], icon="download"),
                ),
                rx.fragment(),
            )
        ),
        data_testid="email-log-row",
    )


def _draft(label: str, field: str, value: rx.Var, control=rx.input, **props: object) -> rx.Component:  # noqa: ANN001
    """A labelled field of the editor whose text is kept as typed once the field is left."""
    keep = lambda text: EmailSettingsState.keep_draft(field, text)  # noqa: E731
    testid = f"email-template-{field}"
    box = control(
        name=field, default_value=value, on_blur=keep, aria_label=label, data_testid=testid, **props
    )
    return labelled(label, box)


def _editor() -> rx.Component:
    s = EmailSettingsState
    fields = [
        _draft("Name", "name", s.draft_name),
        _draft("Subject", "subject", s.draft_subject),
        _draft("Body", "body", s.draft_body, rx.text_area, rows="10"),
        labelled(
            "Insert a token",
            option_select(
                TOKENS,
                "email-token-picker",
                "Pick a token…",
                aria_label="Insert a token",
                value="",
                on_change=s.insert_token,
                trigger={"width": "100%"},
            ),
        ),
        record_lookup("Preview with a contact", "", PREVIEW, "contact", on_pick=s.preview),
        rx.cond(
            s.preview_subject != "",
            rx.box(
                rx.text(s.preview_subject, weight="bold", data_testid="email-preview-subject"),
                rx.text(s.preview_body, white_space="pre-wrap", size="2", data_testid="email-preview-body"),
                padding="8px",
                border=f"1px solid {rx.color('gray', 6)}",
                border_radius="6px",
            ),
        ),
    ]
    title = rx.cond(s.editing_id > 0, "Edit e-mail template", "New e-mail template")
    return small_form_dialog(
        title,
        fields,
        s.save,
        s.editor_open,
        s.set_editor_open,
        "Save",
        "email-template-save",
        max_width="720px",
        reset=False,
        key=s.editor_key.to_string(),
    )


def email_templates_section() -> rx.Component:
    """Templates for e-mail from records, and the newest e-mails with their outcome."""
    s = EmailSettingsState
    return rx.vstack(
        section_card(
            "E-mail templates",
            "Subject and body may use the quote tokens; they are filled from the record and the recipient.",
            rx.cond(
                s.templates.length() > 0,
                plain_table(("Name", "Subject", ""), s.templates, _template_row),
                note("No e-mail templates yet."),
            ),
            action_button("New template", s.open_editor(""), "email-template-new", icon="plus"),
            _editor(),
            data_testid="settings-email-templates",
        ),
        section_card(
            "E-mail log and outbox",
            "Without a mail server (RXCRM_SMTP_HOST) e-mails are kept in the outbox folder; "
            "failed ones can be retried.",
            rx.cond(
                s.log.length() > 0,
                plain_table(("When", "To", "Subject", "Status", ""), s.log, _log_row_view),
                note("No e-mails yet."),
            ),
            data_testid="settings-email-log",
        ),
        on_mount=s.load,
        spacing="4",
        width="100%",
    )
