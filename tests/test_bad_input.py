"""Bad input, case by case: each gets its exact `path:line: message` (exit 1) or is handled correctly."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from build_tools.cli import main
from conftest import BRIEFING_FRONT, snapshot, with_search_filter_order_ignored
from html_pages import render_markdown

BRIEF = BRIEFING_FRONT + "---\n\nBody paragraph [@arabnews-vpn-licensing:1].\n"
SRC_MD = "---\nid: {id}\ntitle: A\ndate: 2025-01-01\npublisher: P\n---\n\nFirst paragraph.\n"
SIDE4 = "content/sources/004_622445532fc3800b.meta.yml"


def brief(old: str = "", new: str = "", name: str = "t.md", text: str | None = None):
    def apply(d: Path) -> None:
        (d / "briefings" / name).write_text(text if text is not None else BRIEF.replace(old, new, 1), "utf-8")
    return apply


def raw(rel: str, data: bytes):
    return lambda d: (d / rel).write_bytes(data)


def edit(rel: str, old: str, new: str):
    def apply(d: Path) -> None:
        text = (d / rel).read_text("utf-8")
        assert old in text
        (d / rel).write_text(text.replace(old, new, 1), "utf-8")
    return apply


def both(*fns):
    def apply(d: Path) -> None:
        for fn in fns:
            fn(d)
    return apply


def sparse_100mb(d: Path) -> None:
    with open(d / "content/sources/big.txt", "wb") as f:
        f.seek(100 * 1024 * 1024)
        f.write(b"x")


B = "briefings/t.md"
# What the briefings citing source 004 are told while its file or sidecar has a problem: its article's id is unknown.
BLOCKNEWS_NOT_FOUND = [
    f"briefings/{name}.md:8: cites source 'blocknews-digital-partners', which was not found; it may be an article of "
    "content/sources/004_622445532fc3800b.txt, whose problems are reported too: fix it first (other citations of "
    "'blocknews-digital-partners' in this file are not reported until then)"
    for name in ("central-asia-digital-corridor", "crypto-virtual-assets")]
PLAIN = ("is shown as plain text, so '{}' would appear exactly as typed; write it without Markdown or HTML (only the "
         "body below the front matter is Markdown)")


NOPE = "which does not exist; check the id on the source's page or in content/sources/"
FAILS = {
    "yaml-does-not-parse": (brief(text="---\ntitle: [unclosed\ndate: 2025-11-22\n---\n\nx\n"),
        [f"{B}:2: the YAML cannot be read: the list opened with '[' on this line is not closed with ']' (or one of its "
         "items contains ': ' and needs quotes)"]),
    "sidecar-yaml-does-not-parse": (raw(SIDE4, b"articles: [\n"),
        [*BLOCKNEWS_NOT_FOUND,
         f"{SIDE4}:2: the YAML cannot be read: the YAML ends in the middle of a value; look for a '[', '{{' or quote that "
         "is never closed"]),
    "title-is-a-list": (brief('title: "T"', "title: [a, b]"), [f"{B}:2: 'title' must be text, not a list"]),
    "title-is-yes": (brief('title: "T"', "title: yes"),
        [f"{B}:2: 'title' must be text, but YAML reads yes as a yes/no value; put it in quotes: \"yes\""]),
    "unclosed-quote": (brief('summary: "A summary."', 'summary: "A summary.'),
        [f"{B}:4: the YAML cannot be read: the quote opened on this line is never closed; add the closing quote"]),
    # A key given twice is reported with the file's other problems instead of stopping the file.
    # the sidecar's other fields apply (the first 'id' is kept), so the briefings citing its article are checked as usual
    "sidecar-key-twice": (edit(SIDE4, "    topics: [crypto-regulation]", "    topics: [crypto-regulation]\n    id: x\n    lang: en"),
        [f"{SIDE4}:4: item 1 of 'articles' gives the field 'id' twice (first at line 2); keep only one",
         f"{SIDE4}:5: item 1 of 'articles' has an unknown field 'lang'; did you mean 'language'?"]),
    "sources-is-a-string": (brief("sources: [arabnews-vpn-licensing]", "sources: arabnews-vpn-licensing"),
        [f"{B}:6: 'sources' must be a list, not 'arabnews-vpn-licensing'; write sources: [arabnews-vpn-licensing] or one "
         "'- item' per line below it"]),
    "key-points-is-a-number": (brief('key_points:\n  - "One point."', "key_points: 42"),
        [f"{B}:7: 'key_points' must be a list, not the number 42; write key_points: [first, second] or one '- item' per "
         "line below it"]),
    "unknown-source-in-front-matter": (brief("sources: [arabnews-vpn-licensing]", "sources: [arabnews-vpn-licensing, nope-source]"),
        [f"{B}:6: cites source 'nope-source', {NOPE}"]),
    "unknown-source-in-body": (brief("[@arabnews-vpn-licensing:1]", "[@nope-source:1]"), [f"{B}:11: cites source 'nope-source', {NOPE}"]),
    "unknown-topic": (brief("topics: [vpn-regulation]", "topics: [no-such-topic]"),
        [f"{B}:5: topic 'no-such-topic' is not in content/registry/topics.yml; known topics: ai-policy, climate-finance, "
         "crypto-regulation, cybersecurity, digital-corridor, digital-infrastructure, digital-payments, internet-controls, "
         "it-exports, macroeconomy, telecom, trade-transit, vpn-regulation"]),
    "misspelt-topic": (brief("topics: [vpn-regulation]", "topics: [vpn-regulations]"),
        [f"{B}:5: topic 'vpn-regulations' is not in content/registry/topics.yml; did you mean 'vpn-regulation' (VPN "
         "regulation)? If not, add it there or fix the id"]),
    "topic-by-its-name": (brief("topics: [vpn-regulation]", "topics: [telecommunications]"),
        [f"{B}:5: topic 'telecommunications' is not in content/registry/topics.yml; did you mean 'telecom' "
         "(Telecommunications)? If not, add it there or fix the id"]),
    "two-briefings-with-one-title": (both(brief(name="a.md"), brief('title: "T"', 'title: "t  "', name="b.md")),
        ["briefings/a.md:2: this title is also the title of briefings/b.md; give each briefing its own title",
         "briefings/b.md:2: this title is also the title of briefings/a.md; give each briefing its own title"]),
    "three-briefings-with-one-title": (both(brief(name="a.md"), brief(name="b.md"), brief(name="c.md")),
        ["briefings/a.md:2: this title is also the title of briefings/b.md and briefings/c.md; give each briefing its own title",
         "briefings/b.md:2: this title is also the title of briefings/a.md and briefings/c.md; give each briefing its own title",
         "briefings/c.md:2: this title is also the title of briefings/a.md and briefings/b.md; give each briefing its own title"]),
    "unknown-entity-in-claims": (brief("key_points:", "claims:\n  - claimant: nobody-here\n    claimant_type: other\n    point: P\n"
                                       "    statement: S\n    cite: \"@arabnews-vpn-licensing:1\"\nkey_points:"),
        [f"{B}:8: claimant 'nobody-here' is not in content/registry/entities.yml; add it there or fix the id"]),
    # A rejected registry entry is reported once, not again at every reference to its id.
    "invalid-entity-still-referenced": (edit("content/registry/entities.yml", "- id: pta\n  name: Pakistan Telecommunication "
                                             "Authority\n  type: organisation", "- id: pta\n  name: Pakistan Telecommunication "
                                             "Authority\n  type: agency"),
        ["content/registry/entities.yml:20: entity 'pta' has type 'agency', which is not allowed; "
         "use one of: organisation, person, place, measure"]),
    "invalid-topic-still-referenced": (edit("content/registry/topics.yml", "- id: vpn-regulation\n  name: VPN regulation",
                                            '- id: vpn-regulation\n  name: ""'),
        ["content/registry/topics.yml:6: 'name' of topic 'vpn-regulation' is empty; fill it in"]),
    "duplicate-source-id-from-sidecars": (edit(SIDE4, "blocknews-digital-partners", "arabnews-vpn-licensing"),
        [*BLOCKNEWS_NOT_FOUND,
         "content/sources/004_622445532fc3800b.meta.yml:2: source id 'arabnews-vpn-licensing' is already used by "
         "content/sources/000_6f93749fe1e422ac.meta.yml:6; give this article its own id in the sidecar"]),
    "two-files-one-slug": (both(raw("content/sources/a.md", SRC_MD.format(id="zz-a").encode()),
                                raw("content/sources/zz-a.md", SRC_MD.format(id="zz-a").encode())),
        ["content/sources/zz-a.md:2: source id 'zz-a' is already used by content/sources/a.md:2; give this article its own id in the front matter"]),
    "source-date-in-the-future": (raw("content/sources/x.md", SRC_MD.format(id="zz-x").replace("2025-01-01", "2099-01-01").encode()),
        ["content/sources/x.md:4: the article's date, 2099-01-01, is later than today: it was misread or mistyped; "
         "write the right one as `date:` in the front matter"]),
    "source-id-with-dotdot": (raw("content/sources/x.md", SRC_MD.format(id="../evil").encode()),
        ["content/sources/x.md:2: 'id' is '../evil', which is not a valid id; use only lower-case letters a-z, digits and "
         "single hyphens, e.g. 'evil'"]),
    "source-id-absolute-path": (raw("content/sources/x.md", SRC_MD.format(id="/etc/passwd").encode()),
        ["content/sources/x.md:2: 'id' is '/etc/passwd', which is not a valid id; use only lower-case letters a-z, digits "
         "and single hyphens, e.g. 'etc-passwd'"]),
    "source-id-reserved-index": (raw("content/sources/x.md", SRC_MD.format(id="index").encode()),
        ["content/sources/x.md:2: 'index' is a reserved name and cannot be a source id; choose another in the front matter"]),
    "briefing-named-index": (brief(name="index.md"), ["briefings/index.md: 'index.md' is a reserved name for a briefing; rename the file"]),
    "briefing-name-upper-and-space": (brief(name="Bad Name.md"),
        ["briefings/Bad Name.md: the file name 'Bad Name.md' must be lower-case letters, digits and hyphens, ending in .md "
         "(it becomes the page address)"]),
    "empty-source": (raw("content/sources/e.txt", b""), ["content/sources/e.txt: the file is empty; a source file needs the article text"]),
    "whitespace-source": (raw("content/sources/e.txt", b"  \n\t\r\n  "),
        ["content/sources/e.txt: the file is empty; a source file needs the article text"]),
    "empty-briefing": (brief(text=""), [f"{B}:1: the file must start with a line '---', then the front matter, then '---'"]),
    "whitespace-briefing": (brief(text="  \n \n"), [f"{B}:1: the file must start with a line '---', then the front matter, then '---'"]),
    "binary-source": (raw("content/sources/b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ["content/sources/b.txt:1: the file is not UTF-8 text (it may be binary or in another encoding); save it as UTF-8"]),
    "invalid-utf8": (raw("content/sources/u.txt", b"Title\n\nCaf\xe9 paragraph text here\n"),
        ["content/sources/u.txt:3: the file is not UTF-8 text (it may be binary or in another encoding); save it as UTF-8"]),
    "html-not-in-its-declared-encoding": (raw("content/sources/p.html", b'<html><head><meta charset="shift_jis">\n'
                                                                    b"<title>T</title></head>\n<body><p>\x81\x20</p>"),
        ["content/sources/p.html:3: the page declares the encoding 'shift_jis', but this line is not shift_jis text; save "
         "the page as UTF-8"]),
    "html-in-an-unknown-encoding": (raw("content/sources/p.html", b"<html>\n<head><meta charset='klingon-8'>"
                                                               b"<title>T</title></head><body><p>Text</p>"),
        ["content/sources/p.html:2: the page declares the encoding 'klingon-8', which is not one we know; save it as UTF-8"]),
    "html-undeclared-not-utf8": (raw("content/sources/p.html", b"<html><head><title>T</title></head>\n<body><p>Caf\xe9</p>"),
        ["content/sources/p.html:2: the file is not UTF-8 text (it may be binary or in another encoding); save it as UTF-8"]),
    "utf16-without-bom": (raw(B, BRIEF.encode("utf-16-le")),
        [f"{B}: the file looks like UTF-16 text without a byte-order mark; save it as UTF-8"]),
    "utf16-be-without-bom-source": (raw("content/sources/w.txt", "Title\n\nSome text.\n".encode("utf-16-be")),
        ["content/sources/w.txt: the file looks like UTF-16 text without a byte-order mark; save it as UTF-8"]),
    "nul-in-utf8-source": (raw("content/sources/n.txt", b"Title\n\nSome text\x00 here.\n"),
        ["content/sources/n.txt:3: the file holds binary data (a NUL character); it must be a text file"]),
    "txt-and-md-default-to-one-slug": (both(
        raw("content/sources/a.txt", b"Some title\n\nA paragraph of text that is long enough to count as a paragraph in a dump of a page.\n"),
        raw("content/sources/a.md", SRC_MD.format(id="a").encode())),
        ["content/sources/a.txt:3: source id 'a' is already used by content/sources/a.md:2; give this article its own id in the sidecar"]),
    "date-feb-30": (brief("date: 2025-11-22", "date: 2025-02-30"), [f"{B}:3: 'date': February 2025 has no day 30"]),
    "date-year-9999": (brief("date: 2025-11-22", "date: 2025-11-22\nevents:\n  - date: 9999\n    title: Auction\n"
                                                  "    cite: \"@arabnews-vpn-licensing:1\""),
                       [f"{B}:5: 'date' in item 1 of 'events': the year 9999 is not between 1800 and 2200"]),
    "date-later-than-today": (brief("date: 2025-11-22", "date: 2099-01-01"), [f"{B}:3: 'date': '2099-01-01' is later than today"]),
    "updated-before-date": (brief("date: 2025-11-22", "date: 2025-11-22\nupdated: 2020-01-01"),
                            [f"{B}:4: 'updated': '2020-01-01' is before 'date' (2025-11-22), when the briefing was first published"]),
    "source-listed-twice": (brief("sources: [arabnews-vpn-licensing]", "sources: [arabnews-vpn-licensing, arabnews-vpn-licensing]"),
                            [f"{B}:6: 'sources': 'arabnews-vpn-licensing' is listed more than once"]),
    "briefing-not-read": (both(brief(name="x.markdown"), lambda d: (d / "briefings/2025").mkdir(),
                               brief(name="2025/y.md")),
        ["briefings/2025/y.md: this file is not read: a briefing is a .md file directly in briefings/; move or rename it, "
         "or delete it",
         "briefings/x.markdown: this file is not read: a briefing is a .md file directly in briefings/; move or rename "
         "it, or delete it"]),
    "source-in-a-subfolder": (both(lambda d: (d / "content/sources/old").mkdir(), raw("content/sources/old/a.md", b"x")),
        ["content/sources/old/a.md: this file is not read: a source is a file directly in content/sources/; move or "
         "rename it, or delete it"]),
    "table-cites-no-source": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                    "Body paragraph [@arabnews-vpn-licensing:1].\n\n| Firm | Share |\n|---|---|\n| Alpha | 72% |"),
        [f"{B}:13: this table cites no source; end a row with a citation such as [@source-id:3] (the last row's covers "
         "the whole table)"]),
    "number-on-a-later-line": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                     "Body paragraph\ncontinues here\nand PTA licensed 977 firms [@arabnews-vpn-licensing:1]."),
        [f"{B}:13: the number '977' does not appear in the paragraphs cited here (arabnews-vpn-licensing ¶1); cite the "
         "paragraph that states it, or correct the number"]),
    "number-in-urdu-digits": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                    "پی ٹی اے نے ۹۷۷ کمپنیوں کو لائسنس دیے [@arabnews-vpn-licensing:1]."),
        [f"{B}:11: the number '۹۷۷' does not appear in the paragraphs cited here (arabnews-vpn-licensing ¶1); cite the "
         "paragraph that states it, or correct the number"]),
    "citation-not-closed": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                  "PTA [@arabnews-vpn-licensing:1 said so. [@arabnews-vpn-licensing:2]"),
        [f"{B}:11: a citation opened with '[@' is not closed with ']' on the same line; close it, and keep a citation "
         "on one line"]),
    "citation-without-at": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                  "PTA said so [arabnews-vpn-licensing:2]. It did [@arabnews-vpn-licensing:2]."),
        [f"{B}:11: '[arabnews-vpn-licensing:2]' looks like a citation without its '@'; write [@arabnews-vpn-licensing:2]"]),
    "citation-without-at-alone": (brief("Body paragraph [@arabnews-vpn-licensing:1].", "PTA said so [arabnews-vpn-licensing:2]."),
        [f"{B}:11: '[arabnews-vpn-licensing:2]' looks like a citation without its '@'; write [@arabnews-vpn-licensing:2]"]),
    "citation-in-round-brackets": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                         "PTA said so (@arabnews-vpn-licensing:2, 4-5)."),
        [f"{B}:11: '(@arabnews-vpn-licensing:2, 4-5)' looks like a citation in round brackets; write "
         "[@arabnews-vpn-licensing:2, 4-5]"]),
    "citation-sources-joined-by-comma": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                               "PTA said so [@arabnews-vpn-licensing:2, @brecorder-pasha-vpn-blocking:1]."),
        [f"{B}:11: the citation '@arabnews-vpn-licensing:2, @brecorder-pasha-vpn-blocking:1' separates its sources "
         "with ','; separate them with ';': '@arabnews-vpn-licensing:2; @brecorder-pasha-vpn-blocking:1'"]),
    "citation-trailing-semicolon": (brief("[@arabnews-vpn-licensing:1]", "[@arabnews-vpn-licensing:1;]"),
        [f"{B}:11: the citation has a ';' with no source after it; remove it or name the source"]),
    "citation-in-link-text": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                    "See [the report [@arabnews-vpn-licensing:1]](https://pta.gov.pk/r) "
                                    "[@arabnews-vpn-licensing:1]."),
        [f"{B}:11: a citation inside a link's text is shown as plain text, not as a citation; put it after the link"]),
    "escaped-mark-is-text": (brief("Body paragraph [@arabnews-vpn-licensing:1].", "Write \\[@source-id:3] to cite."),
        [f"{B}:11: this paragraph cites no source; add a citation such as [@source-id:3] at its end"]),
    "two-files-problems-in-one-pass": (both(brief("topics: [vpn-regulation]", "topics: [no-such-topic]", name="a.md"),
                                            brief(name="b.md", text=BRIEF.replace('title: "T"', 'title: "U"').replace(
                                                "Body paragraph [@arabnews-vpn-licensing:1].",
                                                "PTA licensed 977 firms [@arabnews-vpn-licensing:1]."))),
        ["briefings/a.md:5: topic 'no-such-topic' is not in content/registry/topics.yml; known topics: ai-policy, "
         "climate-finance, crypto-regulation, cybersecurity, digital-corridor, digital-infrastructure, digital-payments, "
         "internet-controls, it-exports, macroeconomy, telecom, trade-transit, vpn-regulation",
         "briefings/b.md:11: the number '977' does not appear in the paragraphs cited here (arabnews-vpn-licensing ¶1); "
         "cite the paragraph that states it, or correct the number"]),
    "claims-none": (brief("key_points:", "claims: none\nkey_points:"),
        [f"{B}:7: 'claims' must be a list, not 'none'; for none, write claims: [] or leave it out"]),
    "indented-paragraph": (brief("Body paragraph [@arabnews-vpn-licensing:1].",
                                 "Body paragraph [@arabnews-vpn-licensing:1].\n\n    Indented text [@arabnews-vpn-licensing:2]."),
        [f"{B}:13: this text is indented four spaces or a tab, so Markdown shows it as code; remove the indentation "
         "(for code, use a fenced block between ``` lines)"]),
    "date-month-13": (brief("date: 2025-11-22", "date: 2025-13-01"), [f"{B}:3: 'date': month 13 is not between 1 and 12"]),
    "briefing-cites-a-briefing": (brief("[@arabnews-vpn-licensing:1]", "[@vpn-regulation:1]"),
        [f"{B}:11: cites source 'vpn-regulation', {NOPE}"]),
    "briefing-cites-itself": (brief("[@arabnews-vpn-licensing:1]", "[@t:1]"), [f"{B}:11: cites source 't', {NOPE}"]),
    "paragraph-zero": (brief("[@arabnews-vpn-licensing:1]", "[@arabnews-vpn-licensing:0]"),
        [f"{B}:11: the citation of 'arabnews-vpn-licensing' names paragraph 0; paragraphs are numbered from 1"]),
    "paragraph-1e9": (brief("[@arabnews-vpn-licensing:1]", "[@arabnews-vpn-licensing:1000000000]"),
        [f"{B}:11: cites source 'arabnews-vpn-licensing' paragraph 1000000000, but that source has 9 paragraphs"]),
    "range-to-1e9": (brief("[@arabnews-vpn-licensing:1]", "[@arabnews-vpn-licensing:1-1000000000]"),
        [f"{B}:11: cites source 'arabnews-vpn-licensing' paragraph 1000000000, but that source has 9 paragraphs"]),
    "orphan-sidecar": (raw("content/sources/zz.meta.yml", b"publisher: X\n"),
        ["content/sources/zz.meta.yml:1: this sidecar belongs to no source file; expected a file named zz.txt, .md or .html beside it"]),
    "sidecar-named-with-the-source-suffix": (raw("content/sources/001_1c1675cb847be731.txt.meta.yml", b"publisher: X\n"),
        ["content/sources/001_1c1675cb847be731.txt.meta.yml:1: a sidecar is named after its source file without the .txt, "
         ".md or .html; rename this file 001_1c1675cb847be731.meta.yml"]),
    "sidecar-named-meta-yaml": (raw("content/sources/001_1c1675cb847be731.meta.yaml", b"publisher: X\n"),
        ["content/sources/001_1c1675cb847be731.meta.yaml: a sidecar's name ends in .meta.yml; rename this file "
         "001_1c1675cb847be731.meta.yml"]),
    "unsafe-date-type": (brief("date: 2025-11-22", "date: [2025]"), [f"{B}:3: 'date' must be text, not a list"]),
    # a registry file that cannot be read is one problem, not one more per reference to its ids
    "topics-file-unreadable": (raw("content/registry/topics.yml", b"- id: vpn-regulation\n  name: \"VPN\n"),
        ["content/registry/topics.yml:2: the YAML cannot be read: the quote opened on this line is never closed; "
         "add the closing quote"]),
    "entities-file-not-a-list": (raw("content/registry/entities.yml", b"id: pta\nname: PTA\n"),
        ["content/registry/entities.yml:1: the file should be a list of entities, each starting with '- id: ...', "
         "but it is a set of 'key: value' fields; put '- ' before the first field of each entity"]),
    "mark-in-summary": (brief('summary: "A summary."', 'summary: "A summary [@arabnews-vpn-licensing:1]."'),
        [f"{B}:4: 'summary' has a citation mark, which is shown as written outside the body; the summary, key points "
         "and 'why it matters' sum up the body, whose paragraphs carry the citations"]),
    "mark-in-key-point": (brief('  - "One point."', '  - "One point."\n  - "Two [@arabnews-vpn-licensing:2]."'),
        [f"{B}:9: item 2 of 'key_points' has a citation mark, which is shown as written outside the body; the summary, "
         "key points and 'why it matters' sum up the body, whose paragraphs carry the citations"]),
    "mark-in-claim-statement": (brief("key_points:", "claims:\n  - claimant: pta\n    claimant_type: regulator\n"
                                      "    point: P\n    statement: 'Said so [@arabnews-vpn-licensing:1].'\n"
                                      "    cite: '@arabnews-vpn-licensing:1'\nkey_points:"),
        [f"{B}:11: 'statement' in item 1 of 'claims' has a citation mark, which is shown as written outside the body; "
         "cite the claim in its 'cite:' field"]),
    "bold-in-summary": (brief('summary: "A summary."', 'summary: "A **new** summary."'),
        [f"{B}:4: 'summary' {PLAIN.format('**new**')}"]),
    "html-in-key-point": (brief('  - "One point."', '  - "One point."\n  - "Two <b>points</b>."'),
        [f"{B}:9: item 2 of 'key_points' {PLAIN.format('<b>')}"]),
    "link-in-claim-statement": (brief("key_points:", "claims:\n  - claimant: pta\n    claimant_type: regulator\n"
                                      "    point: P\n    statement: 'Said [so](https://pta.gov.pk/).'\n"
                                      "    cite: '@arabnews-vpn-licensing:1'\nkey_points:"),
        [f"{B}:11: 'statement' in item 1 of 'claims' {PLAIN.format('[so](https://pta.gov.pk/)')}"]),
    "italics-in-title": (brief('title: "T"', 'title: "The _Digital Nation_ Act"'),
        [f"{B}:2: 'title' {PLAIN.format('_Digital Nation_')}"]),
}

@pytest.mark.parametrize("summary", ["P@SHA says 2*3*4 is 24 and the cvas_data_licence id stays.",
                                     "Costs rose 5 * 3 per cent; fewer than <5 firms; a tag written `<b>` or `**x**`.",
                                     "An _unfinished underscore and a lone * star.",
                                     "Section 37(1) [amended] applies (see the notes)."])
def test_text_that_only_looks_like_formatting_is_plain(project: Path, summary: str) -> None:
    brief('summary: "A summary."', f"summary: '{summary}'")(project)
    result = check(project)
    assert result.exit_code == 0, result.output


def test_a_mark_in_backticks_in_a_front_matter_text_is_text(project: Path) -> None:
    brief('summary: "A summary."', 'summary: "Cite as `[@source-id:3]`."')(project)
    result = check(project)
    assert result.exit_code == 0, result.output


def check(project: Path):
    result = CliRunner().invoke(main, ["check", "--root", str(project)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def inputs(project: Path) -> dict[str, bytes]:
    return snapshot(project / "content") | {f"b/{k}": v for k, v in snapshot(project / "briefings").items()}


@pytest.mark.parametrize("name", sorted(FAILS))
def test_bad_input_is_reported_exactly(project: Path, name: str) -> None:
    setup, expected = FAILS[name]
    setup(project)
    before = inputs(project)
    started = time.monotonic()
    result = check(project)
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    problems = [line for line in result.output.splitlines() if not re.match(r"^\d+ problems? found", line) and line]
    assert problems == expected
    assert inputs(project) == before
    assert not any((project / "generated").iterdir())
    generated = CliRunner().invoke(main, ["generate", "--root", str(project)])
    assert generated.exit_code == 1 and not any((project / "generated").iterdir())


def test_an_update_in_the_month_of_publication_is_not_before_it(project: Path) -> None:
    brief("date: 2025-11-22", "date: 2025-11-22\nupdated: 2025-11")(project)
    result = check(project)
    assert result.exit_code == 0, result.output


def test_a_bracketed_time_or_verse_is_no_citation_without_its_at(project: Path) -> None:
    brief("Body paragraph [@arabnews-vpn-licensing:1].", "Surah [24:35] and the PTA [@arabnews-vpn-licensing:1].")(project)
    result = check(project)
    assert result.exit_code == 0, result.output


def test_100_mb_file_is_refused_by_size_quickly(project: Path) -> None:
    sparse_100mb(project)
    started = time.monotonic()
    result = check(project)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert "content/sources/big.txt: the file is 100.0 MB; the limit is 5 MB. Is it really an article?" in result.output.splitlines()


def generate_page(project: Path, page: str = "briefings/t.md") -> str:
    result = CliRunner().invoke(main, ["generate", "--root", str(project)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0, result.output
    return (project / "generated" / page).read_text("utf-8")


def test_utf16_with_bom_is_decoded(project: Path) -> None:
    (project / B).write_bytes(BRIEF.encode("utf-16"))
    assert "Body paragraph" in generate_page(project)


def test_mixed_line_endings_parse_like_lf(project: Path, tmp_path: Path) -> None:
    (project / B).write_text(BRIEF, "utf-8")
    lf = generate_page(project)
    mixed = BRIEF.replace("\n", "\r\n", 4).replace("\n", "\r", 3)
    assert "\r\n" in mixed and re.search("\r[^\n]", mixed)
    (project / B).write_bytes(mixed.encode())
    assert generate_page(project) == lf


def test_zero_width_rtl_and_urdu_survive(project: Path) -> None:
    urdu = "پاکستان میں وی پی این"
    (project / "content/sources/urdu.md").write_text(
        f"---\nid: urdu-src\ntitle: \"اردو \u200f ذریعہ\"\ndate: 2025-01-01\npublisher: P\nlanguage: ur\n---\n\n{urdu} پر پابندی۔\n", "utf-8")
    (project / B).write_text(BRIEF.replace('title: "T"', 'title: "VPN\u200b rules \u200f\u202e"')
                             .replace("sources: [arabnews-vpn-licensing]", "sources: [arabnews-vpn-licensing, urdu-src]")
                             .replace("[@arabnews-vpn-licensing:1]", "[@arabnews-vpn-licensing:1; @urdu-src:1]"), "utf-8")
    page = generate_page(project)
    assert "اردو \u200f ذریعہ" in page
    source = (project / "generated/sources/urdu-src.md").read_text("utf-8")
    assert f"{urdu} پر پابندی۔" in source


INJECTION = '''---
title: "<script>alert(1)</script> T\\"q\\"\\n</title><img src=x onerror=alert(1)> {: onclick=alert(1) }"
date: 2025-11-22
summary: "\\"><script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))"
why_it_matters: "](javascript:alert(1)) {: onclick=\\"alert(1)\\" }"
topics: [vpn-regulation]
sources: [arabnews-vpn-licensing]
key_points:
  - "<script>alert(2)</script>"
  - "[a](javascript:alert(1))"
---

Body <script>alert(x)</script> and <img src=x onerror=alert(x)> [c](javascript:alert(x)) [@arabnews-vpn-licensing:1].

[y]( javascript:alert(x)) [z](<javascript:alert(x)>) [w](JaVaScRiPt:alert(x)) [v](data:text/html,x) [@arabnews-vpn-licensing:2].

[q](java&#115;cript:alert(x)) ![i](https://tracker.example/p.png) [r][ref] <a href="javascript:alert(x)">a</a> [@arabnews-vpn-licensing:1].
{: onclick="alert(x)" }
[ref]: javascript:alert(x)

The [statement][next-line] and the [other][split
label] [@arabnews-vpn-licensing:1].
[next-line]:
    javascript:alert(document.cookie)
[split
label]: javascript:alert(x)
'''


def test_html_and_links_in_front_matter_texts_are_reported(project: Path) -> None:
    (project / B).write_text(INJECTION, "utf-8")
    result = check(project)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{B}:2: 'title' {PLAIN.format('<script>')}",
        f"{B}:4: 'summary' {PLAIN.format('<script>')}",
        f"{B}:9: item 1 of 'key_points' {PLAIN.format('<script>')}",
        f"{B}:10: item 2 of 'key_points' {PLAIN.format('[a](javascript:alert(1))')}",
        "4 problems found; fix them and run again."]


# The front matter's hostile texts that `briefing check` lets through (no tag, no whole link): the emitters
# must still escape them.
INJECTION_UNREPORTED = (INJECTION.replace("<script>alert(1)</script>", "< script>alert(1)</ script>")
                        .replace("</title>", "</ title>").replace("[x](javascript", "[x] (javascript")
                        .replace("<img src=x onerror=alert(1)>", "< img src=x onerror=alert(1)>")
                        .replace('"<script>alert(2)</script>"', '"&lt;script>alert(2)&lt;/script>"')
                        .replace('"[a](javascript:alert(1))"', '"[a] (javascript:alert(1))"'))


def test_injection_is_inert_in_markdown_and_html(project: Path) -> None:
    (project / B).write_text(INJECTION_UNREPORTED, "utf-8")
    page = generate_page(project)
    front, body = page.split("---\n", 2)[1:]
    assert not re.search(r"[<>]", front), front
    assert yaml.safe_load(front)["feed"]["title"].startswith("< script>alert(1)</ script>")  # the feed's data, intact
    html = render_markdown(body)
    tags = tags_of(html)
    assert {t for t, _ in tags} <= {"h1", "h2", "p", "em", "strong", "a", "ul", "li", "ol", "abbr"}, tags
    for tag, attrs in tags:
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            plain = re.sub(r"[\x00-\x20]", "", value or "").lower().lstrip("<")
            assert not plain.startswith(("javascript:", "vbscript:", "data:")), (tag, name, value)
    # In the Markdown, '<' from content only appears as '&lt;'.
    assert not re.search(r"<(?=[A-Za-z!/?])", body)


HOSTILE_SOURCE = """---
id: hostile-source
title: "PTA </div><script>alert(1)</script> title"
date: 2025-01-01
publisher: "P </div> <b>bold</b>"
---

The PTA said </div><script>alert(1)</script> and <div markdown="1">*x*</div> in a statement.

A second paragraph with { #p1 } and <!-- a comment --> and </div>.
"""


def test_source_text_cannot_break_out_of_the_unsearched_wrappers(project: Path) -> None:
    """Cited paragraphs and entity lists sit inside <div ... markdown> wrappers (for search); text from a
    source must not close a wrapper early or open one of its own."""
    (project / "content/sources/hostile.md").write_text(HOSTILE_SOURCE, "utf-8")
    (project / B).write_text(BRIEF.replace("sources: [arabnews-vpn-licensing]", "sources: [hostile-source]")
                             .replace("[@arabnews-vpn-licensing:1]", "[@hostile-source:1-2]"), "utf-8")
    page = generate_page(project, "sources/hostile-source.md")
    body = page.split("---\n", 2)[2]
    wrappers = body.count('<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>')
    assert wrappers == 6  # details, excerpt, cited paragraphs, cited by, who and what it names, related sources
    assert len(re.findall(r"<(?=[A-Za-z!/?])", body)) == 2 * wrappers  # only the wrappers' own tags
    html = render_markdown(body)
    tags = tags_of(html)
    assert [t for t, _ in tags].count("div") == wrappers
    assert {t for t, _ in tags} <= {"h1", "h2", "p", "em", "strong", "a", "ul", "li", "ol", "abbr", "div",
                                    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "code"}, tags
    assert html.count("</div>") == wrappers
    assert "&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.rstrip().endswith("</div>")


def tags_of(html: str) -> list[tuple[str, list]]:
    from html.parser import HTMLParser

    found: list[tuple[str, list]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


# --- output: atomic, hermetic, reproducible, nothing lost ---------------------------------------

def test_failed_build_leaves_previous_tree_identical(project: Path) -> None:
    assert CliRunner().invoke(main, ["generate", "--root", str(project)]).exit_code == 0
    before = snapshot(project / "generated")
    (project / B).write_text(BRIEF.replace("[@arabnews-vpn-licensing:1]", "[@nope-source:1]"), "utf-8")
    assert check(project).exit_code == 1
    assert CliRunner().invoke(main, ["generate", "--root", str(project)]).exit_code == 1
    assert snapshot(project / "generated") == before


def test_generator_makes_no_network_request(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = CliRunner().invoke(main, ["generate", "--root", str(project)])
    assert result.exit_code == 0 and result.exception is None, result.output


@pytest.mark.parametrize("command", [["check"], ["generate"], ["inspect"]])
def test_commands_leave_inputs_untouched(project: Path, command: list[str]) -> None:
    before = inputs(project)
    stamps = {p: p.stat().st_mtime_ns for p in (project / "content").rglob("*")}
    result = CliRunner().invoke(main, [*command, "--root", str(project)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert inputs(project) == before
    assert {p: p.stat().st_mtime_ns for p in (project / "content").rglob("*")} == stamps


MKDOCS = Path(sys.executable).with_name("mkdocs")
# Files that differ between two identical builds, and why (filled by the test's report).
NONDETERMINISTIC: set[str] = set()


def test_two_mkdocs_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    trees = []
    for run in ("one", "two"):
        result = subprocess.run([str(MKDOCS), "build", "-q", "--site-dir", str(tmp_path / run)], cwd=project, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        trees.append(with_search_filter_order_ignored(snapshot(tmp_path / run)))
        time.sleep(1.1)  # a clock-based timestamp would now differ
    assert trees[0].keys() == trees[1].keys()
    differ = sorted(k for k in trees[0] if trees[0][k] != trees[1][k])
    assert set(differ) <= NONDETERMINISTIC, differ
