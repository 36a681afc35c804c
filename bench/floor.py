"""The floor: only what any post checker must do, to measure postlint against.

For each post under FOLDER (``.md``, ``.markdown``, ``.html``): read it, decode it, split the
front matter off, compose the YAML with the C loader, and parse the body with lxml's HTML
parser. No rules, no Markdown tokenising, no output. Prints one JSON object: the number of
files and the seconds spent in each stage, summed over the files (in every process).

    python bench/floor.py FOLDER [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from contextlib import suppress
from multiprocessing import Pool

import yaml
from lxml import etree

SUFFIXES = (".md", ".markdown", ".html")
STAGES = ("read_split", "compose", "lxml")
_PARSER = etree.HTMLParser()

Timings = tuple[float, float, float]


def posts(folder: str) -> list[str]:
    """The posts under ``folder``, sorted; hidden folders (a cache) are skipped."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [os.path.join(root, name) for name in files if name.endswith(SUFFIXES)]
    return sorted(found)


def split(text: str) -> tuple[str, str]:
    """The front matter (empty if there is none) and the body."""
    if not text.startswith("---"):
        return "", text
    end = text.find("\n---", 3)
    if end < 0:
        return "", text
    body = text.find("\n", end + 4)
    return text[3:end], text[body + 1 :] if body >= 0 else ""


def check(path: str) -> Timings:
    """Do the floor's work on one post; the seconds each stage took."""
    start = time.perf_counter()
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", "replace")
    front_matter, body = split(text)
    split_done = time.perf_counter()
    with suppress(yaml.YAMLError):
        yaml.compose(front_matter, Loader=yaml.CSafeLoader)
    composed = time.perf_counter()
    if body.strip():
        with suppress(etree.LxmlError, ValueError):
            etree.fromstring(body, _PARSER)
    return split_done - start, composed - split_done, time.perf_counter() - composed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--jobs", type=int, default=1, help="processes (default: 1)")
    args = parser.parse_args()
    paths = posts(args.folder)
    if args.jobs <= 1:
        timings = [check(path) for path in paths]
    else:
        chunk = max(1, min(64, len(paths) // (args.jobs * 8)))
        with Pool(args.jobs) as pool:
            timings = list(pool.imap_unordered(check, paths, chunksize=chunk))
    totals = {stage: sum(t[i] for t in timings) for i, stage in enumerate(STAGES)}
    print(json.dumps({"files": len(paths), **totals}))


if __name__ == "__main__":
    main()
