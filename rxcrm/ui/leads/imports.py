"""Import leads or accounts from CSV: upload, map columns, preview, fix what the report says, import."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.records.csv_import import ACCOUNTS, LEADS, MAX_BYTES
from rxcrm.ui import routes
from rxcrm.ui.components.controls import drop_zone
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.import_state import ALL_MODE, BAD, ROW, SKIP_MODE, LeadImportState
from rxcrm.ui.leads.parts import toolbar_button
from rxcrm.ui.state import AppState

UPLOAD_ID = "csv_import"
ON_LOAD = [AppState.require_login, LeadImportState.load]


def import_button(kind: str = LEADS) -> rx.Component:
    """The toolbar button of the leads and accounts lists that opens the import page."""
    return rx.link(
        toolbar_button("Import CSV", "upload", None, None),
        href=routes.LEADS_IMPORT if kind == LEADS else f"{routes.LEADS_IMPORT}?kind={ACCOUNTS}",
        underline="none",
        data_testid=f"{kind}-import",
    )


def _kind_choice() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item("Leads", value=LEADS, data_testid="import-kind-leads"),
        rx.segmented_control.item("Accounts", value=ACCOUNTS, data_testid="import-kind-accounts"),
        value=LeadImportState.kind,
        on_change=LeadImportState.set_kind,
    )


def _upload() -> rx.Component:
    prompt = rx.vstack(
        rx.icon("file-up", size=28),
        rx.text("Drop a CSV file here or click to choose one (, ; or tab separated, UTF-8 or Excel)."),
        rx.cond(LeadImportState.filename != "", rx.badge(LeadImportState.filename, size="2")),
        align="center",
        spacing="2",
    )
    sent = LeadImportState.handle_upload(rx.upload_files(upload_id=UPLOAD_ID))
    csv = {"text/csv": [".csv", ".txt", ".tsv"]}
    return drop_zone(
        UPLOAD_ID,
        prompt,
        sent,
        "import-upload",
        label="Upload a CSV file",
        accept=csv,
        max_size=MAX_BYTES,
        border_radius="12px",
        padding="24px",
    )


def _mapping_row(column: Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(column, weight="medium")),
        rx.table.cell(
            rx.box(
                rx.select(
                    LeadImportState.field_choices,
                    value=LeadImportState.mapping[column],
                    on_change=lambda field: LeadImportState.set_column(column, field),
                    size="1",
                ),
                data_testid="map-" + column.to(str),
            )
        ),
    )


def _mapping() -> rx.Component:
    return rx.vstack(
        rx.heading("Columns", size="3"),
        heads_table(
            ("CSV column", "Field"),
            rx.foreach(LeadImportState.header, _mapping_row),
            size="1",
            data_testid="import-mapping",
        ),
        width="100%",
    )


def _preview_row(r: Var, fields: Var) -> rx.Component:
    """One row of the file under its spreadsheet number; a row the report names is highlighted."""
    bad = r[BAD] != ""
    return rx.table.row(
        rx.table.row_header_cell(r[ROW], color=rx.cond(bad, rx.color("red", 11), rx.color("gray", 11))),
        rx.foreach(fields, lambda f: rx.table.cell(r[f])),
        background_color=rx.cond(bad, rx.color("red", 3), "transparent"),
        data_invalid=rx.cond(bad, "true", "false"),
        data_testid="preview-row",
    )


def _preview() -> rx.Component:
    fields = LeadImportState.sample_fields
    return rx.vstack(
        rx.heading(f"First rows (of {LeadImportState.rows})", size="3"),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell("Row"), rx.foreach(fields, rx.table.column_header_cell)
                )
            ),
            rx.table.body(rx.foreach(LeadImportState.sample, lambda r: _preview_row(r, fields))),
            size="1",
            data_testid="import-preview",
        ),
        width="100%",
        overflow_x="auto",
    )


def _report_row(line: Var) -> rx.Component:
    cells = (rx.table.cell(line[key]) for key in ("row", "field", "message"))
    return rx.table.row(*cells, data_testid="report-row")


def _report() -> rx.Component:
    return rx.cond(
        LeadImportState.invalid > 0,
        rx.vstack(
            rx.callout(
                f"{LeadImportState.invalid} of {LeadImportState.rows} rows are invalid (row numbers as "
                "your spreadsheet shows them, the header is row 1): fix them in the file and upload it "
                "again, or import the valid rows and skip the rest.",
                icon="triangle-alert",
                color_scheme="red",
                data_testid="import-invalid",
            ),
            _mode_choice(),
            heads_table(
                ("Row", "Field", "Problem"),
                rx.foreach(LeadImportState.report, _report_row),
                size="1",
                data_testid="import-report",
            ),
            width="100%",
        ),
    )


def _mode_choice() -> rx.Component:
    """All or nothing (the default), or the valid rows alone."""
    s = LeadImportState

    def choice(value: str, label: str) -> rx.Component:
        return rx.text(
            rx.flex(rx.radio_group.item(value=value, data_testid=f"import-mode-{value}"), label, gap="2"),
            as_="label",
            size="2",
        )

    return rx.radio_group.root(
        rx.flex(
            choice(ALL_MODE, "All or nothing: import only once every row is valid"),
            choice(SKIP_MODE, "Import the valid rows, skip the rest"),
            direction="column",
            gap="2",
        ),
        value=rx.cond(s.skip_invalid, SKIP_MODE, ALL_MODE),
        on_change=s.set_import_mode,
        data_testid="import-mode",
    )


def _action() -> rx.Component:
    s = LeadImportState
    return rx.vstack(
        rx.hstack(
            rx.button(
                rx.icon("database", size=16),
                rx.cond(
                    s.skip_invalid & (s.invalid > 0), f"Import the {s.rows - s.invalid} valid rows", "Import"
                ),
                on_click=s.run_import,
                disabled=~s.can_import,
                loading=s.importing,
                data_testid="import-run",
            ),
            rx.cond(s.result != "", rx.text(s.result, weight="medium", data_testid="import-result")),
            align="center",
            spacing="4",
        ),
        rx.cond(
            s.importing | (s.progress > 0),
            rx.progress(value=s.progress, max=100, width="100%", data_testid="import-progress"),
        ),
        width="100%",
    )


def lead_import_content() -> rx.Component:
    """The import page: kind, upload, mapping, preview, report, import with progress."""
    s = LeadImportState
    return rx.vstack(
        rx.hstack(
            _kind_choice(),
            rx.spacer(),
            rx.link(s.back_link["label"], href=s.back_link["href"], data_testid="import-back"),
            width="100%",
            align="center",
        ),
        _upload(),
        rx.cond(s.problem != "", rx.callout(s.problem, color_scheme="red", data_testid="import-problem")),
        rx.cond(
            s.header.length() > 0,
            rx.grid(_mapping(), _preview(), columns="minmax(240px, 1fr) 3fr", spacing="5", width="100%"),
        ),
        _report(),
        _action(),
        spacing="5",
        width="100%",
        max_width="1200px",
    )


lead_import_page = app_page("Import CSV", lead_import_content)
