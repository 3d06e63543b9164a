"""Every YAML example of the How to edit page is a verbatim excerpt of a file of the
fictional example data set (casefile/outputs/examples.py and feature_examples.py), and
that data set passes `casefile check`: the examples cannot drift from what the checker
accepts. The page's quoted messages are pinned in tests/test_howto.py."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from casefile.outputs import examples
from tests.conftest import REPO, copy_project
from tests.test_cli import run

PAGE = REPO / "content" / "how-to-edit.md"
# Blocks that are not data files: the site's mkdocs.yml settings.
NOT_DATA = ("plugins:\n  - casefile:\n      jurisdiction: GB-SCT   # not set: no calendar, "
            "weekends only\n",)


def yaml_blocks(text: str) -> list[str]:
    """The ```yaml blocks of a Markdown page, dedented (a block may sit in a list item)."""
    found = re.findall(r"^( *)```yaml\n(.*?)^\1```$", text, re.M | re.S)
    return [textwrap.dedent(body) for _, body in found]


def excerpt_of(block: str, text: str) -> bool:
    """Whether ``block``'s lines are consecutive lines of ``text``, all indented alike."""
    want, lines = block.splitlines(), text.splitlines()
    for start in range(len(lines) - len(want) + 1):
        first = lines[start]
        pad = first[:len(first) - len(want[0])]
        if first.endswith(want[0]) and not pad.strip() and all(
                lines[start + i] == (pad + line if line else "") for i, line in enumerate(want)):
            return True
    return False


BLOCKS = yaml_blocks(PAGE.read_text(encoding="utf-8"))


def test_the_page_has_an_example_of_each_newer_field() -> None:
    text = "\n".join(BLOCKS)
    for key in ("oversight:", "oversight_frameworks:", "date: by the end of autumn 2022",
                "date: immediately", "published: no date shown", "outcome: partly_met",
                "progress:", "kind: loan", "subject: [", "partners:", "overseers:",
                "parent:", "variant_names:", "original:", "second_hand: true",
                "sources_differ:", "figures:", "indicators:", "until: 2021-06"):
        assert key in text, key
    assert len(BLOCKS) >= 20


@pytest.mark.parametrize("block", [b for b in BLOCKS if b not in NOT_DATA],
                         ids=lambda b: b.splitlines()[0][:40])
def test_each_example_is_an_excerpt_of_the_checked_example_data(block: str) -> None:
    assert any(excerpt_of(block, text) for text in examples.files().values()), block


def test_the_excerpt_test_can_fail() -> None:
    assert excerpt_of("due:\n  date: immediately    # due on the record's own date\n",
                      examples.files()[examples.feature_examples.INSPECTION_PATH])
    assert not excerpt_of("due:\n  date: immediately\n",
                          examples.files()[examples.feature_examples.INSPECTION_PATH])
    assert not excerpt_of("due:\ndate: immediately    # due on the record's own date\n",
                          examples.files()[examples.feature_examples.INSPECTION_PATH])


def test_the_example_data_set_passes_check(tmp_path: Path) -> None:
    root = copy_project(tmp_path, data=False)
    examples.install(root)
    check = run(["check"], root)
    assert (check.returncode, check.stderr) == (0, "")
