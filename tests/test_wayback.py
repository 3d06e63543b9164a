"""Internet Archive lookups in `casefile links --external`, against a stub of the
availability API on 127.0.0.1 started by the test: never the real archive."""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from casefile.outputs import wayback
from casefile.outputs.external import Checker, Target, report
from casefile.outputs.wayback import Lookup, look_up_all, read_answer
from tests.conftest import BIN, MINI, REPO, write_tree
from tests.test_external_links import Held

SNAP = "http://web.archive.org/web/20240115093000/https://example.org/found"


def closest(**fields: object) -> bytes:
    return json.dumps({"archived_snapshots": {"closest": fields}}).encode()


FOUND = closest(available=True, url=SNAP, timestamp="20240115093000", status="200")
ANSWERS: dict[str, tuple[int, bytes]] = {  # the source URL asked about -> the stub's answer
    "https://example.org/found": (200, FOUND),
    "https://example.org/none": (200, b'{"archived_snapshots": {}}'),
    "https://example.org/malformed": (200, b'{"archived_snapshots": {"closest": '),
    "https://example.org/error": (500, b"{}"),
    "https://example.org/huge": (200, b'{"archived_snapshots": {}, "x": "' + b"y" * 70_000
                                 + b'"}'),
    "https://example.org/elsewhere": (200, closest(
        available=True, url="https://evil.example/web/20240115093000/x",
        timestamp="20240115093000")),
}


class Stub(BaseHTTPRequestHandler):
    asked: ClassVar[list[str]] = []
    held = Held(0.2)
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        url = parse_qs(parts.query).get("url", [""])[0]
        with self.lock:
            type(self).asked.append(url)
        if url == "https://example.org/slow":
            self.held.never_answer()
            return
        if url.startswith("https://example.org/hold"):
            self.held.hold()
        code, body = ANSWERS.get(url, (200, b'{"archived_snapshots": {}}'))
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def api() -> Iterator[str]:
    Stub.asked, Stub.held = [], Held(0.2)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/wayback/available"
    finally:
        Stub.held.gate.set()
        httpd.shutdown()
        httpd.server_close()


def checker(timeout: float = 30) -> Checker:
    """Answers are waited for (30 s: a busy machine is never that slow to answer); a test
    of the time-out gives 0.5 s, to a request the stub never answers."""
    return Checker(timeout=timeout, retries=2, backoff=0.01, allow_internal=True)


def test_each_kind_of_answer_from_the_stub(api: str) -> None:
    names = ["found", "none", "malformed", "error", "slow", "elsewhere", "huge"]
    urls = [f"https://example.org/{n}" for n in names]
    got = look_up_all([Target(u, "s", "url", None) for u in urls if u != urls[4]], checker(),
                      api)
    got |= look_up_all([Target(urls[4], "s", "url", None)], checker(0.5), api)
    save = "https://web.archive.org/web/20240115093000/https://example.org/found"
    assert got == {
        urls[0]: Lookup(urls[0], "copy", "", save, "2024-01-15"),
        urls[1]: Lookup(urls[1], "none", ""),
        urls[2]: Lookup(urls[2], "unusable", "the answer is not JSON"),
        urls[3]: Lookup(urls[3], "failed", "the archive answered HTTP 500"),
        urls[4]: Lookup(urls[4], "failed", "timed out after 0.5 s"),
        urls[5]: Lookup(urls[5], "unusable",
                        "the snapshot URL is not a web.archive.org/web/ address"),
        urls[6]: Lookup(urls[6], "unusable", "the answer is larger than 64 KiB"),
    }
    assert sorted(Stub.asked) == sorted(urls)  # one request each, failures not retried


def test_one_request_per_distinct_url_and_none_for_archived_sources(api: str) -> None:
    found = [Target("https://example.org/found", "a", "url", None),
             Target("https://example.org/found", "b", "url", None),
             Target("https://example.org/none", "c", "url", "https://web.archive.org/web/1/x"),
             Target("https://web.archive.org/web/1/x", "c", "archive_url", None)]
    got = look_up_all(found, checker(), api)
    assert list(got) == ["https://example.org/found"]
    assert Stub.asked == ["https://example.org/found"]
    assert look_up_all(found[2:], checker(), api) == {} and len(Stub.asked) == 1


def test_lookups_keep_to_the_per_host_limit(api: str) -> None:
    found = [Target(f"https://example.org/hold{i}", "s", "url", None) for i in range(6)]
    look_up_all(found, Checker(timeout=5, per_host=2, workers=8, allow_internal=True), api)
    assert (len(Stub.asked), Stub.held.peak) == (6, 2)


def test_the_query_escapes_the_source_url(api: str) -> None:
    url = "https://example.org/a?b=1&c=d#e"
    wayback.lookup(url, checker(), api + "?timestamp=2024")
    assert Stub.asked == [url]  # the & and # are the source's own, not the query's


def test_an_internal_api_address_is_not_asked(api: str) -> None:
    got = wayback.lookup("https://example.org/found", Checker(timeout=0.5), api)
    assert got == Lookup("https://example.org/found", "failed", "not asked: 127.0.0.1 is a "
                         "loopback address; casefile never requests internal addresses")
    assert Stub.asked == []


@pytest.mark.parametrize(("body", "found", "detail"), [
    (b"\xff\xfe", "unusable", "the answer is not JSON"),
    (b"[]", "unusable", "the answer has no archived_snapshots"),
    (b"[" * 60_000, "unusable", "the answer is not JSON"),  # deeper than the stack
    (b'{"archived_snapshots": []}', "unusable", "the answer has no archived_snapshots"),
    (closest(available=False), "none", ""),
    (closest(available="true", url=SNAP, timestamp="20240115093000"), "unusable",
     "the answer's closest snapshot is not marked available"),
    (b'{"archived_snapshots": {"closest": "x"}}', "unusable",
     "the answer's closest snapshot is not marked available"),
    (closest(available=True, url=SNAP.replace("web.archive.org", "web.archive.org.evil.example"),
             timestamp="20240115093000"), "unusable",
     "the snapshot URL is not a web.archive.org/web/ address"),
    (closest(available=True, url="javascript:alert(1)//web.archive.org/web/20240115093000/x",
             timestamp="20240115093000"), "unusable",
     "the snapshot URL is not a web.archive.org/web/ address"),
    (closest(available=True, url=SNAP + "|<script>", timestamp="20240115093000"), "unusable",
     "the snapshot URL is not a web.archive.org/web/ address"),
    (closest(available=True, url=SNAP + " x", timestamp="20240115093000"), "unusable",
     "the snapshot URL is not a web.archive.org/web/ address"),
    (closest(available=True, url=None, timestamp="20240115093000"), "unusable",
     "the snapshot URL is not a web.archive.org/web/ address"),
    (closest(available=True, url=SNAP.replace("20240115", "20240231"),
             timestamp="20240231093000"), "unusable",
     "the snapshot's timestamp is not a real date or does not match its URL"),
    (closest(available=True, url=SNAP, timestamp="20230115093000"), "unusable",
     "the snapshot's timestamp is not a real date or does not match its URL"),
    (closest(available=True, url=SNAP, timestamp="20240115093000", status="404"), "copy",
     "the archive recorded HTTP 404"),
    (closest(available=True, url=SNAP, timestamp="20240115093000", status="<b>"), "copy",
     "the archive recorded an unreadable status"),
    (closest(available=True, url=SNAP, timestamp="20240115093000", status="\u0662\u0660\u0660"),
     "copy", "the archive recorded an unreadable status"),  # digits, but not ASCII ones
    (closest(available=True, url=SNAP, timestamp="20240115093000", status=200), "copy",
     "the archive recorded an unreadable status"),
])
def test_untrusted_answers(body: bytes, found: str, detail: str) -> None:
    got = read_answer("https://example.org/found", body)
    assert (got.found, got.detail) == (found, detail)
    assert (got.snapshot is not None) == (found == "copy")


def test_an_https_snapshot_and_an_id_flag_are_kept() -> None:
    url = "https://web.archive.org/web/20240115093000id_/https://example.org/found"
    got = read_answer("https://example.org/found",
                      closest(available=True, url=url, timestamp="20240115093000"))
    assert (got.found, got.snapshot, got.date) == ("copy", url, "2024-01-15")


def test_the_api_base_option_then_variable_then_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFILE_ARCHIVE_API", "https://stub.example/available")
    assert wayback.api_base("https://option.example/a") == "https://option.example/a"
    assert wayback.api_base(None) == "https://stub.example/available"
    monkeypatch.delenv("CASEFILE_ARCHIVE_API")
    assert wayback.api_base(None) == "https://archive.org/wayback/available"


def test_the_report_section() -> None:
    found = [Target(f"https://example.org/{n}", f"src-{n}", "url", None)
             for n in ("found", "none", "bad", "down")]
    found.append(Target("https://example.org/kept", "src-kept", "url", "https://web.archive.org/"
                        "web/20200101000000/https://example.org/kept"))
    lookups = {t.url: v for t, v in zip(found, [
        Lookup(found[0].url, "copy", "", "https://web.archive.org/web/20240115093000/"
               "https://example.org/found", "2024-01-15"),
        Lookup(found[1].url, "none", ""),
        Lookup(found[2].url, "unusable", "the answer is not JSON"),
        Lookup(found[3].url, "failed", "the archive answered HTTP 500")], strict=False)}
    assert wayback.section(found, lookups) == [
        "## Internet Archive copies", "",
        "Advice only: nothing in this section fails the run.", "",
        "Asked the Internet Archive about 4 source URLs without an archive URL: 1 with a "
        "copy, 1 without, 1 unusable answers, 1 lookups failed.", "",
        "Before pasting an `archive_url:`, open the snapshot and check it shows the "
        "document you quote (not an error page or a cookie banner).", "",
        "| Source | URL | Internet Archive | Save a copy now |", "|---|---|---|---|",
        "| src-found | https://example.org/found | copy of 2024-01-15: `archive_url: "
        "https://web.archive.org/web/20240115093000/https://example.org/found` | "
        "https://web.archive.org/save/https://example.org/found |",
        "| src-none | https://example.org/none | no copy in the Internet Archive | "
        "https://web.archive.org/save/https://example.org/none |",
        "| src-bad | https://example.org/bad | unusable answer (the answer is not JSON); try "
        "again later | https://web.archive.org/save/https://example.org/bad |",
        "| src-down | https://example.org/down | lookup failed (the archive answered HTTP "
        "500); try again later | https://web.archive.org/save/https://example.org/down |",
        ""]
    assert wayback.section(found[4:], {})[-2] == "Every source with a URL has an archive " \
        "URL recorded."


def test_a_snapshot_whose_capture_was_not_200_says_to_look() -> None:
    result = read_answer("https://example.org/found", closest(
        available=True, url=SNAP, timestamp="20240115093000", status="302"))
    assert wayback.cell(result) == (
        "copy of 2024-01-15; the archive recorded HTTP 302: open it and check it shows the "
        "document: `archive_url: https://web.archive.org/web/20240115093000/"
        "https://example.org/found`")


def test_a_broken_link_points_to_the_section() -> None:
    from casefile.outputs.external import Result

    found = [Target("https://example.org/gone", "gone", "url", None)]
    results = {"https://example.org/gone": Result("https://example.org/gone", "broken",
                                                  "HTTP 404", 0.0)}
    lookups = {"https://example.org/gone": Lookup("https://example.org/gone", "none", "")}
    text = report(found, results, "2026-11-30", wayback.section(found, lookups))
    assert ("| gone | url | https://example.org/gone | HTTP 404 | No archive URL recorded: "
            "find one and add archive_url; see Internet Archive copies, below |") in text
    assert text.endswith("| gone | https://example.org/gone | no copy in the Internet Archive"
                         " | https://web.archive.org/save/https://example.org/gone |\n")
    assert "see Internet Archive" not in report(found, results, "2026-11-30")


def project(tmp_path: Path) -> Path:
    files = dict(MINI)
    files["sources/report-2017.yml"] = files["sources/report-2017.yml"].replace(
        "https://example.org/report", "https://example.org/found")
    write_tree(tmp_path / "data", files)
    return tmp_path


def links(args: list[str], cwd: Path, api: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("CASEFILE_ARCHIVE_API")
    if api:
        env["CASEFILE_ARCHIVE_API"] = api
    # The source URLs are example.org's: --max-age-days with a fresh cache entry keeps the
    # link check itself off the network, so only the archive stub is asked.
    cache = cwd / "out" / "cache.json"
    cache.parent.mkdir(exist_ok=True)
    cache.write_text(json.dumps({"https://example.org/found": {
        "url": "https://example.org/found", "verdict": "ok", "detail": "HTTP 200",
        "checked_at": time.time(), "cached": False}}), encoding="utf-8")
    # the stub answers from this (perhaps busy) process: --timeout 30, not 1
    return subprocess.run([str(BIN / "casefile"), "links", "--external",
                           "--allow-internal-for-tests", "--timeout", "30", "--retries", "0",
                           "--report", "out/report.md", "--cache", str(cache), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


def test_cli_reports_a_copy_ready_to_paste(api: str, tmp_path: Path) -> None:
    result = links([], project(tmp_path), api)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "Asked the Internet Archive about 1 source URLs without an archive URL: 1 with a "
        "copy, 0 without, 0 unusable answers, 0 lookups failed. (advice only; never fails "
        "the run)")
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert ("| report-2017 | https://example.org/found | copy of 2024-01-15: `archive_url: "
            "https://web.archive.org/web/20240115093000/https://example.org/found` | "
            "https://web.archive.org/save/https://example.org/found |") in text
    assert Stub.asked == ["https://example.org/found"]


def test_cli_option_overrides_the_variable_and_can_be_turned_off(api: str,
                                                                 tmp_path: Path) -> None:
    dead = "http://127.0.0.1:9/available"
    result = links(["--archive-api", api], project(tmp_path), dead)
    assert result.returncode == 0 and Stub.asked == ["https://example.org/found"]
    off = links(["--no-archive"], tmp_path, api)
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert off.returncode == 0 and "Internet Archive" not in text + off.stdout
    assert Stub.asked == ["https://example.org/found"]


def test_cli_never_fails_on_a_failed_lookup(tmp_path: Path) -> None:
    result = links([], project(tmp_path), "http://127.0.0.1:9/available")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert re.search(r"\| report-2017 \| https://example.org/found \| lookup failed "
                     r"\(connection failed: [^|]+\); try again later \|", text), text


def test_the_editors_routine_is_documented_and_its_example_checks(tmp_path: Path) -> None:
    page = (REPO / "content" / "how-to-edit.md").read_text(encoding="utf-8")
    block = re.search(r"^## Keep an archived copy[^\n]*\n.*?^( *)```text\n(.*?)^\1```", page,
                      re.M | re.S)
    assert block, "how-to-edit.md has no archive_url example"
    lines = textwrap.dedent(block.group(2))
    assert "archive_url: https://web.archive.org/web/" in lines and "accessed:" in lines
    files = dict(MINI)
    files["sources/report-2017.yml"] = re.sub(r"url: .*\naccessed: .*\n", lambda _: lines,
                                              files["sources/report-2017.yml"])
    write_tree(tmp_path / "data", files)
    result = subprocess.run([str(BIN / "casefile"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_names_real_options() -> None:
    """Every `casefile links` option and variable the README's paragraph names exists."""
    from casefile.commands.cli import parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("`casefile links --external` checks"):]
    paragraph = paragraph[:paragraph.index("\n\n")]
    commands = next(a for a in parser()._actions if a.dest == "command")
    links = commands.choices["links"]  # type: ignore[index]
    known = {flag for action in links._actions for flag in action.option_strings}
    named = set(re.findall(r"(?<![\w-])(--[a-z-]+)", paragraph))
    assert named == {"--external", "--no-archive", "--archive-api"} and named <= known
    assert f"`{wayback.API_VARIABLE}`" in paragraph


def test_failure_words_are_inert_in_the_report() -> None:
    """A failure can quote a server's redirect address: it cannot break the table or add
    markup."""
    said = wayback.cell(Lookup("https://example.org/x", "failed",
                               "not asked: redirected to http://10.0.0.1/|<b>`x`\n[a](b)_*\\"))
    assert said == ("lookup failed (not asked: redirected to http://10.0.0.1/&#124;&#60;b&#62;"
                    "&#96;x&#96;?&#91;a&#93;(b)&#95;&#42;&#92;); try again later")


@pytest.mark.parametrize("archived, usable", [
    ("https://example.org/found", True), ("http://example.org/found", True),
    ("http://www.example.org/found/", True), ("https://EXAMPLE.org:443/found", True),
    ("https://other.example/fake", False), ("https://example.org/found/other", False),
    ("https://example.org/found?page=2", False), ("https://example.org:99x/found", False)])
def test_a_snapshot_must_be_of_the_address_asked_about(archived: str, usable: bool) -> None:
    got = read_answer("https://example.org/found", closest(
        available=True, url=f"http://web.archive.org/web/20240115093000/{archived}",
        timestamp="20240115093000"))
    if usable:
        assert got.found == "copy" and got.snapshot == (
            f"https://web.archive.org/web/20240115093000/{archived}")
    else:
        assert (got.found, got.detail) == ("unusable", "the snapshot is of another address")
