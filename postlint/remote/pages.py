"""A post's URL on the site, the page a reader's browser requests its images from.

The URL is option ``site-url`` plus the post's ``permalink`` front-matter field or, without
one, the ``permalink`` option's pattern (Jekyll's placeholders ``:year``, ``:month``, ``:day``
and ``:title``, the title being the file name less its date, or the ``slug`` field).
"""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath
from urllib.parse import quote

_DATED_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-(.+)")


def page_url(
    site_url: str,
    pattern: str,
    *,
    permalink: str | None,
    moment: datetime.datetime | None,
    path: str,
    slug: str | None,
) -> str:
    """The post's URL: ``site_url`` joined with its permalink (a pattern filled in from the
    post's date and file name when the post has no ``permalink``)."""
    if permalink is None:
        stem = PurePath(path).stem
        dated = _DATED_NAME.fullmatch(stem)
        values = {":title": slug or (dated.group(1) if dated else stem)}
        if moment is not None:
            values |= {":year": f"{moment:%Y}", ":month": f"{moment:%m}", ":day": f"{moment:%d}"}
        permalink = re.sub(
            r":(?:year|month|day|title)", lambda m: values.get(m.group(0), ""), pattern
        )
        permalink = re.sub(r"/{2,}", "/", permalink)
    path_part = quote("/" + permalink.lstrip("/"), safe="/%:@!$&'()*+,;=-._~?#")
    return site_url.rstrip("/") + path_part
