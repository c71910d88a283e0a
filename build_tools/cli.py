"""The ``briefing`` command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from build_tools import progress
from build_tools.errors import BuildFailed, Problems, by_location, set_display_root
from build_tools.index.pins import PinRule
from build_tools.index.site import SiteIndex
from build_tools.model import Article
from build_tools.pipeline import ProjectPaths, build_index, check_written_links_of, find_project_root, generate


def report_problems(problems: list, stream=None) -> None:
    """Every problem, by file and line (as a failed build lists them), then how many."""
    stream = stream or sys.stderr
    for problem in by_location(problems):
        click.echo(str(problem), file=stream)
    count = len(problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; fix {'them' if count != 1 else 'it'} and run again.", file=stream)


def project(root: str | None) -> ProjectPaths:
    """The project the command works on; a folder without mkdocs.yml and content/ is refused, so nothing
    is checked or written in the wrong place (a CI step run from another folder fails)."""
    folder = Path(root).resolve() if root else find_project_root()
    if not (folder / "mkdocs.yml").is_file() or not (folder / "content").is_dir():
        where = folder if root else f"{folder} (nor any folder above it)"
        raise click.ClickException(f"{where}: not a project folder, which holds mkdocs.yml and content/; run the "
                                   f"command inside the project or pass --root")
    paths = ProjectPaths(folder)
    set_display_root(paths.root)
    return paths


root_option = click.option("--root", type=click.Path(file_okay=False, exists=True), default=None,
                           help="Project folder (default: the nearest folder with mkdocs.yml and content/).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build and check the Digital Pakistan Briefings site.

    Sources live in content/sources/, briefings in briefings/, the registry in content/registry/.
    `mkdocs build` and `mkdocs serve` run the generator for you; these commands are for checking,
    inspecting and scripting.
    """


def article_as_json(article: Article) -> dict:
    return {
        "id": article.id,
        "path": article.path,
        "line": article.line,
        "title": article.title,
        "date": article.date.iso() if article.date else None,
        "date_precision": article.date.precision if article.date else None,
        "publisher": article.publisher,
        "author": article.author,
        "dateline": article.dateline,
        "url": article.url,
        "licence": article.licence,
        "full_text": article.full_text,
        "topics": list(article.topics),
        "key_points": list(article.key_points),
        "paragraphs": [p.text for p in article.paragraphs],
        "paragraph_kinds": [p.kind for p in article.paragraphs],
    }


def article_as_text(article: Article) -> str:
    lines = [f"== {article.id}  ({article.path}:{article.line})"]
    for label, value in (("title", article.title), ("date", f"{article.date.iso()} ({article.date.precision})" if article.date else None),
                         ("publisher", article.publisher), ("author", article.author), ("dateline", article.dateline),
                         ("url", article.url), ("topics", ", ".join(article.topics) or None)):
        lines.append(f"{label:>10}: {value if value is not None else '(not found)'}")
    lines.append(f"{'key points':>10}: {len(article.key_points)}")
    lines += [f"            - {point}" for point in article.key_points]
    lines.append(f"{'paragraphs':>10}: {len(article.paragraphs)}")
    for p in article.paragraphs:
        text = p.text if len(p.text) <= 100 else p.text[:97] + "..."
        kind = "" if p.kind == "text" else f"[{p.kind}] "
        lines.append(f"      ¶{p.number:<3} {kind}{text}")
    return "\n".join(lines)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per article.")
def inspect(file: Path, as_json: bool) -> None:
    """Show what the parser extracts from one source FILE (with its sidecar)."""
    from build_tools.parse.sources import load_source_file

    root = find_project_root(file.parent)
    set_display_root(root)
    if file.resolve().is_relative_to(ProjectPaths(root).briefings.resolve()):
        raise click.UsageError(f"{file} is a briefing; `briefing inspect` reads sources (run `briefing check` for "
                               f"a briefing's problems)")
    problems = Problems()
    articles = load_source_file(file.resolve(), problems)
    if problems:
        report_problems(problems.items)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps([article_as_json(a) for a in articles], ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(article_as_text(a) for a in articles))


@main.command(name="generate")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the generated Markdown (default: generated/). Another folder must be outside the "
                   "project and empty, or one this command wrote before.")
@root_option
def generate_command(out: Path | None, root: str | None) -> None:
    """Write the site's Markdown pages (the same tree `mkdocs build` uses)."""
    paths = project(root)
    try:
        with progress.on_terminal(), progress.stage("Generating the site's Markdown"):  # shown on a terminal only
            report = generate(paths, out)
    except BuildFailed as exc:
        report_problems(exc.problems)
        sys.exit(1)
    click.echo(f"{len(report.written)} files written, {report.unchanged} unchanged, {len(report.removed)} removed "
               f"in {out or paths.generated}")


def read_index(paths: ProjectPaths, pins: PinRule) -> tuple[SiteIndex | None, Problems]:
    """The project's index and problems, read with the per-file cache of the last build (never written).
    Progress shows on a terminal only."""
    from build_tools.file_cache import FileCache

    with progress.on_terminal():
        return build_index(paths, FileCache.open(paths.generated, read_only=True), pins=pins)


def checked_index(paths: ProjectPaths, pins: PinRule) -> SiteIndex:
    """The project's index; on problems, lists them on stdout and exits 1."""
    index, problems = read_index(paths, pins)
    if problems:
        report_problems(problems.items, sys.stdout)
        sys.exit(1)
    assert index is not None
    return index


@main.command()
@click.option("--require-pins", is_flag=True,
              help="Also report every cited paragraph not pinned yet, and every pin no longer cited (see `briefing "
                   "pin`); CI uses this.")
@root_option
def check(require_pins: bool, root: str | None) -> None:
    """Validate every source, briefing and registry entry, and the links written in briefings and pages;
    print all problems as path:line: message.

    Reads (never writes) the per-file cache of the last build in generated/, so sources and briefings
    that have not changed since are not parsed again; files with problems are never cached and are
    always read.
    """
    from build_tools.index.pins import cited_paragraphs, stale_pins

    paths = project(root)
    index, problems = read_index(paths, "require" if require_pins else "check")
    if index is not None and not problems:  # against the pages the site would have, so once it has no other problem
        with progress.on_terminal(), progress.stage("Checking the links written in briefings and pages"):
            problems.extend(check_written_links_of(paths, index))
    if problems:
        report_problems(problems.items, sys.stdout)
        sys.exit(1)
    assert index is not None
    click.echo(f"All good: {len(index.articles)} sources, {len(index.briefings)} briefings, "
               f"{len(index.registry.entities)} entities checked.")
    cited = cited_paragraphs(index.briefings.values(), index.registry.figure_groups, index.articles, index.pinned)
    count = len({c.key for c in cited if c.state == "new"})
    if count:
        click.echo(f"Note: {count} cited paragraph{'s are' if count != 1 else ' is'} not pinned yet; run `briefing pin` "
                   f"before you commit, so that a change to a source file or to the way it is read cannot move "
                   f"{'their citations' if count != 1 else 'its citation'} silently.")
    stale = len(stale_pins(cited, index.pinned))
    if stale:
        click.echo(f"Note: {stale} pin{'s are' if stale != 1 else ' is'} of {'paragraphs' if stale != 1 else 'a paragraph'} "
                   f"no longer cited; `briefing pin` drops {'them' if stale != 1 else 'it'} (CI's `--require-pins` asks "
                   f"for that).")


@main.command()
@click.option("--accept", is_flag=True,
              help="Also pin paragraphs whose pinned text moved or changed, or that hold text pinned under another "
                   "number, once you have checked that each citation still cites what it should.")
@root_option
def pin(accept: bool, root: str | None) -> None:
    """Pin the text of every cited source paragraph, in content/pinned-paragraphs.yml.

    Run it after adding or changing citations, and commit the file with them. When a source file, or
    the way the generator reads it, later changes so that a pinned paragraph's text moves or changes,
    the build stops at each citation of it (saying where the text went) instead of letting the citation
    point at other text: correct those citations, then, once each cites what it should, run it with
    --accept. Writes nothing while there are other problems; pins no longer cited are dropped.
    """
    from build_tools.errors import display_path
    from build_tools.index.pins import pin_problem
    from build_tools.ingest.pins import pin_changes, write_pins

    paths = project(root)
    index, problems = read_index(paths, "check")
    changes = pin_changes(index) if index is not None else None
    disputed = {(p.citation.path, p.citation.line, pin_problem(p)) for p in changes.disputed_citations} if changes else set()
    if index is None or any((p.path, p.line, p.message) not in disputed for p in problems):
        # the pins' own problems are listed too: a renumbered source also fails the numbers its citations state
        report_problems(problems.items, sys.stdout)
        click.echo("Nothing was pinned: pins record citations that check out, so fix the problems above first.")
        sys.exit(1)
    assert changes is not None
    target = paths.pinned_paragraphs
    shown = display_path(target)
    if changes.disputed and not accept:
        for paragraph in sorted(changes.disputed_citations, key=lambda p: (p.citation.path, p.citation.line, p.number)):
            click.echo(f"{paragraph.citation.path}:{paragraph.citation.line}: {pin_problem(paragraph)}")
        count = len(changes.disputed)
        click.echo(f"Nothing was pinned: the pinned text of {count} cited paragraph{'s' if count != 1 else ''} moved or "
                   f"changed, or {'they hold' if count != 1 else 'it holds'} text pinned under another number. Correct "
                   f"the citations as each line says, or, if each still cites what it should, run `briefing pin --accept`.")
        sys.exit(1)
    if not changes.any:
        click.echo(f"{shown}: all {len(changes.pins)} cited paragraphs were already pinned; nothing written."
                   if changes.pins else "No paragraph is cited yet; nothing to pin.")
        return
    try:
        write_pins(target, changes)
    except OSError as exc:
        raise click.ClickException(f"{shown}: cannot be written ({exc.strerror or exc})") from None
    count = len(changes.pins)
    click.echo(f"{shown}: {count} cited paragraph{'s' if count != 1 else ''} pinned ({len(changes.added)} new, "
               f"{len(changes.disputed)} with renumbered, moved or changed text accepted, {len(changes.dropped)} no "
               f"longer cited dropped).")
    for paragraph in changes.disputed:
        said = f"  {paragraph.citation.path}: paragraph {paragraph.number} of '{paragraph.citation.source_id}'"
        if paragraph.state == "renumbered" and paragraph.pinned_as is not None:
            click.echo(f"{said} now holds the text pinned as paragraph {paragraph.pinned_as.paragraph} "
                       f"(“{paragraph.pinned_as.starts}”)")
        else:
            was = f"“{paragraph.pin.starts}”" if paragraph.pin else "not pinned"
            click.echo(f"{said} was {was}, is now “{paragraph.now.starts if paragraph.now else ''}”")


@main.command(name="suggest-entities")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only names seen at least this many times.")
@click.option("--limit", type=click.IntRange(min=1), default=40, show_default=True, help="Show at most this many.")
@root_option
def suggest_entities_command(min_count: int, limit: int, root: str | None) -> None:
    """List frequent names and abbreviations in the sources that the registry lacks."""
    from build_tools.index.mentions import MentionMatcher, suggest_entities
    from build_tools.parse.registry import glossary
    from build_tools.pipeline import load_corpus

    corpus, problems = load_corpus(project(root))
    if problems:
        report_problems(problems.items)
        sys.exit(1)
    matcher = MentionMatcher(corpus.registry.entities.values())
    terms = glossary(corpus.registry)
    texts = [p.text for article in corpus.articles for p in article.paragraphs]
    found = suggest_entities(texts, matcher, min_count, ignore=[*terms, *terms.values()])
    if not found:
        click.echo("The registry covers every frequent name in the sources.")
        return
    click.echo("Names the registry lacks (add them to content/registry/entities.yml if they matter):")
    for name, count in found[:limit]:
        click.echo(f"{count:>5}  {name}")


# --- Contributors: add a source, start a briefing, editor schemas ----------------------------------

@main.command()
@click.argument("target", metavar="PATH|URL")
@click.option("--id", "source_id", default=None,
              help="Id of the new source (default: made from the page's title; a copied .txt keeps its file name, "
                   "tidied, as its id).")
@click.option("--title", default=None, help="Title to use instead of the page's own, or when it states none (web pages only).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds to wait for the page.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5 * 1024 * 1024, show_default=True,
              help="Largest page accepted, in bytes.")
@root_option
def add(target: str, source_id: str | None, title: str | None, timeout: float, max_bytes: int, root: str | None) -> None:
    """Add a source to content/sources/: a web page's URL, a saved .html/.htm page, a .txt page dump or a .md source.

    A web page is extracted (title, date, publisher, author, paragraphs) into a new <id>.md whose
    front matter you then check; a .txt or .md file is copied as it is, once the parser has read it.
    Nothing is ever overwritten.
    """
    from build_tools.ingest.add import AddError, add_source

    paths = project(root)
    try:
        added = add_source(paths.sources, target, source_id=source_id, title=title, timeout=timeout, max_bytes=max_bytes)
    except AddError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    from build_tools.errors import display_path

    shown = display_path(added.path)
    click.echo(f"{shown}: added, {len(added.ids)} article{'s' if len(added.ids) != 1 else ''} "
               f"({', '.join(added.ids)}), {added.paragraphs} paragraph{'s' if added.paragraphs != 1 else ''}")
    for name, value in added.fields.items():
        click.echo(f"{name:>10}: {value if value is not None else '(not found: fill it in)'}")
    for note in added.notes:
        click.echo(f"note: {note}")
    click.echo("Check these fields against the article and fill in what is missing, with the licence and topics "
               "(`briefing check` does not require them), then run `briefing check`.")


@main.command()
@click.argument("title")
@click.option("--id", "slug", default=None, help="File name (without .md) of the briefing; default: made from the title.")
@root_option
def new(title: str, slug: str | None, root: str | None) -> None:
    """Start a briefing: write briefings/<id>.md with every field explained, ready to fill in."""
    from build_tools.errors import display_path
    from build_tools.ingest.normalise import is_slug
    from build_tools.ingest.scaffold import ScaffoldError, new_briefing
    from build_tools.pipeline import load_project_registry

    paths = project(root)
    if slug is not None and not is_slug(slug):
        click.echo(f"--id: '{slug}' must be lower-case letters, digits and hyphens", err=True)
        sys.exit(1)
    registry, _ = load_project_registry(paths.registry)
    try:
        path = new_briefing(paths.briefings, title, slug=slug, topic_ids=sorted(registry.topics),
                            shown=display_path(paths.briefings))
    except ScaffoldError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"{display_path(path)}: written. Fill in the fields and the body, then run `briefing check`; "
               f"until then it lists what is missing.")


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the schema files (default: schemas/ in the project).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a schema file is missing or out of date.")
@root_option
def schema(out: Path | None, check_only: bool, root: str | None) -> None:
    """Write JSON Schemas of briefing, source and sidecar front matter (for editors) from the models."""
    from build_tools.errors import display_path
    from build_tools.schema import stale_schemas, write_schemas

    paths = project(root)
    folder = out or paths.root / "schemas"
    if check_only:
        stale = stale_schemas(folder)
        for name in stale:
            click.echo(f"{display_path(folder / name)}: out of date with build_tools/model/frontmatter.py; run `briefing schema`")
        sys.exit(1 if stale else 0)
    changed = write_schemas(folder)
    click.echo(f"{len(changed)} schema file{'s' if len(changed) != 1 else ''} written in {display_path(folder)}"
               + (f": {', '.join(changed)}" if changed else " (all up to date)"))


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the archive, a .zip path (default: site/offline.zip in the project).")
@root_option
def offline(out: Path | None, root: str | None) -> None:
    """Build the offline copy (works from file://, with search) and zip it.

    Run after `mkdocs build` so the archive lands in the published site (the About page links to it).
    Needs the iframe-worker shim: `npm ci --prefix tests/tools`.
    """
    from mkdocs.exceptions import MkDocsException

    from build_tools.render.offline import build_offline_archive, check_archive_target

    paths = project(root)
    try:
        target = check_archive_target(paths, out.resolve() if out else paths.root / "site" / "offline.zip")
        # on a terminal, the generator's progress (a timed stage here would redraw over MkDocs' log lines)
        with progress.on_terminal():
            build_offline_archive(paths, target)
    except BuildFailed as exc:
        report_problems(exc.problems)
        sys.exit(1)
    except MkDocsException as exc:
        click.echo(f"mkdocs.offline.yml: the offline build failed: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Offline copy written to {target} ({target.stat().st_size / 1_048_576:.1f} MB)")
