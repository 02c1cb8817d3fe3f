"""The login page."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.state import LoginState


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
                    rx.input(
                        name="email",
                        type="email",
                        placeholder="E-mail",
                        width="100%",
                        required=True,
                        data_testid="login-email",
                    ),
                    rx.input(
                        name="password",
                        type="password",
                        placeholder="Password",
                        width="100%",
                        required=True,
                        data_testid="login-password",
                    ),
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
