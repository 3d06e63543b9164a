"""Who says so: how a body stands to a case, for evidence grades and asserters alike.

One function, ``relation``, decides; the rules, in order, are ``vocab.WHO_SAYS_SO`` (shown
on the methodology page). A source's grade is therefore per case: the same source can be a
self-report in one case and oversight in another.
"""

from __future__ import annotations

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.dates import PartialDate

# A body's kind → its relation, when the case does not name the body.
_BY_KIND = {"regulator": "regulator", "auditor": "auditor", "parliament": "parliament",
            "committee": "parliament", "inquiry": "inquiry", "coroner": "coroner",
            "government": "government", "board": "board", "news_organisation": "press",
            "tracker": "tracker"}
# A relation → its evidence grade, where the two are not written alike.
_GRADE_OF = {"self": "self_report", "tracker": "second_hand"}


def family_above(body: m.Body) -> list[str]:
    """The ids of the bodies above ``body``: its parent, its parent's parent..."""
    found: list[str] = []
    above = body.parent
    while above is not None and above.id not in found and above is not body:
        found.append(above.id)
        above = above.parent
    return found


def family(body: m.Body) -> set[str]:
    """The ids of ``body``, the bodies above it (its parent, theirs...) and below it."""
    found = {body.id}
    above = body.parent
    while above is not None and above.id not in found:
        found.add(above.id)
        above = above.parent
    below = list(body.children)
    while below:
        child = below.pop()
        if child.id not in found:
            found.add(child.id)
            below.extend(child.children)
    return found


def relation(body: m.Body | None, case: m.Case | None) -> str:
    """The key of ``vocab.WHO_SAYS_SO`` that says how ``body`` stands to ``case``; with no
    case, from the body's kind alone."""
    if body is None:
        return "other"
    if case is not None:
        if any(body is b for b in (*case.subjects, *case.partners)):
            return "self"
        if any(body is b for b in case.overseers):
            return "oversight"
        if any(body is b for b in case.regulators):
            return "regulator"
        if any(body.id in family(b) for b in (*case.subjects, *case.partners)):
            return "self"
    return _BY_KIND.get(body.kind, "other")


def asserter(body: m.Body, case: m.Case | None) -> vocab.Term:
    return vocab.ASSERTERS[relation(body, case)]


def grade(source: m.Source, case: m.Case | None) -> vocab.Term:
    """A source's evidence grade in ``case``: a copy is graded as its original; with no
    publisher named, a news article is graded press and anything else other."""
    original = source.original or source
    if original.publisher is None:
        return vocab.EVIDENCE_GRADES["press" if original.kind == "news_article" else "other"]
    key = relation(original.publisher, case)
    return vocab.EVIDENCE_GRADES[_GRADE_OF.get(key, key)]


# An evidence grade → the asserter relation a second-hand claim reported in it is styled by.
_RELATION_OF = {grade: key for key, grade in _GRADE_OF.items()}


def relayed(asserted_by: m.Body, cites: list[m.Citation], case: m.Case | None,
            when: PartialDate | None) -> m.Relayed | None:
    """How a claim reaches the reader when ``asserted_by`` published none of the sources
    cited (a copy counts as its original): from their publishers, each named once in the
    order cited with its evidence grade in ``case``. None when the claim is first-hand:
    one source of the asserter's own is enough, since it then speaks for itself."""
    originals = [c.source.original or c.source for c in cites]
    if not originals or any(s.publisher is asserted_by for s in originals):
        return None
    found: dict[tuple[str | None, str], tuple[m.Body | None, vocab.Term]] = {}
    for source in originals:
        grade_term = grade(source, case)
        key = (source.publisher.id if source.publisher else None,
               "" if source.publisher else grade_term.value)
        found.setdefault(key, (source.publisher, grade_term))
    publishers = list(found.values())
    grades = [g.value for _, g in publishers]
    # An own claim stays one whoever repeats it, and a body reporting on itself marks the
    # whole claim; otherwise the claim is shown as its first publisher's.
    own = relation(asserted_by, case) == "self" or "self_report" in grades
    shown = "self_report" if own else grades[0]
    reporters = listed([_reporter(b, g, when) for b, g in publishers])
    return m.Relayed(publishers, vocab.ASSERTERS[_RELATION_OF.get(shown, shown)],
                     "as reported by " + reporters, reporters)


def said_by(asserter: vocab.Term, body: m.Body, record: m.Record,
            relayed: m.Relayed | None) -> str:
    """Who says so, in the words the findings table gives beside a status, for any claim
    (an assessment, a figure): "Regulator's judgement: Example Inspectorate", the body
    named as at the record's date, and for a second-hand claim whose account it is ("…, as
    reported by The Gazette (press)")."""
    said = f"{asserter.label}: {body.label_at(record.date)}"
    return f"{said}, {relayed.words}" if relayed else said


# A figure is a count or amount, not a judgement: who gives it, in words of its own; any
# other asserter is named by its label.
FIGURE_WORDS = {"self": "Own figure", "regulator": "Regulator's figure",
                "government": "Government's figure", "press": "Press report",
                "oversight": "Overseer's figure", "auditor": "Auditor's figure",
                "inquiry": "Inquiry's figure", "coroner": "Coroner's figure",
                "board": "Improvement board's figure"}


def figure_said_by(asserter: vocab.Term, body: m.Body, record: m.Record,
                   relayed: m.Relayed | None) -> str:
    """Who says so for a figure: "Own figure: Example Council", "Regulator's figure: …",
    with the same second-hand tail as ``said_by``; findings keep ``said_by``'s words."""
    words = FIGURE_WORDS.get(asserter.value, asserter.label)
    return said_by(vocab.Term(asserter.value, words, asserter.description), body, record,
                   relayed)


def told(speaker: str, relayed: m.Relayed | None, said: str) -> str:
    """A claim as one plain sentence, whatever the length of the chain it reaches the
    reader by, from the end the reader has it from: "X gave …" (first-hand), "A (press)
    reports that X gave …", "A (self-report) and B (press) report that X gave …"."""
    if relayed is None:
        return f"{speaker} {said}"
    verb = "reports" if len(relayed.publishers) == 1 else "report"
    by = relayed.reporters[:1].upper() + relayed.reporters[1:]
    return f"{by} {verb} that {speaker} {said}"


def _reporter(body: m.Body | None, grade_term: vocab.Term, when: PartialDate | None) -> str:
    name = body.label_at(when) if body else "a source that does not name its publisher"
    return f"{name} ({grade_term.label[:1].lower()}{grade_term.label[1:]})"


def listed(items: list[str]) -> str:
    """Items joined in words: "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
