"""Generated pages' Markdown converted without a Markdown parser, when it is simple enough.

A generated page's Markdown (``macros/pages/``) is only headings, HTML blocks and the
markers ``<cf-block n="N"></cf-block>`` that the builder swaps for pre-rendered HTML. A
full Python-Markdown pass over it (a new parser with every extension, for each of 11,000
pages at 1000 cases) cost more than any other part of our own build. ``convert`` writes
the same HTML, contents entries and anchor ids Python-Markdown writes for such a page
(``tests/test_fastmd.py`` compares the two on every generated page of the fixture
projects), and returns None for anything else: a line it does not know, a heading with
characters Markdown would treat as markup, a Markdown configuration it does not mirror.
The builder then converts that page as it always did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, unique

# Extensions that do not change what a page of headings, HTML blocks and markers becomes
# (they act on tables, fences, admonitions and definition lists, which such a page does not
# have). With any other extension, or any option of ``toc`` but ``permalink``, every page
# goes through Python-Markdown.
HARMLESS = frozenset({"toc", "tables", "fenced_code", "admonition", "def_list",
                      "pymdownx.highlight", "pymdownx.superfences"})
_HEADING = re.compile(r"(#{2,6}) ([A-Za-z0-9][A-Za-z0-9 ,.:;?!()'-]*[A-Za-z0-9.?!)])")
_MARKER = re.compile(r'<cf-block n="\d+"></cf-block>')
# Block-level tags Python-Markdown takes an HTML block to start with (a subset).
_BLOCK_TAG = re.compile(r"<(p|div|h1|ul|ol|dl|table|nav|section|aside|figure|details"
                        r"|blockquote|form)[\s>]")
_UNSAFE_HTML = re.compile(r"<!|<\?|markdown=|<(?:script|style|pre|textarea)\b", re.I)


@dataclass
class Converted:
    html: str
    toc_tokens: list[dict[str, Any]]  # as Python-Markdown's toc extension gives them
    anchor_ids: set[str]  # every id on the page, as MkDocs collects them
    self_links: dict[str, str] = field(default_factory=dict)  # the headings' permalinks


def settings(extensions: list[Any], configs: dict[str, Any]) -> bool | None:
    """The toc permalink setting (True or False) when the site's Markdown configuration is
    one ``convert`` mirrors; None when pages must go through Python-Markdown."""
    names = {str(e).removeprefix("markdown.extensions.") for e in extensions}
    if "toc" not in names or not names <= HARMLESS or not all(isinstance(e, str)
                                                            for e in extensions):
        return None
    toc = dict(configs.get("toc") or configs.get("markdown.extensions.toc") or {})
    permalink = toc.pop("permalink", False)
    if toc or permalink not in (True, False):
        return None
    return bool(permalink)


class _Ids(HTMLParser):
    """The ids MkDocs collects from a page's raw HTML (and ``<a name>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value is not None and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


def _html_block(lines: list[str], start: int) -> int | None:
    """The index just past an HTML block starting at ``lines[start]``, when it is one
    Python-Markdown keeps whole: a block-level tag opening the line, closed at the end of
    the block's last line (before a blank line or the end) and not before."""
    opened = _BLOCK_TAG.match(lines[start])
    if opened is None:
        return None
    end = start
    while end < len(lines) and lines[end]:
        end += 1
    text = "\n".join(lines[start:end])
    if _UNSAFE_HTML.search(text):
        return None
    tag = opened.group(1)
    tags = list(re.finditer(rf"<(/?){tag}[\s>]", text))
    depth = 0
    for number, found in enumerate(tags, 1):
        depth += -1 if found.group(1) else 1
        if depth == 0 and number < len(tags):  # closed before the block ends
            return None
    if depth != 0 or not text.endswith(f"</{tag}>"):
        return None
    return end


def convert(markdown: str, permalink: bool) -> Converted | None:
    """``markdown`` as Python-Markdown (with the toc extension) converts it, or None when
    it holds anything but headings (levels 2 to 6, plain words), HTML blocks and markers,
    each set off by blank lines."""
    if "\t" in markdown or "\r" in markdown:
        return None
    lines = [line if line.strip() else "" for line in markdown.split("\n")]
    out: list[str] = []
    raw: list[str] = []
    headings: list[tuple[int, str]] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        if not line:
            at += 1
            continue
        heading = _HEADING.fullmatch(line)
        if heading:
            headings.append((len(heading.group(1)), heading.group(2)))
            out.append(f"\0{len(headings) - 1}")
            at += 1
            continue
        after = at
        while after < len(lines) and _MARKER.fullmatch(lines[after]):
            after += 1
        if after > at:  # markers, one paragraph, ended by a blank line or a heading
            if after < len(lines) and lines[after] and not _HEADING.fullmatch(lines[after]):
                return None
            out.append("<p>" + "\n".join(lines[at:after]) + "</p>")
            at = after
            continue
        if at and lines[at - 1]:  # an HTML block must follow a blank line
            return None
        end = _html_block(lines, at)
        if end is None:
            return None
        block = "\n".join(lines[at:end])
        raw.append(block)
        out.append(block + "\n")
        at = end
    return _finish(out, headings, raw, permalink)


def _finish(out: list[str], headings: list[tuple[int, str]], raw: list[str],
            permalink: bool) -> Converted:
    used: set[str] = set()
    counters: dict[str, int] = {}
    tokens: list[dict[str, Any]] = []
    self_links: dict[str, str] = {}
    for level, text in headings:
        slug = unique(slugify(unescape(text), "-"), used, counters)
        tokens.append({"level": level, "id": slug, "name": text, "html": text,
                       "data-toc-label": ""})
        if permalink:
            self_links.setdefault(slug, f"#{slug}")
    parts = []
    for piece in out:
        if piece.startswith("\0"):
            token = tokens[int(piece[1:])]
            slug, level = token["id"], token["level"]
            link = (f'<a class="headerlink" href="#{slug}" title="Permanent link">&para;</a>'
                    if permalink else "")
            piece = f'<h{level} id="{slug}">{token["html"]}{link}</h{level}>'
        parts.append(piece)
    ids = _Ids()
    ids.feed("\n".join(raw))
    ids.close()
    ids.ids.update(token["id"] for token in tokens)
    # nest_toc_tokens empties the list it is given
    return Converted("\n".join(parts).strip(), nest_toc_tokens(tokens), ids.ids, self_links)
