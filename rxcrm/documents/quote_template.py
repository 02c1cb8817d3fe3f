"""Word quote templates: the sandboxed Jinja environment, and checking an uploaded template.

A template is a .docx with docxtpl tokens (Jinja in Word). Templates come from users, so they are
only ever compiled in Jinja's sandbox, and an upload is refused unless every token it uses is in the
vocabulary of its kind (quote or invoice; a typo like `{{ acount.name }}` is named back to the user).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from rxcrm.documents.quote_document import LOOP_FIELDS, QUOTE_VOCABULARY, Vocabulary, field_names
from rxcrm.domain.errors import ValidationFailed

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def sandbox() -> SandboxedEnvironment:
    """The only environment templates are compiled in: no attribute starting with '_', autoescaped XML."""
    return SandboxedEnvironment(autoescape=True)


def refuse(message: str) -> ValidationFailed:
    """The error an unusable template file gets (field 'file')."""
    return ValidationFailed(f"The template cannot be used — {message}", {"file": message})


def open_template(data: bytes) -> DocxTemplate:
    """A docxtpl template from the bytes of a .docx, or a clear refusal."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise refuse(f"is larger than {MAX_TEMPLATE_BYTES // 1024 // 1024} MB")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise refuse("is not a Word .docx file")
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.init_docx()
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise refuse(f"is not a Word .docx file ({exc})") from None
    return template


def template_sources(template: DocxTemplate) -> Iterator[str]:
    """Every text docxtpl renders: body, headers, footers, footnotes and document properties."""
    yield template.patch_xml(template.get_xml())
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            yield template.patch_xml(template.get_part_xml(part))
    for part in template.docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            yield template.patch_xml(part.blob.decode("utf-8"))
    for name in CORE_PROPERTIES:
        yield getattr(template.docx.core_properties, name) or ""


def check_template(data: bytes, vocabulary: Vocabulary = QUOTE_VOCABULARY) -> None:
    """Refuse a file that is not a .docx, is too big, has a Jinja error or a token outside `vocabulary`."""
    template = open_template(data)
    environment = sandbox()
    for source in template_sources(template):
        try:
            tree = environment.parse(source)
            environment.compile(tree)
        except TemplateSyntaxError as exc:
            raise refuse(f"has a template error: {exc.message}") from None
        unknown = unknown_tokens(tree, vocabulary)
        if unknown:
            names = ", ".join(f"'{u}'" for u in unknown)
            raise refuse(f"uses unknown token {names}; see the list of tokens")


def unknown_tokens(tree: nodes.Template, vocabulary: Vocabulary = QUOTE_VOCABULARY) -> list[str]:
    """The tokens of a parsed template outside `vocabulary` (in order of appearance, no repeats)."""
    loops = {_name(n.target): _name(n.iter) for n in tree.find_all(nodes.For)}
    locals_ = set(loops) | {_name(n.target) for n in tree.find_all(nodes.Assign)}
    found: list[str] = []
    for path in _paths(tree):
        token = ".".join(path)
        if not _known(path, loops, locals_, vocabulary) and token not in found:
            found.append(token)
    return found


def _name(node: nodes.Node) -> str:
    return node.name if isinstance(node, nodes.Name) else ""


def _known(path: tuple[str, ...], loops: dict[str, str], locals_: set[str], vocabulary: Vocabulary) -> bool:
    root, attributes = path[0], path[1:]
    if any(a.startswith("_") for a in attributes) or len(attributes) > 1:
        return False
    if root in vocabulary.blocks:
        return len(attributes) == 1 and attributes[0] in field_names(vocabulary.blocks[root])
    if loops.get(root) in vocabulary.loops:
        return len(attributes) == 1 and attributes[0] in vocabulary.loops[loops[root]]
    if root == "loop":
        return len(attributes) == 1 and attributes[0] in LOOP_FIELDS
    return not attributes and (root in vocabulary.scalars or root in vocabulary.loops or root in locals_)


def _paths(node: nodes.Node) -> Iterator[tuple[str, ...]]:
    """Each variable a template reads, as a dotted path (`account.name` -> ('account', 'name'))."""
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        path, rest = _chain(node)
        if path is not None:
            yield path
        for child in rest:
            yield from _paths(child)
        return
    if isinstance(node, nodes.Name):
        if node.ctx == "load":
            yield (node.name,)
        return
    for child in node.iter_child_nodes():
        yield from _paths(child)


def _chain(node: nodes.Node) -> tuple[tuple[str, ...] | None, list[nodes.Node]]:
    """A Getattr/Getitem chain as (root, attr, …), and the sub-expressions still to be walked."""
    attributes: list[str] = []
    rest: list[nodes.Node] = []
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getattr):
            attributes.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attributes.append(node.arg.value)
        else:
            attributes.append("[…]")
            rest.append(node.arg)
        node = node.node
    attributes.reverse()
    if isinstance(node, nodes.Name):
        return (node.name, *attributes), rest
    rest.append(node)
    if not any(a.startswith("_") for a in attributes):
        return None, rest
    root = repr(node.value) if isinstance(node, nodes.Const) else "(…)"
    return (root, *attributes), rest
