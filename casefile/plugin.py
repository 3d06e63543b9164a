"""The MkDocs adapter. It only wires MkDocs events to the core; nothing here computes.

- ``on_config``: load and check the whole data set; on problems, print every one and stop
  before MkDocs touches ``site_dir``.
- ``on_files``: add the generated pages. ``on_page_markdown``: render macro calls in
  hand-written pages. ``on_serve``: live-reload on ``data/`` and ``macros/``.
- Builds go to a temporary folder that replaces ``site_dir`` only when the build succeeds.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from casefile import fork
from casefile.assets import shared_dir
from casefile.buildinfo import detect, pin_source_date
from casefile.errors import DataError, printable
from casefile.options import OPTIONS
from casefile.outputs import examples, fastmd, menu, pageloop
from casefile.outputs.blocks import BlockStore
from casefile.outputs.harden import harden
from casefile.outputs.minify import squeeze
from casefile.outputs.output import AtomicOutput, BackgroundFiles, project_folders, refusal
from casefile.outputs.render import Paths, Renderer, front_matter_problem
from casefile.outputs.search import SpooledEntries, SpooledIndex, spool
from casefile.outputs.skip import focusable_title, leading_title
from casefile.pipeline import load_dataset


class _HideOSErrorPages(logging.Filter):
    """Drop MkDocs' "Error building page 'x': [Errno 28] ... staging path" line: the
    build error event says it in one located line instead (``os_error_message``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        return not (text.startswith(("Error building page", "Error reading page"))
                    and "[Errno " in text)


class _HideSkipped(logging.Filter):
    """Drop MkDocs' "Page skipped" line for the pages the other core builds."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        return not (text.startswith("Page skipped: '") and
                    text[len("Page skipped: '"):].rsplit("'. ", 1)[0] in self.sources)


_HIDE = _HideOSErrorPages()
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


class _Checked(c.BaseConfigOption[Any]):
    """One option of ``casefile.options``: its check's ``ValueError`` becomes MkDocs'
    configuration error, which names the option ("Plugin 'casefile' option 'as_of': ...")."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.option = next(o for o in OPTIONS if o.name == name)
        self.default = self.option.default

    def run_validation(self, value: object) -> Any:
        try:
            return self.option.check(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class CasefileConfig(Config):
    data_dir: str = _Checked("data_dir")
    macros_dir: str | None = _Checked("macros_dir")  # default: the installed macros
    as_of: dt.date | None = _Checked("as_of")
    jurisdiction: str | None = _Checked("jurisdiction")  # None: weekends only
    review_max_age_days: int = _Checked("review_max_age_days")
    locale: str = _Checked("locale")  # how money is written, e.g. en_GB, fr_FR
    require_copies: bool = _Checked("require_copies")  # every cited source needs a copy


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _title_first(page: Page, html: str) -> None:
    """Make an HTML h1 the page's first contents entry, so "Skip to content" lands on the
    title (casefile.outputs.skip); the other entries go under it."""
    found = leading_title(html)
    toc = page.toc
    if found is None or (toc.items and toc.items[0].level == 1):
        return
    title = AnchorLink(found[1], found[0], 1)
    title.children = list(toc.items)
    page.toc = TableOfContents([title])


def _converted_directly(page: Page, permalink: bool) -> Callable[[MkDocsConfig, Files], None]:
    """``page.render`` for a generated page: what MkDocs' own render would set, from
    ``fastmd.convert``, when the page is only headings, HTML blocks and block markers;
    MkDocs' own render (a full Markdown pass) otherwise."""
    full = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        done = fastmd.convert(page.markdown or "", permalink)
        if done is None:
            return full(config, files)
        page.content = done.html
        page.toc = get_toc(done.toc_tokens)
        page.present_anchor_ids = done.anchor_ids
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as MkDocs does
            page.links_to_anchors = {page.file: done.self_links} if done.self_links else {}
        return None

    return render


def _front_matter_lines(file: File, markdown: str) -> int:
    """How many lines MkDocs removed (the YAML front matter) before ``markdown``."""
    raw = file.content_string
    body = markdown.lstrip("\n")
    position = raw.find(body[:200]) if body else -1
    if position < 0:
        return 0
    return raw[:position].count("\n") - (len(markdown) - len(body))


def _use_shared_overrides(config: MkDocsConfig) -> None:
    """Put casefile's Material overrides (stylesheet, logo, page title, 404 page) after the
    site's own ``custom_dir`` and before the theme's, unless the site already uses them."""
    shared = str(shared_dir("overrides"))
    dirs = config.theme.dirs
    if any(Path(d).resolve() == Path(shared) for d in dirs):
        return
    dirs.insert(1 if config.theme.custom_dir else 0, shared)


class CasefilePlugin(BasePlugin[CasefileConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.renderer: Renderer | None = None
        self.generated: set[str] = set()
        self.blocks: BlockStore | None = None
        self.search: SpooledIndex | None = None
        self.output: AtomicOutput | None = None
        self.outputs: BackgroundFiles | None = None
        self.warnings = _WarningCounter()
        self.dirty = False
        self.nav: Any = None
        self.tail: pageloop.Tail | None = None  # the pages the other core builds
        self.tail_entries: SpooledEntries | None = None  # ... and their search entries
        self.elsewhere = _HideSkipped()  # ... by source path, in this process

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        # `serve` runs a web server in threads beside the builder: no forking there.
        fork.allow(command in ("build", "gh-deploy"))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        if self.command in ("build", "gh-deploy"):
            self._refuse_unsafe_site_dir(root, config)
        try:
            dataset = load_dataset(root / self.config.data_dir, as_of=self.config.as_of,
                                   keep=examples.needed, jurisdiction=self.config.jurisdiction,
                                   require=self.config.require_copies)
        except DataError as exc:
            print(exc.report(), file=sys.stderr)
            raise PluginError(f"casefile: {exc}; see the messages above.") from None
        except fork.ForkError as exc:  # the loader was killed (out of memory?) or timed out
            raise PluginError(f"casefile: {exc}") from None
        # After loading: a record may be dated up to today unless SOURCE_DATE_EPOCH says
        # otherwise; the commit's date is for what MkDocs writes (the sitemap).
        pin_source_date(root)
        # The data set lives for the whole build: move it out of the garbage collector's
        # view, so full collections stop rescanning it (they grew super-linearly with N).
        gc.collect()
        gc.freeze()
        paths = Paths(directory_urls=config.use_directory_urls)
        build = detect(root, config.site_url, self.config.review_max_age_days,
                       config.site_name)
        _use_shared_overrides(config)
        self.renderer = Renderer(dataset, self.macros(root), paths,
                                 data_dir=root / self.config.data_dir, build=build,
                                 locale=self.config.locale)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        _BUILD_LOG.addFilter(_HIDE)
        if self.command in ("build", "gh-deploy"):
            try:
                self.output = AtomicOutput(Path(config.site_dir))
                self.output.prepare()
            except OSError as exc:
                raise PluginError(f"casefile: cannot write the site to {config.site_dir}: "
                                  f"{exc.strerror or exc}") from None
            config.site_dir = str(self.output.staging)
        return config

    def _refuse_unsafe_site_dir(self, root: Path, config: MkDocsConfig) -> None:
        """Stop before anything is written if ``site_dir`` is a folder a build must not
        replace (the data, the content, the sources, a folder casefile did not write)."""
        custom = config.theme.custom_dir
        protected = project_folders(
            root, ("data", root / self.config.data_dir), ("content", Path(config.docs_dir)),
            ("macros", self.macros(root)), ("overrides", Path(custom) if custom else None))
        why = refusal(Path(config.site_dir), protected)
        if why:
            raise PluginError(f"casefile: site_dir {config.site_dir}: {why}; nothing was built "
                              "or deleted. Choose a new folder or one an earlier build wrote, "
                              "with site_dir in mkdocs.yml or -d (the default is site)")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        self.generated = set()
        self._close_tail()  # a previous build's, when serving
        self._close_blocks()
        self._close_search()
        try:
            # Blocks are kept on disk beside the site until each page is built.
            pages, self.blocks = self.renderer.pages_with_blocks(Path(config.site_dir).parent)
        except Exception as exc:  # a bug in a macro: stop cleanly, say where
            raise PluginError(f"casefile: generating pages failed: {type(exc).__name__}: "
                              f"{printable(str(exc))}"
                              ) from None
        for src, text in pages.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"casefile: content/{printable(src)} clashes with a "
                                  "generated page; rename it")
            files.append(File.generated(config, src, content=text))
            self.generated.add(src)
        if self.command in ("build", "gh-deploy"):  # the theme's search entries go to disk
            self.search = spool(config.plugins, Path(config.site_dir).parent)
        # Open data, feeds and calendars are written on the other core while the pages build.
        self.outputs = BackgroundFiles(self.renderer.each_output_part, Path(config.site_dir))
        self.outputs.start()  # in a forked child where forking is allowed
        return files

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Generated pages skip the Markdown parser when their Markdown is simple enough
        and the site's Markdown settings are ones ``fastmd`` mirrors (the same HTML)."""
        self.nav = nav  # for the pages built on the other core (``on_env``)
        permalink = fastmd.settings(config.markdown_extensions, config.mdx_configs or {})
        if permalink is None:
            return nav
        for src in self.generated:
            file = files.get_file_from_path(src)
            if file is not None and file.page is not None:
                file.page.render = _converted_directly(  # type: ignore[method-assign]
                    file.page, permalink)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """A build reads the theme's templates once: Jinja need not look at each included
        file's modification time again for every page (about 37 includes a page). The
        theme's site menu is rendered once for the pages that share it (``cf_site_menu``,
        called by ``overrides/partials/nav.html``). Then the last generated pages go to
        the other core (``_split_loop``)."""
        if self.command in ("build", "gh-deploy"):
            env.auto_reload = False
        template = menu.theme_partial(env, config.theme.dirs,
                                      [config.theme.custom_dir, str(shared_dir("overrides"))])
        if template is not None:
            env.globals["cf_site_menu"] = menu.site_menu(template)
        self._split_loop(env, config, files)
        return env

    def _splittable(self, config: MkDocsConfig) -> bool:
        """Only where the split build is known to write what MkDocs' own loop would: a
        build (not serve, not --dirty) on Linux, and no plugin but this one and a search
        whose index is spooled."""
        if self.dirty or self.command not in ("build", "gh-deploy") or not fork.available():
            return False
        index = self.search.index if self.search is not None else None
        return self.nav is not None and all(
            plugin is self or (index is not None and getattr(plugin, "search_index", None)
                               is index) for plugin in config.plugins.values())

    def _split_loop(self, env: Any, config: MkDocsConfig, files: Files) -> None:
        """Fork a child that builds the last generated pages, as MkDocs' loop would
        (``casefile.outputs.pageloop``); this process's loop then passes over them: an
        empty template (MkDocs writes nothing), left out of this process's search index."""
        least = pageloop.min_pages()
        if least is None or not self._splittable(config):
            return
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages = [file.page for file in doc_files]
        first = len(pages)
        while first and pages[first - 1].file.src_uri in self.generated:
            first -= 1
        if len(pages) - first < least:
            return
        blocks = self.blocks.where if self.blocks is not None else {}
        costs = [pageloop.cost(len(page.content or ""), blocks.get(page.file.src_uri))
                 for page in pages]
        tail = pages[pageloop.tail_start(costs, first):]
        entries = self.tail_entries = SpooledEntries(Path(config.site_dir).parent) \
            if self.search is not None else None
        search, nav = self.search, self.nav

        def build(page: Page) -> None:
            _build_page(page, config, doc_files, nav, env, False,
                        excluded=page.file.inclusion.is_excluded())

        def ready() -> None:  # in the child: its search entries into a file of its own
            if search is not None and entries is not None:
                search.divert(entries)

        self.tail = pageloop.Tail(tail, build, ready,
                                  lambda: entries.flushed() if entries is not None else 0)
        empty = env.from_string("")
        for page in tail:
            page.meta = {**page.meta, "template": empty, "search": {"exclude": True}}
            page.content = ""
            blocks.pop(page.file.src_uri, None)
        self.elsewhere.sources = set(self.tail.sources)
        _BUILD_LOG.addFilter(self.elsewhere)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        generated = page.file.src_uri in self.generated
        label = f"{page.file.src_uri} (generated)" if generated else \
            os.path.relpath(page.file.abs_src_path or page.file.src_uri)
        unread = front_matter_problem(markdown, label)
        if unread is not None:
            print(DataError([unread]).report(), file=sys.stderr)
            raise PluginError(f"casefile: {printable(label)}: front matter could not be "
                              "read; see the message above.")
        if generated:  # read (page.markdown): its File need not hold the text as well
            page.file.content_string = ""
        if generated or self.renderer is None:
            return markdown
        try:
            return self.renderer.render_content(markdown, page.file.src_uri, label,
                                                _front_matter_lines(page.file, markdown))
        except DataError as exc:
            print(exc.report(), file=sys.stderr)
            raise PluginError(f"casefile: {exc}; see the messages above.") from None

    @event_priority(50)  # before the search plugin reads the page's text and contents
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        """Put a generated page's HTML blocks back now, as MkDocs builds it, not when it
        converted it (it converts every page before it writes the first); and the Atom feed
        the page announces in its head (overrides/main.html), if any. Not for a page the
        other core builds."""
        if page.file.src_uri in self.elsewhere.sources:
            return context
        blocks = self.blocks.take(page.file.src_uri) if self.blocks is not None else None
        html = page.content or ""
        html = focusable_title(Renderer.put_back(html, blocks) if blocks else html)
        _title_first(page, html)
        page.content = html
        if self.renderer is not None:
            context["cf_feed"] = self.renderer.feed_link(page.file.src_uri)
        return context

    @event_priority(-100)  # last: the page is written next and nothing reads it after
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.generated:  # titled by front matter, not by content
            page.content = None  # so only the page being built is held whole
            page.markdown = ""  # nor its Markdown and contents, once written (anchor
            page.toc = TableOfContents([])  # checks use the sets kept beside them).
            # Not None: MkDocs then calls the page untitled, and a menu that lists it
            # without a title of its own would say "None" on every page built after it.
        return harden(squeeze(output)) if output else output  # empty: built elsewhere

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return harden(squeeze(output_content))

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        server.watch(str(root / self.config.data_dir))
        server.watch(str(self.macros(root)))
        return server

    def macros(self, root: Path) -> Path:
        """The site's own macros folder if it names one, else the installed copy."""
        name = self.config.macros_dir
        return root / name if name else shared_dir("macros")

    @event_priority(-100)  # last: after search writes its index, so the commit has it all
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._finish_tail()  # its warnings are counted here, as this process's are
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        _BUILD_LOG.removeFilter(_HIDE)
        self._close_blocks()
        if self.search is not None:  # the theme has written its (empty) index by now
            self.search.finish(Path(config.site_dir))
            self._close_search()
        if self.outputs is not None:
            self._finish_outputs(Path(config.site_dir))
        if self.output is not None and not (config.strict and self.warnings.count):
            try:
                self.output.commit()
            except OSError as exc:
                raise PluginError(f"casefile: could not replace {self.output.target}: "
                                  f"{exc.strerror or exc}; the previous site is unchanged"
                                  ) from None
            config.site_dir = str(self.output.target)

    def _finish_tail(self) -> None:
        """Wait for the pages built on the other core; say their warnings here; stop the
        build, in one line, if the child failed; its search entries follow this one's."""
        tail, entries = self.tail, self.tail_entries
        if tail is None:
            return
        self.tail = None
        _BUILD_LOG.removeFilter(self.elsewhere)
        try:
            outcome = tail.outcome()
        except fork.ForkError as exc:
            last = str(exc).strip().splitlines()[-1:] or ["failed"]
            raise PluginError(f"casefile: building pages on the other core: {last[0]}; "
                              "the previous site is unchanged") from None
        for name, level, text in outcome.warnings:
            logging.getLogger(name).log(level, text)
        if outcome.failed is not None and outcome.failed[0] == "os":
            raise OSError(*outcome.failed[1:])
        if outcome.failed is not None:
            raise PluginError(f"casefile: building page {printable(outcome.page)} failed: "
                              f"{printable(outcome.failed[1])}; the previous site is unchanged")
        if self.search is not None and entries is not None:
            self.search.follow(entries, outcome.entries)
            self.tail_entries = None
        self._close_tail()

    def _close_tail(self) -> None:
        if self.tail is not None:
            self.tail.cancel()
            self.tail = None
        _BUILD_LOG.removeFilter(self.elsewhere)
        self.elsewhere.sources = set()
        if self.tail_entries is not None:
            self.tail_entries.close()
            self.tail_entries = None

    def _close_blocks(self) -> None:
        if self.blocks is not None:
            self.blocks.close()
            self.blocks = None

    def _close_search(self) -> None:
        if self.search is not None:
            self.search.close()
            self.search = None

    def _finish_outputs(self, site: Path) -> None:
        assert self.outputs is not None
        try:
            clashes = self.outputs.finish(site)
        except (RuntimeError, OSError) as exc:
            raise PluginError(f"casefile: writing open data and feeds failed: {exc}") from None
        finally:
            self.outputs = None
        if clashes:
            raise PluginError(f"casefile: content/{printable(clashes[0])} clashes with a "
                              "generated file; rename it")

    @event_priority(-100)  # last: raising Abort skips the plugins after this one
    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        _BUILD_LOG.removeFilter(_HIDE)
        self._close_tail()
        self._close_blocks()
        self._close_search()
        if self.outputs is not None:
            self.outputs.cancel()
            self.outputs = None
        staging = self.output.staging if self.output is not None else None
        target = self.output.target if self.output is not None else None
        if self.output is not None:
            self.output.discard()
            self.output = None
        if isinstance(error, OSError):  # a full disk, a read-only file system...
            # Said the way MkDocs says a PluginError: one line, no traceback.
            logging.getLogger("mkdocs").error(os_error_message(error, staging, target))
            raise Abort("Aborted with a BuildError!") from None


def os_error_message(error: OSError, staging: Path | None, target: Path | None) -> str:
    """One line for an OSError that stopped the build: the site folder it could not be
    written to (and the file, relative to the site), or the file it could not read."""
    reason = printable(error.strerror or str(error))
    name = os.fsdecode(error.filename) if error.filename is not None else ""
    if staging is not None and target is not None:
        inside = os.path.relpath(name, staging) if name else ""
        if not name or not inside.startswith(".."):
            where = "" if inside in ("", ".") else f" (writing {printable(inside)})"
            return (f"casefile: cannot write the site to {printable(str(target))}: {reason}"
                    f"{where}; the previous site is unchanged")
    if name:
        return f"casefile: the build stopped at {printable(name)}: {reason}"
    return f"casefile: the build stopped: {reason}"


__all__ = ["CasefilePlugin"]
