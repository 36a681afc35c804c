"""Front-matter schemas as pydantic models, and their errors mapped to rule codes.

A schema comes from a preset (data files under ``rules/data/presets/``), extended or
overridden by fields declared in config, or from a user's own pydantic model. Validation
errors become findings positioned at the YAML key or value that caused them.
"""

from __future__ import annotations

import difflib
import importlib
import keyword
import sys
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, create_model

from postlint.catalogue import data_file
from postlint.diagnostics import Finding, quote
from postlint.parse.frontmatter import FrontMatter
from postlint.parse.yaml_nodes import Node
from postlint.positions import Span
from postlint.schema.fields import FieldSpec, validator_for

_TYPE_ERRORS = ("_type", "_parsing", "is_instance_of", "is_subclass_of", "model_attributes_type")


@dataclass(frozen=True)
class Schema:
    """A compiled schema: the pydantic model and, for declared schemas, the field specs."""

    model: type[BaseModel]
    fields: Mapping[str, FieldSpec]  # empty for a user's own model
    strict: bool

    def validate(self, data: Mapping[str, Any], nodes: Mapping[str, Node]) -> BaseModel:
        """Validate front-matter data; raises pydantic's ValidationError."""
        return self.model.model_validate(dict(data), context={"nodes": nodes})


@cache
def load_preset(name: str) -> tuple[bool, dict[str, FieldSpec]]:
    """A preset's strictness and fields, in declaration order."""
    with data_file(f"presets/{name}.toml").open("rb") as handle:
        data = tomllib.load(handle)
    fields = {key: FieldSpec.model_validate(spec) for key, spec in data.get("fields", {}).items()}
    return bool(data.get("strict", False)), fields


def declared_schema(preset: str, fields: Mapping[str, FieldSpec], strict: bool | None) -> Schema:
    """The preset's fields extended by (and overridden by) the declared ones."""
    preset_strict, preset_fields = load_preset(preset)
    merged = {**preset_fields, **fields}
    is_strict = preset_strict if strict is None else strict
    # Keys need not be Python names (`from`, `og-image`, `json`): such fields are named f0,
    # f1, ... with the key as alias, so pydantic's error locations still name the key.
    definitions: dict[str, Any] = {
        _attribute(key, index): (
            Annotated[Any, PlainValidator(validator_for(spec, key))],
            Field(... if spec.required else None, alias=key),
        )
        for index, (key, spec) in enumerate(merged.items())
    }
    model: type[BaseModel] = create_model(
        f"FrontMatter_{preset.replace('-', '_')}",
        __config__=ConfigDict(extra="forbid" if is_strict else "allow"),
        **definitions,
    )
    return Schema(model, merged, is_strict)


def _attribute(key: str, index: int) -> str:
    """The model attribute for a key: the key itself where Python and pydantic allow it."""
    usable = key.isidentifier() and not keyword.iskeyword(key) and not key.startswith("_")
    return key if usable and not hasattr(BaseModel, key) else f"f{index}"


def user_schema(reference: str, search_path: str) -> Schema:
    """A user's own pydantic model named ``package.module:Class`` (imported: trusted code)."""
    module_name, _, class_name = reference.partition(":")
    if search_path not in sys.path:
        sys.path.insert(0, search_path)
    module = importlib.import_module(module_name)
    model = getattr(module, class_name)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(f"{reference} is not a pydantic model class")
    strict = model.model_config.get("extra") == "forbid"
    return Schema(model, {}, strict)


def schema_findings(schema: Schema, front_matter: FrontMatter) -> Iterator[Finding]:
    """FM010–FM021 findings for a front matter block that parsed as a mapping (or empty)."""
    entries = {
        key: entry for key, entry in front_matter.entries.items() if entry.value.tag != "null"
    }
    data = {key: entry.value.value for key, entry in entries.items()}
    nodes = {key: entry.value for key, entry in entries.items()}
    try:
        schema.validate(data, nodes)
    except ValidationError as error:
        for detail in error.errors():
            yield _finding(detail, schema, front_matter, entries)


def _finding(
    detail: Mapping[str, Any], schema: Schema, front_matter: FrontMatter, entries: Mapping[str, Any]
) -> Finding:
    kind: str = detail["type"]
    loc = detail["loc"]
    key = str(loc[0]) if loc else ""
    entry = entries.get(key)
    code = code_of(detail)
    if code == "FM010":
        return Finding(code, front_matter.opening, f"required field {quote(key)} is missing")
    if code == "FM012":
        span = entry.key if entry else front_matter.opening
        known = list(schema.fields) or list(schema.model.model_fields)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        hint = f"; did you mean {quote(close[0])}?" if close else ""
        return Finding(code, span, f"unknown field {quote(key)}{hint}")
    span = (
        _value_span(entry.value, loc[1:], detail.get("ctx") or {})
        if entry
        else front_matter.opening
    )
    if kind.startswith("FM"):  # our own validators: the message says it all
        return Finding(code, span, f"{key}: {detail['msg']}")
    return Finding(code, span, f"{key}: {detail['msg']} (got {quote(detail.get('input'))})")


def _value_span(node: Node, loc: tuple[Any, ...], ctx: Mapping[str, Any]) -> Span:
    """The span of the value at ``loc`` below ``node``, or of a list item named in ``ctx``."""
    path = list(loc)
    if ctx.get("index") is not None:
        path.append(ctx["index"])
    for step in path:
        if isinstance(step, int) and node.tag == "seq" and step < len(node.items):
            node = node.items[step]
        elif isinstance(step, str) and node.tag == "map" and step in node.entries:
            node = node.entries[step].value
        else:
            break
    return node.span


def code_of(detail: Mapping[str, Any]) -> str:
    """The rule code of a pydantic error: our own validators name it; others are mapped."""
    kind: str = detail["type"]
    if kind.startswith("FM"):
        return kind
    if kind == "missing":
        return "FM010"
    if kind == "extra_forbidden":
        return "FM012"
    if kind.startswith(("date", "datetime", "time")) or "timezone" in kind:
        return "FM020"
    if kind.endswith(_TYPE_ERRORS):
        return "FM011"
    return "FM013"
