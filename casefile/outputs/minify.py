"""Whitespace squeezing for built HTML: what a browser renders stays exactly the same.

The theme's templates indent deeply and leave many blank lines; on a case page that is
about 3.5 KB of every download. Outside ``<pre>``, ``<textarea>``, ``<script>`` and
``<style>``, a run of whitespace that contains a line break renders as one space, just
as a single line break does, so each such run becomes one ``\\n``. The contents of those
four elements are left byte for byte (script hashes in the CSP depend on it).

A line break between two tags that both open or close a block-level box (``</li>`` and
``<li>``, ``</td>`` and ``<td>``, ``<tr>`` and ``<th>``...) renders as nothing at all: CSS
drops white space between blocks, table parts, flex and grid items, and at the start or
end of a block's line. Such a break is removed (#12: the case page's weight); one next to
anything else (a link, a span, text, a form control) is kept, where it may be a space.

Three more things that change nothing a browser reads: a character reference that need not
be one (``&#39;``, ``&#34;`` and ``&para;`` in text, ``&#39;`` in a double-quoted attribute
value) is written as its character; the values of the attributes a case page repeats most
(``role``, ``aria-labelledby``, ``datetime``, a one-word ``class``, an ``href`` within the
site, and the theme's ``for``, ``type``, ``name``, ``scope`` and ``data-md-*`` hooks) lose
their quotes where HTML does not need them (letters, digits and ``_#.:/-`` only); and a
JSON data block (``<script type="application/json">``, the theme's configuration) loses the
spaces between its items.
"""

from __future__ import annotations

import json
import re

_RAW = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_RUN = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
#: Elements the theme's and casefile's stylesheets show as blocks, list items, table parts
#: or not at all (never inline): white space between two of their tags is not rendered.
BLOCKS = frozenset((
    "html", "head", "body", "meta", "link", "title", "base", "div", "p", "ul", "ol", "li", "dl",
    "dt", "dd", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th",
    "td", "nav", "header", "footer", "main", "article", "section", "aside", "form", "fieldset",
    "legend", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "figure", "figcaption",
    "hr", "blockquote", "address", "noscript"))
_BETWEEN = re.compile(r"(</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>)\n(?=</?([a-zA-Z][a-zA-Z0-9]*)\b)")


def _between(match: re.Match[str]) -> str:
    """A tag followed by a line break and another tag: the break goes between blocks."""
    if match.group(2).lower() in BLOCKS and match.group(3).lower() in BLOCKS:
        return match.group(1)
    return match.group(0)


_TAG = re.compile(r"(<[^<>]*>)")
_IN_TEXT = {"&#39;": "'", "&#34;": '"', "&para;": "\u00b6"}
_REF = re.compile("|".join(_IN_TEXT))
_DOUBLE_QUOTED = re.compile(r'="[^"]*"')
_JSON = re.compile(r'(<script\b[^>]*\btype="application/json"[^>]*>)(.*?)(</script\s*>)',
                   re.S | re.I)
#: Written as \uXXXX in a data block, as Jinja's tojson does: never markup inside a script.
_JSON_SAFE = {ord(c): f"\\u{ord(c):04x}" for c in "<>&'"}


#: Attributes written without quotes when their value allows it (an href only within the
#: site, a relative address: harden.py and links.py read the others, quoted).
_BARE = re.compile(r'(?<=\s)(role|aria-labelledby|aria-describedby|datetime|class|href|for|'
                   r'type|name|scope|data-md-(?:component|toggle|type|level))'
                   r'="([A-Za-z0-9_#.:/-]+)"')


def _bare(match: re.Match[str]) -> str:
    if match[1] == "href" and (":" in match[2] or match[2].startswith("/")):
        return match[0]
    return f"{match[1]}={match[2]}"


def _tag(tag: str) -> str:
    """A start tag: needless references and quotes written out."""
    if "&#39;" in tag:  # only in double-quoted values, where a ' ends nothing
        tag = _DOUBLE_QUOTED.sub(lambda m: m[0].replace("&#39;", "'"), tag)
    return _BARE.sub(_bare, tag) if '="' in tag else tag


def _characters(html: str) -> str:
    """Write references that need not be references as their characters, and leave out
    quotes a few attributes do not need."""
    parts = _TAG.split(html)
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = _tag(part)
        elif "&" in part:
            parts[i] = _REF.sub(lambda m: _IN_TEXT[m[0]], part)
    return "".join(parts)


def _squeeze(text: str) -> str:
    return _characters(_BETWEEN.sub(_between, _RUN.sub("\n", text)))


def _raw(element: str) -> str:
    """A raw-text element, byte for byte, but for a JSON data block's spaces."""
    match = _JSON.fullmatch(element)
    if match is None:
        return element
    try:
        data = json.loads(match[2])
    except ValueError:
        return element
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SAFE)
    return match[1] + text + match[3]


def squeeze(html: str) -> str:
    """Collapse every whitespace run that contains a line break to one line break, drop it
    where it stands between two block-level tags, and write needless references and JSON
    spaces out."""
    out: list[str] = []
    pos = 0
    for match in _RAW.finditer(html):
        out.append(_squeeze(html[pos:match.start()]))
        out.append(_raw(match.group(0)))
        pos = match.end()
    out.append(_squeeze(html[pos:]))
    return "".join(out)
