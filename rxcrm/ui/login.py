"""The login page."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.state import LoginState


def _credential(name: str, placeholder: str) -> rx.Component:
    """The required e-mail or password box (its name is also its input type)."""
    return rx.input(
        name=name,
        type=name,
        placeholder=placeholder,
        width="100%",
        required=True,
        data_testid=f"login-{name}",
    )


def login_page() -> rx.Component:
    """E-mail and password; wrong credentials get a clear message."""
    return rx.center(
        rx.card(
            rx.form(
                rx.vstack(
                    rx.hstack(
                        rx.icon("orbit", size=28, color=rx.color("accent", 9)),
                        rx.heading("rxcrm", size="7"),
                        align="center",
                    ),
                    rx.text("Log in to your CRM", color_scheme="gray"),
                    _credential("email", "E-mail"),
                    _credential("password", "Password"),
                    rx.cond(
                        LoginState.error != "",
                        rx.callout(
                            LoginState.error,
                            icon="triangle-alert",
                            color_scheme="red",
                            width="100%",
                            data_testid="login-error",
                        ),
                    ),
                    rx.button("Log in", type="submit", width="100%", data_testid="login-submit"),
                    spacing="4",
                    width="320px",
                ),
                on_submit=LoginState.submit,
            ),
            size="4",
        ),
        height="100vh",
        background=rx.color("gray", 2),
    )
