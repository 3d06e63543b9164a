"""casefile.css is one hand-written file that several parts of the site add to: a block left
open (a lost closing brace) silently swallows every rule after it, as happened when two
additions were merged. The browser tests would notice only the rules they look at."""
from __future__ import annotations

import re

from tests.conftest import REPO

CSS = REPO / "overrides" / "assets" / "casefile.css"


def depths(text: str) -> list[int]:
    """The brace depth after each line, comments and strings left out."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'', '""', text)
    out, depth = [], 0
    for line in text.split("\n"):
        depth += line.count("{") - line.count("}")
        out.append(depth)
    return out


def test_every_block_of_the_stylesheet_is_closed() -> None:
    levels = depths(CSS.read_text(encoding="utf-8"))
    assert min(levels) >= 0
    assert levels[-1] == 0


def test_each_commented_section_starts_at_the_top_level() -> None:
    text = CSS.read_text(encoding="utf-8")
    levels = depths(text)
    for number, line in enumerate(text.split("\n")):
        if line.startswith("/* ") and number:
            assert levels[number - 1] == 0, f"casefile.css:{number + 1}: {line[:60]}"


def test_the_depth_counter_sees_an_unclosed_block() -> None:
    assert depths("a { b: c; }\n@media x {\n  a { b: c; }\n")[-1] == 1
    assert depths('a::before { content: "{"; }\n/* } */\n')[-1] == 0
