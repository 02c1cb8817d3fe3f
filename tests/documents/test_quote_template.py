"""Checking an uploaded template: unknown tokens named, broken or foreign files refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from rxcrm.documents.default_template import ASSET, build_default_template
from rxcrm.documents.quote_document import TOKENS
from rxcrm.documents.quote_render import render_quote
from rxcrm.documents.quote_template import MAX_TEMPLATE_BYTES, check_template
from rxcrm.domain.errors import ValidationFailed
from tests.documents.samples import docx_text, docx_with, sample_document


def _refusal(data: bytes) -> str:
    with pytest.raises(ValidationFailed) as caught:
        check_template(data)
    assert set(caught.value.fields) == {"file"}
    return caught.value.fields["file"]


def test_the_default_template_passes() -> None:
    check_template(ASSET.read_bytes())


def test_every_documented_token_is_accepted() -> None:
    lines = [t for t, _ in TOKENS if t.startswith("{{") and not t.startswith("{{ item.")]
    loop = (
        "{% for item in items %}" + "".join(t for t, _ in TOKENS if t.startswith("{{ item.")) + "{% endfor %}"
    )
    check_template(
        docx_with(*lines, loop, "{% for line in items %}{{ line.name }} {{ loop.index }}{% endfor %}")
    )


@pytest.mark.parametrize(
    ("token", "named"),
    [
        ("{{ acount.name }}", "acount.name"),
        ("{{ account.nmae }}", "account.nmae"),
        ("{{ quote.valid_till }}", "quote.valid_till"),
        ("{% for item in items %}{{ item.price }}{% endfor %}", "item.price"),
        ("{{ item.name }}", "item.name"),  # outside the item loop
        ("{{ account.name.upper() }}", "account.name.upper"),
        ("{{ total.x }}", "total.x"),
        ("{{ self }}", "self"),
        ("{{ range(10) }}", "range"),
    ],
)
def test_an_unknown_token_is_refused_by_name(token: str, named: str) -> None:
    assert f"'{named}'" in _refusal(docx_with("Dear customer", token))


def test_python_internals_are_refused() -> None:
    assert "__class__" in _refusal(docx_with("{{ ''.__class__.__mro__ }}"))
    assert "__class__" in _refusal(docx_with("{{ account.__class__ }}"))
    assert "__globals__" in _refusal(docx_with("{{ account['__globals__'] }}"))


def test_unknown_tokens_in_headers_footers_and_properties_are_found() -> None:
    from docx import Document

    document = Document(io.BytesIO(docx_with("body")))
    document.sections[0].footer.paragraphs[0].text = "{{ footer_secret }}"
    out = io.BytesIO()
    document.save(out)
    assert "footer_secret" in _refusal(out.getvalue())
    document = Document(io.BytesIO(docx_with("body")))
    document.core_properties.title = "{{ title_token }}"
    out = io.BytesIO()
    document.save(out)
    assert "title_token" in _refusal(out.getvalue())


def test_a_jinja_syntax_error_is_refused() -> None:
    assert "template error" in _refusal(docx_with("{% for item in items %}{{ item.name }}"))
    assert "template error" in _refusal(docx_with("{{ account.name "))


def test_an_unknown_filter_is_refused() -> None:
    assert "template error" in _refusal(docx_with("{{ account.name|explode }}"))


def test_files_that_are_not_docx_are_refused() -> None:
    assert "not a Word .docx" in _refusal(b"%PDF-1.7 not a docx")
    assert "not a Word .docx" in _refusal(b"")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("hello.txt", "a zip, but no Word document")
    assert "not a Word .docx" in _refusal(zipped.getvalue())


def test_a_file_over_five_megabytes_is_refused() -> None:
    assert "larger than 5 MB" in _refusal(b"PK" + b"0" * MAX_TEMPLATE_BYTES)


def test_the_committed_default_template_is_what_the_builder_makes() -> None:
    """Rebuild with `python -m rxcrm.documents.default_template` after changing the builder."""
    assert ASSET.read_bytes() == build_default_template()
    text = docx_text(render_quote(ASSET.read_bytes(), sample_document()))
    assert "Roll-out offer" in text and "{{" not in text


def test_the_selling_docs_list_every_token() -> None:
    page = (ASSET.parents[2] / "docs" / "selling.md").read_text()
    assert [t for t, _ in TOKENS if f"| `{t}` |" not in page] == []
