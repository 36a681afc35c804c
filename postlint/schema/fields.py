"""Front-matter field declarations and the strict validators built from them.

A field is declared in config (``[front-matter.fields.<name>]``) or by a preset with the same
keys. Validation never coerces: a value must already be of the declared type as YAML read it,
and where YAML 1.1 read a string-looking value as something else (``on``, ``10:00``,
``012345``), the message says so. Each failure is a ``PydanticCustomError`` whose type is the
rule code (FM011, FM013, FM020, FM021) and whose context may name the offending list item.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from postlint.diagnostics import quote
from postlint.parse.yaml_nodes import Node, describe_scalar
from postlint.positions import Span
from postlint.schema.dates import DateError, check_format, describe_formats, parse_date

FieldType = Literal[
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "datetime",
    "url",
    "list[string]",
    "string|list[string]",
]

_NO_SPAN = Span(0, 0)
DEFAULT_FORMATS = {"date": ["date"], "datetime": ["rfc3339", "iso8601", "jekyll", "date"]}


def kebab(name: str) -> str:
    """The config spelling of a Python field name: ``min_length`` → ``min-length``."""
    return name.replace("_", "-")


class FieldSpec(BaseModel):
    """One declared front-matter field (``[front-matter.fields.<name>]``)."""

    model_config = ConfigDict(extra="forbid", alias_generator=kebab, populate_by_name=True)

    type: FieldType = "string"
    required: bool = False
    pattern: str | None = None
    choices: list[str | int | float | bool] | None = None
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=0)
    formats: list[str] | None = None
    timezone: Literal["required", "optional"] = "optional"

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"not a valid regular expression: {error}") from error
        return pattern

    @field_validator("formats")
    @classmethod
    def _formats_known(cls, formats: list[str] | None) -> list[str] | None:
        for name in formats or []:
            check_format(name)
        return formats

    def date_formats(self) -> list[str]:
        """The accepted formats of a date or datetime field."""
        return self.formats or DEFAULT_FORMATS.get(self.type, DEFAULT_FORMATS["datetime"])


def _fail(code: str, message: str, index: int | None = None) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"index": index})


def _scalar_of(value: Any, node: Node | None) -> Node:
    """The node YAML gave for a value, or one made up from a plain Python value (API use)."""
    if node is not None:
        return node
    tags = {bool: "bool", int: "int", float: "float", str: "str", list: "seq", dict: "map"}
    tag = tags.get(type(value), "timestamp")
    raw = value if isinstance(value, str) else str(value)
    made = Node(span=_NO_SPAN, tag=tag, value=value, raw=raw)
    made.items = [_scalar_of(item, None) for item in value] if isinstance(value, list) else []
    return made


def _require_string(node: Node, spec: FieldSpec, what: str, index: int | None = None) -> str:
    if node.tag != "str" or not isinstance(node.value, str):
        if node.tag in ("seq", "map"):
            kind = "a list" if node.tag == "seq" else "a mapping"
            raise _fail("FM011", f"expected {what}, got {kind}", index)
        if node.implicit:
            raise _fail(
                "FM011",
                f"expected {what}, but YAML reads {quote(node.raw)} as {describe_scalar(node)}; "
                f"quote it: {quote(node.raw)}",
                index,
            )
        raise _fail("FM011", f"expected {what}, got {describe_scalar(node)}", index)
    text = node.value
    if not text.strip() and (spec.min_length is None or spec.min_length > 0):
        raise _fail("FM013", f"expected {what}, got an empty string", index)
    _check_text(text, spec, index)
    return text


def _check_text(text: str, spec: FieldSpec, index: int | None) -> None:
    if spec.pattern is not None and re.fullmatch(spec.pattern, text) is None:
        raise _fail("FM013", f"{quote(text)} does not match the pattern {spec.pattern!r}", index)
    if spec.choices is not None and text not in spec.choices:
        allowed = ", ".join(quote(choice) for choice in spec.choices)
        raise _fail("FM013", f"{quote(text)} is not one of {allowed}", index)
    if spec.type in ("string", "url"):
        _check_length(len(text), spec, "characters", index)


def _check_length(length: int, spec: FieldSpec, unit: str, index: int | None = None) -> None:
    if spec.min_length is not None and length < spec.min_length:
        raise _fail("FM013", f"has {length} {unit}, expected at least {spec.min_length}", index)
    if spec.max_length is not None and length > spec.max_length:
        raise _fail("FM013", f"has {length} {unit}, expected at most {spec.max_length}", index)


def _string(node: Node, spec: FieldSpec) -> object:
    return _require_string(node, spec, "a string")


def _url(node: Node, spec: FieldSpec) -> object:
    text = _require_string(node, spec, "an absolute http(s) URL")
    try:
        parts = urlsplit(text)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and text == text.strip()
    except ValueError:
        valid = False
    if not valid:
        raise _fail("FM013", f"{quote(text)} is not an absolute http(s) URL")
    return text


def _list_of_strings(node: Node, spec: FieldSpec) -> object:
    if node.tag != "seq":
        if node.tag == "str":
            raise _fail(
                "FM011",
                f"expected a list of strings, got the string {quote(node.raw)}; "
                f"write it as a list: [{quote(node.raw)[1:-1]}]",
            )
        raise _fail("FM011", f"expected a list of strings, got {describe_scalar(node)}")
    if not node.items and (spec.min_length is None or spec.min_length > 0):
        raise _fail("FM013", "expected a non-empty list of strings, got an empty list")
    _check_length(len(node.items), spec, "items")
    item_spec = spec.model_copy(update={"min_length": None, "max_length": None})
    return [
        _require_string(item, item_spec, "a string", index) for index, item in enumerate(node.items)
    ]


def _string_or_list(node: Node, spec: FieldSpec) -> object:
    if node.tag == "seq":
        return _list_of_strings(node, spec)
    return _require_string(node, spec, "a string or a list of strings")


def _integer(node: Node, spec: FieldSpec) -> object:
    if node.tag != "int":
        raise _fail("FM011", f"expected an integer, got {describe_scalar(node)} {quote(node.raw)}")
    _check_choice(node, spec)
    return node.value


def _number(node: Node, spec: FieldSpec) -> object:
    if node.tag not in ("int", "float"):
        raise _fail("FM011", f"expected a number, got {describe_scalar(node)} {quote(node.raw)}")
    _check_choice(node, spec)
    return node.value


def _boolean(node: Node, spec: FieldSpec) -> object:
    if node.tag != "bool":
        raise _fail(
            "FM011", f"expected true or false, got {describe_scalar(node)} {quote(node.raw)}"
        )
    return node.value


def _check_choice(node: Node, spec: FieldSpec) -> None:
    if spec.choices is not None and node.value not in spec.choices:
        allowed = ", ".join(str(choice) for choice in spec.choices)
        raise _fail("FM013", f"{quote(node.raw)} is not one of {allowed}")


def _date(node: Node, spec: FieldSpec) -> object:
    if node.tag not in ("str", "timestamp"):
        raise _fail("FM011", f"expected a date, got {describe_scalar(node)} {quote(node.raw)}")
    formats = spec.date_formats()
    try:
        parsed = parse_date(node.raw, formats)
    except DateError as error:
        if error.reason == "impossible":
            detail = error.message.rpartition(" is not a real date or time")[2]
            raise _fail("FM020", f"{quote(node.raw)} is not a real date or time{detail}") from error
        raise _fail(
            "FM020",
            f"{quote(node.raw)} is not a date in an accepted format: {describe_formats(formats)}",
        ) from error
    if spec.timezone == "required" and parsed.has_time and not parsed.has_offset:
        raise _fail(
            "FM021",
            f"{quote(node.raw)} has no UTC offset; add one, e.g. 'Z' or '+08:00', "
            "so the post's time does not depend on the build machine",
        )
    return parsed.value


_VALIDATORS: dict[str, Callable[[Node, FieldSpec], object]] = {
    "string": _string,
    "url": _url,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "datetime": _date,
    "list[string]": _list_of_strings,
    "string|list[string]": _string_or_list,
}


def validator_for(spec: FieldSpec, key: str) -> Callable[[Any, ValidationInfo], object]:
    """A pydantic plain validator for field ``key``; reads its raw YAML node from the context."""
    check = _VALIDATORS[spec.type]

    def validate(value: Any, info: ValidationInfo) -> object:
        nodes: dict[str, Node] = (info.context or {}).get("nodes", {})
        return check(_scalar_of(value, nodes.get(key)), spec)

    return validate
