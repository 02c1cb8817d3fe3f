"""The file store: random keys in two folder levels, and no way out of its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from rxcrm.domain.errors import NotFound
from rxcrm.services.commerce.file_store import delete_file, files_root, read_file, write_file
from tests.services.commerce.document_rows import use_files_dir


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores its files in a folder of its own."""
    return use_files_dir(tmp_path, monkeypatch)


def test_write_read_delete(files_dir: Path) -> None:
    assert files_root() == files_dir
    key = write_file(b"hello", ".docx")
    first, second, name = key.split("/")
    assert name.startswith(first + second) and name.endswith(".docx")
    assert (files_dir / key).read_bytes() == b"hello" and read_file(key) == b"hello"
    assert write_file(b"hello") != key
    delete_file(key)
    assert not (files_dir / key).exists()
    with pytest.raises(NotFound):
        read_file(key)


@pytest.mark.parametrize(
    "key",
    ["../secret", "/etc/passwd", "ab/cd/../../x", "asset:../../pyproject.toml", "asset:/etc/passwd", ""],
)
def test_keys_never_leave_the_folder(key: str, tmp_path: Path) -> None:
    (tmp_path / "secret").write_bytes(b"secret")
    with pytest.raises(NotFound):
        read_file(key)


def test_a_bad_suffix_is_refused() -> None:
    with pytest.raises(ValueError):
        write_file(b"x", "/../x")


def test_assets_are_read_but_never_deleted() -> None:
    data = read_file("asset:default_quote.docx")
    delete_file("asset:default_quote.docx")
    assert read_file("asset:default_quote.docx") == data
