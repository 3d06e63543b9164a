"""The theme's search sections of a page, found without the theme's HTML parser.

Material's search plugin splits each page's HTML into sections (a heading with an ``id`` and
what follows it) with a ``Parser`` built on Python's ``html.parser``: pure Python for every
tag, and each tag checked against the whole stack of open elements. ``sections`` gives the
same sections (title, text and id, as lists of the same strings) for HTML written the way
casefile and Python-Markdown write it: known tags in lower case, attribute values in double
quotes, no comments, scripts or styles, no ``<`` that does not start a tag, nothing excluded
from search. It returns None for anything else, and the theme's own parser reads that page.

Within that subset it follows the theme's parser step by step (the same events, in the same
order, with the same tests), with counts of the open tags instead of scans of the stack:
elements compare by tag name there, so a count answers "is one open" exactly.
``tests/test_search_sections.py`` compares the two on every page of the fixture projects, a
synthetic project and hostile markup. Nothing here imports the theme.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

# The tags html.parser reads the same way in every Python version (no raw text, like
# <script>, <style>, <textarea> or <title>); a page with any other tag goes to the theme.
PLAIN = frozenset((
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
    "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s",
    "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr"))
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"))  # the theme's list of empty elements
KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))  # kept in the text
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
TOKEN = re.compile(  # a run of text, or a tag: name, attributes in double quotes, "/"
    r'([^<]+)|<(/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9_.:-]*(?:="[^"<>]*")?)*)( ?/)?>')
ATTR = re.compile(r' ([a-z][a-z0-9_.:-]*)(?:(=)"([^"<>]*)")?')
EXCLUDED = ("data-search-exclude", "linenodiv")  # the theme's exclusions: its parser's job


class Part:
    """A section as the theme's parser leaves it: the tag of the heading that opened it
    ("hx" for the part before any), its depth, its title and text pieces and its id."""

    __slots__ = ("depth", "id", "tag", "text", "title")

    def __init__(self, tag: str, depth: float = 0) -> None:
        self.tag = tag
        self.depth = depth
        self.title: list[str] = []
        self.text: list[str] = []
        self.id: str | None = None

    def is_excluded(self) -> bool:
        return False  # pages with anything excluded are left to the theme


class OutsideError(Exception):
    """The page holds something outside the subset; the theme's parser reads it."""


def attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes as html.parser gives them (the last of a repeated name wins)."""
    return {m[1]: (unescape(m[3]) if m[3] else m[3]) if m[2] else None
            for m in ATTR.finditer(text)}


def sections(html: str) -> list[Part] | None:
    """The theme parser's sections of ``html``, or None when it is not in the subset."""
    if any(word in html for word in EXCLUDED):
        return None
    try:
        return _read(html)
    except OutsideError:
        return None


def _read(html: str) -> list[Part]:
    """The theme's ``Parser`` fed ``html``, event for event (a run of text, a start tag, an
    end tag; an empty element's tag is both), for the subset (see the module)."""
    parts: list[Part] = []
    part: Part | None = None  # the section being written, made at the first event
    context: list[str] = []  # the open elements' tags
    count = dict.fromkeys(PLAIN, 0)  # how many of each tag are open
    links: list[bool] = []  # for each open <a>: is it a heading's permalink
    tags = 0  # only a "<" that starts no tag it knows is passed over: counted at the end
    for match in TOKEN.finditer(html):  # one at a time: a long page's tokens are not held
        raw, closing, tag, attrs, empty = match.groups()
        if raw:
            if part is None:
                part = Part("hx")
                parts.append(part)
            _text(part, raw, count["pre"], count.get(part.tag, 0), links)
            continue
        tags += 1
        if tag not in PLAIN or (closing and (attrs or empty)):
            raise OutsideError(tag)
        if not closing and tag not in VOID:
            context.append(tag)
            count[tag] += 1
            if tag == "a":
                links.append('class="' in attrs and attributes(attrs).get("class") == "headerlink")
            elif attrs and tag in HEADINGS:
                part = _heading(parts, tag, attributes(attrs), len(context)) or part
            if part is None:
                part = Part("hx")
                parts.append(part)
            if tag in KEEP:
                (part.title if count.get(part.tag) else part.text).append(f"<{tag}>")
        if not (closing or empty) or not context or context[-1] != tag:
            continue
        assert part is not None  # an element is open, so a section was made
        if part.depth > len(context):
            part = _leave(parts, part, len(context))
        context.pop()
        count[tag] -= 1
        if tag == "a":
            links.pop()
        if tag in KEEP:
            _close(part.title if count.get(part.tag) else part.text, tag)
    if tags != html.count("<"):  # a "<" that starts no tag the subset knows
        raise OutsideError(html)
    return parts


def _text(part: Part, raw: str, pre: int, heading: int, links: list[bool]) -> None:
    """A run of text: into the title inside the section's heading (``heading``: open),
    unless in its permalink, else into the text; white space collapsed outside <pre>."""
    if "&" in raw:
        data = unescape(raw)
        shown = escape(data, quote=False)
    else:  # nothing to unescape, and no "<" in a run of text: only ">" to escape
        data = raw
        shown = raw.replace(">", "&gt;") if ">" in raw else raw
    if not pre:
        if data.isspace():
            data = shown = " "
        elif "\n" in data:
            data = data.replace("\n", " ")
            shown = shown.replace("\n", " ")
    if heading:
        if not any(links):
            part.title.append(shown)
    elif data.isspace():
        text = part.text
        if not text or not text[-1].isspace() or pre:
            text.append(data)
    else:
        part.text.append(shown)


def _heading(parts: list[Part], tag: str, attrs: dict[str, str | None], depth: int
             ) -> Part | None:
    """A heading with an id opens a section (after an untitled one, if it comes first and
    is not an h1); None for a heading without one."""
    if "id" not in attrs:
        return None
    if tag != "h1" and not parts:
        parts.append(Part("hx", depth))
    part = Part(tag, depth)
    if parts:
        part.id = attrs["id"]
    parts.append(part)
    return part


def _leave(parts: list[Part], part: Part, depth: int) -> Part:
    """An element closes around a heading nested in it: back to the latest section at or
    above that depth; the one left is never returned to."""
    for earlier in reversed(parts):
        if earlier.depth <= depth:
            part.depth = float("inf")
            return earlier
    return part


def _close(data: list[str], tag: str) -> None:
    """A kept tag's end, as the theme writes it: dropped with its opening (the first one
    in ``data``) if nothing but white space follows that, written otherwise."""
    try:
        index = data.index(f"<{tag}>")
    except ValueError:
        raise OutsideError(tag) from None  # the theme's parser fails here; let it
    for piece in data[index + 1:]:
        if not piece.isspace():
            data.append(f"</{tag}>")
            return
    del data[index:]


THEIRS = ("material.plugins.search.plugin", "SearchIndex")  # the index whose parser this is


def quicken(index: Any) -> bool:
    """Make Material's search ``index`` find the sections of pages in the subset here;
    False, and the index left as it is, for any other kind of index."""
    kind = type(index)
    if ((kind.__module__, kind.__name__) != THEIRS
            or not callable(getattr(index, "create_entry_for_section", None))
            or not callable(getattr(index, "add_entry_from_context", None))):
        return False
    index.add_entry_from_context = indexer(index)
    return True


def first_ids(toc: Any) -> dict[Any, Any]:
    """Each id in ``toc`` to the item the theme's ``_find_toc_by_id`` finds for it: the
    first in depth-first order, an item before its children, its children before the
    next item."""
    found: dict[Any, Any] = {}

    def walk(items: Any) -> None:
        for item in items:
            found.setdefault(item.id, item)
            walk(item.children)

    walk(toc)
    return found


def indexer(index: Any) -> Any:
    """``add_entry_from_context`` for the theme's search ``index``: the sections found here
    when the page is in the subset, the theme's own method otherwise. Either way each
    section's contents entry is looked up in a table made once per page: the theme walks
    the whole contents list for every section, which is quadratic in a page's headings
    (a timeline of 12,005 entries: 10.6 s of CPU, against 0.006 s for the table)."""
    theirs = index.add_entry_from_context
    their_find = index._find_toc_by_id
    current: list[Any] = [None, {}]  # the page's contents list being indexed, its table

    def find(toc: Any, id: Any) -> Any:
        if toc is not None and toc is current[0]:
            return current[1].get(id)
        return their_find(toc, id)

    index._find_toc_by_id = find

    def add_entry_from_context(page: Any) -> None:
        toc = page.toc
        current[:] = [toc, first_ids(toc)] if toc is not None else [None, {}]
        try:
            return _add(page)
        finally:
            current[:] = [None, {}]

    def _add(page: Any) -> None:
        html, search = page.content, page.meta.get("search")
        if (search and not isinstance(search, dict)) or not isinstance(html, str):
            return theirs(page)  # whatever the theme makes of these
        if search and search.get("exclude"):
            return None  # as the theme: the page is left out of search
        found = sections(html)
        if found is None:
            return theirs(page)
        for part in found:
            index.create_entry_for_section(part, page.toc, page.url, page)
        return None

    return add_entry_from_context
