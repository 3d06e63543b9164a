"""Every check of casefile.reading.validate, one file at a time, with its exact located
message ``file:line:col: path: message`` and the exact value it keeps (found by mutation
testing, #17). The schema ``THING`` below is made up to reach each kind of field and rule
with nothing else in the way; the real schemas are used where their words matter."""

from __future__ import annotations

from typing import Any

import pytest

from casefile.model import date_words, vocab
from casefile.reading import schema as s
from casefile.reading import validate as v
from casefile.reading.load import parse_text

F = s.F
COLOURS = {"red": vocab.Term("red", "Red", ""), "no": vocab.Term("no", "No", "")}
ITEM = s.Obj("an item", "", (F("name", s.Text(one_line=True), "The name on form X.", True),
                             F("size", s.Int(1, 5), "Size.")), shorthand="name")
THING = s.Obj("a thing", "", (
    F("id", s.Id(), "Unique id.", True),
    F("title", s.Text(one_line=True), "What it is called."),
    F("note", s.Text(), "Some words."),
    F("owner", s.Ref("body"), "The owner."),
    F("colour", s.Enum(COLOURS), "A colour."),
    F("kind", s.Enum(COLOURS, site="money_kinds"), "A kind the site may add to."),
    F("code", s.Key(), "A key."),
    F("grade", s.Key(linked=True), "A grade."),
    F("count", s.Int(2, 300), "How many."),
    F("pages", s.Int(), "Pages."),
    F("amount", s.Amount(), "How much."),
    F("currency", s.Currency(), "The currency."),
    F("flag", s.Bool(), "A flag."),
    F("language", s.Lang(), "A language."),
    F("url", s.Url(), "A link."),
    F("when", s.Date(), "A date."),
    F("tags", s.ListOf(s.Text(), min_items=2), "Tags."),
    F("one", s.ListOf(s.Ref("body"), min_items=1, one_ok=True), "One or more."),
    F("items", s.ListOf(ITEM), "Items."),
    F("a", s.Text(), "A."), F("b", s.Text(), "B."), F("c", s.Text(), "C."),
    F("insecure", s.Bool(), "Plain http allowed."),
), rules=(s.Rule("exactly_one", ("a", "b"), "a or b, never both"),
          s.Rule("at_least_one", ("b", "c")),
          s.Rule("together", ("count", "amount")),
          s.Rule("http_needs_flag", ("url", "insecure")),
          s.Rule("requires", ("language", "title"))))
OK = "id: a-thing\na: ax\nc: cy\n"


def check(text: str, kind: s.Obj = THING) -> tuple[v.Rec | None, list[str]]:
    node, problems = parse_text(text, "t.yml")
    assert node is not None and problems == []
    rec, found = v.validate(node, kind, "t.yml")
    return rec, [str(p) for p in found]


def value(line: str) -> Any:
    """The value kept for the key of ``line`` (added to a valid thing), with no problem."""
    rec, got = check(OK + line)
    assert got == [] and rec is not None
    return rec[line.split(":")[0]]


def problem(line: str) -> str:
    """The one problem of ``line`` added to a valid thing (on line 4)."""
    _, got = check(OK + line)
    assert len(got) == 1, got
    return got[0]


def test_a_valid_thing_keeps_its_values_and_their_places() -> None:
    rec, got = check("id: a-thing\ntitle: '  The thing  '\na: ax\nc: cy\ncount: 20\n"
                     "amount: 6.5\ncurrency: GBP\nflag: true\n")
    assert got == [] and rec is not None
    assert dict(rec) == {"id": "a-thing", "title": "The thing", "a": "ax", "c": "cy", "count": 20,
                         "amount": "6.5", "currency": "GBP", "flag": True}
    assert rec.loc == v.Loc("t.yml", 1, 1, "")
    assert rec.where("id") == v.Loc("t.yml", 1, 5, "id")  # the first key
    assert rec.where("count") == v.Loc("t.yml", 5, 8, "count")
    assert rec.where("flag") == v.Loc("t.yml", 8, 7, "flag")  # the last key
    assert rec.where("title") == v.Loc("t.yml", 2, 8, "title")
    assert rec.where("note") == rec.loc  # not given: the mapping's own place


def test_places_inside_lists_and_mappings() -> None:
    rec, got = check(OK + "items:\n  - name: first\n  - name: second\n    size: 3\n")
    assert got == [] and rec is not None
    second = rec["items"][1]
    assert second.loc == v.Loc("t.yml", 6, 5, "items[1]")
    assert second.where("size") == v.Loc("t.yml", 7, 11, "items[1].size")
    assert (second["name"], second["size"]) == ("second", 3)


def test_a_shorthand_scalar_stands_for_its_field() -> None:
    rec, got = check(OK + "items: [first, {name: second}]\n")
    assert got == [] and rec is not None
    first = rec["items"][0]
    assert dict(first) == {"name": "first"}
    assert first.loc == v.Loc("t.yml", 4, 9, "items[0]")
    assert first.where("name") == v.Loc("t.yml", 4, 9, "items[0].name")
    assert problem("items: ['<the name here>']\n") == (
        "t.yml:4:9: items[0].name: placeholder not filled in: replace <the name here> with text")


def test_an_empty_shorthand_is_not_taken_for_its_field() -> None:
    assert problem("items: ['']\n") == (
        "t.yml:4:9: items[0]: expected an item (a mapping of keys), found ''")


def test_shapes() -> None:
    assert problem("items: [[x]]\n") == (
        "t.yml:4:9: items[0]: expected an item (a mapping of keys), found a list")
    _, got = check("- a\n")
    assert got == ["t.yml:1:1: expected a thing (a mapping of keys), found a list"]
    assert check("{}\n", s.Obj())[1] == []
    _, got = check("just text\n", s.Obj())
    assert got == ["t.yml:1:1: expected a mapping (a mapping of keys), found 'just text'"]
    assert problem("title: [x]\n") == "t.yml:4:8: title: expected text, found a list"
    assert problem("title:\n  x: y z\n") == (
        "t.yml:5:3: title: expected text, found a mapping; if you meant the text 'x: y z', put "
        "it in quotes, because YAML reads ': ' as a key and its value")


@pytest.mark.parametrize(("line", "found"), [
    ("title:\n  'x': y\n", ""),  # a quoted key: not text
    ("title:\n  x: 'y'\n", ""),  # a quoted value: not text
    ("title:\n  x: [y]\n", ""),  # a list as value
    ("title:\n  x: y\n  z: w\n", ""),  # two keys
])
def test_a_mapping_is_called_text_with_a_colon_only_when_it_could_be(line: str,
                                                                     found: str) -> None:
    assert problem(line) == f"t.yml:5:3: title: expected text, found a mapping{found}"


def test_lists() -> None:
    assert value("one: town\n") == ["town"]
    assert value("one: [town, city]\n") == ["town", "city"]
    assert problem("tags: a\n") == (
        "t.yml:4:7: tags: expected a list (lines starting with '- '), found 'a'")
    assert problem("tags:\n  x: y\n") == (
        "t.yml:5:3: tags: expected a list (lines starting with '- '), found a mapping")
    assert problem("tags: [a]\n") == (
        "t.yml:4:7: tags: needs at least 2 items; list each on its own line starting with "
        "'- ', or write them in brackets: [first, second]")
    assert problem("one: []\n") == (
        "t.yml:4:6: one: needs at least 1 item; list each on its own line starting with "
        "'- ', or write them in brackets: [first, second]")
    assert value("tags: [a, b]\n") == ["a", "b"]
    assert problem("one: Town\n") == (  # a single item is checked as an item
        "t.yml:4:6: one: 'Town' is not a valid id: use lower-case letters, digits and single "
        "hyphens (e.g. council-2017-inspection)")
    assert problem("tags: [a, '']\n") == "t.yml:4:11: tags[1]: is blank; expected text"


def test_unknown_and_missing_keys() -> None:
    _, got = check("titel: tx\nc: cy\nb: bz\n")
    assert got == [
        "t.yml:1:1: titel: unknown key 'titel'; did you mean 'title'? (allowed: id, title, "
        "note, owner, colour, kind, code, grade, count, pages, amount, currency, flag, "
        "language, url, when, tags, one, items, a, b, c, insecure)",
        "t.yml:1:1: id: missing required key 'id' (unique id)"]
    _, got = check(OK + "titel: tx\nflag: maybe\n")  # keys after an unknown one are checked
    assert [g.split(": ")[1] for g in got] == ["titel", "flag"]
    assert problem("items:\n  - name: nm\n    size: 9\n") == (
        "t.yml:6:11: items[0].size: '9' is not a whole number from 1 to 5 (no leading zeros)")
    assert problem("items: [{size: 2}]\n") == (
        "t.yml:4:9: items[0].name: missing required key 'name' (the name on form x)")


def test_rules() -> None:
    _, got = check("id: a-thing\n")
    assert got == ["t.yml:1:1: a thing: give exactly one of 'a' or 'b'; a or b, never both",
                   "t.yml:1:1: a thing: give 'b' or 'c' (or both)"]
    _, got = check("id: a-thing\na: ax\nb: by\n")
    assert got == ["t.yml:1:1: a thing: give exactly one of 'a' or 'b'; a or b, never both"]
    assert check("id: a-thing\nb: by\n")[1] == []
    assert problem("count: 2\n") == (
        "t.yml:1:1: a thing: 'count' and 'amount' go together; give all of them")
    assert problem("language: en\n") == "t.yml:1:1: title: 'language' needs 'title' as well"
    assert value("title: T\nlanguage: en\n") == "T"
    no_hint = s.Obj("plain", "", (F("a", s.Text(), ""), F("b", s.Text(), "")),
                    rules=(s.Rule("exactly_one", ("a", "b")),))
    assert check("a: ax\nb: by\n", no_hint)[1] == [
        "t.yml:1:1: plain: give exactly one of 'a' or 'b'"]


def test_rules_inside_a_list_name_the_item() -> None:
    both = s.Obj("both", "", (F("a", s.Text(), ""), F("b", s.Text(), "")),
                 rules=(s.Rule("at_least_one", ("a", "b")),))
    outer = s.Obj("outer", "", (F("list", s.ListOf(both), ""),))
    assert check("list:\n  - {}\n", outer)[1] == ["t.yml:2:5: list[0]: give 'a' or 'b' (or both)"]
    needs = s.Obj("needs", "", (F("a", s.Text(), ""), F("b", s.Text(), "")),
                  rules=(s.Rule("requires", ("a", "b")),))
    outer = s.Obj("outer", "", (F("list", s.ListOf(needs), ""),))
    assert check("list:\n  - a: ax\n", outer)[1] == [
        "t.yml:2:5: list[0].b: 'a' needs 'b' as well"]


def test_plain_http_needs_the_flag() -> None:
    assert problem("url: http://example.org/\n") == (
        "t.yml:4:6: url: 'http://example.org/' uses plain http; use https, or add "
        "'insecure: true' if the publisher offers no https")
    assert value("url: http://example.org/\ninsecure: true\n") == "http://example.org/"
    assert problem("url: http://example.org/\ninsecure: false\n").endswith("uses plain http; "
                                                                          "use https, or add "
                                                                          "'insecure: true' if "
                                                                          "the publisher offers "
                                                                          "no https")
    assert value("url: https://example.org:8080/a?b=c\n") == "https://example.org:8080/a?b=c"


@pytest.mark.parametrize(("line", "expected"), [
    ("title: <the title here>\n", "t.yml:4:8: title: placeholder not filled in: replace "
     "<the title here> with text"),
    ("owner: <the owner>\n", "t.yml:4:8: owner: placeholder not filled in: replace <the owner> "
     "with the id of a body"),
    ("colour: <a colour>\n", "t.yml:4:9: colour: placeholder not filled in: replace <a colour> "
     "with one of red, no"),
    ("kind: <a kind>\n", "t.yml:4:7: kind: placeholder not filled in: replace <a kind> with one "
     "of red, no or one of the site's own in data/vocabulary.yml"),
    ("pages: <how many>\n", "t.yml:4:8: pages: placeholder not filled in: replace <how many> "
     "with a whole number"),
])
def test_placeholders(line: str, expected: str) -> None:
    assert problem(line) == expected


def test_html_is_no_placeholder() -> None:
    assert value("title: <script>\n") == "<script>"


@pytest.mark.parametrize(("text", "kind"), [
    ("yes", "boolean (true)"), ("Y", "boolean (true)"), ("on", "boolean (true)"),
    ("TRUE", "boolean (true)"), ("n", "boolean (false)"), ("Off", "boolean (false)"),
    ("false", "boolean (false)"), ("~", "null (no value)"), ("Null", "null (no value)"),
    ("0x1F", "number"), ("1_000", "number"), ("1e5", "number"), (".inf", "number"),
    ("12:30", "number"), ("-3.5", "number"),
])
def test_yaml_1_1_values_that_are_not_text(text: str, kind: str) -> None:
    assert problem(f"title: {text}\n") == (
        f"t.yml:4:8: title: {text} is read as a {kind} by YAML 1.1 tools; if you mean the "
        f'text, put it in quotes: "{text}"')


def test_yaml_1_1_values_in_quotes_or_among_the_terms_are_text() -> None:
    assert value("title: 'yes'\n") == "yes"
    assert value("colour: no\n") == "no"  # one of the terms
    assert problem("code: no\n").startswith("t.yml:4:7: code: no is read as a boolean (false)")


def test_empty_and_blank() -> None:
    assert problem("title:\n") == "t.yml:4:7: title: is empty; expected text"
    assert problem("owner:\n") == "t.yml:4:7: owner: is empty; expected an id"
    assert problem("title: ' '\n") == "t.yml:4:8: title: is blank; expected text"
    assert problem("title: ''\n") == "t.yml:4:8: title: is blank; expected text"
    assert problem("note: |\n  \n") == "t.yml:4:7: note: is blank; expected text"


def test_text() -> None:
    assert problem('title: "two\\nlines"\n') == "t.yml:4:8: title: must be a single line"
    assert value('title: " one line\\n"\n') == "one line"
    assert value("note: |\n  two\n  lines\n") == "two\nlines"


def test_direction_marks_only_in_one_line_fields() -> None:
    mark = "\u200f"
    assert problem(f"title: a{mark}b\n") == (
        "t.yml:4:8: title: U+200F RIGHT-TO-LEFT MARK (character 2 of the value): invisible "
        "direction marks are not allowed in one-line fields (titles, names, ids, links); "
        "remove it (Arabic and Hebrew text displays right to left without it)")
    assert problem(f"owner: a{mark}b\n").startswith("t.yml:4:8: owner: U+200F RIGHT-TO-LEFT "
                                                     "MARK (character 2 of the value): ")
    assert value(f"note: a{mark}b\n") == f"a{mark}b"  # running text may hold one
    assert value("title: café\n") == "café"


def test_ids() -> None:
    assert value("owner: a-b-1\n") == "a-b-1"
    assert problem("owner: A-b\n") == (
        "t.yml:4:8: owner: 'A-b' is not a valid id: use lower-case letters, digits and single "
        "hyphens (e.g. council-2017-inspection)")
    assert problem("owner: a--b\n").startswith("t.yml:4:8: owner: 'a--b' is not a valid id")
    longest = "a" * s.MAX_ID_LENGTH
    assert value(f"owner: {longest}\n") == longest
    assert problem(f"owner: {longest}b\n") == (
        f"t.yml:4:8: owner: id '{'a' * 20}...' is 101 characters long; ids may have at most "
        "100, as they name files")


def test_keys_enums_urls_currencies_and_languages() -> None:
    assert value("code: children_trust\n") == "children_trust"
    assert problem("code: Children\n") == (
        "t.yml:4:7: code: 'Children' is not a value in lower-case letters, digits and single "
        "underscores, e.g. children_trust")
    assert value("grade: Anything Goes\n") == "Anything Goes"  # checked when linking
    assert value("kind: purple\n") == "purple"  # the site may add it
    assert problem("colour: rde\n") == (
        "t.yml:4:9: colour: 'rde' is not allowed; did you mean 'red'? (allowed: red, no)")
    assert problem("colour: blue\n") == (
        "t.yml:4:9: colour: 'blue' is not allowed (allowed: red, no)")
    assert problem("url: ftp://x.org/\n") == (
        "t.yml:4:6: url: 'ftp://x.org/' is not an https:// URL (plain http, javascript:, data: "
        "and relative links are not allowed)")
    assert problem("currency: XXX\n") == (
        "t.yml:4:11: currency: 'XXX' is the ISO 4217 code for no currency at all, not a "
        "currency; write the code of the currency the amount is in, e.g. GBP, EUR, USD or JPY")
    assert problem("currency: gbp\n") == (
        "t.yml:4:11: currency: 'gbp' is not a currency code; did you mean 'GBP'? (write the ISO "
        "4217 code, e.g. GBP, EUR, USD or JPY)")
    assert problem("currency: QQQ\n") == (
        "t.yml:4:11: currency: 'QQQ' is not a currency code (write the ISO 4217 code, e.g. GBP, "
        "EUR, USD or JPY)")
    assert value("language: en-GB\ntitle: T\n") == "en-GB"
    assert problem("title: T\nlanguage: english\n") == (
        "t.yml:5:11: language: 'english' is not a language code such as en or cy")


def test_dates_and_flags() -> None:
    assert str(value("when: 2018-03\n")) == "2018-03"
    assert problem("when: ''\n") == "t.yml:4:7: when: is empty; expected a date"
    assert problem("when: 2018-13\n") == (
        "t.yml:4:7: when: '2018-13' is not a real date: month 13 is not 01 to 12")
    assert value("flag: false\n") is False
    assert problem("flag: 'true'\n") == (
        "t.yml:4:7: flag: 'true' is not allowed; write true or false (unquoted)")
    assert problem("flag: yes\n") == (
        "t.yml:4:7: flag: 'yes' is not allowed; write true or false (unquoted)")


@pytest.mark.parametrize(("text", "kept"), [("2", 2), ("300", 300), (" 12 ", 12)])
def test_whole_numbers_in_range(text: str, kept: int) -> None:
    assert value(f"count: '{text}'\namount: 1\ncurrency: GBP\n") == kept


@pytest.mark.parametrize("text", ["1", "301", "020", "0", "-5", "2.0", "3000"])
def test_whole_numbers_out_of_range(text: str) -> None:
    _, got = check(f"{OK}count: {text}\namount: 1\ncurrency: GBP\n")
    assert got == [f"t.yml:4:8: count: '{text}' is not a whole number from 2 to 300 (no leading "
                   "zeros)"]


def test_a_long_number_is_shortened_in_the_message() -> None:
    forty = "9" * 40
    _, got = check(f"{OK}count: {forty}\namount: 1\ncurrency: GBP\n")
    assert got == [f"t.yml:4:8: count: '{forty}' is not a whole number from 2 to 300 (no "
                   "leading zeros)"]
    _, got = check(f"{OK}count: 9{forty}\namount: 1\ncurrency: GBP\n")
    assert got == [f"t.yml:4:8: count: '{'9' * 20}... (41 characters)' is not a whole number "
                   "from 2 to 300 (no leading zeros)"]


@pytest.mark.parametrize("text", ["0", "0.5", "6172000", "1" * 18, "1." + "5" * 4])
def test_amounts(text: str) -> None:
    assert value(f"amount: '{text}'\ncount: 2\ncurrency: GBP\n") == text


@pytest.mark.parametrize(("text", "why"), [
    ("1" * 19, "is too long: an amount has at most 18 digits before the point and 4 after"),
    ("1." + "5" * 5, "is too long: an amount has at most 18 digits before the point and 4 "
     "after"),
    ("06", "is not an amount in digits, e.g. 6172000 (no commas, no 6.172e6)"),
    ("6,172", "is not an amount in digits, e.g. 6172000 (no commas, no 6.172e6)"),
    ("1.", "is not an amount in digits, e.g. 6172000 (no commas, no 6.172e6)"),
])
def test_amounts_refused(text: str, why: str) -> None:
    _, got = check(f"{OK}amount: '{text}'\ncount: 2\ncurrency: GBP\n")
    assert got == [f"t.yml:4:9: amount: '{text}' {why}"]


def test_join() -> None:
    assert (v._join("", "a"), v._join("a", "b"), v._join("a", 0), v._join("", 3)) == (
        "a", "a.b", "a[0]", "[3]")


def test_suggestions_stop_once_the_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([1000.0, 1000.5, 1000.6, 1000.7, 1000.8])
    monkeypatch.setattr(v.time, "monotonic", lambda: next(clock))
    monkeypatch.setitem(v._suggest_clock, "window", 990.0)
    monkeypatch.setitem(v._suggest_clock, "spent", v.SUGGEST_BUDGET - 0.4)
    assert v.suggest("tittle", ["title"]) == "; did you mean 'title'?"  # takes 0.5 s
    assert v._suggest_clock == {"window": 990.0, "spent": pytest.approx(v.SUGGEST_BUDGET + 0.1)}
    assert v.suggest("tittle", ["title"]) == ""  # over the budget in this window


def test_a_new_window_resets_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([1000.0, 1000.25])
    monkeypatch.setattr(v.time, "monotonic", lambda: next(clock))
    monkeypatch.setitem(v._suggest_clock, "window", 1000.0 - v.SUGGEST_WINDOW - 0.5)
    monkeypatch.setitem(v._suggest_clock, "spent", v.SUGGEST_BUDGET)
    assert v.suggest("tittle", ["title"]) == "; did you mean 'title'?"
    assert v._suggest_clock == {"window": 1000.0, "spent": 0.25}


def test_the_budget_is_spent_at_exactly_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(v.time, "monotonic", lambda: 1000.0)
    monkeypatch.setitem(v._suggest_clock, "window", 1000.0 - v.SUGGEST_WINDOW)  # same window
    monkeypatch.setitem(v._suggest_clock, "spent", v.SUGGEST_BUDGET)
    assert v.suggest("tittle", ["title"]) == ""
    monkeypatch.setitem(v._suggest_clock, "spent", v.SUGGEST_BUDGET - 0.01)
    assert v.suggest("tittle", ["title"]) == "; did you mean 'title'?"
    assert v.suggest("zzzz", ["title"]) == ""


RATED = s.Obj("rating", "", (
    F("grade", s.Key(linked=True), "Grade."), F("note", s.Text(), "N."),
    s.differ_field("rating", (("grade", s.GRADE_DISAGREEMENT),))))


def test_disagreements_are_checked_after_the_rest() -> None:
    _, got = check("nite: x y\nsources_differ:\n  grade:\n    values:\n      - value: good\n"
                   "        cite: [a-source]\n    chosen: good\n    reason: R.\n", RATED)
    assert got == [
        "t.yml:1:1: nite: unknown key 'nite'; did you mean 'note'? (allowed: grade, note, "
        "sources_differ)",
        "t.yml:4:5: sources_differ.grade: sources differ on 'grade', but this rating gives no "
        "'grade'; write the chosen value as 'grade:' (when unsettled, one of the values), "
        "supported by the rating's citations, and list only the other values here"]


LINK = s.Obj("link", "", (F("url", s.Url(), "U."), F("archive", s.Url(), "A."),
                          F("insecure", s.Bool(), "I.")),
             rules=(s.Rule("http_needs_flag", ("url", "archive", "insecure")),))
LINKS = s.Obj("links", "", (F("links", s.ListOf(LINK), "Links."),))


def test_plain_http_in_any_link_field_needs_the_flag() -> None:
    """As a source's url and archive_url: each link field is checked, and the flag is the
    last field of the rule (here inside a list, so the path names the item)."""
    _, got = check("links:\n  - url: https://a.org/\n    archive: http://b.org/\n"
                   "  - url: http://c.org/\n    archive: http://d.org/\n"
                   "  - url: http://e.org/\n    archive: http://f.org/\n    insecure: true\n",
                   LINKS)
    assert got == [
        "t.yml:3:14: links[0].archive: 'http://b.org/' uses plain http; use https, or add "
        "'insecure: true' if the publisher offers no https",
        "t.yml:4:10: links[1].url: 'http://c.org/' uses plain http; use https, or add "
        "'insecure: true' if the publisher offers no https",
        "t.yml:5:14: links[1].archive: 'http://d.org/' uses plain http; use https, or add "
        "'insecure: true' if the publisher offers no https"]


def test_a_date_field_takes_the_worded_forms_it_allows() -> None:
    ranged = s.Obj("event", "", (F("when", s.Date(date_words.RANGES), "When."),))
    rec, got = check("when: autumn 2022\n", ranged)
    assert got == [] and rec is not None and rec["when"].words == "autumn 2022"
    assert problem("when: autumn 2022\n").startswith(
        "t.yml:4:7: when: 'autumn 2022' is not a date")  # THING's date takes no words


# A pattern that lets whitespace through, so that only the one-line rule can refuse a
# line break (the real patterns, file names and hashes, refuse one anyway).
CODED = s.Obj("coded", "", (F("ref", s.Pattern(r"[a-z]+(\s[a-z]+)*", "words in lower case"),
                              "R."),))


def test_a_pattern_field_keeps_its_text_stripped_and_names_what_it_wants() -> None:
    rec, got = check("ref: '  two words  '\n", CODED)
    assert got == [] and rec is not None and rec["ref"] == "two words"
    assert rec.where("ref") == v.Loc("t.yml", 1, 6, "ref")
    rec, got = check("ref: ' Two words '\n", CODED)
    assert got == ["t.yml:1:6: ref: 'Two words' is not words in lower case"]
    assert rec is not None and rec["ref"] == "Two words"  # kept, as text always is


def test_a_pattern_field_is_one_line_even_when_its_pattern_allows_a_break() -> None:
    rec, got = check('ref: "two\\nlines"\n', CODED)
    # the message shows the break as \n (errors.Problem keeps a message on one line)
    assert got == ["t.yml:1:6: ref: 'two\\nlines' is not words in lower case"]
    assert rec is not None and rec["ref"] == "two\nlines"
    assert check('ref: "one line\\n"\n', CODED)[1] == []  # a trailing break is stripped
