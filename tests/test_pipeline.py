"""Generation end to end on the real repository: citations land on paragraphs, errors stop the build."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.errors import BuildFailed
from build_tools.parse.citations import CitationSyntaxError, parse_citation_text
from build_tools.pipeline import ProjectPaths, generate
from conftest import snapshot


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# --- citation syntax ---------------------------------------------------------------------------

def test_citation_syntax_forms() -> None:
    (one,) = parse_citation_text("@arabnews-vpn-licensing:3", "b.md", 4)
    assert (one.source_id, one.paragraphs, one.path, one.line) == ("arabnews-vpn-licensing", (3,), "b.md", 4)
    a, b = parse_citation_text("[@a:3-4, 7; @b:2]", "b.md", 1)
    assert (a.source_id, a.paragraphs, b.source_id, b.paragraphs) == ("a", (3, 4, 7), "b", (2,))
    (whole,) = parse_citation_text("@a", "b.md", 1)
    assert whole.paragraphs == ()


@pytest.mark.parametrize("text, message", [
    ("@a:0", "the citation of 'a' names paragraph 0; paragraphs are numbered from 1"),
    ("@a:5-3", "the range 5-3 in the citation of 'a' runs backwards; write 3-5"),
    ("@Bad_Id:1", "'Bad_Id' is not a source id; ids use only lower-case letters, digits and hyphens"),
    ("", "the citation is empty; write it as [@source-id:paragraph]"),
    ("@a:1-60", "the citation of 'a' names more than 50 paragraphs; cite the ones you rely on"),
    ("@a:x", "the citation '@a:x' is not in the form @source-id:paragraph (e.g. @arabnews-vpn-licensing:3-4)"),
    ("a:2, @b:1", "the citation '@a:2, @b:1' separates its sources with ','; separate them with ';': '@a:2; @b:1'"),
    ("@a:2,@b", "the citation '@a:2,@b' separates its sources with ','; separate them with ';': '@a:2; @b'"),
])
def test_citation_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(CitationSyntaxError) as caught:
        parse_citation_text(text, "b.md", 1)
    assert str(caught.value) == message


# --- generation --------------------------------------------------------------------------------

def test_generate_writes_every_page_type(project: Path) -> None:
    result = run("generate", "--root", str(project))
    assert result.exit_code == 0, result.output
    out = project / "generated"
    for page in ["index.md", "briefings/index.md", "sources/index.md", "topics/index.md", "entities/index.md",
                 "glossary.md", "about.md", "methodology.md", "sources/arabnews-vpn-licensing.md",
                 "briefings/vpn-regulation.md", "topics/vpn-regulation.md", "entities/pta.md", "assets/extra.css"]:
        assert (out / page).is_file(), page
    assert len(list((out / "sources").glob("*.md"))) == 7 + 1


def test_citation_links_to_the_cited_paragraph(project: Path) -> None:
    generate(ProjectPaths(project))
    briefing = (project / "generated/briefings/vpn-regulation.md").read_text("utf-8")
    links = re.findall(r"\]\((\.\./sources/[a-z0-9-]+\.md#p\d+)", briefing)
    assert links, "the VPN briefing has citation links"
    for target in set(links):
        page, anchor = target.removeprefix("../").split("#")
        source = (project / "generated" / page).read_text("utf-8")
        assert "{: #" + anchor + " }" in source, f"{target} has no anchored paragraph"


def test_citation_link_text_and_title(project: Path) -> None:
    generate(ProjectPaths(project))
    page = (project / "generated/briefings/vpn-regulation.md").read_text("utf-8")
    sources = re.search(r"## Sources\n\n(.*?)\n\n", page, re.S).group(1)
    order = re.findall(r"\(\.\./sources/([a-z0-9-]+)\.md\)", sources)
    position = order.index("arabnews-vpn-licensing") + 1
    assert re.search(rf'\[\\\[{position} ¶\d+(–\d+)?(, \d+(–\d+)?)*\\\]\]\(\.\./sources/arabnews-vpn-licensing\.md#p\d+ '
                     rf'"Arab News, 13 November 2025, paragraph', page)


def test_source_page_shows_only_cited_paragraphs_by_default(project: Path) -> None:
    from build_tools.pipeline import build_index

    index, _ = build_index(ProjectPaths(project))
    generate(ProjectPaths(project))
    partly_cited = 0
    for article in index.articles.values():
        page = (project / f"generated/sources/{article.id}.md").read_text("utf-8")
        cited = index.citations.cited_paragraphs.get(article.id, set())
        assert {int(n) for n in re.findall(r"\{: #p(\d+) \}", page)} == cited
        for paragraph in article.paragraphs:
            if paragraph.number not in cited and paragraph.number > 1 and len(paragraph.text) > 80:
                assert paragraph.text[:80] not in page, (article.id, paragraph.number)
                partly_cited += 1
    assert partly_cited > 0
    page = (project / "generated/sources/arabnews-vpn-licensing.md").read_text("utf-8")
    assert "| Publisher | Arab News |" in page
    assert "| Date | 13 November 2025 (known to the day) |" in page
    assert "## Cited by" in page and "../briefings/vpn-regulation.md" in page


def test_second_generate_writes_nothing(project: Path) -> None:
    first = generate(ProjectPaths(project))
    assert first.written
    second = generate(ProjectPaths(project))
    assert second.written == [] and second.removed == []


def test_stale_generated_pages_are_removed_but_nothing_else(project: Path) -> None:
    generate(ProjectPaths(project))
    mine = project / "generated" / "notes.txt"
    mine.write_text("not ours")
    (project / "briefings" / "ict-year-2025.md").unlink()
    report = generate(ProjectPaths(project))
    assert "briefings/ict-year-2025.md" in report.removed
    assert mine.read_text() == "not ours"


def test_generated_tree_is_deterministic(tmp_path: Path, project: Path) -> None:
    generate(ProjectPaths(project), tmp_path / "a")
    generate(ProjectPaths(project), tmp_path / "b")
    pages = [snapshot(tmp_path / d) for d in "ab"]
    assert pages[0] == pages[1] and len(pages[0]) > 50


def test_output_folder_cannot_be_content(project: Path) -> None:
    result = run("generate", "--root", str(project), "--out", str(project / "content"))
    assert result.exit_code == 1
    assert "the output folder must be generated/ or a folder outside the project" in result.output


@pytest.mark.parametrize("folder", ["build_tools", "tests", ".github", "."])
def test_output_folder_cannot_be_inside_the_project(project: Path, folder: str) -> None:
    result = run("generate", "--root", str(project), "--out", str(project / folder))
    assert result.exit_code == 1
    assert "the output folder must be generated/ or a folder outside the project" in result.output


def test_output_folder_with_foreign_files_is_refused(project: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("hand-written")
    result = run("generate", "--root", str(project), "--out", str(docs))
    assert result.exit_code == 1
    assert "the output folder holds files the generator did not write" in result.output
    assert (docs / "index.md").read_text() == "hand-written"


def test_output_folder_with_only_hidden_files_is_refused(project: Path, tmp_path: Path) -> None:
    """Someone's .staging/ was taken for the generator's own and deleted."""
    kept = tmp_path / "docs" / ".staging" / "keep.txt"
    kept.parent.mkdir(parents=True)
    kept.write_text("precious")
    result = run("generate", "--root", str(project), "--out", str(tmp_path / "docs"))
    assert result.exit_code == 1
    assert result.output.startswith(f"{tmp_path / 'docs'}: the output folder holds files the generator did not write")
    assert kept.read_text() == "precious"


def test_an_output_folder_left_by_an_interrupted_first_run_is_reused(project: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Its own .staging/ (marked as the generator's) is no foreign file: the next run discards it."""
    from build_tools.emit import writer

    real = writer.os.replace

    def interrupted(source, target) -> None:
        if Path(target).name == writer.JOURNAL:  # the commit of the first write
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(writer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generate(ProjectPaths(project), tmp_path / "docs")
    monkeypatch.undo()
    assert [p.name for p in (tmp_path / "docs").iterdir()] == [writer.STAGING]
    result = run("generate", "--root", str(project), "--out", str(tmp_path / "docs"))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "docs" / writer.STAGING).exists() and (tmp_path / "docs" / "index.md").is_file()


def test_a_generated_folder_that_links_to_content_is_refused(project: Path) -> None:
    """It resolves to content/: every source page would have replaced a source."""
    shutil.rmtree(project / "generated", ignore_errors=True)
    (project / "generated").symlink_to(project / "content")
    before = snapshot(project / "content")
    result = run("generate", "--root", str(project))
    assert result.exit_code == 1
    assert result.output.startswith(f"{project / 'content'}: the output folder must be generated/ or a folder outside the project")
    assert snapshot(project / "content") == before


def test_an_output_folder_under_a_file_is_one_line(project: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    result = run("generate", "--root", str(project), "--out", str(tmp_path / "notes.txt" / "sub"))
    assert result.exit_code == 1
    assert result.output == (f"{tmp_path / 'notes.txt'}: is a file, so the output folder cannot be made there; choose "
                             "another folder\n1 problem found; fix it and run again.\n")


@pytest.mark.parametrize("command", [["check"], ["generate"], ["new", "A title"]])
def test_outside_a_project_nothing_is_checked_or_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          command: list[str]) -> None:
    """A CI step run from the wrong folder passed ('All good: 0 sources'); generate and new wrote there."""
    monkeypatch.chdir(tmp_path)
    result = run(*command)
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path.resolve()} (nor any folder above it): not a project folder, which holds "
                             "mkdocs.yml and content/; run the command inside the project or pass --root\n")
    assert list(tmp_path.iterdir()) == []


def test_static_page_cannot_replace_a_generated_page(project: Path) -> None:
    (project / "content/pages/timeline.md").write_text("# Mine\n")
    result = run("check", "--root", str(project))
    assert result.exit_code == 1
    assert "content/pages/timeline.md: 'timeline.md' would replace the site's generated timeline page; " \
           "give the page another name" in result.output


def test_merge_conflicts_left_in_a_briefing_and_a_page_are_reported_at_their_lines(project: Path) -> None:
    """Published as they were, the markers showed as text and '>>>>>>> branch' as seven nested quotes."""
    briefing = project / "briefings/vpn-regulation.md"
    lines = briefing.read_text("utf-8").splitlines()
    body = max(number for number, line in enumerate(lines) if line.startswith("---")) + 3  # a line of the body
    lines[body:body] = ["<<<<<<< HEAD", "The licensing regime began in 2025.", "=======",
                        "The licensing regime began in November 2025.", ">>>>>>> my-branch"]
    briefing.write_text("\n".join(lines) + "\n", "utf-8")
    page = project / "content/pages/about.md"
    page.write_text(page.read_text("utf-8") + "\nTitle of a section\n=======\n\nText.\n>>>>>>> my-branch\n", "utf-8")
    page_line = page.read_text("utf-8").splitlines().index(">>>>>>> my-branch") + 1
    result = run("check", "--root", str(project))
    assert result.exit_code == 1
    left = ("a merge conflict was left here: the lines from '<<<<<<<' to '>>>>>>>' hold two versions of the text; "
            "keep the one you want (or combine them) and delete the three marker lines")
    assert result.output.splitlines() == [f"briefings/vpn-regulation.md:{body + 1}: {left}",
                                          f"content/pages/about.md:{page_line}: {left}",
                                          "2 problems found; fix them and run again."]


# --- errors ------------------------------------------------------------------------------------

def break_file(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(project: Path, relative: str, needle: str) -> int:
    for number, line in enumerate((project / relative).read_text("utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def assert_fails_with(project: Path, expected: list[str]) -> None:
    before = snapshot(project / "content") | {f"b/{k}": v for k, v in snapshot(project / "briefings").items()}
    result = run("generate", "--root", str(project))
    assert result.exit_code == 1
    for line in expected:
        assert line in result.output.splitlines(), f"missing: {line}\n{result.output}"
    assert not any((project / "generated").iterdir()), "nothing is written when the build fails"
    after = snapshot(project / "content") | {f"b/{k}": v for k, v in snapshot(project / "briefings").items()}
    assert before == after


def rewrite_first_citation(project: Path, rel: str, pattern: str, replacement: str) -> int:
    """Rewrites the first citation of arabnews-vpn-licensing in ``rel``; returns its line."""
    line = line_of(project, rel, "[@arabnews-vpn-licensing:")
    text = (project / rel).read_text("utf-8").split("\n")
    text[line - 1] = re.sub(pattern, replacement, text[line - 1], count=1)
    (project / rel).write_text("\n".join(text), "utf-8")
    return line


def test_unknown_source_is_reported_with_line(project: Path) -> None:
    rel = "briefings/vpn-regulation.md"
    line = rewrite_first_citation(project, rel, r"\[@arabnews-vpn-licensing:", "[@arabnews-vpn-licencing:")
    assert_fails_with(project, [f"{rel}:{line}: cites source 'arabnews-vpn-licencing', which does not exist; "
                                "did you mean 'arabnews-vpn-licensing'?"])


def test_paragraph_out_of_range_is_reported(project: Path) -> None:
    rel = "briefings/vpn-regulation.md"
    line = rewrite_first_citation(project, rel, r"\[@arabnews-vpn-licensing:[0-9,\- ]+\]", "[@arabnews-vpn-licensing:14]")
    assert_fails_with(project, [f"{rel}:{line}: cites source 'arabnews-vpn-licensing' paragraph 14, "
                                "but that source has 9 paragraphs"])


def test_malformed_front_matter_is_reported(project: Path) -> None:
    rel = "briefings/vpn-regulation.md"
    break_file(project, rel, "title:", "title: [unclosed\ntitle2:")
    result = run("generate", "--root", str(project))
    assert result.exit_code == 1
    line = line_of(project, rel, "title:")
    assert f"{rel}:{line}: the YAML cannot be read: the list opened with '[' on this line is not closed with ']' (or one " \
           "of its items contains ': ' and needs quotes)" in result.output.splitlines()


def test_missing_front_matter_field_and_bad_date(project: Path) -> None:
    rel = "briefings/ict-year-2025.md"
    summary_line = line_of(project, rel, "summary:")
    text = (project / rel).read_text("utf-8").split("\n")
    del text[summary_line - 1]
    date_line = next(i for i, l in enumerate(text, 1) if l.startswith("date:"))
    text[date_line - 1] = "date: 2025-02-30"
    (project / rel).write_text("\n".join(text), "utf-8")
    assert_fails_with(project, [f"{rel}:2: the briefing has no 'summary'; add a line 'summary: ...'",
                                f"{rel}:{date_line}: 'date': February 2025 has no day 30"])


def test_empty_and_unreadable_sources(project: Path) -> None:
    (project / "content/sources/999_empty.txt").write_text("   \n\n")
    (project / "content/sources/998_binary.txt").write_bytes(b"abc\n\xff\xfe\x00\x01garbage")
    (project / "content/sources/997_latin1.txt").write_bytes("Title\n\nCaf\xe9 text here\n".encode("latin-1"))
    assert_fails_with(project, [
        "content/sources/999_empty.txt: the file is empty; a source file needs the article text",
        "content/sources/998_binary.txt:2: the file is not UTF-8 text (it may be binary or in another encoding); save it as UTF-8",
        "content/sources/997_latin1.txt:3: the file is not UTF-8 text (it may be binary or in another encoding); save it as UTF-8",
    ])


def test_all_problems_are_reported_together(project: Path) -> None:
    (project / "content/sources/999_empty.txt").write_text("")
    break_file(project, "briefings/crypto-virtual-assets.md", "topics: [", "topics: [no-such-topic, ")
    result = run("check", "--root", str(project))
    assert result.exit_code == 1
    assert "content/sources/999_empty.txt: the file is empty" in result.output
    assert re.search(r"^briefings/crypto-virtual-assets\.md:\d+: topic 'no-such-topic' is not in content/registry/topics\.yml",
                     result.output, re.M)
    assert "problems found; fix them and run again." in result.output


def test_check_passes_on_the_repository() -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("All good: 7 sources, 5 briefings")


def test_build_failed_lists_problems_sorted() -> None:
    from build_tools.errors import Problem

    exc = BuildFailed([Problem("b.md", 9, "x"), Problem("a.md", None, "y"), Problem("a.md", 2, "z")])
    assert str(exc) == "a.md: y\na.md:2: z\nb.md:9: x"


def test_full_text_only_when_the_licence_allows(project: Path) -> None:
    sidecar = project / "content/sources/004_622445532fc3800b.meta.yml"
    sidecar.write_text("licence: CC BY 4.0 (stated on the page)\nfull_text: true\narticles:\n  - id: blocknews-digital-partners\n",
                       "utf-8")
    generate(ProjectPaths(project))
    full = (project / "generated/sources/blocknews-digital-partners.md").read_text("utf-8")
    assert "## Full text { data-search-exclude }" in full and "CC BY 4.0 (stated on the page)" in full
    assert [int(n) for n in re.findall(r"\{: #p(\d+) \}", full)] == list(range(1, 9))
    excerpt_only = (project / "generated/sources/arabnews-imf-review.md").read_text("utf-8")
    assert "## Excerpt { data-search-exclude }" in excerpt_only and "## Full text" not in excerpt_only


def test_the_cyclic_collector_is_paused_while_building_and_restored_after(project: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from build_tools import pipeline

    seen: list[bool] = []
    real_emit = pipeline.emit_site
    real_write = pipeline.write_tree

    def emit(index, memo=None):
        seen.append(gc.isenabled())
        return real_emit(index, memo)

    def write(out, files, known=None):
        seen.append(gc.isenabled())
        return real_write(out, files, known)

    monkeypatch.setattr(pipeline, "emit_site", emit)
    monkeypatch.setattr(pipeline, "write_tree", write)
    assert gc.isenabled()
    generate(ProjectPaths(project), project.parent / "out-a")
    assert seen == [False, False] and gc.isenabled()

    def failing(index, memo=None):
        raise RuntimeError("emit failed")

    monkeypatch.setattr(pipeline, "emit_site", failing)
    with pytest.raises(RuntimeError, match="emit failed"):
        generate(ProjectPaths(project), project.parent / "out-b")
    assert gc.isenabled(), "re-enabled when the build fails"

    gc.disable()
    try:
        monkeypatch.setattr(pipeline, "emit_site", emit)
        generate(ProjectPaths(project), project.parent / "out-c")
        assert not gc.isenabled(), "a caller's own pause is left as it was"
    finally:
        gc.enable()


@pytest.mark.parametrize("out, message", [
    ("briefings/vpn-regulation.md", "{path}: the offline copy is a zip archive; give a path ending in .zip"),
    ("briefings/copy.zip", "{path}: the archive cannot be written among the inputs or the code (content/, briefings/, "
                           "generated/, build_tools/); the default is site/offline.zip"),
    ("notes.zip", "{path}: exists and is not an earlier offline copy (a zip archive); choose another path, nothing "
                  "here is overwritten"),
])
def test_the_offline_copy_is_never_written_over_an_input(project: Path, out: str, message: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """'--out briefings/vpn-regulation.md' replaced the briefing with a zip archive (and exit 0). A relative
    --out is from the current folder."""
    monkeypatch.chdir(project)
    (project / "notes.zip").write_text("not a zip")
    before = snapshot(project / "briefings")
    result = run("offline", "--root", str(project), "--out", out)
    assert result.exit_code == 1
    assert result.output == message.format(path=project.resolve() / out) + "\n1 problem found; fix it and run again.\n"
    assert snapshot(project / "briefings") == before and (project / "notes.zip").read_text() == "not a zip"
