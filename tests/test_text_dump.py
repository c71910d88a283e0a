"""The plain-text page-dump parser: the seven real articles, synthetic pages from other outlets,
and a property test that no input makes it fail in any way but ``BuildFailed``."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.errors import BuildFailed, Problem
from build_tools.model.dates import PartialDate
from build_tools.parse.text_dump import (
    EMPTY_FILE,
    NO_ARTICLE,
    ExtractedArticle,
    parse_text_dump,
    read_byline,
)

SOURCES = Path(__file__).resolve().parents[1] / "content" / "sources"


def parse_source(name: str) -> list[ExtractedArticle]:
    path = next(SOURCES.glob(f"{name}_*.txt"))
    return parse_text_dump(path.read_text(encoding="utf-8"), f"content/sources/{path.name}")


def parse(text: str) -> list[ExtractedArticle]:
    return parse_text_dump(text, "content/sources/synthetic.txt")


def only(text: str) -> ExtractedArticle:
    articles = parse(text)
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0]


def check_body(article: ExtractedArticle, count: int, first: str, last: str) -> None:
    assert len(article.paragraphs) == count
    assert [p.number for p in article.paragraphs] == list(range(1, count + 1))
    assert article.paragraphs[0].text.startswith(first)
    assert article.paragraphs[-1].text.startswith(last)


# ---------------------------------------------------------------------------------------------
# The seven real articles
# ---------------------------------------------------------------------------------------------


def test_000_holds_two_articles() -> None:
    assert [a.line for a in parse_source("000")] == [1, 32]


def test_000_article_1_vpn_licensing() -> None:
    article = parse_source("000")[0]
    assert article.line == 1
    assert article.title == "Pakistan starts licensing VPN providers, says users can get services from approved firms"
    assert article.date == PartialDate(2025, 11, 13)
    assert article.date.precision == "day"
    assert article.date_text == "Updated 13 November 2025"
    assert article.publisher is None
    assert article.author is None
    assert article.dateline == "ISLAMABAD"
    assert article.key_points == [
        "Move follows last year’s crackdown requiring VPN registration for businesses, freelancers and IT firms",
        "Government says the measure will curb militancy, while rights activists warn it targets political dissent",
    ]
    check_body(article, 9, "Pakistan’s telecom regulator said on Thursday", "Rights activists say")
    assert [p.line for p in article.paragraphs] == [13, 15, 17, 19, 21, 23, 25, 27, 29]
    assert {p.kind for p in article.paragraphs} == {"text"}
    assert not any("REUTERS" in p.text or "August 22, 2024" in p.text for p in article.paragraphs)


def test_000_article_2_imf_review() -> None:
    article = parse_source("000")[1]
    assert article.line == 32
    assert article.title == "IMF warns against policy slippage amid weak recovery as it clears $1.2 billion for Pakistan"
    assert article.date == PartialDate(2025, 12, 11)
    assert article.date_text == "Updated 11 December 2025"
    assert article.publisher is None
    assert article.author is None
    assert article.dateline == "ISLAMABAD"
    assert article.key_points == [
        "Pakistan rebuilt reserves, cut its deficit and slowed inflation sharply over the past one year",
        "Fund says climate shocks, energy debt, stalled reforms threaten stability despite recent gains",
    ]
    check_body(article, 12, "Pakistan’s economic recovery remains fragile", "The Fund said Pakistan’s challenge")
    assert article.paragraphs[0].line == 42
    assert article.paragraphs[8].text == "Despite the progress, Pakistan’s structural weaknesses remain severe."


def test_001_business_recorder_inside_aggregator_chrome() -> None:
    [article] = parse_source("001")
    assert article.line == 8
    assert article.title == "VPN blocking puts IT industry at risk: P@SHA"
    assert article.date == PartialDate(2024)
    assert article.date.precision == "year"
    assert article.date_text == "Copyright Business Recorder, 2024"
    assert article.publisher == "Business Recorder"
    assert article.author is None
    assert article.dateline == "KARACHI"
    assert article.key_points == []
    check_body(article, 12, "Pakistan Software Houses Association (P@SHA) has warned", "In conclusion")
    texts = " ".join(p.text for p in article.paragraphs)
    for chrome in ("close", "Semainede4jours", "Real-time news", "bigrus", "Business and Finance", "Copyright"):
        assert chrome not in texts


def test_002_article_1_digital_corridor() -> None:
    article = parse_source("002")[0]
    assert article.line == 1
    assert article.title == "Pakistan seeks Central Asia digital corridor routed through its Internet gateways"
    assert article.date == PartialDate(2025, 11, 21)
    assert article.date_text == "Updated 21 November 2025"
    assert article.publisher is None
    assert article.author is None
    assert article.dateline == "ISLAMABAD"
    assert article.key_points == [
        "Pakistan urges joint working group with ADB and regional states to advance digital corridor plan",
        "Islamabad cites new border, transit, payment reforms as foundation for deeper digital integration",
    ]
    check_body(article, 9, "Pakistan on Thursday called", "Pakistan, one of the world’s most climate-exposed")


def test_002_article_2_crypto_exchange() -> None:
    articles = parse_source("002")
    assert len(articles) == 2
    article = articles[1]
    assert article.line == 32
    assert article.title == (
        "Pakistan, global crypto exchange discuss modernizing digital payments, creating job prospects"
    )
    assert article.date == PartialDate(2025, 12, 5)
    assert article.date_text == "Updated 05 December 2025"
    assert article.publisher is None
    assert article.author is None
    assert article.dateline == "ISLAMABAD"
    assert article.key_points == [
        "Pakistani officials, Binance team discuss coordination between Islamabad, local banks and global exchanges",
        "Pakistan has attempted to tap into growing crypto market to curb illicit transactions, improve oversight",
    ]
    check_body(article, 12, "Pakistan’s finance officials", "In September, Islamabad invited")


EXPECTED_003 = [
    ("text", "The 2025 has been a year of digital tran"),
    ("heading", "Year of Digital Transformation:"),
    ("text", "This digital development doesn’t exclude"),
    ("text", "Moreover, Pakistan actively participated"),
    ("text", "However, the Top 7 Pakistan’ ICT Develop"),
    ("heading", "1. National AI Policy:"),
    ("text", "The government approved the national Art"),
    ("item", "Training a million AI professionals by 2"),
    ("item", "Creating 50,000 AI-driven civic projects"),
    ("item", "An AI Venture Fund with Private Sector"),
    ("item", "An AI Council to oversee policy’ matrix"),
    ("item", "Establishing an AI Innovation Fund"),
    ("item", "Creating 1,000 local AI products"),
    ("item", "Giving 3000 AI Scholarship"),
    ("item", "Facilitating 1000 AI Research projects."),
    ("heading", "2. Production of Google Chromebooks:"),
    ("text", "Pakistan vastly relies on imports for co"),
    ("text", "According to the details, Google, Tech V"),
    ("heading", "3. Record ICT Exports:"),
    ("text", "While exports may not have been doing we"),
    ("heading", "4. Crypto is Welcomed:"),
    ("text", "From considering it illegal to creating "),
    ("text", "On the other hand, Binance has signed ag"),
    ("heading", "5. FinTechs on the Rise:"),
    ("text", "The value of retail transactions through"),
    ("heading", "6. Cybersecurity Act 2025:"),
    ("text", "The Ministry of Information Technology a"),
    ("heading", "7. Telecom Subscriber Growth:"),
    ("text", "According to the Pakistan Telecommunicat"),
]


def test_003_infocus_year_review() -> None:
    [article] = parse_source("003")
    assert article.line == 3
    assert article.title == "Top 7 Pakistan’ ICT Developments in 2025; an Year of Digital Transformation"
    assert article.date is None  # the page shows no date; "2025" in a headline is not one
    assert article.date_text is None
    # Publisher rule: the sign-off "By" / "Editorial, Infocus" names the outlet after the comma
    # (and the masthead "Infocus" is repeated on the page as the label "infocus").
    assert article.publisher == "Infocus"
    assert article.author == "M. Wasim"
    assert article.dateline is None
    assert article.key_points == []
    assert [(p.kind, p.text[:40]) for p in article.paragraphs] == EXPECTED_003
    assert [p.number for p in article.paragraphs] == list(range(1, 30))
    texts = [p.text for p in article.paragraphs]
    for chrome in ("infocus", "Pakistan to produce Google Chromebooks", "By", "Editorial, Infocus",
                   "Related Articles", "Leave a Comment"):
        assert chrome not in texts
    assert not any(t.startswith("Prospects & Pitfalls") for t in texts)
    assert article.paragraphs[25].text == "6. Cybersecurity Act 2025:"  # runs of spaces collapsed
    assert article.paragraphs[21].line == 46


def test_004_block_news_international() -> None:
    [article] = parse_source("004")
    assert article.line == 8
    assert article.title == "Pakistan Seeks Global Partners for Digital Economy and Blockchain Growth"
    assert article.date == PartialDate(2025, 9, 15)
    assert article.date_text == "Sep. 15, 2025"
    assert article.publisher == "Block News International"
    assert article.author == "Arry Hashemi"
    assert article.dateline is None
    assert article.key_points == []
    check_body(article, 8, "Pakistan is seeking international partners", "Pakistan has set ambitious timelines")
    assert [p.line for p in article.paragraphs] == [13, 16, 18, 20, 22, 24, 26, 28]
    texts = " ".join(p.text for p in article.paragraphs)
    for chrome in ("(Unsplash)", "PakistanPakistan", "Blends Media", "All Rights Reserved"):
        assert chrome not in texts


def test_real_files_keep_text_exactly() -> None:
    article = parse_source("000")[0]
    assert article.paragraphs[4].text == (
        "“This initiative aims to streamline the provision of secure and lawful VPN services in Pakistan "
        "while ensuring compliance with national regulations and data security standards.”"
    )


# ---------------------------------------------------------------------------------------------
# Synthetic pages from other outlets
# ---------------------------------------------------------------------------------------------

LEDGER = """The Lahore Ledger
Menu
Search

Senate committee approves draft data protection bill
By Jane Doe
Published July 30, 2025
Share
Tweet

LAHORE: A Senate committee on Tuesday approved the draft Personal Data Protection Bill after months of debate, officials said.

The bill now goes to the full house for a vote, where the ruling coalition holds a majority.

© 2025 The Lahore Ledger
"""


def test_published_date_byline_and_copyright_publisher() -> None:
    article = only(LEDGER)
    assert article.line == 5
    assert article.title == "Senate committee approves draft data protection bill"
    assert article.date == PartialDate(2025, 7, 30)
    assert article.date_text == "Published July 30, 2025"
    assert article.author == "Jane Doe"
    assert article.publisher == "The Lahore Ledger"
    assert article.dateline == "LAHORE"
    assert article.key_points == []
    check_body(article, 2, "A Senate committee on Tuesday", "The bill now goes")
    assert [p.line for p in article.paragraphs] == [11, 13]


def test_windows_line_endings_give_the_same_result() -> None:
    assert parse(LEDGER.replace("\n", "\r\n")) == parse(LEDGER)


def test_weekday_date_and_web_desk_byline() -> None:
    article = only(
        "Markets\n"
        "Rupee gains against dollar in interbank trading\n"
        "BR Web Desk\n"
        "Mon, 18 Nov 2024\n"
        "The Pakistani rupee gained 0.1 percent against the US dollar in the interbank market on Monday.\n"
        "Traders said inflows from exporters and remittances supported the local unit.\n"
    )
    assert article.title == "Rupee gains against dollar in interbank trading"
    assert article.date == PartialDate(2024, 11, 18)
    assert article.date_text == "Mon, 18 Nov 2024"
    assert article.author == "BR Web Desk"
    assert article.publisher is None
    check_body(article, 2, "The Pakistani rupee gained", "Traders said inflows")
    assert [p.line for p in article.paragraphs] == [5, 6]  # paragraphs on consecutive lines


def test_updated_on_with_time_and_our_correspondent() -> None:
    article = only(
        "Cabinet approves new telecom spectrum auction plan\n\n"
        "By Our Correspondent\n"
        "Updated On: 3 March 2025 10:15 PKT\n"
        "Facebook Twitter WhatsApp\n\n"
        "ISLAMABAD: The federal cabinet on Monday approved a plan to auction additional spectrum for 5G services.\n\n"
        "The auction is expected later this year, the information minister told reporters.\n"
    )
    assert article.title == "Cabinet approves new telecom spectrum auction plan"
    assert article.date == PartialDate(2025, 3, 3)
    assert article.date_text == "Updated On: 3 March 2025 10:15 PKT"
    assert article.author == "Our Correspondent"
    assert article.dateline == "ISLAMABAD"
    check_body(article, 2, "The federal cabinet on Monday", "The auction is expected")


def test_site_header_date_loses_to_the_articles_own_date() -> None:
    article = only(
        "Thursday, 14 August 2025\n"
        "The Quetta Courier\n"
        "Home | Business | Technology\n\n"
        "Freelancers report slower payments after bank rule change\n"
        "By Sana Mir\n"
        "Published July 30, 2025\n\n"
        "Freelancers in Quetta say payments from foreign clients now take up to a week longer to clear.\n\n"
        "Banks say the delay is temporary while new checks are introduced.\n"
    )
    assert article.title == "Freelancers report slower payments after bank rule change"
    assert article.date == PartialDate(2025, 7, 30)
    assert article.author == "Sana Mir"


def test_a_site_header_date_alone_is_not_the_article_date() -> None:
    article = only(
        "Thursday, 14 August 2025\n"
        "Solar net-metering rules revised again by regulator\n"
        "Share\n\n"
        "The power regulator has revised the net-metering rules for rooftop solar users for the second time.\n"
    )
    assert article.title == "Solar net-metering rules revised again by regulator"
    assert article.date is None


def test_a_date_inside_a_photo_caption_is_not_the_article_date() -> None:
    article = only(
        "Karachi port handles record container volumes\n"
        "Containers are stacked at Karachi port on March 3, 2025. (AFP)\n"
        "Share\n"
        "Karachi port handled a record number of containers in the last quarter, the port authority said.\n"
        "Officials credited faster customs clearance for the increase in traffic.\n"
    )
    assert article.title == "Karachi port handles record container volumes"
    assert article.date is None
    assert article.date_text is None
    check_body(article, 2, "Karachi port handled", "Officials credited")


def test_a_relative_date_is_no_date() -> None:
    article = only(
        "Startup raises seed funding for Urdu voice assistant\n"
        "10 months ago\n"
        "Follow\n\n"
        "A Lahore startup building an Urdu voice assistant has raised $2 million in seed funding, its founders said.\n"
    )
    assert article.title == "Startup raises seed funding for Urdu voice assistant"
    assert article.date is None
    assert article.date_text is None
    assert len(article.paragraphs) == 1


def test_a_page_without_a_headline_still_gives_its_body() -> None:
    article = only(
        "Share\nTweet\nWhatsApp\n\n"
        "The government has extended the deadline for registering mobile phones brought in by travellers.\n\n"
        "Travellers now have 120 days to register their handsets with the regulator.\n"
    )
    assert article.title is None
    assert article.line == 5
    check_body(article, 2, "The government has extended", "Travellers now have")


def test_copyright_line_gives_publisher_and_year_when_no_other_date() -> None:
    article = only(
        "Dawn\n\n"
        "Textile exporters warn of losses after gas price increase\n\n"
        "Exporters said the proposed increase in gas prices would make their products uncompetitive abroad.\n\n"
        "The association asked the government to reconsider the decision before the next budget.\n\n"
        "© 2023 Dawn Media Group\n"
    )
    assert article.title == "Textile exporters warn of losses after gas price increase"
    assert article.publisher == "Dawn Media Group"
    assert article.date == PartialDate(2023)
    assert article.date.precision == "year"
    assert article.date_text == "© 2023 Dawn Media Group"
    check_body(article, 2, "Exporters said", "The association asked")


THREE = """Solar imports surge as households cut grid use
Published 2 May 2025
Share
Solar panel imports rose sharply in the first quarter as households sought to cut electricity bills, customs data showed.
Importers expect demand to remain strong through the summer months.

Wheat procurement target cut by provincial government
Published 3 May 2025
Share
The Punjab government has reduced its wheat procurement target for the season, officials said on Friday.
Farmers' groups criticised the decision.

Cricket board announces new domestic season schedule
Published 4 May 2025
Share
The Pakistan Cricket Board announced the schedule for the new domestic season on Saturday.
Matches will start in September.
"""


def test_a_file_with_three_articles() -> None:
    articles = parse(THREE)
    assert [a.title for a in articles] == [
        "Solar imports surge as households cut grid use",
        "Wheat procurement target cut by provincial government",
        "Cricket board announces new domestic season schedule",
    ]
    assert [a.line for a in articles] == [1, 7, 13]
    assert [a.date for a in articles] == [PartialDate(2025, 5, 2), PartialDate(2025, 5, 3), PartialDate(2025, 5, 4)]
    assert [[p.text for p in a.paragraphs] for a in articles] == [
        [
            "Solar panel imports rose sharply in the first quarter as households sought to cut electricity bills, "
            "customs data showed.",
            "Importers expect demand to remain strong through the summer months.",
        ],
        [
            "The Punjab government has reduced its wheat procurement target for the season, officials said on Friday.",
            "Farmers' groups criticised the decision.",
        ],
        [
            "The Pakistan Cricket Board announced the schedule for the new domestic season on Saturday.",
            "Matches will start in September.",
        ],
    ]


def test_site_suffix_name_printed_twice_and_related_links() -> None:
    article = only(
        "Pakistan Tech Wire\n"
        "Lahore tech park opens first phase for startups | Pakistan Tech Wire\n\n"
        "Omar Farooq\n"
        "Omar Farooq\n"
        "June 5, 2024\n\n"
        "The first phase of the Lahore technology park opened on Wednesday with space for 200 startups.\n\n"
        "Read more: Punjab announces IT scholarships\n\n"
        "Officials said the second phase would be completed by the end of next year.\n\n"
        "Related Articles\n"
        "Karachi gets new incubator\n"
        "Islamabad hosts AI summit\n\n"
        "Leave a Comment\n"
    )
    assert article.title == "Lahore tech park opens first phase for startups"
    assert article.author == "Omar Farooq"
    assert article.date == PartialDate(2024, 6, 5)
    assert article.date_text == "June 5, 2024"
    assert [p.text[:25] for p in article.paragraphs] == ["The first phase of the La", "Officials said the second"]


def test_combined_byline_and_date_line() -> None:
    article = only(
        "Gwadar airport begins international flights\n"
        "By Ayesha Khan | July 30, 2025 | 3 min read\n\n"
        "The new Gwadar international airport received its first international flight on Tuesday.\n"
    )
    assert article.author == "Ayesha Khan"
    assert article.date == PartialDate(2025, 7, 30)


def test_sign_off_names_author_and_outlet_when_header_has_none() -> None:
    article = only(
        "Frontier Post\n\n"
        "Peshawar traders adopt digital payments in old city markets\n\n"
        "Traders in Peshawar's old city have started accepting QR-code payments, a market association said.\n\n"
        "By\n\n"
        "News Desk, The Frontier Post\n"
    )
    assert article.author == "News Desk"
    assert article.publisher == "The Frontier Post"
    assert len(article.paragraphs) == 1


def test_masthead_repeated_as_a_teaser_label_is_the_publisher() -> None:
    article = only(
        "TechJuice\n\n"
        "Pakistan launches national freelancer portal\n"
        "by Ali Raza\n\n"
        "The government launched a national portal for freelancers on Monday to help them register and get paid.\n\n"
        "techjuice\n"
        "Ten apps every freelancer should know\n\n"
        "The portal will also offer training courses, the IT ministry said in a statement.\n"
    )
    assert article.publisher == "TechJuice"
    assert article.author == "Ali Raza"
    assert [p.text[:20] for p in article.paragraphs] == ["The government launc", "The portal will also"]


def test_key_points_before_body_and_list_items_inside_body() -> None:
    article = only(
        "Budget sets new targets for IT exports\n"
        "Published June 10, 2025\n\n"
        "  • Target raised to $5 billion for the coming year\n"
        "  • Tax relief extended for freelancers\n\n"
        "KARACHI — The federal budget sets a higher target for IT exports, the finance minister said.\n\n"
        "  1. Software Parks:\n\n"
        "Three new software parks will be built in smaller cities over the next two years.\n\n"
        "The budget also lists measures:\n"
        "- lower duties on laptops\n"
        "- cheaper broadband for students\n"
    )
    assert article.key_points == ["Target raised to $5 billion for the coming year", "Tax relief extended for freelancers"]
    assert article.dateline == "KARACHI"
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("text", "The federal budget sets a higher target for IT exports, the finance minister said."),
        ("heading", "1. Software Parks:"),
        ("text", "Three new software parks will be built in smaller cities over the next two years."),
        ("heading", "The budget also lists measures:"),
        ("item", "lower duties on laptops"),
        ("item", "cheaper broadband for students"),
    ]


def test_hard_wrapped_paragraph_lines_are_joined() -> None:
    article = only(
        "Regulator fines mobile operator over service outage\n"
        "Published 1 April 2025\n\n"
        "The telecom regulator fined a mobile operator on Monday after a nationwide outage left millions\n"
        "of subscribers without service for most of the day.\n\n"
        "The operator said it would appeal.  The decision   was “unfair”, it added.\n"
    )
    assert [p.text for p in article.paragraphs] == [
        "The telecom regulator fined a mobile operator on Monday after a nationwide outage left millions "
        "of subscribers without service for most of the day.",
        "The operator said it would appeal. The decision was “unfair”, it added.",
    ]


def test_name_above_date_print_edition_note_and_relative_update() -> None:
    article = only(
        "Dawn\n"
        "E-Paper | Latest | Pakistan | Business\n\n"
        "Govt plans to auction 5G spectrum by March\n"
        "Khaleeq Kiani\n"
        "Published November 14, 2025\n"
        "Updated 2 hours ago\n\n"
        "ISLAMABAD: The government plans to auction spectrum for 5G services by March, officials said on Thursday.\n\n"
        "The panel was informed that the advisory firm had submitted its final report.\n\n"
        "Published in Dawn, November 14th, 2025\n"
    )
    assert article.title == "Govt plans to auction 5G spectrum by March"
    assert article.author == "Khaleeq Kiani"
    assert article.date == PartialDate(2025, 11, 14)
    assert article.publisher == "Dawn"
    assert article.dateline == "ISLAMABAD"
    check_body(article, 2, "The government plans", "The panel was informed")


def test_dateline_on_its_own_line_and_comment_counter() -> None:
    article = only(
        "The Express Tribune\n"
        "Pakistan's IT exports rise 20pc in four months\n"
        "Our Correspondent\n"
        "November 15, 2025\n"
        "KARACHI:\n"
        "Pakistan's information technology exports rose 20 per cent in the first four months, data showed.\n"
        "Exports of computer services led the growth.\n"
        "COMMENTS (2)\n"
    )
    assert article.title == "Pakistan's IT exports rise 20pc in four months"
    assert article.author == "Our Correspondent"
    assert article.dateline == "KARACHI"
    assert article.paragraphs[0].text.startswith("Pakistan's information technology")
    assert [p.text for p in article.paragraphs][-1] == "Exports of computer services led the growth."


@pytest.mark.parametrize("meta_line, author, date, date_text", [
    ("BR Web Desk Published 13 Nov, 2025 07:12pm", "BR Web Desk", PartialDate(2025, 11, 13), "Published 13 Nov, 2025 07:12pm"),
    ("Shahid Iqbal Published November 13, 2025 Updated about 6 hours ago", "Shahid Iqbal", PartialDate(2025, 11, 13),
     "Published November 13, 2025"),
    ("By Aamir Attaa | Published Nov 13, 2025 | 5:32 pm", "Aamir Attaa", PartialDate(2025, 11, 13), "Published Nov 13, 2025"),
    ("By Aamir Attaa ⏐ Published Nov 13, 2025 ⏐ 5:32 pm", "Aamir Attaa", PartialDate(2025, 11, 13), "Published Nov 13, 2025"),
    ("By Aamir Attaa │ Nov 13, 2025", "Aamir Attaa", PartialDate(2025, 11, 13), "Nov 13, 2025"),
    ("Posted on March 3, 2025 by Ali Raza", "Ali Raza", PartialDate(2025, 3, 3), "Posted on March 3, 2025"),
    ("Sufyan Sohail · 2 days ago", "Sufyan Sohail", None, None),
])
def test_byline_and_date_written_in_one_line_without_separators(meta_line: str, author: str, date: PartialDate | None,
                                                                  date_text: str | None) -> None:
    article = only(
        "ProPakistani\n\n"
        "PTA issues fresh warning against unregistered VPNs\n\n"
        f"{meta_line}\n\n"
        "The Pakistan Telecommunication Authority has warned that unregistered VPNs will be blocked from next month.\n"
    )
    assert article.title == "PTA issues fresh warning against unregistered VPNs"
    assert (article.author, article.date, article.date_text) == (author, date, date_text)
    assert [p.text for p in article.paragraphs] == [
        "The Pakistan Telecommunication Authority has warned that unregistered VPNs will be blocked from next month."]


@pytest.mark.parametrize("line", ["Top Stories · Business", "Sara Khan · Business", "Ali Raza"])
def test_a_name_without_by_is_a_byline_only_beside_a_date(line: str) -> None:
    article = only(
        "Why the firewall matters for freelancers\n"
        "By Ali Raza\n"
        f"{line}\n\n"
        "When people in Pakistan talk about the firewall, they usually mean the web management system.\n"
    )
    assert article.title == "Why the firewall matters for freelancers"
    assert article.author == "Ali Raza"


def test_summary_under_the_headline_keeps_byline_date_dateline_and_key_points() -> None:
    article = only(
        "Dawn\n\n"
        "PTA told to restore X access within a week\n\n"
        "Islamabad High Court says the ban has no legal cover and must be lifted.\n\n"
        "Tahir Naseer\n"
        "Published November 13, 2025\n"
        "Updated 2 hours ago\n\n"
        "Key points:\n"
        "- Court gives PTA seven days\n\n"
        "ISLAMABAD: The Islamabad High Court on Wednesday directed the PTA to restore access to X within seven days.\n\n"
        "The court said the ministry's letter could not be treated as an order under the law.\n"
    )
    assert article.title == "PTA told to restore X access within a week"
    assert (article.author, article.date, article.dateline) == ("Tahir Naseer", PartialDate(2025, 11, 13), "ISLAMABAD")
    assert article.key_points == ["Court gives PTA seven days"]
    assert [(p.number, p.text) for p in article.paragraphs] == [
        (1, "Islamabad High Court says the ban has no legal cover and must be lifted."),
        (2, "The Islamabad High Court on Wednesday directed the PTA to restore access to X within seven days."),
        (3, "The court said the ministry's letter could not be treated as an order under the law."),
    ]


@pytest.mark.parametrize("byline", [
    "Usama Khilji\nNovember 19, 2025\n",
    "Usama Khilji\nin Islamabad\n19 November 2025\n",
])
def test_summary_above_a_name_and_a_date_without_labels(byline: str) -> None:
    article = only(
        "The Friday Times\nHome\nOpinion\n\n"
        "The Firewall Is A Tax On Pakistan's Future\n\n"
        "Every hour the internet is throttled, a freelancer in Okara loses a client. The state has yet to count the cost.\n\n"
        f"{byline}\n"
        "Share\nTweet\n\n"
        "It has now been more than a year since Pakistanis first noticed that voice notes would not download.\n\n"
        "© 2025 The Friday Times. All rights reserved.\n"
    )
    assert article.title == "The Firewall Is A Tax On Pakistan's Future"
    assert (article.author, article.date) == ("Usama Khilji", PartialDate(2025, 11, 19))
    assert [p.text[:40] for p in article.paragraphs] == [
        "Every hour the internet is throttled, a ", "It has now been more than a year since P"]


@pytest.mark.parametrize(("teaser_date", "date"), [
    ("05/28/2025", PartialDate(2025, 6, 10)),  # the page writes month first
    ("28/05/2025", PartialDate(2025, 10, 6)),  # the page writes day first
])
def test_a_numeric_date_is_read_the_way_the_page_writes_its_dates(teaser_date: str, date: PartialDate) -> None:
    article = only(
        "Pakistan budget: Can IMF-backed plan revive growth?\n\n"
        "Haroon Janjua\n06/10/2025\n\n"
        "Pakistan's government on Tuesday presented a budget aiming to meet the conditions of an IMF loan.\n\n"
        "Related topics\n\n"
        "Pakistan's IT exports keep rising despite slow internet\n"
        f"{teaser_date}\n"
    )
    assert (article.author, article.date, article.date_text) == ("Haroon Janjua", date, "06/10/2025")


@pytest.mark.parametrize("label", ["Press Release", "PRESS RELEASE", "Handout"])
def test_a_press_release_under_its_letterhead(label: str) -> None:
    article = only(
        "STATE BANK OF PAKISTAN\nCommunications Department\n"
        f"{label}\n\n"
        "November 14, 2025\n\n"
        "SBP Launches Raast Request-to-Pay for Merchants\n\n"
        "The State Bank of Pakistan (SBP) has launched the Request-to-Pay feature of Raast.\n\n"
        "Raast was launched in January 2021 and connects all banks in the country.\n\n"
        "For further details, please visit www.sbp.org.pk\n\n"
        "Noor Ahmed\nChief Spokesperson\n\n"
        "I.I. Chundrigar Road, Karachi, Pakistan.\nPhone: 111-727-111\n"
    )
    assert (article.title, article.line) == ("SBP Launches Raast Request-to-Pay for Merchants", 7)
    assert (article.date, article.author, article.publisher) == (PartialDate(2025, 11, 14), None, "State Bank of Pakistan")
    assert [p.text for p in article.paragraphs] == [
        "The State Bank of Pakistan (SBP) has launched the Request-to-Pay feature of Raast.",
        "Raast was launched in January 2021 and connects all banks in the country.",
    ]


def test_a_title_above_a_press_release_label_stays_the_title() -> None:
    article = only(
        "Pakistan Telecommunication Authority\n\n"
        "PTA Grants Class Licences to VPN Service Providers\n"
        "Press Release\n"
        "13 November 2025\n\n"
        "The Pakistan Telecommunication Authority (PTA) has commenced the licensing of VPN service providers.\n"
    )
    assert (article.title, article.date) == ("PTA Grants Class Licences to VPN Service Providers", PartialDate(2025, 11, 13))


def test_a_date_subhead_inside_the_body_is_not_taken_for_a_byline() -> None:
    article = only(
        "How the VPN rules changed, step by step\n"
        "By Ayesha Khan\n\n"
        "The rules on virtual private networks changed several times over the past two years.\n\n"
        "February 2024\n\n"
        "The regulator first asked businesses and freelancers to register their VPNs with it.\n"
    )
    assert (article.date, article.author) == (None, "Ayesha Khan")
    assert [p.text[:30] for p in article.paragraphs] == ["The rules on virtual private n", "The regulator first asked busi"]


def test_readers_comments_and_newsletter_box_end_the_article() -> None:
    article = only(
        "Firewall slowed internet by up to 40pc, senate panel told\n"
        "Khaleeq Kiani\n"
        "Published November 13, 2025\n\n"
        "A man uses his mobile phone at a market in Karachi. — AFP/File\n\n"
        "ISLAMABAD: The firewall slowed internet speeds by up to 40 per cent, a senate panel was told on Wednesday.\n\n"
        "Officials said the system would be reviewed by the end of the year.\n\n"
        "Sign up for our newsletter and get the morning briefing delivered straight to your inbox every day.\n\n"
        "Comments (14)\n"
        "Closed\n\n"
        "Ahmed\n"
        "Nov 14, 2025 09:12am\n"
        "This is what happens when you let bureaucrats run the digital economy without any oversight at all.\n\n"
        "Copyright © 2025, Dawn\n"
    )
    assert [p.text for p in article.paragraphs] == [
        "The firewall slowed internet speeds by up to 40 per cent, a senate panel was told on Wednesday.",
        "Officials said the system would be reviewed by the end of the year.",
    ]
    assert article.dateline == "ISLAMABAD"


def test_a_comment_under_n_thoughts_on_is_not_another_article() -> None:
    articles = parse(
        "Why Pakistan's firewall matters for freelancers\n"
        "Posted on March 3, 2025 by Ali Raza\n\n"
        "When people in Pakistan talk about the firewall, they usually mean the web management system.\n\n"
        "Share this:\n"
        "Like Loading...\n\n"
        "2 thoughts on “Why Pakistan's firewall matters for freelancers”\n\n"
        "Great comment on VPNs and speed\n"
        "March 4, 2025 at 9:15 am\n"
        "Great piece. The government should publish the contract for the firewall and explain the costs.\n\n"
        "Leave a Reply\n"
    )
    assert [(a.title, len(a.paragraphs)) for a in articles] == [("Why Pakistan's firewall matters for freelancers", 1)]


def test_the_next_story_after_comments_is_still_an_article() -> None:
    articles = parse(
        "Govt unveils digital roadmap\n"
        "By Staff Reporter\n\n"
        "The government unveiled its digital roadmap on Thursday, promising services online by 2027.\n\n"
        "Comments (2)\n"
        "Asad Khan\n"
        "Good move.\n\n"
        "PVARA issues draft rules for crypto exchanges\n"
        "Published November 12, 2025\n\n"
        "The Pakistan Virtual Assets Regulatory Authority issued draft rules for crypto exchanges on Wednesday.\n"
    )
    assert [(a.title, a.date) for a in articles] == [
        ("Govt unveils digital roadmap", None),
        ("PVARA issues draft rules for crypto exchanges", PartialDate(2025, 11, 12)),
    ]
    assert [p.text[:14] for p in articles[0].paragraphs] == ["The government"]


def test_the_paragraph_right_under_an_also_read_teaser_is_kept() -> None:
    article = only(
        "PTA issues fresh warning against unregistered VPNs\nBy Aamir Attaa\n\n"
        "The Pakistan Telecommunication Authority has issued a fresh warning to users of unregistered VPNs.\n\n"
        "Also Read\n"
        "Jazz and Zong raise mobile data prices by up to 25%\n"
        "The auction will offer 600MHz of spectrum in several bands, the authority said on Thursday.\n\n"
        "PTA also said that its web management system would not affect registered VPNs.\n"
    )
    assert [p.text[:30] for p in article.paragraphs] == [
        "The Pakistan Telecommunication", "The auction will offer 600MHz ", "PTA also said that its web man"]


@pytest.mark.parametrize("line", [
    "Reporting by Asif Shahzad; Editing by Gareth Jones",
    "Like Business on Facebook, follow @TribuneBiz on Twitter to stay informed and join in the conversation.",
    "Follow us on Instagram for the latest updates.",
    "Sign up for Rest of World’s newsletter, delivered every weekday.",
    "Support independent journalism. Subscribe to The Friday Times for as little as Rs. 300 per month.",
    "Before it’s here, it’s on the Bloomberg Terminal.",
    "— With assistance from Khalid Qayum",
    "(Updates with comment from the finance ministry in third paragraph.)",
    "Edited by: Srinivas Mazumdaru",
    "Reuters, the news and media division of Thomson Reuters, is the world’s largest multimedia news provider.",
    "https://p.dw.com/p/4vQxR",
    "Purchase Licensing Rights",
])
def test_agency_credits_and_social_prompts_are_not_paragraphs(line: str) -> None:
    article = only("5G auction set for next year\nBy Staff Reporter\n\n"
                   "Pakistan will auction 5G spectrum next year, officials said on Thursday.\n\n" + line + "\n")
    assert [p.text for p in article.paragraphs] == ["Pakistan will auction 5G spectrum next year, officials said on Thursday."]


@pytest.mark.parametrize("note", [
    "The writer is a digital rights advocate and director of Bolo Bhi. He tweets @UsamaKhilji",
    "Sara Khan\nSara Khan is a business journalist at ProPakistani covering economy, banking and technology.",
    "Authors\nGuest Author\nSara Khan\nSara is a correspondent for The Diplomat, based in Lahore, Pakistan.",
])
def test_the_note_on_the_author_under_the_text_is_not_a_paragraph(note: str) -> None:
    article = only("Why the firewall is a tax on freelancers\nBy Sara Khan\n\n"
                   "Pakistan's freelancers lose clients every time the internet slows down, they say.\n\n"
                   "Until the firewall is explained, every slowdown will be a tax on their work.\n\n" + note + "\n")
    assert article.author == "Sara Khan"
    assert [p.text[:30] for p in article.paragraphs] == ["Pakistan's freelancers lose cl", "Until the firewall is explaine"]


@pytest.mark.parametrize("last", [
    "Jameel Ahmad is the governor of the State Bank of Pakistan since 2022.",  # a person in the story
    "Sara Khan is a business journalist.\n\nThe ministry said it would publish the rules next month, after "
    "consulting industry bodies, freelancers' associations and the telecom regulator on the draft.",
])
def test_a_sentence_about_someone_under_the_text_stays(last: str) -> None:
    article = only("Why the firewall is a tax on freelancers\nBy Sara Khan\n\n"
                   "Pakistan's freelancers lose clients every time the internet slows down, they say.\n\n" + last + "\n")
    assert [p.text for p in article.paragraphs][1:] == last.split("\n\n")


@pytest.mark.parametrize("line", [
    "Two responses to the draft came from foreign chambers of commerce, the ministry said on Thursday.",
    "Comments are closed on the earlier draft, but the ministry will take new ones until December.",
    "Compiled by the Pakistan Software Export Board, the figures show a 25pc rise in exports this year.",
    "Reporting by this newspaper last month showed the same trend in exports of computer services.",
    "Follow-up hearings on the petitions against the ban on X are due next week, lawyers said.",
    "Join hands with us, the minister told technology firms on Facebook in a video message.",
    "Subscribe to the SBP newsletter, banks were told in the circular issued on Thursday.",
    "Thousands joined the protest in Karachi — many sharing photos on X.",
    "Sign up for the ministry’s training programme, freelancers were told, before the newsletter went out.",
    "Edited by hand, the list of approved VPN providers was posted on the authority’s website.",
    "(Adds 20 new firms to the list, the authority said.) The update came a day after the deadline.",
    "The deadline was extended until December — salaried taxpayers may file online.",
])
def test_article_sentences_that_resemble_chrome_are_kept(line: str) -> None:
    article = only("Consultation on the draft data law ends\nBy Staff Reporter\n\n"
                   "The ministry closed its consultation on the draft data protection law on Wednesday.\n\n"
                   f"{line}\n\n"
                   "The bill will go to the cabinet next month, officials said after the meeting.\n")
    assert [p.text for p in article.paragraphs] == [
        "The ministry closed its consultation on the draft data protection law on Wednesday.", line,
        "The bill will go to the cabinet next month, officials said after the meeting."]


@pytest.mark.parametrize("heading, under", [
    ("Comments:", "The ministry received 200 comments on the draft from businesses and rights groups."),
    ("Join the conversation", "Officials invited citizens to send their views on the draft law by email."),
])
def test_a_comments_heading_followed_by_article_text_does_not_end_the_article(heading: str, under: str) -> None:
    article = only("Consultation on the draft data law ends\nBy Staff Reporter\n\n"
                   "The ministry closed its consultation on the draft data protection law on Wednesday.\n\n"
                   f"{heading}\n{under}\n")
    assert [p.text for p in article.paragraphs][-1] == under


@pytest.mark.parametrize("meta_line, date", [
    ("Last Updated: 13 Nov 2025", PartialDate(2025, 11, 13)),
    ("First published November 13, 2025", PartialDate(2025, 11, 13)),
    ("By Ali Raza | Last updated 13 Nov 2025", PartialDate(2025, 11, 13)),
])
def test_last_updated_and_first_published_date_lines(meta_line: str, date: PartialDate) -> None:
    article = only("PTA issues fresh warning against unregistered VPNs\n"
                   f"{meta_line}\n\n"
                   "The Pakistan Telecommunication Authority has warned that unregistered VPNs will be blocked.\n")
    assert (article.title, article.date) == ("PTA issues fresh warning against unregistered VPNs", date)


@pytest.mark.parametrize("meta_line", ["Pakistan Today · Nov 13, 2025", "Islamabad High Court · Nov 13, 2025",
                                       "Telecom Sector | Nov 13, 2025"])
def test_an_outlet_or_section_beside_a_date_is_not_the_author(meta_line: str) -> None:
    article = only("Karachi fintech raises $12m in Series A round\n"
                   f"{meta_line}\n\n"
                   "A Karachi-based fintech start-up has raised $12 million in a Series A round led by foreign funds.\n")
    assert (article.title, article.author, article.date) == (
        "Karachi fintech raises $12m in Series A round", None, PartialDate(2025, 11, 13))


def test_no_summary_sentence_is_assumed_when_the_header_has_a_byline() -> None:
    article = only("Pakistan to auction 5G spectrum next year\nBy Staff Reporter\n\n"
                   "ISLAMABAD: The government will auction 5G spectrum next year, the IT minister said.\n\n"
                   "Updated 13 Nov 2025\n\n"
                   "KARACHI: Telecom operators welcomed the announcement but asked for lower prices.\n")
    assert (article.author, article.dateline) == ("Staff Reporter", "ISLAMABAD")
    assert article.paragraphs[0].text == "The government will auction 5G spectrum next year, the IT minister said."


@pytest.mark.parametrize("opening", ["Thursday, 13th November 2025: The Senate passed the bill.",
                                     "NEPRA – the power regulator – on Thursday approved a tariff cut.",
                                     "EXPLAINER: The Prevention of Electronic Crimes Act was amended.",
                                     "Tashkent, 13 November: The Senate passed the bill.",
                                     "Meanwhile, Pakistan – whose exports fell – said nothing.",
                                     "Karachi, Pakistan – the city – said nothing."])
def test_weekdays_labels_acronyms_and_capitalised_places_do_not_open_a_dateline(opening: str) -> None:
    article = only(f"Senate passes bill\nBy Staff Reporter\n\n{opening}\n")
    assert (article.dateline, article.paragraphs[0].text) == (None, opening)


@pytest.mark.parametrize(("opening", "place", "rest", "date", "date_text"), [
    ("ISLAMABAD -- Pakistan is betting on chip design.", "ISLAMABAD", "Pakistan is betting on chip design.", None, None),
    ("Islamabad, Pakistan – Pakistan has lifted its ban on X.", "Islamabad, Pakistan", "Pakistan has lifted its ban on X.",
     None, None),
    ("Islamabad, 13th November 2025: The Senate passed the bill.", "Islamabad", "The Senate passed the bill.",
     PartialDate(2025, 11, 13), "Islamabad, 13th November 2025"),
    ("ISLAMABAD, Nov 13, 2025 (Reuters) - Pakistan said on Thursday.", "ISLAMABAD", "Pakistan said on Thursday.",
     PartialDate(2025, 11, 13), "ISLAMABAD, Nov 13, 2025 (Reuters)"),
    ("November 13, 2025 (MLN): The PTA reported 199.8 million subscribers.", None,
     "The PTA reported 199.8 million subscribers.", PartialDate(2025, 11, 13), "November 13, 2025"),
    ("اسلام آباد: پی ٹی اے نے لائسنس جاری کر دیے ہیں۔", "اسلام آباد", "پی ٹی اے نے لائسنس جاری کر دیے ہیں۔", None, None),
    ("لاہور (خصوصی نامہ نگار) پنجاب حکومت نے ای اسٹامپ کا دائرہ بڑھا دیا۔", "لاہور",
     "پنجاب حکومت نے ای اسٹامپ کا دائرہ بڑھا دیا۔", None, None),
    ("Islamabad (AFP) - Pakistan restored access to X on Thursday.", "Islamabad",
     "Pakistan restored access to X on Thursday.", None, None),
])
def test_datelines_in_other_outlets_forms(opening: str, place: str | None, rest: str, date: PartialDate | None,
                                          date_text: str | None) -> None:
    """A dated dateline is the article's date when the header has none."""
    article = only(f"Senate passes bill\n\n{opening}\n\nThe committee met again on Friday to discuss it further.\n")
    assert (article.dateline, article.paragraphs[0].text) == (place, rest)
    assert (article.date, article.date_text) == (date, date_text)


@pytest.mark.parametrize(("byline", "author"), [
    ("ADNAN AAMIR, Contributing writer", "ADNAN AAMIR"),  # as printed: "AFP", "M.B. NAQVI" cannot be re-cased
    ("By Ali Raza, Staff Writer", "Ali Raza"),
    ("By APP", "APP"),
    ("SHOTARO TANI and ADNAN AAMIR, Nikkei staff writers", "SHOTARO TANI and ADNAN AAMIR"),
    ("By Caroline Davies, BBC Pakistan correspondent", "Caroline Davies"),
])
def test_bylines_with_a_role(byline: str, author: str | None) -> None:
    article = only(f"Pakistan bets on chipmaking talent\n\n{byline}\nNovember 13, 2025\n\n"
                   "ISLAMABAD -- Pakistan is betting that a pool of engineers will attract chip firms.\n")
    assert (article.title, article.author) == ("Pakistan bets on chipmaking talent", author)


def test_an_urdu_page_gives_its_desk_dateline_and_publisher() -> None:
    article = only(
        "ایکسپریس اردو\nتازہ ترین\n\n"
        "پی ٹی اے نے مزید دو وی پی این کمپنیوں کو لائسنس جاری کر دیے\n\n"
        "ویب ڈیسک\n13 نومبر ، 2025\n\n"
        "اسلام آباد: پاکستان ٹیلی کمیونیکیشن اتھارٹی نے مزید دو کمپنیوں کو لائسنس جاری کر دیے ہیں۔\n\n"
        "© 2025 ایکسپریس نیوز۔ جملہ حقوق محفوظ ہیں۔\n"
    )
    assert (article.title, article.author, article.publisher, article.dateline, article.date) == (
        "پی ٹی اے نے مزید دو وی پی این کمپنیوں کو لائسنس جاری کر دیے", "ویب ڈیسک", "ایکسپریس نیوز", "اسلام آباد",
        PartialDate(2025, 11, 13))
    assert [p.text for p in article.paragraphs] == ["پاکستان ٹیلی کمیونیکیشن اتھارٹی نے مزید دو کمپنیوں کو لائسنس جاری کر دیے ہیں۔"]


def test_a_described_person_is_no_byline() -> None:
    assert read_byline("Imran Khan, a political writer") is None
    assert read_byline("Khurram Husain, business journalist") is None


@pytest.mark.parametrize(("line", "author"), [
    ("تحریر: علی رضا", "علی رضا"),          # "written by:"
    ("اسٹاف رپورٹر", "اسٹاف رپورٹر"),       # "staff reporter"
    ("رپورٹ کے مطابق صورتحال بہتر", None),  # "according to the report": no label without a colon
])
def test_urdu_bylines(line: str, author: str | None) -> None:
    assert read_byline(line) == author


def test_the_header_date_wins_over_the_datelines() -> None:
    article = only("Senate passes bill\nPublished November 14, 2025\n\n"
                   "Islamabad, 13th November 2025: The Senate passed the bill.\n")
    assert (article.dateline, article.date, article.date_text) == (
        "Islamabad", PartialDate(2025, 11, 14), "Published November 14, 2025")


def test_zero_width_joiners_inside_words_and_emoji_are_kept() -> None:
    article = only("Women coders\nBy Staff Reporter\n\n"
                   "Women coders 👩\u200d💻 are joining the pay\u200coneer programme in large numbers this year.\n")
    assert article.paragraphs[0].text == "Women coders 👩\u200d💻 are joining the pay\u200coneer programme in large numbers this year."


def test_roman_numerals_and_letters_outside_a_list_are_text() -> None:
    article = only(
        "Court rules on ban\nBy Staff Reporter\n\n"
        "The Islamabad High Court on Thursday ruled in the case of Ali Khan\n"
        "v. Federation of Pakistan that the ban had no legal cover.\n\n"
        "The State Bank issued rules for digital banks. Under the rules, a digital bank must:\n"
        "i. maintain minimum capital of Rs4 billion;\n"
        "ii. report cyber incidents within six hours.\n\n"
        "(a) Existing banks may set up digital subsidiaries.\n"
        "(b) Foreign banks need prior approval.\n"
        "(c) tax relief for IT parks until 2030.\n\n"
        "x. The rules take effect from January 1, 2026.\n"
    )
    assert [(p.kind, p.text[:24]) for p in article.paragraphs] == [
        ("text", "The Islamabad High Court"), ("text", "The State Bank issued ru"), ("item", "i. maintain minimum capi"),
        ("item", "ii. report cyber inciden"), ("item", "(a) Existing banks may s"), ("item", "(b) Foreign banks need p"),
        ("item", "(c) tax relief for IT pa"), ("text", "x. The rules take effect")]
    assert article.paragraphs[0].text.endswith("Ali Khan v. Federation of Pakistan that the ban had no legal cover.")
    assert (article.date, article.publisher) == (None, None)  # "(c) ... 2030." is no copyright line


@pytest.mark.parametrize("caption", [
    "A man uses his mobile phone at a market in Karachi. — AFP/File",
    "Representational image of a software house in Lahore. — Reuters/File",
    "Officials at the signing ceremony. — Photo: APP",
])
def test_captions_credited_after_a_dash_are_left_out(caption: str) -> None:
    article = only(
        "IT exports rise 25pc to $3.2bn in four months\n"
        f"{caption}\n"
        f"{caption}\n"
        "By Mehtab Haider\n\n"
        "Pakistan's IT exports rose 25 per cent to $3.2 billion in the first four months of the fiscal year.\n"
    )
    assert article.title == "IT exports rise 25pc to $3.2bn in four months"
    assert [p.text for p in article.paragraphs] == [
        "Pakistan's IT exports rose 25 per cent to $3.2 billion in the first four months of the fiscal year."]


@pytest.mark.parametrize("caption", [
    "FILE - Freelancers work at a co-working space in Lahore, Pakistan, Feb. 20, 2024. Pakistan has the "
    "world's fourth-largest freelance workforce, according to industry estimates.",
    "FILE PHOTO: A man uses his phone at a market in Karachi, Pakistan, May 3, 2024.",
    "Pakistan's IT exports have grown despite internet disruptionsImage: Rizwan Tabassum/AFP",
    "The minister presented the budget on Tuesday. Photo: Aamir Qureshi/AFP",
])
@pytest.mark.parametrize("above", [True, False])
def test_agency_captions_in_the_text_are_left_out_and_the_dateline_is_found(caption: str, above: bool) -> None:
    article = only(
        "Pakistani freelancers push back as internet curbs hit earnings\nBy Ayaz Gul\nNovember 20, 2025\n\n"
        + (f"{caption}\n\n" if above else "")
        + "ISLAMABAD — Pakistani freelancers say repeated internet disruptions are costing them clients.\n\n"
        + ("" if above else f"{caption}\n\n")
        + "The government says the disruptions are temporary.\n"
    )
    assert (article.dateline, article.date) == ("ISLAMABAD", PartialDate(2025, 11, 20))
    assert [p.text for p in article.paragraphs] == [
        "Pakistani freelancers say repeated internet disruptions are costing them clients.",
        "The government says the disruptions are temporary."]


def test_caption_credited_in_square_brackets_and_summary_above_the_byline() -> None:
    articles = parse(
        "News|Technology\n\n"
        "Pakistan restores X after more than a year-long ban\n\n"
        "The social media platform had been blocked since February 2024 over security concerns.\n\n"
        "A man uses his mobile phone in Islamabad, Pakistan [File: Anjum Naveed/AP]\n"
        "By Abid Hussain\n"
        "Published On 13 Nov 2025\n\n"
        "Pakistan has lifted its ban on the social media platform X, more than 20 months after it was blocked.\n"
    )
    assert [(a.title, a.author, a.date) for a in articles] == [
        ("Pakistan restores X after more than a year-long ban", "Abid Hussain", PartialDate(2025, 11, 13))]
    assert [p.text[:20] for p in articles[0].paragraphs] == ["The social media pla", "Pakistan has lifted "]


def test_picture_credit_line_more_on_this_story_and_links_disclaimer_are_chrome() -> None:
    article = only(
        "Pakistan's digital nomad visa draws few applicants\nBy Caroline Davies\n\n"
        "Getty Images\n"
        "Pakistan launched a visa for digital nomads in June, hoping to attract thousands of remote workers.\n\n"
        "But five months on, fewer than 300 people have applied, according to figures seen by the BBC.\n\n"
        "More on this story\n"
        "Pakistan internet outage hits businesses\n"
        "Related internet links\n"
        "Ministry of Interior\n"
        "The BBC is not responsible for the content of external sites.\n"
    )
    assert [p.text[:20] for p in article.paragraphs] == ["Pakistan launched a ", "But five months on, "]


def test_an_agency_sign_off_after_a_dash_stays_in_the_paragraph() -> None:
    article = only(
        "Cabinet approves AI policy\n"
        "By Staff Reporter\n\n"
        "The federal cabinet approved the national artificial intelligence policy on Wednesday.\n\n"
        "The policy sets up a fund for training and research, a regulator and a plan for data centres. — APP\n"
    )
    assert [p.text for p in article.paragraphs][-1] == \
        "The policy sets up a fund for training and research, a regulator and a plan for data centres. — APP"


@pytest.mark.parametrize("opening, dateline, rest", [
    ("ISLAMABAD, Nov 13 (Reuters) - Pakistan will auction", "ISLAMABAD", "Pakistan will auction"),
    ("TASHKENT, Nov 13 (APP): Pakistan will auction", "TASHKENT", "Pakistan will auction"),
    ("ISLAMABAD/KARACHI: Pakistan will auction", "ISLAMABAD/KARACHI", "Pakistan will auction"),
    ("UPDATE: Pakistan will auction", None, "UPDATE: Pakistan will auction"),
    ("BREAKING NEWS: Pakistan will auction", None, "BREAKING NEWS: Pakistan will auction"),
    ("Islamabad: Pakistan will auction", "Islamabad", "Pakistan will auction"),  # one of Pakistan's cities
    ("Tashkent: Pakistan will auction", None, "Tashkent: Pakistan will auction"),  # another capitalised word
])
def test_datelines_with_dates_agencies_and_two_places_but_not_labels(opening: str, dateline: str | None,
                                                                      rest: str) -> None:
    article = only(f"5G auction set for next year\nBy Staff Reporter\n\n{opening} 5G spectrum next year, officials said.\n")
    assert article.dateline == dateline
    assert article.paragraphs[0].text == f"{rest} 5G spectrum next year, officials said."


def test_a_dateline_with_date_and_agency_on_its_own_line() -> None:
    article = only("5G auction set for next year\n\nISLAMABAD, Nov 13 (APP)\n\n"
                   "Pakistan will auction 5G spectrum next year, officials said on Thursday.\n")
    assert (article.title, article.dateline) == ("5G auction set for next year", "ISLAMABAD")


def test_date_time_and_label_copied_without_spaces() -> None:
    article = only("Pakistan to auction 5G spectrum in December\nBy Ariba Shahid\n"
                   "November 13, 20253:42 PM GMT+5Updated 2 days ago\n\n"
                   "ISLAMABAD, Nov 13 (Reuters) - Pakistan will auction spectrum for 5G services in December.\n")
    assert (article.author, article.date, article.dateline) == ("Ariba Shahid", PartialDate(2025, 11, 13), "ISLAMABAD")


def test_press_release_dateline_gives_place_and_date() -> None:
    article = only("Pakistan Telecommunication Authority\n\nPTA grants licences to five VPN providers\n\n"
                   "Islamabad, 13th November 2025:\n\n"
                   "Pakistan Telecommunication Authority has granted licences to five companies for VPN services.\n")
    assert (article.title, article.date, article.dateline) == (
        "PTA grants licences to five VPN providers", PartialDate(2025, 11, 13), "Islamabad")
    assert article.paragraphs[0].text.startswith("Pakistan Telecommunication Authority has granted")


def test_a_capitalised_word_before_a_date_without_a_year_is_no_dateline() -> None:
    article = only("Talks resume\nBy Staff Reporter\n\nMeanwhile, Nov 13: the talks resumed in Islamabad after a week.\n")
    assert article.dateline is None


def test_urdu_date_line_is_a_date_not_a_headline() -> None:
    article = only("Geo News\n\nPakistan, Uzbekistan agree to build digital corridor\n\n13 نومبر ، 2025\n\n"
                   "TASHKENT, Nov 13 (APP): Pakistan and Uzbekistan on Thursday signed a memorandum on a corridor.\n")
    assert (article.title, article.date, article.date_text) == (
        "Pakistan, Uzbekistan agree to build digital corridor", PartialDate(2025, 11, 13), "13 نومبر ، 2025")


def test_invisible_characters_do_not_hide_byline_or_dateline() -> None:
    article = only("PTA licenses VPN providers\n\u200bBy Jane Doe\nNovember 13, 2025\n\n"
                   "\u200eISLAMABAD: The regulator said on Thursday it had licensed five providers of VPN services.\n")
    assert (article.title, article.author, article.dateline) == ("PTA licenses VPN providers", "Jane Doe", "ISLAMABAD")
    assert article.paragraphs[0].text == "The regulator said on Thursday it had licensed five providers of VPN services."


def test_unicode_line_separators_break_lines_and_keep_the_file_line() -> None:
    article = only("PTA licenses VPN providers\u2028By Jane Doe\u2028November 13, 2025\n\n"
                   "The regulator said on Thursday it had licensed five providers.\u2029- Alpha 3 Cubic\n")
    assert (article.title, article.author, article.date) == ("PTA licenses VPN providers", "Jane Doe", PartialDate(2025, 11, 13))
    assert [(p.line, p.kind, p.text) for p in article.paragraphs] == [
        (3, "text", "The regulator said on Thursday it had licensed five providers."), (3, "item", "Alpha 3 Cubic")]


def test_urdu_sentences_are_prose() -> None:
    article = only("وفاقی کابینہ نے مصنوعی ذہانت پالیسی کی منظوری دے دی\n\n"
                   "وفاقی کابینہ نے قومی مصنوعی ذہانت پالیسی کی منظوری دے دی ہے۔\n\n"
                   "وزیر مملکت نے کہا کہ اس پالیسی کے تحت تربیت دی جائے گی۔\n")
    assert article.title == "وفاقی کابینہ نے مصنوعی ذہانت پالیسی کی منظوری دے دی"
    assert [p.number for p in article.paragraphs] == [1, 2]


def test_roman_numeral_and_tick_mark_items() -> None:
    article = only(
        "PTA licenses VPN providers\nBy Staff Reporter\n\n"
        "The authority has issued licences to companies under the new regime, the first since last year.\n\n"
        "The licensed companies are:\n"
        "i. Alpha 3 Cubic (Pvt) Ltd\n"
        "ii. Zettabyte (Pvt) Ltd\n"
        "✔ Nexilium Tech (Pvt) Ltd\n"
    )
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("text", "The authority has issued licences to companies under the new regime, the first since last year."),
        ("heading", "The licensed companies are:"),
        ("item", "i. Alpha 3 Cubic (Pvt) Ltd"),
        ("item", "ii. Zettabyte (Pvt) Ltd"),
        ("item", "Nexilium Tech (Pvt) Ltd"),
    ]


def test_headline_wrapped_over_two_lines() -> None:
    article = only(
        "Profit\n"
        "Pakistan’s startups raised less in 2025\n"
        "but investors see a turnaround ahead\n"
        "By Staff Reporter\n"
        "Published July 1, 2025\n"
        "Funding for Pakistani startups fell for a third year, a new report said, though investors expect recovery.\n"
    )
    assert article.title == "Pakistan’s startups raised less in 2025 but investors see a turnaround ahead"
    assert article.line == 2
    assert article.author == "Staff Reporter"


def test_section_label_is_not_the_publisher_and_suffix_is_dropped() -> None:
    article = only(
        "Business\n"
        "Rupee slides to record low – Business and Finance\n"
        "By Staff Reporter\n"
        "The rupee fell to a record low against the dollar on Monday, dealers said, amid rising import bills.\n"
        "Business\n"
    )
    assert article.title == "Rupee slides to record low"
    assert article.publisher is None
    assert len(article.paragraphs) == 1


def test_a_dash_inside_a_headline_is_kept() -> None:
    article = only(
        "Pakistan – China trade grows on new rail link\n"
        "Published 2 May 2025\n"
        "Trade between Pakistan and China rose in April after a new rail link opened, officials said.\n"
    )
    assert article.title == "Pakistan – China trade grows on new rail link"


def test_subheads_do_not_split_an_article() -> None:
    article = only(
        "Explainer: what the new cyber law means\n"
        "Published 1 June 2025\n"
        "The new cyber law creates an agency to oversee data security across government departments.\n\n"
        "What changes for users\n\n"
        "Users will be able to complain directly to the agency about data breaches by companies.\n\n"
        "Background\n"
        "Parliament first debated the law in 2023, but it lapsed when the assembly was dissolved.\n"
    )
    assert [(p.kind, p.text[:22]) for p in article.paragraphs] == [
        ("text", "The new cyber law crea"),
        ("heading", "What changes for users"),
        ("text", "Users will be able to "),
        ("heading", "Background"),
        ("text", "Parliament first debat"),
    ]


def test_second_article_with_only_a_byline() -> None:
    articles = parse(
        "First story about exports rising sharply this year\n"
        "By Ali Khan\n"
        "Exports rose sharply in the first half of the year, the commerce ministry said on Monday.\n\n"
        "Second story about imports falling this quarter\n"
        "By Sara Ahmed\n"
        "Imports fell in the quarter as the central bank kept curbs on letters of credit, traders said.\n"
    )
    assert [(a.line, a.author, len(a.paragraphs)) for a in articles] == [(1, "Ali Khan", 1), (5, "Sara Ahmed", 1)]


def test_page_with_only_chrome_fails_naming_the_path() -> None:
    with pytest.raises(BuildFailed) as failure:
        parse_text_dump("Menu\nSearch\nShare\nTweet\n\n© 2025 Example News\nFollow us\n", "content/sources/x.txt")
    assert failure.value.problems == [Problem("content/sources/x.txt", None, NO_ARTICLE)]
    assert "content/sources/x.txt" in str(failure.value)


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\r\n\r\n", "\ufeff"])
def test_empty_file_fails_with_plain_message(text: str) -> None:
    with pytest.raises(BuildFailed) as failure:
        parse_text_dump(text, "content/sources/empty.txt")
    assert failure.value.problems == [Problem("content/sources/empty.txt", None, EMPTY_FILE)]


def test_headline_only_fails() -> None:
    with pytest.raises(BuildFailed):
        parse("Pakistan blocks social media platform\nUpdated 13 November 2025\nFollow\n")


def test_huge_line_and_binary_garbage() -> None:
    huge = "word " * 200_000
    [article] = parse(huge)
    assert article.title is None and len(article.paragraphs) == 1
    with pytest.raises(BuildFailed):
        parse("\x00\x01\x02\xff\ufffd" * 1000)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

_FRAGMENTS = [
    "", "Follow", "Share", "Short Url", "By", "By Jane Doe", "BR Web Desk", "Updated 13 November 2025",
    "Sep. 15, 2025", "10 months ago", "© 2024 Dawn Media Group", "Copyright Business Recorder, 2024",
    "  • A key point about the story", "2. A numbered subhead:", "Related Articles", "infocus",
    "Pakistan starts licensing VPN providers", "Headline – Business and Finance", "Arry Hashemi",
    "An employee works at the office, on August 22, 2024. (REUTERS/File)", "Editorial, Infocus",
    "ISLAMABAD: Pakistan’s telecom regulator said on Thursday users can now obtain services from providers.",
    "The bill now goes to the full house for a vote, where the ruling coalition holds a majority.",
    "continued on a new line in lower case.",
]


def test_a_summary_without_a_full_stop_under_the_headline_is_the_first_paragraph_not_the_title() -> None:
    article = only(
        "SAMAA TV\nLive\nBusiness\n\n"
        "Govt to launch Digital Nation dashboards in 30 cities\n\n"
        "The federal government plans to roll out digital dashboards to track civic services in 30 cities by June 2026\n\n"
        "Samaa Web Desk\n"
        "Nov 13, 2025 | 03:45 PM\n\n"
        "ISLAMABAD: The federal government has decided to launch digital dashboards in 30 cities, officials said on Thursday.\n\n"
        "The first phase will cover Islamabad, Lahore and Karachi.\n"
    )
    assert article.title == "Govt to launch Digital Nation dashboards in 30 cities"
    assert article.line == 5
    assert (article.author, article.date, article.dateline) == ("Samaa Web Desk", PartialDate(2025, 11, 13), "ISLAMABAD")
    assert [(p.number, p.line, p.kind, p.text) for p in article.paragraphs] == [
        (1, 7, "text", "The federal government plans to roll out digital dashboards to track civic services in 30 cities "
                       "by June 2026"),
        (2, 12, "text", "The federal government has decided to launch digital dashboards in 30 cities, officials said on "
                        "Thursday."),
        (3, 14, "text", "The first phase will cover Islamabad, Lahore and Karachi."),
    ]


def test_a_shorter_subhead_under_the_headline_is_not_the_title() -> None:
    article = only(
        "The Express Tribune\nHome\nBusiness\n\n"
        "Freelancers get till December 31 to register VPNs\n\n"
        "PTA extends deadline after P@SHA, PAFLA push back\n\n"
        "Our Correspondent\nNovember 13, 2025\n\n"
        "ISLAMABAD: The PTA has extended the deadline for the registration of VPNs till December 31.\n"
    )
    assert article.title == "Freelancers get till December 31 to register VPNs"
    assert [p.text for p in article.paragraphs] == [
        "PTA extends deadline after P@SHA, PAFLA push back",
        "The PTA has extended the deadline for the registration of VPNs till December 31."]
    assert article.dateline == "ISLAMABAD"


@pytest.mark.parametrize("top", [
    "Pakistan Today\nStartups & Innovation",                           # a section's name
    "Pakistan Today\nHome / Business / Startups",                      # a breadcrumb
    "Pakistan Today\nE-Paper | Latest | Business",                     # a menu
    "Pakistan Today\nA Pakistan Today Group Production",               # a tagline naming the masthead
    "TechJuice\nYour trusted source for tech news",                    # a tagline under the masthead
    "Pakistan Today\nNational\nTrending\nGold price hits new all-time high in Pakistan",  # a teaser
    "Pakistan Today\nNational\nReading time: 4 minutes",              # a label
    "Pakistan Today\nNational\nAdvertisement\nScroll to continue with content",
])
def test_chrome_right_above_the_headline_is_not_taken_for_it(top: str) -> None:
    article = only(
        f"{top}\n\n"
        "Karachi fintech raises $12m in Series A round to expand abroad\n\n"
        "Staff Report\nNovember 13, 2025\n\n"
        "KARACHI: Karachi-based fintech Haball has raised $12 million in a Series A round, the company said.\n"
    )
    assert article.title == "Karachi fintech raises $12m in Series A round to expand abroad"
    assert [p.text for p in article.paragraphs] == [
        "Karachi-based fintech Haball has raised $12 million in a Series A round, the company said."]


def test_a_title_case_line_under_another_is_the_headline_not_a_summary() -> None:
    article = only(
        "ProPakistani\nTech\n\n"
        "Ride-hailing firms face new rules in three provinces\n\n"
        "Careem Shuts Down Its Bike Service Across Pakistan\n\n"
        "By Sufyan Sohail | Published Nov 13, 2025\n\n"
        "Careem said on Thursday that it would end its bike service across Pakistan from next month.\n"
    )
    assert article.title == "Careem Shuts Down Its Bike Service Across Pakistan"


def test_the_line_ending_an_article_is_not_the_next_ones_headline() -> None:
    first, second = parse(
        "The cost of the sugar crisis\n\nFarrukh Saleem\nNovember 14, 2025\n\n"
        "Every few years, Pakistan goes through a sugar crisis and the script is familiar.\n\n"
        "The writer is a political and security strategist based in Islamabad\n\n"
        "Why our schools keep failing the children who need them most\n\nNadia Naviwala\nNovember 14, 2025\n\n"
        "Pakistan has more than 26 million children out of school, the second-highest number in the world.\n"
    )
    assert (first.title, second.title) == ("The cost of the sugar crisis",
                                           "Why our schools keep failing the children who need them most")


def test_a_list_of_headlines_above_the_byline_gives_the_last_as_the_title() -> None:
    article = only(
        "Latest\n\n"
        "PTA blocks 1,200 websites over blasphemous content\n\n"
        "SBP launches digital payments awareness drive\n\n"
        "Senate body approves e-commerce authority bill\n\n"
        "Staff Report\nNovember 13, 2025\n\n"
        "ISLAMABAD: A Senate committee approved the E-Commerce Regulatory Authority Bill on Thursday.\n"
    )
    assert article.title == "Senate body approves e-commerce authority bill"
    assert len(article.paragraphs) == 1


def test_a_dated_teaser_under_also_read_does_not_start_another_article() -> None:
    article = only(
        "Govt approves 5G spectrum auction plan\n\nBy Khaleeq Kiani\nPublished November 13, 2025\n\n"
        "ISLAMABAD: The federal cabinet on Thursday approved the plan for auctioning 5G spectrum.\n\n"
        "Also read\nTelecom operators warn of high spectrum prices\nPublished November 10, 2025\n\n"
        "The auction will offer 600MHz of spectrum in four bands, the IT ministry said.\n"
    )
    assert (article.title, article.author, article.date) == (
        "Govt approves 5G spectrum auction plan", "Khaleeq Kiani", PartialDate(2025, 11, 13))
    assert [p.text for p in article.paragraphs] == [
        "The federal cabinet on Thursday approved the plan for auctioning 5G spectrum.",
        "The auction will offer 600MHz of spectrum in four bands, the IT ministry said."]


def test_a_teaser_with_its_section_under_read_next_does_not_start_another_article() -> None:
    article = only(
        "Pakistan's IT exports hit record as freelancers defy internet curbs\n\nBy Ariba Shahid\nNovember 18, 2025\n\n"
        "KARACHI, Nov 18 (Reuters) - Pakistan's information technology exports rose to a record in October.\n\n"
        "Read Next\nAsia Pacific\nPakistan central bank holds key rate at 11%\nNovember 17, 2025\n\n"
        "Freelancers said they had switched to licensed VPN providers to keep working.\n"
    )
    assert [p.text for p in article.paragraphs] == [
        "Pakistan's information technology exports rose to a record in October.",
        "Freelancers said they had switched to licensed VPN providers to keep working."]


def test_a_reader_comment_under_teasers_and_a_comments_heading_is_not_another_article() -> None:
    article = only(
        "Pakistan's IT Exports Hit All-Time High of $386 Million in October\n\nBy Salman Ahmed | Nov 19, 2025\n\n"
        "Pakistan's information and communication technology exports reached $386 million in October.\n\n"
        "Related Stories\nSBP Issues New Rules for Freelancers' Foreign Currency Accounts\n"
        "PTA Grants Licenses to Five VPN Providers\n\n"
        "Comments\n\nAli Hamza\nNov 19, 2025\nGood news but internet speed is still the biggest problem.\n"
    )
    assert (article.title, article.author) == (
        "Pakistan's IT Exports Hit All-Time High of $386 Million in October", "Salman Ahmed")
    assert [p.text for p in article.paragraphs] == [
        "Pakistan's information and communication technology exports reached $386 million in October."]


def test_a_pull_quote_with_its_speaker_is_neither_an_article_nor_the_byline() -> None:
    article = only(
        "Cabinet approves cloud-first policy\n\nPublished November 13, 2025\n\n"
        "ISLAMABAD: The federal cabinet on Thursday approved a cloud-first policy for ministries.\n\n"
        "\u201cData is the new oil, and we must refine it at home\u201d\nBy Shaza Fatima Khawaja\n\n"
        "The minister said the policy would save Rs10 billion a year in hardware costs.\n"
    )
    assert (article.title, article.author) == ("Cabinet approves cloud-first policy", None)
    assert [p.text for p in article.paragraphs] == [
        "The federal cabinet on Thursday approved a cloud-first policy for ministries.",
        "\u201cData is the new oil, and we must refine it at home\u201d",
        "The minister said the policy would save Rs10 billion a year in hardware costs."]


def test_a_byline_at_the_end_still_signs_the_article() -> None:
    article = only("Cabinet approves cloud-first policy\n\nPublished November 13, 2025\n\n"
                   "ISLAMABAD: The federal cabinet on Thursday approved a cloud-first policy for ministries.\n\n"
                   "By Staff Reporter\n")
    assert article.author == "Staff Reporter"


def test_a_notification_dated_under_its_ministry() -> None:
    article = only(
        "GOVERNMENT OF PAKISTAN\nMINISTRY OF INFORMATION TECHNOLOGY & TELECOMMUNICATION\n*****\n\n"
        "Islamabad, the 13th November, 2025\n\nNOTIFICATION\n\n"
        "S.R.O. 1845(I)/2025.— In exercise of the powers conferred by section 57 of the Act, the Federal "
        "Government is pleased to direct that the following amendments shall be made.\n"
    )
    assert (article.date, article.date_text, article.dateline) == (
        PartialDate(2025, 11, 13), "Islamabad, the 13th November, 2025", None)
    assert article.title != "Islamabad, the 13th November, 2025"


@pytest.mark.parametrize(("top", "publisher"), [
    ("The Nation\nE-Paper\nBusiness", "The Nation"),
    ("Geo News\nLatest\nPakistan", "Geo News"),
    ("Latest News\nPakistan", None),      # a section, not an outlet
    ("Home\nThe Nation\nBusiness", None),  # not the first line: one of many menu entries, maybe
])
def test_an_outlets_name_printed_once_at_the_top_is_the_publisher(top: str, publisher: str | None) -> None:
    article = only(f"{top}\n\nSenate body approves e-commerce authority bill\n\nImran Mukhtar\nNovember 13, 2025\n\n"
                   "ISLAMABAD: A Senate committee approved the E-Commerce Regulatory Authority Bill on Thursday.\n")
    assert (article.title, article.publisher) == ("Senate body approves e-commerce authority bill", publisher)


@pytest.mark.parametrize("opening", [
    "Meanwhile, Pakistan – Asia's newest frontier market – is growing fast.",  # an aside, not a dateline
    "Separately, China – Pakistan's largest lender – said it would roll over the loan.",
    "Today, 9th November 2025: a day the industry will remember.",
    "Lahore, 23rd March 1940: The All-India Muslim League passed its resolution.",  # history, not the dateline
])
def test_openings_that_look_like_datelines_are_text(opening: str) -> None:
    article = only(f"Looking back\nPublished November 13, 2025\n\n{opening}\n\nThe rest of the story follows here.\n")
    assert (article.dateline, article.paragraphs[0].text, article.date) == (None, opening, PartialDate(2025, 11, 13))


@pytest.mark.parametrize("opening", [
    "سوال: کیا حکومت اگلے سال سے وی پی این استعمال کرنے والوں پر مکمل پابندی لگانے کا ارادہ رکھتی ہے؟",  # "Question:"
    "وزیراعظم نے کہا: ہم فری لانسرز کی مدد کریں گے۔",   # "The prime minister said:"
])
def test_an_urdu_label_with_a_colon_is_no_dateline(opening: str) -> None:
    article = only(f"وی پی این پالیسی\n13 نومبر ، 2025\n\n{opening}\n")
    assert (article.dateline, article.paragraphs[0].text) == (None, opening)


def test_a_sentence_about_copyright_in_urdu_is_text_and_a_notice_in_favour_of_an_owner_names_it() -> None:
    sentence = ("1962 کے آرڈیننس کے تحت اس کتاب کے جملہ حقوق مصنف کے نام محفوظ ہیں اور حکومت نے اس قانون میں ترمیم کی "
                "تجویز دی ہے جو ابھی زیر غور ہے۔")
    article = only(f"کاپی رائٹ قانون میں ترمیم\n13 نومبر ، 2025\n\n{sentence}\n\n"
                   "© 2025 جملہ حقوق بحق روزنامہ جنگ محفوظ ہیں\n")
    assert [p.text for p in article.paragraphs] == [sentence]
    assert article.publisher == "روزنامہ جنگ"


def test_a_desk_or_role_line_inside_the_body_is_not_the_byline() -> None:
    article = only("Govt opens help desk for freelancers\nPublished November 13, 2025\n\n"
                   "ISLAMABAD: The IT ministry opened a help desk for freelancers on Thursday.\n\nHelp Desk\n\n"
                   "The desk will answer questions about registration and taxes.\n\n"
                   "Khurram Husain, business correspondent\n\nHe said the desk was overdue.\n")
    assert article.author is None


def test_a_role_line_under_the_last_paragraph_signs_the_article() -> None:
    article = only("Govt opens help desk for freelancers\nPublished November 13, 2025\n\n"
                   "ISLAMABAD: The IT ministry opened a help desk for freelancers on Thursday.\n\n"
                   "Ali Raza, Staff Writer\n")
    assert article.author == "Ali Raza"


def test_a_pull_quote_speaker_after_a_blank_line_is_not_the_byline() -> None:
    article = only("Cabinet approves cloud-first policy\n\nPublished November 13, 2025\n\n"
                   "ISLAMABAD: The federal cabinet on Thursday approved a cloud-first policy for ministries.\n\n"
                   "\u201cData is the new oil\u201d\n\nBy Shaza Fatima Khawaja\n\n"
                   "The minister said the policy would save Rs10 billion a year in hardware costs.\n")
    assert article.author is None


@pytest.mark.parametrize("between", [
    "More Stories\nPVARA issues draft rules for crypto exchanges\nStaff Reporter\nNovember 12, 2025",  # a byline
    "Latest News\nPVARA issues draft rules for crypto exchanges\nNovember 12, 2025",  # a dateline below
    "\u2018We will not let crypto traders suffer\u2019\nBy Staff Reporter\nNovember 12, 2025",  # a quoted headline, dated
])
def test_an_endless_pages_next_article_under_a_list_heading_or_quoted_is_still_an_article(between: str) -> None:
    first, second = parse(
        "Govt unveils Digital Nation roadmap\nPublished November 13, 2025\n\n"
        "ISLAMABAD: The government unveiled its Digital Nation roadmap on Thursday, officials said.\n\n"
        f"{between}\n\n"
        "KARACHI: The regulator issued draft rules for crypto exchanges on Wednesday, officials said.\n"
    )
    assert first.title == "Govt unveils Digital Nation roadmap"
    assert (second.date, second.dateline) == (PartialDate(2025, 11, 12), "KARACHI")


def test_an_author_box_does_not_start_another_article() -> None:
    [article] = parse(
        "Why freelancers need a VPN policy\nPublished November 13, 2025\n\n"
        "Pakistan's freelancers lost work during every internet slowdown this year, surveys show.\n\n"
        "About the author\nWritten by Hira Batool, Contributing writer\n\n"
        "Hira Batool is a freelance journalist based in Lahore who writes on technology.\n"
    )
    assert article.title == "Why freelancers need a VPN policy"


CIRCULAR = ("STATE BANK OF PAKISTAN\nPayment Systems Policy & Oversight Department\n\n"
            "PSP&OD Circular No. 04 of 2025\nNovember 13, 2025\n\n"
            "The Presidents/CEOs\nAll Banks / Microfinance Banks / EMIs\n\n{salutation}\n\n{subject}\n\n"
            "Please refer to PSP&OD Circular No. 01 of 2024 regarding the Raast Person-to-Merchant payment service.\n\n"
            "2. All acquiring banks shall ensure that merchants display a Raast QR code by June 30, 2026.\n\n"
            "Yours faithfully,\n\n(Syed Sohail Javaad)\nDirector\n")


@pytest.mark.parametrize(("salutation", "subject"), [
    ("Dear Sir/Madam,", "Mandatory Raast QR Acceptance for Merchants"),
    ("Dear Sir,", "Subject: Mandatory Raast QR Acceptance for Merchants"),
])
def test_a_circular_gives_its_subject_date_and_signatory(salutation: str, subject: str) -> None:
    article = only(CIRCULAR.format(salutation=salutation, subject=subject))
    assert (article.title, article.date, article.author) == (
        "Mandatory Raast QR Acceptance for Merchants", PartialDate(2025, 11, 13), "Syed Sohail Javaad")
    assert [p.text for p in article.paragraphs][-1] == (
        "2. All acquiring banks shall ensure that merchants display a Raast QR code by June 30, 2026.")


def test_a_notifications_signatory_in_brackets_is_its_author() -> None:
    article = only("NOTIFICATION\nIslamabad, the 13th November, 2025\n\n"
                   "S.R.O. 1845(I)/2025.— In exercise of the powers conferred by section 57 of the Act, the Federal "
                   "Government is pleased to direct that the following amendments shall be made.\n\n"
                   "[F. No. 8-12/2025-Tel]\n\n(Muhammad Asif)\nSection Officer (Telecom)\n")
    assert article.author == "Muhammad Asif"
    assert [p.text for p in article.paragraphs] == [
        "S.R.O. 1845(I)/2025.— In exercise of the powers conferred by section 57 of the Act, the Federal Government "
        "is pleased to direct that the following amendments shall be made."]


def test_a_post_in_brackets_names_no_signatory() -> None:
    article = only("NOTIFICATION\nIslamabad, the 13th November, 2025\n\n"
                   "S.R.O. 1845(I)/2025.— In exercise of the powers conferred by section 57 of the Act, the Federal "
                   "Government is pleased to direct that the following amendments shall be made.\n\n(SECTION OFFICER)\n")
    assert article.author is None


def test_brackets_around_a_name_inside_an_article_are_text() -> None:
    article = only("Court hears VPN case\nPublished November 13, 2025\n\n"
                   "ISLAMABAD: The court heard the petition on Thursday, lawyers said.\n\n(Justice Babar Sattar)\n\n"
                   "The hearing was adjourned until next week at the request of the government's counsel.\n")
    assert article.author is None


def test_a_subhead_beginning_sub_does_not_start_a_letter_or_another_article() -> None:
    [article] = parse("Pakistan's IT exports find new markets\nPublished November 13, 2025\n\n"
                      "ISLAMABAD: Exporters are finding buyers beyond the Gulf, officials said on Thursday.\n\n"
                      "Sub-Saharan Africa\n\n"
                      "Kenya and Nigeria bought more Pakistani software services than ever before this year.\n")
    assert article.title == "Pakistan's IT exports find new markets"
    assert [p.text for p in article.paragraphs][-2:] == [
        "Sub-Saharan Africa", "Kenya and Nigeria bought more Pakistani software services than ever before this year."]


@pytest.mark.parametrize(("opening", "place"), [
    ("ISLAMABAD - The federal cabinet on Wednesday approved the budget - Rs18 trillion in all - for next year.",
     "ISLAMABAD"),  # a dash later in the sentence is no aside
    ("THE HAGUE, Nov 13 (Reuters) - The court said it would rule next month.", "THE HAGUE"),
    ("ITALY: The government said it would buy more Pakistani rice next year.", "ITALY"),
    ("NEPRA – Pakistan's power regulator – on Thursday approved a cut.", None),  # an aside
])
def test_upper_case_datelines_and_asides(opening: str, place: str | None) -> None:
    article = only(f"Budget approved\nPublished November 13, 2025\n\n{opening}\n")
    assert article.dateline == place


def test_a_quoted_headline_with_a_dateline_below_starts_the_next_article() -> None:
    first, second = parse(
        "Govt unveils Digital Nation roadmap\nPublished November 13, 2025\n\n"
        "ISLAMABAD: The government unveiled its Digital Nation roadmap on Thursday, officials said.\n\n"
        "\u2018We will not let freelancers suffer\u2019\nBy Sana Khan\n\n"
        "KARACHI: The minister told freelancers on Wednesday that payments would not be taxed twice.\n")
    assert (second.title, second.author, second.dateline) == (
        "\u2018We will not let freelancers suffer\u2019", "Sana Khan", "KARACHI")


@pytest.mark.parametrize("note", ["(Business Recorder)", "(Press Release)", "(With Input From Agencies)"])
def test_a_bracketed_note_under_the_text_is_no_signatory(note: str) -> None:
    article = only("PTA licenses two more VPN providers\nPublished November 13, 2025\n\n"
                   "ISLAMABAD: The regulator issued two more licences on Thursday, officials said.\n\n"
                   f"{note}\n")
    assert article.author is None


def test_a_labelled_ticker_line_is_not_a_headline_over_a_summary() -> None:
    article = only("Business Recorder\nMarkets\n\nLive: PSX gains 1,200 points in early trade\n\n"
                   "Inflation falls to lowest level in seven years as food prices ease\n\n"
                   "Recorder Report\nNovember 13, 2025\n\n"
                   "KARACHI: Consumer prices rose 1.2 percent in October from a year earlier, the bureau said.\n")
    assert article.title == "Inflation falls to lowest level in seven years as food prices ease"


def _outcome(text: str) -> object:
    try:
        return parse_text_dump(text, "p.txt")
    except BuildFailed as failure:
        assert failure.problems and all(p.path == "p.txt" for p in failure.problems)
        return failure.problems


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_text_gives_articles_or_build_failed(text: str) -> None:
    first = _outcome(text)
    assert isinstance(first, list)
    assert first == _outcome(text)


@settings(max_examples=300)
@given(
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=30)), max_size=40),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
)
def test_page_like_text_gives_articles_or_build_failed(parts: list[str], newline: str) -> None:
    text = newline.join(parts)
    first = _outcome(text)
    assert first == _outcome(text)
    if isinstance(first, list) and first and isinstance(first[0], ExtractedArticle):
        for article in first:
            assert article.paragraphs
            assert [p.number for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))
