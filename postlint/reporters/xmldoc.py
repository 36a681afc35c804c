"""Building XML output with ElementTree, every attribute and text made XML-safe."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from postlint.escape import xml_safe


def document(tag: str, /, **attributes: object) -> ET.Element:
    """A root element."""
    return ET.Element(tag, _safe(attributes))


def child(
    parent: ET.Element, tag: str, /, text: str | None = None, **attributes: object
) -> ET.Element:
    """A sub-element of ``parent``, with ``text`` as its content if given."""
    element = ET.SubElement(parent, tag, _safe(attributes))
    if text is not None:
        element.text = xml_safe(text)
    return element


def serialize(root: ET.Element) -> str:
    """The document as indented UTF-8 XML text, with a declaration."""
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _safe(attributes: dict[str, object]) -> dict[str, str]:
    return {name: xml_safe(str(value)) for name, value in attributes.items()}
