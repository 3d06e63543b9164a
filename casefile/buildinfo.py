"""What a build knows about itself: its date and git commit, found without the wall clock.

The date is SOURCE_DATE_EPOCH when set, else the date of the checked-out git commit, else
the day of the build; so two builds of the same commit say the same thing. Never a date taken
from the data: adding a case must not change the pages of another.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildInfo:
    date: dt.date
    date_basis: str
    commit: str | None
    site_url: str | None = None  # mkdocs.yml's site_url (SITE_URL when the workflow sets it)
    review_max_age_days: int = 365
    site_name: str = "casefile"

    def page_url(self, path: str) -> str:
        """The full address of the page at ``path`` (site-relative, e.g. ``cases/x/``)
        when the site's address is known, else its path from the root of the host."""
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else f"/{path}"


def build_day() -> dt.date:
    """The last day a record may be dated: SOURCE_DATE_EPOCH when set (tests and
    reproducible builds set it), else today. Not the git commit's date: a record of this
    week's event must pass before it is committed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and epoch != _pinned.get("epoch"):
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


_pinned: dict[str, str] = {}  # the SOURCE_DATE_EPOCH pin_source_date set, not the user


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                             timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def pin_source_date(root: Path) -> None:
    """Set SOURCE_DATE_EPOCH from the git commit when it is not set, so that the dates
    MkDocs writes (sitemap) come from the commit, never from the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return
    committed = _git(root, "log", "-1", "--format=%ct")
    if committed and committed.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = _pinned["epoch"] = committed


def detect(root: Path, site_url: str | None = None, review_max_age_days: int = 365,
           site_name: str = "casefile") -> BuildInfo:
    commit = _git(root, "rev-parse", "HEAD")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    rest = (commit, site_url.rstrip("/") + "/" if site_url else None, review_max_age_days,
            site_name)
    if epoch.isdigit():
        day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        return BuildInfo(day, "SOURCE_DATE_EPOCH", *rest)
    committed = _git(root, "log", "-1", "--format=%cs")
    if committed:
        return BuildInfo(dt.date.fromisoformat(committed), "the date of the git commit", *rest)
    return BuildInfo(dt.date.today(), "the day of the build", *rest)
