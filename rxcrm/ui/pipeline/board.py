"""The pipeline board: one column per stage, cards dragged between them, changes seen live."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui.components.controls import note, toolbar
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.components.owner_filter import owner_filter
from rxcrm.ui.components.saved_filters import saved_view_controls
from rxcrm.ui.layout import app_page
from rxcrm.ui.live import BoardFeed
from rxcrm.ui.pipeline.board_dialogs import lost_reason_dialog, move_dialog
from rxcrm.ui.pipeline.board_parts import board_column, drop_zone
from rxcrm.ui.pipeline.board_state import MAX_COLUMNS, BoardState
from rxcrm.ui.pipeline.kanban_dnd import change_watcher
from rxcrm.ui.state import AppState

# A controlled rx.input already debounces (DebounceInput, 300 ms by default): one debounce, set here.
# An extra `.debounce()` on the event would add its delay on top (the 1 s search of issue 13).
SEARCH_DEBOUNCE_MS = 150
HIDDEN_STAGES = " more stages are not shown: hide some in Settings → Stages."


def _filter_box(
    name: str, label: str, placeholder: str, width: str, testid: str, *slot: rx.Component
) -> rx.Component:
    """A text box narrowing the board as the user types (`name` is the board filter it sets)."""
    return rx.input(
        *slot,
        placeholder=placeholder,
        value=getattr(BoardState, name),
        on_change=lambda v: BoardState.set_board_filter(name, v),
        debounce_timeout=SEARCH_DEBOUNCE_MS,
        width=width,
        aria_label=label,
        data_testid=testid,
    )


def _filters() -> rx.Component:
    s = BoardState
    search_icon = rx.input.slot(rx.icon("search", size=14))
    pipelines = option_select(
        s.pipeline_options,
        "board-pipeline",
        aria_label="Pipeline",
        value=s.pipeline_id,
        on_change=lambda v: s.set_board_filter("pipeline_id", v),
    )
    return toolbar(
        saved_view_controls(BoardState),
        _filter_box("q", "Search deals", "Search deals…", "200px", "board-search", search_icon),
        owner_filter(BoardState, "board-owner", "board-owner-filter", "set_board_filter"),
        _filter_box("tag_filter", "Tag", "Tag", "110px", "board-tag"),
        rx.cond(s.pipeline_options.length() > 1, pipelines),
        width="100%",
        data_testid="board-bar",
    )


def _slot(slot: int) -> rx.Component:
    s = BoardState
    return rx.cond(
        s.columns.length() > slot,
        board_column(
            s.columns[slot],
            getattr(s, f"cards_{slot}"),
            s.tag_colours,
            s.open_move,
            s.drop,
            s.load_more(slot),
        ),
    )


def pipeline_content() -> rx.Component:
    """The board: filters, saved views, the columns side by side, and the live-refresh hook."""
    s = BoardState
    return rx.vstack(
        _filters(),
        change_watcher(
            value=BoardFeed.revision,
            on_value_change=lambda _: s.sync(BoardFeed.revision, BoardFeed.stages, BoardFeed.moves),
        ),
        rx.hstack(
            rx.box(
                rx.hstack(
                    *[_slot(i) for i in range(MAX_COLUMNS)],
                    align="stretch",
                    spacing="2",
                    width="max-content",
                    height="calc(100% - 14px)",
                ),
                overflow_x="auto",
                overflow_y="hidden",
                flex="1",
                min_width="0",
                height="100%",
                tab_index=0,  # it scrolls sideways: keyboards must reach it (scrollable-region-focusable)
                role="region",
                aria_label="Pipeline board",
                data_testid="kanban-board",
            ),
            rx.cond(
                s.drop_zones.length() > 0,
                rx.vstack(
                    rx.foreach(s.drop_zones, lambda zone: drop_zone(zone, s.drop)),
                    width="112px",
                    min_width="112px",
                    height="calc(100% - 14px)",
                    spacing="2",
                    data_testid="kanban-dropzones",
                ),
            ),
            spacing="2",
            width="100%",
            max_width="calc(100vw - 270px)",
            height="calc(100vh - 165px)",
            min_height="360px",
        ),
        rx.cond(s.hidden_columns > 0, note(s.hidden_columns.to_string() + HIDDEN_STAGES)),
        move_dialog(s.move_open, s.move_card_id, s.move_deal, s.columns, s.move_to, s.close_move),
        lost_reason_dialog(s.lost_open, s.lost_deal, s.lost_error, s.confirm_lost, s.cancel_lost),
        width="100%",
        spacing="4",
    )


pipeline_page = app_page("Pipeline", pipeline_content)
ON_LOAD = [AppState.require_login, BoardFeed.join, BoardState.load]
