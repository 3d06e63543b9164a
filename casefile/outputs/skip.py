"""Where "Skip to content" lands. Material's skip link points at the page's first contents
entry. A Markdown page's "# Title" is that entry; a page made from data (a case, a body, a
stored copy) writes its title as an HTML ``<h1 id=…>``, which the contents list does not
see, so the link jumped past the title and the summary to the first ``<h2>``.
``leading_title`` finds such an h1, when it is the page's first heading, so the adapter can
put it first in the contents with the other entries under it, as on a Markdown page (the
contents list shown beside the page is unchanged: Material lists the h1's children).
``focusable_title`` gives that h1 (on every page) ``tabindex="-1"``, so following the skip
link moves focus to the title itself: a screen reader reads it out, and the next Tab goes
on from there."""

from __future__ import annotations

import html as html_lib
import re

_FIRST_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'(?:^|\s)id="([^"]+)"')  # not data-id=
_TAG = re.compile(r"<[^>]+>")


def leading_title(content: str) -> tuple[str, str] | None:
    """The (id, text) of the page's first heading when it is an h1 with an id; else None."""
    first = _FIRST_HEADING.search(content)
    if first is None or first.group(1) != "1":
        return None
    found = _ID.search(first.group(2))
    if found is None:
        return None
    text = html_lib.unescape(_TAG.sub("", first.group(3))).strip()
    return html_lib.unescape(found.group(1)), text


def focusable_title(content: str) -> str:
    """``content`` with ``tabindex="-1"`` on its first heading when that is an h1 with an id
    and no tabindex of its own (focusable by the skip link, not a tab stop)."""
    first = _FIRST_HEADING.search(content)
    if first is None or first.group(1) != "1" or _ID.search(first.group(2)) is None:
        return content
    if re.search(r"(?:^|\s)tabindex=", first.group(2)):
        return content
    at = first.end(2)
    return f'{content[:at]} tabindex="-1"{content[at:]}'
