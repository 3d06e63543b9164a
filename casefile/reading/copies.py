"""Stored copies of source documents (data/sources/copies/): read, hashed, and their text
taken out by paragraph (plain text, Markdown, HTML) or by page (PDF).

A copy is read like a data file (never through a symbolic link, never a pipe or device)
but may be up to MAX_COPY_BYTES. Whatever is wrong with it is a located problem at the
source's ``copy:`` entry: a missing file, a changed hash, text that is not UTF-8, a PDF
that cannot be read. PDF text comes from pypdf (pure Python, BSD licence, maintained):
nothing is installed beside Python and it gives the text page by page, for page locators.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from casefile.errors import Problem
from casefile.fork import Forked, ForkError
from casefile.fork import available as fork_available
from casefile.model import objects as m
from casefile.model import quotes
from casefile.model.link import COPY_FORMATS, Linker, Loaded
from casefile.reading.beneath import Beneath
from casefile.reading.load import read_data_file
from casefile.reading.scan import COPIES, COPY_ENDINGS
from casefile.reading.schema import SHA256_PATTERN

FOLDER = COPIES  # data/sources/copies/
ENDINGS = COPY_ENDINGS
MAX_COPY_BYTES = 20_000_000
_BLANK_LINE = re.compile(r"\n[ \t\f\v\xa0]*\n")


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_copy(path: str, beneath: Beneath | None = None) -> bytes | str:
    """A stored copy's bytes, or a message saying why it cannot be read."""
    return read_data_file(path, beneath, MAX_COPY_BYTES, "a stored copy")


def extract(raw: bytes, fmt: str) -> list[str] | str:
    """The copy's text by paragraph (by page for a PDF), or a message saying why it
    cannot be read."""
    if fmt == "pdf":
        pages = _pdf_pages(raw)
        if isinstance(pages, list) and not any(page.strip() for page in pages):
            return ("has no text to check quotations against (a scanned image?); store a "
                    "copy with the document's text, such as its web page or a PDF with text")
        return pages
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return (f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "save it as UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html":
        return _html_paragraphs(text)
    return [p for p in (x.strip() for x in _BLANK_LINE.split(text)) if p]


def _pdf_pages(raw: bytes) -> list[str] | str:
    from pypdf import PdfReader  # only sites with PDF copies pay for the import

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not ours to print
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            return "is an encrypted PDF; store a copy without a password"
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds on damaged files
        return f"cannot be read as a PDF ({type(exc).__name__}: {str(exc)[:200]})"


_SKIPPED = {"script", "style", "head", "template", "noscript", "svg", "title"}
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "caption", "dd", "details",
           "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
           "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav",
           "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
           "thead", "tr", "ul"}


# what may stand in a page's head; any other start tag begins the body, as in browsers
_IN_HEAD = {"html", "head", "title", "meta", "link", "style", "script", "base", "noscript",
            "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "source", "track", "wbr"}


class _Paragraphs(HTMLParser):
    """Text of an HTML page by block: every block element starts and ends a paragraph;
    the text of script, style, head and of elements marked ``hidden`` is skipped, and the
    head ends where the body's first element begins, closed or not. Character references
    are decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []
        self.hidden: tuple[str, int] | None = None  # a hidden element's tag and nesting

    def end_paragraph(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "head" in self.skipping and tag not in _IN_HEAD:  # the body began: head ends
            del self.skipping[self.skipping.index("head"):]
        if self.hidden is not None:
            if tag == self.hidden[0]:
                self.hidden = (tag, self.hidden[1] + 1)
        elif any(name == "hidden" for name, _ in attrs) and tag not in _VOID:
            self.hidden = (tag, 1)  # not shown: its text is not the page's
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag in _BLOCKS:
            self.end_paragraph()
        elif tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden is not None and tag == self.hidden[0]:
            depth = self.hidden[1] - 1
            self.hidden = (tag, depth) if depth else None
        if tag in _SKIPPED:
            if tag in self.skipping:
                del self.skipping[self.skipping.index(tag):]
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self.skipping and self.hidden is None:
            self.current.append(data)


def _html_paragraphs(text: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(text)
    parser.close()
    parser.end_paragraph()
    return parser.paragraphs


SPLIT_FROM = 200  # copies to read; below this, a second process costs more than it saves
# what checking one source's copy found: why the copy cannot be used (a problem at its
# ``copy:`` entry) or None, each of its quotes' (checked, found_at), the quotes' problems
Outcome = tuple[Problem | None, list[tuple[bool, str | None]], list[Problem]]


def verify(linker: Linker, quoted: list[quotes.Quoted], data_dir: Path,
           loaded: list[Loaded] | None = None,
           meanwhile: Callable[[], None] | None = None) -> None:
    """Read each source's stored copy, check its hash and the quotes that cite it, then let
    its text go unless the copy may be published: one copy's text in memory at a time.
    With ``loaded`` (the full check), every copy is read and copies no source names are
    reported; without (the incremental check), only the copies ``quoted`` needs.
    Problems go to ``linker.problems``.

    From SPLIT_FROM copies on (where forking is available), a forked child checks about
    half of the copies on the other core (``_child_share``), and sends back only what it
    found. With ``meanwhile`` (other work for this process: the cases' outcomes), the
    child takes about three fifths, and this process does that work after its own share,
    before waiting."""
    by_source: dict[str, list[quotes.Quoted]] = {}
    for item in quoted:
        by_source.setdefault(item.cite.source.id, []).append(item)
    todo = [ident for ident in linker.sources if (loaded is not None or ident in by_source)
            and linker.sources[ident].copy is not None]  # only the quoted, if kept apart
    theirs: list[str] = []
    if len(todo) >= SPLIT_FROM and fork_available():
        theirs = _child_share(linker, todo, by_source, 3 / 5 if meanwhile else 1 / 2)
    child = Forked(lambda: _check_copies(linker, theirs, by_source, data_dir),
                   "casefile-copies") if theirs else None
    skip = set(theirs)
    found = _check_copies(linker, [i for i in todo if i not in skip], by_source, data_dir)
    if meanwhile is not None:
        try:
            meanwhile()
        except BaseException:  # a bug: the child's work is not wanted
            if child is not None:
                child.cancel()
            raise
    if child is not None:
        try:
            found.update(_marked(linker, child.result(), by_source))
        except ForkError:  # checked here instead: the same outcome, later
            found.update(_check_copies(linker, theirs, by_source, data_dir))
    for ident in todo:  # in the order of the sources, whoever checked them
        problem, _, problems = found[ident]
        linker.problems += [problem] if problem is not None else problems
    if loaded is not None:
        _unnamed(linker, loaded)


QUOTE_WEIGHT = 1 / 6  # checking one quote costs about a sixth of reading and indexing a copy


def _child_share(linker: Linker, todo: list[str], by_source: dict[str, list[quotes.Quoted]],
                 part: float) -> list[str]:
    """The sources whose copies the child checks: about ``part`` of the work, each copy
    weighed as one plus QUOTE_WEIGHT for each quote that cites it (some sources are
    quoted by a dozen findings, most by one or two), never a copy that may be published
    (its text stays in this process's model)."""
    theirs: list[str] = []
    mine = given = 0.0
    for ident in todo:
        weight = 1 + QUOTE_WEIGHT * len(by_source.get(ident, ()))
        if not linker.sources[ident].publish_copy and given * (1 - part) <= mine * part:
            theirs.append(ident)
            given += weight
        else:
            mine += weight
    return theirs


def _check_copies(linker: Linker, idents: list[str], by_source: dict[str, list[quotes.Quoted]],
                  data_dir: Path) -> dict[str, Outcome]:
    """Check the copies of the sources ``idents`` and the quotes that cite them, marking
    the citations found; what each source's check found."""
    out: dict[str, Outcome] = {}
    folder = str(data_dir / "sources" / FOLDER)
    with Beneath(str(data_dir)) as beneath:
        for ident in idents:
            source = linker.sources[ident]
            assert source.copy is not None
            items = by_source.get(ident, [])
            problem = load(source.copy, folder, beneath)
            if problem is not None:
                out[ident] = (_located(linker, ident, *problem), [], [])
                continue
            problems = quotes.check(items)
            out[ident] = (None, [(i.cite.checked, i.cite.found_at) for i in items], problems)
            if not source.publish_copy:
                source.copy.forget_text()
    return out


def _marked(linker: Linker, found: dict[str, Outcome],
            by_source: dict[str, list[quotes.Quoted]]) -> dict[str, Outcome]:
    """Mark here, as the child marked there, the copies it read and the citations whose
    quotes it found."""
    for ident, (problem, marks, _) in found.items():
        copy = linker.sources[ident].copy
        assert copy is not None
        copy.read = problem is None
        for item, (checked, found_at) in zip(by_source.get(ident, []), marks, strict=False):
            item.cite.checked, item.cite.found_at = checked, found_at
    return found


def _located(linker: Linker, ident: str, key: str, message: str) -> Problem:
    """A problem at the source's ``copy.<key>`` (where the source file is known)."""
    rec = linker.source_recs.get(ident)
    if rec is None:  # the incremental check keeps no locations: the full check gives them
        return Problem(f"sources/{ident}.yml", 1, 1, f"copy.{key}", message)
    return rec["copy"].where(key).problem(message)


def _unnamed(linker: Linker, loaded: list[Loaded]) -> None:
    named = {s.copy.file for s in linker.sources.values() if s.copy is not None}
    named |= {r["copy"].get("file") for r in linker.source_recs.values()  # even if wrong
              if isinstance(r.get("copy"), dict)}
    for item in loaded:
        if item.kind == "copy" and item.expected_id not in named:
            linker.problems.append(item.rec.loc.problem(
                "stored copy that no source names: add 'copy: {file: "
                f"{item.expected_id}, sha256: …}}' to its source (casefile copy prints it), "
                "or remove the file"))


def load(copy: m.StoredCopy, folder: str, beneath: Beneath | None = None
         ) -> tuple[str, str] | None:
    """Fill in the copy's text; (field, message) when it cannot be used."""
    where = f"the stored copy {FOLDER}/{copy.file}"
    raw = read_copy(f"{folder}/{copy.file}", beneath)
    if isinstance(raw, str):
        if not os.path.lexists(f"{folder}/{copy.file}"):
            return "file", (f"{where} is missing: put the document in data/sources/"
                            f"{FOLDER}/, or correct the file name")
        return "file", f"{where}: {raw}"
    actual = sha256(raw)  # a recorded value that is no hash already has its own problem
    if actual != copy.sha256 and re.fullmatch(SHA256_PATTERN, copy.sha256):
        return "sha256", (f"{where} has changed since its hash was recorded: its SHA-256 is "
                          f"now {actual}; if the new copy is right, write sha256: {actual}")
    parts = extract(raw, copy.format)
    if isinstance(parts, str):
        return "file", f"{where} {parts}"
    copy.parts, copy.read = parts, True
    copy.text, copy.starts = quotes.index(parts)
    return None


def readable(path: Path) -> str | None:
    """Why the copy at ``path`` cannot be used (its text cannot be taken out), or None."""
    raw = read_copy(str(path))
    if isinstance(raw, str):
        return raw
    parts = extract(raw, COPY_FORMATS[path.suffix.lower().lstrip(".")])
    return parts if isinstance(parts, str) else None


def copy_block(path: Path) -> str:
    """The ``copy:`` block a source file needs for the stored copy at ``path``."""
    raw = read_copy(str(path))
    if isinstance(raw, str):
        raise ValueError(raw)
    return f"copy:\n  file: {path.name}\n  sha256: {sha256(raw)}\n"
