"""Whitespace squeezing keeps what the browser renders and every byte of raw-text elements."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from casefile.outputs.minify import squeeze

PAGE = """<!doctype html>
<html>
  <head>
    <script>var a = 1;

        var b = "  two  ";</script>
    <style>
      p { color: red; }
    </style>
  </head>
  <body>

    <p>Some    text
        continues <b>here</b>
    </p>
    <pre>  line one

        line three</pre>
    <textarea>
  kept   </textarea>
  </body>
</html>
"""


def structure(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(tag.name, re.sub(r"\s+", " ", tag.get_text()).strip())
            for tag in soup.find_all(True)]


def test_whitespace_runs_with_line_breaks_become_one_line_break() -> None:
    out = squeeze(PAGE)
    assert "<body><p>Some    text\ncontinues <b>here</b>\n</p>" in out  # body, p: blocks
    assert not re.search(r"\n[ \t]", re.sub(r"<(pre|textarea|script|style).*?</\1>", "", out,
                                             flags=re.S))
    assert len(out) < len(PAGE)


def test_raw_text_elements_are_untouched() -> None:
    out = squeeze(PAGE)
    for name in ("pre", "textarea", "script", "style"):
        before = re.search(rf"<{name}>.*?</{name}>", PAGE, re.S).group(0)
        assert before in out


def test_the_rendered_structure_is_the_same() -> None:
    assert structure(squeeze(PAGE)) == structure(PAGE)

