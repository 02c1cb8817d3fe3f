"""Settings → E-mail: the mail server card — host, port, STARTTLS, login and sender, and a test e-mail.

The password is never sent to the browser: the card says whether one is set and offers a field to
replace it (left empty, it stays) and a button to remove it.
"""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.commerce.settings_smtp_state import SmtpSettingsState
from rxcrm.ui.components.controls import action_button, note, row_button, section_card
from rxcrm.ui.components.forms import clears_error, field_error, form_grid, labelled, text_field, with_label


def _source() -> rx.Component:
    s = SmtpSettingsState
    text = rx.match(
        s.source,
        (
            "environment",
            "Configured by the server's environment (RXCRM_SMTP_HOST = "
            + s.host_in_effect
            + "): the values saved here apply once it is unset.",
        ),
        ("settings", "In effect: the mail server saved here (" + s.host_in_effect + ")."),
        "In effect: no mail server — e-mails are written to the outbox folder.",
    )
    colour = rx.match(s.source, ("environment", "amber"), ("settings", "green"), "gray")
    return rx.callout(text, icon="mail", color_scheme=colour, size="1", data_testid="smtp-source")


def _field(label: str, name: str) -> rx.Component:
    s = SmtpSettingsState
    return text_field(label, name, s.smtp, s.errors)


def _password() -> rx.Component:
    s = SmtpSettingsState
    box = rx.input(
        name="password",
        type="password",
        default_value="",
        auto_complete="new-password",
        placeholder=rx.cond(s.password_set, "Type a new one to replace it", "No password"),
        on_change=clears_error(s.errors, "password"),
        aria_label="Password",
        width="100%",
        data_testid="smtp-password",
    )
    status = rx.hstack(
        rx.text(
            rx.cond(s.password_set, "A password is set.", "No password is set."),
            size="1",
            data_testid="smtp-password-status",
        ),
        row_button("Remove password", s.remove_password, "smtp-password-remove", when=s.password_set),
        align="center",
        spacing="2",
    )
    return labelled("Password", box, status, field_error(s.errors, "password"))


def _test_outcome() -> rx.Component:
    s = SmtpSettingsState
    return rx.cond(
        s.test_outcome != "",
        rx.callout(
            s.test_outcome,
            icon=rx.cond(s.test_ok, "circle-check", "circle-alert"),
            color_scheme=rx.cond(s.test_ok, "green", "red"),
            size="1",
            data_testid="smtp-test-result",
        ),
    )


def mail_server_section() -> rx.Component:
    """The mail server e-mail goes through: saved here, unless the server's environment sets one."""
    s = SmtpSettingsState
    starttls = rx.switch(
        checked=s.starttls, on_change=s.set_starttls, aria_label="STARTTLS", data_testid="smtp-starttls"
    )
    form = rx.form(
        rx.vstack(
            form_grid(
                _field("Host", "host"),
                _field("Port", "port"),
                _field("Sender address (From)", "sender"),
            ),
            form_grid(_field("User", "user"), _password(), columns="2"),
            with_label(starttls, "Use STARTTLS (the server's certificate is checked)"),
            rx.hstack(
                rx.button("Save", type="submit", data_testid="smtp-save"),
                action_button(
                    rx.cond(s.testing, "Sending…", "Send test e-mail"),
                    s.test_smtp,
                    "smtp-test",
                    icon="send",
                    variant="soft",
                    type="button",
                    disabled=s.testing,
                ),
                spacing="3",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=s.save_smtp,
        key=s.smtp_form_key.to_string(),
        width="100%",
    )
    return section_card(
        "Mail server (SMTP)",
        "E-mails from records go through this server. Leave the password empty to keep the one set; "
        "the test e-mail goes to your own address.",
        _source(),
        form,
        _test_outcome(),
        note("Without a host, e-mails are written to the outbox folder and can be downloaded below."),
        on_mount=s.load_smtp,
        data_testid="settings-smtp",
    )
