"""Jurisdictions: which calendar of public holidays and which weekend a case's working
days follow, named by an ISO 3166 or ISO 3166-2 code that the holidays package knows
(``GB-WLS``, ``GB-SCT``, ``IE``, ``US-CA``...), and the place name shown to readers."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import holidays
import holidays.registry
import yaml

from casefile.errors import Problem

# No nation is the default: a case with no jurisdiction of its own, on a site whose plugin
# option ``jurisdiction`` is not set, has none, and its working days skip Saturdays and
# Sundays only (``WEEKENDS_ONLY``); its pages say so wherever a calendar would be named.
DEFAULT_JURISDICTION: str | None = None  # the default of the plugin option ``jurisdiction``
WEEKENDS_ONLY = frozenset({5, 6})  # Saturday and Sunday, as date.weekday() numbers them
_THE = {"United Kingdom", "United States", "Netherlands", "Philippines", "Bahamas", "Gambia",
        "Czech Republic", "Dominican Republic", "Central African Republic", "Maldives",
        "Marshall Islands", "Solomon Islands", "United Arab Emirates", "Comoros", "Seychelles",
        "Cayman Islands", "Faroe Islands", "Falkland Islands"}
_SMALL_WORDS = {"And", "Of", "The"}
_HINT = ("write an ISO 3166 country code or ISO 3166-2 subdivision code that the holidays "
         "package knows, in capitals, e.g. GB-ENG, GB-NIR, GB-SCT, GB-WLS, IE or US-CA")


def supported_codes() -> dict[str, tuple[str, ...]]:
    """Two-letter country code → its subdivision codes, as the holidays package lists them."""
    return {country: tuple(subdivs) for country, subdivs in
            holidays.list_supported_countries().items() if len(country) == 2}


@lru_cache(maxsize=1)
def _supported() -> dict[str, tuple[str, ...]]:
    """``supported_codes``, listed once. (Cached wrappers here stay thin: mutation testing
    never mutates a decorated function, so the logic lives in the plain one.)"""
    return supported_codes()


def split(code: str) -> tuple[str, str | None]:
    country, _, subdiv = code.partition("-")
    return country, subdiv or None


def problem(code: str) -> str | None:
    """None when ``code`` names a calendar the holidays package knows; else what is wrong
    and what would be right."""
    known = _supported()
    country, subdiv = split(code)
    if country == "UK":
        return (f"'{code}' is not an ISO 3166 code: the United Kingdom is GB; write GB-ENG, "
                "GB-NIR, GB-SCT or GB-WLS for one of its nations")
    if code != code.upper() and problem(code.upper()) is None:
        return f"unknown jurisdiction '{code}': write it in capitals, '{code.upper()}'"
    alpha2 = _alpha2(country)
    if alpha2 is not None:
        rest = f"-{subdiv}" if subdiv else ""
        return f"unknown jurisdiction '{code}': write the two-letter code '{alpha2}{rest}'"
    named = _named(code)
    if named is not None:
        return f"'{code}' is a name, not a code: write '{named}'"
    if country not in known:
        near = _closest(country, list(known))
        return (f"unknown jurisdiction '{code}'; did you mean '{near}'? If not, {_HINT}" if near
                else f"unknown jurisdiction '{code}'; {_HINT}")
    if subdiv is not None and subdiv not in known[country]:
        return f"unknown jurisdiction '{code}': the holidays package has no subdivision " \
               f"'{subdiv}' of {country}; {_subdivisions(code, country, known[country])}"
    return None


def _closest(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _subdivisions(code: str, country: str, subdivs: tuple[str, ...]) -> str:
    """What to write instead of an unknown subdivision ``code`` of ``country``."""
    codes = [f"{country}-{s}" for s in subdivs]
    if not codes:
        return f"{country} has no subdivisions, write {country}"
    if len(codes) <= 12:
        return f"{country} has {', '.join(codes)}"
    near = _closest(code, codes)
    listed = f"the holidays package's list of the {len(codes)} subdivisions of {country}"
    return f"did you mean '{near}'? If not, see {listed}" if near else f"see {listed}"


def calendar_of(code: str) -> holidays.HolidayBase:
    """The public holidays and weekend of a known jurisdiction (years fill in on use)."""
    country, subdiv = split(code)
    return holidays.country_holidays(country, subdiv=subdiv)


@lru_cache(maxsize=256)
def holiday_calendar(code: str) -> holidays.HolidayBase:
    """``calendar_of``, made once per code (it fills in years as they are asked for)."""
    return calendar_of(code)


@lru_cache(maxsize=64)
def _named(name: str) -> str | None:
    """``_by_name``, looked up once per name: every build checks the how-to pages'
    examples of mistakes, some with a name for a jurisdiction (2 s of a profiled build)."""
    return _by_name(name)


def _by_name(name: str) -> str | None:
    """The code of a country or subdivision called ``name`` (only asked on an error: it
    loads every calendar that has subdivisions, about a quarter of a second)."""
    wanted = name.casefold()
    for country, subdivs in _supported().items():
        if _country_name(country).removeprefix("the ").casefold() == wanted:
            return country
        if subdivs:
            aliases = holidays.country_holidays(country, years=[]).get_subdivision_aliases()
            for subdiv, names in aliases.items():
                if wanted in (n.casefold() for n in names):
                    return f"{country}-{subdiv}"
    return None


def _alpha2(alpha3: str) -> str | None:
    """The two-letter code of a three-letter one the holidays package knows."""
    for codes in holidays.registry.COUNTRIES.values():
        if len(alpha3) == 3 and codes[2:3] == (alpha3,):
            return codes[1]
    return None


def _country_name(country: str) -> str:
    for codes in holidays.registry.COUNTRIES.values():
        if country in codes[1:]:
            words = re.findall(r"[A-Z][a-z]*", codes[0])
            name = " ".join(w.lower() if w in _SMALL_WORDS else w for w in words)
            return f"the {name}" if name in _THE else name
    return country


def name_of_place(code: str) -> str:
    """'Scotland', 'Ireland', 'California, United States': the place a calendar is for."""
    country, subdiv = split(code)
    name = _country_name(country)
    if subdiv is None:
        return name
    aliases = holiday_calendar(code).get_subdivision_aliases().get(subdiv) or [code]
    if country == "GB":  # its subdivisions are nations, known by their own names
        return aliases[0]
    return f"{aliases[0]}, {name.removeprefix('the ')}"


@lru_cache(maxsize=256)
def place_name(code: str) -> str:
    """``name_of_place``, worked out once per code."""
    return name_of_place(code)


def holidays_words(code: str) -> str:
    """'bank holidays in Scotland', 'public holidays in Ireland'."""
    kind = "bank holidays" if split(code)[0] == "GB" else "public holidays"
    return f"{kind} in {place_name(code)}"


def weekend_words(code: str) -> str:
    """'Saturdays and Sundays', or the weekend days of the calendar."""
    names = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
             "Sundays")
    days = [names[d] for d in sorted(holiday_calendar(code).weekend)]
    return " and ".join([", ".join(days[:-1]), days[-1]]) if len(days) > 1 else \
        (days[0] if days else "no weekend days")


def project_jurisdiction(root: Path) -> tuple[str | None, list[Problem]]:
    """The plugin option ``jurisdiction`` in ``root/mkdocs.yml`` (else None: not set), and
    a located problem when it is not a known code."""
    path = root / "mkdocs.yml"
    try:
        # composed into nodes only: mkdocs.yml's !!python/name and !ENV tags are not run
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return DEFAULT_JURISDICTION, []
    option = plugin_option_node(node, "jurisdiction")
    if option is None or option.tag == "tag:yaml.org,2002:null":  # not set, or set to null
        return DEFAULT_JURISDICTION, []
    value = str(option.value)
    why = problem(value)
    if why is None:
        return value, []
    mark = option.start_mark
    return DEFAULT_JURISDICTION, [Problem("mkdocs.yml", mark.line + 1, mark.column + 1,
                                          "plugins.casefile.jurisdiction", why)]


def plugin_option(root: Path, key: str) -> yaml.ScalarNode | None:
    """The scalar at plugins → casefile → ``key`` in ``root/mkdocs.yml``, or None (also
    when the file cannot be read: the build reports that)."""
    try:
        node = yaml.compose((root / "mkdocs.yml").read_text(encoding="utf-8"),
                            Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return plugin_option_node(node, key)


def plugin_option_node(node: yaml.Node | None, key: str) -> yaml.ScalarNode | None:
    """The scalar at plugins → casefile → key, or None."""
    def get(mapping: yaml.Node | None, name: str) -> yaml.Node | None:
        if isinstance(mapping, yaml.MappingNode):
            for k, v in mapping.value:
                if isinstance(k, yaml.ScalarNode) and k.value == name:
                    return v
        return None

    plugins = get(node, "plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:
        found = get(get(entry, "casefile"), key)
        if isinstance(found, yaml.ScalarNode):
            return found
    return None
