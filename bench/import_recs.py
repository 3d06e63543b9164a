"""`make bench-import`: `casefile import recommendations` of N rows (#18: 200 in under a
second), into a fresh copy of the fictional inquiry project (tests/projects/inquiry) whose
stored copy holds every row's words, so each quotation is checked as in real use.

    python -m bench.import_recs [--rows 200] [--repeat 5]

Times are wall-clock seconds of the real command (interpreter start-up included, as an
editor sees it), and of the import alone in-process; the median of the repeats is shown.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INQUIRY = REPO / "tests" / "projects" / "inquiry"
BIN = Path(sys.executable).parent
RECORD = "northmoor-2025-final-report"
COPY = "data/sources/copies/northmoor-final-report.txt"
SOURCE = "data/sources/northmoor-final-report.yml"
BODIES = ("northmoor-water-board", "example-water-department", "example-water-regulator")


def project(root: Path, rows: int) -> Path:
    """The inquiry project with a table of ``rows`` invented recommendations, and a stored
    copy (and its hash) holding their words."""
    shutil.copytree(INQUIRY, root)
    texts = [f"The body should act on invented matter {n}, within {n % 24 + 1} months."
             for n in range(1, rows + 1)]
    with (root / "recs.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["number", "paragraph", "text", "directed_at", "theme"])
        for n, text in enumerate(texts, 1):
            out.writerow([n, f"{n // 10 + 1}.{n % 10 + 1}", text,
                          ";".join(BODIES[: n % 3 + 1]), "fictional-water-quality"])
    copy = root / COPY
    body = copy.read_text(encoding="utf-8") + "".join(f"{t}\n\n" for t in texts)
    copy.write_text(body, encoding="utf-8")
    source = root / SOURCE
    text = source.read_text(encoding="utf-8").rsplit("sha256: ", 1)[0]
    source.write_text(f"{text}sha256: {hashlib.sha256(body.encode()).hexdigest()}\n",
                      encoding="utf-8")
    return root


def once(rows: int) -> tuple[float, float]:
    """Seconds for the command, and for the import in-process, each on a fresh copy."""
    from casefile.commands.cli import main

    with tempfile.TemporaryDirectory(prefix="casefile-bench-import-") as tmp:
        root = project(Path(tmp) / "a", rows)
        start = time.perf_counter()
        done = subprocess.run([str(BIN / "casefile"), "import", "recommendations", "recs.csv",
                               "--record", RECORD], cwd=root, capture_output=True, text=True)
        command = time.perf_counter() - start
        assert done.returncode == 0, done.stderr
        root = project(Path(tmp) / "b", rows)
        start = time.perf_counter()
        code = main(["import", "recommendations", str(root / "recs.csv"), "--record", RECORD,
                     "--data", str(root / "data")])
        inside = time.perf_counter() - start
        assert code == 0
    return command, inside


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--rows", type=int, default=200)
    args.add_argument("--repeat", type=int, default=5)
    opts = args.parse_args(argv)
    runs = [once(opts.rows) for _ in range(opts.repeat)]
    command = statistics.median(r[0] for r in runs)
    inside = statistics.median(r[1] for r in runs)
    print(f"import of {opts.rows} rows: command {command:.2f} s, in-process {inside:.2f} s "
          f"(median of {opts.repeat}; goal < 1 s)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
