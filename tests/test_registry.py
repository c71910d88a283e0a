"""The registry files: the real ones load cleanly; every mistake is reported as ``path:line: message``."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is used from the checkout, not installed
    sys.path.insert(0, str(ROOT))

from build_tools.parse.registry import glossary, load_registry  # noqa: E402

REGISTRY = ROOT / "content" / "registry"

TOPICS = """\
- id: telecom
  name: Telecommunications
  description: The telecom sector.
- id: vpn-regulation
  name: VPN regulation
  description: VPN rules.
"""
ENTITIES = """\
- id: pta
  name: Pakistan Telecommunication Authority
  type: organisation
  abbreviation: PTA
  description: Pakistan's telecommunications regulator.
  topics: [telecom]
"""
ABBREVIATIONS = """\
- abbr: VPN
  expansion: virtual private network
"""


def load(tmp_path: Path, entities: str = ENTITIES, topics: str = TOPICS,
         abbreviations: str = ABBREVIATIONS):
    for name, text in (("entities.yml", entities), ("topics.yml", topics),
                       ("abbreviations.yml", abbreviations)):
        if text is not None:
            (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_registry(tmp_path)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# ------------------------------------------------------------------------------ the real files

@pytest.fixture(scope="module")
def real():
    registry, problems = load_registry(REGISTRY)
    return registry, problems


def test_real_registry_loads_without_problems(real):
    registry, problems = real
    assert messages(problems) == []
    assert len(registry.entities) >= 70
    assert len(registry.topics) >= 10
    assert len(registry.abbreviations) >= 15


EXPECTED_ENTITIES = {
    "organisation": [
        "pta", "pasha", "adb", "carec", "imf", "pvara", "pakistan-crypto-council", "sifc", "moitt", "nrtc",
        "binance", "jazzcash", "fauji-foundation", "google", "tech-valley", "allied", "sbp",
        "ministry-of-finance", "ecp", "pafla", "land-port-authority", "pakistan-single-window", "nadra",
        "fbr", "pkcert", "national-cybersecurity-authority", "pia", "wef", "dco", "reuters", "x-platform",
        "pm-office", "business-recorder", "infocus", "block-news-international",
    ],
    "person": [
        "abdul-aleem-khan", "nigel-clarke", "muhammad-aurangzeb", "bilal-bin-saqib", "richard-teng",
        "sajjad-mustafa-syed", "m-wasim", "arry-hashemi",
    ],
    "place": ["pakistan", "islamabad", "karachi", "bishkek", "central-asia"],
    "measure": [
        "cvas-data-licensing", "national-ai-policy-2025", "cybersecurity-act-2025",
        "national-cybersecurity-policy-2021", "peca", "virtual-assets-ordinance-2025",
        "national-digital-asset-framework", "land-port-authority-act", "tir-etir", "raast", "bisp", "eff",
        "rsf", "csppf", "vpn-registration", "nationwide-firewall", "surplus-power-allocation",
        "chromebook-assembly-line", "central-asia-digital-corridor",
    ],
}


@pytest.mark.parametrize("entity_type,entity_id",
                         [(t, i) for t, ids in EXPECTED_ENTITIES.items() for i in ids])
def test_real_registry_has_entity(real, entity_type, entity_id):
    registry, _ = real
    assert entity_id in registry.entities
    entity = registry.entities[entity_id]
    assert entity.type == entity_type
    assert entity.path == "content/registry/entities.yml"
    assert entity.line >= 1
    assert entity.description.strip()


def test_real_registry_abbreviations_and_aliases(real):
    registry, _ = real
    e = registry.entities
    assert {e[i].abbreviation for i in ("pta", "pasha", "adb", "carec", "imf", "pvara", "sifc", "nrtc",
                                         "raast", "bisp", "eff", "rsf", "csppf", "peca", "nadra", "fbr")} == {
        "PTA", "P@SHA", "ADB", "CAREC", "IMF", "PVARA", "SIFC", "NRTC", "RAAST", "BISP", "EFF", "RSF",
        "CSPPF", "PECA", "NADRA", "FBR"}
    assert e["pakistan-crypto-council"].abbreviation == "PCC"
    assert e["moitt"].abbreviation == "MoITT"
    assert e["cvas-data-licensing"].abbreviation == "CVAS"
    assert {"Ministry of IT and Telecommunications", "Ministry of Information Technology and Telecom"} <= set(
        e["moitt"].aliases)
    assert "Raast Instant Payment System" in {e["raast"].name, *e["raast"].aliases}
    assert "Benazir Income Support Program" in e["bisp"].aliases
    assert "finance ministry" in e["ministry-of-finance"].aliases
    assert "election commission" in e["ecp"].aliases


def test_real_registry_people_have_short_names_not_surname_aliases(real):
    registry, _ = real
    people = [e for e in registry.entities.values() if e.type == "person"]
    assert len(people) >= 8
    for person in people:
        assert all(len(alias.split()) > 1 for alias in person.aliases), person.id
    assert registry.entities["abdul-aleem-khan"].short_names == ["Khan"]
    assert set(registry.entities["sajjad-mustafa-syed"].short_names) == {"Syed", "Sajjad"}
    for entity in registry.entities.values():
        if entity.type != "person":
            assert entity.short_names == []
    for alias in ("Khan", "Syed", "Sajjad", "Aurangzeb", "Teng", "Clarke"):
        assert all(alias not in e.aliases for e in registry.entities.values())


def test_real_registry_topics(real):
    registry, _ = real
    for topic_id in ("vpn-regulation", "internet-controls", "it-exports", "digital-corridor", "ai-policy",
                     "crypto-regulation", "digital-payments", "cybersecurity", "telecom", "macroeconomy"):
        assert topic_id in registry.topics
        assert registry.topics[topic_id].name and registry.topics[topic_id].description
    used = {t for e in registry.entities.values() for t in e.topics}
    assert used <= set(registry.topics)


def test_real_glossary_is_union(real):
    registry, _ = real
    terms = glossary(registry)
    for abbr in ("VPN", "ICT", "IT", "ITeS", "GDP", "VASP", "CII", "IoT", "ERP", "BPO", "EMI", "PoS", "SME",
                 "AI", "FY", "5G"):
        assert abbr in registry.abbreviations
        assert abbr in terms
    for abbr in ("PTA", "CVAS", "CAREC", "PVARA", "RAAST", "EFF"):
        assert abbr in terms
        assert abbr not in registry.abbreviations  # entity abbreviations live in entities.yml only
    assert terms["PTA"] == "Pakistan Telecommunication Authority"


# --------------------------------------------------------------------------------- error cases

def test_minimal_registry_is_valid(tmp_path):
    registry, problems = load(tmp_path)
    assert messages(problems) == []
    pta = registry.entities["pta"]
    assert (pta.name, pta.type, pta.abbreviation, pta.topics, pta.line) == (
        "Pakistan Telecommunication Authority", "organisation", "PTA", ["telecom"], 1)
    assert registry.topics["vpn-regulation"].line == 4
    assert registry.abbreviations == {"VPN": "virtual private network"}


def test_missing_field(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  type: organisation
  description: A freelancers' association.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:7: entity 'pafla' has no 'name'; add a line 'name: ...'"]


def test_missing_id(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- name: Pakistan Freelancers Association
  type: organisation
  description: A freelancers' association.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:7: the entity at line 7 has no 'id'; add a line 'id: ...' with a "
        "short lower-case id such as 'pakistan-freelancers-association'"]


def test_empty_fields(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: "  "
  type: organisation
  description:
""")
    assert messages(problems) == [
        "content/registry/entities.yml:8: 'name' of entity 'pafla' is empty; fill it in",
        "content/registry/entities.yml:10: 'description' of entity 'pafla' is empty; fill it in",
    ]


def test_empty_optional_fields_may_be_removed(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: Pakistan Freelancers Association
  type: organisation
  abbreviation: ""
  aliases:
    - PAFLA
    -
  description: A freelancers' association.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:10: 'abbreviation' of entity 'pafla' is empty; fill it in or remove the line",
        "content/registry/entities.yml:13: item 2 of 'aliases' of entity 'pafla' is empty; fill it in or remove "
        "the item",
    ]


def test_bad_id(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: PAFLA_org
  name: Pakistan Freelancers Association
  type: organisation
  description: A freelancers' association.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:7: 'id' of the entity at line 7 is 'PAFLA_org', which is not a valid id; "
        "use only lower-case letters a-z, digits and single hyphens, e.g. 'pafla-org'"]
    assert list(registry.entities) == ["pta"] and registry.rejected_entities == {"PAFLA_org", "pafla-org"}


def test_unknown_type_lists_allowed_values(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: Pakistan Freelancers Association
  type: organization
  description: A freelancers' association.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:9: entity 'pafla' has type 'organization', which is not allowed; use "
        "one of: organisation, person, place, measure (did you mean 'organisation'?)"]


def test_unknown_field_is_a_typo(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: Pakistan Freelancers Association
  type: organisation
  description: A freelancers' association.
  alias: [PAFLA]
""")
    assert messages(problems) == [
        "content/registry/entities.yml:11: entity 'pafla' has an unknown field 'alias'; did you mean "
        "'aliases'?"]
    _, problems = load(tmp_path, ENTITIES + "  homepage: https://www.pta.gov.pk/\n")
    assert messages(problems) == [
        "content/registry/entities.yml:7: entity 'pta' has an unknown field 'homepage'; the allowed fields are: "
        "id, name, type, description, abbreviation, aliases, short_names, topics, url"]


def test_duplicate_id_names_both_lines(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: pta
  name: Another Authority
  type: organisation
  description: Something else.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:7: entity 'pta' is defined twice (first at line 1); give each entity "
        "its own id"]
    assert registry.entities["pta"].name == "Pakistan Telecommunication Authority"


def test_abbreviation_claimed_by_two_entities(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: pakistan-tourism-authority
  name: Pakistan Tourism Authority
  type: organisation
  abbreviation: PTA
  description: A made-up body for this test.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:10: abbreviation 'PTA' is claimed by entity "
        "'pakistan-tourism-authority' and by entity 'pta' (line 4); an abbreviation can belong to one "
        "entity only"]
    assert registry.entities["pakistan-tourism-authority"].abbreviation is None


def test_unknown_topic_points_at_the_list_item(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: Pakistan Freelancers Association
  type: organisation
  description: A freelancers' association.
  topics:
    - telecom
    - vpn-regulaton
""")
    assert messages(problems) == [
        "content/registry/entities.yml:13: entity 'pafla' lists topic 'vpn-regulaton', which is not defined "
        "in content/registry/topics.yml; did you mean 'vpn-regulation'? use a topic id from that file or add "
        "the topic there"]
    assert registry.entities["pafla"].topics == ["telecom"]


def test_yaml_that_does_not_parse(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: Pakistan Freelancers Association
  type: organisation
  description: Freelancers: a support group.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:10: the YAML cannot be read: this line has ': ' where YAML does "
        "not expect it; if it is part of a text, put the whole text in double quotes"]


def test_yaml_bad_indentation_tab_and_unclosed_quote(tmp_path):
    _, problems = load(tmp_path, "- id: pta\n  name: PTA\n type: organisation\n")
    assert messages(problems) == [
        "content/registry/entities.yml:3: the YAML cannot be read: this line is not indented like the "
        "lines around it; line up each field under the one above it, and start each new item with '- '"]
    _, problems = load(tmp_path, "- id: pta\n\tname: PTA\n")
    assert messages(problems) == [
        "content/registry/entities.yml:2: the YAML cannot be read: this line contains a tab; indent with "
        "spaces only"]
    _, problems = load(tmp_path, '- id: pta\n  name: "PTA\n  type: organisation\n')
    assert messages(problems) == [
        "content/registry/entities.yml:2: the YAML cannot be read: the quote opened on this line is never "
        "closed; add the closing quote"]
    _, problems = load(tmp_path, '- id: pta\n  name: "PTA\n  type: organisation\n  description: "x"\n')
    assert messages(problems) == [
        "content/registry/entities.yml:2: the YAML cannot be read: the quote opened on this line is never "
        "closed; add the closing quote"]
    _, problems = load(tmp_path, "- id: pta\n  aliases: [a, b\n- id: x\n")
    assert messages(problems) == [
        "content/registry/entities.yml:2: the YAML cannot be read: the list opened with '[' on this line "
        "is not closed with ']' (or one of its items contains ': ' and needs quotes)"]


def test_file_that_is_not_a_list(tmp_path):
    _, problems = load(tmp_path, "id: pta\nname: Pakistan Telecommunication Authority\n")
    assert messages(problems) == [
        "content/registry/entities.yml:1: the file should be a list of entities, each starting with "
        "'- id: ...', but it is a set of 'key: value' fields; put '- ' before the first field of each entity"]


def test_empty_file_and_item_that_is_not_a_mapping(tmp_path):
    _, problems = load(tmp_path, "# nothing yet\n")
    assert messages(problems) == [
        "content/registry/entities.yml:1: the file has no entities; it should be a list of entities, each "
        "starting with '- id: ...'"]
    _, problems = load(tmp_path, ENTITIES + "- Pakistan Freelancers Association\n")
    assert messages(problems) == [
        "content/registry/entities.yml:7: item 2 of the list is not an entity; each entity is a set of "
        "'key: value' lines starting with '- id: ...'"]


def test_file_that_is_not_utf8(tmp_path):
    load(tmp_path)
    (tmp_path / "abbreviations.yml").write_bytes(ABBREVIATIONS.encode() + "- abbr: caf\xe9\n".encode("latin-1"))
    registry, problems = load_registry(tmp_path)
    assert messages(problems) == [
        "content/registry/abbreviations.yml:3: the file is not UTF-8 text (it may be binary or in another "
        "encoding); save it as UTF-8"]
    assert list(registry.entities) == ["pta"]


def test_missing_file(tmp_path):
    _, problems = load(tmp_path, abbreviations=None)
    assert messages(problems) == [
        "content/registry/abbreviations.yml: file not found; the registry needs this file, a list of "
        "abbreviations"]


def test_field_given_twice(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: Pakistan Freelancers Association
  name: PAFLA
  type: organisation
  description: A freelancers' association.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:9: entity 'pafla' gives the field 'name' twice (first at line 8); "
        "keep only one"]
    assert registry.entities["pafla"].name == "Pakistan Freelancers Association"  # the first is kept


def test_values_yaml_reads_as_something_else(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: norway-fund
  name: 1.0
  type: measure
  abbreviation: NO
  aliases: [Fund, 5]
  description: A made-up measure for this test.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:8: 'name' of entity 'norway-fund' must be text, but YAML reads "
        "1.0 as a number; put it in quotes: \"1.0\"",
        "content/registry/entities.yml:10: 'abbreviation' of entity 'norway-fund' must be text, but YAML reads "
        "NO as a yes/no value; put it in quotes: \"NO\"",
        "content/registry/entities.yml:11: item 2 of 'aliases' of entity 'norway-fund' must be text, but YAML "
        "reads 5 as a number; put it in quotes: \"5\"",
    ]


def test_a_bad_list_element_points_at_its_own_line(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: pafla
  name: Pakistan Freelancers Association
  type: organisation
  aliases:
    - PAFLA
    - yes
  topics:
    - telecom
    - VPN Regulation
  description: A freelancers' association.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:12: item 2 of 'aliases' of entity 'pafla' must be text, but YAML reads "
        "yes as a yes/no value; put it in quotes: \"yes\"",
        "content/registry/entities.yml:15: item 2 of 'topics' of entity 'pafla' is 'VPN Regulation', which is not "
        "a valid id; use only lower-case letters a-z, digits and single hyphens, e.g. 'vpn-regulation'",
    ]
    assert "pafla" not in registry.entities and registry.rejected_entities == {"pafla"}


def test_a_date_is_text(tmp_path):
    registry, problems = load(tmp_path, ENTITIES.replace("description: Pakistan's telecommunications regulator.",
                                                         "description: 2025-01-01"))
    assert messages(problems) == []
    assert registry.entities["pta"].description == "2025-01-01"


def test_list_expected(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: abdul-aleem-khan
  name: Abdul Aleem Khan
  type: person
  short_names: Khan
  description: A federal minister.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:10: 'short_names' of entity 'abdul-aleem-khan' must be a list, not 'Khan'; "
        "write short_names: [Khan] or one '- item' per line below it"]


def test_short_names_only_for_persons(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: allied
  name: Allied
  type: organisation
  short_names: [Ally]
  description: A company.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:10: entity 'allied' is an organisation; only persons may have "
        "'short_names' (use 'aliases' for other spellings)"]
    assert registry.entities["allied"].short_names == []


def test_spelling_shared_by_two_entities(tmp_path):
    _, problems = load(tmp_path, ENTITIES + """\
- id: telecom-authority
  name: Telecom Authority
  type: organisation
  aliases:
    - Pakistan telecommunication authority
  description: A made-up duplicate.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:11: the alias 'Pakistan telecommunication authority' of entity "
        "'telecom-authority' is also a name, alias or abbreviation of entity 'pta' (line 2); each spelling "
        "may point to one entity only, so remove it from one of them"]


def test_bad_url(tmp_path):
    _, problems = load(tmp_path, ENTITIES + "  url: www.pta.gov.pk\n")
    assert messages(problems) == [
        "content/registry/entities.yml:7: 'url' of entity 'pta' must be a web address starting with https:// "
        "or http://"]


def test_topic_errors(tmp_path):
    _, problems = load(tmp_path, topics=TOPICS + """\
- id: telecom
  name: Telecom again
  description: Duplicate.
- id: Internet Controls
  name: Internet controls
  description: Blocking.
- id: ai-policy
  name: AI policy
""")
    assert messages(problems) == [
        "content/registry/topics.yml:7: topic 'telecom' is defined twice (first at line 1); give each topic "
        "its own id",
        "content/registry/topics.yml:10: 'id' of the topic at line 10 is 'Internet Controls', which is not a "
        "valid id; use only lower-case letters a-z, digits and single hyphens, e.g. 'internet-controls'",
        "content/registry/topics.yml:13: topic 'ai-policy' has no 'description'; add a line "
        "'description: ...'",
    ]


def test_abbreviation_errors(tmp_path):
    registry, problems = load(tmp_path, abbreviations=ABBREVIATIONS + """\
- abbr: PTA
  expansion: Pakistan Telecommunication Authority
- abbr: VPN
  expansion: virtual private network
- abbr: ICT
  expension: information and communication technology
""")
    assert messages(problems) == [
        "content/registry/abbreviations.yml:3: abbreviation 'PTA' is already the abbreviation of entity 'pta' "
        "(content/registry/entities.yml line 4); remove it from this file, since entity abbreviations appear "
        "in the glossary automatically",
        "content/registry/abbreviations.yml:5: abbreviation 'VPN' is defined twice (first at line 1); keep "
        "only one",
        "content/registry/abbreviations.yml:7: abbreviation 'ICT' has no 'expansion'; add a line "
        "'expansion: ...'",
        "content/registry/abbreviations.yml:8: abbreviation 'ICT' has an unknown field 'expension'; did you "
        "mean 'expansion'?",
    ]
    assert registry.abbreviations == {"VPN": "virtual private network"}


def test_display_path_is_used(tmp_path):
    (tmp_path / "entities.yml").write_text("- id: x\n", encoding="utf-8")
    (tmp_path / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (tmp_path / "abbreviations.yml").write_text(ABBREVIATIONS, encoding="utf-8")
    _, problems = load_registry(tmp_path, display_path="site/registry/")
    assert messages(problems)[0].startswith("site/registry/entities.yml:1: entity 'x' has no 'name'")


def test_abbreviation_with_markdown_syntax_is_refused(tmp_path: Path) -> None:
    import shutil

    from build_tools.parse.registry import load_registry

    folder = tmp_path / "registry"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content" / "registry", folder)
    entities = folder / "entities.yml"
    text = entities.read_text("utf-8")
    assert "  abbreviation: PTA\n" in text
    entities.write_text(text.replace("  abbreviation: PTA\n", '  abbreviation: "PTA]: x"\n', 1), "utf-8")
    line = entities.read_text("utf-8").split("\n").index('  abbreviation: "PTA]: x"') + 1
    _, problems = load_registry(folder)
    assert [str(p) for p in problems] == [
        f"content/registry/entities.yml:{line}: 'abbreviation' of entity 'pta' is 'PTA]: x', which is not an "
        "abbreviation; use up to 20 letters, digits and @ & . / + - (no spaces or brackets), e.g. 'PTA' or 'P@SHA'"]


def test_an_abbreviation_may_not_be_another_entitys_name_in_capitals(tmp_path):
    """Names match in capitals too, so an alias 'PTA' (or 'Pta') of one entity and the abbreviation
    'PTA' of another would both claim every 'PTA': whichever came first took the links."""
    registry, problems = load(tmp_path, """\
- id: pta-lahore
  name: PTA Lahore Office
  type: organisation
  description: A made-up office.
  aliases: [Pta]
""" + ENTITIES)
    assert messages(problems) == [
        "content/registry/entities.yml:9: the abbreviation 'PTA' of entity 'pta' is also a name, alias or "
        "abbreviation of entity 'pta-lahore' (line 5); each spelling may point to one entity only, so remove "
        "it from one of them"]
    assert registry.entities["pta"].abbreviation is None


@pytest.mark.parametrize(("field", "spelling", "reason"), [
    ("aliases", "The", "is a common word"),
    ("aliases", "a", "is a common word"),
    ("aliases", "'-'", "has no letter"),
    ("aliases", "'2025'", "has no letter"),
    ("abbreviation", "I", "is a common word"),
    ("abbreviation", "it", "is a common word"),
])
def test_a_spelling_that_would_match_ordinary_text_is_refused(tmp_path, field, spelling, reason):
    entity = ENTITIES.replace("  abbreviation: PTA\n", "") + (
        f"  aliases: [{spelling}]\n" if field == "aliases" else f"  abbreviation: {spelling}\n")
    registry, problems = load(tmp_path, entity)
    shown = spelling.strip("'")
    kind = "alias" if field == "aliases" else "abbreviation"
    assert messages(problems) == [
        f"content/registry/entities.yml:6: the {kind} '{shown}' of entity 'pta' {reason}, so every '{shown}' in "
        "the sources would be linked to this entity; remove it or write the spelling the sources use"]
    assert registry.entities["pta"].aliases == [] and registry.entities["pta"].abbreviation is None


def test_a_persons_short_name_that_is_a_common_word_is_refused(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: nigel-clarke
  name: Nigel Clarke
  type: person
  short_names: [Clarke, The]
  description: An IMF deputy managing director.
""")
    assert messages(problems) == [
        "content/registry/entities.yml:10: the short name 'The' of entity 'nigel-clarke' is a common word, so "
        "every 'The' in the sources would be linked to this entity; remove it or write the spelling the "
        "sources use"]
    assert registry.entities["nigel-clarke"].short_names == ["Clarke"]


def test_capitals_and_mixed_case_abbreviations_are_accepted(tmp_path):
    """Abbreviations are matched exactly as written: 'IT' and 'bps' are abbreviations, 'it' and 'A' words."""
    registry, problems = load(tmp_path, abbreviations="""\
- abbr: bps
  expansion: bits per second
- abbr: IT
  expansion: information technology
- abbr: Rs
  expansion: rupees
- abbr: 5G
  expansion: fifth-generation mobile networks
- abbr: it
  expansion: a pronoun
- abbr: A
  expansion: ampere
- abbr: '-'
  expansion: minus
""")
    assert messages(problems) == [
        "content/registry/abbreviations.yml:9: abbreviation 'it' is a common word, so every 'it' on the site would "
        "get this tooltip; write it as printed (e.g. 'VPN')",
        "content/registry/abbreviations.yml:11: abbreviation 'A' is a common word, so every 'A' on the site "
        "would get this tooltip; write it as printed (e.g. 'VPN')",
        "content/registry/abbreviations.yml:13: abbreviation '-' has no letter, so every '-' on the site would "
        "get this tooltip; write it as printed (e.g. 'VPN')",
    ]
    assert registry.abbreviations == {"bps": "bits per second", "IT": "information technology", "Rs": "rupees",
                                      "5G": "fifth-generation mobile networks"}


def test_an_abbreviation_that_is_an_entitys_alias_is_refused(tmp_path):
    """'Raast' in abbreviations.yml beside the entity whose alias it is: two glossary entries, two meanings."""
    registry, problems = load(tmp_path, ENTITIES + "  aliases: [Telecom]\n", abbreviations="""\
- abbr: TELECOM
  expansion: a made-up expansion
""")
    assert messages(problems) == [
        "content/registry/abbreviations.yml:1: abbreviation 'TELECOM' is also a name, alias or abbreviation "
        "of entity 'pta' (content/registry/entities.yml line 7), so it would link to that entity and be explained as "
        "something else; remove it from this file (or make it that entity's 'abbreviation:')"]
    assert registry.abbreviations == {}


def test_a_refused_entity_abbreviation_belongs_to_no_one(tmp_path):
    registry, problems = load(tmp_path, ENTITIES + """\
- id: raast
  name: Raast
  type: measure
  description: The instant payment system.
- id: raast-authority
  name: Raast Authority
  type: organisation
  abbreviation: RAAST
  description: A made-up body.
""", abbreviations="""\
- abbr: RAAST
  expansion: a made-up expansion
""")
    assert messages(problems) == [
        "content/registry/entities.yml:14: the abbreviation 'RAAST' of entity 'raast-authority' is also a name, alias "
        "or abbreviation of entity 'raast' (line 8); each spelling may point to one entity only, so remove it from one "
        "of them",
        "content/registry/abbreviations.yml:1: abbreviation 'RAAST' is also a name, alias or abbreviation of entity "
        "'raast' (content/registry/entities.yml line 8), so it would link to that entity and be explained as something "
        "else; remove it from this file (or make it that entity's 'abbreviation:')"]
