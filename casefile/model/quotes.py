"""Every quotation checked against the stored copy of its source (no I/O: the copies'
text is read by ``casefile.reading.copies``).

A quote is found when, after these normalisations only (content/methodology.md, "Checking
quotations"), it occurs in the copy:

- any run of white space (spaces, tabs, line breaks, no-break spaces, the break between
  two paragraphs or two PDF pages) is one space;
- curly and straight quotation marks and apostrophes are the same;
- hyphens and dashes (hyphen, en dash, em dash, minus sign...) are the same;
- an elision mark (``…``, ``...``, ``[…]`` or ``[...]``) stands for text left out: the
  parts around it must occur in that order.

Nothing else: square brackets are read as written, so an editorial insertion such as
``[the council]`` is not found (the message says how to quote instead). The exact search
comes first; only a quote that is not found pays for the search for the closest passage.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from casefile.errors import Problem
from casefile.model import objects as m

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b"  # ‘ ’ ‚ ‛ read as '
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f"  # “ ” „ ‟ read as "
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # ‐ ‑ ‒ – — ― − read as -
_SAME = str.maketrans({**dict.fromkeys(SINGLE_QUOTES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"'),
                       **dict.fromkeys(DASHES, "-")})
ELISION = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.")
_BRACKETED = re.compile(r"\[[^\]]*\]")
CONTEXT_WORDS = 4  # at most twice this many words are shown of the first difference
MARGIN_WORDS = 3  # the passage compared with a quote extends this far on each side


def normalise(text: str) -> str:
    """``text`` after the documented normalisations (not elisions). ``str.split()``
    splits on the same white space as ``\\s`` (every character ``isspace``); ASCII text
    (``isascii`` is O(1)) has no curly quote or dash to translate."""
    return " ".join((text if text.isascii() else text.translate(_SAME)).split())


def index(parts: list[str]) -> tuple[str, list[int]]:
    """The parts of a copy (paragraphs or pages) normalised and joined by one space, and
    where each part starts in that text. Empty parts (a blank PDF page) keep their
    number."""
    starts, kept, at = [], [], 0
    for part in parts:
        piece = normalise(part)
        starts.append(at)  # an empty part starts where the next one does
        if piece:
            kept.append(piece)
            at += len(piece) + 1
    return " ".join(kept), starts


def locator(copy: m.StoredCopy, start: int, end: int) -> str:
    """Where ``text[start:end]`` of the copy lies: "para. 12", "paras. 3–4", "p. 4",
    "pp. 4–5" (parts counted from 1)."""
    first = bisect.bisect_right(copy.starts, start)
    last = bisect.bisect_right(copy.starts, max(start, end - 1))
    one, many = ("p.", "pp.") if copy.by_page else ("para.", "paras.")
    return f"{one} {first}" if first == last else f"{many} {first}–{last}"


def pieces(quote: str) -> list[str]:
    """The quote's parts between elision marks, normalised (empty ones dropped)."""
    return [p for p in (normalise(x) for x in ELISION.split(normalise(quote))) if p]


def whole_words(text: str, part: str, pos: int) -> int:
    """Where ``part`` first occurs in ``text`` from ``pos`` without cutting a word at either
    end ("adequate" is not found in "inadequate", "e" not in "were"); -1 if nowhere. A
    lower-case letter directly followed by a capital is a word boundary: copies run a
    caption into the next paragraph ("County HallChildren's services")."""
    at = text.find(part, pos)
    while at >= 0:
        end = at + len(part)
        cut_before = at > 0 and _joined(text[at - 1], part[0])
        cut_after = end < len(text) and _joined(part[-1], text[end])
        if not (cut_before or cut_after):
            return at
        at = text.find(part, at + 1)
    return -1


def _joined(left: str, right: str) -> bool:
    """Whether two adjacent characters lie inside one word."""
    return left.isalnum() and right.isalnum() and not (left.islower() and right.isupper())


def spans(copy: m.StoredCopy, quote: str) -> list[tuple[int, int]]:
    """Where each part of ``quote`` between elision marks lies in the copy's normalised
    text, in order, each made of whole words; empty when not found."""
    out: list[tuple[int, int]] = []
    pos = 0
    for part in pieces(quote):
        at = whole_words(copy.text, part, pos)
        if at < 0:
            return []
        pos = at + len(part)
        out.append((at, pos))
    return out


def find(copy: m.StoredCopy, quote: str) -> tuple[int, int] | None:
    """(start, end) in the copy's text of the quote, its parts in order, each made of whole
    words; None if not found."""
    found = spans(copy, quote)
    return (found[0][0], found[-1][1]) if found else None


@dataclass(frozen=True)
class Quoted:
    """One quote to check against one citation's source: its words, where they are
    written, and the citation that rests on it (its own quote, or its statement's)."""

    quote: str
    at: tuple[str, int, int, str]
    cite: m.Citation


def to_check(quoted: Iterable[m.Citation], stated: Iterable[m.Statement]) -> list[Quoted]:
    """Every quote of ``quoted`` citations, and every statement's quote for each of its
    citations that has no quote of its own."""
    out = [Quoted(c.quote, c.quote_at, c) for c in quoted if c.quote and c.quote_at]
    for statement in stated:
        if statement.quote_at:
            out += [Quoted(statement.quote, statement.quote_at, c)
                    for c in statement.cites if not c.quote]
    return out


def check(items: list[Quoted]) -> list[Problem]:
    """Mark each citation whose quote is in its source's stored copy (``checked``,
    ``found_at``); a problem, at the quote, for each that is not. Citations of sources
    without a copy (or whose copy could not be read) are left unchecked."""
    problems = []
    for item in items:
        cite = item.cite
        copy = cite.source.copy
        if copy is None or not copy.read:
            continue
        span = find(copy, item.quote)
        if span is not None:
            cite.checked, cite.found_at = True, locator(copy, *span)
        else:
            file, line, column, path = item.at
            problems.append(Problem(file, line, column, path,
                                    not_found(cite.source.id, copy, item.quote)))
    return problems


def not_found(source_id: str, copy: m.StoredCopy, quote: str) -> str:
    """Why the quote is not in the copy: the closest passage, where it is, what differs."""
    where = f"copies/{copy.file}"
    parts = pieces(quote)
    if not parts:
        return "the quote holds only an elision mark; quote the words themselves"
    missing = next((p for p in parts if whole_words(copy.text, p, 0) < 0), None)
    if missing is None:
        return (f"the parts of the quote between elision marks are all in the stored copy "
                f"{where} of '{source_id}', but not in this order; quote them in the order "
                "of the document")
    message = f"not found in the stored copy {where} of '{source_id}'"
    bracket = _BRACKETED.search(missing)
    if bracket and not ELISION.fullmatch(bracket.group()):
        return (f"{message}: '{bracket.group()}' is not in the document; casefile does not "
                "accept editorial insertions in square brackets; quote the document's own "
                "words (use an elision mark … for what you leave out) and put any "
                "explanation in the record's own text")
    if missing in copy.text:
        return (f"{message}: '{missing}' is there only as part of a longer word; quote whole "
                "words")
    return f"{message}{closest(copy, missing)}"


def closest(copy: m.StoredCopy, wanted: str) -> str:
    """'; the closest passage (para. 3) reads: "…"; the copy has "x" where the quote has
    "y"': the passage that shares the longest run of words with ``wanted``, cut to where
    it lines up with it character by character."""
    spans = [(w.start(), w.end()) for w in re.finditer(r"\S+", copy.text)]
    words = [copy.text[a:b] for a, b in spans]
    want = wanted.split(" ")
    match = difflib.SequenceMatcher(None, words, want, autojunk=False).find_longest_match(
        0, len(words), 0, len(want))
    if match.size:
        lo = max(match.a - match.b - MARGIN_WORDS, 0)
        hi = min(match.a - match.b + len(want) + MARGIN_WORDS, len(words))
        base, stop = spans[lo][0], spans[hi - 1][1]
    else:  # no whole word in common: the longest run of characters in common
        run = difflib.SequenceMatcher(None, copy.text, wanted, autojunk=False
                                      ).find_longest_match(0, len(copy.text), 0, len(wanted))
        if run.size == 0:
            return "; no passage of the copy has anything in common with it"
        base = max(run.a - run.b - MARGIN_WORDS * 10, 0)
        stop = min(run.a - run.b + len(wanted) + MARGIN_WORDS * 10, len(copy.text))
    passage = copy.text[base:stop]
    blocks = [b for b in difflib.SequenceMatcher(None, passage, wanted, autojunk=False)
              .get_matching_blocks() if b.size]
    start = max(blocks[0].a - blocks[0].b, 0)
    end = min(start + len(wanted), len(passage))
    while end < len(passage) and not passage[end].isspace():  # to the end of its word
        end += 1
    shown = passage[start:end]
    where = locator(copy, base + start, base + end)
    return (f"; the closest passage ({where}) reads: \"{shown}\"; "
            f"{difference(shown, wanted)}")


def difference(passage: str, quote: str) -> str:
    """The first difference between the passage and the quote, as whole words."""
    ops = difflib.SequenceMatcher(None, passage, quote, autojunk=False).get_opcodes()
    first = next((op for op in ops if op[0] != "equal"), None)
    if first is None:  # pragma: no cover - a passage equal to the quote would be found
        return "they differ only in spacing"
    _, a1, a2, b1, b2 = first
    return f"the copy has {_words(passage, a1, a2)} where the quote has {_words(quote, b1, b2)}"


def _words(text: str, start: int, end: int) -> str:
    """The whole words of ``text[start:end]`` with the word before them (at most
    2 * CONTEXT_WORDS words), quoted."""
    word = text.rfind(" ", 0, start) + 1  # the start of the word the difference is in
    left = text.rfind(" ", 0, word - 1) + 1 if word > 1 else 0
    right = text.find(" ", max(end, start + 1))
    shown = text[left:len(text) if right < 0 else right].split(" ")
    return "\"" + " ".join(shown[:2 * CONTEXT_WORDS]) + "\""
