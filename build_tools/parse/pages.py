"""Hand-written static pages (``content/pages/*.md``), copied into the site as they are."""
from __future__ import annotations

from pathlib import Path

from build_tools.errors import Problems, display_path
from build_tools.model import StaticPage
from build_tools.model.frontmatter import SLUG_RE
from build_tools.parse.text_files import UnreadableFile, read_text_file, report_conflicts


# Names the generator uses for its own pages and folders; a static page may not take them.
GENERATED_NAMES = {"index", "timeline", "figures", "glossary", "briefings", "sources", "topics", "entities", "assets",
                   "search", "offline"}


def load_pages(pages_dir: Path) -> tuple[list[StaticPage], Problems]:
    problems = Problems()
    pages = []
    for path in sorted(pages_dir.glob("*.md")) if pages_dir.is_dir() else []:
        if not SLUG_RE.match(path.stem):
            problems.add(display_path(path), None, f"the page name '{path.name}' must be lower-case letters, digits and hyphens")
            continue
        if path.stem in GENERATED_NAMES:
            problems.add(display_path(path), None,
                         f"'{path.name}' would replace the site's generated {path.stem} page; give the page another name")
            continue
        try:
            text = read_text_file(path)
        except UnreadableFile as exc:
            problems.add(display_path(path), exc.line, exc.message)
            continue
        if not report_conflicts(text, display_path(path), problems):
            pages.append(StaticPage(display_path(path), path.stem, text))
    return pages, problems
