"""Property tests: parsers raise only our own errors and are deterministic; escaped text is inert."""
from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings, strategies as st

from build_tools.emit.markdown import escape
from build_tools.errors import BuildFailed, Problems
from build_tools.model.frontmatter import BriefingFrontMatter
from build_tools.parse.citations import CitationSyntaxError, parse_citation_text
from build_tools.parse.explain import validate_fields
from build_tools.parse.text_dump import parse_text_dump
from build_tools.parse.yaml_lines import FrontMatterError, split_front_matter
from html_pages import render_markdown

FAST = settings(max_examples=200, deadline=None)
LINEY = st.text(alphabet=st.sampled_from(list("ab Z09:-—\n\r\t.,'\"@#*[]()<>{}|&;پا\u200b\u200f")), max_size=400)


def outcome(fn, *args, errors):
    try:
        return ("ok", repr(fn(*args)))
    except errors as exc:
        return ("error", str(exc))


@FAST
@given(st.one_of(st.text(max_size=600), LINEY))
def test_text_dump_raises_only_build_failed_and_is_deterministic(text: str) -> None:
    assert outcome(parse_text_dump, text, "x.txt", errors=BuildFailed) == outcome(parse_text_dump, text, "x.txt", errors=BuildFailed)


def load_front_matter(text: str):
    doc = split_front_matter(text)
    problems = Problems()
    result = validate_fields(BriefingFrontMatter, doc.meta, "b.md", problems, "briefing")
    return result, [str(p) for p in problems]


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                   st.sampled_from(["2025-02-30", "2025-13-01", "2025", "[unclosed", "'", "\"", "- x", "{a: b}", "&a *a", "!!binary x"]))
KEYS = st.sampled_from(["title", "date", "summary", "topics", "sources", "key_points", "claims", "events", "updated",
                        "verified", "why_it_matters", "entities", "unknown", "x y", "", "?"])


def yaml_value(value, indent: int = 0) -> str:
    if isinstance(value, list):
        return "".join(f"\n{' ' * (indent + 2)}- {yaml_value(v, indent + 2)}" for v in value) or "[]"
    if isinstance(value, dict):
        return "".join(f"\n{' ' * (indent + 2)}{k}: {yaml_value(v, indent + 2)}" for k, v in value.items()) or "{}"
    return "" if value is None else str(value)


VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)),
                     max_leaves=8)


@FAST
@given(st.one_of(st.text(max_size=400), LINEY.map(lambda t: "---\n" + t + "\n---\nbody")))
def test_front_matter_loader_arbitrary_text(text: str) -> None:
    assert outcome(load_front_matter, text, errors=FrontMatterError) == outcome(load_front_matter, text, errors=FrontMatterError)


@FAST
@given(st.dictionaries(KEYS, VALUE, max_size=8))
def test_front_matter_loader_yaml_shaped(fields: dict) -> None:
    text = "---\n" + "".join(f"{k}: {yaml_value(v)}\n" for k, v in fields.items()) + "---\n\nBody.\n"
    assert outcome(load_front_matter, text, errors=FrontMatterError) == outcome(load_front_matter, text, errors=FrontMatterError)


CITE = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(list("@abz09:-–,; []\n")), max_size=60),
    st.builds(lambda i, a, b: f"@{i}:{a}-{b}", st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True),
              st.integers(0, 10**12), st.integers(0, 10**12)),
)


@FAST
@given(CITE)
def test_citation_parser_raises_only_its_error_and_is_deterministic(text: str) -> None:
    assert outcome(parse_citation_text, text, "b.md", 1, errors=CitationSyntaxError) == \
        outcome(parse_citation_text, text, "b.md", 1, errors=CitationSyntaxError)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


MARKUP = st.text(alphabet=st.sampled_from(list("<>/&;#!*_`[](){}:=\"' \nabcsriptmgonerjv1.-|+~^$\\")), max_size=200)


@FAST
@given(st.one_of(st.text(max_size=200), MARKUP,
                 st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                                  "{: onclick=alert(1) }", "# heading", "1. item", "- item", "> quote", "<!-- c -->",
                                  "`code`", "*[HTML]: x", "<https://x.example>", "&lt;script&gt;", "| a | b |"])))
def test_escaped_text_is_inert(text: str) -> None:
    html = render_markdown(escape(text))
    parser = Tags()
    parser.feed(html)
    assert {t for t, _ in parser.tags} <= {"p"}, (text, html)
    assert all(attrs == [] for _, attrs in parser.tags), (text, html)
