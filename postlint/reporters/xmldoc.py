"""Building XML output with ElementTree, every attribute and text made XML-safe, and writing
a document one child of its root at a time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TextIO

from postlint.escape import xml_safe

_INDENT = "  "


def element(tag: str, /, **attributes: object) -> ET.Element:
    """An element with no parent: a document's root, or one of its children."""
    return ET.Element(tag, _safe(attributes))


def child(
    parent: ET.Element, tag: str, /, text: str | None = None, **attributes: object
) -> ET.Element:
    """A sub-element of ``parent``, with ``text`` as its content if given."""
    sub = ET.SubElement(parent, tag, _safe(attributes))
    if text is not None:
        sub.text = xml_safe(text)
    return sub


def child_text(root_child: ET.Element) -> str:
    """A child of a document's root as XML text, on its own line and indented as in the
    document, for ``write_document``."""
    ET.indent(root_child, _INDENT, level=1)
    return "\n" + _INDENT + ET.tostring(root_child, encoding="unicode")


def write_document(root: ET.Element, body: Iterable[str], out: TextIO) -> None:
    """``root`` holding the children whose ``child_text`` is ``body`` (in pieces of any size),
    as indented UTF-8 XML text with a declaration: the children are written as they come."""
    pieces = (piece for piece in body if piece)
    first = next(pieces, None)
    if first is None:
        out.write(ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
        return
    out.write(_start(root) + first)
    out.writelines(pieces)
    out.write(f"\n</{root.tag}>\n")


def _start(root: ET.Element) -> str:
    """The declaration and ``root``'s start tag."""
    empty = ET.tostring(root, encoding="unicode", xml_declaration=True, short_empty_elements=False)
    return empty.removesuffix(f"</{root.tag}>")


def _safe(attributes: dict[str, object]) -> dict[str, str]:
    return {name: xml_safe(str(value)) for name, value in attributes.items()}
