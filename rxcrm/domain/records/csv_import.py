"""Importing leads and accounts from CSV (spec §2.7): reading the file, mapping columns, checking rows.

Pure rules: the service reads nothing but what these functions return. A row is numbered as a
spreadsheet shows it (the header is row 1), so the report points at the line the user will fix.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from rxcrm.domain.accounts.accounts import TEXT_FIELDS as ACCOUNT_TEXT_FIELDS
from rxcrm.domain.accounts.accounts import validate_account
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.lifecycle import TEXT_FIELDS as LEAD_TEXT_FIELDS
from rxcrm.domain.leads.lifecycle import validate_lead

LEADS = "leads"
ACCOUNTS = "accounts"
KINDS = (LEADS, ACCOUNTS)
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_REPORTED = 500
MAX_COLUMNS = 200
MAX_HEADER_CHARS = 20_000
MAX_LINE_CHARS = 128 * 1024
DELIMITERS = (",", ";", "\t")
SKIP = ""
FIELDS: dict[str, tuple[str, ...]] = {
    LEADS: (*LEAD_TEXT_FIELDS, "priority"),
    ACCOUNTS: ("type", *ACCOUNT_TEXT_FIELDS),
}
# Header spellings people use, compared without case, accents, spaces or punctuation.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": ("email", "emailaddress", "mail", "mailaddress", "emailadresse", "courriel", "correo"),
    "company": ("company", "companyname", "firma", "firm", "organisation", "organization", "unternehmen"),
    "name": ("name", "fullname", "contact", "contactname", "person", "leadname"),
    "first_name": ("firstname", "vorname", "givenname", "prenom"),
    "last_name": ("lastname", "nachname", "surname", "familyname"),
    "phone": ("phone", "phonenumber", "telephone", "telefon", "tel", "telefonnummer", "mobile", "handy"),
    "country": ("country", "land", "pays", "pais", "countrycode"),
    "source": ("source", "leadsource", "quelle", "origin", "herkunft"),
    "priority": ("priority", "prioritat", "prio"),
    "type": ("type", "accounttype", "typ", "kind"),
    "website": ("website", "web", "url", "homepage", "webseite", "site"),
    "street": ("street", "strasse", "address", "adresse", "addressline1", "streetaddress"),
    "city": ("city", "town", "stadt", "ort", "ville", "ciudad"),
    "zip": ("zip", "zipcode", "postcode", "postalcode", "plz", "postleitzahl"),
    "registration_no": ("registrationno", "registrationnumber", "companynumber", "handelsregister"),
    "vat_no": ("vat", "vatno", "vatnumber", "vatid", "ustid", "ustidnr", "uid"),
    "industry": ("industry", "branche", "sector"),
}
# For an account the company *is* the account; "company" there is only a person's employer.
ACCOUNT_SYNONYMS = {
    **SYNONYMS,
    "name": (*SYNONYMS["name"], *SYNONYMS["company"], "accountname"),
    "company": ("employer", "arbeitgeber"),
}
LOWERCASE_CHOICES = ("priority", "type")

Report = dict[int, dict[str, str]]


@dataclass(frozen=True)
class CsvTable:
    """A parsed CSV file: its column names and data rows with their spreadsheet row numbers."""

    header: list[str]
    rows: list[list[str]]
    numbers: list[int]
    delimiter: str


@dataclass
class RowCheck:
    """The outcome of checking every row: cleaned values of the good rows, messages for the bad."""

    total: int = 0
    valid: list[dict[str, Any]] = field(default_factory=list)
    errors: Report = field(default_factory=dict)
    invalid: int = 0

    @property
    def ok(self) -> bool:
        """Whether every row may be imported."""
        return self.invalid == 0


def decode_upload(data: bytes) -> str:
    """An uploaded file as text: UTF-8 (with or without BOM), else Windows-1252 as Excel writes it."""
    if len(data) > MAX_BYTES:
        raise ValidationFailed.from_fields({"file": f"is larger than {MAX_BYTES // 1024 // 1024} MB"})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The separator of a CSV text: whichever of , ; and tab occurs most in its header line."""
    first = text[:MAX_HEADER_CHARS].split("\n", 1)[0]
    counts = {d: _count_unquoted(first, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_unquoted(line: str, delimiter: str) -> int:
    return sum(1 for i, part in enumerate(line.split('"')) if i % 2 == 0 for c in part if c == delimiter)


def parse_csv(text: str) -> CsvTable:
    """Read a CSV text (BOM, quoted fields and , ; or tab as separator); blank lines are skipped."""
    if len(text) > MAX_BYTES:
        raise ValidationFailed.from_fields({"file": f"is larger than {MAX_BYTES // 1024 // 1024} MB"})
    text = text.removeprefix("\ufeff")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = _read_lines(reader)
    except csv.Error as exc:
        problem = f"is not valid CSV near line {reader.line_num}: {exc}"
        raise ValidationFailed.from_fields({"file": problem}) from None
    if not lines:
        raise ValidationFailed.from_fields({"file": "is empty: the first line must name the columns"})
    header = _column_names(lines[0][1])
    return CsvTable(header, [cells for _, cells in lines[1:]], [n for n, _ in lines[1:]], delimiter)


def _read_lines(reader: Iterator[list[str]]) -> list[tuple[int, list[str]]]:
    """The non-blank lines with their numbers; a file too wide, too long or with a huge line stops at once."""
    lines: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(reader, 1):
        _check_line(number, cells, header=not lines)
        if "".join(cells).strip():
            lines.append((number, cells))
            if len(lines) - 1 > MAX_ROWS:
                raise ValidationFailed.from_fields({"file": f"has more than {MAX_ROWS:,} rows; split it"})
    return lines


def _check_line(number: int, cells: list[str], header: bool) -> None:
    if len(cells) > MAX_COLUMNS:
        raise ValidationFailed.from_fields({"file": f"line {number} has more than {MAX_COLUMNS} columns"})
    size = sum(map(len, cells)) + len(cells)
    limit = MAX_HEADER_CHARS if header else MAX_LINE_CHARS
    if size > limit:
        what = "the header line" if header else f"line {number}"
        raise ValidationFailed.from_fields({"file": f"{what} is longer than {limit:,} characters"})


def _column_names(cells: list[str]) -> list[str]:
    names = [c.strip() or f"Column {i}" for i, c in enumerate(cells, 1)]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValidationFailed.from_fields({"file": f"names the column '{name}' twice"})
        seen.add(name)
    return names


def header_key(name: str) -> str:
    """A header as compared: no case, accents, spaces or punctuation ('E-Mail Adresse' -> 'emailadresse')."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def suggest_mapping(header: Sequence[str], kind: str) -> dict[str, str]:
    """The field each column most likely holds (or SKIP); every field is suggested at most once."""
    synonyms = ACCOUNT_SYNONYMS if kind == ACCOUNTS else SYNONYMS
    lookup = {alias: f for f in FIELDS[_check_kind(kind)] for alias in synonyms[f]}
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for column in header:
        found = lookup.get(header_key(column), SKIP)
        if found in taken:
            found = SKIP
        taken.add(found)
        mapping[column] = found
    return mapping


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationFailed.from_fields({"kind": f"must be one of: {', '.join(KINDS)}"})
    return kind


def check_mapping(header: Sequence[str], mapping: Mapping[str, Any], kind: str) -> dict[str, str]:
    """A mapping the file can be read with: known columns and fields, no field twice, a way to reach."""
    fields = FIELDS[_check_kind(kind)]
    problems: dict[str, str] = {}
    wanted: dict[str, str] = {}
    for column, target in mapping.items():
        target = target or SKIP
        if column not in header:
            problems[f"mapping.{column}"] = "is not a column of the file"
        elif not isinstance(target, str) or (target != SKIP and target not in fields):
            problems[f"mapping.{column}"] = f"must be one of: {', '.join(fields)} (or empty to skip)"
        elif target != SKIP and target in wanted.values():
            problems[f"mapping.{column}"] = f"maps to '{target}' like another column"
        elif target != SKIP:
            wanted[column] = target
    needed = ("name", "email") if kind == LEADS else ("name", "last_name")
    if not problems and not set(needed) & set(wanted.values()):
        problems["mapping"] = f"map a column to {' or '.join(needed)}"
    if problems:
        raise ValidationFailed.from_fields(problems)
    return wanted


def map_rows(
    table: CsvTable, mapping: Mapping[str, str], start: int = 0, stop: int | None = None
) -> list[dict[str, Any]]:
    """Rows as {field: value} under a checked mapping; empty cells are left out."""
    fields = list(mapping.values())
    indexes = [table.header.index(c) for c in mapping]
    width = len(table.header)
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda cells: (cells[indexes[0]],)
    lower = [f for f in fields if f in LOWERCASE_CHOICES]
    records: list[dict[str, Any]] = []
    for cells in table.rows[start:stop]:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        record = {f: v for f, v in zip(fields, map(str.strip, pick(cells)), strict=True) if v}
        for f in lower:
            if f in record:
                record[f] = record[f].casefold()
        if len(cells) > width and "".join(cells[width:]).strip():
            record["__extra__"] = len(cells)
        records.append(record)
    return records


def check_rows(table: CsvTable, mapping: Mapping[str, str], kind: str) -> RowCheck:
    """Check every row of the file like a form of its kind; collect each bad row's messages."""
    validate = _validator(kind)
    result = RowCheck(total=len(table.rows))
    width = len(table.header)
    for number, record in zip(table.numbers, map_rows(table, mapping), strict=True):
        extra = record.pop("__extra__", None)
        try:
            cleaned = validate(record)
        except ValidationFailed as exc:
            _note(result, number, exc.fields)
            continue
        if extra is not None:
            _note(result, number, {"row": f"has {extra} values but the header names {width} columns"})
        else:
            result.valid.append(cleaned)
    return result


def _note(result: RowCheck, number: int, fields: dict[str, str]) -> None:
    result.invalid += 1
    if len(result.errors) < MAX_REPORTED:
        result.errors[number] = dict(fields)


def _validator(kind: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    if _check_kind(kind) == LEADS:
        return lambda record: validate_lead(record, creating=True)
    return validate_account


def report_lines(errors: Report) -> list[dict[str, str]]:
    """The report as table lines (row, field, message), in file order."""
    return [
        {"row": str(number), "field": name, "message": message}
        for number, fields in sorted(errors.items())
        for name, message in fields.items()
    ]
