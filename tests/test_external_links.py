"""External link report against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from casefile.outputs.external import Checker, Target, check_all, report
from tests.conftest import MINI, write_tree
from tests.test_cli import run


class Held:
    """Requests in progress at once on a test server (``peak``). A held request waits until
    two have been in progress together (or 10 s), never guessing how soon a busy machine
    starts the next one, then ``seconds`` more, in which one more than allowed would be
    counted. ``gate`` holds, until the test ends, a request that must time out."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.active, self.peak = seconds, 0, 0
        self.changed = threading.Condition()
        self.gate = threading.Event()

    def hold(self) -> None:
        with self.changed:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.changed.notify_all()
            self.changed.wait_for(lambda: self.peak >= 2, timeout=10)
        time.sleep(self.seconds)
        # no longer counted before its response is sent: the client may start its next
        # request as soon as it has the response, which could otherwise overlap this
        with self.changed:
            self.active -= 1

    def never_answer(self) -> None:
        """Answer nothing until the test ends, however long the client waits."""
        self.gate.wait(60)


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    held = Held(0.3)
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        cls = type(self)
        with cls.lock:
            cls.hits[self.path] = cls.hits.get(self.path, 0) + 1
        self.respond()

    def respond(self) -> None:
        path = self.path
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        codes = {"/ok": 200, "/gone": 404, "/removed": 410, "/busy": 429, "/error": 500}
        if path == "/slow":
            self.held.never_answer()
            return
        if path.startswith("/hold"):
            self.held.hold()
            code = 200
        else:
            code = codes.get(path, 404)
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits, Handler.held = {}, Held(0.3)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        Handler.held.gate.set()
        httpd.shutdown()
        httpd.server_close()


def test_verdicts(server: str) -> None:
    """Every answer but /slow's is waited for (30 s); /slow never answers while the test
    runs, so it times out after 0.5 s however busy the machine is."""
    checker = Checker(timeout=30, retries=1, backoff=0.05, allow_internal=True)
    paths = ["/ok", "/moved", "/gone", "/removed", "/busy", "/error", "/slow"]
    results = checker.run([server + p for p in paths[:-1]])
    results |= Checker(timeout=0.5, retries=1, backoff=0.05, allow_internal=True).run(
        [server + "/slow"])
    got = {p: (results[server + p].verdict, results[server + p].detail) for p in paths}
    assert got == {
        "/ok": ("ok", "HTTP 200"),
        "/moved": ("ok", f"HTTP 200, redirected to {server}/ok"),
        "/gone": ("broken", "HTTP 404"),
        "/removed": ("broken", "HTTP 410"),
        "/busy": ("unknown", "HTTP 429 (2 attempts)"),
        "/error": ("unknown", "HTTP 500 (2 attempts)"),
        "/slow": ("unknown", "timed out after 0.5 s (2 attempts)"),
    }
    assert Handler.hits["/busy"] == 2 and Handler.hits["/gone"] == 1  # retried only if worth it


def test_per_host_limit(server: str) -> None:
    checker = Checker(timeout=5, retries=0, per_host=2, workers=8, allow_internal=True)
    checker.run([f"{server}/hold{i}" for i in range(8)])
    assert Handler.held.peak == 2


def test_cache_and_report(server: str, tmp_path: Path) -> None:
    found = [Target(f"{server}/gone", "star-report", "url", "https://web.archive.org/x"),
             Target(f"{server}/removed", "council-page", "url", None),
             Target(f"{server}/ok", "wg-statement", "url", None)]
    cache = tmp_path / "cache.json"
    checker = Checker(timeout=30, retries=0, allow_internal=True)
    first = check_all(found, checker, cache, max_age_days=7, now=1_000_000)
    assert sum(Handler.hits.values()) == 3 and not any(r.cached for r in first.values())
    second = check_all(found, checker, cache, max_age_days=7, now=time.time())
    assert sum(Handler.hits.values()) == 3 and all(r.cached for r in second.values())
    check_all(found, checker, cache, max_age_days=0)
    assert sum(Handler.hits.values()) == 6
    text = report(found, first, "2026-11-22")
    assert "Checked 3 URLs: 2 broken, 0 unknown, 1 OK (0 from the cache)." in text
    assert (f"| star-report | url | {server}/gone | HTTP 404 | Link readers to the archive: "
            "https://web.archive.org/x |") in text
    assert "No archive URL recorded: find one and add archive_url" in text


def test_cli_writes_a_report_and_never_fails_on_links(tmp_path: Path) -> None:
    files = dict(MINI)  # tests reach only 127.0.0.1: port 9 (discard) has no listener here
    files["sources/report-2017.yml"] = files["sources/report-2017.yml"].replace(
        "https://example.org/report", "https://127.0.0.1:9/report")
    write_tree(tmp_path / "data", files)
    result = run(["links", "--external", "--allow-internal-for-tests", "--timeout", "1",
                  "--retries", "0", "--report", "out/report.md", "--cache", "out/cache.json"],
                 tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert text.startswith("# External link report (")
    assert "| report-2017 | url | https://127.0.0.1:9/report | connection failed" in text
    assert (tmp_path / "out" / "cache.json").is_file()


INTERNAL = {  # every kind of address the checker must never request, and why
    "http://127.0.0.1:{port}/ok": "127.0.0.1 is a loopback address",
    "http://localhost:{port}/ok": "is a loopback address",  # ::1 or 127.0.0.1, by resolution
    "http://[::1]:{port}/ok": "::1 is a loopback address",
    "http://[::ffff:127.0.0.1]:{port}/ok": "127.0.0.1 is a loopback address",
    "http://169.254.169.254/latest/meta-data/": "169.254.169.254 is a link-local (cloud "
                                                "metadata) address",
    "http://10.1.2.3/": "10.1.2.3 is a private address",
    "http://192.168.0.1/": "192.168.0.1 is a private address",
    "http://[fd00:ec2::254]/": "fd00:ec2::254 is a private address",
    "http://100.100.100.200/": "100.100.100.200 is a non-public address",
    "http://0.0.0.0:{port}/ok": "0.0.0.0 is a private address",
    "http://2130706433:{port}/ok": "127.0.0.1 is a loopback address",  # 127.0.0.1 as a number
}


def test_internal_addresses_are_never_requested(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    checker = Checker(timeout=0.5, retries=2, backoff=0.01)
    for url, why in INTERNAL.items():
        verdict, detail, retry = checker.once(url.format(port=port))
        assert (verdict, retry) == ("unknown", False), url
        assert detail.startswith("not checked: ") and detail.endswith(
            f"{why}; casefile never requests internal addresses"), (url, detail)
    assert Handler.hits == {}


def test_a_redirect_to_an_internal_address_is_not_followed(server: str) -> None:
    from casefile.outputs.external import _RedirectHandler

    checker = Checker(timeout=30, retries=0, allow_internal=True)  # the first hop is let
    checker.opener = urllib.request.build_opener(_RedirectHandler())  # through; not the next
    verdict, detail, _ = checker.once(f"{server}/moved")
    assert (verdict, detail) == ("unknown", f"not checked: redirected to {server}/ok: "
                                 "127.0.0.1 is a loopback address; casefile never requests "
                                 "internal addresses")
    assert Handler.hits == {"/moved": 1}


def test_the_address_connected_to_is_checked_again() -> None:
    """A name that resolves to a public address when checked, and to 127.0.0.1 when
    connected (DNS rebinding), is stopped at the connection."""
    from casefile.outputs.external import InternalAddressError, _guarded_connection

    listener = socket.create_server(("127.0.0.1", 0))
    try:
        with pytest.raises(InternalAddressError) as caught:
            _guarded_connection(listener.getsockname(), 1)
        assert str(caught.value) == ("127.0.0.1 is a loopback address; casefile never "
                                     "requests internal addresses")
    finally:
        listener.close()


def test_cli_refuses_internal_addresses_without_the_test_option(tmp_path: Path) -> None:
    files = dict(MINI)
    files["sources/report-2017.yml"] = files["sources/report-2017.yml"].replace(
        "https://example.org/report", "https://127.0.0.1:9/report")
    write_tree(tmp_path / "data", files)
    result = run(["links", "--external", "--timeout", "1", "--retries", "0",
                  "--report", "out/report.md", "--cache", "out/cache.json"], tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert ("| report-2017 | url | https://127.0.0.1:9/report | not checked: 127.0.0.1 is a "
            "loopback address; casefile never requests internal addresses |  |") in text
