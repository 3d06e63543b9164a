"""Open data, a data set's JSON file: every case, or only the named cases with just what
they refer to, with the site's own vocabulary and a format version.

``to_json`` writes the data in the same shape as the YAML files, so
``casefile.outputs.opendata_import.from_json`` reads it back through the same validation
and linking: a round trip gives an identical export.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from casefile.model import objects as m
from casefile.model import vocab, who
from casefile.model.oversight import Framework
from casefile.outputs.opendata_json import (
    Json,
    _cited_in,
    _clean,
    body_json,
    case_json,
    indicator_json,
    person_json,
    source_json,
)

FORMAT = "casefile"
FORMAT_VERSION = "1.0"


def _vocabulary(ds: m.Dataset, used: set[str] | None = None) -> Json:
    """The site's own vocabulary terms, as data/vocabulary.yml gives them; with ``used``,
    only those values (a case's file carries only the terms it uses)."""
    found = {name: [{"value": t.value, "label": t.label, "description": t.description,
                     **({"open": t.open} if isinstance(t, vocab.Licence) else {}),
                     **_type_duty(t)}
                    for t in terms.values() if used is None or t.value in used]
             for name, terms in ds.site_terms.items()}
    frameworks = [_framework(f) for f in ds.site_frameworks.values()
                  if used is None or f.id in used]
    return {**{name: terms for name, terms in found.items() if terms},
            **({"oversight_frameworks": frameworks} if frameworks else {})}


def _type_duty(t: vocab.Term) -> Json:
    """A site record type's duty to respond, as data/vocabulary.yml gives it: {"respond":
    {"within", "unit", "from"}}; empty for any other term."""
    if not isinstance(t, vocab.RecordType) or t.respond is None:
        return {}
    within, unit, start = t.respond
    return {"respond": {"within": within, "unit": unit, "from": start}}


def _framework(f: Framework) -> Json:
    """A site's own oversight framework, as data/vocabulary.yml gives it."""
    return _clean({"id": f.id, "name": f.name, "overseer": f.overseer,
                   "description": f.description or None, "most_serious": f.most_serious,
                   "levels": [_clean({"value": lv.value, "label": lv.label,
                                      "description": lv.description or None})
                              for lv in f.as_written]})


def to_json(ds: m.Dataset, cases: list[str] | None = None, *, with_cases: bool = True
            ) -> Json:
    """The whole data set, or only the named cases with just what they refer to; the
    whole data set with an empty list of cases if not ``with_cases`` (``dump_parts``)."""
    chosen = [ds.cases[c] for c in (cases if cases is not None else list(ds.cases))]
    cased = [case_json(c) for c in chosen] if with_cases or cases is not None else []
    bodies, people, sources, themes = (list(ds.bodies.values()), list(ds.people.values()),
                                       list(ds.sources.values()), list(ds.themes.values()))
    indicators = list(ds.indicators.values())
    if cases is not None:  # select by id: scanning every source per case would be O(N²)
        used = _referenced(cased)
        people = [ds.people[i] for i in sorted(used) if i in ds.people]
        used |= {r.body.id for p in people for r in p.roles}
        used |= {ds.sources[i].original.id for i in used  # type: ignore[union-attr]
                 if i in ds.sources and ds.sources[i].original}
        used |= {ds.sources[i].publisher.id for i in used  # type: ignore[union-attr]
                 if i in ds.sources and ds.sources[i].publisher}
        used |= {a for i in list(used) if i in ds.bodies for a in who.family_above(ds.bodies[i])}
        bodies = [ds.bodies[i] for i in sorted(used) if i in ds.bodies]
        used |= {c.source.id for b in bodies for n in b.names for c in n.cites}
        used |= {c.source.id for p in people for r in p.roles for c in r.cites}
        sources = [ds.sources[i] for i in sorted(used) if i in ds.sources]
        themes = [ds.themes[i] for i in sorted(used) if i in ds.themes]
        indicators = [ds.indicators[i] for i in sorted(used) if i in ds.indicators]
    kinds = None if cases is None else (
        {r.type.value for c in chosen for r in c.records} | {b.kind for b in bodies}
        | {s.kind for s in sources} | {s.licence for s in sources if s.licence}
        | {x.kind.value for c in chosen for x in c.money if x.kind}
        | {o.framework.id for c in chosen for r in c.records for o in r.oversight}
        | {x.status.value for c in chosen for r in c.records for x in r.responses})
    vocabulary = _vocabulary(ds, kinds)
    cited_by: dict[str, list[m.Case]] = {}
    for c in chosen:
        for source_id in sorted(_cited_in(c)):
            cited_by.setdefault(source_id, []).append(c)
    return {"format": FORMAT, "format_version": FORMAT_VERSION,
            **({"vocabulary": vocabulary} if vocabulary else {}),
            "themes": [_clean({"id": t.id, "name": t.name, "description": t.description})
                       for t in themes],
            **({"indicators": [indicator_json(i) for i in indicators]} if indicators else {}),
            "bodies": [body_json(b) for b in bodies],
            "people": [person_json(p) for p in people],
            "sources": [source_json(s, cited_by.get(s.id)) for s in sources],
            "cases": cased}


_REF_KEYS = ("source", "subject", "regulators", "body", "asserted_by", "by", "person",
             "publisher", "theme", "themes", "partners", "overseers", "indicator")


def _referenced(value: Any) -> set[str]:
    """Every id the exported cases point at (sources, bodies, people, themes)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if key in _REF_KEYS and isinstance(sub, str):
                    found.add(sub)
                elif key in _REF_KEYS and isinstance(sub, list):
                    found.update(x for x in sub if isinstance(x, str))
                else:
                    stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return found



def dump(data: Json) -> str:
    import json

    # compact separators keep json's C encoder (indent= would fall back to pure Python)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def dump_parts(ds: m.Dataset) -> Iterator[str]:
    """``dump(to_json(ds))``, the same text, in pieces: the data set without its cases,
    then each case's JSON as it is made. The whole file is never a tree or a string in
    memory (at 200 synthetic cases, 6 MB of JSON took 35 MB to make in one piece)."""
    import json

    shell = dump(to_json(ds, with_cases=False))
    end = '"cases":[]}\n'
    if not shell.endswith(end):  # pragma: no cover - "cases" is the last key above
        raise AssertionError("the data set's JSON no longer ends with its cases")
    yield shell[:-len("]}\n")]
    for n, case in enumerate(ds.cases.values()):
        yield ("," if n else "") + json.dumps(case_json(case), ensure_ascii=False,
                                              separators=(",", ":"))
    yield "]}\n"
