"""Every date field of every file kind, empty or invalid, is a located problem
(``file:line:col: message``), never a traceback.

The fields come from the schema (casefile.reading.schema), so a new date field fails
``test_every_date_field_of_the_schema_is_in_the_fixture`` until it is given a line in the
fixture below, and is then checked like the others."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.pipeline import load_dataset
from casefile.reading import schema
from tests.conftest import MINI, write_tree

REPORT = "sources/report-2017.yml"
PERSON = "people/pat-leader.yml"
CASE = "cases/town/case.yml"
RECORD = "cases/town/records/town-dates.yml"

ALL_DATES: dict[str, str | bytes] = {
    **MINI,
    PERSON: MINI[PERSON] + "    from: 2015-05\n    until: 2019\n",
    REPORT: MINI[REPORT] + """\
sources_differ:
  published:
    values:
      - value: 2017-10-03
        cite: [council-news]
    chosen: 2017-10-02
    reason: The report itself gives the 2nd.
""",
    CASE: MINI[CASE] + """\
as_of: 2020-06-30
corrections:
  - date: 2020-02-01
    what: A figure.
    why: It was wrong.
""",
    RECORD: """\
id: town-dates
type: monitoring_visit
title: Monitoring visit
date: 2018-05-01
until: 2018-05-03
published: 2018-06-01
body: inspectorate
summary: Inspectors visited again.
cite: [report-2017]
findings:
  - id: f-referrals
    theme: safeguarding
    text: Slow referrals.
    cite: [report-2017]
assessments:
  - finding: f-leadership
    status: improving
    asserted_by: inspectorate
    note: Better.
    cite: [report-2017]
requirements:
  - id: req-report
    text: Report back.
    due:
      date: 2018-12-31
    progress:
      - date: 2018-09-01
        note: Some progress.
        cite: [council-news]
    cite: [report-2017]
statements:
  - person: pat-leader
    date: 2018-06-02
    quote: We are working on it.
    cite: [council-news]
oversight:
  - framework: council-intervention
    level: commissioners_appointed
    effective: 2018-07-01
    cite: [report-2017]
next:
  - text: Inspectors return.
    date: 2019-03-31
    cite: [report-2017]
respond:
  by: [town-council]
  date: 2018-09-30
sources_differ:
  date:
    values:
      - value: 2018-05-02
        cite: [council-news]
    chosen: 2018-05-01
    reason: The report gives the 1st.
  published:
    values:
      - value: 2018-06-05
        cite: [council-news]
    chosen: 2018-06-01
    reason: The report gives the 1st.
figures:
  - indicator: staff-in-post
    value: 12
    date: 2018-04-01
    until: 2018-04-30
    cite: [report-2017]
""",
    "indicators.yml": "indicators:\n  - id: staff-in-post\n    name: Staff\n    unit: people\n",
}

# Where each date field of the schema is written in ALL_DATES: (file, its whole line).
SITES = {
    "body:names[].from": ("bodies/inspectorate.yml", "    from: 2018-01"),
    "body:names[].until": ("bodies/inspectorate.yml", "    until: 2017-12"),
    "person:roles[].from": (PERSON, "    from: 2015-05"),
    "person:roles[].until": (PERSON, "    until: 2019"),
    "source:published": (REPORT, "published: 2017-10-02"),
    "source:accessed": (REPORT, "accessed: 2020-01-01"),
    "source:sources_differ.published.values[].value": (REPORT, "      - value: 2017-10-03"),
    "source:sources_differ.published.chosen": (REPORT, "    chosen: 2017-10-02"),
    "case:reviewed": (CASE, "reviewed: 2020-01-01"),
    "case:as_of": (CASE, "as_of: 2020-06-30"),
    "case:corrections[].date": (CASE, "  - date: 2020-02-01"),
    "record:date": (RECORD, "date: 2018-05-01"),
    "record:until": (RECORD, "until: 2018-05-03"),
    "record:published": (RECORD, "published: 2018-06-01"),
    "record:requirements[].due.date": (RECORD, "      date: 2018-12-31"),
    "record:requirements[].progress[].date": (RECORD, "      - date: 2018-09-01"),
    "record:statements[].date": (RECORD, "    date: 2018-06-02"),
    "record:oversight[].effective": (RECORD, "    effective: 2018-07-01"),
    "record:next[].date": (RECORD, "    date: 2019-03-31"),
    "record:respond.date": (RECORD, "  date: 2018-09-30"),
    "record:figures[].date": (RECORD, "    date: 2018-04-01"),
    "record:figures[].until": (RECORD, "    until: 2018-04-30"),
    "record:sources_differ.date.values[].value": (RECORD, "      - value: 2018-05-02"),
    "record:sources_differ.date.chosen": (RECORD, "    chosen: 2018-05-01"),
    "record:sources_differ.published.values[].value": (RECORD, "      - value: 2018-06-05"),
    "record:sources_differ.published.chosen": (RECORD, "    chosen: 2018-06-01"),
}


def date_fields(obj: schema.Obj, prefix: str = "") -> Iterator[str]:
    """The path of every Date field in ``obj``, lists written ``name[]``."""
    for field in obj.fields:
        type_, name = field.type, prefix + field.name
        if isinstance(type_, schema.ListOf):
            type_, name = type_.item, name + "[]"
        if isinstance(type_, schema.Date):
            yield name
        elif isinstance(type_, schema.Obj):
            yield from date_fields(type_, name + ".")


SCHEMA_DATE_FIELDS = sorted(f"{kind}:{path}" for kind, obj in schema.FILE_KINDS.items()
                            for path in date_fields(obj))


def load(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    """The problems ``casefile check`` would print for ``files``; [] when valid."""
    write_tree(tmp_path / "data", files)
    try:
        load_dataset(tmp_path / "data", use_cache=False)
    except DataError as exc:
        return [str(problem) for problem in exc.problems]
    return []


def test_every_date_field_of_the_schema_is_in_the_fixture(tmp_path: Path) -> None:
    assert sorted(SITES) == SCHEMA_DATE_FIELDS
    assert len(SCHEMA_DATE_FIELDS) == 26  # the walk itself finds what it should
    for rel, line in SITES.values():
        assert str(ALL_DATES[rel]).splitlines().count(line) == 1, (rel, line)
    assert load(tmp_path, ALL_DATES) == []  # the fixture is valid as it stands


def field_type(key: str) -> schema.Date:
    """The schema's type of the field at ``key`` (kind:path, as in SITES)."""
    kind, path = key.split(":")
    type_: schema.Type = schema.FILE_KINDS[kind]
    for name in path.replace("[]", "").split("."):
        assert isinstance(type_, schema.Obj)
        type_ = type_.field_map()[name].type
        type_ = type_.item if isinstance(type_, schema.ListOf) else type_
    assert isinstance(type_, schema.Date)
    return type_


# The located path of each field in its file: its lists' first item, but for the body's
# second name.
LOCATED = {key: key.split(":")[1].replace("[]", "[0]") for key in SITES}
LOCATED["body:names[].from"] = "names[1].from"
NOT_A_DATE = "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
BAD = {  # as written after the key -> what the problem says after the field's path
    "": "is empty; expected a date",  # an editor clearing a value: `date:`
    ' ""': "is empty; expected a date",
    " '  '": "is empty; expected a date",
    " 2018-02-30": "'2018-02-30' is not a real date: February 2018 has 28 days",
    " 2019-13": "'2019-13' is not a real date: month 13 is not 01 to 12",
    " soon": f"'soon' {NOT_A_DATE}",
}


@pytest.mark.parametrize("written", list(BAD))
@pytest.mark.parametrize("key", SCHEMA_DATE_FIELDS)
def test_an_empty_or_invalid_date_is_a_located_problem(tmp_path: Path, key: str,
                                                       written: str) -> None:
    rel, line = SITES[key]
    head = line.split(": ")[0] + ":"
    files = {**ALL_DATES, rel: str(ALL_DATES[rel]).replace(line + "\n", head + written + "\n")}
    number = str(ALL_DATES[rel]).splitlines().index(line) + 1
    # a value is located where it starts; an empty one just after the key's colon
    column = len(head) + (2 if written.strip() else 1)
    message = BAD[written]
    if written == " soon" and field_type(key).words:  # the worded forms it takes follow
        problems = load(tmp_path, files)
        assert len(problems) == 1
        assert problems[0].startswith(f"data/{rel}:{number}:{column}: {LOCATED[key]}: "
                                      f"{message}, or in words, e.g. 'June 2021'")
        assert problems[0].endswith("(see the date forms on the methodology page)")
        return
    assert load(tmp_path, files) == [f"data/{rel}:{number}:{column}: {LOCATED[key]}: {message}"]
