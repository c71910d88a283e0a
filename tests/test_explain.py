"""One wording for problems in hand-edited YAML: front matter, sidecars and figure groups.

The registry files use the same wording (tests/test_registry.py); these cases cover what front matter,
sidecars and figure groups gained from it, each message exact, with its line.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from build_tools.errors import Problems
from build_tools.model.frontmatter import BriefingFrontMatter, SidecarFields
from build_tools.parse.explain import suggest_id, validate_fields
from build_tools.parse.figure_groups import load_figure_groups
from build_tools.parse.yaml_lines import FrontMatterError, YamlSyntaxError, load_yaml, split_front_matter
from conftest import BRIEFING_FRONT

def briefing_problems(old: str = "", new: str = "", extra: str = "") -> list[str]:
    text = BRIEFING_FRONT.replace(old, new, 1) + extra + "---\n\nBody.\n"
    problems = Problems()
    validate_fields(BriefingFrontMatter, split_front_matter(text).meta, "b.md", problems, "briefing")
    return [str(p) for p in problems]


def syntax_problem(old: str, new: str) -> str:
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(BRIEFING_FRONT.replace(old, new, 1) + "---\n\nBody.\n")
    return f"b.md:{caught.value.line}: {caught.value.message}"


@pytest.mark.parametrize("written, kind", [("yes", "a yes/no value"), ("2024", "a number"), ("1.0", "a number")])
def test_a_value_yaml_reads_as_no_text_gets_the_quotes_that_fix_it(written: str, kind: str) -> None:
    assert briefing_problems('title: "T"', f"title: {written}") == [
        f"b.md:2: 'title' must be text, but YAML reads {written} as {kind}; put it in quotes: \"{written}\""]


def test_a_bad_list_element_points_at_its_own_line() -> None:
    assert briefing_problems('  - "One point."', '  - "One point."\n  - 2024') == [
        "b.md:9: item 2 of 'key_points' must be text, but YAML reads 2024 as a number; put it in quotes: \"2024\""]
    listed = "sources:\n  - arabnews-vpn-licensing\n  - Dawn_VPN"
    assert briefing_problems("sources: [arabnews-vpn-licensing]", listed) == [
        "b.md:8: item 2 of 'sources' is 'Dawn_VPN', which is not a valid id; use only lower-case letters a-z, digits "
        "and single hyphens, e.g. 'dawn-vpn'"]


def test_an_id_that_is_too_long_says_so() -> None:
    assert briefing_problems("sources: [arabnews-vpn-licensing]", f"sources: [{'a-' * 45}b]") == [
        f"b.md:6: item 1 of 'sources' is 91 characters long; an id has at most 80, e.g. '{('a-' * 40)[:-1]}'"]


def test_nested_fields_are_named_from_the_inside_out() -> None:
    claim = "claims:\n  - claimant: pta\n    claimnt_type: regulator\n    point: P\n    statement: S\n    cite: '@a'\n"
    assert briefing_problems(extra=claim) == [
        "b.md:10: item 1 of 'claims' has no 'claimant_type'; add a line 'claimant_type: ...'",
        "b.md:11: item 1 of 'claims' has an unknown field 'claimnt_type'; did you mean 'claimant_type'?",
    ]
    event = "events:\n  - date: 2025\n    title: yes\n    cite: '@a:1'\n    measure: pta\n    status: in force\n"
    assert briefing_problems(extra=event) == [
        "b.md:11: 'title' in item 1 of 'events' must be text, but YAML reads yes as a yes/no value; put it in quotes: "
        "\"yes\"",
        "b.md:14: item 1 of 'events' has status 'in force', which is not allowed; use one of: announced, adopted, "
        "in-force, suspended, revoked (did you mean 'in-force'?)",
    ]


def test_missing_and_empty_fields_say_what_to_write() -> None:
    assert briefing_problems('summary: "A summary."\n', "") == [
        "b.md:2: the briefing has no 'summary'; add a line 'summary: ...'"]
    assert briefing_problems('title: "T"', "title:", extra="why_it_matters: ''\nentities:\nclaims:\n  -\n") == [
        "b.md:2: 'title' is empty; fill it in",
        "b.md:9: 'why_it_matters' is empty; fill it in or remove the line",
        "b.md:10: 'entities' is empty; list at least one or remove the line",
        "b.md:12: item 1 of 'claims' is empty; fill it in or remove the item",
    ]


def test_a_key_given_twice_is_reported_with_the_other_problems() -> None:
    assert briefing_problems('title: "T"', 'title: "T"\ntitle: "U"\ntitel: x') == [
        "b.md:3: the briefing gives the field 'title' twice (first at line 2); keep only one",
        "b.md:4: the briefing has an unknown field 'titel'; did you mean 'title'?",
    ]


def test_sidecar_fields_in_words() -> None:
    text = "publsher: X\nurl: www.x.com\nlanguage: English\nfull_text: maybe\narticles:\n  - id: A_b\n    foo: 1\n"
    problems = Problems()
    validate_fields(SidecarFields, load_yaml(text), "s.meta.yml", problems, "sidecar")
    assert sorted(str(p) for p in problems) == [
        "s.meta.yml:1: the sidecar has an unknown field 'publsher'; did you mean 'publisher'?",
        "s.meta.yml:2: 'url' must be a web address starting with https:// or http://",
        "s.meta.yml:3: 'language' is 'English', which is not a language code; write a code such as 'en' or 'ur'",
        "s.meta.yml:4: 'full_text' must be true or false, not 'maybe'",
        "s.meta.yml:6: 'id' in item 1 of 'articles' is 'A_b', which is not a valid id; use only lower-case letters "
        "a-z, digits and single hyphens, e.g. 'a-b'",
        "s.meta.yml:7: item 1 of 'articles' has an unknown field 'foo'; the allowed fields are: id, title, date, "
        "publisher, author, dateline, url, licence, full_text, language, summary, topics",
    ]


def test_figure_groups_are_named_by_their_id(tmp_path: Path) -> None:
    path = tmp_path / "figures.yml"
    path.write_text("""\
- id: it-exports
  label: IT exports
  unit: USD
  description: Exports.
  figures:
    - value: 3.8 billion
      text: "$3.8 billion"
      period: FY2024-25
      date: 2025
      cite: "@a:1"
- label: No id
  unit: USD
  description: Missing its id.
  figures: []
""", "utf-8")
    problems = Problems()
    assert load_figure_groups(path, problems) == {}
    assert [str(p) for p in problems] == [
        f"{path.as_posix()}:6: 'value' in item 1 of 'figures' of figure group 'it-exports' must be a number in plain "
        "digits, not '3.8 billion'",
        f"{path.as_posix()}:11: the figure group at line 11 has no 'id'; add a line 'id: ...' with a short lower-case "
        "id such as 'no-id'",
        f"{path.as_posix()}:14: 'figures' of the figure group at line 11 is empty; list at least one",
    ]


@pytest.mark.parametrize("old, new, expected", [
    ('summary: "A summary."', 'summary: "A summary.',
     "b.md:4: the YAML cannot be read: the quote opened on this line is never closed; add the closing quote"),
    ('title: "T"', 'title: "T" and more',
     "b.md:2: the YAML cannot be read: this line has text after the closing quote; put the whole text in the quotes, "
     "and inside double quotes write \\\" for a quotation mark"),
    ("topics: [vpn-regulation]", "topics: [vpn-regulation",
     "b.md:5: the YAML cannot be read: the list opened with '[' on this line is not closed with ']' (or one of its "
     "items contains ': ' and needs quotes)"),
    ('title: "T"', "title: VPNs: what changed",
     "b.md:2: the YAML cannot be read: this line has ': ' where YAML does not expect it; if it is part of a text, "
     "put the whole text in double quotes"),
    ('  - "One point."', '\t- "One point."',
     "b.md:8: the YAML cannot be read: this line contains a tab; indent with spaces only"),
    ('title: "T"', "title: @pta says",
     "b.md:2: the YAML cannot be read: a text cannot start with '@' unless it is in quotes; put the whole text in "
     "double quotes"),
    ('title: "T"', 'title: "C:\\path"',
     "b.md:2: the YAML cannot be read: inside double quotes a backslash starts a special character; write \\\\ for a "
     "backslash, or put the text in single quotes"),
])
def test_yaml_syntax_errors_in_front_matter_are_explained(old: str, new: str, expected: str) -> None:
    assert syntax_problem(old, new) == expected


def test_a_legitimate_multi_line_quote_is_not_blamed() -> None:
    text = 'title: "A long\n  title"\ntopics: [a\n'
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text)
    assert (caught.value.line, caught.value.message) == (
        3, "the YAML cannot be read: the list opened with '[' on this line is not closed with ']' (or one of its "
           "items contains ': ' and needs quotes)")


def test_aliases_that_repeat_values_billions_of_times_are_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("\n".join(lines), first_line=2)
    assert (caught.value.line, caught.value.message) == (
        2, "the YAML cannot be read: its aliases (*name) repeat more values than the file holds; write the values "
           "out instead")
    assert load_yaml("base: &b {unit: USD}\nfirst: *b\n").data == {"base": {"unit": "USD"}, "first": {"unit": "USD"}}


def test_merge_keys_are_reported_and_not_merged() -> None:
    """Nested merges of one anchor double at each level: 26 lines of them made PyYAML build 67 million
    fields and run out of memory before any limit could stop it."""
    lines = ["m0: &m0 {k: 1, j: 2}"] + [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, 27)]
    loaded = load_yaml("\n".join(lines), first_line=2)
    assert loaded.data["m26"] == {}
    assert [(issue.path, issue.line, issue.kind) for issue in loaded.issues][:2] == [
        (("m1",), 3, "merge-key"), (("m2",), 4, "merge-key")]
    assert len(loaded.issues) == 26
    loaded = load_yaml("base: &b {unit: USD}\nsecond:\n  <<: *b\n  note: x\n")
    assert loaded.data["second"] == {"note": "x"}
    problems = Problems()
    validate_fields(_Note, loaded, "f.yml", problems, "entry", at=("second",))
    assert [str(p) for p in problems] == [
        "f.yml:3: the entry has '<<', which would copy in the fields of another entry; this file does not support "
        "it, so write those fields out in full"]


class _Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str


def test_timestamps_stay_text_and_yes_is_a_field_name() -> None:
    loaded = load_yaml("date: 2025-11-22\nyes: 1\n")
    assert loaded.data == {"date": "2025-11-22", "yes": 1}
    assert loaded.raw == {("yes",): "1"}


@pytest.mark.parametrize("text, expected", [("PAFLA_org", "pafla-org"), ("../evil", "evil"), ("", "my-id"),
                                            ("x" * 100, "x" * 80)])
def test_suggested_ids_are_valid(text: str, expected: str) -> None:
    assert suggest_id(text) == expected
