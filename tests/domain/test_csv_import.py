"""CSV import rules: reading files, suggesting the mapping, checking every row."""

from __future__ import annotations

import time

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.csv_import import (
    MAX_COLUMNS,
    MAX_HEADER_CHARS,
    MAX_LINE_CHARS,
    MAX_ROWS,
    check_mapping,
    check_rows,
    decode_upload,
    header_key,
    map_rows,
    parse_csv,
    report_lines,
    suggest_mapping,
)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_separator_is_recognised_from_the_header(delimiter: str) -> None:
    text = delimiter.join(["Name", "E-Mail", "Firma"]) + "\n" + delimiter.join(["Ann", "ann@x.io", "Acme"])
    table = parse_csv(text)
    assert table.delimiter == delimiter
    assert table.header == ["Name", "E-Mail", "Firma"]
    assert table.rows == [["Ann", "ann@x.io", "Acme"]]


def test_a_utf8_bom_is_dropped_and_windows_files_are_read() -> None:
    assert parse_csv(decode_upload("\ufeffName;Ort\nJörg;Köln\n".encode())).header == ["Name", "Ort"]
    assert decode_upload("Name\nJörg\n".encode("cp1252")) == "Name\nJörg\n"
    assert parse_csv("\ufeffEmail\na@b.io").header == ["Email"]


def test_quoted_fields_keep_separators_quotes_and_line_breaks() -> None:
    text = 'name,company,notes\n"Berg, Anna","Acme ""Labs""","two\nlines"\nBob,B,x\n'
    table = parse_csv(text)
    assert table.delimiter == ","
    assert table.rows[0] == ["Berg, Anna", 'Acme "Labs"', "two\nlines"]
    assert table.numbers == [2, 3]


def test_a_separator_inside_quotes_of_the_header_does_not_decide() -> None:
    assert parse_csv('"a;b";c,d\n1;2,3\n').delimiter == ","


def test_blank_lines_are_skipped_but_rows_keep_their_spreadsheet_number() -> None:
    table = parse_csv("name\nAnn\n\n ,\nBob\n")
    assert table.rows == [["Ann"], ["Bob"]]
    assert table.numbers == [2, 5]


def test_empty_files_too_many_rows_and_repeated_columns_are_refused() -> None:
    with pytest.raises(ValidationFailed, match="empty"):
        parse_csv("\n\n")
    with pytest.raises(ValidationFailed, match="rows"):
        parse_csv("name\n" + "x\n" * (MAX_ROWS + 1))
    with pytest.raises(ValidationFailed, match="twice"):
        parse_csv("email,email\na,b\n")


def test_files_too_wide_or_with_a_huge_line_are_refused_naming_the_limit() -> None:
    with pytest.raises(ValidationFailed, match=f"more than {MAX_COLUMNS} columns"):
        parse_csv(",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)) + "\n")
    with pytest.raises(ValidationFailed, match="line 3 has more than"):
        parse_csv("name,email\nAnn,a@x.io\n" + "," * MAX_COLUMNS + "\n")
    with pytest.raises(ValidationFailed, match="header line is longer"):
        parse_csv("x" * (MAX_HEADER_CHARS + 1) + "\n")
    with pytest.raises(ValidationFailed, match="line 2 is longer"):
        parse_csv("name\n" + ",".join(["y" * 1000] * (MAX_LINE_CHARS // 1000 + 1)) + "\n")


def test_too_large_uploads_say_the_limit() -> None:
    with pytest.raises(ValidationFailed, match="MB"):
        decode_upload(b"x" * (20 * 1024 * 1024 + 1))


def test_headers_compare_without_case_accents_and_punctuation() -> None:
    assert header_key("E-Mail Adresse") == "emailadresse"
    assert header_key("Straße") == "strasse"
    assert header_key("Prénom") == "prenom"


def test_mapping_suggestion_for_leads() -> None:
    header = ["E-Mail", "Firma", "Full Name", "Téléphone", "Land", "Notes", "email address"]
    assert suggest_mapping(header, "leads") == {
        "E-Mail": "email",
        "Firma": "company",
        "Full Name": "name",
        "Téléphone": "phone",
        "Land": "country",
        "Notes": "",
        "email address": "",
    }


def test_mapping_suggestion_for_accounts_reads_company_as_the_account_name() -> None:
    mapping = suggest_mapping(["Company", "Vorname", "Nachname", "PLZ", "Stadt", "USt-IdNr"], "accounts")
    assert mapping == {
        "Company": "name",
        "Vorname": "first_name",
        "Nachname": "last_name",
        "PLZ": "zip",
        "Stadt": "city",
        "USt-IdNr": "vat_no",
    }


def test_a_mapping_must_name_known_columns_and_fields_once_and_reach_someone() -> None:
    header = ["a", "b", "c"]
    assert check_mapping(header, {"a": "email", "b": "", "c": None}, "leads") == {"a": "email"}
    with pytest.raises(ValidationFailed) as caught:
        check_mapping(header, {"a": "email", "b": "email", "x": "name", "c": "salary"}, "leads")
    assert set(caught.value.fields) == {"mapping.b", "mapping.x", "mapping.c"}
    with pytest.raises(ValidationFailed, match="name or email"):
        check_mapping(header, {"a": "company"}, "leads")
    with pytest.raises(ValidationFailed, match="kind"):
        check_mapping(header, {"a": "name"}, "contracts")


def test_applying_a_mapping_leaves_empty_cells_out_and_lowercases_choices() -> None:
    table = parse_csv("Name,Prio,Mail\n Ann ,High,\nBob\n")
    assert map_rows(table, {"Name": "name", "Prio": "priority", "Mail": "email"}) == [
        {"name": "Ann", "priority": "high"},
        {"name": "Bob"},
    ]


def test_the_report_names_row_field_and_message_for_every_bad_row() -> None:
    text = "name,email,priority\nAnn,ann@x.io,low\nBob,not-an-email,urgent\n,,\nCarl,carl@x.io,\n,,high\n"
    checked = check_rows(parse_csv(text), {"name": "name", "email": "email", "priority": "priority"}, "leads")
    assert checked.total == 4
    assert checked.invalid == 2
    assert not checked.ok
    assert checked.errors[3]["email"] == "is not a valid e-mail address"
    assert "priority" in checked.errors[3]
    assert checked.errors[6] == {"name": "a lead needs a name or an e-mail address"}
    assert [v["name"] for v in checked.valid] == ["Ann", "Carl"]
    assert report_lines(checked.errors)[0] == {
        "row": "3",
        "field": "email",
        "message": "is not a valid e-mail address",
    }


def test_a_row_with_more_values_than_columns_is_reported() -> None:
    checked = check_rows(parse_csv("name\nAnn,extra\n"), {"name": "name"}, "leads")
    assert checked.errors == {2: {"row": "has 2 values but the header names 1 columns"}}


def test_account_rows_are_checked_like_the_account_form() -> None:
    text = "type,name,last_name,email\ncompany,Acme,,\nPerson,,Berg,b@x.io\nperson,,,\ncompany,,,\n"
    mapping = {"type": "type", "name": "name", "last_name": "last_name", "email": "email"}
    checked = check_rows(parse_csv(text), mapping, "accounts")
    assert [v["name"] for v in checked.valid] == ["Acme", "Berg"]
    assert checked.errors == {4: {"last_name": "is required"}, 5: {"name": "is required"}}


@pytest.mark.slow
def test_a_hundred_thousand_rows_are_checked_in_a_few_seconds() -> None:
    lines = [f"Lead {i},lead{i}@example.com,+43 1 {i:06d},Firm {i % 500}" for i in range(100_000)]
    text = "Name,E-Mail,Phone,Company\n" + "\n".join(lines)
    started = time.thread_time()
    table = parse_csv(text)
    mapping = check_mapping(table.header, suggest_mapping(table.header, "leads"), "leads")
    checked = check_rows(table, mapping, "leads")
    assert checked.ok and len(checked.valid) == 100_000
    assert time.thread_time() - started < 5  # this thread's CPU: other work (machine, threads) does not count
