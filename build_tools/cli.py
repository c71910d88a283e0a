"""The ``briefing`` command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from build_tools.errors import BuildFailed, Problems, set_display_root
from build_tools.model import Article
from build_tools.pipeline import ProjectPaths, build_index, find_project_root, generate


def report_problems(problems: list, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        click.echo(str(problem), file=stream)
    count = len(problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; fix {'them' if count != 1 else 'it'} and run again.", file=stream)


def project(root: str | None) -> ProjectPaths:
    paths = ProjectPaths(Path(root).resolve() if root else find_project_root())
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
        "key_points": list(article.key_points),
        "paragraphs": [p.text for p in article.paragraphs],
        "paragraph_kinds": [p.kind for p in article.paragraphs],
    }


def article_as_text(article: Article) -> str:
    lines = [f"== {article.id}  ({article.path}:{article.line})"]
    for label, value in (("title", article.title), ("date", f"{article.date.iso()} ({article.date.precision})" if article.date else None),
                         ("publisher", article.publisher), ("author", article.author), ("dateline", article.dateline),
                         ("url", article.url)):
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

    set_display_root(find_project_root(file.parent))
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
              help="Folder for the generated Markdown (default: generated/).")
@root_option
def generate_command(out: Path | None, root: str | None) -> None:
    """Write the site's Markdown pages (the same tree `mkdocs build` uses)."""
    paths = project(root)
    try:
        report = generate(paths, out)
    except BuildFailed as exc:
        report_problems(exc.problems)
        sys.exit(1)
    click.echo(f"{len(report.written)} files written, {report.unchanged} unchanged, {len(report.removed)} removed "
               f"in {out or paths.generated}")


@main.command()
@root_option
def check(root: str | None) -> None:
    """Validate every source, briefing and registry entry; print all problems as path:line: message."""
    paths = project(root)
    index, problems = build_index(paths)
    if problems:
        report_problems(problems.items, sys.stdout)
        sys.exit(1)
    assert index is not None
    click.echo(f"All good: {len(index.articles)} sources, {len(index.briefings)} briefings, "
               f"{len(index.registry.entities)} entities checked.")
