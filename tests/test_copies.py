"""Stored copies of sources (#11): text, Markdown, HTML and PDF copies are read, their
hash kept, and every quote checked against them after the documented normalisations only,
with a computed locator; everything wrong is a located problem."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model import quotes
from casefile.pipeline import load_dataset
from casefile.reading import copies
from tests.conftest import MINI, copy_project, examples, minimal_pdf, mkdocs_build, write_tree
from tests.test_cli import run

INS = "cases/town/records/town-inspection.yml"
REPORT = "sources/report-2017.yml"
SORRY = "We are sorry."  # the statement in MINI quoting report-2017
OPEN = "licence: OGL-3.0\npublish_copy: true\n"  # the copy's text is kept in the model


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def project(root: Path, name: str, raw: bytes, quote: str = "The quote.",
            extra: str = "") -> Path:
    """MINI at root/data, report-2017 with the stored copy ``name`` holding ``raw``, the
    inspection's quote of it replaced by ``quote``; returns the data folder."""
    files: dict[str, str | bytes] = dict(MINI)
    files[INS] = MINI[INS].replace("quote: The quote.", f"quote: {quote}")
    files[REPORT] = (MINI[REPORT] + f"copy:\n  file: {name}\n  sha256: {sha(raw)}\n" + extra)
    files[f"sources/copies/{name}"] = raw
    write_tree(root / "data", files)
    return root / "data"


def located(text: str, words: str) -> tuple[int, int]:
    """(line, column) where ``words`` start in ``text``, counted from 1."""
    before = text[:text.index(words)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


def quoted(ds: m.Dataset) -> m.Citation:
    """The inspection's citation of report-2017 (the quote the tests change)."""
    return next(c for c in ds.cases["town"].records[0].cites if c.quote)


def test_a_text_copy_gives_paragraph_locators(tmp_path: Path) -> None:
    raw = f"Title\n\nIntro line one\nline two.\n\n  \nThe quote.\n\n{SORRY}\n".encode()
    ds = load_dataset(project(tmp_path, "r.txt", raw, extra=OPEN), use_cache=False)
    cite = quoted(ds)
    assert (cite.checked, cite.found_at, cite.locator) == (True, "para. 3", None)
    statement = ds.cases["town"].statements[0]
    assert [(c.checked, c.found_at) for c in statement.cites] == [(True, "para. 4")]
    copy = ds.sources["report-2017"].copy
    assert copy is not None and (copy.file, copy.format, copy.parts) == (
        "r.txt", "text", ["Title", "Intro line one\nline two.", "The quote.", SORRY])
    assert ds.unverified == 0
    closed = load_dataset(project(tmp_path, "r.txt", raw), use_cache=False)
    copy = closed.sources["report-2017"].copy  # checked, then its text let go (memory)
    assert copy is not None and copy.read and (copy.parts, copy.text) == (None, "")
    assert quoted(closed).found_at == "para. 3"


def test_a_quote_across_paragraphs_and_a_markdown_copy_as_written(tmp_path: Path) -> None:
    raw = f"# Report\n\nIt ends\n\nhere. **Bold** words.\n\n{SORRY}\n".encode()
    data = project(tmp_path, "r.md", raw, quote="It ends here. **Bold** words.")
    cite = quoted(load_dataset(data, use_cache=False))
    assert (cite.checked, cite.found_at) == (True, "paras. 2–3")
    write_tree(data, {INS: MINI[INS].replace("quote: The quote.", "quote: It ends here. Bold")})
    assert "not found in the stored copy copies/r.md" in problems(data)[0]


def test_an_html_copy_reads_blocks_and_skips_scripts_and_styles(tmp_path: Path) -> None:
    raw = (b"<!doctype html><html><head><title>The quote.</title><style>p{color:red}</style>"
           b"</head><body><nav>Menu</nav><p>One &amp; two<br>three</p><div>The <em>quote"
           b"</em>.<script>var hidden = 1;</script></div><ul><li>We are sorry.</li></ul>"
           b"</body></html>")
    data = project(tmp_path, "r.html", raw, extra=OPEN)
    ds = load_dataset(data, use_cache=False)
    copy = ds.sources["report-2017"].copy
    assert copy is not None and copy.parts == ["Menu", "One & two three", "The quote.", SORRY]
    assert quoted(ds).found_at == "para. 3"
    for hidden in ("var hidden = 1;", "p{color:red}"):
        project(tmp_path, "r.html", raw, quote=hidden)
        assert "not found in the stored copy copies/r.html" in problems(data)[0]


def test_an_html_copy_is_its_visible_text(tmp_path: Path) -> None:
    """Text marked hidden is not the page's (a review had a hidden div's words marked
    checked); a head left open ends where the body begins, as browsers read it."""
    raw = (b"<!doctype html><html><head><title>Report</title><meta charset=utf-8>"
           b"<p>The quote.</p><div hidden><div>Managers were excellent.</div>Also hidden."
           b"</div><p>We are <input hidden>sorry.</p></html>")
    data = project(tmp_path, "r.html", raw, extra=OPEN)
    copy = load_dataset(data, use_cache=False).sources["report-2017"].copy
    assert copy is not None and copy.parts == ["The quote.", SORRY]
    project(tmp_path, "r.html", raw, quote="Managers were excellent.")
    assert "not found in the stored copy copies/r.html" in problems(data)[0]


def test_a_pdf_copy_gives_page_locators_and_a_quote_may_span_a_page_break(
        tmp_path: Path) -> None:
    raw = minimal_pdf(["Report of the inspection\nThe council must improve its",
                       "services quickly.\nWe are sorry."])
    data = project(tmp_path, "r.pdf", raw, quote="The council must improve its services")
    ds = load_dataset(data, use_cache=False)
    assert quoted(ds).found_at == "pp. 1–2"
    assert [c.found_at for c in ds.cases["town"].statements[0].cites] == ["p. 2"]
    copy = ds.sources["report-2017"].copy
    assert copy is not None and copy.format == "pdf" and copy.by_page


@pytest.mark.parametrize("in_copy, quote", [
    ("the plan\n  was   late", "the plan was late"),  # spaces and line breaks
    ("the\u00a0plan was late", "the plan was late"),  # a no-break space
    ("the council’s plan", "the council's plan"),  # curly apostrophe, straight quote
    ("the council's plan", "the council’s plan"),  # and the other way round
    ("“a plan”, it said", "\"a plan\", it said"),  # curly double quotes
    ("‘a plan’", "'a plan'"),
    ("2017–2019", "2017-2019"),  # en dash
    ("a plan — late", "a plan - late"),  # em dash
    ("a minus −5", "a minus -5"),  # minus sign
    ("re‐inspection", "re-inspection"),  # Unicode hyphen
    ("the plan was late and poor", "the plan … poor"),  # elisions of each form
    ("the plan was late and poor", "the plan ... poor"),
    ("the plan was late and poor", "the plan […] poor"),
    ("the plan was late and poor", "the plan [...] poor"),
    ("the plan was late and poor", "… was late …"),
    ("the plan was late and poor", "the plan…late…poor"),
])
def test_each_normalisation_finds_the_quote(in_copy: str, quote: str) -> None:
    copy = m.StoredCopy("x.txt", "0" * 64, "text", read=True, parts=[in_copy])
    copy.text, copy.starts = quotes.index(copy.parts or [])
    assert quotes.find(copy, quote) is not None


@pytest.mark.parametrize("in_copy, quote", [
    ("the plan was late", "The plan was late"),  # capitals are not normalised
    ("the plan, was late", "the plan was late"),  # nor punctuation
    ("the plan was late and poor", "poor … the plan"),  # elided parts out of order
    ("the plan was late", "the plan [the council's] was late"),  # an insertion
    ("the plan was late", "the plan is late"),
    ("the plan was late", "…"),  # nothing but an elision
])
def test_nothing_else_is_normalised(in_copy: str, quote: str) -> None:
    copy = m.StoredCopy("x.txt", "0" * 64, "text", read=True, parts=[in_copy])
    copy.text, copy.starts = quotes.index(copy.parts or [])
    assert quotes.find(copy, quote) is None


def test_a_quote_not_found_is_located_with_the_closest_passage(tmp_path: Path) -> None:
    raw = b"Intro.\n\nThe inspectors found that children were not safe.\n\nWe are sorry.\n"
    data = project(tmp_path, "r.txt", raw, quote="children were not seen")
    line, column = located((data / INS).read_text("utf-8"), "children were not seen")
    assert problems(data) == [
        f"data/{INS}:{line}:{column}: cite[0].quote: not found in the stored copy "
        "copies/r.txt of 'report-2017'; the closest passage (para. 2) reads: \"children "
        "were not safe.\"; the copy has \"not safe.\" where the quote has \"not seen\""]


def test_elided_parts_out_of_order_and_insertions_say_how_to_quote(tmp_path: Path) -> None:
    raw = b"The plan was late and poor.\n\nWe are sorry.\n"
    data = project(tmp_path, "r.txt", raw, quote="poor … The plan")
    assert problems(data)[0].endswith(
        "cite[0].quote: the parts of the quote between elision marks are all in the stored "
        "copy copies/r.txt of 'report-2017', but not in this order; quote them in the order "
        "of the document")
    project(tmp_path, "r.txt", raw, quote="The plan [for children] was late")
    assert problems(data)[0].endswith(
        "cite[0].quote: not found in the stored copy copies/r.txt of 'report-2017': '[for "
        "children]' is not in the document; casefile does not accept editorial insertions "
        "in square brackets; quote the document's own words (use an elision mark … for what "
        "you leave out) and put any explanation in the record's own text")
    project(tmp_path, "r.txt", b"The [sic] plan.\n\nWe are sorry.\n", quote="The [sic] plan.")
    assert quoted(load_dataset(data, use_cache=False)).checked  # brackets the copy has


def test_a_hash_in_capitals_is_one_problem_not_also_a_changed_copy(tmp_path: Path) -> None:
    raw = b"The quote.\n\nWe are sorry.\n"
    data = project(tmp_path, "r.txt", raw)
    report = data / REPORT
    report.write_text(report.read_text("utf-8").replace(sha(raw), sha(raw).upper()), "utf-8")
    found = problems(data)
    assert len(found) == 1 and ": copy.sha256: " in found[0] and "changed" not in found[0]


def test_a_changed_copy_a_missing_one_and_an_unreadable_one(tmp_path: Path) -> None:
    raw = b"The quote.\n\nWe are sorry.\n"
    data = project(tmp_path, "r.txt", raw)
    (data / "sources/copies/r.txt").write_bytes(raw + b"More.\n")
    new = sha(raw + b"More.\n")
    line, column = located((data / REPORT).read_text("utf-8"), sha(raw))
    assert problems(data) == [
        f"data/{REPORT}:{line}:{column}: copy.sha256: the stored copy copies/r.txt has "
        f"changed since its hash was recorded: its SHA-256 is now {new}; if the new copy is "
        f"right, write sha256: {new}"]
    (data / "sources/copies/r.txt").unlink()
    line, column = located((data / REPORT).read_text("utf-8"), "r.txt")
    assert problems(data) == [
        f"data/{REPORT}:{line}:{column}: copy.file: the stored copy copies/r.txt is missing: "
        "put the document in data/sources/copies/, or correct the file name"]
    for name, bad, why in (
            ("r.txt", b"The quote \xff.\n", "is not UTF-8 text (byte 0xff at offset 10); "
             "save it as UTF-8"),
            ("r.pdf", b"%PDF-1.4\nnot really", "cannot be read as a PDF (")):
        data = project(tmp_path / name, name, bad)
        assert [p.split(": ", 2)[1:] for p in problems(data)] == [
            ["copy.file", f"the stored copy copies/{name} {why}"
             + problems(data)[0].split(why, 1)[1]]]
        assert "Traceback" not in run(["check"], tmp_path / name).stderr


def test_copies_must_be_named_plain_files_of_a_known_kind(tmp_path: Path) -> None:
    data = project(tmp_path, "r.txt", b"The quote.\n\nWe are sorry.\n")
    write_tree(data / "sources/copies", {"orphan.txt": "x", "notes.docx": "x",
                                         "sub/x.txt": "x"})
    os.symlink(data / "sources/copies/r.txt", data / "sources/copies/link.txt")
    found = problems(data)
    assert found == [
        "data/sources/copies/link.txt:1:1: symbolic link: casefile never follows links under "
        "the data folder; put the file or folder itself here",
        "data/sources/copies/notes.docx:1:1: unexpected file: a stored copy ends in .txt, "
        ".md, .html, .htm, .pdf; convert the document to one of these, or move it out",
        "data/sources/copies/orphan.txt:1:1: stored copy that no source names: add 'copy: "
        "{file: orphan.txt, sha256: …}' to its source (casefile copy prints it), or remove "
        "the file",
        found[3]]
    assert found[3].startswith("data/sources/copies/sub:1:1: unexpected folder")


def test_a_copy_over_the_size_limit_is_refused(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = project(tmp_path, "r.txt", b"The quote.\n\nWe are sorry.\n" + b"x" * 100)
    monkeypatch.setattr(copies, "MAX_COPY_BYTES", 100)
    assert problems(data)[0].endswith(
        "copy.file: the stored copy copies/r.txt: file is 0.0 MB; a stored copy may be at "
        "most 0 MB")


def test_hostile_text_in_a_copy_is_inert_in_messages(tmp_path: Path) -> None:
    raw = ("<p>The quote.</p><p><script>alert(1)</script>evil text\x1b[2J\u202e here</p>"
           "<p>We are sorry.</p>").encode()
    project(tmp_path, "r.html", raw, quote="evil text there")
    result = run(["check"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert 'reads: "evil text\\x1b[2J\\u202e here"' in result.stderr  # shown as escapes
    assert "alert" not in result.stderr  # the script's text is not in the copy


def test_check_counts_unverified_quotations_and_can_require_copies(tmp_path: Path) -> None:
    data = project(tmp_path, "r.txt", b"The quote.\n\nWe are sorry.\n")
    result = run(["check"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[1] == ("1 of 2 sources has no stored copy; no "
                                             "quotation rests on it.")
    write_tree(data, {"cases/town/records/town-follow-up.yml": MINI[
        "cases/town/records/town-follow-up.yml"].replace(
        "cite: [council-news]\nassessments", "cite:\n  - source: council-news\n"
        "    quote: Progress.\n  - source: council-news\n    quote: More.\nassessments")})
    assert run(["check"], tmp_path).stdout.splitlines()[1] == (
        "1 of 2 sources has no stored copy: its 2 quotations are unverified.")
    required = run(["check", "--require-copies"], tmp_path)
    line, column = located((data / "sources/council-news.yml").read_text("utf-8"),
                           "council-news")
    assert required.returncode == 1 and required.stderr.splitlines() == [
        f"data/sources/council-news.yml:{line}:{column}: id: source 'council-news' is cited "
        "3 times but has no stored copy, and this site requires one (require_copies): put "
        "the document in data/sources/copies/ and add its copy: block (casefile copy prints "
        "it)", "casefile: 1 problem found; nothing was built."]
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - casefile:\n"
                                         "      require_copies: true\n", encoding="utf-8")
    assert run(["check"], tmp_path).stderr == required.stderr  # the plugin option


def test_publish_copy_needs_an_open_licence(tmp_path: Path) -> None:
    raw = b"The quote.\n\nWe are sorry.\n"
    data = project(tmp_path, "r.txt", raw, extra="licence: all-rights-reserved\n"
                   "publish_copy: true\n")
    line, column = located((data / REPORT).read_text("utf-8"), "true")
    assert problems(data) == [
        f"data/{REPORT}:{line}:{column}: publish_copy: the licence 'all-rights-reserved' does "
        "not let anyone republish the document, so its copy cannot be published; remove "
        "publish_copy, or give an open licence (OGL-3.0, CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0)"]
    project(tmp_path, "r.txt", raw, extra="licence: OGL-3.0\npublish_copy: true\n")
    source = load_dataset(data, use_cache=False).sources["report-2017"]
    assert (source.licence, source.publish_copy) == ("OGL-3.0", True)
    write_tree(data, {"vocabulary.yml": "licences:\n  - value: Local-Open-1.0\n    label: "
                      "Local\n    description: Ours.\n    open: true\n"})
    project(tmp_path, "r.txt", raw, extra="licence: Local-Open-1.0\npublish_copy: true\n")
    assert load_dataset(data, use_cache=False).sources["report-2017"].publish_copy


def test_the_copy_command_prints_the_block_to_paste(tmp_path: Path) -> None:
    raw = minimal_pdf(["A page."])
    write_tree(tmp_path, {"data/sources/copies/report.pdf": raw, "bad.pdf": b"%PDF junk",
                          "notes.docx": b"x"})
    result = run(["copy", "data/sources/copies/report.pdf"], tmp_path)
    assert (result.returncode, result.stdout) == (
        0, f"copy:\n  file: report.pdf\n  sha256: {sha(raw)}\n")
    bad = run(["copy", "bad.pdf"], tmp_path)
    assert bad.returncode == 1 and bad.stderr.startswith(
        "casefile copy: bad.pdf: cannot be read as a PDF (") and bad.stdout == ""
    assert run(["copy", "notes.docx"], tmp_path).returncode == 2


ALPHABET = st.sampled_from(list("ab cd’'\"“”-–—…[]. \n\u00a0x\x1bé"))


@settings(max_examples=examples(200), deadline=None)
@given(parts=st.lists(st.text(ALPHABET, max_size=40), min_size=1, max_size=4),
       quote=st.text(ALPHABET, min_size=1, max_size=30), data=st.data())
def test_any_quote_is_found_or_explained_never_a_traceback(parts: list[str], quote: str,
                                                           data: st.DataObject) -> None:
    copy = m.StoredCopy("x.txt", "0" * 64, "text", read=True, parts=parts)
    copy.text, copy.starts = quotes.index(parts)
    span = quotes.find(copy, quote)
    if span is None:
        assert quotes.not_found("s", copy, quote)  # a message, whatever the text
    else:
        assert quotes.locator(copy, *span).startswith(("para. ", "paras. "))
    whole = " ".join(parts)  # any stretch of whole words of the copy, its spaces and
    start = data.draw(st.integers(0, len(whole)))  # dashes varied, is found
    end = min(len(whole), start + data.draw(st.integers(0, 20)))
    piece = whole[start:end]
    varied = piece.replace(" ", "\n ").replace("’", "'").replace("–", "—")
    cuts = (0 < start < len(whole) and quotes._joined(whole[start - 1], whole[start])) or \
        (0 < end < len(whole) and quotes._joined(whole[end - 1], whole[end]))
    if quotes.pieces(varied) == [quotes.normalise(varied)] and not cuts:  # no elision mark
        assert quotes.find(copy, varied) is not None


def test_the_build_stops_when_the_site_requires_copies(tmp_path: Path) -> None:
    """require_copies in mkdocs.yml stops `mkdocs build` as it does `casefile check`: the
    same located problem, and no site written."""
    data = project(tmp_path / "p", "r.txt", b"The quote.\n\nWe are sorry.\n")
    root = copy_project(tmp_path / "site-project", data=data)
    assert mkdocs_build(root).returncode == 0  # one source without a copy is allowed
    shutil.rmtree(root / "site")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("  - casefile:\n") == 1
    (root / "mkdocs.yml").write_text(config.replace(
        "  - casefile:\n", "  - casefile:\n      require_copies: true\n"), encoding="utf-8")
    result = mkdocs_build(root)
    line, column = located((data / "sources/council-news.yml").read_text("utf-8"),
                           "council-news")
    assert result.returncode == 1
    assert (f"data/sources/council-news.yml:{line}:{column}: id: source 'council-news' is "
            "cited") in result.stderr
    assert "has no stored copy, and this site requires one (require_copies)" in result.stderr
    assert "Traceback" not in result.stderr and not (root / "site").exists()


@pytest.mark.parametrize("quote", ["adequate", "were found … adequate.", "e", "d not ov",
                                   "nadequate", "Hal", "allServices"])
def test_a_quote_must_be_made_of_whole_words(tmp_path: Path, quote: str) -> None:
    """Found inside a word is not found: "adequate" is not in "inadequate" (a review found
    "were found … adequate." marked checked against "were found to be inadequate")."""
    raw = (b"Image of Town HallServices were found to be inadequate.\n\n"
           b"The council did not oversee them.\n\nWe are sorry.\n")
    data = project(tmp_path, "r.txt", raw, quote=quote)
    found = problems(data)
    assert len(found) == 1 and "quote: not found in the stored copy copies/r.txt" in found[0]
    if "…" not in quote:
        assert found[0].endswith(f"'{quote}' is there only as part of a longer word; quote "
                                 "whole words")


@pytest.mark.parametrize("quote", ["inadequate", "to be inadequate.", "Services were",
                                   "were found … inadequate.", "(did not) oversee",
                                   "Services were found", "Town Hall"])
def test_whole_words_at_either_end_are_found(tmp_path: Path, quote: str) -> None:
    """A capital after a lower-case letter starts a word: a caption run into the text."""
    raw = (b"Image of Town HallServices were found to be inadequate.\n\n"
           b"The council (did not) oversee them.\n\nWe are sorry.\n")
    data = project(tmp_path, "r.txt", raw, quote=quote)
    assert quoted(load_dataset(data, use_cache=False)).checked


def test_a_pdf_without_text_is_refused_with_a_reason(tmp_path: Path) -> None:
    data = project(tmp_path, "scan.pdf", minimal_pdf(["", " "]))
    assert [p.split(": ", 2)[1:] for p in problems(data)] == [[
        "copy.file", "the stored copy copies/scan.pdf has no text to check quotations against "
        "(a scanned image?); store a copy with the document's text, such as its web page or a "
        "PDF with text"]]
    (tmp_path / "scan.pdf").write_bytes(minimal_pdf(["", " "]))
    refused = run(["copy", "scan.pdf"], tmp_path)
    assert refused.returncode == 1 and "has no text to check quotations against" in \
        refused.stderr and refused.stdout == ""
