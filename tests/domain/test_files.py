"""Files on records: the size limit, sniffing the type from the bytes, safe file names."""

from __future__ import annotations

import io
import zipfile

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.records.files import (
    DOCX,
    OCTET_STREAM,
    TEXT,
    XLSX,
    ZIP,
    check_size,
    safe_filename,
    sniff,
    storage_suffix,
)


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"GIF89a\x01\x00", "image/gif"),
        (_zip("[Content_Types].xml", "word/document.xml"), DOCX),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), XLSX),
        (_zip("notes.txt"), ZIP),
        (b"PK\x03\x04 but no archive", OCTET_STREAM),
        ("Grüße, plain text\r\n\tindented".encode(), TEXT),
        (b"\xef\xbb\xbfwith a BOM", TEXT),
        (b"MZ\x90\x00\x03\x00\x00\x00", OCTET_STREAM),
        (b"\x7fELF\x02\x01\x01", OCTET_STREAM),
        (b"#!/bin/sh\nrm -rf /\n", OCTET_STREAM),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", OCTET_STREAM),
        (b"  <html><body>hi</body></html>", OCTET_STREAM),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", OCTET_STREAM),
        (b"\xef\xbb\xbf<script>alert(1)</script>", OCTET_STREAM),
        (b"latin-1 \xe9t\xe9", OCTET_STREAM),
        (b"nul\x00inside", OCTET_STREAM),
    ],
)
def test_the_type_comes_from_the_bytes(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_a_multibyte_character_cut_at_the_probe_is_still_text() -> None:
    assert sniff(("a" * (64 * 1024 - 1) + "ü").encode()) == TEXT


def test_stored_suffixes_follow_the_type() -> None:
    assert storage_suffix("application/pdf") == ".pdf" and storage_suffix(OCTET_STREAM) == ".bin"


def test_the_size_limit() -> None:
    check_size(10, 10)
    with pytest.raises(ValidationFailed) as refused:
        check_size(25 * 2**20 + 1, 25 * 2**20)
    assert refused.value.fields == {"file": "the file is larger than 25 MB"}
    with pytest.raises(ValidationFailed) as empty:
        check_size(0, 10)
    assert empty.value.fields == {"file": "the file is empty"}


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\Angebot für Müller.docx", "Angebot für Müller.docx"),
        ('a<b>:"c"|d?*.txt', "a_b_c_d_.txt"),
        ("line\nbreak\x00.txt", "line_break_.txt"),
        ("  ..hidden  ", "hidden"),
        ("CON.txt", "_CON.txt"),
        ("", "file"),
        (None, "file"),
        ("...", "file"),
    ],
)
def test_file_names_are_made_safe(given: str | None, kept: str) -> None:
    assert safe_filename(given) == kept


def test_a_long_name_keeps_its_extension() -> None:
    name = safe_filename("x" * 500 + ".pdf")
    assert len(name) == 200 and name.endswith("x.pdf")
