"""Hardening of built HTML for static hosting, where no HTTP headers can be set:

- a Content-Security-Policy meta tag: everything from the site itself, nothing else, and
  inline scripts only where their exact SHA-256 hash is listed (the theme's own);
- ``rel="noopener noreferrer"`` on every link that leaves the site.

The policy names only what ``default-src 'self'`` does not already say: fonts, fetches
and workers fall back to it (workers through ``script-src``, whose hashes do not apply
to them), so they are not repeated. ``style-src`` allows inline styles (the theme's, and
the findings tables' column headings), ``img-src`` data: addresses (the theme's icons);
objects are refused, and ``base-uri`` and ``form-action``, which fall back to nothing,
are the site's own. A ``<script>`` the browser never runs (a data block, such as the
theme's ``type="application/json"`` settings) needs no hash and gets none.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
# one attribute of a start tag: its name, then its value, quoted or not, if it has one
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
# the type values of a <script> the browser runs (HTML: a JavaScript MIME type essence,
# a module, an import map, speculation rules); any other is a data block
_RUN = frozenset({"", "module", "importmap", "speculationrules", "application/ecmascript",
                  "application/javascript", "application/x-ecmascript",
                  "application/x-javascript", "text/ecmascript", "text/javascript",
                  "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
                  "text/javascript1.3", "text/javascript1.4", "text/javascript1.5",
                  "text/jscript", "text/livescript", "text/x-ecmascript",
                  "text/x-javascript"})
_EXTERNAL_A = re.compile(r'<a\b([^>]*?)\bhref="(https?:)?//[^"]*"([^>]*)>', re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'")


def runs(attributes: str) -> bool:
    """Whether a <script> of these attributes (its start tag's, after "script") is run:
    one with no type, or a type of ``_RUN`` (any letter case, spaces around it); a type
    given twice counts once, the first, as browsers read it."""
    for found in _ATTRIBUTE.finditer(attributes):
        if found[1].lower() == "type":
            value = next((v for v in found.groups()[1:] if v is not None), "")
            return value.strip(" \t\n\f\r").lower() in _RUN
    return True


def policy(html: str) -> str:
    """The CSP for this page: the inline scripts it runs, by hash, and nothing from
    elsewhere."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8"))
                                                    .digest()).decode() + "'"
                     for attributes, body in _INLINE_SCRIPT.findall(html) if runs(attributes)})
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
