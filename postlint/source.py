"""Reading a post from disk and decoding it, with PL00x findings for what goes wrong.

A file is opened only when it is a regular file, without blocking (a FIFO is never read), and
read only up to the size cap. Text is UTF-8; a UTF-16 or UTF-32 file with a byte-order mark is
decoded too. Anything else gets a finding at the first byte that is not UTF-8 text.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field

from postlint.diagnostics import Finding
from postlint.positions import Span

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded file: its text, and findings about its bytes (``checkable`` False: no rules)."""

    text: str
    findings: tuple[Finding, ...] = field(default=())
    checkable: bool = True


def read_bytes(path: str, max_size: int) -> bytes | Finding:
    """The bytes of the regular file at ``path``, or a PL001/PL005 finding."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return Finding("PL001", Span(0, 0), _not_a_file(path, info.st_mode))
        if info.st_size > max_size:
            return _too_large(info.st_size, max_size)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                return Finding("PL001", Span(0, 0), "cannot read: the file changed while read")
            # Asking for the file's size, not the cap, spares a cap-sized buffer per file.
            data = handle.read(min(opened.st_size, max_size) + 1)
            if len(data) > opened.st_size:  # it grew while read: read on, up to the cap
                data += handle.read(max_size + 1 - len(data))
    except OSError as error:
        return Finding("PL001", Span(0, 0), f"cannot read: {_reason(error)}")
    if len(data) > max_size:
        return _too_large(len(data), max_size)
    return data


def decode(data: bytes) -> SourceText:
    """Decode a post's bytes: UTF-8, or UTF-16/32 with a BOM; PL002/PL003 as needed."""
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            bom_finding = _bom_finding(label)
            if encoding == "utf-8":
                decoded = _decode_utf8(body, len(bom))
                return SourceText(decoded.text, (bom_finding, *decoded.findings), decoded.checkable)
            try:
                return SourceText(body.decode(encoding), (bom_finding,))
            except UnicodeDecodeError as error:
                text = body[: error.start].decode(encoding, errors="replace")
                return _not_text(text, f"invalid {label} at byte {error.start + len(bom)}")
    return _decode_utf8(data)


def from_text(text: str) -> SourceText:
    """Text given as a string (the API's ``lint_text``), read as its UTF-8 file would be: a
    leading U+FEFF is a BOM (PL003, and not part of the text); PL002 at a lone surrogate,
    which no decoded file holds and which the parsers cannot encode."""
    bom: tuple[Finding, ...] = ()
    if text.startswith("\ufeff"):
        text, bom = text[1:], (_bom_finding("UTF-8"),)
    surrogate = _SURROGATE.search(text)
    if surrogate is None:
        return SourceText(text, bom)
    at = surrogate.start()
    cut = _not_text(text[:at], f"not Unicode text: a lone surrogate U+{ord(text[at]):04X}")
    return SourceText(cut.text, (*bom, *cut.findings), False)


def _bom_finding(label: str) -> Finding:
    return Finding(
        "PL003",
        Span(0, 0),
        f"the file starts with a {label} byte-order mark; "
        "expected UTF-8 without one, as static site generators read it",
    )


def _decode_utf8(data: bytes, base: int = 0) -> SourceText:
    """``data`` as UTF-8; ``base`` bytes (a BOM) came before it, for the offsets in messages."""
    nul = data.find(b"\x00")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if nul == -1 or error.start < nul:
            prefix = data[: error.start].decode("utf-8")
            return _not_text(
                prefix,
                f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {base + error.start} "
                "cannot be decoded; re-save the file as UTF-8",
            )
    if nul != -1:
        prefix = data[:nul].decode("utf-8", errors="replace")
        return _not_text(
            prefix, f"binary file: NUL byte at offset {base + nul}; expected UTF-8 text"
        )
    return SourceText(text)


def _not_text(prefix: str, message: str) -> SourceText:
    """A file that is not checked: the finding sits where the decodable prefix ends."""
    return SourceText(prefix, (Finding("PL002", Span(len(prefix), len(prefix)), message),), False)


def _too_large(size: int, max_size: int) -> Finding:
    return Finding(
        "PL005",
        Span(0, 0),
        f"file is {size:,} bytes, over the max-file-size of {max_size:,}; not checked",
    )


def _not_a_file(path: str, mode: int) -> str:
    if stat.S_ISDIR(mode):
        try:
            os.scandir(path).close()
        except OSError as error:  # a folder a walk could not list
            return f"cannot read the folder: {_reason(error)}; the posts in it were not checked"
    return f"cannot read: {_kind(mode)}, not a file"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "the file does not exist (deleted or a dangling link)"
    if error.errno == errno.EACCES:
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return error.strerror or str(error)
