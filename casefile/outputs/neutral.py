"""Where ``casefile generate`` puts each page, so that its links work with any builder.

A link in an HTML block is left alone by MkDocs but resolved from the Markdown file by
Zensical. Both agree only where a page's folder in the source is its folder on the web:
so every page ``x.md`` is written as ``x/index.md`` (served at ``x/`` by every builder),
and one relative link is right from the file and from the page's address alike. Markdown
links in hand-written pages (``[how to edit](how-to-edit.md)``) still name the Markdown
file, re-based to the page's new place.
"""

from __future__ import annotations

import posixpath
import re

_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")
# [text](target "title") and ![alt](<target>), and reference definitions [id]: target
_INLINE = re.compile(r"(!?\[[^\]\n]*\]\(\s*)(<[^>\n]*>|[^\s)]+)")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def page_path(src: str) -> str:
    """``about.md`` → ``about/index.md``; an ``index.md`` stays where it is."""
    if not src.endswith(".md") or posixpath.basename(src) == "index.md":
        return src
    return src[: -len(".md")] + "/index.md"


def _rebase(target: str, old: str, new: str) -> str:
    bracketed = target.startswith("<") and target.endswith(">")
    inner = target[1:-1] if bracketed else target
    if not inner or _SCHEME.match(inner):
        return target
    cut = min((i for i in (inner.find("#"), inner.find("?")) if i != -1), default=len(inner))
    path, rest = inner[:cut], inner[cut:]
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(old), path))
    if resolved.startswith("../"):
        return target  # outside the pages: not ours to move
    moved = page_path(resolved)
    rel = posixpath.relpath(moved, posixpath.dirname(new) or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    out = rel + rest
    return f"<{out}>" if bracketed else out


def _line(line: str, old: str, new: str) -> str:
    spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)]

    def fix(match: re.Match[str]) -> str:
        if any(a <= match.start() < b for a, b in spans):
            return match.group(0)
        return match.group(1) + _rebase(match.group(2), old, new)

    return _REFERENCE.sub(fix, _INLINE.sub(fix, line))


def rebase_links(markdown: str, old: str, new: str) -> str:
    """``markdown`` from the page at ``old``, with its relative Markdown links rewritten
    to work from ``new`` and to name moved pages where they now are. Code (fenced blocks,
    code spans) is left as written; the number of lines never changes."""
    out, fence = [], ""
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(line)
        elif opened:
            fence = opened.group(1)
            out.append(line)
        else:
            out.append(_line(line, old, new))
    return "\n".join(out)
