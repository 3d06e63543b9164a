"""Small helpers for reading built HTML in the tests: a page of a built site, any HTML file,
and the words of an element as a reader gets them (white space folded)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

__all__ = ["accessible_name", "soup_file", "soup_of", "spaced_words", "words"]


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


def accessible_name(link: Tag, soup: BeautifulSoup) -> str:
    """The name a screen reader gives ``link``, as the accessible-name rules compute it for
    the markup casefile writes: the words of the elements its aria-labelledby names, in
    order, hidden ones too, each element's texts spaced apart (a ``<br>`` reads as a
    space), each of which must be on the page; else its aria-label; else its text
    (visually hidden text included)."""
    if link.get("aria-labelledby"):
        found = [soup.find(id=i) for i in str(link["aria-labelledby"]).split()]
        assert None not in found, f"{link} is labelled by an id the page does not have"
        return " ".join(spaced_words(f) for f in found)  # type: ignore[arg-type]
    if link.get("aria-label"):
        return str(link["aria-label"])
    return words(link)
