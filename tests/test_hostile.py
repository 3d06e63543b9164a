"""The hostile YAML corpus: each file gives one clear file:line:col error (or, where the
input is legitimate, is read correctly), never a traceback, and leaves site/ untouched."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import MINI, copy_project, mkdocs_build, tree_digest, write_tree

REC = "cases/town/records/town-follow-up.yml"
INS = "cases/town/records/town-inspection.yml"
BODY = "bodies/town-council.yml"


def swap(rel: str, old: str, new: str) -> dict[str, str | bytes]:
    assert old in MINI[rel], old
    return {rel: MINI[rel].replace(old, new, 1)}


CORPUS: dict[str, tuple[dict[str, str | bytes], str]] = {
    "duplicate key, top level": (swap(REC, "type: follow_up_inspection\n",
                                      "type: follow_up_inspection\ntype: monitoring\n"),
                                 f"data/{REC}:3:1: type: duplicate key 'type'"),
    "duplicate key, nested": (swap(REC, "    status: improving\n",
                                   "    status: improving\n    status: improved\n"),
                              f"data/{REC}:11:5: status: duplicate key 'status'"),
    "duplicate key, in a list item": (swap(BODY, "  - name: Town Council\n",
                                           "  - name: Town Council\n    name: Again\n"),
                                      f"data/{BODY}:5:5: name: duplicate key 'name'"),
    "unknown key": (swap(REC, "summary:", "sumary: x\nsummary:"),
                    f"data/{REC}:6:1: sumary: unknown key 'sumary'; did you mean 'summary'?"),
    **{f"YAML 1.1 scalar {v}": (swap(REC, "title: Follow-up", f"title: {v}"),
                                f"data/{REC}:3:8: title: {v} is read as a ")
       for v in ("NO", "off", "~", "012345", "0x1F", "1e3", "12:30")},
    "impossible date 2018-02-30": (swap(REC, "date: 2018-03-01", "date: 2018-02-30"),
                                   f"data/{REC}:4:7: date: '2018-02-30' is not a real date"),
    "impossible date 2017-13-01": (swap(REC, "date: 2018-03-01", "date: 2017-13-01"),
                                   f"data/{REC}:4:7: date: '2017-13-01' is not a real date"),
    "alias": (swap(REC, "title: Follow-up", "title: &t Follow-up\nnote_again: *t"),
              f"data/{REC}:3:8: anchor '&t' is not allowed"),
    "merge key": (swap(BODY, "kind: local_authority", "<<: {kind: local_authority}"),
                  f"data/{BODY}:2:1: merge key '<<' is not allowed"),
    "billion laughs": ({REC: "a: &a [lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))}, f"data/{REC}:1:4: anchor '&a' is not allowed"),
    "BOM": ({REC: b"\xef\xbb\xbf" + MINI[REC].encode()},
            f"data/{REC}:1:1: file starts with a UTF-8 byte-order mark"),
    "Windows-1252 bytes": ({REC: MINI[REC].replace("Better.", "Better’s.").encode("cp1252")},
                           f"data/{REC}:12:17: invalid UTF-8 byte 0x92"),
    "NUL byte": ({REC: MINI[REC].encode().replace(b"Follow-up", b"Follow\x00up")},
                 f"data/{REC}:3:14: NUL byte (0x00) in file"),
    "tab indentation": (swap(REC, "    status: improving", "\tstatus: improving"),
                        f"data/{REC}:10:1: YAML syntax error: a tab character"),
    "empty file": ({REC: ""}, f"data/{REC}:1:1: file is empty"),
    "list where a mapping belongs": ({BODY: "- id: town-council\n- kind: local_authority\n"},
                                     f"data/{BODY}:1:1: expected body (a mapping of keys), "
                                     "found a list"),
    "zero-width character in an id": (swap(BODY, "id: town-council", "id: town\u200b-council"),
                                      f"data/{BODY}:1:5: id: 'town\u200b-council' is not a "
                                      "valid id"),
    "id collision across files": ({"bodies/copy.yml": MINI[BODY].replace("town-council",
                                                                         "copy") .replace(
        "id: copy", "id: inspectorate")},
        "data/bodies/inspectorate.yml:1:5: id: duplicate id 'inspectorate': already used at "
        "data/bodies/copy.yml:1:5"),
    "dangling reference": (swap(REC, "finding: f-leadership", "finding: f-nowhere"),
                           f"data/{REC}:9:14: assessments[0].finding: no finding with id "
                           "'f-nowhere'"),
    "circular reference": (swap(INS, "    text: Produce a plan.\n",
                                "    text: Produce a plan.\n    fulfilled_by: town-inspection\n"),
                           f"data/{INS}:19:19: requirements[0].fulfilled_by: 'town-inspection' "
                           "is the record that sets this requirement"),
    "50 MB file": ({REC: b""}, f"data/{REC}:1:1: file is 50.0 MB; a data file may be at most"),
    "deep nesting": ({REC: "a: " + "[" * 5000 + "]" * 5000 + "\n"},
                     f"data/{REC}:1:54: nested more than 50 levels deep"),
    **{f"control character written {e}": (swap(REC, "title: Follow-up", f'title: "Follow{e}up"'),
                                          f"data/{REC}:3:8: control character U+{c} (character "
                                          "7 of the value): text may hold tabs and line breaks")
       for e, c in (("\\x01", "0001"), ("\\0", "0000"), ("\\e", "001B"), ("\\f", "000C"),
                    ("\\r", "000D"))},
    "noncharacter written \\uFFFE": (swap(REC, "title: Follow-up", 'title: "Follow\\uFFFEup"'),
                                     f"data/{REC}:3:8: Unicode noncharacter U+FFFE (character 7 "
                                     "of the value): it is not text"),
    "right-to-left override written \\u202E in a title": (
        swap(REC, "title: Follow-up", 'title: "Follow\\u202Epu"'),
        f"data/{REC}:3:8: U+202E RIGHT-TO-LEFT OVERRIDE (character 7 of the value): an "
        "invisible control that makes text display in another order than it is written; "
        "remove it (Arabic and Hebrew text displays right to left without it)"),
    "raw right-to-left isolate in multi-line text": (
        swap(REC, "summary: The council", "summary: The \u2067council"),
        f"data/{REC}:6:14: U+2067 RIGHT-TO-LEFT ISOLATE: an invisible control"),
    "raw left-to-right embedding in a comment": (
        swap(REC, "id: town-follow-up\n", "id: town-follow-up  # \u202a\n"),
        f"data/{REC}:1:23: U+202A LEFT-TO-RIGHT EMBEDDING: an invisible control"),
    "raw line separator in a title": (
        swap(REC, "title: Follow-up", "title: Follow\u2028up"),
        f"data/{REC}:3:14: U+2028 LINE SEPARATOR: an invisible line break that feeds, scripts "
        "and one-line fields do not expect; remove it, or use a plain line break in text that "
        "may run over several lines"),
    "paragraph separator written \\u2029 in a source title": (
        swap("sources/council-news.yml", "title: Council news", 'title: "Council\\u2029news"'),
        "data/sources/council-news.yml:2:8: U+2029 PARAGRAPH SEPARATOR (character 8 of the "
        "value): an invisible line break"),
    "right-to-left mark in a body name": (
        swap(BODY, "  - name: Town Council", "  - name: Town\u200f Council"),
        f"data/{BODY}:4:11: names[0].name: U+200F RIGHT-TO-LEFT MARK (character 5 of the "
        "value): invisible direction marks are not allowed in one-line fields (titles, names, "
        "ids, links); remove it (Arabic and Hebrew text displays right to left without it)"),
    "Arabic letter mark in a url": (
        swap("sources/report-2017.yml", "https://example.org/report",
             "https://example.org/\u061creport"),
        "data/sources/report-2017.yml:6:6: url: U+061C ARABIC LETTER MARK (character 21 of the "
        "value): invisible direction marks are not allowed in one-line fields"),
    "year 0000": (swap(REC, "date: 2018-03-01", "date: 0000-03-01"),
                  f"data/{REC}:4:7: date: '0000-03-01' is outside the years this site accepts "
                  "(1000 to 2999); check the year"),
    "year 9999": (swap(REC, "date: 2018-03-01", "date: 9999-12-31"),
                  f"data/{REC}:4:7: date: '9999-12-31' is outside the years this site accepts "
                  "(1000 to 2999); check the year"),
    "5,000-digit within": (swap(INS, "within: 20", "within: " + "9" * 5000),
                           f"data/{INS}:20:15: requirements[0].due.within: '"
                           "99999999999999999999... (5000 characters)' is not a whole number "
                           "from 1 to 3650"),
    "5,000-digit amount": (swap("cases/town/case.yml", "amount: 4000000", "amount: " + "9" * 5000),
                           "data/cases/town/case.yml:12:13: money[0].amount: '"
                           "99999999999999999999... (5000 characters)' is too long: an amount "
                           "has at most 18 digits before the point and 4 after"),
    "253-character id": (swap(BODY, "id: town-council", "id: " + "t" * 253),
                         f"data/{BODY}:1:5: id: id 'tttttttttttttttttttt...' is 253 characters "
                         "long; ids may have at most 100, as they name files"),
}
LOCATED = re.compile(r"^data/\S+:\d+:\d+: ", re.M)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    copy_project(root, data=False)
    write_tree(root / "data", MINI)
    assert mkdocs_build(root).returncode == 0
    return root


@pytest.mark.parametrize("name", list(CORPUS))
def test_hostile_file(project: Path, name: str) -> None:
    changes, expected = CORPUS[name]
    before = tree_digest(project / "site")
    written = []
    try:
        for rel, content in changes.items():
            path = project / "data" / rel
            written.append((path, path.read_bytes() if path.exists() else None))
            write_tree(project / "data", {rel: content})
            if name == "50 MB file":
                with path.open("wb") as handle:
                    handle.truncate(50_000_000)
        result = mkdocs_build(project)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        located = LOCATED.findall(output)
        assert len(located) >= 1 and any(line.startswith(expected) for line in
                                         output.splitlines()), output
        assert tree_digest(project / "site") == before
        assert not list(project.glob(".site-*"))
    finally:
        for path, old in written:
            if old is None:
                path.unlink()
            else:
                path.write_bytes(old)


def test_right_to_left_text_is_legitimate(project: Path) -> None:
    """Arabic and Hebrew text is kept, in one-line and multi-line fields, and so are
    direction marks in text that may run over several lines."""
    from bs4 import BeautifulSoup

    title, summary = "متابعة Follow-up", "המועצה \u200fדיווחה (2018) on progress."
    path = project / "data" / REC
    old = path.read_bytes()
    path.write_text(MINI[REC].replace("title: Follow-up", f"title: {title}").replace(
        "summary: The council reported progress.", f"summary: {summary}"), encoding="utf-8")
    try:
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        html = (project / "site" / "cases" / "town" / "index.html").read_text(encoding="utf-8")
    finally:
        path.write_bytes(old)
    text = BeautifulSoup(html, "html.parser").get_text()
    assert title in text and summary in text


def test_crlf_is_legitimate(project: Path) -> None:
    path = project / "data" / REC
    old = path.read_bytes()
    path.write_bytes(old.replace(b"\n", b"\r\n"))
    try:
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        assert "The council reported progress." in (
            project / "site" / "cases" / "town" / "index.html").read_text(encoding="utf-8")
    finally:
        path.write_bytes(old)


# One character from every Unicode plane (0-16), then hostile Markdown: a page title must
# reach the page as this exact text, never as front matter shown through Markdown.
EVERY_PLANE = "é" + "".join(chr(plane << 16 | 0x1F600 & 0xFFFF) for plane in range(1, 17))
HOSTILE_TITLE = f"[x](javascript:alert(1)) ![i](data:image/png;base64,AA) <b>&</b> {EVERY_PLANE}"


def test_titles_from_every_plane_survive_front_matter(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    copy_project(tmp_path, data=False)
    quoted = '"' + HOSTILE_TITLE.replace('"', '\\"') + '"'
    files = dict(MINI)
    files["cases/town/case.yml"] = MINI["cases/town/case.yml"].replace(
        "title: Town Council children's services", f"title: {quoted}")
    files[BODY] = MINI[BODY].replace("  - name: Town Council", f"  - name: {quoted}")
    write_tree(tmp_path / "data", files)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr
    for page, heading in (("cases/town", "case-title"), ("bodies/town-council", "body-name")):
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.title is not None and soup.title.string is not None
        assert soup.title.string.startswith(f"{HOSTILE_TITLE} - "), soup.title.string
        h1 = soup.find("h1", id=heading)
        assert h1 is not None and h1.get_text() == HOSTILE_TITLE
        article = soup.find("article")
        assert article is not None and "title:" not in article.get_text()
        assert not [a for a in soup.find_all("a") if "javascript" in str(a.get("href"))]
        assert not [i for i in soup.find_all("img") if "data:" in str(i.get("src"))]


def test_unreadable_front_matter_is_a_build_error(project: Path) -> None:
    page = project / "content" / "about.md"
    old = page.read_text(encoding="utf-8")
    page.write_text(old.replace("title: About", "title: About: [x](javascript:alert(1))"),
                    encoding="utf-8")
    before = tree_digest(project / "site")
    try:
        result = mkdocs_build(project)
    finally:
        page.write_text(old, encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("content/about.md:2:13: front matter: mapping values are not allowed here; it "
            "would be published as page text (quote the value, e.g. title: \"...\")"
            ) in result.stderr.splitlines(), result.stderr
    assert tree_digest(project / "site") == before


def test_front_matter_problem_exact_text() -> None:
    from casefile.errors import Problem
    from casefile.outputs.render import front_matter_problem, yaml_string

    assert front_matter_problem("# no front matter\n", "p.md") is None
    assert front_matter_problem("---\n- a\n---\ntext\n", "p.md") == Problem(
        "p.md", 1, 1, "", "front matter is not a mapping of keys such as 'title: ...'; it "
        "would be published as page text")
    assert front_matter_problem('---\ntitle: "\\ud83d"x\n---\n', "p.md") is not None
    assert yaml_string('a"\\\n\u2028\x85\ufeff\x00😀') == (
        '"a\\"\\\\\\x0a\\u2028\\x85\\ufeff\\x00😀"')


def test_links_and_pipes_under_data_fail_the_build_without_reading_them(project: Path) -> None:
    """A named pipe would hang a reader; a link to /etc/passwd would echo it."""
    before = tree_digest(project / "site")
    pipe, link = project / "data" / "bodies" / "pipe.yml", project / "data" / "sources" / "p.yml"
    os.mkfifo(pipe)
    link.symlink_to("/etc/passwd")
    try:
        result = mkdocs_build(project)
    finally:
        pipe.unlink()
        link.unlink()
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output and "root:" not in output
    lines = output.splitlines()
    assert "data/bodies/pipe.yml:1:1: not a plain file: this is a named pipe (FIFO); casefile " \
        "reads only plain files under the data folder" in lines
    assert "data/sources/p.yml:1:1: symbolic link: casefile never follows links under the " \
        "data folder; put the file or folder itself here" in lines
    assert tree_digest(project / "site") == before
