"""``casefile init DIR``: a new, empty site that builds, checks and links cleanly.

Only what belongs to the site is written (its config, data skeleton and hand-written
pages). The macros and the Material overrides are not copied: the build uses the copies
installed with casefile (``casefile.assets``), so upgrading casefile upgrades them."""

from __future__ import annotations

import json
from pathlib import Path

from casefile import __version__
from casefile.options import markdown_table
from casefile.outputs.jsonschema import header_for, write_schemas


class InitError(Exception):
    """The site cannot be created; the message says why."""


MKDOCS_YML = """\
site_name: {name}
# The site's full address (https://...), for canonical links, the sitemap, feeds and
# "Cite this page": set SITE_URL when you build the published site. Without it, pages
# still build and link to each other, but cite only their path (/cases/...).
site_url: !ENV [SITE_URL, ""]
docs_dir: content
strict: true

theme:
  name: material
  language: en
  font: false          # no web fonts: no request leaves the site
  logo: assets/logo.svg  # shipped with casefile, like the stylesheet
  features:
    - search.highlight
    - navigation.footer
  palette:  # light or dark as the reader's device prefers, with a toggle (icons inlined)
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-4
        name: Switch to the dark scheme
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-7
        name: Switch to the light scheme

plugins:
  - search
  - casefile:
      data_dir: data
      # macros_dir: macros  # only to replace casefile's macros with your own copies

markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - tables
  - def_list
  - pymdownx.highlight:  # no colouring: Pygments' comment colour fails WCAG contrast
      use_pygments: false
  - pymdownx.superfences  # fenced code blocks, also inside list items

nav:
  - Home: index.md
  - Cases: cases/index.md
  - Indicators: indicators.md
  - Timeline: timeline.md
  - Themes: themes.md
  - Oversight: oversight.md
  - Bodies: bodies/index.md
  - Sources: sources.md
  - Methodology: methodology.md
  - Open data: data.md
  - About: about.md
  - For editors:
      - Field reference: field-reference.md

validation:
  nav:
    omitted_files: info
    not_found: warn
  links:
    not_found: warn
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn

extra:
  generator: false
"""

THEMES_YML = """\
# Themes group findings across cases. Add one with `casefile new theme`.
themes: []
"""

INDEX_MD = """\
---
title: {title}
---

# {name}

This site follows what happens after an inspector or regulator finds problems in a
public service: what was found, what was required and by when, what the body said and
did, and what later reports found. Every statement links to the document it comes from.

## Cases

{{{{ case_list() }}}}

Read [how the site works](methodology.md), or see all [sources](sources.md) and
[bodies](bodies/index.md).
"""

METHODOLOGY_MD = """\
---
title: Methodology
---

# Methodology

Every timeline entry, finding, assessment, requirement and statement cites at least one
source document. Where a document gives only a month or a year, the site shows only that.
The tables below are generated from the definitions the site is built from.

## Where things stand

Each case page opens with sentences computed from its records, each cited: the date of the
latest document ("These records end on …"), each finding counted once by its latest
assessment and by who gives it (findings never assessed as "not assessed yet"), every
requirement by its outcome as of the case's date, with the dates of those past due or
outstanding, and the next deadline. A closed case names no deadline as past due or next.

## Status vocabulary

{{{{ vocabulary("statuses") }}}}

## Who says so

{{{{ vocabulary("asserters") }}}}

A judgement whose maker published none of the sources it is cited to is second-hand: the
page adds "as reported by" each publisher of those sources, with its evidence grade, and
styles it as their account (a body reporting on itself: a self-report). One source of the
maker's own makes it first-hand.

## Evidence grades

{{{{ vocabulary("evidence_grades") }}}}

Who asserts a judgement, and a source's grade in a case, follow these rules, in order:

{{{{ vocabulary("who_says_so") }}}}

## Deadlines

{{{{ vocabulary("day_bases") }}}}

{{{{ vocabulary("outcomes") }}}}

## Responses to recommendations

A response status is always taken from the body's own published reply, cited with its
words quoted, never inferred; it is kept apart from progress. A duty to respond is timed
like a deadline, and "No response published" (a duty passed, as of the case's own date,
with no reply in the records) is never "Rejected".

{{{{ vocabulary("response_statuses") }}}}

{{{{ vocabulary("response_states") }}}}

## Money

{{{{ vocabulary("money_kinds") }}}}

## Figures over time

Numbers the sources give about a body (staff in post, the share of posts filled by
permanent staff, working days lost to sickness, cases open) are recorded as figures: each
a value of an indicator shared by every case (data/indicators.yml), with the day, month,
year or period it applies to, who reports it, and its sources, quoted. Values are kept
exactly as the source gives them, never rounded ("88.0 per cent" stays so), and checked
for their unit: a percentage is from 0 to 100; people, cases and counts are whole numbers;
nothing is below zero; money is in the indicator's currency. A figure is graded like any
other claim, by who reports it (see Who says so): a body's own figure about itself is its
own claim, a self-report, not an independent measurement. Figures are shown as the sources
give them, each with its date and source, and never added up or averaged.

{{{{ vocabulary("indicator_units") }}}}

## Checking quotations against stored copies

Where a stored copy of a document is kept (data/sources/copies/), every quotation from it
is checked against the copy, allowing only different spacing and line breaks, curly or
straight quotation marks and apostrophes, any kind of dash, and an ellipsis (… or [...])
for words left out, the parts on either side in order. Each quotation on the site says
"checked", with where it is in the copy, or "not checked" when no copy is kept. Copies are
published (with the quoted passages marked) only under an open licence:

{{{{ vocabulary("licences") }}}}

## Oversight levels

Levels a government or inspectorate places a body in, over time, from each framework's
own ordered levels; "worse" and "better" follow that order.

{{{{ oversight_frameworks() }}}}

## Kinds of record and source

{{{{ vocabulary("record_types") }}}}

{{{{ vocabulary("source_kinds") }}}}
"""

FIELD_REFERENCE_MD = """\
---
title: Field reference
search:
  boost: 0.5  # for editors: a reader's search finds the cases first
---

# Field reference

Every field of every kind of data file, generated from the schema the build checks
against. The vocabularies are explained on the [methodology page](methodology.md).

{{{{ field_reference() }}}}

## Plugin options

Set under the casefile plugin in `mkdocs.yml`. A value the build cannot use stops it with
a configuration error naming the option; `casefile check` gives its line and column.

{options}"""

DATA_MD = """\
---
title: Open data
---

# Open data

Everything on this site is also available as JSON and CSV files.

{{{{ data_files() }}}}
"""

ABOUT_MD = """\
---
title: About
---

# About this site

This site is built with casefile from YAML records, one file per event, each checked
before the site is published. It adds no facts that are not in its sources.
"""

GITIGNORE = "site/\n.site-*/\n.cache/\n.venv/\n"

REQUIREMENTS = """\
# The casefile release this site is built with. To upgrade: change the version, then
#   pip install -U -r requirements.txt
casefile=={version}
"""


def site_files(name: str) -> dict[str, str]:
    """Every file of a new site, by path relative to its folder."""
    title = json.dumps(name, ensure_ascii=False)  # a YAML-safe, quoted site name
    themes = f"{header_for('themes', 'data/themes.yml')}\n{THEMES_YML}"
    files = {"mkdocs.yml": MKDOCS_YML.format(name=title), "data/themes.yml": themes,
             "content/index.md": INDEX_MD.format(title=title, name=name),
             "content/methodology.md": METHODOLOGY_MD.format(),
             "content/field-reference.md": FIELD_REFERENCE_MD.format(options=markdown_table()),
             "content/data.md": DATA_MD.format(), "content/about.md": ABOUT_MD,
             ".gitignore": GITIGNORE, "requirements.txt": REQUIREMENTS.format(version=__version__)}
    for folder in ("bodies", "people", "sources", "sources/copies", "cases"):
        files[f"data/{folder}/.gitkeep"] = ""
    return files


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be the site's name, or None. The Material theme writes the site
    name into HTML attributes and the page title without escaping it, and content pages
    are templates, so a quotation mark, angle bracket or template tag would break out."""
    found = [c for c in '"<>' if c in name] + [t for t in ("{{", "{%", "{#") if t in name]
    if not found:
        return None
    listed = " or ".join(f"'{c}'" for c in found)
    return (f"--name may not contain {listed}, because the theme writes the site name into "
            "its HTML as it is; use curly quotes (“ ”) instead of \", and leave out < > { }")


def init(target: Path, name: str = "Public accountability records") -> list[Path]:
    """Create a new site in ``target`` (absent or empty); return the files written."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file, not a folder; nothing was written")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(f"{target} is not empty; give a new or empty folder. "
                        "Nothing was written")
    if not name.strip() or "\n" in name:
        raise InitError("--name must be one line of text")
    unsafe = name_problem(name)
    if unsafe:
        raise InitError(f"{unsafe}; nothing was written")
    written = []
    for rel, text in site_files(name.strip()).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
        written.append(path)
    return written + write_schemas(target / "schema")
