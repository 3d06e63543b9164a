"""Small helpers for reading built HTML in the tests: a page of a built site, any HTML file,
and the words of an element as a reader gets them (white space folded)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

__all__ = ["soup_file", "soup_of", "spaced_words", "words"]


def soup_file(path: Path) -> BeautifulSoup:
    """The parsed HTML file at ``path``."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup_of(site: Path, url: str = "") -> BeautifulSoup:
    """The page of the built ``site`` at ``url`` (a folder: "cases/x", "" for the home page)."""
    return soup_file(site / url / "index.html")


def words(tag: Tag) -> str:
    """``tag``'s text with every run of white space folded to one space."""
    return " ".join(tag.get_text().split())


def spaced_words(tag: Tag) -> str:
    """As ``words``, with a space between the texts of neighbouring elements too."""
    return " ".join(tag.get_text(" ").split())
