"""Leads › Splitter control: the routing rules with target vs. actual split, the editor, "Run"."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.components.controls import action_button, buttons_end, cancel_button, note
from rxcrm.ui.components.read_gate import not_available
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.splitter_editor import rule_editor
from rxcrm.ui.leads.splitter_editor_state import RuleEditorState
from rxcrm.ui.leads.splitter_state import SplitterState
from rxcrm.ui.leads.tabs import lead_tabs
from rxcrm.ui.state import AppState

S = SplitterState


def _share(share: Var, index: Var) -> rx.Component:
    return rx.hstack(
        rx.text(share.name, size="2", width="200px", weight="medium"),
        rx.text("target ", share.percent, " %", size="2", width="90px"),
        rx.progress(value=share.actual.to(int), max=100, width="200px"),
        rx.text(
            "actual ",
            rx.text.strong(share.actual, " %"),
            " · ",
            rx.text.span(share.assigned, data_testid="share-assigned-" + index.to_string()),
            " leads",
            size="2",
        ),
        align="center",
        spacing="3",
        data_testid="rule-share",
    )


def _button(label: str, icon: str, on_click: rx.EventSpec, testid: Var, disabled: Var | bool = False):  # noqa: ANN202
    return rx.tooltip(
        rx.icon_button(
            rx.icon(icon, size=14),
            size="1",
            variant="soft",
            on_click=on_click,
            disabled=disabled,
            aria_label=label,
            data_testid=testid,
        ),
        content=label,
    )


def _ask(
    trigger: rx.Component, title: rx.Component, question: rx.Component, confirm: rx.Component, **props: str
) -> rx.Component:
    """An alert dialog `trigger` opens: `title`, `question`, then Cancel and the `confirm` button."""
    footer = buttons_end(rx.alert_dialog.cancel(cancel_button()), rx.alert_dialog.action(confirm), **props)
    return rx.alert_dialog.root(trigger, rx.alert_dialog.content(title, question, footer))


def _confirm_delete(rule: Var) -> rx.Component:
    trash = rx.icon_button(
        rx.icon("trash-2", size=14),
        size="1",
        variant="soft",
        color_scheme="red",
        aria_label="Delete rule",
        data_testid="rule-delete-" + rule.id.to_string(),
    )
    return _ask(
        rx.tooltip(rx.box(rx.alert_dialog.trigger(trash)), content="Delete rule"),
        rx.alert_dialog.title("Delete rule '", rule.name, "'?"),
        rx.alert_dialog.description("Leads it routed keep their owner. This cannot be undone."),
        action_button("Delete", S.remove(rule.id), "rule-delete-confirm", color="red"),
    )


def _confirm_run() -> rx.Component:
    """ "Run splitter" says how many leads it will route and waits for a yes."""
    return _ask(
        rx.alert_dialog.trigger(rx.button("Run splitter", variant="outline", data_testid="splitter-run")),
        rx.alert_dialog.title("Run the splitter?"),
        rx.alert_dialog.description(
            "Route ",
            rx.text.strong(S.unprocessed_total, data_testid="splitter-run-count"),
            rx.cond(S.unprocessed_total == 1, " unprocessed lead", " unprocessed leads"),
            " through the active rules now? Leads no rule matches stay in the free pool.",
        ),
        action_button("Route the leads", S.run, "splitter-run-confirm"),
        margin_top="16px",
    )


def _actions(rule: Var) -> rx.Component:
    rule_id = rule.id.to_string()
    return rx.hstack(
        _button("Try earlier", "arrow-up", S.move(rule.id, -1), "rule-up-" + rule_id, ~rule.can_up),
        _button("Try later", "arrow-down", S.move(rule.id, 1), "rule-down-" + rule_id, ~rule.can_down),
        _button("Edit", "pencil", RuleEditorState.open_edit(rule.id), "rule-edit-" + rule_id),
        _button("Reset counters", "rotate-ccw", S.reset_rule(rule.id), "rule-reset-" + rule_id),
        _confirm_delete(rule),
        spacing="2",
    )


def _rule(rule: Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge("priority ", rule.priority, variant="outline"),
                rx.switch(
                    checked=rule.active,
                    disabled=~S.may_edit,
                    on_change=lambda v: S.set_active(rule.id, v),
                    data_testid="rule-active-" + rule.id.to_string(),
                ),
                rx.heading(rule.name, size="3"),
                note(rule.condition, size="2", data_testid="rule-condition"),
                rx.spacer(),
                rx.tooltip(
                    rx.text(
                        "routed ", rule.routed, " · ", rule.split_error, size="2", data_testid="rule-split"
                    ),
                    content="The largest gap, in leads, between an assignee's count and its exact share",
                ),
                rx.cond(S.may_edit, _actions(rule)),
                align="center",
                width="100%",
                spacing="3",
            ),
            rx.foreach(rule.shares, _share),
            spacing="2",
            width="100%",
        ),
        width="100%",
        data_testid="splitter-rule-" + rule.id.to_string(),
    )


def _unprocessed() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Unprocessed leads", size="4"),
                rx.badge(S.unprocessed_total, size="2", data_testid="unprocessed-count"),
                rx.spacer(),
                rx.link(
                    "Open the free pool", href=routes.LEADS_FREE_POOL, data_testid="unprocessed-free-pool"
                ),
                width="100%",
                align="center",
            ),
            note("Leads no active rule matched; they wait in the free pool.", size="2"),
            rx.foreach(
                S.unprocessed,
                lambda lead: rx.hstack(
                    rx.link(lead["name"], href=routes.LEADS + "/" + lead["id"]),
                    note(lead["source"], size="2"),
                    data_testid="unprocessed-lead",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def splitter_content() -> rx.Component:
    """The rules in the order they are tried, the editor and the unprocessed leads (staff only)."""
    return rx.vstack(
        lead_tabs("splitter"),
        rx.cond(S.no_access != "", not_available(S.no_access, "splitter-not-available"), _rules_view()),
        spacing="4",
        width="100%",
    )


def _rules_view() -> rx.Component:
    intro = note(
        "Active rules are tried by priority (highest first), then in the order shown; "
        "the first match routes the lead.",
        size="2",
    )
    editing = rx.hstack(action_button("New rule", RuleEditorState.open_new, "rule-new"), _confirm_run())
    read_only = rx.callout(
        "Only admins and sales directors change the splitter.",
        icon="lock",
        size="1",
        data_testid="splitter-read-only",
    )
    empty = rx.text("No rules yet: every new lead stays unprocessed.", size="2", data_testid="splitter-empty")
    return rx.vstack(
        rx.hstack(intro, rx.spacer(), rx.cond(S.may_edit, editing, read_only), width="100%", align="center"),
        rx.cond(
            S.rules.length() > 0, rx.vstack(rx.foreach(S.rules, _rule), spacing="3", width="100%"), empty
        ),
        _unprocessed(),
        rule_editor(),
        spacing="4",
        width="100%",
    )


splitter_page = app_page("Lead splitter", splitter_content)
ON_LOAD = [AppState.require_login, SplitterState.load]
