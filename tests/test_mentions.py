"""Finding entities in text: word boundaries, case, overlaps, short names, sentences, suggestions."""
from __future__ import annotations

import random
import string
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is used from the checkout, not installed
    sys.path.insert(0, str(ROOT))

from build_tools.index.mentions import (  # noqa: E402
    Mention,
    MentionMatcher,
    sentence_around,
    sentence_bounds,
    suggest_entities,
)
from build_tools.model.records import Entity  # noqa: E402
from build_tools.parse.registry import glossary, load_registry  # noqa: E402


def ent(entity_id, name, type="organisation", abbreviation=None, aliases=(), short_names=()):
    return Entity(id=entity_id, name=name, type=type, description="d", path="entities.yml", line=1,
                  aliases=list(aliases), abbreviation=abbreviation, short_names=list(short_names))


ENTITIES = [
    ent("pakistan", "Pakistan", "place"),
    ent("pta", "Pakistan Telecommunication Authority", abbreviation="PTA"),
    ent("pasha", "Pakistan Software Houses Association", abbreviation="P@SHA"),
    ent("imf", "International Monetary Fund", abbreviation="IMF"),
    ent("adb", "Asian Development Bank", abbreviation="ADB"),
    ent("pcc", "Pakistan Crypto Council", abbreviation="PCC"),
    ent("pvara", "Pakistan Virtual Assets Regulatory Authority", abbreviation="PVARA"),
    ent("ncp", "National Cybersecurity Policy 2021", "measure"),
    ent("nca", "National Cybersecurity Authority", abbreviation="NCA"),
    ent("allied", "Allied"),
    ent("moitt", "Ministry of Information Technology and Telecommunication", abbreviation="MoITT",
        aliases=["Ministry of IT and Telecommunications"]),
    ent("it", "Information Technology", "measure", abbreviation="IT"),
    ent("tir", "TIR/eTIR system", "measure", abbreviation="TIR", aliases=["TIR/eTIR", "eTIR"]),
    ent("cvas", "Class Value Added Services licensing regime", "measure", abbreviation="CVAS",
        aliases=["Class Value Added Services", "CVAS-Data"]),
    ent("mof", "Ministry of Finance", aliases=["finance ministry"]),
    ent("cyber-act", "Cybersecurity Act 2025", "measure", aliases=["Cyber Security Act 2025"]),
    ent("pm-office", "Prime Minister's Office", aliases=["PM office"]),
    ent("khan", "Abdul Aleem Khan", "person", short_names=["Khan"]),
    ent("imran", "Imran Khan", "person", short_names=["Khan"]),
    ent("syed", "Sajjad Mustafa Syed", "person", short_names=["Syed", "Sajjad"]),
    ent("wasim", "M. Wasim", "person", short_names=["Wasim"]),
]


@pytest.fixture(scope="module")
def matcher():
    return MentionMatcher(ENTITIES)


def found(matcher, text, **kwargs):
    mentions = matcher.find(text, **kwargs)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return [(m.entity_id, m.text) for m in mentions]


# ------------------------------------------------------------------------------- case and words

def test_abbreviation_is_case_sensitive(matcher):
    assert found(matcher, "pta said") == []
    assert found(matcher, "Pta said") == []
    assert found(matcher, "PTA said") == [("pta", "PTA")]


def test_abbreviation_never_inside_a_word(matcher):
    assert found(matcher, "climate adaptation and ADAPTATION, PTAs? no: XPTA PTA2 _PTA") == []


def test_it_abbreviation_is_not_the_pronoun(matcher):
    assert found(matcher, "It said it would grow IT exports, and it did.") == [("it", "IT")]
    assert found(matcher, "IT-enabled services") == [("it", "IT")]


def test_punctuation_around_mentions(matcher):
    text = "PTA, (PTA) PTA. \u201cPTA\u201d P@SHA\u2019s P@SHA: [PTA]"
    assert found(matcher, text) == [("pta", "PTA")] * 4 + [("pasha", "P@SHA")] * 2 + [("pta", "PTA")]


def test_possessives(matcher):
    text = "PTA's rules, PTA\u2019s licences, the IMF\u2019s review, Asian Development Bank\u2019s fund, Pakistan\u2019 ICT"
    assert found(matcher, text) == [("pta", "PTA"), ("pta", "PTA"), ("imf", "IMF"),
                                    ("adb", "Asian Development Bank"), ("pakistan", "Pakistan")]


def test_full_names_match_as_registered_title_or_capitals_only(matcher):
    assert found(matcher, "ASIAN DEVELOPMENT BANK and Asian Development Bank") == [
        ("adb", "ASIAN DEVELOPMENT BANK"), ("adb", "Asian Development Bank")]
    assert found(matcher, "the asian development bank and Asian development bank") == []
    assert found(matcher, "Ministry Of Information Technology And Telecommunication") == [
        ("moitt", "Ministry Of Information Technology And Telecommunication")]
    assert found(matcher, "the finance ministry, the Finance Ministry, the Ministry of Finance") == [
        ("mof", "finance ministry"), ("mof", "Finance Ministry"), ("mof", "Ministry of Finance")]
    assert found(matcher, "ministry of finance") == []


def test_lowercase_common_word_does_not_match_a_name(matcher):
    assert found(matcher, "the allied forces") == []
    assert found(matcher, "Google, Tech Valley, Allied, and NRTC") == [("allied", "Allied")]


def test_abbreviation_in_parentheses_after_the_name(matcher):
    text = "the Pakistan Telecommunication Authority (PTA) said"
    assert found(matcher, text) == [("pta", "Pakistan Telecommunication Authority"), ("pta", "PTA")]
    text = "Pakistan Virtual Assets Regulatory Authority (PVARA) Chairman"
    assert found(matcher, text) == [("pvara", "Pakistan Virtual Assets Regulatory Authority"),
                                    ("pvara", "PVARA")]


def test_longest_name_wins(matcher):
    assert found(matcher, "the Pakistan Crypto Council (PCC) in Pakistan") == [
        ("pcc", "Pakistan Crypto Council"), ("pcc", "PCC"), ("pakistan", "Pakistan")]
    assert found(matcher, "the National Cybersecurity Policy 2021 and a National Cybersecurity Authority") == [
        ("ncp", "National Cybersecurity Policy 2021"), ("nca", "National Cybersecurity Authority")]
    # A prefix of a longer name that is not completed falls back to the shorter names inside it.
    assert found(matcher, "Pakistan Crypto and Pakistan Telecommunication") == [
        ("pakistan", "Pakistan"), ("pakistan", "Pakistan")]


def test_glued_punctuation_in_names(matcher):
    assert found(matcher, "the TIR/eTIR system, eTIR alone, TIR alone, ETIR") == [
        ("tir", "TIR/eTIR system"), ("tir", "eTIR"), ("tir", "TIR"), ("tir", "ETIR")]
    assert found(matcher, "the reinstated Class Value Added Services (CVAS-Data) licensing regime") == [
        ("cvas", "Class Value Added Services"), ("cvas", "CVAS-Data")]
    assert found(matcher, "CVAS\u2011Data and CVAS data") == [("cvas", "CVAS\u2011Data"), ("cvas", "CVAS")]
    assert found(matcher, "the PM office and the PM Office") == [
        ("pm-office", "PM office"), ("pm-office", "PM Office")]
    assert found(matcher, "Prime Minister\u2019s Office") == [("pm-office", "Prime Minister\u2019s Office")]


def test_whitespace_inside_names(matcher):
    assert found(matcher, "the Cybersecurity  Act 2025 and the Cyber Security\nAct 2025") == [
        ("cyber-act", "Cybersecurity  Act 2025"), ("cyber-act", "Cyber Security\nAct 2025")]
    assert found(matcher, "Cybersecurity Act-2025") == []


def test_offsets(matcher):
    text = "Since 2024, PTA\u2019s rules apply."
    assert matcher.find(text) == [Mention("pta", 12, 15, "PTA")]


# ----------------------------------------------------------------------------------- short names

def test_short_name_after_full_name(matcher):
    text = "Federal Minister Abdul Aleem Khan spoke. Together, Khan said, these measures help."
    assert found(matcher, text) == [("khan", "Abdul Aleem Khan"), ("khan", "Khan")]


def test_short_name_without_full_name_is_ignored(matcher):
    assert found(matcher, "Khan said so.") == []
    assert found(matcher, "Syed also warned.") == []


def test_short_name_before_full_name_is_ignored(matcher):
    text = "Khan said so. Later Abdul Aleem Khan spoke."
    assert found(matcher, text) == [("khan", "Abdul Aleem Khan")]


def test_short_name_shared_by_two_people_in_the_text_is_ambiguous(matcher):
    text = "Abdul Aleem Khan met Imran Khan. Khan said so."
    assert found(matcher, text) == [("khan", "Abdul Aleem Khan"), ("imran", "Imran Khan")]
    # Also when the other person is named only later in the same text.
    text = "Abdul Aleem Khan spoke. Khan said so. Imran Khan disagreed."
    assert found(matcher, text) == [("khan", "Abdul Aleem Khan"), ("imran", "Imran Khan")]


def test_short_name_shared_but_other_person_absent(matcher):
    text = "Imran Khan spoke. Khan said so."
    assert found(matcher, text) == [("imran", "Imran Khan"), ("imran", "Khan")]


def test_several_short_names_and_case(matcher):
    text = "P@SHA Chairman Sajjad Mustafa Syed spoke. Syed warned. Sajjad emphasized. syed and SYED."
    assert found(matcher, text) == [("pasha", "P@SHA"), ("syed", "Sajjad Mustafa Syed"), ("syed", "Syed"),
                                    ("syed", "Sajjad"), ("syed", "SYED")]


def test_short_name_with_known_from_earlier_paragraph(matcher):
    assert found(matcher, "Khan added that...", known={"khan"}) == [("khan", "Khan")]
    assert found(matcher, "Khan added that...", known={"khan", "imran"}) == []


def test_initial_in_a_name(matcher):
    assert found(matcher, "by M. Wasim. Wasim writes") == [("wasim", "M. Wasim"), ("wasim", "Wasim")]
    assert found(matcher, "by M.Wasim") == []


# --------------------------------------------------------------------------------- properties

WORDS = ["PTA", "pta", "P@SHA", "Pakistan", "Crypto", "Council", "Khan", "Abdul", "Aleem", "IT", "it",
         "TIR", "/", "eTIR", "(", ")", "\u2019s", "-", "Data", "CVAS", ".", "the", "Asian", "Development",
         "Bank", "ADAPTATION"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["", " ", "  ", "\n"])), max_size=40))
def test_mentions_are_ordered_non_overlapping_and_exact(pieces):
    matcher = MentionMatcher(ENTITIES)
    text = "".join(word + gap for word, gap in pieces)
    mentions = matcher.find(text)
    previous_end = 0
    for m in mentions:
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start == 0 or not (text[m.start - 1].isalnum() and m.text[0].isalnum())
        assert m.end == len(text) or not (text[m.end].isalnum() and m.text[-1].isalnum())
        previous_end = m.end


def test_fast_with_thousands_of_entities():
    rng = random.Random(7)
    vocabulary = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9))).capitalize()
                  for _ in range(3000)]
    entities = [ent(f"e{i}", " ".join(rng.sample(vocabulary, rng.randint(1, 4))),
                    abbreviation="".join(rng.choice(string.ascii_uppercase) for _ in range(5)) if i % 3 == 0
                    else None)
                for i in range(5000)]
    started = time.perf_counter()
    matcher = MentionMatcher(entities)
    texts = [" ".join(rng.choice(vocabulary) if rng.random() < 0.3 else "word" for _ in range(800))
             for _ in range(300)]
    total = sum(len(matcher.find(text)) for text in texts)
    elapsed = time.perf_counter() - started
    assert total > 0
    assert elapsed < 10, elapsed  # about 0.3 s on a laptop; the bound only catches a quadratic regression


# ------------------------------------------------------------------------------- real articles

SOURCES = ROOT / "content" / "sources"


def _articles() -> dict[str, str]:
    """The seven seed articles as plain text (000 and 002 hold two articles each)."""
    files = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("00[0-4]_*.txt"))}
    split = {"000": "IMF warns against policy slippage", "002": "Pakistan, global crypto exchange discuss"}
    articles = {}
    for key, text in files.items():
        if key in split:
            cut = text.index(split[key])
            articles[key + "a"], articles[key + "b"] = text[:cut], text[cut:]
        else:
            articles[key] = text
    return articles


@pytest.fixture(scope="module")
def real():
    registry, problems = load_registry(ROOT / "content" / "registry")
    assert not problems
    matcher = MentionMatcher(registry.entities.values())
    articles = _articles()
    assert len(articles) == 7
    return registry, matcher, articles, {k: matcher.find(v) for k, v in articles.items()}


EXPECTED_IN_ARTICLES = {
    "000a": {"pta": {"Pakistan Telecommunication Authority", "PTA"},
             "cvas-data-licensing": {"Class Value Added Services", "CVAS-Data"},
             "pafla": {"Pakistan Freelancers Association", "PAFLA"}, "karachi": {"Karachi"},
             "islamabad": {"ISLAMABAD"}, "x-platform": {"X"}, "ecp": {"election commission"},
             "nationwide-firewall": {"nationwide firewall"}, "vpn-registration": {"VPN registration"},
             "reuters": {"REUTERS"}, "zettabyte": {"Zettabyte", "Crest VPN"}},
    "000b": {"imf": {"International Monetary Fund", "IMF"}, "eff": {"Extended Fund Facility", "EFF"},
             "rsf": {"Resilience and Sustainability Facility", "RSF"}, "nigel-clarke": {"Nigel Clarke"},
             "sbp": {"State Bank"}, "pia": {"Pakistan International Airlines"},
             "bisp": {"Benazir Income Support Program"}},
    "001": {"pasha": {"Pakistan Software Houses Association", "P@SHA"},
            "sajjad-mustafa-syed": {"Sajjad Mustafa Syed", "Syed", "Sajjad"},
            "moitt": {"Ministry of IT and Telecommunications"}, "sifc": {"SIFC"}, "pm-office": {"PM office"},
            "karachi": {"KARACHI"}, "business-recorder": {"Business Recorder"}},
    "002a": {"carec": {"Central Asia Regional Economic Cooperation", "CAREC"},
             "adb": {"Asian Development Bank", "ADB"}, "bishkek": {"Bishkek"}, "central-asia": {"Central Asia"},
             "abdul-aleem-khan": {"Abdul Aleem Khan", "Khan"},
             "land-port-authority-act": {"Land Port Authority Act"}, "tir-etir": {"TIR/eTIR system"},
             "pakistan-single-window": {"Pakistan Single Window"}, "raast": {"RAAST"},
             "csppf": {"Climate and Sustainability Project Preparatory Fund", "CSPPF"},
             "central-asia-digital-corridor": {"Central Asia digital corridor"}},
    "002b": {"binance": {"Binance"}, "muhammad-aurangzeb": {"Muhammad Aurangzeb", "Aurangzeb"},
             "pvara": {"Pakistan Virtual Assets Regulatory Authority", "PVARA"},
             "bilal-bin-saqib": {"Bilal bin Saqib"}, "richard-teng": {"Richard Teng"},
             "ministry-of-finance": {"finance ministry"},
             "national-digital-asset-framework": {"National Digital Asset Framework"},
             "crypto-amnesty-proposal": {"time-bound amnesty"}},
    "003": {"m-wasim": {"M. Wasim"},
            "national-ai-policy-2025": {"National AI Policy", "Artificial Intelligence (AI) Policy 2025"},
            "google": {"Google"}, "tech-valley": {"Tech Valley"}, "allied": {"Allied"},
            "nrtc": {"National Radio & Telecommunication Corporation", "NRTC"},
            "chromebook-assembly-line": {"Google Chromebook assembly line"},
            "pakistan-crypto-council": {"Pakistan Crypto Council", "PCC"},
            "ministry-of-finance": {"Ministry of Finance"}, "binance": {"Binance"}, "jazzcash": {"JazzCash"},
            "fauji-foundation": {"Fauji Foundation"}, "sbp": {"State Bank"},
            "raast": {"Raast Instant Payment System"},
            "cybersecurity-act-2025": {"Cybersecurity Act 2025", "Cyber Security Act 2025"},
            "moitt": {"Ministry of Information Technology and Telecom"},
            "national-cybersecurity-authority": {"National Cybersecurity Authority", "NCA"},
            "pkcert": {"PKCERT"}, "national-cybersecurity-policy-2021": {"National Cybersecurity Policy 2021"},
            "peca": {"Prevention of Electronic Crimes Act", "PECA"}, "nadra": {"NADRA"}, "fbr": {"FBR"},
            "pta": {"Pakistan Telecommunication Authority", "PTA"}, "infocus": {"Infocus"}},
    "004": {"arry-hashemi": {"Arry Hashemi"},
            "virtual-assets-ordinance-2025": {"Virtual Assets Ordinance, 2025"},
            "pvara": {"Pakistan Virtual Assets Regulatory Authority", "PVARA"},
            "pakistan-crypto-council": {"Pakistan Crypto Council"},
            "surplus-power-allocation": {"surplus power allocation"},
            "adb": {"Asian Development Bank", "ADB"}, "pasha": {"P@SHA"}, "wef": {"WEF"}, "dco": {"DCO"},
            "islamabad": {"Islamabad"}, "block-news-international": {"Block News International"}},
}


@pytest.mark.parametrize("article", sorted(EXPECTED_IN_ARTICLES))
def test_entities_found_in_the_real_articles(real, article):
    _, _, texts, mentions = real
    seen: dict[str, set[str]] = {}
    for m in mentions[article]:
        seen.setdefault(m.entity_id, set()).add(" ".join(m.text.split()))
    for entity_id, spellings in EXPECTED_IN_ARTICLES[article].items():
        assert entity_id in seen, f"{entity_id} not found in {article}"
        assert spellings <= seen[entity_id], (entity_id, seen[entity_id])


def test_every_registered_entity_is_found_somewhere(real):
    registry, _, _, mentions = real
    seen = {m.entity_id for found_ in mentions.values() for m in found_}
    # The Land Port Authority is named only inside "Land Port Authority Act" so far.
    assert set(registry.entities) - seen == {"land-port-authority"}


def test_no_false_positives_in_real_articles(real):
    _, _, _, mentions = real
    ids_002a = {m.entity_id for m in mentions["002a"]}
    assert "pta" not in ids_002a  # "prioritize adaptation"
    assert "land-port-authority" not in ids_002a  # only the Act is named
    assert {m.entity_id for m in mentions["002b"]}.isdisjoint({"pta", "abdul-aleem-khan"})
    # "Khan", "Aurangzeb", "Syed" resolve only where the person was named in full.
    for article, found_ in mentions.items():
        for m in found_:
            if m.text in ("Khan", "Aurangzeb", "Syed", "Sajjad"):
                assert article in ("001", "002a", "002b"), (article, m)


def test_exact_mentions_of_one_real_article(real):
    _, _, _, mentions = real
    assert [(m.entity_id, m.text) for m in mentions["001"]] == [
        ("pasha", "P@SHA"), ("pasha", "P@SHA"), ("karachi", "KARACHI"),
        ("pasha", "Pakistan Software Houses Association"), ("pasha", "P@SHA"), ("pakistan", "Pakistan"),
        ("pasha", "P@SHA"), ("pakistan", "Pakistan"), ("pasha", "P@SHA"),
        ("sajjad-mustafa-syed", "Sajjad Mustafa Syed"), ("sajjad-mustafa-syed", "Syed"),
        ("pakistan", "Pakistan"), ("pakistan", "Pakistan"), ("pasha", "P@SHA"),
        ("moitt", "Ministry of IT and Telecommunications"), ("sifc", "SIFC"), ("pm-office", "PM office"),
        ("pasha", "P@SHA"), ("pakistan", "Pakistan"), ("pakistan", "Pakistan"),
        ("sajjad-mustafa-syed", "Sajjad"), ("pakistan", "Pakistan"), ("pasha", "P@SHA"),
        ("pakistan", "Pakistan"), ("business-recorder", "Business Recorder"),
    ]


def test_sentence_around_real_mentions(real):
    _, _, texts, mentions = real
    text = texts["002a"]
    khan = [m for m in mentions["002a"] if m.text == "Khan"][0]
    assert sentence_around(text, khan.start, khan.end) == (
        "Together, Khan said, these measures strengthen Pakistan\u2019s readiness for deeper regional "
        "digital integration.")
    text = texts["003"]
    wasim = [m for m in mentions["003"] if m.entity_id == "m-wasim"][0]
    assert sentence_around(text, wasim.start, wasim.end) == "by M. Wasim"
    text = texts["000b"]
    clarke = [m for m in mentions["000b"] if m.entity_id == "nigel-clarke"][0]
    assert sentence_around(text, clarke.start, clarke.end).startswith("\u201cPakistan\u2019s reform")
    assert sentence_around(text, clarke.start, clarke.end).endswith("said in a statement after the Board meeting.")
    hashemi = [m for m in mentions["004"] if m.entity_id == "arry-hashemi"][0]
    assert sentence_around(texts["004"], hashemi.start, hashemi.end) == "Arry Hashemi"


# -------------------------------------------------------------------------------- sentences

def around(text: str, needle: str) -> str:
    start = text.index(needle)
    return sentence_around(text, start, start + len(needle))


@pytest.mark.parametrize("text,needle,expected", [
    ("First one. Dr. Ali met the PTA on Monday. Then he left.", "PTA", "Dr. Ali met the PTA on Monday."),
    ("Intro. The review by M. Wasim lists seven items. Next.", "Wasim", "The review by M. Wasim lists seven items."),
    ("Intro. The IMF cleared $1.2 billion for Pakistan. It warned.", "IMF",
     "The IMF cleared $1.2 billion for Pakistan."),
    ("Intro. Officials from the U.S. and Pakistan met the IMF. Later.", "IMF",
     "Officials from the U.S. and Pakistan met the IMF."),
    ("Published Sep. 15, 2025 by PTA staff. Next.", "PTA", "Published Sep. 15, 2025 by PTA staff."),
    ("He paid Rs. 60 trillion to PTA. Next.", "PTA", "He paid Rs. 60 trillion to PTA."),
    ("Before. \u201cWe will act,\u201d the PTA said. After.", "PTA", "\u201cWe will act,\u201d the PTA said."),
    ("He said \u201cPTA is ready.\u201d Then he left.", "PTA", "He said \u201cPTA is ready.\u201d"),
    ("Is PTA ready? Yes! It is.", "PTA", "Is PTA ready?"),
    ("Is it ready? PTA says yes! It is.", "PTA", "PTA says yes!"),
    ("Pakistan starts licensing VPN providers\n\nThe PTA said so", "PTA", "The PTA said so"),
    ("Key features are;\n  \u2022 PTA licenses five firms\n  \u2022 Others follow", "PTA", "PTA licenses five firms"),
    ("  1. National AI Policy:\n\nThe government approved it.", "National", "1. National AI Policy:"),
    ("The Pakistan Telecommunication Authority has begun licensing VPN providers under the\n"
     "reinstated regime. Next sentence.", "reinstated",
     "The Pakistan Telecommunication Authority has begun licensing VPN providers under the reinstated regime."),
    ("by M. Wasim\ninfocus\n\nThe 2025 has been a year.", "Wasim", "by M. Wasim"),
    ("PTA", "PTA", "PTA"),
    ("It rose 3.5 percent, said PTA", "PTA", "It rose 3.5 percent, said PTA"),
    ("See pta.gov.pk for PTA rules. Next.", "PTA", "See pta.gov.pk for PTA rules."),
    ("Growth hit 3 percent in 2024. PTA noted it.", "PTA", "PTA noted it."),
])
def test_sentence_around(text, needle, expected):
    assert around(text, needle) == expected


def test_sentence_bounds_contains_span():
    text = "One. Two with PTA inside. Three."
    start = text.index("PTA")
    s, e = sentence_bounds(text, start, start + 3)
    assert text[s:e] == "Two with PTA inside."
    assert s <= start and start + 3 <= e


# -------------------------------------------------------------------------------- suggestions

def test_suggest_entities_small():
    matcher = MentionMatcher([ent("pta", "Pakistan Telecommunication Authority", abbreviation="PTA")])
    texts = [
        "The Land Port Authority will open. NADRA said so. The Pakistan Telecommunication Authority agreed.",
        "Officials at the Land Port Authority and NADRA met the PTA. VPN use rose. VPN use fell.",
        "According to NADRA, the Land Port Authority of Pakistan is new. The Board met.",
    ]
    assert suggest_entities(texts, matcher, ignore=["VPN"]) == [("NADRA", 3), ("Land Port Authority", 2)]
    assert ("VPN", 2) in suggest_entities(texts, matcher)
    # "Officials", "According", "The Board": single or sentence-initial common words are not names.
    assert suggest_entities(texts, matcher, min_count=1, ignore=["vpn"]) == [
        ("NADRA", 3), ("Land Port Authority", 2), ("Land Port Authority of Pakistan", 1)]


def test_suggest_entities_rules():
    matcher = MentionMatcher([ent("pta", "Pakistan Telecommunication Authority", abbreviation="PTA")])
    texts = ["The Fund said so. Pakistan\u2019s Extended Fund Facility grew. PAKISTAN STARTS LICENSING.",
             "The Fund said so. Pakistan\u2019s Extended Fund Facility grew. PAKISTAN STARTS LICENSING.",
             "It paid US$9 billion and US$2 billion. In March 2025, Tech Valley grew. Tech Valley grew."]
    result = dict(suggest_entities(texts, matcher))
    assert result == {"Extended Fund Facility": 2, "Tech Valley": 2}


def test_suggest_entities_on_real_articles(real):
    registry, matcher, texts, _ = real
    terms = glossary(registry)
    suggestions = suggest_entities(texts.values(), matcher, min_count=1, ignore=[*terms, *terms.values()])
    names = [name for name, _ in suggestions]
    counts = [count for _, count in suggestions]
    assert counts == sorted(counts, reverse=True)
    registered = {s.casefold() for e in registry.entities.values()
                  for s in (e.name, *e.aliases, e.abbreviation or "")}
    assert not registered & {n.casefold() for n in names}
    assert "Ministerial Conference" in names
    assert "Deputy Managing Director" in names
    for noise in ("The", "Pakistan\u2019s", "VPN", "IT", "ICT", "Land Port Authority", "NADRA", "PTA"):
        assert noise not in names
    # Without the registry, the names it holds are suggested.
    bare = dict(suggest_entities(texts.values(), MentionMatcher([]), min_count=1))
    assert bare.get("NADRA") == 1
    assert bare.get("Land Port Authority Act") == 1
    assert bare.get("Asian Development Bank", 0) >= 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sets(st.sampled_from([f"entity-{i}" for i in range(25)]), max_size=10), max_size=120))
def test_both_ways_of_counting_shared_pages_agree(pages: list[set[str]]) -> None:
    from build_tools.index.entities import _shared_pages_by_bitmap, _shared_pages_by_pair

    entities = sorted(set().union(*pages))
    by_pair = _shared_pages_by_pair(pages)
    assert _shared_pages_by_bitmap(pages, entities) == dict(by_pair)
    for (a, b), count in by_pair.items():
        assert count == sum(1 for page in pages if a in page and b in page) > 0


def test_co_mentions_rank_by_shared_pages_then_id() -> None:
    from build_tools.index.entities import _co_mentions

    pages = {("source", "s1"): ["pta", "pasha", "sbp"], ("source", "s2"): ["pta", "pasha"],
             ("briefing", "b1"): ["sbp", "pta", "pta"], ("source", "s3"): ["nadra"]}
    assert _co_mentions(pages) == {
        "pta": [("pasha", 2), ("sbp", 2)], "pasha": [("pta", 2), ("sbp", 1)], "sbp": [("pta", 2), ("pasha", 1)]}
    assert _co_mentions(pages, limit=1)["pta"] == [("pasha", 2)]
