"""Whitespace squeezing for built HTML: what a browser renders stays exactly the same.

The theme's templates indent deeply and leave many blank lines; on a case page that is
about 3.5 KB of every download. Outside ``<pre>``, ``<textarea>``, ``<script>`` and
``<style>``, a run of whitespace that contains a line break renders as one space, just
as a single line break does, so each such run becomes one ``\\n``. The contents of those
four elements are left byte for byte (script hashes in the CSP depend on it).
"""

from __future__ import annotations

import re

_RAW = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_RUN = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def squeeze(html: str) -> str:
    """Collapse every whitespace run that contains a line break to one line break."""
    out: list[str] = []
    pos = 0
    for match in _RAW.finditer(html):
        out.append(_RUN.sub("\n", html[pos:match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_RUN.sub("\n", html[pos:]))
    return "".join(out)
