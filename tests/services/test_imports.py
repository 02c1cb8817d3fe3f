"""Spec §2.7: CSV imports are all-or-nothing, de-duplicate and route leads; exports are safe."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import Account, Change, Lead, RolePermission, User
from rxcrm.domain.errors import Forbidden, ValidationFailed
from rxcrm.domain.records.history import CREATED
from rxcrm.services.leads.export import export_csv, export_xlsx
from rxcrm.services.leads.lifecycle import LeadFilter, create_lead
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.records.imports import ACCOUNTS, CHUNK, LEADS, import_file, preview
from tests.conftest import make_user, save_web_rule

LEADS_CSV = "Name;E-Mail;Firma;Quelle\nAnn Berg;ann@x.io;Acme;web\nBo Li;bo@x.io;Beta;fair\n"
MAPPING = {"Name": "name", "E-Mail": "email", "Firma": "company", "Quelle": "source"}


def _count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_preview_suggests_the_mapping_shows_first_rows_and_checks_the_whole_file(
    session: Session, rep: User
) -> None:
    text = "Name,E-Mail\n" + "".join(f"L{i},l{i}@x.io\n" for i in range(20)) + "Bad,not-mail\n"
    answer = preview(session, rep, "leads", text)
    assert answer["mapping"] == {"Name": "name", "E-Mail": "email"}
    assert len(answer["sample"]) == 11  # the first ten rows, then the first bad rows after them
    assert answer["sample"][0] == {"name": "L0", "email": "l0@x.io", "row": 2, "invalid": False}
    assert answer["sample"][-1] == {"name": "Bad", "email": "not-mail", "row": 22, "invalid": True}
    assert (answer["rows"], answer["invalid"], answer["ok"]) == (21, 1, False)
    assert answer["report"] == [{"row": "22", "field": "email", "message": "is not a valid e-mail address"}]
    assert _count(session, Lead) == 0


def test_a_valid_file_imports_every_lead_with_its_origin_in_history(session: Session, rep: User) -> None:
    result = import_file(session, rep, LEADS, LEADS_CSV, MAPPING, "fair.csv")
    assert (result.ok, result.rows, result.imported, result.duplicates) == (True, 2, 2, 0)
    leads = session.exec(select(Lead).order_by(Lead.id)).all()
    assert [(x.name, x.email, x.company, x.source) for x in leads] == [
        ("Ann Berg", "ann@x.io", "Acme", "web"),
        ("Bo Li", "bo@x.io", "Beta", "fair"),
    ]
    assert all(x.created_by_id == rep.id for x in leads)
    created = session.exec(select(Change.new).where(Change.entity == "lead", Change.field == CREATED)).all()
    assert created == ["Ann Berg (CSV import: fair.csv)", "Bo Li (CSV import: fair.csv)"]


def test_one_invalid_row_writes_nothing_and_reports_every_bad_row(session: Session, rep: User) -> None:
    text = LEADS_CSV + "Cy;cy-at-x.io;Gamma;web\n;;NoOne;\n"
    result = import_file(session, rep, LEADS, text, MAPPING)
    assert not result.ok
    assert (result.imported, result.invalid) == (0, 2)
    assert result.errors == {
        4: {"email": "is not a valid e-mail address"},
        5: {"name": "a lead needs a name or an e-mail address"},
    }
    assert _count(session, Lead) == 0
    assert _count(session, Change) == 0


def test_skipping_invalid_rows_imports_the_valid_ones_and_reports_the_rest(
    session: Session, rep: User
) -> None:
    text = LEADS_CSV + "Cy;cy-at-x.io;Gamma;web\n\nDee;dee@x.io;Delta;web\n"
    result = import_file(session, rep, LEADS, text, MAPPING, skip_invalid=True)
    assert (result.ok, result.rows, result.imported, result.invalid, result.skipped) == (True, 4, 3, 1, 1)
    assert result.errors == {4: {"email": "is not a valid e-mail address"}}  # header = row 1
    line = {"row": "4", "field": "email", "message": "is not a valid e-mail address"}
    assert result.as_dict()["report"] == [line]
    assert sorted(x.name for x in session.exec(select(Lead)).all()) == ["Ann Berg", "Bo Li", "Dee"]


def test_skipping_invalid_rows_writes_nothing_when_no_row_is_valid(session: Session, rep: User) -> None:
    result = import_file(session, rep, ACCOUNTS, "name,email\nAcme,not-mail\n", None, skip_invalid=True)
    assert (result.ok, result.imported, result.invalid, result.skipped) == (False, 0, 1, 0)
    assert _count(session, Account) == 0
    assert _count(session, Change) == 0


def test_the_preview_numbers_rows_like_a_spreadsheet_and_shows_a_late_bad_row(
    session: Session, rep: User
) -> None:
    text = "Name,E-Mail\n" + "".join(f"L{i},l{i}@x.io\n" for i in range(12)) + '"Multi\nline",x\n'
    sample = preview(session, rep, "leads", text)["sample"]
    assert [row["row"] for row in sample] == [*range(2, 12), 14]
    assert [row["invalid"] for row in sample] == [False] * 10 + [True]


def test_duplicates_inside_the_file_and_against_stored_leads_are_linked(session: Session, rep: User) -> None:
    session.info[VIEWER] = rep
    old = create_lead(session, rep, {"name": "Old", "email": "old@x.io"})
    text = "name,email\nNew,new@x.io\nAgain,NEW@x.io\nOld again,old@x.io\n"
    result = import_file(session, rep, LEADS, text, {"name": "name", "email": "email"})
    assert (result.imported, result.duplicates) == (3, 2)
    by_name = {x.name: x for x in session.exec(select(Lead)).all()}
    assert by_name["Again"].duplicate_of_id == by_name["New"].id
    assert by_name["Old again"].duplicate_of_id == old.id
    assert by_name["New"].duplicate_of_id is None


def test_duplicates_are_found_across_the_chunks_of_a_large_file(session: Session, rep: User) -> None:
    rows = [f"L{i},l{i}@x.io" for i in range(CHUNK)] + ["Late twin,l7@x.io"]
    seen: list[tuple[int, int]] = []
    result = import_file(
        session, rep, LEADS, "name,email\n" + "\n".join(rows), None, progress=lambda d, t: seen.append((d, t))
    )
    assert (result.imported, result.duplicates) == (CHUNK + 1, 1)
    assert seen == [(CHUNK, CHUNK + 1), (CHUNK + 1, CHUNK + 1)]
    twin = session.exec(select(Lead).where(Lead.name == "Late twin")).one()
    assert twin.duplicate_of_id == session.exec(select(Lead.id).where(Lead.name == "L7")).one()


def test_imported_leads_are_routed_by_the_splitter(session: Session, admin: User) -> None:
    seller = make_user(session)
    save_web_rule(session, admin, [{"user_id": seller.id, "percent": 100}])
    result = import_file(session, admin, LEADS, LEADS_CSV, MAPPING)
    assert result.routed == 1
    owners = dict(session.exec(select(Lead.name, Lead.owner_id)).all())
    assert owners == {"Ann Berg": seller.id, "Bo Li": None}


def test_importing_needs_the_add_permission(session: Session) -> None:
    viewer = make_user(session, role="rep")
    for permission in session.exec(
        select(RolePermission).where(
            RolePermission.role == "rep", RolePermission.entity == "leads", RolePermission.action == "add"
        )
    ):
        permission.allowed = False
        session.add(permission)
    session.flush()
    with pytest.raises(Forbidden):
        import_file(session, viewer, LEADS, LEADS_CSV, MAPPING)
    assert _count(session, Lead) == 0


def test_a_wrong_mapping_is_refused_before_any_row_is_read(session: Session, rep: User) -> None:
    with pytest.raises(ValidationFailed) as caught:
        import_file(session, rep, LEADS, LEADS_CSV, {"Firma": "company"})
    assert caught.value.fields == {"mapping": "map a column to name or email"}


def test_accounts_are_imported_owned_by_the_importer_with_their_history(session: Session, rep: User) -> None:
    text = "Typ,Company,Nachname,Stadt,E-Mail\ncompany,Acme GmbH,,Wien,info@acme.at\nPerson,,Berg,Graz,\n"
    result = import_file(session, rep, ACCOUNTS, text, None, "crm.csv")
    assert (result.ok, result.imported) == (True, 2)
    accounts = session.exec(select(Account).order_by(Account.id)).all()
    assert [(a.type, a.name, a.city, a.owner_id, a.created_by_id) for a in accounts] == [
        ("company", "Acme GmbH", "Wien", rep.id, rep.id),
        ("person", "Berg", "Graz", rep.id, rep.id),
    ]
    lines = session.exec(
        select(Change.field, Change.new).where(Change.entity_id == accounts[0].id, Change.entity == "account")
    ).all()
    assert (CREATED, "Acme GmbH") in lines
    assert ("city", "Wien") in lines and ("owner_id", str(rep.id)) in lines


def test_an_account_file_with_a_bad_row_imports_no_account(session: Session, rep: User) -> None:
    text = "name,email\nAcme,info@acme.at\n,x@y.io\n"
    result = import_file(session, rep, ACCOUNTS, text, {"name": "name", "email": "email"})
    assert result.errors == {3: {"name": "is required"}}
    assert _count(session, Account) == 0


def _export_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_holds_only_the_leads_the_user_may_see(session: Session, admin: User) -> None:
    limited = make_user(session, access_level="limited_crm")
    session.info[VIEWER] = admin
    create_lead(session, admin, {"name": "Mine", "owner_id": limited.id})
    create_lead(session, admin, {"name": "Theirs", "owner_id": admin.id, "source": "fair"})
    assert [r["Name"] for r in _export_rows(export_csv(session, limited, LeadFilter()))] == ["Mine"]
    everyone = _export_rows(export_csv(session, admin, LeadFilter(), "name"))
    assert [r["Name"] for r in everyone] == ["Mine", "Theirs"]
    assert everyone[0]["Owner"] == limited.name
    assert [r["Name"] for r in _export_rows(export_csv(session, admin, LeadFilter(source="fair")))] == [
        "Theirs"
    ]


def test_formulas_in_imported_cells_are_neutralised_in_csv_and_xlsx(session: Session, rep: User) -> None:
    text = 'name,company\n"=HYPERLINK(""http://evil.example"",""click"")",+SUM(A1)\n'
    assert import_file(session, rep, LEADS, text, {"name": "name", "company": "company"}).ok
    [row] = _export_rows(export_csv(session, rep, LeadFilter()))
    assert row["Name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["Company"] == "'+SUM(A1)"
    sheet = load_workbook(io.BytesIO(export_xlsx(session, rep, LeadFilter()))).active
    header = [c.value for c in sheet[1]]
    cells = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert cells["Name"].data_type == "s"
    assert cells["Name"].value.startswith("'=HYPERLINK(")
    assert cells["Company"].value == "'+SUM(A1)"
