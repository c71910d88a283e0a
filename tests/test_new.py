"""`briefing new "Title"`: a scaffold that explains itself and that `briefing check` flags until it is filled."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.ingest.scaffold import ScaffoldError, today
from build_tools.parse.yaml_lines import split_front_matter

TITLE = "VPN licensing: what changed in 2025"
SLUG = "vpn-licensing-what-changed-in-2025"
REL = f"briefings/{SLUG}.md"
EPOCH = "1763769600"  # 2025-11-22T00:00:00Z


def run(*args: str, env: dict | None = None):
    return CliRunner(env=env).invoke(main, list(args))


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def test_new_writes_a_scaffold_with_today_from_source_date_epoch(project: Path) -> None:
    result = run("new", TITLE, "--root", str(project), env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{REL}: written.")
    text = (project / REL).read_text("utf-8")
    meta = split_front_matter(text).meta.data
    assert meta == {"title": TITLE, "date": "2025-11-22", "summary": "", "why_it_matters": "", "topics": [],
                    "sources": [], "key_points": [], "entities": []}
    for explained in ("# claims:", "#   - claimant:", "# events:", "#     status: in-force", "# updated:", "# verified:",
                      "Known topics: ai-policy,", "[@source-id:3]", "[@source-id:3-4]", "[@a:2; @b:7]"):
        assert explained in text, explained


def test_check_flags_exactly_what_is_left_to_fill_in(project: Path) -> None:
    assert run("new", TITLE, "--root", str(project), env={"SOURCE_DATE_EPOCH": EPOCH}).exit_code == 0
    text = (project / REL).read_text("utf-8")
    result = run("check", "--root", str(project))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{REL}:{line_of(text, 'summary:')}: 'summary' is empty; fill it in",
        f"{REL}:{line_of(text, 'why_it_matters:')}: 'why_it_matters' is empty; fill it in or remove the line",
        f"{REL}:{line_of(text, 'topics:')}: 'topics' is empty; list at least one",
        f"{REL}:{line_of(text, 'sources:')}: 'sources' is empty; list at least one",
        f"{REL}:{line_of(text, 'key_points:')}: 'key_points' is empty; list at least one",
        f"{REL}:{line_of(text, 'Replace this paragraph')}: this paragraph cites no source; add a citation such as "
        "[@source-id:3] at its end",
        "6 problems found; fix them and run again.",
    ]


def test_filled_in_scaffold_passes(project: Path) -> None:
    assert run("new", TITLE, "--root", str(project), env={"SOURCE_DATE_EPOCH": EPOCH}).exit_code == 0
    path = project / REL
    text = path.read_text("utf-8")
    text = (text.replace('summary: ""', "summary: PTA began licensing VPN providers in November 2025.")
                .replace('why_it_matters: ""\n', "")
                .replace("topics: []", "topics: [vpn-regulation]")
                .replace("sources: []", "sources: [arabnews-vpn-licensing]")
                .replace("key_points: []", "key_points:\n  - PTA began licensing VPN providers.")
                .replace("Replace this paragraph with the first part of the story, and end it with its citation "
                         "(see the comment above).",
                         "The regulator began licensing VPN providers [@arabnews-vpn-licensing:1]."))
    path.write_text(text, "utf-8")
    result = run("check", "--root", str(project))
    assert result.exit_code == 0, result.output
    out = project.parent / "out"
    assert run("generate", "--root", str(project), "--out", str(out)).exit_code == 0
    page = (out / "briefings" / f"{SLUG}.md").read_text("utf-8")
    assert "Delete this comment" not in page and "&lt;!--" not in page, "the scaffold's note is never shown"
    assert "The regulator began licensing VPN providers" in page


def test_a_comment_left_open_is_reported_on_its_line(project: Path) -> None:
    assert run("new", TITLE, "--root", str(project), env={"SOURCE_DATE_EPOCH": EPOCH}).exit_code == 0
    path = project / REL
    text = path.read_text("utf-8").replace("Delete this comment when you are done. -->", "Delete this comment.")
    path.write_text(text, "utf-8")
    result = run("check", "--root", str(project))
    assert f"{REL}:{line_of(text, '<!-- Write the body')}: this comment ('<!--') is never closed; end it with '-->' " \
           "or delete it" in result.stdout.splitlines()


def test_new_never_overwrites(project: Path) -> None:
    (project / REL).write_text("my draft\n", "utf-8")
    result = run("new", TITLE, "--root", str(project))
    assert result.exit_code == 1
    assert result.stderr == f"{REL}: already exists; choose another title or pass --id\n"
    assert (project / REL).read_text("utf-8") == "my draft\n"


def test_new_with_id_and_bad_titles(project: Path) -> None:
    assert run("new", TITLE, "--id", "vpn-2025", "--root", str(project)).exit_code == 0
    assert (project / "briefings/vpn-2025.md").is_file()
    result = run("new", "پاکستان", "--root", str(project))
    assert result.exit_code == 1 and "pass --id" in result.stderr
    result = run("new", TITLE, "--id", "Not A Slug", "--root", str(project))
    assert result.exit_code == 1 and result.stderr == "--id: 'Not A Slug' must be lower-case letters, digits and hyphens\n"


def test_today() -> None:
    assert today({"SOURCE_DATE_EPOCH": EPOCH}) == dt.date(2025, 11, 22)
    assert today({}) == dt.datetime.now(dt.timezone.utc).date()
    with pytest.raises(ScaffoldError):
        today({"SOURCE_DATE_EPOCH": "yesterday"})


@pytest.mark.parametrize("title, name", [("Index", "index"), ("Page 3", "page-3")])
def test_new_refuses_a_reserved_name(project: Path, title: str, name: str) -> None:
    result = run("new", title, "--root", str(project))
    assert result.exit_code == 1
    assert result.stderr == (f"briefings/{name}.md: '{name}' is a reserved name (the site makes a page of that name); "
                             "pass --id to choose another\n")
    assert not (project / f"briefings/{name}.md").exists()


def test_new_that_cannot_write_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    import errno

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(builtins, "open", read_only)
    result = run("new", TITLE, "--root", str(project))
    assert result.exit_code == 1
    assert result.stderr == f"{REL}: cannot be written (Read-only file system)\n"
