"""The faster inline stage (build_tools/render/faster_inline.py): the HTML of every page is byte for byte
what Python-Markdown makes without it, the patterns a page cannot match are skipped and plain links are
read by the fast path."""
from __future__ import annotations

import sys
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
import pytest
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.utils.meta import get_data

from build_tools.render.faster_inline import SKIP_PRIORITY, FasterInline, PlainLinkProcessor
from conftest import REPO, cold_tree
from html_pages import site_markdown_extensions

FASTER = "build_tools.render.faster_inline"
BUILT_IN = ["backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
            "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong"]


def site_extensions(faster: bool) -> tuple[list, dict]:
    names, settings = site_markdown_extensions()
    assert FASTER in names, "mkdocs.yml no longer configures the extension"
    kept = [name for name in names if faster or name != FASTER]
    return kept, dict(settings)


def convert(text: str, faster: bool) -> str:
    names, settings = site_extensions(faster)
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(text)


def registered(md: markdown.Markdown) -> list[tuple[str, float]]:
    """The inline patterns' names and priorities, in the order the inline stage runs them."""
    md.inlinePatterns._sort()
    return [(item.name, item.priority) for item in md.inlinePatterns._priority]


class PatternsAtInlineStage(Treeprocessor):
    """Notes the inline patterns registered when the inline stage (priority 20) starts."""
    seen: list[list[str]]

    def run(self, root: Element) -> None:
        self.seen.append([name for name, _ in registered(self.md)])


def patterns_at_inline_stage(text: str, extra: list | None = None) -> list[str]:
    md = markdown.Markdown(extensions=[FasterInline(), *(extra or [])])
    spy = PatternsAtInlineStage(md)
    spy.seen = []
    md.treeprocessors.register(spy, "spy", (SKIP_PRIORITY + 20) / 2)
    md.convert(text)
    return spy.seen[0]


DOCUMENTS = {
    "code": "Run `briefing pin` and ``a ` b``.",
    "escape": r"Not \*emphasis\* nor \[a link\](x.md).",
    "reference": "See [the report][r] and [r].\n\n[r]: https://example.org/r \"Title\"",
    "undefined reference": "See [the report][nowhere] and [nowhere] and [x]: y",
    "link": "A [link](x.md \"title\"), [nested [brackets]](y.md) and [empty]().",
    "plain links": "([a](a.md)) · [b c](../b/c.md#d) · [Fish &amp; chips](f.md) · [`code`](c.md) · [x\ny](x-y.md)",
    "links the fast path leaves": ("[a](b c) [a]( b ) [a](<b c>) [a](b(c)) [a](b 't') [a](b\\)c) [a](b\"c) "
                                   "[a](b) [a]] [a](b[c]) [a](x_\\*y) [unclosed](a.md"),
    "image": "An ![image](a.png) and ![ref image][i] and ![i].\n\n[i]: b.png",
    "autolink": "Go to <https://example.org/a?b=c> now.",
    "automail": "Write to <press@example.org>.",
    "line break": "One line  \nnext line.",
    "html": "Some <span class=\"x\">inline</span> HTML and <!-- a comment -->.",
    "entity": "Fish &amp; chips, &#169; and &copy;.",
    "emphasis": "*em*, **strong**, _em_, __strong__, ***both*** and a * lone star.",
    "abbreviation": "The PTA said so.\n\n*[PTA]: Pakistan Telecommunication Authority",
    "table": "| a | b |\n|---|---|\n| [x](x.md) | `y` |\n| &amp; | *z* |",
    "html block with Markdown": "<div class=\"d\" markdown>\n\n## Heading { #h data-x }\n\n- [a](a.md) · <b>b</b>\n\n</div>",
    "admonition": "!!! note \"A [title](t.md)\"\n    Body with `code` & text.",
    "nothing inline": "# Title\n\nPlain words only.",
    "everything": "`c` \\* [r] [l](l.md) ![i](i.png) <https://a.b> <a@b.c> x  \ny <i>i</i> &amp; *e*\n\n[r]: /r",
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_same_html_as_without_it_for_each_inline_construct(name: str) -> None:
    text = DOCUMENTS[name]
    assert convert(text, faster=True) == convert(text, faster=False)


def synthetic_project(tmp_path: Path) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from corpus import generate_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    target = tmp_path / "synthetic"
    generate_corpus(target, 60, 3)
    return target


def test_same_html_as_without_it_on_every_generated_page(tmp_path: Path) -> None:
    pages = {f"repository/{name}": text for name, text in cold_tree(REPO, tmp_path).items()}
    pages |= {f"synthetic/{name}": text for name, text in cold_tree(synthetic_project(tmp_path), tmp_path).items()}
    pages = {name: text for name, text in pages.items() if name.endswith(".md")}
    assert len(pages) > 300
    differing = []
    for name, text in sorted(pages.items()):
        body, _ = get_data(text.decode("utf-8"))
        if convert(body, faster=True) != convert(body, faster=False):
            differing.append(name)
    assert differing == []


def test_skips_exactly_the_patterns_the_text_cannot_match() -> None:
    assert patterns_at_inline_stage("A [link](x.md) and *em*.") == ["link", "em_strong"]
    assert patterns_at_inline_stage("Plain.") == ["em_strong"]
    assert patterns_at_inline_stage("`a` \\* <b>x</b> &amp; ![i](i.png)") == [
        "backtick", "escape", "link", "image_link", "html", "entity", "em_strong"]
    assert patterns_at_inline_stage("<https://a.b> and <a@b.c>, then  \nmore") == [
        "autolink", "automail", "linebreak", "html", "em_strong"]


def test_keeps_reference_patterns_only_when_the_page_defines_references() -> None:
    assert patterns_at_inline_stage("[a] and ![b]") == ["link", "image_link", "em_strong"]
    assert patterns_at_inline_stage("[a] and ![b]\n\n[a]: /a") == [
        "reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref", "em_strong"]


def test_text_inside_raw_html_blocks_does_not_keep_patterns() -> None:
    """A raw HTML block is stashed before the inline stage: its '<' and '&' are not inline text."""
    assert patterns_at_inline_stage("<div>\n<b>x</b> &amp;\n</div>\n\nPlain.") == ["em_strong"]


def test_reads_the_tails_an_earlier_tree_processor_left() -> None:
    """Block parsing seldom leaves text in a tail, but a tree processor before the inline stage may."""
    class AddsTail(Treeprocessor):
        def run(self, root: Element) -> None:
            span = Element("span")
            span.text = "x"
            span.tail = " and `code`"
            root[0].append(span)

    def with_tail(extensions: list) -> str:
        md = markdown.Markdown(extensions=extensions)
        md.treeprocessors.register(AddsTail(md), "adds_tail", 25)
        return md.convert("Plain.")

    assert with_tail([]) == "<p>Plain.<span>x</span> and <code>code</code></p>"
    assert with_tail([FasterInline()]) == with_tail([])


def test_a_pattern_it_does_not_know_is_always_run() -> None:
    class Upper(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            # the name and priority of the built-in 'html' pattern, another class and expression
            md.inlinePatterns.register(InlineProcessor(r"@@"), "html", 90)
            md.inlinePatterns.register(InlineProcessor(r"%%"), "mine", 50)

    assert patterns_at_inline_stage("Plain.", [Upper()]) == ["html", "em_strong", "mine"]


def test_plain_links_are_read_without_the_character_by_character_parser() -> None:
    md = markdown.Markdown(extensions=[FasterInline()])
    link = md.inlinePatterns["link"]
    assert isinstance(link, PlainLinkProcessor)

    def no_get_text(data: str, index: int) -> tuple[str, int, bool]:
        raise AssertionError("parsed character by character")

    link.getText = no_get_text
    assert md.convert("[Fish &amp; chips](../f/chips.md#x-1)") == '<p><a href="../f/chips.md#x-1">Fish &amp; chips</a></p>'
    with pytest.raises(AssertionError, match="character by character"):
        md.convert("[nested [brackets]](y.md)")
    with pytest.raises(AssertionError, match="character by character"):
        md.convert('[a](b "title")')


def test_a_link_processor_another_extension_registered_is_kept() -> None:
    class OtherLinks(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.inlinePatterns.register(InlineProcessor(r"\[\["), "link", 160)

    md = markdown.Markdown(extensions=[OtherLinks(), FasterInline()])
    assert type(md.inlinePatterns["link"]) is InlineProcessor


def test_every_pattern_is_back_after_a_conversion() -> None:
    md = markdown.Markdown(extensions=[FasterInline()])
    before = registered(md)
    assert [name for name, _ in before] == BUILT_IN
    md.convert("Plain.")
    assert registered(md) == before
    assert md.convert("A [link](x.md)") == '<p>A <a href="x.md">link</a></p>'


def test_reset_puts_back_what_a_failed_conversion_left_out() -> None:
    class Fails(Treeprocessor):
        def run(self, root: Element) -> None:
            raise RuntimeError("stopped in the inline stage")

    md = markdown.Markdown(extensions=[FasterInline()])
    md.treeprocessors.register(Fails(md), "fails", (SKIP_PRIORITY + 20) / 2)
    with pytest.raises(RuntimeError):
        md.convert("Plain.")
    assert [name for name, _ in registered(md)] == ["em_strong"]
    md.reset()
    assert [name for name, _ in registered(md)] == BUILT_IN
