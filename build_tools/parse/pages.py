"""Hand-written static pages (``content/pages/*.md``), copied into the site as they are."""
from __future__ import annotations

from pathlib import Path

from build_tools.errors import Problems, display_path
from build_tools.model import StaticPage
from build_tools.model.frontmatter import SLUG_RE
from build_tools.parse.text_files import UnreadableFile, read_text_file


def load_pages(pages_dir: Path) -> tuple[list[StaticPage], Problems]:
    problems = Problems()
    pages = []
    for path in sorted(pages_dir.glob("*.md")) if pages_dir.is_dir() else []:
        if not SLUG_RE.match(path.stem):
            problems.add(display_path(path), None, f"the page name '{path.name}' must be lower-case letters, digits and hyphens")
            continue
        try:
            pages.append(StaticPage(display_path(path), path.stem, read_text_file(path)))
        except UnreadableFile as exc:
            problems.add(display_path(path), exc.line, exc.message)
    return pages, problems
