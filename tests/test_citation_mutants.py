"""The ready-to-paste citation in its pieces (casefile.model.citation.citation_parts),
exactly, in process: each piece with the class of the placeholder it is, so the page marks
only the reader's access date and, built without the site's address, the address's place;
the commit shortened to 12 characters. The in-process complement of
tests/test_browser_cite_address.py, which needs Chromium (and which mutation runs leave
out). Permalink names: tests/test_permalink_names.py."""

from __future__ import annotations

from casefile.model.citation import (
    ACCESSED,
    ACCESSED_CLASS,
    ADDRESS_CLASS,
    NO_ADDRESS,
    citation,
    citation_parts,
)


def test_without_an_address_its_place_is_a_placeholder_of_its_own_class() -> None:
    assert citation_parts("Example Records", "Town", None, "March 2018",
                          "1 January 2027") == [
        ("Example Records, “Town”, ", None),
        ("address: the page's address on this site", "cf-address"),
        (", records as of March 2018, built 1 January 2027, accessed ", None),
        ("[date you read it]", "cf-accessed"),
        (".", None)]
    assert (ADDRESS_CLASS, ACCESSED_CLASS, NO_ADDRESS, ACCESSED) == (
        "cf-address", "cf-accessed", "address: the page's address on this site",
        "[date you read it]")


def test_an_empty_address_is_not_known_either() -> None:
    assert citation("Example Records", "Town", "", "2018", "2 May 2026") == (
        "Example Records, “Town”, address: the page's address on this site, records as of "
        "2018, built 2 May 2026, accessed [date you read it].")


def test_a_known_address_and_the_commit_in_their_pieces() -> None:
    assert citation_parts("Example Records", "Town", "https://x.example/cases/t/", "2018",
                          "2 May 2026", "0123456789abcdef0123") == [
        ("Example Records, “Town”, ", None),
        ("https://x.example/cases/t/", None),
        (", records as of 2018, built 2 May 2026 (git commit 0123456789ab), accessed ", None),
        ("[date you read it]", "cf-accessed"),
        (".", None)]
