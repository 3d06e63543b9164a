"""The hardening of every built page, text for text: the exact policy, exactly one CSP tag
at the top of <head> (never in Material's <header>), and rel="noopener noreferrer" on each
link that leaves the site, in any letter case (#17: mutation testing found these unpinned)."""

from __future__ import annotations

import base64
import hashlib

import pytest

from casefile.outputs.harden import harden, policy, runs

# script-src lists the page's inline scripts by hash after 'self' (then a space, even
# when there are none: "'self' ;" is valid CSP)
# nothing default-src already says (fonts, fetches and workers fall back to it): #12 review
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'")


def sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def meta(hashes: str = "") -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes)}">'


def test_a_page_without_inline_scripts_gets_the_exact_policy() -> None:
    assert policy("<p>text</p><script src='/a.js'></script>") == POLICY.format(hashes="")


def test_inline_scripts_are_listed_once_each_in_sorted_order_in_any_case() -> None:
    html = "<script>b()</script><SCRIPT type='module'>a()</SCRIPT><script>b()</script>" \
           "<script defer src='x.js'>ignored()</script>"
    hashes = sorted([sha("a()"), sha("b()")])
    assert policy(html) == POLICY.format(hashes=" ".join(hashes))


def test_a_data_block_is_never_hashed_and_every_script_that_runs_is() -> None:
    """The theme's settings (type="application/json") are never run, so need no hash;
    a classic script, a module, an import map and a JavaScript type in any case and
    spacing are run, and are hashed."""
    html = ('<script id="__config" type="application/json">{"a": 1}</script>'
            "<script type='application/ld+json'>{}</script>"
            '<script type="text/javascript; charset=utf-8">skipped()</script>'
            '<script type="text/plain" type="module">first()</script>'
            '<script TYPE=" Text/JavaScript ">c()</script><script type=module>m()</script>'
            '<script type="importmap">{"imports": {}}</script><script type>e()</script>'
            '<script data-type="application/json">d()</script>'
            """<script class="a type=x">f()</script>""")
    ran = ["c()", "m()", '{"imports": {}}', "e()", "d()", "f()"]
    assert policy(html) == POLICY.format(hashes=" ".join(sorted(map(sha, ran))))


@pytest.mark.parametrize(("attributes", "run"), [
    ("", True), (' type=""', True), (" type", True), (' id="x"', True),
    (' type="module"', True), (" type='MODULE'", True), (' type="importmap"', True),
    (' type="speculationrules"', True), (" type=text/javascript", True),
    (' type = "application/javascript"', True), (' type="text/javascript1.5"', True),
    (' type="\ttext/ecmascript\n"', True), (' type="application/x-javascript"', True),
    (' type="application/json"', False), (' type="text/template"', False),
    (' type="text/javascript;charset=utf-8"', False), (' type="x" type="module"', False),
    (' type="module" type="x"', True), (' data-type="x"', True), (' title="type=x"', True),
])
def test_which_scripts_run(attributes: str, run: bool) -> None:
    assert runs(attributes) is run


# the HTML standard's JavaScript MIME type essences: a script of any of them is run
JAVASCRIPT = ["application/ecmascript", "application/javascript", "application/x-ecmascript",
              "application/x-javascript", "text/ecmascript", "text/javascript",
              "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
              "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript",
              "text/livescript", "text/x-ecmascript", "text/x-javascript"]


@pytest.mark.parametrize("kind", JAVASCRIPT)
def test_every_javascript_type_runs_in_any_case_with_spaces_around(kind: str) -> None:
    assert runs(f' type="{kind}"') and runs(f' type="\f{kind.upper()}\r "')
    assert not runs(f' type="X{kind}X"')  # nothing else around it
    assert not runs(f' type="{kind}x"') and not runs(f' type="{kind[:-1]}"')


def test_exactly_one_csp_tag_first_in_head_even_with_a_header_in_the_body() -> None:
    html = '<html><HEAD lang="en"><title>t</title></HEAD><body><header>h</header></body>'
    assert harden(html) == ('<html><HEAD lang="en">' + meta() + "<title>t</title></HEAD>"
                            "<body><header>h</header></body>")


@pytest.mark.parametrize(("link", "hardened"), [
    ('<a href="https://x.org/a">', '<a href="https://x.org/a" rel="noopener noreferrer">'),
    ('<A HREF="HTTP://X.ORG">', '<A HREF="HTTP://X.ORG" rel="noopener noreferrer">'),
    ('<a class="c" href="//x.org" title="t">',
     '<a class="c" href="//x.org" title="t" rel="noopener noreferrer">'),
    ('<a rel="noopener" href="https://x.org">',
     '<a rel="noopener noreferrer" href="https://x.org">'),
    ('<a rel="me  external" href="https://x.org">',
     '<a rel="me external noopener noreferrer" href="https://x.org">'),
    ('<a REL="me" href="https://x.org">', '<a REL="me noopener noreferrer" href="https://x.org">'),
    ("<a rel='me' href=\"https://x.org\">",
     "<a rel='me noopener noreferrer' href=\"https://x.org\">"),
    ('<a rel="me" rel="x" href="https://x.org">',  # browsers read the first rel only
     '<a rel="me noopener noreferrer" rel="x" href="https://x.org">'),
    ('<a data-rel="x" href="https://x.org">',
     '<a data-rel="x" href="https://x.org" rel="noopener noreferrer">'),
    ('<a href="/cases/town/">', '<a href="/cases/town/">'),
    ('<a href="mailto:x@example.org">', '<a href="mailto:x@example.org">'),
    ('<abbr title="https://x.org">', '<abbr title="https://x.org">'),
])
def test_each_link_that_leaves_the_site_gets_noopener(link: str, hardened: str) -> None:
    assert harden(f"<head></head><p>{link}x</a></p>") == \
        f"<head>{meta()}</head><p>{hardened}x</a></p>"
