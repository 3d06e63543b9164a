"""Hardening of built HTML for static hosting, where no HTTP headers can be set:

- a Content-Security-Policy meta tag: everything from the site itself, nothing else, and
  inline scripts only where their exact SHA-256 hash is listed (the theme's own);
- ``rel="noopener noreferrer"`` on every link that leaves the site.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_EXTERNAL_A = re.compile(r'<a\b([^>]*?)\bhref="(https?:)?//[^"]*"([^>]*)>', re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


def policy(html: str) -> str:
    """The CSP for this page: its own inline scripts, by hash, and nothing from elsewhere."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8"))
                                                    .digest()).decode() + "'"
                     for body in _INLINE_SCRIPT.findall(html)})
    return POLICY.format(hashes=" ".join(hashes))


_REL = r"(?<![\w-])rel="  # the rel attribute, not data-rel
_QUOTED_REL = re.compile(rf"""({_REL})(["'])(.*?)\2""", re.I | re.S)


def _rel(match: re.Match[str]) -> str:
    tag = match.group(0)
    if re.search(_REL, tag, re.I):  # REL="me" and rel='me' as well as rel="me"
        return _QUOTED_REL.sub(lambda m: m[1] + m[2] + " ".join(dict.fromkeys(
            [*m[3].split(), "noopener", "noreferrer"])) + m[2], tag, count=1)
    return tag[:-1] + ' rel="noopener noreferrer">'


def harden(html: str) -> str:
    """Add the CSP meta tag at the top of <head> and rel=noopener to external links."""
    html = _EXTERNAL_A.sub(_rel, html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
