"""The casefile plugin's options (``plugins: - casefile:`` in ``mkdocs.yml``): name, type,
default, meaning and check, in one place. ``casefile/plugin.py`` builds its MkDocs config
schema from them; the field reference shows them as one table (``markdown_table``).

Each check takes the value as YAML gave it and returns the value to use, or raises
``ValueError`` with a sentence saying what is wrong, which MkDocs reports as a configuration
error naming the option (never a traceback)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from casefile.errors import Problem, printable
from casefile.model import calendars
from casefile.model.calendars import DEFAULT_JURISDICTION
from casefile.model.money import DEFAULT_LOCALE, known_locale

MAX_REVIEW_DAYS = 3650


@dataclass(frozen=True)
class Option:
    name: str
    kind: str  # the type, in words
    default: object  # None: not set
    meaning: str
    check: Callable[[object], object]


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a date and time"
    return {dict: "a mapping", list: "a list", dt.date: "a date", str: "text",
            type(None): "nothing"}.get(
        type(value), "a value")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {_kind(value)} ({value!r})")
    if not value.strip():
        raise ValueError("expected text, got an empty value")
    return value


def _folder(value: object) -> str:
    return _text(value)


def _optional_folder(value: object) -> str | None:
    return None if value is None else _folder(value)


def _date(value: object) -> dt.date | None:
    """A YAML date (``as_of: 2019-01-09``) or the same in quotes; None when not set."""
    if value is None or (type(value) is dt.date):
        return value  # type: ignore[return-value]
    if not isinstance(value, str):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {_kind(value)} ({value!r})")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"'{value}' is not a date written YYYY-MM-DD, such as 2019-01-09")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a day of the calendar (YYYY-MM-DD)") from None


def _jurisdiction(value: object) -> str | None:
    if value is None:  # not set: a case with no jurisdiction of its own has none
        return None
    why = calendars.problem(_text(value))
    if why:
        raise ValueError(why)
    return value  # type: ignore[return-value]


def _days(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number of days, got {_kind(value)} ({value!r})")
    if not 1 <= value <= MAX_REVIEW_DAYS:
        raise ValueError(f"{value} is not between 1 and {MAX_REVIEW_DAYS} days")
    return value


def _locale(value: object) -> str:
    if not known_locale(_text(value)):
        raise ValueError(f"'{value}' is not a locale Babel knows; write a code such as "
                         "en_GB, cy_GB or fr_FR")
    return value  # type: ignore[return-value]


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_kind(value)} ({value!r})")
    return value


OPTIONS: tuple[Option, ...] = (
    Option("data_dir", "folder", "data", "The folder of YAML case records, relative to "
           "mkdocs.yml.", _folder),
    Option("macros_dir", "folder", None, "A folder of the site's own copy of casefile's "
           "macros; not set: the macros installed with casefile.", _optional_folder),
    Option("as_of", "date (YYYY-MM-DD)", None, "Compute deadline outcomes as of this day "
           "in every case without an as_of of its own (not set: the date of each case's "
           "latest document); a YAML date or the same in quotes.", _date),
    Option("jurisdiction", "code (ISO 3166)", DEFAULT_JURISDICTION, "Whose weekends and "
           "public holidays count working days when a case does not say; not set: such a "
           "case's working days skip Saturdays and Sundays only (no public holidays), its "
           "page says so and `casefile check` warns.", _jurisdiction),
    Option("review_max_age_days", f"whole number (1–{MAX_REVIEW_DAYS})", 365, "How many "
           "days after a review date a page says its review is out of date.", _days),
    Option("locale", "locale code", DEFAULT_LOCALE, "How money is written (Babel locale: "
           "en_GB, cy_GB, fr_FR...).", _locale),
    Option("require_copies", "true or false", False, "Every cited source must have a "
           "stored copy (data/sources/copies/) for its quotations to be checked.", _flag),
)


def markdown_table() -> str:
    """The options as one table (name, type, default, meaning), in HTML inside the Markdown:
    a keyboard-reachable scroll region, as wide tables are on a phone (WCAG 2.1.1)."""
    rows = ['<div class="cf-table-scroll" role="region" aria-label="Plugin options" '
            'tabindex="0">', '<table class="cf-options">',
            "<thead><tr><th>Option</th><th>Type</th><th>Default</th><th>Meaning</th></tr>"
            "</thead>", "<tbody>"]
    for option in OPTIONS:
        default = "not set" if option.default is None else (
            str(option.default).lower() if isinstance(option.default, bool)
            else f"<code>{escape(str(option.default), quote=False)}</code>")
        kind, meaning = escape(option.kind, quote=False), escape(option.meaning, quote=False)
        rows.append(f"<tr><td><code>{option.name}</code></td><td>{kind}</td>"
                    f"<td>{default}</td><td>{meaning}</td></tr>")
    return "\n".join([*rows, "</tbody>", "</table>", "</div>"]) + "\n"


def problems(root: Path) -> list[Problem]:
    """The plugin options in ``root/mkdocs.yml`` that a build would refuse, located
    (``casefile check`` runs this before a build: it also catches ``as_of: 2019-13-45``,
    which YAML's own date reading would stop with a traceback inside MkDocs)."""
    found = []
    for option in OPTIONS:
        node = calendars.plugin_option(root, option.name)
        if node is None:
            continue
        mark = node.start_mark
        try:
            value = yaml.SafeLoader("").construct_object(node, deep=True)
        except ValueError:  # a date-shaped scalar that is no day of the calendar
            value = node.value
        except yaml.YAMLError:  # a tag no safe loader constructs (!!python/name:, !ENV)
            found.append(Problem("mkdocs.yml", mark.line + 1, mark.column + 1,
                                 f"plugins.casefile.{option.name}", tagged(node, option)))
            continue
        try:
            option.check(value)
        except ValueError as exc:
            found.append(Problem("mkdocs.yml", mark.line + 1, mark.column + 1,
                                 f"plugins.casefile.{option.name}", printable(str(exc))))
    return found


def tagged(node: yaml.ScalarNode, option: Option) -> str:
    """What is wrong with a value whose YAML tag casefile does not read, and what to write."""
    tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
    what = option.kind if option.kind == "true or false" else f"the {option.kind} itself"
    return printable(f"the YAML tag {tag} cannot be read here: write {what}, with no tag")
