"""The setter factories: a state using them exposes named event handlers that store what the page sends."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing

import reflex as rx
from reflex_base.event import EventHandler
from reflex_base.utils.format import format_event_handler

import rxcrm.ui
from rxcrm.ui.components.setters import chosen, remover, setter


class SetterDemoState(rx.State):
    """A state whose handlers all come from the factories."""

    dialog_open: bool = False
    is_open: bool = False
    mode: str = ""
    rows: list[str] = ["a", "b", "c"]

    set_dialog_open = setter("dialog_open", "Show or hide the dialog.", value_type=bool)
    set_open = setter("is_open", "Show or hide the picker.", value_type=bool, name="set_open")
    set_mode = setter("mode", "The mode picked, upper-cased.", value_type=str, convert=str.upper)
    remove_row = remover("rows", "Take a row out.", name="remove_row")


def _state() -> SetterDemoState:
    """A fresh SetterDemoState of its own state tree."""
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(SetterDemoState.get_full_name().split(".")[1:])


def test_each_factory_handler_is_an_event_handler_sent_under_its_own_name() -> None:
    for name in ("set_dialog_open", "set_open", "set_mode", "remove_row"):
        handler = getattr(SetterDemoState, name)
        assert isinstance(handler, EventHandler) and name in SetterDemoState.event_handlers
        assert format_event_handler(handler).endswith(f".{name}")
        assert list(inspect.signature(handler.fn).parameters) == ["self", "value"]
    assert SetterDemoState.set_dialog_open.fn.__doc__ == "Show or hide the dialog."
    assert typing.get_type_hints(SetterDemoState.set_open.fn)["value"] is bool
    assert typing.get_type_hints(SetterDemoState.remove_row.fn)["value"] is int


def test_the_handlers_store_the_value_sent() -> None:
    state = _state()
    SetterDemoState.set_dialog_open.fn(state, True)
    SetterDemoState.set_open.fn(state, True)
    SetterDemoState.set_mode.fn(state, "valid")
    SetterDemoState.remove_row.fn(state, 1)
    assert (state.dialog_open, state.is_open, state.mode, state.rows) == (True, True, "VALID", ["a", "c"])


def test_chosen_takes_the_one_value_of_a_radio_group_sent_bare_or_as_a_list() -> None:
    assert (chosen("lead"), chosen(["account"])) == ("lead", "account")


def test_a_frontend_event_reaches_the_handler_with_its_value() -> None:
    spec = SetterDemoState.set_dialog_open(True)
    assert [(arg[0]._js_expr, arg[1]._js_expr) for arg in spec.args] == [("value", "true")]


def test_every_ui_event_handler_is_sent_under_the_name_it_is_registered_as() -> None:
    """A factory handler assigned under another name than it carries would send an event nobody handles."""
    for module in pkgutil.walk_packages(rxcrm.ui.__path__, "rxcrm.ui."):
        importlib.import_module(module.name)
    stack: list[type[rx.State]] = [rx.State]
    while stack:
        cls = stack.pop()
        stack.extend(cls.get_substates())
        for name, handler in cls.event_handlers.items():
            if name != "setvar":
                assert format_event_handler(handler).rpartition(".")[2] == name, (cls, name)
