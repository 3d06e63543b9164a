"""casefile: publish public accountability case records as a static website.

The core (every module here except ``plugin``) never imports MkDocs. The pipeline is
load → validate → model → render → export; see ``casefile.pipeline``.
"""

__version__ = "0.1.0"
