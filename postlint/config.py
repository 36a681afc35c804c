"""Configuration: the file format, its discovery, and the resolved settings a run uses.

``[tool.postlint]`` in ``pyproject.toml``, or ``postlint.toml`` / ``.postlint.toml`` with the
same keys at top level. The nearest such file above a linted path applies to it; ``--config``
overrides discovery. Paths and globs in a config are relative to the folder holding it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tomllib
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from postlint import registry
from postlint.catalogue import data_file
from postlint.diagnostics import Severity
from postlint.rules import Options, Rule
from postlint.schema.fields import FieldSpec, kebab
from postlint.schema.model import Schema, declared_schema, user_schema
from postlint.selection import UnknownSelector, normalise, selected

CONFIG_NAMES = ("postlint.toml", ".postlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """An invalid config: the message names the file and the key path."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=kebab, populate_by_name=True)


class FrontMatterSection(_Section):
    """``[front-matter]``: strictness, declared fields, or a user's own pydantic model."""

    strict: bool | None = None
    model: str | None = Field(default=None, pattern=r"^[\w.]+:\w+$")
    fields: dict[str, FieldSpec] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _model_or_fields(self) -> FrontMatterSection:
        if self.model and self.fields:
            raise ValueError("give either 'model' or 'fields', not both")
        return self


class ProjectSection(_Section):
    """``[project]``: the whole corpus, for cross-file rules when only some files are checked."""

    corpus: list[str] = Field(default_factory=list)  # globs, relative to the config's folder


class ConfigFile(_Section):
    """The keys of a config file, validated."""

    preset: Literal["jekyll", "hugo", "rss-mirror"] = "jekyll"
    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    timezone: str = "UTC"
    max_file_size: int = Field(default=5_000_000, gt=0)
    cache_dir: str = ".postlint_cache"  # relative to the config's folder
    baseline: str | None = None  # a baseline file, relative to the config's folder
    project: ProjectSection = Field(default_factory=ProjectSection)
    front_matter: FrontMatterSection = Field(default_factory=FrontMatterSection)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, name: str) -> str:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(
                f"unknown timezone {name!r}; use an IANA name such as 'Asia/Shanghai'"
            ) from error
        return name


@dataclass(frozen=True)
class Overrides:
    """Command-line settings laid over every config file."""

    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()


@dataclass(frozen=True)
class Config:
    """Resolved settings for the files under one config (or the defaults)."""

    root: Path
    file: ConfigFile = field(default_factory=ConfigFile)
    path: Path | None = None
    overrides: Overrides = Overrides()

    @cached_property
    def enabled(self) -> frozenset[str]:
        """The codes of the rules that run."""
        select = self.overrides.select if self.overrides.select is not None else self.file.select
        chosen = [*(select if select is not None else ["ALL"]), *self.file.extend_select]
        chosen += self.overrides.extend_select
        ignored = [*self.file.ignore, *self.overrides.ignore]
        return selected(registry.codes(), self._prefixes(chosen), self._prefixes(ignored))

    def _prefixes(self, selectors: Sequence[str]) -> list[str]:
        try:
            return [normalise(s, registry.names(), registry.codes()) for s in selectors]
        except UnknownSelector as error:
            raise ConfigError(f"{self._where()}: {error}") from error

    def ignored_for(self, relative: str) -> list[str]:
        """Code prefixes ignored for a file by ``per-file-ignores``."""
        from postlint.globs import matches

        prefixes: list[str] = []
        for pattern, selectors in self.file.per_file_ignores.items():
            if matches(relative, [pattern]):
                prefixes += self._prefixes(selectors)
        return prefixes

    @cached_property
    def rule_settings(self) -> dict[str, tuple[Severity, Options]]:
        """Each rule's severity and validated options, with ``[rules.<CODE>]`` applied."""
        settings = {rule.code: (rule.severity, rule.options()) for rule in registry.rules()}
        for key, values in self.file.rules.items():
            rule = registry.lookup(key)
            if rule is None:
                raise ConfigError(f"{self._where()}: rules.{key}: unknown rule code or name")
            settings[rule.code] = _rule_settings(rule, values, f"{self._where()}: rules.{key}")
        return settings

    def options(self, rule: Rule) -> Any:
        """The options of ``rule`` for this config."""
        return self.rule_settings[rule.code][1]

    def severity(self, code: str) -> Severity:
        """The severity of the rule with ``code``."""
        return self.rule_settings[code][0]

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The site's timezone."""
        return zoneinfo.ZoneInfo(self.file.timezone)

    @cached_property
    def schema(self) -> Schema:
        """The front-matter schema."""
        section = self.file.front_matter
        if section.model:
            try:
                return user_schema(section.model, str(self.root))
            except Exception as error:  # an import of user code can fail in any way
                raise ConfigError(
                    f"{self._where()}: front-matter.model: cannot load {section.model!r}: {error}"
                ) from error
        return declared_schema(self.file.preset, section.fields, section.strict)

    @cached_property
    def fingerprint(self) -> str:
        """What a cached result depends on besides the file: settings, rules, data, versions."""
        parts = {
            "file": self.file.model_dump(mode="json"),
            "root": str(self.root),
            "overrides": [
                self.overrides.select,
                self.overrides.extend_select,
                self.overrides.ignore,
            ],
            "enabled": sorted(self.enabled),
            "versions": _versions(),
            "data": _catalogue_digest(),
            "inputs": [_digest_of(path) for path in self._input_files()],
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def _input_files(self) -> list[Path]:
        """Files named by the config whose content changes results: a model, a sources file."""
        files = []
        if self.file.front_matter.model:
            spec = importlib.util.find_spec(self.file.front_matter.model.split(":")[0])
            if spec is not None and spec.origin:
                files.append(Path(spec.origin))
        sources = self.file.rules.get("CPY003", {}).get("sources")
        if isinstance(sources, str):
            files.append(self.root / sources)
        return files

    @cached_property
    def cache_folder(self) -> Path:
        """Where results are cached."""
        return self.root / self.file.cache_dir

    def __getstate__(self) -> dict[str, Any]:
        """Pickled for worker processes without what is computed (a schema is a class made at
        run time, which cannot be pickled); each worker computes it again."""
        return {key: self.__dict__[key] for key in ("root", "file", "path", "overrides")}

    def with_overrides(self, overrides: Overrides) -> Config:
        """This config with command-line selection laid over it."""
        return replace(self, overrides=overrides)

    def validate(self) -> Config:
        """Resolve everything that can fail now, so errors surface before any file is read."""
        _ = self.enabled, self.rule_settings, self.schema
        for selectors in self.file.per_file_ignores.values():
            self._prefixes(selectors)
        return self

    def _where(self) -> str:
        return str(self.path) if self.path else "settings"


@cache
def _versions() -> dict[str, str]:
    """The versions results depend on, from the packages themselves (importlib.metadata
    would cost a run 10 ms of start-up)."""
    import lxml
    import markdown_it
    import pydantic
    import yaml

    from postlint import __version__

    return {
        "postlint": __version__,
        "python": sys.version,
        "pydantic": pydantic.VERSION,
        "PyYAML": yaml.__version__,
        "lxml": str(getattr(lxml, "__version__", "?")),  # not in its type stubs
        "markdown-it-py": markdown_it.__version__,
    }


@cache
def _catalogue_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(data_file("").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _digest_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


def _rule_settings(rule: Rule, values: Mapping[str, Any], where: str) -> tuple[Severity, Options]:
    values = dict(values)
    severity = rule.severity
    if "severity" in values:
        try:
            severity = Severity(values.pop("severity"))
        except ValueError as error:
            raise ConfigError(f"{where}.severity: expected error, warning or info") from error
    try:
        return severity, rule.options.model_validate(values)
    except ValidationError as error:
        raise ConfigError(_describe(error, where)) from error


def _describe(error: ValidationError, where: str) -> str:
    lines = []
    for detail in error.errors():
        path = ".".join(str(part) for part in detail["loc"])
        lines.append(f"{where}{'.' if path else ''}{path}: {detail['msg']}")
    return "\n".join(lines)


def read_config(path: Path) -> Config:
    """Read and validate one config file."""
    return Config(root=path.parent.resolve(), file=read_config_file(path), path=path).validate()


def read_config_file(path: Path) -> ConfigFile:
    """The keys of one config file, validated (without building its schema)."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from error
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("postlint", {})
    try:
        file = ConfigFile.model_validate(data)
    except ValidationError as error:
        prefix = f"{path}: " + ("tool.postlint." if path.name == "pyproject.toml" else "")
        raise ConfigError(_describe(error, prefix).replace(": .", ": ")) from error
    return file


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a folder above it."""
    try:
        folder = start.resolve()
    except (OSError, RuntimeError):  # a link loop (RuntimeError before Python 3.13)
        folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            try:
                found = path.is_file() and (name != "pyproject.toml" or _has_postlint_table(path))
            except OSError:  # a folder that cannot be searched (permission denied)
                continue
            if found:
                return path
    return None


def _has_postlint_table(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return "postlint" in tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False


def default_config(root: Path | None = None) -> Config:
    """The settings used where no config file applies."""
    return Config(root=(root or Path.cwd()).resolve())


def load_config(path: str | Path) -> Config:
    """The config for ``path``: the file itself if it is a config file, else the nearest one."""
    target = Path(path)
    if target.is_file() and (target.suffix == ".toml"):
        return read_config(target)
    found = find_config(target)
    return read_config(found) if found else default_config(target if target.is_dir() else None)


__all__ = ["Config", "ConfigError", "ConfigFile", "Overrides", "load_config"]
