"""`make bench`: build, check and page weight at N cases, beside hand-written Markdown.

    python -m bench.run [--sizes 100,1000,2000] [--quick] [--repeat 2] [--out BENCHMARKS.md]
                        [--no-inquiry]

Each size gets a fresh synthetic project in a temporary folder: N cases shaped like Powys
and the inquiry case (``bench.synth.inquiry``, 200 recommendations and their responses;
left out with ``--no-inquiry``; size 0 is the inquiry case alone). Case pages are weighed
without the inquiry's, which is reported on its own line. Times are wall-clock seconds of
real subprocesses (interpreter start-up included, as a user would see them).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

from bench import anchor, synth

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FLOOR = """
import sys, time, yaml
from pathlib import Path
files = sorted(Path(sys.argv[1]).rglob("*.yml"))
for f in files:
    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
"""


class _Count(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.count += 1


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB) of a subprocess, which must succeed."""
    start = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, env=ENV,
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return wall, int(out.stderr.strip().splitlines()[-1]) // 1024


def pages(site: Path) -> tuple[float, float, float]:
    """(median KB, max KB, median element count) of the case pages shaped like Powys (the
    inquiry case's left out); zeros when there are none."""
    files = [p for p in (site / "cases").glob("*/index.html") if p.parent.name != synth.INQUIRY]
    if not files:
        return 0.0, 0.0, 0.0
    sizes = [p.stat().st_size / 1024 for p in files]
    counts = []
    for p in files[:200]:
        parser = _Count()
        parser.feed(p.read_text(encoding="utf-8"))
        counts.append(parser.count)
    return statistics.median(sizes), max(sizes), statistics.median(counts)


def finding_pages(site: Path) -> tuple[int, float]:
    """(count, median KB) of the finding pages, cases/CASE/findings/ID/."""
    sizes = [p.stat().st_size / 1024 for p in (site / "cases").glob("*/findings/*/index.html")]
    return len(sizes), statistics.median(sizes) if sizes else 0.0


def inquiry_pages(site: Path, case_page: str) -> tuple[float, int]:
    """(KB of the inquiry's case page, count of its response status pages), or zeros."""
    page = site / "cases" / case_page
    statuses = list((site / "cases" / synth.INQUIRY / "responses").glob("*/index.html"))
    return (page.stat().st_size / 1024 if page.exists() else 0.0), len(statuses)


def project(root: Path, n: int, inquiry: bool = True) -> None:
    synth.generate(root, n, inquiry)
    for name in ("content", "macros", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")


def best(repeat: int, cmd: list[str], cwd: Path, before: Callable[[], None] = lambda: None
         ) -> tuple[float, int]:
    """The fastest of ``repeat`` runs (the least disturbed by other work on the machine),
    with the highest peak RSS seen."""
    runs = []
    for _ in range(repeat):
        before()
        runs.append(timed(cmd, cwd))
    return min(t for t, _ in runs), max(m for _, m in runs)


def measure(n: int, work: Path, repeat: int, inquiry: bool = True) -> dict[str, float]:
    root = work / f"casefile-{n}"
    project(root, n, inquiry)
    cache = work / f"cache-{n}"
    ENV["CASEFILE_CACHE"] = str(cache)
    check = [str(BIN / "casefile"), "check"]
    cold, _ = best(repeat, check, root, lambda: shutil.rmtree(cache, ignore_errors=True))
    cached, _ = best(repeat, [*check, "--full"], root)
    floor, _ = best(repeat, [sys.executable, "-c", FLOOR, "data"], root)
    edited = root / "data" / "cases" / (
        "case-0000/records/case-0000-r05.yml" if n else f"{synth.INQUIRY}/records/"
        f"{synth.INQUIRY}-r01.yml")

    def edit() -> None:
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("summary: ", "summary: X ", 1), encoding="utf-8")

    warm, _ = best(repeat, check, root, edit)
    build, rss = best(repeat, [str(BIN / "mkdocs"), "build", "--strict"], root)
    median_kb, max_kb, elements = pages(root / "site")
    from casefile.pipeline import load_dataset

    anchor_root = work / f"anchor-{n}"
    anchor.write(load_dataset(root / "data", use_cache=False), anchor_root)
    anchor_build, anchor_rss = best(repeat, [str(BIN / "mkdocs"), "build", "--strict"],
                                    anchor_root)
    a_median, a_max, a_elements = pages(anchor_root / "site")
    findings, finding_kb = finding_pages(root / "site")
    anchor_findings, anchor_finding_kb = finding_pages(anchor_root / "site")
    inquiry_kb, statuses = inquiry_pages(root / "site", f"{synth.INQUIRY}/index.html")
    anchor_inquiry_kb, anchor_statuses = inquiry_pages(anchor_root / "site",
                                                       f"{synth.INQUIRY}/index.html")
    files = sum(1 for _ in (root / "data").rglob("*.yml"))
    return {"n": n, "files": files, "check_cold": cold, "check_cached": cached,
            "floor": floor, "check_warm": warm, "build": build, "rss": rss,
            "page_median": median_kb, "page_max": max_kb, "elements": elements,
            "anchor_build": anchor_build, "anchor_rss": anchor_rss,
            "anchor_median": a_median, "anchor_max": a_max, "anchor_elements": a_elements,
            "findings": findings, "finding_kb": finding_kb, "anchor_findings": anchor_findings,
            "anchor_finding_kb": anchor_finding_kb, "inquiry": float(inquiry),
            "inquiry_kb": inquiry_kb, "statuses": statuses,
            "anchor_inquiry_kb": anchor_inquiry_kb, "anchor_statuses": anchor_statuses}


def table(rows: list[dict[str, float]]) -> str:
    head = ("| N cases | files | check cold (s) | CSafeLoader floor (s) | cold / floor | "
            "full check, cache warm (s) | after 1-file edit (s) | build (s) | peak RSS (MB) | "
            "anchor build (s) | build / anchor | page median / max (KB) | anchor page (KB) | "
            "elements (median) | anchor elements |")
    lines = [head, "|" + "---|" * 15]
    for r in rows:
        lines.append(
            f"| {r['n']:.0f} | {r['files']:.0f} | {r['check_cold']:.2f} | {r['floor']:.2f} | "
            f"{r['check_cold'] / r['floor']:.2f} | {r['check_cached']:.2f} | "
            f"{r['check_warm']:.2f} | {r['build']:.1f} | {r['rss']:.0f} | "
            f"{r['anchor_build']:.1f} | {r['build'] / r['anchor_build']:.2f} | "
            f"{r['page_median']:.1f} / {r['page_max']:.1f} | {r['anchor_median']:.1f} | "
            f"{r['elements']:.0f} | {r['anchor_elements']:.0f} |")
    return "\n".join(lines)


def report(rows: list[dict[str, float]]) -> str:
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material "
               f"{version('mkdocs-material')}, PyYAML {version('pyyaml')}")
    growth = ""
    by_n = {int(r["n"]): r for r in rows}
    if 1000 in by_n and 2000 in by_n:
        growth = (f"\nBuild time at 2000 cases / at 1000: "
                  f"{by_n[2000]['build'] / by_n[1000]['build']:.2f}.\n")
    findings = "".join(
        f"\nAt {r['n']:.0f} cases: {r['findings']:.0f} finding pages, median "
        f"{r['finding_kb']:.1f} KB (anchor: {r['anchor_findings']:.0f}, median "
        f"{r['anchor_finding_kb']:.1f} KB)." for r in rows if "findings" in r)
    inquiry = "".join(
        f"\nAt {r['n']:.0f} cases, with the inquiry case (200 recommendations): its case page "
        f"{r['inquiry_kb']:.1f} KB (anchor {r['anchor_inquiry_kb']:.1f} KB), "
        f"{r['statuses']:.0f} response status pages (anchor {r['anchor_statuses']:.0f})."
        for r in rows if r.get("inquiry"))
    return f"Machine: {machine}.\n\n{table(rows)}\n{growth}{findings}{inquiry}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,2000")
    parser.add_argument("--quick", action="store_true", help="one small size, for CI")
    parser.add_argument("--out", help="write the results into this Markdown file")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each timing; the fastest is reported (default: 2)")
    parser.add_argument("--no-inquiry", action="store_true",
                        help="leave out the inquiry case (200 recommendations, #18)")
    args = parser.parse_args()
    repeat = 1 if args.quick else max(args.repeat, 1)
    sizes = [10] if args.quick else [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        for n in sizes:
            rows.append(measure(n, Path(tmp), repeat, not args.no_inquiry))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    text = report(rows)
    print(text)
    if args.out:
        path = Path(args.out)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        marker = "<!-- results -->"
        head = old.split(marker)[0] if marker in old else old
        path.write_text(f"{head}{marker}\n{text}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
