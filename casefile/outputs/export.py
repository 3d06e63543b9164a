"""Stage 5, export: write every page as plain Markdown (with HTML blocks) plus assets to a
folder, so another site builder can consume casefile's output without this package.

Hand-written pages have their macro calls rendered; generated pages are written as is.
Every page ``x.md`` is written as ``x/index.md``, so that each link is relative to the
Markdown file it is in and to the page's address alike (casefile/outputs/neutral.py).
The folder is replaced atomically, like ``site/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from casefile.assets import shared_dir
from casefile.errors import DataError
from casefile.model.calendars import project_jurisdiction
from casefile.outputs.neutral import page_path, rebase_links
from casefile.outputs.opendata import joined
from casefile.outputs.output import AtomicOutput, project_folders, refusal
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter including its fences, body, number of lines before the body)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            front = text[: end + 5]
            return front, text[end + 5 :], front.count("\n")
    return "", text, 0


class OutputRefusedError(ValueError):
    """The output folder is one a build must not replace; nothing was written."""


def generate(root: Path, out: Path, data: str = "data", macros: str = "macros",
             content: str = "content", assets: str = "overrides/assets") -> list[Path]:
    """Write all pages and assets under ``out``; raise DataError listing every problem,
    OutputRefusedError (before reading anything) when ``out`` may not be replaced."""
    why = refusal(out, project_folders(root, ("data", root / data),
                                       ("content", root / content), ("macros", root / macros)))
    if why:
        raise OutputRefusedError(why)
    jurisdiction, problems = project_jurisdiction(root)  # the plugin option, as in a build
    if problems:
        raise DataError(problems)
    own = root / macros  # a site made by `casefile init` uses the installed macros
    macros_dir = own if own.is_dir() else shared_dir("macros")
    renderer = Renderer(load_dataset(root / data, jurisdiction=jurisdiction), macros_dir,
                        data_dir=root / data)
    pages = {page_path(src): text for src, text in renderer.pages().items()}
    pages.update(joined(renderer.each_output_part()))
    problems = []
    content_dir = root / content
    for path in sorted(content_dir.rglob("*.md")):
        rel = path.relative_to(content_dir).as_posix()
        front, body, offset = split_front_matter(path.read_text(encoding="utf-8"))
        label = path.relative_to(root).as_posix()
        body = rebase_links(body, rel, page_path(rel))
        try:
            pages[page_path(rel)] = front + renderer.render_content(body, rel, label, offset)
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    output = AtomicOutput(out)
    written = []
    try:
        output.prepare()
        for rel, text in sorted(pages.items()):
            target = output.staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(out / rel)
        assets_dir = root / assets
        if not assets_dir.is_dir():
            assets_dir = shared_dir("overrides") / "assets"
        shutil.copytree(assets_dir, output.staging / "assets")
        written += [out / "assets" / p.relative_to(assets_dir)
                    for p in sorted(assets_dir.rglob("*")) if p.is_file()]
        output.commit()
    except BaseException:
        output.discard()
        raise
    return written
