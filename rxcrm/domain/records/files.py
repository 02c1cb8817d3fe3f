"""Files on records: the size limit, what the bytes are (never what the client says) and a safe file name.

The stored content type comes from the bytes' signature: PDF, PNG, JPEG, GIF, Word/Excel/PowerPoint
(.docx/.xlsx/.pptx), other ZIP archives and plain UTF-8 text. Anything else — executables, scripts,
HTML, SVG, unknown formats — is `application/octet-stream`; every file is downloaded as an attachment.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile

from rxcrm.domain.errors import ValidationFailed

OCTET_STREAM = "application/octet-stream"
TEXT = "text/plain; charset=utf-8"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OFFICE_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX))
SUFFIXES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    ZIP: ".zip",
    DOCX: ".docx",
    XLSX: ".xlsx",
    PPTX: ".pptx",
    TEXT: ".txt",
}
TEXT_PROBE = 64 * 1024
MARKUP = re.compile(
    rb"^\s*<\s*(!doctype|html|head|body|script|svg|\?xml|iframe|!--|meta|title|a\s|img)", re.I
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)
MAX_NAME = 200


def check_size(size: int, limit: int) -> None:
    """Refuse an empty file or one over the limit (422 on `file`)."""
    if size <= 0:
        raise ValidationFailed.from_fields({"file": "the file is empty"})
    if size > limit:
        raise ValidationFailed.from_fields({"file": f"the file is larger than {size_limit_text(limit)}"})


def size_limit_text(limit: int) -> str:
    """A limit as people read it: '25 MB'."""
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{max(limit // 1024, 1)} KB"


def _office_type(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return OCTET_STREAM
    return next((kind for part, kind in OFFICE_PARTS if part in names), ZIP)


def _is_text(head: bytes) -> bool:
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return not CONTROL.search(text) and not MARKUP.match(head.removeprefix(codecs.BOM_UTF8))


def sniff(data: bytes) -> str:
    """The content type the bytes are, from their signature (unknown or active content: octet-stream)."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    if data.startswith(ZIP_MAGIC):
        return _office_type(data)
    head = data[:TEXT_PROBE]
    if head.startswith(b"#!"):
        return OCTET_STREAM
    return TEXT if head and _is_text(head) else OCTET_STREAM


def storage_suffix(content_type: str) -> str:
    """The suffix a stored file gets on disk (from its sniffed type, never from the user's name)."""
    return SUFFIXES.get(content_type, ".bin")


def safe_filename(name: str | None) -> str:
    """The name a file is kept and offered under: no folders, control or reserved characters, ≤ 200 chars."""
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[/\\]", text)[-1]
    text = " ".join(UNSAFE_NAME.sub("_", text).split()).strip(" .")
    if RESERVED.match(text):
        text = "_" + text
    if len(text) > MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        keep = f".{ext}" if dot and 0 < len(ext) <= 10 else ""
        text = (stem if keep else text)[: MAX_NAME - len(keep)].rstrip(" .") + keep
    return text or "file"
