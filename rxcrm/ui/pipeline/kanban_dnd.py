"""Drag and drop for the pipeline board (native HTML5 DnD) and a live-change watcher, in local React."""

from __future__ import annotations

import reflex as rx
from reflex_base.event import no_args_event_spec, passthrough_event_spec

_SOURCE = rx.asset("kanban_dnd.jsx", shared=True)


class DraggableCard(rx.Component):
    """A card the user can pick up; it carries the opportunity id."""

    library = _SOURCE.importable_path
    tag = "DraggableCard"
    card_id: rx.Var[str]


class DropColumn(rx.Component):
    """A board column that takes dropped cards and reports (card id, stage id)."""

    library = _SOURCE.importable_path
    tag = "DropColumn"
    stage_id: rx.Var[str]
    on_card_drop: rx.EventHandler[passthrough_event_spec(str, str)]


class ChangeWatcher(rx.Component):
    """Renders nothing; fires `on_value_change` on mount and whenever `value` changes (live refresh)."""

    library = _SOURCE.importable_path
    tag = "ChangeWatcher"
    value: rx.Var[int]
    on_value_change: rx.EventHandler[passthrough_event_spec(int)]


class AutoLoad(rx.Component):
    """Wraps the end of a column: fires `on_visible` when it scrolls into view (cards load by themselves)."""

    library = _SOURCE.importable_path
    tag = "AutoLoad"
    on_visible: rx.EventHandler[no_args_event_spec]


auto_load = AutoLoad.create
change_watcher = ChangeWatcher.create
draggable_card = DraggableCard.create
drop_column = DropColumn.create
