"""Stage 4, render: the one module that touches Jinja.

It produces the generated pages (Markdown with HTML blocks from ``macros/``) and renders
hand-written pages that call macros for a named case. Every value from the data is
autoescaped; data is only ever passed to templates, never compiled as a template.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from casefile import fork
from casefile.buildinfo import BuildInfo
from casefile.errors import DataError, Problem
from casefile.fork import Forked
from casefile.model import (
    citation,
    date_words,
    figures_view,
    published,
    stand_requirements,
    views,
    vocab,
)
from casefile.model import objects as m
from casefile.model.dates import human_day
from casefile.model.histories import finding_src, histories, who_says
from casefile.model.list_pages import Lists, list_pages
from casefile.model.money import DEFAULT_LOCALE
from casefile.model.oversight_history import by_current_level
from casefile.model.response_lists import ResponseLists, response_lists
from casefile.model.views import CaseView, case_view
from casefile.outputs import chart, examples
from casefile.outputs.blocks import BlockStore, Shares, Where
from casefile.outputs.compiled import compiled_macros
from casefile.reading import schema

PAGE_TEMPLATES = {"case": "pages/case.md", "body": "pages/body.md", "cases": "pages/cases.md",
                  "bodies": "pages/bodies.md", "sources": "pages/sources.md",
                  "timeline": "pages/timeline.md", "themes": "pages/themes.md",
                  "oversight": "pages/oversight.md", "copy": "pages/copy.md",
                  "finding": "pages/finding.md", "responses": "pages/responses.md",
                  "indicators": "pages/indicators.md",
                  "list": "pages/list.md", "lists": "pages/lists.md",
                  "case_sources": "pages/case_sources.md"}
MACRO_FILES = {"case_facts": "case.html", "money": "case.html", "case_list": "case.html",
               "timeline": "timeline.html", "findings": "findings.html",
               "deadlines": "deadlines.html", "statements": "statements.html",
               "bibliography": "bibliography.html", "source_list": "bibliography.html",
               "vocabulary": "vocabulary.html",
               "field_reference": "fields.html", "worked_example": "howto.html",
               "common_mistakes": "howto.html", "data_files": "case.html",
               "ratings": "ratings.html", "case_calendars": "deadlines.html",
               "date_forms": "vocabulary.html", "oversight": "oversight.html",
               "oversight_frameworks": "oversight.html", "stand": "case.html",
               "stand_short": "case.html"}
CONTENT_MACROS = ("case_facts", "money", "timeline", "findings", "deadlines", "statements",
                  "bibliography", "ratings", "oversight")


@dataclass(frozen=True)
class Paths:
    """Where each generated page lives, as a source path and as a URL."""

    directory_urls: bool = True

    def url(self, src: str) -> str:
        stem = src[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def root_from(self, src: str) -> str:
        """Relative prefix from the page built from ``src`` to the site root."""
        depth = self.url(src).count("/") if self.directory_urls else src.count("/")
        return "../" * depth


def case_src(case_id: str) -> str:
    return f"cases/{case_id}.md"


def case_sources_src(case_id: str) -> str:
    """Where a case's sources are listed in full: ``cases/CASE/sources/``, one link from
    the case page's short list (finding and response pages sit in folders of their own)."""
    return f"cases/{case_id}/sources.md"


def body_src(body_id: str) -> str:
    return f"bodies/{body_id}.md"


PARALLEL_PAGES = 200  # generated pages; below this, forking costs more than it saves
_MARKER = re.compile(r'(?:<p>)?<cf-block n="(\d+)"></cf-block>(?:</p>)?')


def _preformatted(text: str) -> Markup:
    """Escaped text for a <pre>, on one physical line so _tidy_block cannot re-indent it."""
    return Markup("&#10;").join(Markup.escape(line) for line in str(text).split("\n"))


# What a YAML double-quoted scalar may hold as itself: printable (YAML 1.1, as PyYAML
# reads it), not a line break, not a quote or backslash. Everything else is escaped.
_YAML_UNSAFE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe"
                          "\uff00-\ufffd\U00010000-\U0010ffff]|[\"\\\\]")


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written as UTF-8 at all
        return "\\ufffd"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def yaml_string(text: str) -> Markup:
    """``text`` as a YAML double-quoted scalar for a page's front matter. Unlike ``tojson``
    it writes characters outside the BMP (emoji) as themselves, never as the surrogate
    pairs MkDocs' YAML reader rejects; line breaks and control characters are escapes."""
    return Markup('"' + _YAML_UNSAFE.sub(_yaml_escape, str(text)) + '"')


# MkDocs' own pattern for a YAML front matter block (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_problem(markdown: str, label: str) -> Problem | None:
    """A problem when ``markdown``, as MkDocs hands it to plugins, still starts with a
    front matter block: MkDocs could not read it and would publish it as page text."""
    found = _FRONT_MATTER.match(markdown)
    if found is None:
        return None
    import yaml

    try:
        yaml.safe_load(found.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        what = getattr(exc, "problem", None) or "not valid YAML"
        return Problem(label, line, column, "", f"front matter: {what}; it would be "
                       "published as page text (quote the value, e.g. title: \"...\")")
    return Problem(label, 1, 1, "", "front matter is not a mapping of keys such as "
                   "'title: ...'; it would be published as page text")


def _tidy_block(html: str) -> Markup:
    """One HTML block with no blank or indented lines, safe inside Markdown."""
    return Markup("\n".join(filter(None, map(str.strip, str(html).splitlines()))))


class Renderer:
    def __init__(self, dataset: m.Dataset, macros_dir: Path, paths: Paths | None = None,
                 data_dir: Path | None = None, build: BuildInfo | None = None,
                 locale: str = DEFAULT_LOCALE) -> None:
        self.dataset = dataset
        self.locale = locale  # how money is written: en_GB gives "£6.172 million"
        self.data_dir = data_dir
        self.build = build or BuildInfo(dataset.as_of, "the date of the latest document", None)
        self.paths = paths or Paths()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(macros_dir)),
            autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            auto_reload=False,  # made for one build: the macros do not change during it
            bytecode_cache=compiled_macros(),  # compiled once, kept between builds
        )
        self.env.filters["block"] = self._block
        self.env.filters["pre"] = _preformatted
        self.env.filters["yaml_string"] = yaml_string
        self.views = {cid: case_view(case, self.build.date)
                      for cid, case in dataset.cases.items()}
        self.licences = vocab.with_site("licences", dataset.site_terms)
        self._responses: dict[str, ResponseLists] = {}
        self._lists: dict[str, Lists] = {}

    def response_lists(self, case_id: str) -> ResponseLists:
        """A case's response counts and list pages, worked out once."""
        if case_id not in self._responses:
            self._responses[case_id] = response_lists(self.views[case_id].case)
        return self._responses[case_id]

    def list_pages(self, case_id: str) -> Lists:
        """A case's filter pages and their index, from its response lists, worked out once."""
        if case_id not in self._lists:
            self._lists[case_id] = list_pages(self.views[case_id].case,
                                              self.response_lists(case_id))
        return self._lists[case_id]

    # -- HTML blocks: inline in Markdown, or set aside for the builder to put back ---------
    _collect: list[str] | None = None

    def _block(self, html: str) -> Markup:
        tidy = _tidy_block(html)
        if self._collect is None:
            return tidy
        self._collect.append(str(tidy))
        return Markup(f'<cf-block n="{len(self._collect) - 1}"></cf-block>')

    def pages_with_blocks(self, folder: Path | None = None) -> tuple[dict[str, str], BlockStore]:
        """Generated pages whose HTML blocks are markers, and the blocks by page, kept in
        temporary files in ``folder`` (the system's temporary folder if None).

        A builder renders the small Markdown, then calls ``put_back`` with the page's
        blocks (``BlockStore.take``) when it builds that page: the large HTML never passes
        through the Markdown parser, and is in memory one page at a time. Escaped data
        cannot forge a marker."""
        renderers = self._page_renderers()
        order = list(renderers)
        store = BlockStore(folder)
        mine = store.new_file()
        if len(order) < PARALLEL_PAGES or not fork.available():
            return self._render_with_blocks(renderers, order, store, mine), store
        # The pages are shared with a forked child, on the other core, as each is ready
        # for more (Shares: a case page costs several finding pages): this process from
        # the front, the child from the back, each into a file of its own opened here;
        # the child sends back the Markdown and where each page's blocks are.
        self._compile_all()  # once, here: the child inherits them
        theirs_file = store.new_file()
        shares = Shares(len(order), folder)

        def child() -> tuple[dict[str, str], Where]:
            their_pages = self._render_with_blocks(
                renderers, (order[i] for i in shares.each(front=False)), store, theirs_file)
            return their_pages, store.where

        theirs = Forked(child, "casefile-pages")
        try:
            pages = self._render_with_blocks(
                renderers, (order[i] for i in shares.each(front=True)), store, mine)
        except BaseException:
            theirs.cancel()
            shares.close()
            raise
        try:
            their_pages, where = theirs.result()
            store.add(where)
        except RuntimeError:  # render them here: the same error, raised as itself
            their_pages = self._render_with_blocks(renderers, order[len(pages):], store, mine)
        finally:
            shares.close()
        pages.update(their_pages)
        return {src: pages[src] for src in order}, store

    def _compile_all(self) -> None:
        """Compile every template in the macros folder now. A file that does not compile
        is left for when a page uses it, which reports the error."""
        for name in self.env.list_templates(extensions=("html", "md")):
            try:
                self.env.get_template(name)
            except jinja2.TemplateError:
                continue

    def _render_with_blocks(self, renderers: dict[str, Callable[[], str]],
                            srcs: Iterable[str], store: BlockStore, number: int
                            ) -> dict[str, str]:
        pages = {}
        for src in srcs:
            self._collect = []
            try:
                pages[src] = renderers[src]()
                store.put(number, src, self._collect)
            finally:
                self._collect = None
        return pages

    @staticmethod
    def put_back(html: str, blocks: list[str]) -> str:
        return _MARKER.sub(lambda m: blocks[int(m.group(1))], html)

    # -- context shared by every template ------------------------------------------------
    def context(self, src: str) -> dict[str, Any]:
        root = self.paths.root_from(src)

        here = self.paths.url(src)

        def link(target_src: str, fragment: str = "") -> str:
            url = self.paths.url(target_src)
            # a page below this one (a case's finding pages) by the short way
            below = here.endswith("/") and url.startswith(here) and url != here
            href = url[len(here):] if below else (root + url) or "./"
            return f"{href}#{fragment}" if fragment else href

        return {"ds": self.dataset, "vocab": vocab, "views": self.views, "link": link,
                "case_src": case_src, "case_sources_src": case_sources_src,
                "body_src": body_src, "finding_src": finding_src,
                "here": src, "human_day": human_day, "due_words": stand_requirements.due_words,
                "list_outcome": stand_requirements.list_outcome,
                "schema": schema, "cross_timeline": views.cross_timeline,
                "by_theme": views.by_theme, "build": self.build,
                "review_age": lambda case: views.review_age_days(case, self.build.date),
                "page_url": lambda: self._address(src),
                "no_address": citation.NO_ADDRESS_SHOWN,
                "citation": lambda view, title=None: self._citation(view, src, title),
                "accessed": citation.ACCESSED, "permalink_names": citation.permalink_names,
                "card_columns": views.CARD_COLUMNS, "who_says": who_says,
                "money_text": lambda money: money.text(self.locale),
                "published": published, "licences": self.licences,
                "response_lists": self.response_lists, "list_pages": self.list_pages,
                "figures_of": lambda view: figures_view.series(view.case, self.locale),
                "figure_chart": chart.of_series,
                "indicators_compared": lambda: figures_view.compared(
                    list(self.views.values()), self.locale),
                "oversight_by_level": lambda: by_current_level(
                    [(t, v.case) for v in self.views.values() for t in v.oversight],
                    list(self.dataset.frameworks))}

    def _citation(self, view: CaseView, src: str, title: str | None = None
                  ) -> list[tuple[str, str | None]]:
        """The page's citation in pieces (casefile.model.citation.citation_parts): a case
        page's, or (``title`` given) a page of the case's, such as a finding's, under its
        own title and address."""
        shown = view.case.as_of_shown
        return citation.citation_parts(self.build.site_name, title or view.case.title,
                                 self._address(src),
                                 shown.human() if shown else human_day(view.as_of),
                                 human_day(self.build.date), self.build.commit)

    def _address(self, src: str) -> str | None:
        """The page's full address, or None when the site's is not known (never a path
        from the host's root, wrong under a sub-path)."""
        return self.build.page_url(self.paths.url(src)) if self.build.site_url else None

    def feed_link(self, src: str) -> tuple[str, str] | None:
        """(address, title) of the Atom feed a page announces in its head: the site's feed
        on the home page, the case's on a case page; a full address when the site's is
        known. None for every other page."""
        cid = src.removeprefix("cases/").removesuffix(".md")
        key = "all" if src == "index.md" else cid if src == case_src(cid) else None
        if key is None or (key != "all" and key not in self.views):
            return None
        root = self.build.site_url or self.paths.root_from(src)
        name = self.build.site_name
        title = f"{name}: all cases" if key == "all" else f"{name}: {self.views[key].case.title}"
        return f"{root}feeds/{key}.xml", title

    def render_template(self, name: str, src: str, **values: Any) -> str:
        template = self.env.get_template(name)
        return template.render(**self.context(src), **values)

    # -- generated pages -----------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        """Every generated page: source path → self-contained Markdown text."""
        return {src: render() for src, render in self._page_renderers().items()}

    def _page_renderers(self) -> dict[str, Callable[[], str]]:
        def page(kind: str, src: str, **values: Any) -> Callable[[], str]:
            return lambda: self.render_template(PAGE_TEMPLATES[kind], src, **values)

        out = {"cases/index.md": page("cases", "cases/index.md"),
               "bodies/index.md": page("bodies", "bodies/index.md"),
               "sources.md": page("sources", "sources.md", graded=views.source_grades(
                   self.views, self.dataset.sources)),
               "timeline.md": page("timeline", "timeline.md"),
               "themes.md": page("themes", "themes.md"),
               "oversight.md": page("oversight", "oversight.md"),
               "indicators.md": page("indicators", "indicators.md")}
        for cid, view in self.views.items():
            out[case_src(cid)] = page("case", case_src(cid), view=view)
            out[case_sources_src(cid)] = page("case_sources", case_sources_src(cid), view=view)
            ends = view.stand.ends if view.stand else None
            for history in histories(view.case, ends):
                src = finding_src(cid, history.finding.id)
                out[src] = page("finding", src, view=view, history=history)
            lists = self.response_lists(cid)
            for shown in lists.pages:
                out[shown.src] = page("responses", shown.src, view=view, lists=lists,
                                      shown=shown)
            filters = self.list_pages(cid)
            if filters.sections:
                out[filters.index_src] = page("lists", filters.index_src, view=view,
                                              filters=filters)
            for listed in filters.pages:
                out[listed.src] = page("list", listed.src, view=view, filters=filters,
                                       listed=listed)
        for sid, shown in published.copy_pages(self.dataset.sources,
                                               list(self.views.values())).items():
            out[published.copy_src(sid)] = page("copy", published.copy_src(sid), shown=shown)
        taking_part = views.body_cases(self.views)
        for bid, body in self.dataset.bodies.items():
            out[body_src(bid)] = page("body", body_src(bid), body=body,
                                      cases=taking_part.get(bid, []))
        return out

    def each_output_part(self) -> Iterator[tuple[str, str | Iterator[str]]]:
        """Open data, feeds and calendars as (path in the site, text), one at a time (not
        Jinja: kept here beside the other outputs); the whole data set's JSON comes as an
        iterator of its pieces, to be written as they come (``opendata.each_part``; join
        them with ``opendata.joined``)."""
        from casefile.outputs.opendata import each_part

        yield from each_part(self.dataset)
        yield from self._feeds()

    def _feeds(self) -> Iterator[tuple[str, str]]:
        from casefile.outputs.feeds import Site
        from casefile.outputs.feeds import each_file as feeds

        yield from feeds(self.views, self.dataset.as_of, views.cross_timeline(self.views),
                         Site(self.build.site_name, self.build.site_url))

    # -- hand-written pages --------------------------------------------------------------
    def render_content(self, text: str, src: str, file_label: str, line_offset: int = 0) -> str:
        """Render a hand-written page's macro calls, e.g. ``{{ timeline("case-id") }}``.

        ``line_offset`` is the number of lines (front matter) the builder removed before
        ``text``, so that problems point at the right line of the file."""
        problems: list[Problem] = []
        context = self.context(src)
        context.update(self._content_functions(src, text, file_label, problems))
        rendered = ""
        try:
            rendered = self.env.from_string(text).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(file_label, exc.lineno or 1, 1, "",
                                    f"template syntax error: {exc.message}"))
        except jinja2.UndefinedError as exc:
            problems.append(Problem(file_label, _template_line(exc), 1, "",
                                    f"template error: {exc.message}; available: "
                                    f"{', '.join(CONTENT_MACROS)}, case_list, vocabulary, "
                                    "field_reference, worked_example, common_mistakes, data_files, "
                                    "case_calendars, date_forms, oversight_frameworks"))
        except Exception as exc:  # a failing macro must stop the build, not print a traceback
            problems.append(Problem(file_label, _template_line(exc), 1, "",
                                    f"template error: {type(exc).__name__}: {exc}"))
        if problems:
            raise DataError([Problem(p.file, p.line + line_offset, p.column, p.path, p.message)
                             for p in problems])
        return rendered

    def _content_functions(self, src: str, text: str, file_label: str,
                           problems: list[Problem]) -> dict[str, Callable[..., Markup]]:
        def for_case(macro: str) -> Callable[[str], Markup]:
            def call(case_id: str) -> Markup:
                view = self.views.get(case_id)
                if view is None:
                    line = _line_of(text, case_id)
                    choices = ", ".join(self.views) or "none"
                    problems.append(Problem(file_label, line, 1, "", f"{macro}(): no case with id "
                                            f"'{case_id}' (cases: {choices})"))
                    return Markup("")
                return self.macro(macro, src, view=view)
            return call

        functions = {name: for_case(name) for name in CONTENT_MACROS}
        functions["case_list"] = lambda: self.macro("case_list", src)
        functions["vocabulary"] = lambda name: self.macro("vocabulary", src, name=name)
        functions["field_reference"] = lambda: self.macro("field_reference", src)
        functions["data_files"] = lambda: self.macro("data_files", src)
        functions["case_calendars"] = lambda: self.macro("case_calendars", src)
        functions["date_forms"] = lambda: self.macro("date_forms", src, forms=date_words.FORMS)
        functions["oversight_frameworks"] = lambda: self.macro("oversight_frameworks", src)
        functions["worked_example"] = lambda: self.macro("worked_example", src, ex=examples)
        functions["common_mistakes"] = lambda: self.macro(
            "common_mistakes", src, mistakes=examples.with_messages())
        return functions

    def macro(self, macro_name: str, src: str, **values: Any) -> Markup:
        template = self.env.get_template(MACRO_FILES[macro_name])
        module = template.make_module(self.context(src))
        return _tidy_block(getattr(module, macro_name)(**values))


def _template_line(exc: BaseException) -> int:
    """The line of the hand-written page where rendering failed, from Jinja's traceback."""
    line = 1
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.search(re.escape(needle), line):
            return number
    return 1


def relative(from_url: str, to_url: str) -> str:  # pragma: no cover - helper for adapters
    return posixpath.relpath(to_url or ".", posixpath.dirname(from_url) or ".")


__all__ = ["CaseView", "Paths", "Renderer", "body_src", "case_src"]
