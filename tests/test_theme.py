"""Our template overrides (build_tools/theme/overrides) stay in step with the installed Material."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from build_tools.render.mkdocs_hook import THEME_OVERRIDES

PAGEFIND_BRANCH = """    {% elif config.extra.search == "pagefind" %}
      {% include "partials/pagefind-search.html" %}
"""


def _without_leading_comment(template: str) -> str:
    return template.split("-#}\n", 1)[1] if template.startswith("{#-") else template


def test_header_override_is_materials_header_plus_the_pagefind_branch() -> None:
    material = (resources.files("material") / "templates" / "partials" / "header.html").read_text("utf-8")
    ours = (THEME_OVERRIDES / "partials" / "header.html").read_text("utf-8")
    assert PAGEFIND_BRANCH in ours
    assert _without_leading_comment(ours).replace(PAGEFIND_BRANCH, "") == _without_leading_comment(material), \
        "Material's partials/header.html changed: re-derive build_tools/theme/overrides/partials/header.html from it"


def test_overrides_are_only_templates() -> None:
    files = sorted(p.relative_to(THEME_OVERRIDES).as_posix() for p in Path(THEME_OVERRIDES).rglob("*") if p.is_file())
    assert files == ["404.html", "main.html", "partials/header.html", "partials/nav.html", "partials/pagefind-search.html"]
