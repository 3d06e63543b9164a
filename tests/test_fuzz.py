"""Property-based fuzzing (hypothesis): random mutations of valid records never raise
anything but DataError; random valid records always load, render and (a few) build."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from casefile.errors import DataError
from casefile.model.views import cross_timeline
from casefile.outputs.feeds import files as feed_files
from casefile.outputs.opendata import files as open_data
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from casefile.reading.load import Mapping, load_bytes
from tests.conftest import MINI, REPO, copy_project, examples, mkdocs_build, write_tree

FILES = sorted(MINI)
NASTY = ["", "\n", ":", "- ", "  ", "\t", "&a", "*a", "!!python/object:os.system", "<<",
         "'", '"', "{", "}", "[", "]", "#", "|", ">", "---", "...", "%YAML 1.1", "no", "~",
         "2018-02-30", "0x1F", "12:30", "\ufeff", "\u200b", "\x00", "é", "\U0001F600", "\x85",
         "id: town", "cite: []", "status: resolved", "finding: f-leadership"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(FILES))
    lines = MINI[rel].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "swap",
                                       "truncate"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "insert":
            lines.insert(i, draw(st.sampled_from(NASTY)) + "\n")
        elif action == "replace":
            head, _, _ = lines[i].partition(":")
            lines[i] = f"{head}: {draw(st.sampled_from(NASTY))}\n"
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return rel, "".join(lines).encode("utf-8", errors="surrogatepass")


@settings(max_examples=examples(300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
# an editor clearing a value: the empty date that once crashed the link stage (#17), on a
# record that raises findings and on an assessment's record; CI always tries these
@example(("cases/town/records/town-inspection.yml",
          MINI["cases/town/records/town-inspection.yml"].replace(
              "date: 2017-07\n", "date:\n").encode()))
@example(("cases/town/records/town-follow-up.yml",
          MINI["cases/town/records/town-follow-up.yml"].replace(
              "date: 2018-03-01\n", "date:\n").encode()))
def test_mutations_raise_only_data_errors(case: tuple[str, bytes]) -> None:
    rel, content = case
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, str | bytes] = dict(MINI)
        files[rel] = content
        write_tree(Path(tmp) / "data", files)
        try:
            dataset = load_dataset(Path(tmp) / "data", use_cache=False)
        except DataError as exc:
            assert exc.problems and all(p.file.startswith("data/") for p in exc.problems)
        else:
            Renderer(dataset, REPO / "macros").pages()  # a valid mutation must also render


def yaml_printable(c: str) -> bool:
    """YAML's printable set: what a valid data file may contain."""
    n = ord(c)
    return 0x20 <= n <= 0x7E or n == 0x85 or 0xA0 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD \
        or n >= 0x10000


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")).filter(yaml_printable),
               min_size=1, max_size=60).filter(lambda s: s.strip() != "")
# the past only: a record may not be dated after the day of the build
DATES = st.dates(min_value=__import__("datetime").date(2018, 1, 1),
                 max_value=__import__("datetime").date(2025, 12, 31))


@st.composite
def valid_record(draw: st.DrawFn) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted string

    status = draw(st.sampled_from(["serious_concern", "concern", "early_signs", "improving",
                                   "improved", "resolved", "not_assessed"]))
    kind = draw(st.sampled_from(["monitoring_visit", "follow_up_inspection", "cabinet_report",
                                 "other", "ministerial_statement"]))
    day = draw(DATES)
    precision = draw(st.sampled_from([4, 7, 10]))
    return (f"id: fuzz-record\ntype: {kind}\ntitle: {q(draw(TEXT).replace(chr(10), ' '))}\n"
            f"date: {day.isoformat()[:precision]}\nbody: inspectorate\n"
            f"summary: {q(draw(TEXT))}\ncite:\n  - source: report-2017\n"
            f"    quote: {q(draw(TEXT))}\nassessments:\n  - finding: f-leadership\n"
            f"    status: {status}\n    asserted_by: inspectorate\n    note: {q(draw(TEXT))}\n"
            f"    cite: [council-news]\nrequirements:\n  - id: fuzz-req\n"
            f"    text: {q(draw(TEXT))}\n    due:\n      within: {draw(st.integers(1, 400))}\n"
            f"      unit: {draw(st.sampled_from(['calendar_days', 'working_days']))}\n"
            f"      from: event\n    cite: [report-2017]\n")


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(valid_record())
def test_random_valid_records_always_load_and_render(record: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(Path(tmp) / "data", {**MINI, "cases/town/records/fuzz-record.yml": record})
        dataset = load_dataset(Path(tmp) / "data", use_cache=False)
        renderer = Renderer(dataset, REPO / "macros")
        pages = renderer.pages()
        assert "fuzz-record" in pages["cases/town.md"]
        open_data(dataset)
        feed_files(renderer.views, dataset.as_of, cross_timeline(renderer.views))


@settings(max_examples=3, deadline=None,  # each is a real build: not scaled by the profile
          suppress_health_check=[HealthCheck.too_slow])
@given(valid_record())
def test_random_valid_records_build_with_mkdocs(record: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copy_project(root, data=False)
        write_tree(root / "data", {**MINI, "cases/town/records/fuzz-record.yml": record})
        result = mkdocs_build(root)
        assert result.returncode == 0, result.stderr
        assert (root / "site" / "cases" / "town" / "index.html").is_file()


HOSTILE_TEXT = ["\x01", "\x00", "\x1b[2J", "\x0c", "\ufffe", "\uffff", "\r", "a\rb", "\r\n",
                "\ud83d", "=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "😀", "\x85",
                "]]>", "<x>&amp;", "\u2028", ";,\\"]
ANY_TEXT = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=20),
                     st.text(st.characters(codec=None, categories=("Cc", "Cs", "Co", "Cn")),
                             min_size=1, max_size=8))


def _set_text(dataset: object, texts: list[str]) -> None:
    """Put hostile text into every text field the feeds and tables write (in memory: the
    loader refuses control characters, but each output must be safe on its own)."""
    for case in dataset.cases.values():  # type: ignore[attr-defined]
        case.title = texts[0]
        for record in case.records:
            record.title, record.summary = texts[1], texts[2]
            for finding in record.findings:
                finding.text = texts[3]
            for requirement in record.requirements:
                requirement.text = texts[3]


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANY_TEXT, min_size=4, max_size=4))
def test_outputs_parse_with_hostile_text(texts: list[str]) -> None:
    import csv
    import io
    import xml.etree.ElementTree as ET

    with tempfile.TemporaryDirectory() as tmp:
        write_tree(Path(tmp) / "data", MINI)
        dataset = load_dataset(Path(tmp) / "data", use_cache=False)
    _set_text(dataset, texts)
    renderer = Renderer(dataset, REPO / "macros")
    feeds = feed_files(renderer.views, dataset.as_of, cross_timeline(renderer.views))
    for path, text in feeds.items():
        data = text.encode("utf-8")  # no lone surrogate reaches a file
        if path.endswith(".xml"):
            ET.fromstring(data)
        else:
            assert "\r" not in text.replace("\r\n", ""), path
            assert not [c for c in text if ord(c) < 0x20 and c not in "\r\n\t"], path
    for path, text in open_data(dataset).items():
        if path.endswith(".csv"):
            for row in csv.reader(io.StringIO(text, newline="")):
                assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t",
                                                                 "\r")], (path, row)
        else:
            json.loads(text)


def refused_character(c: str) -> bool:
    """The characters no text may hold, decided independently of casefile's own list:
    controls but tab and newline, surrogates, and the 66 Unicode noncharacters."""
    code = ord(c)
    return ((unicodedata.category(c) == "Cc" and c not in "\t\n")
            or unicodedata.category(c) in ("Cs", "Zl", "Zp") or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFE == 0xFFFE or unicodedata.bidirectional(c) in REORDERING)


# Bidirectional classes of the invisible controls that reorder text: embeddings, overrides,
# isolates and their ends (refused in all text); and of the direction marks (refused in
# one-line fields only). Arabic and Hebrew letters (classes AL and R) stay allowed.
REORDERING = ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
MARKS = ("\u200e", "\u200f", "\u061c")


@settings(max_examples=examples(300), deadline=None)
@given(st.text(st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(
    ["\u202e", "\u2066", "\u2069", "\u200f", "\u061c", "\u200e", "\u2028", "\u2029", "א",
     "ع", "a"])), min_size=1, max_size=10))
def test_text_that_can_reorder_is_refused_and_marks_only_in_multi_line_text(text: str) -> None:
    from casefile.reading import schema
    from casefile.reading.validate import PLACEHOLDER, validate

    assume(not PLACEHOLDER.match(text.strip()))  # "<a b>" is an unfilled placeholder
    escaped = '"' + "".join(f"\\U{ord(c):08X}" for c in text) + '"'  # each one escaped
    record = MINI["sources/council-news.yml"].replace(
        "title: Council news", f"title: {escaped}")  # title: one line; no multi-line field
    node, problems = load_bytes(record.encode(), "f.yml")
    if node is not None:
        problems += validate(node, schema.FILE_KINDS["source"], "f.yml")[1]
    bad = [c for c in text if refused_character(c) or c in MARKS]
    one_line = "\n" not in text.strip()  # a title must also be one line
    assert bool(problems) == bool(bad or not text.strip() or not one_line), (text, problems)
    if bad:
        assert problems[0].line == 2 and problems[0].column == 8, problems
        assert any(f"U+{ord(c):04X}" in problems[0].message for c in bad), problems
    case = MINI["cases/town/case.yml"].replace("summary: A short summary.",
                                               f"summary: {escaped}")  # multi-line text
    node, problems = load_bytes(case.encode(), "c.yml")
    if node is not None:
        problems += validate(node, schema.FILE_KINDS["case"], "c.yml")[1]
    if not [c for c in text if refused_character(c)] and text.strip():
        assert problems == [], (text, problems)


@settings(max_examples=examples(400), deadline=None)
@given(st.text(st.one_of(st.characters(), st.sampled_from(
    ["\ud800", "\udfff", "\ufffe", "\U0010ffff", "\ufdd0", "\x01", "\x1b", "\x85", "\r",
     "\x7f", "\t", "\n", "\U0001f600", "\u2028"])), min_size=1, max_size=12))
def test_any_text_is_either_kept_whole_or_a_located_error(text: str) -> None:
    escaped = json.dumps(text, ensure_ascii=False)  # JSON escapes are YAML escapes
    raw = f"a: x\ntitle: {escaped}\n".encode("utf-8", "surrogatepass")
    node, problems = load_bytes(raw, "f.yml")
    if any(refused_character(c) and c != "\x85" for c in text):  # YAML folds a raw NEL
        assert problems and all(p.file == "f.yml" and p.line >= 1 and p.column >= 1
                                for p in problems), (text, problems)
    else:
        assert problems == [] and isinstance(node, Mapping), (text, problems)
        kept = node.items["title"][1].value
        assert isinstance(kept, str) and not any(refused_character(c) for c in kept)
