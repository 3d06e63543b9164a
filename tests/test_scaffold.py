"""casefile new: placeholders that check rejects, next free id, schema header, never
overwrites, nothing copied from other files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from casefile.outputs.jsonschema import header_for
from tests.conftest import POWYS_DATA, init_site
from tests.test_cli import run

KINDS = (["body"], ["person"], ["source"], ["theme"], ["case"], ["record", "--case", "case-001"])
# Fictional values for every placeholder, by the placeholder's text.
FILL = {
    "<kind of body>": "regulator", "<the body's full name>": "Example Inspectorate",
    "<the name as the sources give it>": "Alex Example",
    "<the post, as the sources give it>": "Chief Inspector",
    "<id of the body the post belongs to>": "body-001",
    "<the title exactly as written>": "Example report",
    "<id of the body that published it>": "body-001", "<kind of document>": "inspection_report",
    "<the date as the document gives it, YYYY, YYYY-MM or YYYY-MM-DD>": "2020-05",
    "<a short name shown to readers>": "Example theme",
    "<what findings under this theme are about>": "An example.",
    "<the case title shown to readers>": "Example case", "<id of the body under scrutiny>":
    "body-001", "<the service under scrutiny>": "Example service",
    "<id of the regulator>": "body-001", "<the law the oversight rests on>": "An example act",
    "<ISO 3166 code of where the case is, e.g. GB-ENG, IE or US-CA>": "GB-ENG",
    "<YYYY-MM-DD, the day you last checked the case against its sources>": "2021-01-01",
    "<a few sentences for readers>": "An example.", "<theme id from data/themes.yml>":
    "theme-001", "<source id from data/sources/>": "source-001", "<type of event>": "inspection",
    "<a short title for the timeline>": "Example inspection",
    "<when it happened, as YYYY, YYYY-MM or YYYY-MM-DD>": "2020-04",
    "<id of the responsible body>": "body-001", "<what happened, in plain words>": "An example.",
}


def make_all(root: Path) -> list[str]:
    made = []
    for args in KINDS:
        result = run(["new", *args], root)
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.strip())
    return made


def test_new_files_hold_placeholders_that_check_rejects(tmp_path: Path) -> None:
    root = init_site(tmp_path / "site")
    made = make_all(root)
    assert made == ["data/bodies/body-001.yml", "data/people/person-001.yml",
                    "data/sources/source-001.yml", "data/themes.yml",
                    "data/cases/case-001/case.yml", "data/cases/case-001/records/case-001-001.yml"]
    for rel, kind in zip(made, ("body", "person", "source", "themes", "case", "record"),
                         strict=True):
        assert (root / rel).read_text(encoding="utf-8").splitlines()[0] == header_for(kind, rel)
    check = run(["check"], root)
    assert check.returncode == 1
    lines = check.stderr.splitlines()
    assert lines[-1] == "casefile: 27 problems found; nothing was built."
    assert all(": placeholder not filled in: replace <" in line for line in lines[:-1])
    assert "data/cases/case-001/case.yml:4:10: subject: placeholder not filled in: replace " \
        "<id of the body under scrutiny> with the id of a body" in lines
    assert "data/cases/case-001/records/case-001-001.yml:5:7: date: placeholder not filled " \
        "in: replace <when it happened, as YYYY, YYYY-MM or YYYY-MM-DD> with a date (YYYY, " \
        "YYYY-MM or YYYY-MM-DD)" in lines
    assert "data/sources/source-001.yml:5:7: kind: placeholder not filled in: replace " \
        "<kind of document> with one of inspection_report, notice, letter, direction, " \
        "commissioner_report, minutes, government_statement, oral_statement, " \
        "council_press_release, council_report, news_article, other, report, statement, " \
        "press_release, official_report, written_answer, web_page or one of the site's own " \
        "in data/vocabulary.yml" in lines
    for rel in set(made):  # fill in every placeholder: the data set is then valid
        path = root / rel
        text = re.sub(r"<[^<>=\"\n]+>", lambda m: FILL[m.group(0)], path.read_text("utf-8"))
        path.write_text(text, encoding="utf-8")
    check = run(["check"], root)
    assert check.returncode == 0, check.stderr
    assert check.stdout == ("casefile: data OK: 1 case(s), 1 record(s), 1 source(s), "
                            "1 bodies.\n1 of 1 sources has no stored copy; no quotation rests "
                            "on it.\n")


def test_new_copies_nothing_from_the_data_set(tmp_path: Path) -> None:
    shutil.copytree(POWYS_DATA, tmp_path / "data")
    themes_before = (tmp_path / "data" / "themes.yml").read_text(encoding="utf-8")
    case = next(p.name for p in (tmp_path / "data" / "cases").iterdir())
    existing = {p.stem for p in (tmp_path / "data").rglob("*.yml")} | {case}
    for args in (["body"], ["person"], ["source"], ["case"], ["theme", "--id", "new-theme"],
                 ["record", "--case", case]):
        result = run(["new", *args], tmp_path)
        assert result.returncode == 0, result.stderr
        text = (tmp_path / result.stdout.strip()).read_text(encoding="utf-8")
        if args[0] == "theme":
            assert text.startswith(themes_before)
            text = text[len(themes_before):]
            assert text == ("  - id: new-theme\n    name: <a short name shown to readers>\n"
                            "    description: <what findings under this theme are about>\n")
        ids = set(re.findall(r"^[\w#\s-]*?\w+: ([a-z0-9-]+)\s*$", text, re.M))
        assert not ids & existing, args  # no other file's id (body, source, theme…)
        body = text.split("\n", 2)[-1]  # after the header and the id (a record's has the case's)
        assert not re.search(r"powys|wales|welsh|cssiw|\bciw\b", body, re.I), args


def test_new_never_overwrites(tmp_path: Path) -> None:
    root = init_site(tmp_path / "site")
    assert run(["new", "body", "--id", "some-body"], root).returncode == 0
    target = root / "data" / "bodies" / "some-body.yml"
    before = target.read_bytes()
    result = run(["new", "body", "--id", "some-body"], root)
    assert result.returncode == 1
    assert result.stderr == ("casefile new: 'some-body' is already used "
                             "(data/bodies/some-body.yml); nothing was written\n")
    assert target.read_bytes() == before
    assert run(["new", "theme", "--id", "some-theme"], root).returncode == 0
    themes = (root / "data" / "themes.yml").read_bytes()
    result = run(["new", "theme", "--id", "some-theme"], root)
    assert result.stderr == ("casefile new: 'some-theme' is already used (data/themes.yml); "
                             "nothing was written\n")
    assert (root / "data" / "themes.yml").read_bytes() == themes
    result = run(["new", "record", "--case", "no-such-case"], root)
    assert result.returncode == 1 and "give --case" in result.stderr


def test_new_with_an_absolute_or_outside_data_folder(tmp_path: Path) -> None:
    site = tmp_path / "site-project"
    (site / "data").mkdir(parents=True)
    (site / "data" / "themes.yml").write_text("themes: []\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = site / "data"
    result = run(["new", "body", "--data", str(data)], elsewhere)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, f"{data}/bodies/body-001.yml\n", "")
    assert (data / "bodies" / "body-001.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/body.schema.json\n")
    result = run(["new", "case", "--data", "../site-project/data"], elsewhere)
    assert (result.returncode, result.stdout) == (0, "../site-project/data/cases/case-001/"
                                                     "case.yml\n")
    assert (data / "cases" / "case-001" / "case.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../schema/case.schema.json\n")
    result = run(["new", "person", "--data", "."], data)
    assert (result.returncode, result.stdout) == (0, f"{data}/people/person-001.yml\n")
    assert (data / "people" / "person-001.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/person.schema.json\n")


def test_new_without_a_data_folder_says_why(tmp_path: Path) -> None:
    result = run(["new", "body", "--data", str(tmp_path / "missing")], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"casefile new: no data folder at {tmp_path / 'missing'}; give --data with the "
        "path of the site's data folder\n")
    assert not (tmp_path / "missing").exists()


def test_new_writes_only_into_a_data_folder(tmp_path: Path) -> None:
    """Found by an adversarial review: `--data /` wrote /sources/source-001.yml."""
    other = tmp_path / "not-data"
    other.mkdir()
    result = run(["new", "source", "--data", str(other)], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"casefile new: {other} is not a casefile data folder (it has no themes.yml); "
        "give --data with the site's data folder, or start a site with casefile init\n")
    assert list(other.iterdir()) == []


def test_new_files_show_the_newer_fields_as_commented_examples(tmp_path: Path) -> None:
    """Where an editor needs them: several subjects, partners and overseers in a case, a
    money kind, a record's oversight move, a source's mirror and second-hand marks and
    dates in words, a body's parent and variant names. Uncommented with real ids, the
    filled-in files still pass the check."""
    root = init_site(tmp_path / "site")
    make_all(root)
    text = {rel.split("/")[1]: (root / rel).read_text("utf-8") for rel in (
        "data/bodies/body-001.yml", "data/sources/source-001.yml",
        "data/cases/case-001/case.yml")}
    assert "\n# parent: body-id       # the body this one is part of, e.g. a government\n" \
        "# variant_names: [Other Spelling]  # other spellings seen in sources\n" in text["bodies"]
    assert "  # or in words (autumn 2022), or: no date shown\n" in text["sources"]
    assert text["sources"].endswith(
        "# original: source-id    # if this is a mirror or repost of another source\n"
        "# second_hand: true      # if it reports what another body said or found\n")
    assert "subject: <id of the body under scrutiny>  # or a list: [body-id, body-id]\n" \
        "# partners: [body-id]    # bodies answering the matter with the subject\n" \
        "# overseers: [body-id]   # a department, mayor or commissioner over it\n" in text["cases"]
    assert "#     kind: budget       # budget, overspend, savings_target, savings_achieved, " \
        "loan, repayment, grant, other\n" in text["cases"]
    record = (root / "data/cases/case-001/records/case-001-001.yml").read_text("utf-8")
    assert (
        "# oversight:             # a move to a level of an oversight framework\n"
        "#   - framework: framework-id   # see the methodology page\n"
        "#     level: level_value\n"
        "#     # effective: YYYY-MM-DD  # if it took effect on another day\n"
        "#     cite: [source-id]\n"
        "# next:                  # what happens next, where a source says so\n"
        "#   - text: …\n"
        "#     date: YYYY-MM      # expected by, as the source gives it; or leave out\n"
        "#     cite: [source-id]\n"
        "#     # reported_in: record-id  # a later record that reports what happened\n")
    assert "  # or in words: spring 2021\n" in record
    run(["new", "body", "--id", "body-002"], root)
    run(["new", "source", "--id", "source-002"], root)
    uncomment = {"body-001.yml": ("# parent: body-id", "parent: body-002"),
                 "body-001.yml ": ("# variant_names", "variant_names"),
                 "source-001.yml": ("# original: source-id", "original: source-002"),
                 "source-001.yml ": ("# second_hand", "second_hand"),
                 "case.yml": ("# partners: [body-id]", "partners: [body-002]")}
    for path in (root / "data").rglob("*.yml"):
        body = re.sub(r"<[^<>=\"\n]+>", lambda m: FILL[m.group(0)], path.read_text("utf-8"))
        for name, (old, new) in uncomment.items():
            if path.name == name.strip():
                body = body.replace(old, new, 1)
        body = body.replace("published: 2020-05  # or in words (autumn 2022), or: no date shown",
                            "published: autumn 2020")
        path.write_text(body, encoding="utf-8")
    check = run(["check"], root)
    assert (check.returncode, check.stderr) == (0, "")
    assert "parent: body-002" in (root / "data/bodies/body-001.yml").read_text("utf-8")
    assert "original: source-002" in (root / "data/sources/source-001.yml").read_text("utf-8")
    assert "published: autumn 2020" in (root / "data/sources/source-001.yml").read_text("utf-8")
