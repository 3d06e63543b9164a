"""External link report: every source URL and archive URL, checked politely.

- a cache (JSON) so a URL is not re-checked within ``max_age_days``;
- at most ``per_host`` requests at a time to any one host;
- retries with exponential backoff, and a timeout per request;
- 404 and 410 (and unknown hosts) are "broken"; 429, 5xx, 403 and timeouts are "unknown",
  because they say more about the moment than about the link;
- a broken URL's report line points to the source's archive URL.
- internal addresses are never requested: a URL whose host is, or resolves to, a loopback,
  private, link-local (cloud metadata), multicast or otherwise non-public address is "not
  checked", and so is a redirect to one; the address actually connected to is checked
  again, so a name that resolves differently the second time gains nothing. Only the
  test-only ``allow_internal`` lets the checker reach its own machine.
It reports; it never fails a pull request.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from casefile.model.objects import Dataset

BROKEN_CODES = (404, 410)


@dataclass
class Target:
    url: str
    source_id: str
    role: str  # "url" or "archive_url"
    archive_url: str | None


@dataclass
class Result:
    url: str
    verdict: str  # ok, broken or unknown
    detail: str
    checked_at: float
    cached: bool = False


class InternalAddressError(OSError):
    """A request that would reach an internal address; the message says which."""


def internal_reason(address: str) -> str | None:
    """Why an IP address must not be requested, or None for a public one."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    kinds = (("loopback", ip.is_loopback), ("link-local (cloud metadata)", ip.is_link_local),
             ("private", ip.is_private), ("multicast", ip.is_multicast),
             ("non-public", not ip.is_global))
    kind = next((name for name, hit in kinds if hit), None)
    return f"{ip} is a {kind} address; casefile never requests internal addresses" \
        if kind else None


def host_reason(url: str) -> str | None:
    """Why ``url``'s host must not be requested (checked on every address it resolves to)."""
    parts = urlsplit(url)
    if not parts.hostname:
        return None
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None  # unknown hosts are reported by the request itself
    reasons = [internal_reason(str(info[4][0])) for info in found]
    return next((r for r in reasons if r), None)


def _guarded_connection(address: tuple[str, int], *args: object,
                        **kwargs: object) -> socket.socket:
    sock = socket.create_connection(address, *args, **kwargs)  # type: ignore[arg-type]
    reason = internal_reason(str(sock.getpeername()[0]))
    if reason:
        sock.close()
        raise InternalAddressError(reason)
    return sock


class _GuardedHTTP(http.client.HTTPConnection):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._create_connection = _guarded_connection


class _GuardedHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._create_connection = _guarded_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_GuardedHTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_GuardedHTTPS, req, context=self._context)  # type: ignore[attr-defined]


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                         headers: object, newurl: str) -> urllib.request.Request | None:
        reason = host_reason(newurl)
        if reason:
            raise urllib.error.URLError(InternalAddressError(f"redirected to {newurl}: {reason}"))
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore


def opener(allow_internal: bool) -> urllib.request.OpenerDirector:
    """Requests that never reach an internal address (unless ``allow_internal``, for tests).
    Behind a proxy the proxy connects; the URL's and redirects' hosts are still checked."""
    if allow_internal:
        return urllib.request.build_opener()
    guards: list[urllib.request.BaseHandler] = [_RedirectHandler()]
    if not urllib.request.getproxies():
        guards += [_HTTPHandler(), _HTTPSHandler()]
    return urllib.request.build_opener(*guards)


def targets(dataset: Dataset) -> list[Target]:
    found = []
    for source in dataset.sources.values():
        if source.url:
            found.append(Target(source.url, source.id, "url", source.archive_url))
        if source.archive_url:
            found.append(Target(source.archive_url, source.id, "archive_url", None))
    return found


class Checker:
    def __init__(self, timeout: float = 10, retries: int = 2, backoff: float = 1.0,
                 per_host: int = 2, workers: int = 8, allow_internal: bool = False) -> None:
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.allow_internal = allow_internal
        self.opener = opener(allow_internal)
        self.workers = workers
        self.locks: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(per_host))
        self.guard = threading.Lock()

    def host_lock(self, url: str) -> threading.Semaphore:
        with self.guard:
            return self.locks[urlsplit(url).netloc]

    def once(self, url: str) -> tuple[str, str, bool]:
        """(verdict, detail, worth retrying) for one request."""
        refused = None if self.allow_internal else host_reason(url)
        if refused:
            return "unknown", f"not checked: {refused}", False
        request = urllib.request.Request(url, headers={"User-Agent": "casefile-linkcheck/1"})
        try:
            with self.host_lock(url), self.opener.open(request, timeout=self.timeout) as r:
                final = r.geturl()
                moved = f", redirected to {final}" if final != url else ""
                return "ok", f"HTTP {r.status}{moved}", False
        except urllib.error.HTTPError as exc:
            if exc.code in BROKEN_CODES:
                return "broken", f"HTTP {exc.code}", False
            retry = exc.code == 429 or exc.code >= 500
            return "unknown", f"HTTP {exc.code}", retry
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, InternalAddressError):
                return "unknown", f"not checked: {reason}", False
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return "unknown", f"timed out after {self.timeout:g} s", True
            if "Name or service not known" in str(reason) or "nodename" in str(reason):
                return "broken", "host not found", False
            return "unknown", f"connection failed: {reason}", True
        except TimeoutError:
            return "unknown", f"timed out after {self.timeout:g} s", True

    def check(self, url: str) -> Result:
        verdict, detail = "unknown", ""
        for attempt in range(self.retries + 1):
            verdict, detail, retry = self.once(url)
            if not retry or attempt == self.retries:
                break
            time.sleep(self.backoff * 2**attempt)
        if verdict == "unknown" and self.retries:
            detail += f" ({self.retries + 1} attempts)"
        return Result(url, verdict, detail, time.time())

    def run(self, urls: list[str]) -> dict[str, Result]:
        unique = sorted(set(urls))
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return dict(zip(unique, pool.map(self.check, unique), strict=True))


def check_all(found: list[Target], checker: Checker, cache_file: Path | None,
              max_age_days: float, now: float | None = None) -> dict[str, Result]:
    now = time.time() if now is None else now
    cache: dict[str, Result] = {}
    if cache_file and cache_file.is_file():
        raw = json.loads(cache_file.read_text(encoding="utf-8"))
        cache = {url: Result(**entry) for url, entry in raw.items()}
    fresh = {u: r for u, r in cache.items() if now - r.checked_at < max_age_days * 86400}
    todo = [t.url for t in found if t.url not in fresh]
    results = {u: Result(r.url, r.verdict, r.detail, r.checked_at, True) for u, r in fresh.items()}
    results.update(checker.run(todo))
    if cache_file:
        cache.update({u: r for u, r in results.items() if not r.cached})
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        stored = {u: {**asdict(r), "cached": False} for u, r in sorted(cache.items())}
        cache_file.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")
    return results


def report(found: list[Target], results: dict[str, Result], when: str,
           archive: list[str] | None = None) -> str:
    """The Markdown report; ``archive`` is the Internet Archive section, if looked up."""
    lines = [f"# External link report ({when})", ""]
    if not found:
        return "\n".join([*lines, "No source has a URL or archive URL recorded.", ""])
    counts = {v: sum(1 for t in found if results[t.url].verdict == v)
              for v in ("broken", "unknown", "ok")}
    lines += [f"Checked {len(found)} URLs: {counts['broken']} broken, {counts['unknown']} "
              f"unknown, {counts['ok']} OK ({sum(1 for t in found if results[t.url].cached)} "
              "from the cache).", ""]
    for verdict, heading in (("broken", "Broken"), ("unknown", "Unknown (try again later)"),
                             ("ok", "OK")):
        rows = [t for t in found if results[t.url].verdict == verdict]
        if not rows:
            continue
        lines += [f"## {heading}", "", "| Source | Field | URL | Result | What to do |",
                  "|---|---|---|---|---|"]
        for t in rows:
            advice = ""
            if verdict == "broken":
                advice = (f"Link readers to the archive: {t.archive_url}" if t.archive_url
                          else "No archive URL recorded: find one and add archive_url"
                          + ("; see Internet Archive copies, below" if archive else ""))
            lines.append(f"| {t.source_id} | {t.role} | {t.url} | {results[t.url].detail} | "
                         f"{advice} |")
        lines.append("")
    return "\n".join([*lines, *(archive or [])])
