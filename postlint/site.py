"""The site a post belongs to: its root folder, its ``baseurl``, and which files it has.

Local image paths are resolved here: percent-decoded, query and fragment dropped, the
``baseurl`` stripped, and compared case-sensitively (a macOS or Windows checkout would find
``Photo.JPG`` for ``photo.jpg``; the web server will not). A path that leaves the site root is
never looked up.
"""

from __future__ import annotations

import os
import re
from functools import cache
from urllib.parse import unquote, urlsplit

SITE_MARKERS = ("_config.yml", "hugo.toml", "config.toml", "config.yaml")
_BASEURL = re.compile(r"""^baseurl:[ \t]*["']?([^"'\r\n#]*?)["']?[ \t]*(?:#.*)?$""", re.M)


@cache
def find_site_root(folder: str, config_root: str, config_file: bool) -> str:
    """The nearest folder at or above ``folder`` with a site marker or the postlint config
    file; failing that, the config's folder (the current folder when there is no config)."""
    current = os.path.abspath(folder)
    while True:
        if (config_file and current == config_root) or any(
            os.path.isfile(os.path.join(current, marker)) for marker in SITE_MARKERS
        ):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return config_root
        current = parent


@cache
def read_baseurl(site_root: str) -> str:
    """``baseurl`` from the site's ``_config.yml``, or ''."""
    try:
        with open(os.path.join(site_root, "_config.yml"), encoding="utf-8") as handle:
            match = _BASEURL.search(handle.read())
    except (OSError, UnicodeDecodeError):
        return ""
    return match.group(1).strip() if match else ""


def local_path(url: str, post_folder: str, site_root: str, baseurl: str) -> str | None:
    """The file a local URL names (None when it leaves the site root).

    An absolute path (``/assets/x.png``) is taken from the site root after the baseurl is
    removed; a relative one from the post's folder.
    """
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/"):
        prefix = "/" + baseurl.strip("/")
        if baseurl.strip("/") and (path == prefix or path.startswith(prefix + "/")):
            path = path[len(prefix) :]
        target = os.path.normpath(os.path.join(site_root, path.lstrip("/")))
    else:
        target = os.path.normpath(os.path.join(post_folder, path))
    root = os.path.normpath(site_root)
    if target != root and not target.startswith(root + os.sep):
        return None
    return target


def exists_exactly(path: str) -> bool:
    """Whether ``path`` exists with exactly this spelling, in every component."""
    if not os.path.exists(path):
        return False
    parent, name = os.path.split(path)
    if not name or parent == path:
        return True
    return name in _listing(parent, os.stat(parent).st_mtime_ns) and exists_exactly(parent)


@cache
def _listing(folder: str, mtime: int) -> frozenset[str]:
    """A folder's names; keyed by its mtime, so a file added since is seen."""
    try:
        return frozenset(os.listdir(folder))
    except OSError:
        return frozenset()


def is_local(url: str) -> bool:
    """A URL with no scheme and no host: a path on the site."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc and bool(parts.path)


def mirrored_path(value: str, mirrors: dict[str, str], site_root: str) -> str | None:
    """The file a mirrored image value names (``local-images:/2024/x.jpg``), if a mirror fits."""
    for prefix, folder in mirrors.items():
        if value.startswith(prefix):
            rest = unquote(re.split(r"[?#]", value[len(prefix) :], maxsplit=1)[0])
            target = os.path.normpath(os.path.join(site_root, folder, rest.lstrip("/")))
            base = os.path.normpath(os.path.join(site_root, folder))
            return target if target.startswith(base + os.sep) else None
    return None
