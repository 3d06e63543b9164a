"""Internet Archive copies: for each source URL without an ``archive_url``, ask the Wayback
Machine's availability API whether it holds a snapshot, and say how to save one.

- one request per distinct URL, no retries, through the external checker's guarded opener
  (so its timeout, per-host limit, worker count and internal-address refusal apply);
- the API's answer is untrusted: a snapshot is shown only if its URL is
  ``http(s)://web.archive.org/web/<14-digit timestamp>/…`` in plain URL characters and its
  timestamp is a real date; anything else is an "unusable answer";
- it is advice: a missing copy, an unusable answer or a failed lookup never fails the run.

The API's shape (https://archive.org/help/wayback_api.php): ``{"archived_snapshots":
{"closest": {"available": true, "url": "http://web.archive.org/web/20130919044612/…",
"timestamp": "20130919044612", "status": "200"}}}``, or ``{"archived_snapshots": {}}``.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote

from casefile.outputs.external import Checker, InternalAddressError, Target, host_reason

DEFAULT_API = "https://archive.org/wayback/available"
API_VARIABLE = "CASEFILE_ARCHIVE_API"
SAVE_PREFIX = "https://web.archive.org/save/"
MAX_ANSWER = 64 * 1024  # bytes read from the API: its answers are a few hundred
SNAPSHOT = re.compile(r"https?://web\.archive\.org/web/(\d{14})(?:[a-z]{2}_)?/"
                      r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]{1,2000}")


@dataclass(frozen=True)
class Lookup:
    url: str
    found: str  # "copy", "none", "unusable" or "failed"
    detail: str  # the failure or the reason the answer is unusable
    snapshot: str | None = None  # https://web.archive.org/web/…, ready for archive_url
    date: str | None = None  # the snapshot's day, YYYY-MM-DD


def api_base(option: str | None) -> str:
    """The availability API: the option, else $CASEFILE_ARCHIVE_API, else archive.org's."""
    return option or os.environ.get(API_VARIABLE) or DEFAULT_API


def wanted(found: list[Target]) -> list[Target]:
    """Source URLs with no archive URL recorded: the ones worth a lookup."""
    return [t for t in found if t.role == "url" and not t.archive_url]


def save_link(url: str) -> str:
    return SAVE_PREFIX + url


def snapshot_day(stamp: str) -> str | None:
    try:
        return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").date().isoformat()
    except ValueError:
        return None


def read_answer(url: str, body: bytes) -> Lookup:
    """What an availability answer says about ``url``; never trusts its values."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # nesting deeper than Python's
        return Lookup(url, "unusable", "the answer is not JSON")  # stack is not JSON to us
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    if not isinstance(snapshots, dict):
        return Lookup(url, "unusable", "the answer has no archived_snapshots")
    closest = snapshots.get("closest")
    if closest is None or (isinstance(closest, dict) and closest.get("available") is False):
        return Lookup(url, "none", "")
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return Lookup(url, "unusable", "the answer's closest snapshot is not marked available")
    return _snapshot(url, closest)


def _snapshot(url: str, closest: dict[str, object]) -> Lookup:
    link, stamp = closest.get("url"), closest.get("timestamp")
    match = SNAPSHOT.fullmatch(link) if isinstance(link, str) else None
    if match is None:
        return Lookup(url, "unusable", "the snapshot URL is not a web.archive.org/web/ address")
    day = snapshot_day(match.group(1))
    if day is None or stamp != match.group(1):
        return Lookup(url, "unusable", "the snapshot's timestamp is not a real date or does "
                      "not match its URL")
    archived = link.split("/", 5)[5] if link.count("/") >= 5 else ""
    if _address(archived) != _address(url):
        return Lookup(url, "unusable", "the snapshot is of another address")
    status = closest.get("status")
    note = "" if status in (None, "200") else (
        f"the archive recorded HTTP {status}"
        if isinstance(status, str) and re.fullmatch(r"[1-5][0-9][0-9]", status)
        else "the archive recorded an unreadable status")
    return Lookup(url, "copy", note, "https://" + link.split("://", 1)[1], day)


def _address(url: str) -> str:
    """An address as the archive matches it: no scheme, host in lower case without "www."
    or a default port, no "/" at the end of the path, no fragment."""
    try:
        parts = urllib.parse.urlsplit(url if "://" in url else "http://" + url)
        number = parts.port
    except ValueError:  # a port that is not a number: no address to match
        return "\0" + url
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{number}" if number not in (None, 80, 443) else ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{parts.path.rstrip('/')}{query}"


def _failure(exc: Exception, timeout: float) -> str:
    """Why a request to the API failed, in words."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"the archive answered HTTP {exc.code}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, InternalAddressError):
        return f"not asked: {reason}"
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"timed out after {timeout:g} s"
    return f"connection failed: {reason or type(reason).__name__}"


def lookup(url: str, checker: Checker, base: str) -> Lookup:
    """One request to the availability API about ``url``."""
    query = f"{base}{'&' if '?' in base else '?'}url={quote(url, safe='')}"
    refused = None if checker.allow_internal else host_reason(query)
    if refused:
        return Lookup(url, "failed", f"not asked: {refused}")
    request = urllib.request.Request(query, headers={"User-Agent": "casefile-linkcheck/1",
                                                     "Accept": "application/json"})
    try:
        with checker.host_lock(query), checker.opener.open(request,
                                                           timeout=checker.timeout) as r:
            body = r.read(MAX_ANSWER + 1)
    except (OSError, http.client.HTTPException) as exc:
        return Lookup(url, "failed", _failure(exc, checker.timeout))
    if len(body) > MAX_ANSWER:
        return Lookup(url, "unusable", f"the answer is larger than {MAX_ANSWER // 1024} KiB")
    return read_answer(url, body)


def look_up_all(found: list[Target], checker: Checker, base: str) -> dict[str, Lookup]:
    """One lookup per distinct URL among ``wanted(found)``, in the checker's worker pool."""
    unique = sorted({t.url for t in wanted(found)})
    if not unique:
        return {}
    with ThreadPoolExecutor(max_workers=checker.workers) as pool:
        answers = pool.map(lambda u: lookup(u, checker, base), unique)
        return dict(zip(unique, answers, strict=True))


def summary(found: list[Target], lookups: dict[str, Lookup]) -> str:
    rows = wanted(found)
    count = {k: sum(1 for t in rows if lookups[t.url].found == k)
             for k in ("copy", "none", "unusable", "failed")}
    return (f"Asked the Internet Archive about {len(rows)} source URLs without an archive "
            f"URL: {count['copy']} with a copy, {count['none']} without, "
            f"{count['unusable']} unusable answers, {count['failed']} lookups failed.")


def plain(text: str) -> str:
    """``text`` safe in a Markdown table cell: a failure's words can quote what a server
    sent (a redirect's address), so no markup, control characters or cell breaks."""
    text = re.sub(r"[^\x20-\x7e]", "?", text)
    return re.sub(r"[|<>`\\\[\]*_]", lambda m: f"&#{ord(m.group())};", text)


def cell(result: Lookup) -> str:
    """What the report says about one lookup."""
    if result.found == "copy":
        note = f"; {plain(result.detail)}: open it and check it shows the document" \
            if result.detail else ""
        return f"copy of {result.date}{note}: `archive_url: {result.snapshot}`"
    if result.found == "none":
        return "no copy in the Internet Archive"
    if result.found == "unusable":
        return f"unusable answer ({plain(result.detail)}); try again later"
    return f"lookup failed ({plain(result.detail)}); try again later"


def section(found: list[Target], lookups: dict[str, Lookup]) -> list[str]:
    """The report's section on Internet Archive copies (advice only)."""
    rows = wanted(found)
    lines = ["## Internet Archive copies", "",
             "Advice only: nothing in this section fails the run.", ""]
    if not rows:
        return [*lines, "Every source with a URL has an archive URL recorded.", ""]
    lines += [summary(found, lookups), "",
              "Before pasting an `archive_url:`, open the snapshot and check it shows the "
              "document you quote (not an error page or a cookie banner).", "",
              "| Source | URL | Internet Archive | Save a copy now |", "|---|---|---|---|"]
    lines += [f"| {t.source_id} | {t.url} | {cell(lookups[t.url])} | {save_link(t.url)} |"
              for t in rows]
    return [*lines, ""]
