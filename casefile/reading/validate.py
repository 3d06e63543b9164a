"""Stage 2, validate: positioned nodes + a schema ``Obj`` → ``Rec`` dicts, or problems.

This stage checks one file at a time (types, keys, vocabularies, dates). Checks that
need the whole data set (ids, references, date order) happen in ``casefile.model.objects``.
"""

from __future__ import annotations

import difflib
import re
import time
from typing import Any, NamedTuple

from casefile.errors import Problem
from casefile.model import date_words
from casefile.model.dates import DateSyntaxError
from casefile.model.money import CURRENCIES, NOT_MONEY, currency_hint
from casefile.reading import differ
from casefile.reading import schema as s
from casefile.reading.load import DIRECTION_MARKS, Mapping, Node, Scalar, Sequence, layout_character

# Plain scalars that a YAML 1.1 reader would turn into something other than text.
_YAML11_BOOL = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
                          r"|on|On|ON|off|Off|OFF)$")
_YAML11_NULL = re.compile(r"^(~|null|Null|NULL)$")
_YAML11_NUMBER = re.compile(
    r"^[-+]?(0b[0-1_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
    r"|[0-9][0-9_]*|(\.[0-9_]+|[0-9][0-9_]*\.[0-9_]*)([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|\.(inf|Inf|INF|nan|NaN|NAN))$"
)
# Any of the three: one search instead of three for each plain value
_YAML11_ANY = re.compile("|".join(f"(?:{r.pattern})" for r in (_YAML11_BOOL, _YAML11_NULL,
                                                                  _YAML11_NUMBER)))
# A value ``casefile new`` leaves for the editor to replace: one pair of angle brackets
# around words with a space, e.g. <the body's full name> (HTML such as <script> or
# <b onclick=…> is not).
PLACEHOLDER = re.compile(r"^<[^<>=\"\n]* [^<>=\"\n]*>$")
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s<>\"'`{}|\\^]*)?$")


class Loc(NamedTuple):
    """Where a value is: a tuple, so that 100,000 of them unpickle at C speed."""

    file: str
    line: int
    column: int
    path: str

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, self.column, self.path, message)


class Rec(dict[str, Any]):
    """A validated mapping that remembers where each of its values came from.

    Positions are kept as a flat list of line and column numbers, in the order the keys
    were added, and turned into a ``Loc`` only when a message needs one; there is no
    instance ``__dict__``. This keeps cached records small: 27,004 cached files took
    280 MB as dicts of (line, column) tuples."""

    __slots__ = ("loc", "pos")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.pos: list[int] = []

    def put(self, key: str, value: Any, line: int, column: int) -> None:
        self[key] = value
        self.pos += (line, column)

    def where(self, key: str) -> Loc:
        for i, name in enumerate(self):
            if name == key and 2 * i + 1 < len(self.pos):
                return Loc(self.loc.file, self.pos[2 * i], self.pos[2 * i + 1],
                           _join(self.loc.path, key))
        return self.loc


SUGGEST_BUDGET = 2.0  # seconds of searching allowed in any SUGGEST_WINDOW
SUGGEST_WINDOW = 60.0
_suggest_clock = {"window": 0.0, "spent": 0.0}


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' — did you mean 'x'?' when a close match exists, else ''.

    Comparing with every choice costs about 10 ms against 1,800 ids, and as much against
    99 ids of 99 characters, so a file with thousands of dangling references would take
    minutes: searches stop once they have taken SUGGEST_BUDGET seconds in a minute, however
    short the list (the problems are all still reported, later ones without a suggestion;
    an ordinary check spends milliseconds here)."""
    clock, start = _suggest_clock, time.monotonic()
    if start - clock["window"] > SUGGEST_WINDOW:
        clock["window"], clock["spent"] = start, 0.0
    if clock["spent"] >= SUGGEST_BUDGET:
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    clock["spent"] += time.monotonic() - start
    return f"; did you mean '{close[0]}'?" if close else ""


_FIELD_MAPS: dict[int, tuple[s.Obj, dict[str, s.Field]]] = {}


def _fields(type_: s.Obj) -> dict[str, s.Field]:
    """``type_.field_map()``, built once per schema object (the object is kept with it,
    so its id is never reused)."""
    known = _FIELD_MAPS.get(id(type_))
    if known is None:
        known = _FIELD_MAPS[id(type_)] = (type_, type_.field_map())
    return known[1]


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


_ID, _KEY, _LANG = (re.compile(p) for p in (s.ID_PATTERN, s.KEY_PATTERN, s.LANG_PATTERN))


def _listed(rule: s.Rule, word: str) -> str:
    """The rule's fields in quotes, joined by ``word`` (" or ", " and ")."""
    return word.join(f"'{f}'" for f in rule.fields)


_TYPED = frozenset((s.Int, s.Amount, s.Number, s.Date, s.Bool))


class _Validator:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def loc(self, node: Node, path: str) -> Loc:
        return Loc(self.file, node.line, node.column, path)

    def fail(self, node: Node, path: str, message: str) -> None:
        self.problems.append(self.loc(node, path).problem(message))

    def check(self, node: Node, type_: s.Type, path: str) -> Any:
        kind = type(type_)
        if kind is s.Obj:
            return self.obj(node, type_, path)  # type: ignore[arg-type]
        if kind is s.ListOf:
            return self.list(node, type_, path)  # type: ignore[arg-type]
        if type(node) is not Scalar:
            shape = "a list" if isinstance(node, Sequence) else "a mapping"
            self.fail(node, path, f"expected {type_.what}, found {shape}{_colon_text(node)}")
            return None
        return self.scalar(node, type_, path)

    def list(self, node: Node, type_: s.ListOf, path: str) -> list[Any] | None:
        if type_.one_ok and isinstance(node, Scalar):
            return [self.check(node, type_.item, path)]
        if not isinstance(node, Sequence):
            self.fail(node, path, f"expected a list (lines starting with '- '), found "
                      f"{'a mapping' if isinstance(node, Mapping) else repr(node.value)}")
            return None
        if len(node.items) < type_.min_items:
            self.fail(node, path, f"needs at least {type_.min_items} item"
                      f"{'s' if type_.min_items > 1 else ''}; list each on its own line "
                      "starting with '- ', or write them in brackets: [first, second]")
        item_type = type_.item
        return [self.check(item, item_type, f"{path}[{i}]")  # _join, inline
                for i, item in enumerate(node.items)]

    def obj(self, node: Node, type_: s.Obj, path: str) -> Rec | None:
        if isinstance(node, Scalar) and type_.shorthand and node.value:
            rec = Rec(self.loc(node, path))
            field = _fields(type_)[type_.shorthand]
            rec.put(field.name, self.scalar(node, field.type, _join(path, field.name)),
                    node.line, node.column)
            return rec
        if not isinstance(node, Mapping):
            found = "a list" if isinstance(node, Sequence) else f"'{node.value}'"
            self.fail(node, path, f"expected {type_.name or 'a mapping'} (a mapping of keys), "
                      f"found {found}")
            return None
        rec = Rec(Loc(self.file, node.line, node.column, path))
        fields = _fields(type_)
        pos = rec.pos
        for key, (key_node, value_node) in node.items.items():
            sub = f"{path}.{key}" if path else key  # _join, inline: 600,000 calls
            field = fields.get(key)
            if field is None:
                allowed = ", ".join(fields)
                self.fail(key_node, sub, f"unknown key '{key}'{suggest(key, tuple(fields))} "
                          f"(allowed: {allowed})")
                continue
            # rec.put, inline; the name is the schema's own string: one object for all
            rec[field.name] = self.check(value_node, field.type, sub)
            pos += (value_node.line, value_node.column)
        for field in type_.fields:
            if field.required and field.name not in node.items:
                self.fail(node, _join(path, field.name), f"missing required key '{field.name}' "
                          f"({field.doc.rstrip('.').lower()})")
        self.rules(node, type_, rec, path)
        if differ.DIFFER in fields:
            self.problems += differ.check(rec, type_.name)
        return rec

    def rules(self, node: Mapping, type_: s.Obj, rec: Rec, path: str) -> None:
        for rule in type_.rules:
            present = [f for f in rule.fields if f in node.items]
            if rule.kind == "exactly_one" and len(present) != 1:
                hint = f"; {rule.hint}" if rule.hint else ""
                self.fail(node, path or type_.name,
                          f"give exactly one of {_listed(rule, ' or ')}{hint}")
            elif rule.kind == "at_least_one" and not present:
                self.fail(node, path or type_.name, f"give {_listed(rule, ' or ')} (or both)")
            elif rule.kind == "together" and present and len(present) != len(rule.fields):
                self.fail(node, path or type_.name,
                          f"{_listed(rule, ' and ')} go together; give all of them")
            elif rule.kind == "http_needs_flag" and not rec.get(rule.fields[-1]):
                for name in rule.fields[:-1]:
                    if str(rec.get(name) or "").startswith("http://"):
                        self.fail(node.items[name][1], _join(path, name),
                                  f"'{rec[name]}' uses plain http; use https, or add "
                                  f"'{rule.fields[-1]}: true' if the publisher offers no https")
            elif rule.kind == "requires" and rule.fields[0] in present and len(present) < 2:
                first, second = rule.fields
                self.fail(node, _join(path, second), f"'{first}' needs '{second}' as well")

    def scalar(self, node: Scalar, type_: s.Type, path: str) -> Any:
        value = node.value
        if "<" in value and PLACEHOLDER.match(value.strip()):  # one starts with "<"
            self.fail(node, path, f"placeholder not filled in: replace {value.strip()} with "
                      f"{_wanted(type_)}")
            return None
        if type(type_) in _TYPED:
            return self.typed(node, type_, path)
        if node.plain and value == "":
            self.fail(node, path, f"is empty; expected {type_.what}")
            return None
        if node.plain and _YAML11_ANY.match(value):
            if isinstance(type_, s.Enum) and value in type_.terms:
                return value
            self.fail(node, path, f"{value} is read as a {_yaml11_kind(value)} by YAML 1.1 tools; "
                      f"if you mean the text, put it in quotes: \"{value}\"")
            return None
        return self.text_like(node, type_, path)

    def text_like(self, node: Scalar, type_: s.Type, path: str) -> Any:
        value = node.value
        mark = None if value.isascii() or (isinstance(type_, s.Text) and not type_.one_line) \
            else DIRECTION_MARKS.search(value)  # isascii() is O(1): most values skip the search
        if mark:  # load refuses the other layout controls in all text
            self.fail(node, path, layout_character(mark.group(), mark.start(), one_line=True))
            return None
        if isinstance(type_, s.Text):
            if not value.strip():
                self.fail(node, path, "is blank; expected text")
            elif type_.one_line and "\n" in value.strip():
                self.fail(node, path, "must be a single line")
            return value.strip()
        if isinstance(type_, (s.Id, s.Ref)):
            if len(value) > s.MAX_ID_LENGTH:
                self.fail(node, path, f"id '{value[:20]}...' is {len(value)} characters long; "
                          f"ids may have at most {s.MAX_ID_LENGTH}, as they name files")
            elif not _ID.fullmatch(value):
                self.fail(node, path, f"'{value}' is not a valid id: use lower-case letters, "
                          "digits and single hyphens (e.g. council-2017-inspection)")
            return value
        if isinstance(type_, s.Key) and not type_.linked and not _KEY.fullmatch(value):
            self.fail(node, path, f"'{value}' is not {type_.what}")
            return None
        if isinstance(type_, s.Enum):
            if type_.site:  # the site may add terms: checked when linking (casefile.model.link)
                return value
            if value not in type_.terms:
                allowed = ", ".join(type_.terms)
                hint = suggest(value, tuple(type_.terms))
                self.fail(node, path, f"'{value}' is not allowed{hint} "
                          f"(allowed: {allowed})")
            return value
        if isinstance(type_, s.Pattern):
            if "\n" in value.strip() or not re.fullmatch(type_.pattern, value.strip()):
                self.fail(node, path, f"'{value.strip()}' is not {type_.what}")
            return value.strip()
        if isinstance(type_, s.Url):
            if not _URL.match(value):
                self.fail(node, path, f"'{value}' is not an https:// URL (plain http, javascript:, "
                          "data: and relative links are not allowed)")
            return value
        if isinstance(type_, s.Currency) and value not in CURRENCIES:
            self.fail(node, path, _currency_problem(value))
        if isinstance(type_, s.Lang) and not _LANG.fullmatch(value):
            self.fail(node, path, f"'{value}' is not a language code such as en or cy")
        return value

    def typed(self, node: Scalar, type_: s.Type, path: str) -> Any:
        value = node.value.strip()
        if isinstance(type_, s.Date):
            try:
                return date_words.parse(value, type_.words)
            except DateSyntaxError as exc:
                self.fail(node, path, str(exc) if value else "is empty; expected a date")
                return None
        if isinstance(type_, s.Bool):
            if node.plain and value in ("true", "false"):
                return value == "true"
            self.fail(node, path, f"'{value}' is not allowed; write true or false (unquoted)")
            return None
        shown = value if len(value) <= 40 else f"{value[:20]}... ({len(value)} characters)"
        if isinstance(type_, s.Int):
            if (re.fullmatch(r"[1-9][0-9]*", value) and len(value) <= len(str(type_.maximum))
                    and type_.minimum <= int(value) <= type_.maximum):
                return int(value)
            self.fail(node, path, f"'{shown}' is not a whole number from {type_.minimum} to "
                      f"{type_.maximum} (no leading zeros)")
            return None
        if isinstance(type_, s.Number):
            return self.number(node, type_, path, value, shown)
        amount = re.fullmatch(r"(0|[1-9][0-9]*)(\.[0-9]+)?", value)
        if not amount:
            self.fail(node, path, f"'{shown}' is not {type_.what}")
        elif isinstance(type_, s.Amount) and (
                len(amount.group(1)) > type_.whole_digits
                or len(amount.group(2) or ".") - 1 > type_.decimal_digits):
            self.fail(node, path, f"'{shown}' is too long: an amount has at most "
                      f"{type_.whole_digits} digits before the point and "
                      f"{type_.decimal_digits} after")
        else:
            return value
        return None

    def number(self, node: Scalar, type_: s.Number, path: str, value: str,
               shown: str) -> str | None:
        """A figure's value as written: digits, an optional point and minus sign."""
        number = re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?", value)
        if number and (len(number.group(1)) > type_.whole_digits
                       or len(number.group(2) or ".") - 1 > type_.decimal_digits):
            self.fail(node, path, f"'{shown}' is too long: a value has at most "
                      f"{type_.whole_digits} digits before the point and "
                      f"{type_.decimal_digits} after")
        elif number:
            return value
        else:
            self.fail(node, path, f"'{shown}' is not {type_.what}{_number_hint(value)}")
        return None


def _number_hint(value: str) -> str:
    """What the editor most likely meant by a value that is not a number in digits."""
    bare = value.replace(",", "").replace(" ", "")
    if re.fullmatch(r"-?[0-9.]+%|-?[0-9.]+(per ?cent|percent)", bare, re.IGNORECASE):
        return ("; write the number alone, without % or 'per cent': the indicator's unit "
                "(data/indicators.yml) says it is a percentage")
    if re.match(r"-?[£$€¥]|[A-Z]{3}[0-9]", bare):
        return ("; write the amount without a currency sign: a money indicator "
                "(data/indicators.yml) gives its currency")
    if "," in value and re.fullmatch(r"-?[0-9][0-9,]*(\.[0-9]+)?", value):
        return f"; write {value.replace(',', '')}, without commas"
    if re.fullmatch(r"-?\.[0-9]+", value):
        return f"; write {value.replace('.', '0.', 1)}, with a 0 before the point"
    if re.fullmatch(r"-?[0-9.]+[eE][-+]?[0-9]+", value):
        return "; write the number in full, without an exponent"
    if re.fullmatch(r"-?[0-9.]+\s*(k|m|bn|thousand|million|billion)", value, re.IGNORECASE):
        return "; write the number in full, e.g. 6172000 for 6.172 million"
    number = re.match(r"-?[0-9]+(\.[0-9]+)?(?=\s*[^\s0-9.,])", value)
    if number:
        return (f"; write {number.group()} alone: the indicator's unit "
                "(data/indicators.yml) says what it counts")
    return ""


def _currency_problem(value: str) -> str:
    if value in NOT_MONEY:
        return (f"'{value}' is the ISO 4217 code {NOT_MONEY[value]}, not a currency; write "
                "the code of the currency the amount is in, e.g. GBP, EUR, USD or JPY")
    hint = currency_hint(value)
    return (f"'{value}' is not a currency code{f'; did you mean {hint!r}?' if hint else ''} "
            "(write the ISO 4217 code, e.g. GBP, EUR, USD or JPY)")


def _colon_text(node: Node) -> str:
    """A hint when a mapping of one plain key and value was meant as text with ': '."""
    if isinstance(node, Mapping) and len(node.items) == 1:
        key, value = next(iter(node.items.values()))
        if key.plain and isinstance(value, Scalar) and value.plain:
            return (f"; if you meant the text '{key.value}: {value.value}', put it in "
                    "quotes, because YAML reads ': ' as a key and its value")
    return ""


def _wanted(type_: s.Type) -> str:
    if isinstance(type_, s.Ref):
        return f"the id of {'an' if type_.target[:1] in 'aeiou' else 'a'} {type_.target}"
    if isinstance(type_, s.Enum):
        own = " or one of the site's own in data/vocabulary.yml" if type_.site else ""
        return f"one of {', '.join(type_.terms)}{own}"
    return type_.what


def _yaml11_kind(value: str) -> str:
    if _YAML11_BOOL.match(value):
        truthy = value.lower() in ("y", "yes", "true", "on")
        return f"boolean ({'true' if truthy else 'false'})"
    if _YAML11_NULL.match(value):
        return "null (no value)"
    return "number"


def validate(node: Node, kind: s.Obj, file: str) -> tuple[Rec | None, list[Problem]]:
    """Check one loaded file against its schema."""
    validator = _Validator(file)
    rec = validator.obj(node, kind, "")
    return rec, validator.problems
