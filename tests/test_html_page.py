"""Saved web pages (.html) through trafilatura: main text, metadata, and dates only from metadata."""
from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from build_tools.errors import BuildFailed, Problems
from build_tools.model import PartialDate
from build_tools.parse.html_page import NO_MAIN_TEXT, author_printed_in_page, parse_html_page, read_date_value
from build_tools.parse.sources import load_sources

BODY = """<main><article><h1>Talks on a digital corridor</h1>
<p>Pakistan has asked the Asian Development Bank to form a joint working group on a digital corridor
that would route internet traffic for Central Asian states through Pakistani gateways.</p>
<p>The proposal was made at a ministerial conference, officials said, and the bank agreed to study it.</p>
<figure><figcaption>Delegates on 12 March 2023.</figcaption></figure>
</article></main>"""


def page(head: str = "", header: str = "", body: str = BODY, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Talks on a digital corridor</title>'
            f"{head}</head><body><header>{header}</header>{body}</body></html>")


def one(text: str):
    [article] = parse_html_page(text, "content/sources/page.html")
    return article


@pytest.mark.parametrize("head, expected", [
    ('<meta property="article:published_time" content="2025-11-21T09:00:00Z">', PartialDate(2025, 11, 21)),
    ('<meta itemprop="datePublished" content="2025-11">', PartialDate(2025, 11)),
    ('<meta name="citation_publication_date" content="2024">', PartialDate(2024)),
    ('<meta name="date" content="Nov 21, 2025">', PartialDate(2025, 11, 21)),
    ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage",'
     '"datePublished":"2020-01-01"},{"@type":"NewsArticle","datePublished":"2025-11-21T14:00:00+05:00"}]}</script>',
     PartialDate(2025, 11, 21)),
])
def test_date_from_publication_metadata_at_its_precision(head: str, expected: PartialDate) -> None:
    assert one(page(head)).date == expected


@pytest.mark.parametrize("head, header", [
    ("", '<p class="date">Monday, 1 December 2025</p>'),                                  # a masthead's "today"
    ('<meta property="article:modified_time" content="2025-11-30">', ""),               # not the publication date
    ('<script type="application/ld+json">{"dateModified": "2025-11-30"}</script>', ""),
    ('<meta property="article:published_time" content="2025-02-30">', ""),              # impossible: ignored
    ('<script type="application/ld+json">{not json</script>', "Updated 3 hours ago"),
])
def test_no_date_is_invented(head: str, header: str) -> None:
    """trafilatura's own date search would answer 2025-12-01 or 2023-03-12 here; we answer nothing."""
    assert one(page(head, header)).date is None


def test_a_time_element_marked_as_publication_date_counts() -> None:
    body = BODY.replace("<h1>", '<time itemprop="datePublished" datetime="2025-11-21">21 Nov</time><h1>')
    assert one(page(body=body)).date == PartialDate(2025, 11, 21)


def test_read_date_value() -> None:
    assert read_date_value("2025-11-13T23:30:00-08:00") == PartialDate(2025, 11, 13)  # as written, no shift
    assert read_date_value("2025") == PartialDate(2025)
    assert read_date_value("13 November 2025") == PartialDate(2025, 11, 13)
    assert read_date_value("10 months ago") is None
    assert read_date_value("2025-13-01") is None


def test_metadata_and_paragraphs() -> None:
    head = ('<meta property="og:site_name" content="Arab News"><meta name="author" content="Naimat Khan">'
            '<link rel="canonical" href="https://www.arabnews.pk/node/123">')
    article = one(page(head))
    assert (article.title, article.publisher, article.author) == ("Talks on a digital corridor", "Arab News", "Naimat Khan")
    assert article.extra == {"url": "https://www.arabnews.pk/node/123"}
    assert [p.text[:25] for p in article.paragraphs] == ["Pakistan has asked the As", "The proposal was made at "]
    assert all("\n" not in p.text and "  " not in p.text for p in article.paragraphs)
    assert article.paragraphs[0].line == 2  # where the paragraph starts in the file (best effort)


def test_a_table_gives_one_item_per_row_named_by_its_headings() -> None:
    body = ("<main><article><h1>Talks on a digital corridor</h1>\n"
            "<p>Cellular subscribers reached 199.8 million by the end of October 2025, the regulator said.</p>\n"
            "<table>\n<tr><th>Operator</th><th>Subscribers (million)</th></tr>\n"
            "<tr><td>Jazz</td><td>73.1</td></tr>\n<tr><td>Zong</td><td></td></tr>\n"
            "<tr><td colspan=\"2\">Source: PTA</td></tr>\n</table>\n"
            "<p>Broadband subscribers increased to 150.2 million, according to the latest data.</p>\n"
            "</article></main>")
    article = one(page(body=body))
    assert [(p.number, p.kind, p.text) for p in article.paragraphs] == [
        (1, "text", "Cellular subscribers reached 199.8 million by the end of October 2025, the regulator said."),
        (2, "item", "Operator: Jazz; Subscribers (million): 73.1"),
        (3, "item", "Operator: Zong"),
        (4, "text", "Source: PTA"),
        (5, "text", "Broadband subscribers increased to 150.2 million, according to the latest data."),
    ]
    assert [p.line for p in article.paragraphs] == [2, 5, 6, 7, 9]


LONG = ("Pakistan's central bank said on Thursday that the instant payment system handled {} million "
        "transactions in October, up from the month before, as more merchants accepted it.")


def test_lists_and_subheadings_are_kept_on_a_page_without_an_article_element() -> None:
    body = ('<header><nav><ul><li><a>Home</a></li><li><a>Markets</a></li></ul></nav></header>'
            '<div class="container"><div class="row"><div class="col-lg-8"><div class="news-detail">'
            '<h1 class="news-title">Raast volumes surge</h1><div class="news-body">'
            f"<p>{LONG.format(120)}</p><h2>What changes for merchants</h2>"
            "<ul><li>No merchant discount rate on Raast payments</li><li>Settlement in real time</li></ul>"
            f"<p>{LONG.format(130)}</p></div>"
            '<div class="share"><a>Facebook</a> <a>Twitter</a></div></div></div>'
            '<div class="col-lg-4"><h4>Latest News</h4><ul><li><a>Gold rises Rs2,100 per tola</a></li></ul></div>'
            "</div></div><footer><p>Contact us</p></footer>")
    article = one(page(body=body))
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("text", LONG.format(120)), ("heading", "What changes for merchants"),
        ("item", "No merchant discount rate on Raast payments"), ("item", "Settlement in real time"),
        ("text", LONG.format(130))]


def test_a_layout_table_gives_its_paragraphs_and_line_breaks_separate_words() -> None:
    body = ('<table><tr><td><a href="/">Home</a> | <a href="/about">About Us</a></td></tr>'
            f"<tr><td><h1>PTA resolves complaints</h1><p>{LONG.format(98)}</p><p>{LONG.format(99)}</p>"
            "<p>Director (Media)<br>MoITT</p></td></tr></table>")
    article = one(page(body=body))
    texts = [p.text for p in article.paragraphs]
    assert texts[:2] == [LONG.format(98), LONG.format(99)]
    assert "Director (Media) MoITT" in texts
    assert not any("About Us" in text for text in texts)


def test_an_embedded_social_media_post_is_not_article_text() -> None:
    body = (f"<article><p>{LONG.format(1)}</p>"
            '<blockquote class="twitter-tweet"><p>Freelancers earned $400m this year pic.twitter.com/abc123</p>'
            "&mdash; MoITT (@MoITTOfficial) October 28, 2025</blockquote>"
            f"<p>{LONG.format(2)}</p></article>")
    article = one(page(body=body))
    assert [p.text for p in article.paragraphs] == [LONG.format(1), LONG.format(2)]


def test_dateline_after_a_summary_and_a_printed_date_when_the_metadata_has_none() -> None:
    body = ("<article><p>Dated: 20-08-2025</p><p>Exports hit a record as freelancers join the formal channel.</p>"
            f"<p>ISLAMABAD: {LONG.format(7)}</p><p>{LONG.format(8)}</p></article>")
    article = one(page(body=body))
    assert (article.date, article.dateline) == (PartialDate(2025, 8, 20), "ISLAMABAD")
    assert [p.text for p in article.paragraphs] == [
        "Exports hit a record as freelancers join the formal channel.", LONG.format(7), LONG.format(8)]


def test_a_dated_lead_gives_the_date_and_a_yearless_copyright_at_the_end_the_publisher() -> None:
    body = (f"<article><p>November 13, 2025 (MLN): {LONG.format(3)}</p><p>{LONG.format(4)}</p>"
            "<p>Copyright Mettis Link News</p></article>")
    article = one(page(body=body))
    assert (article.date, article.dateline, article.publisher) == (PartialDate(2025, 11, 13), None, "Mettis Link News")
    assert [p.text for p in article.paragraphs] == [LONG.format(3), LONG.format(4)]


def test_newsletter_and_paywall_prompts_and_a_repeated_pull_quote_are_left_out() -> None:
    quote = "\u201cCash on delivery is a tax on trust,\u201d said one founder."
    body = (f"<article><p>{LONG.format(5)}</p><h3>Subscribe to our newsletter</h3><p>{quote}</p>"
            f"<p>{quote[:-1]} of a Lahore-based marketplace, who asked not to be named.</p><h3>Telegram</h3>"
            f"<p>{LONG.format(6)}</p><p>Subscribe to read the full story. Already a subscriber? Log in.</p></article>")
    article = one(page(body=body))
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("text", LONG.format(5)),
        ("text", f"{quote[:-1]} of a Lahore-based marketplace, who asked not to be named."),
        ("heading", "Telegram"),  # a platform's name, not a share button
        ("text", LONG.format(6))]


def test_other_items_json_ld_dates_do_not_date_the_page() -> None:
    head = ('<meta property="article:published_time" content="2025-10-28T09:00:00+05:00">'
            '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
            '{"@type":"VideoObject","name":"Clip","datePublished":"2025-09-30"},'
            '{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","datePublished":"2025-11-21"}]}]}</script>')
    assert one(page(head)).date == PartialDate(2025, 10, 28)


def test_a_utc_time_gives_the_day_the_page_shows_for_it() -> None:
    head = '<meta property="article:published_time" content="2025-06-02T23:04:51.000Z">'
    header = '<time datetime="2025-06-02T23:04:51.000Z">3 June 2025</time>'
    assert one(page(head, header)).date == PartialDate(2025, 6, 3)


def test_wordpress_time_marked_published_dates_the_page_not_the_updated_one() -> None:
    header = ('<time class="updated" datetime="2025-01-09T08:00:00+05:00">January 9, 2025</time>'
              '<time class="entry-date published" datetime="2024-03-18T10:05:00+05:00">March 18, 2024</time>')
    assert one(page(header=header)).date == PartialDate(2024, 3, 18)


def test_title_publisher_and_author_when_the_metadata_is_thin() -> None:
    text = page().replace("<title>Talks on a digital corridor</title>",
                          "<title>Talks on a digital corridor | Startup Pakistan Blog</title>")
    text = text.replace("<h1>Talks on a digital corridor</h1>", "")
    text = text.replace("<header></header>", '<header><h1 class="site-title">Startup Pakistan Blog</h1></header>')
    text = text.replace("</body>", '<footer id="colophon"><div>&copy; 2025 Startup Pakistan Blog &middot; Theme by '
                                   "Twenty Fifteen</div></footer></body>")
    text = text.replace("</head>", '<meta name="author" content="Recorder Report Published September 4"></head>')
    article = one(text)
    assert (article.title, article.publisher, article.author) == (
        "Talks on a digital corridor", "Startup Pakistan Blog", "Recorder Report")


def test_an_interview_answer_after_the_first_paragraph_is_no_dateline() -> None:
    body = (f"<article><p>{LONG.format(1)}</p><p>MUHAMMAD AURANGZEB: We will not ask the IMF for another "
            "programme, the finance minister told us in an interview.</p></article>")
    article = one(page(body=body))
    assert article.dateline is None
    assert article.paragraphs[1].text.startswith("MUHAMMAD AURANGZEB: We will not ask")


@pytest.mark.parametrize("wrap", [
    "{}",                                                         # cells hold <p>s, as WordPress writes them
    '<table><tr><td><p>{}</p><p>More layout text.</p></td></tr></table>',  # a data table inside a layout table
])
def test_a_data_table_stays_a_table(wrap: str) -> None:
    data = ("<table><tr><th><p>Operator</p></th><th><p>Subscribers (million)</p></th></tr>"
            "<tr><td><p>Jazz</p></td><td><p>73.1</p></td></tr></table>")
    body = f"<article><p>{LONG.format(1)}</p>{wrap.format(data)}<p>{LONG.format(2)}</p></article>"
    texts = [(p.kind, p.text) for p in one(page(body=body)).paragraphs]
    assert ("item", "Operator: Jazz; Subscribers (million): 73.1") in texts


def test_host_name_is_not_a_publisher() -> None:
    head = '<link rel="canonical" href="https://www.example.org/a">'
    assert one(page(head)).publisher is None


def test_teasers_print_edition_note_and_comments_are_not_article_text() -> None:
    body = """<main><article><h1>Talks on a digital corridor</h1>
<p>Pakistan has asked the Asian Development Bank to form a joint working group on a digital corridor
that would route internet traffic for Central Asian states through Pakistani gateways.</p>
<p>Also read: Pakistan and Uzbekistan sign a digital trade pact</p>
<p>The proposal was made at a ministerial conference, officials said, and the bank agreed to study it.</p>
<p>Published in Dawn, November 15th, 2025</p>
<h2>2 thoughts on “Talks on a digital corridor”</h2>
<p>Ahmed: This corridor will never happen because nobody has paid for the fibre cables yet, sadly.</p>
</article></main>"""
    head = '<meta property="og:site_name" content="DAWN.COM"><link rel="canonical" href="https://www.dawn.com/news/1">'
    article = one(page(head, body=body))
    assert [(p.number, p.text[:25]) for p in article.paragraphs] == [
        (1, "Pakistan has asked the As"), (2, "The proposal was made at ")]
    assert article.publisher == "Dawn"  # the site's name is its host name; the print-edition note names it


def test_article_text_that_resembles_chrome_is_kept() -> None:
    body = """<main><article><h1>Talks on a digital corridor</h1>
<p>Pakistan has asked the Asian Development Bank to form a joint working group on a digital corridor
that would route internet traffic for Central Asian states through Pakistani gateways.</p>
<p>Three responses to the draft came from foreign platforms, officials said at the ministry.</p>
<p>The platforms named in the draft were:</p>
<ul><li>X</li><li>Telegram</li></ul>
<p>Copyright protection for software was first extended in 2000, the ministry noted in its reply.</p>
<p>Published in World Development, March 12, 2025.</p>
<p>The proposal was made at a ministerial conference, officials said, and the bank agreed to study it.</p>
</article></main>"""
    article = one(page(body=body))
    assert [(p.kind, p.text[:20]) for p in article.paragraphs] == [
        ("text", "Pakistan has asked t"), ("text", "Three responses to t"), ("text", "The platforms named "),
        ("item", "X"), ("item", "Telegram"), ("text", "Copyright protection"), ("text", "Published in World D"),
        ("text", "The proposal was mad")]
    assert article.publisher is None


def test_language_other_than_english_is_kept() -> None:
    assert one(page(lang="ur")).extra.get("language") == "ur"
    assert "language" not in one(page(lang="en-GB")).extra


@pytest.mark.parametrize("text", [
    "",
    "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>",
    "<html><head><script>app()</script></head><body><div id='root'></div></body></html>",
    "not html at all",
])
def test_no_main_text(text: str) -> None:
    with pytest.raises(BuildFailed) as caught:
        parse_html_page(text, "content/sources/empty.html")
    assert [str(p) for p in caught.value.problems] == [f"content/sources/empty.html: {NO_MAIN_TEXT}"]


def test_html_file_in_sources_folder_is_read_with_its_sidecar(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "corridor.html").write_text(page('<meta property="og:site_name" content="Arab News">'), "utf-8")
    (sources / "corridor.meta.yml").write_text("id: arabnews-corridor-talks\ndate: '2025-11'\ntopics: [digital-corridor]\n")
    articles, problems = load_sources(sources)
    assert not problems, problems.items
    [article] = articles
    assert (article.id, article.publisher, article.date) == ("arabnews-corridor-talks", "Arab News", PartialDate(2025, 11))
    assert len(article.paragraphs) == 2


def test_a_sidecar_with_bad_fields_still_applies_its_other_fields(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "corridor.html").write_text(page(), "utf-8")
    (sources / "corridor.meta.yml").write_text("publsher: Arab News\nauthor: Staff\narticles:\n"
                                               "  - id: arabnews-corridor-talks\n    date: 2025-13-40\n    title: Talks\n")
    articles, problems = load_sources(sources)
    assert sorted((Path(p.path).name, p.line, p.message) for p in problems) == [
        ("corridor.meta.yml", 1, "the sidecar has an unknown field 'publsher'; did you mean 'publisher'?"),
        ("corridor.meta.yml", 5, "'date' in item 1 of 'articles': month 13 is not between 1 and 12")]
    [article] = articles
    assert (article.id, article.author, article.title, article.publisher, article.date) == (
        "arabnews-corridor-talks", "Staff", "Talks", None, None)


@pytest.mark.parametrize("declaration", ['<meta charset="windows-1252">', "<meta charset=ISO-8859-1>",
                                         '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'])
def test_html_file_saved_in_windows_1252_is_read_in_the_encoding_it_declares(tmp_path: Path, declaration: str) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    body = BODY.replace("officials said", "officials said \u2014 \u201cwithin weeks\u201d \u2014 at Caf\u00e9 Rivoli")
    text = page(body=body).replace('<meta charset="utf-8">', declaration)
    (sources / "corridor.html").write_bytes(text.encode("cp1252"))
    articles, problems = load_sources(sources)
    assert not problems, problems.items
    [article] = articles
    assert "officials said \u2014 \u201cwithin weeks\u201d \u2014 at Caf\u00e9 Rivoli" in article.paragraphs[1].text


def test_html_without_text_in_sources_folder_is_a_problem(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "menu.html").write_text("<html><body><nav>Home</nav></body></html>", "utf-8")
    articles, problems = load_sources(sources)
    assert articles == [] and isinstance(problems, Problems)
    assert [p.message for p in problems] == [NO_MAIN_TEXT]


# --- a review with 30 pages of further outlets (Dawn, Tribune, Geo, MoITT, PID, MenaFN, BBC Urdu...) ----

PROSE = ("The regulator said the licences would be issued within weeks, and that the companies would have to "
         "meet security rules set out in the new framework.")


def test_a_comment_inside_a_paragraph_keeps_the_text_after_it() -> None:
    """A page saved 'complete' has comments mid-sentence; trafilatura dropped the text after one."""
    body = (f"<main><article><h1>Talks on a digital corridor</h1><p>{PROSE}</p><p>The project was approved by the "
            "CDWP on Saturday<!-- /sentence --> and will be funded over three years, according to a handout.</p>"
            "</article></main>")
    assert one(page(body=body)).paragraphs[1].text == ("The project was approved by the CDWP on Saturday and will "
                                                        "be funded over three years, according to a handout.")


def test_a_government_page_with_br_paragraphs_and_a_site_name_for_its_title() -> None:
    """A ministry's page: its article in two <div>s (headline, date and text came out as one paragraph),
    paragraphs separated by <br><br>, and a <title> that is only the ministry's name."""
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ministry of Information Technology &amp; '
            'Telecommunication</title></head><body><div class="header-top"><span>Ministry of Information Technology '
            '&amp; Telecommunication<br>Government of Pakistan</span></div><div class="container"><div class="col-md-9">'
            '<div class="news-detail">'
            '<h4 class="news-title">MoITT to train 200,000 youth in AI and cloud skills under DigiSkills</h4>'
            '<div class="news-date">17/11/2026</div><div class="news-text">'
            f'Islamabad: {PROSE}<br><br>The Minister said the new phase would include tracks for women and for '
            'persons with disabilities.<br><br>Officials of the IT industry were also present on the occasion.'
            '</div></div></div></div></body></html>')
    article = one(text)
    assert article.title == "MoITT to train 200,000 youth in AI and cloud skills under DigiSkills"
    assert article.date == PartialDate(2026, 11, 17) and article.dateline == "Islamabad"
    assert [p.text for p in article.paragraphs] == [
        PROSE, "The Minister said the new phase would include tracks for women and for persons with disabilities.",
        "Officials of the IT industry were also present on the occasion."]


@pytest.mark.parametrize("written, author", [
    ("Web Desk Wednesday Nov", "Web Desk"), ("Zohaib Ahmed • Oct 8", "Zohaib Ahmed"),
    ("News Desk November", "News Desk"), ("Theresa May", "Theresa May"), ("Ali Raza Nov 4, 2026", "Ali Raza"),
])
def test_a_date_run_into_the_byline_is_cut_off(written: str, author: str) -> None:
    assert one(page(f'<meta name="author" content="{written}">')).author == author


def test_a_byline_printed_as_the_first_paragraph_names_the_author() -> None:
    body = f"<main><article><h1>Talks on a digital corridor</h1><p>By Khalid Mustafa</p><p>{PROSE}</p></article></main>"
    article = one(page(body=body))
    assert article.author == "Khalid Mustafa" and [p.text for p in article.paragraphs] == [PROSE]


def test_a_syndicated_copy_gives_the_agencys_dateline_and_loses_its_end_marks() -> None:
    body = (f"<main><article><h1>Talks on a digital corridor</h1><p>(MENAFN- APP) KARACHI, Nov 4 (APP): {PROSE}</p>"
            "<p>The chamber said exports could double by 2027. Enditem</p><p>APP/ahr/mos</p></article></main>")
    article = one(page(body=body))
    assert article.dateline == "KARACHI"
    assert [p.text for p in article.paragraphs] == [PROSE, "The chamber said exports could double by 2027."]


def test_a_section_in_the_site_name_and_paywall_and_follow_prompts_are_left_out() -> None:
    head = '<meta property="og:site_name" content="DAWN.COM | Business">'
    body = (f"<main><article><h1>Talks on a digital corridor</h1><p>{PROSE}</p>"
            "<p>Follow ProPakistani on Google News &amp; scroll through more of our content.</p>"
            "<h2>Continue reading with a subscription</h2>"
            "<p>Subscribe to The Friday Times to read this article and get unlimited access to our journalism.</p>"
            "</article></main>")
    article = one(page(head, body=body))
    assert article.publisher == "DAWN.COM" and [p.text for p in article.paragraphs] == [PROSE]


def test_an_urdu_related_box_inside_the_story_is_left_out_and_the_subhead_after_it_kept() -> None:
    urdu = "حکومت نے فری لانسرز کی آمدن پر نئے ٹیکس کی تجویز دی ہے اور کہا ہے کہ اس سے محصولات میں اضافہ ہو گا۔"
    body = (f'<main><article><h1>فری لانسرز پر ٹیکس</h1><p>{urdu}</p><section><h2>اسی بارے میں</h2><ul>'
            '<li><a href="/a">انٹرنیٹ کی بندش سے نقصان</a></li><li><a href="/b">آئی ٹی برآمدات</a></li></ul></section>'
            f"<h2>'اعداد و شمار حوصلہ افزا ہیں'</h2><p>{urdu}</p><p>مزید پڑھیں: فائیو جی اسپیکٹرم کی نیلامی</p>"
            "</article></main>")
    article = one(page(body=body, lang="ur"))
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("text", urdu), ("heading", "'اعداد و شمار حوصلہ افزا ہیں'"), ("text", urdu)]


def test_a_utc_time_gives_the_day_printed_in_an_element_named_for_a_date() -> None:
    """Geo's 20:15 UTC on 17 November is 18 November in Pakistan, printed in a <span> without <time>."""
    head = '<meta property="article:published_time" content="2026-11-17T20:15:41.000Z">'
    header = '<p class="post-date-time"><span>Wednesday Nov 18, 2026</span></p>'
    assert one(page(head, header)).date == PartialDate(2026, 11, 18)
    two = header + '<div class="date">Monday Nov 16, 2026</div>'  # two dates printed: the metadata's day stands
    assert one(page(head, two)).date == PartialDate(2026, 11, 17)


def test_a_subhead_under_the_headline_is_not_taken_for_the_title() -> None:
    """A news page's <h1> is its <title> (site part aside): the <h2> under it stays a paragraph."""
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>PTA begins licensing VPN providers | The News'
            '</title></head><body><main><article><h1>PTA begins licensing VPN providers</h1>'
            '<h2>Regulator says class licences will spare users a separate registration</h2>'
            f'<p>{PROSE}</p><p>{PROSE}</p></article></main></body></html>')
    article = one(text)
    assert article.title == "PTA begins licensing VPN providers"
    assert article.paragraphs[0].text == "Regulator says class licences will spare users a separate registration"


def test_a_site_name_with_a_dash_is_kept_whole() -> None:
    head = '<meta property="og:site_name" content="PTA – Pakistan Telecommunication Authority">'
    assert one(page(head)).publisher == "PTA – Pakistan Telecommunication Authority"


def test_a_page_rendered_by_a_script_gives_the_article_in_its_data() -> None:
    """A Next.js page holds its text only in __NEXT_DATA__ and shows 'Loading...': the menu line was taken
    for the article."""
    data = json.dumps({"props": {"pageProps": {"post": {"excerpt": f"<p>{PROSE[:40]}</p>",
                                                         "content": f"<p>{PROSE}</p><h2>What next</h2><p>{LATER}</p>"}}}})
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks on a digital corridor</title></head><body>'
            '<nav>TechJuice Startups Fintech Telecom Gadgets Events Jobs About Contact Advertise With Us Today</nav>'
            f'<div id="__next"><p>Loading...</p></div><script id="__NEXT_DATA__" type="application/json">{data}</script>'
            '</body></html>')
    assert [(p.kind, p.text) for p in one(text).paragraphs] == [("text", PROSE), ("heading", "What next"), ("text", LATER)]


LATER = "Officials said the rules would be reviewed after six months, once the first licences had been in use."


def test_a_long_copyright_owner_gives_its_first_part_as_the_publisher() -> None:
    body = BODY + ("<footer><p>Copyright © 2026 Ministry of Information Technology &amp; Telecommunication, Government "
                   "of Pakistan.</p></footer>")
    assert one(page(body=body)).publisher == "Ministry of Information Technology & Telecommunication"


def test_a_footer_named_foot_gives_the_publisher() -> None:
    body = BODY + '<div class="foot"><p>Copyright © 2026 Xinhua. All rights reserved.</p></div>'
    assert one(page(body=body)).publisher == "Xinhua"


def press_release(letterhead: str, headline: str, footer: str = "") -> str:
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Press Release</title></head><body>'
            f'<div id="content">{letterhead}{headline}<p>{PROSE}</p><p>{LATER}</p></div>{footer}</body></html>')


def test_a_press_release_letterhead_is_skipped_for_the_headline_and_gives_the_date() -> None:
    """The State Bank's layout: issuer and address, date, label, then the headline in bold (no heading)."""
    letterhead = ('<p align="center"><b>STATE BANK OF PAKISTAN</b><br>Communications Department<br>I.I. Chundrigar Road, '
                  'Karachi</p><p align="right"><b>November 16, 2026</b></p><p align="center"><b>PRESS RELEASE</b></p>')
    footer = '<table class="footer"><tr><td>&copy; State Bank of Pakistan. All rights reserved. | Disclaimer</td></tr></table>'
    article = one(press_release(letterhead, '<p align="center"><b>SBP issues licences to two more digital banks</b></p>',
                                footer))
    assert (article.title, article.date, article.publisher) == (
        "SBP issues licences to two more digital banks", PartialDate(2026, 11, 16), "State Bank of Pakistan")
    assert [p.text for p in article.paragraphs] == [PROSE, LATER]


def test_a_headline_in_capitals_after_a_release_number_and_a_place_and_date() -> None:
    """The Press Information Department's layout: the headline in capitals is not taken for letterhead."""
    letterhead = '<p class="prno">PR No. 214</p><p class="prdate">Islamabad: November 15, 2026</p>'
    article = one(press_release(letterhead, '<h4>MINISTER CHAIRS MEETING ON PAKISTAN STARTUP FUND</h4>'))
    assert (article.title, article.date, article.dateline) == (
        "MINISTER CHAIRS MEETING ON PAKISTAN STARTUP FUND", PartialDate(2026, 11, 15), "Islamabad")
    assert [p.text for p in article.paragraphs] == [PROSE, LATER]


def test_short_lines_without_a_letterhead_are_kept() -> None:
    """Under a label title, a short first line that follows no letterhead and is no heading stays text."""
    article = one(press_release("", "<p>Minister chairs meeting on the startup fund</p>"))
    assert article.title == "Press Release"
    assert [p.text for p in article.paragraphs][0] == "Minister chairs meeting on the startup fund"


def undated_page(printed: str) -> str:
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks on a digital corridor</title></head><body>'
            f'<div class="header-top"><div class="header-date">Saturday November 21, 2026</div></div>'
            f'<div class="story-meta">{printed}</div>'
            f'<main><article><h1>Talks on a digital corridor</h1><p>{PROSE}</p><p>{LATER}</p></article></main>'
            '<aside class="related"><div class="date">November 2, 2026</div></aside></body></html>')


@pytest.mark.parametrize("printed, expected", [
    ('<div class="print-story__date">Published November 9, 2026</div>', PartialDate(2026, 11, 9)),  # Dawn's print view
    ('<div class="wzzy"><span>Source: Xinhua</span><span class="time">2026-11-16 21:05:12</span></div>',
     PartialDate(2026, 11, 16)),
    ('<div class="detail-time"><p>۱۸ نومبر ، ۲۰۲۶</p></div>', PartialDate(2026, 11, 18)),  # Jang, Urdu digits
    ('<div class="newsDate"><span class="date">11/04/2026</span></div>', None),  # 4 November or 11 April: not taken
    ('<span class="date">November 9, 2026</span><span class="date">November 10, 2026</span>', None),  # two: not taken
    ('<p>Filed on November 9, 2026</p>', None),  # not in an element named for a date
])
def test_without_metadata_the_one_date_printed_in_a_date_element_of_the_article(printed: str, expected) -> None:
    """The header's date of today and a related story's date are never the article's."""
    assert one(undated_page(printed)).date == expected


def test_a_desk_credit_joined_to_the_authors_gives_way_to_the_people_json_ld_names() -> None:
    """trafilatura joined Dawn's meta 'Dawn Report' to the JSON-LD's two writers."""
    head = ('<meta name="author" content="Dawn Report"><script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": "Talks on a digital corridor", "author": [{"@type": "Person", "name": "Shahid Iqbal"}, '
            '{"@type": "Person", "name": "Tahir Sherani"}]}</script>')
    header = '<span class="story__byline"><a href="/authors/44">Shahid Iqbal</a> | <a href="/authors/912">Tahir Sherani</a></span>'
    assert one(page(head, header)).author == "Shahid Iqbal; Tahir Sherani"


@pytest.mark.parametrize("byline, expected", [
    ('<div class="print-story__byline">Kalbe Ali</div>', "Kalbe Ali"),  # Dawn's print view: no metadata at all
    ('<div class="post-meta"><span class="post-author">By Hira Khan</span></div>', "Hira Khan"),
    ('<div class="print-story__byline">Kalbe Ali</div><div class="print-story__byline">Hira Khan</div>', None),  # two
])
def test_without_metadata_the_one_name_printed_in_a_byline_element(byline: str, expected) -> None:
    comments = '<div class="comments"><div class="comment__author">Imran K</div><p>Good news, finally.</p></div>'
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks on a digital corridor</title></head><body>'
            f'<div class="story-meta">{byline}</div><main><article><h1>Talks on a digital corridor</h1><p>{PROSE}</p>'
            f'<p>{LATER}</p></article></main>{comments}</body></html>')
    assert one(text).author == expected


# --- found by a second set of 24 saved pages (session 8) ----------------------------------------------

def test_a_headline_opening_with_acronyms_is_no_letterhead() -> None:
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pakistan Software Export Board</title>'
            '<meta property="og:site_name" content="Pakistan Software Export Board"></head><body>'
            '<div id="content"><h2>PSEB IT Export Facilitation Centre opens in Karachi</h2>'
            f'<p class="subtitle">Centre to offer free co-working space to startups</p><p>{PROSE}</p><p>{LATER}</p></div>'
            '</body></html>')
    article = one(text)
    assert article.title == "PSEB IT Export Facilitation Centre opens in Karachi"
    assert article.paragraphs[0].text == "Centre to offer free co-working space to startups"


def test_a_letterhead_above_a_headline_that_is_the_title_is_dropped_and_gives_date_and_place() -> None:
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>NITB completes e-Office rollout in all federal '
            'ministries</title></head><body><div id="content"><p>NATIONAL INFORMATION TECHNOLOGY BOARD</p><p>PRESS '
            'RELEASE</p><p>Islamabad, 20th February 2026</p><h2>NITB completes e-Office rollout in all federal '
            f'ministries</h2><p>{PROSE}</p><p>{LATER}</p></div></body></html>')
    article = one(text)
    assert (article.date, article.dateline, [p.text for p in article.paragraphs]) == (
        PartialDate(2026, 2, 20), "Islamabad", [PROSE, LATER])


@pytest.mark.parametrize("around, expected", [
    ('<div class="tj-topbar"><span class="current-date">Wednesday, March 11, 2026</span></div>'
     '<span class="post-date">2 days ago</span>', None),  # the site's date of today, outside <header>
    ('<div class="top-strip"><span class="today-date">Tuesday, March 10, 2026</span></div>'
     '<div class="print-story__date">March 4, 2026</div>', PartialDate(2026, 3, 4)),
    ('<div class="right-col"><div class="upcoming-events"><div class="event-date">24 Mar 2026</div></div></div>', None),
    ('<span class="story-date">Published: March 10, 2026</span> <span class="updated-date">Updated: March 11, 2026</span>',
     PartialDate(2026, 3, 10)),
    ('<header class="td-post-title"><span class="td-post-date"><time class="entry-date updated">March 3, 2026</time>'
     '</span></header>', PartialDate(2026, 3, 3)),  # the article's own title block is no page header
])
def test_dates_printed_around_the_article_are_not_its_date(around: str, expected) -> None:
    assert one(undated_page(around)).date == expected


def test_json_ld_people_printed_in_capitals_replace_a_desk_credit() -> None:
    head = ('<meta name="author" content="Arab News"><script type="application/ld+json">{"@type": "NewsArticle", '
            '"author": [{"@type": "Person", "name": "Saadullah Akhter"}]}</script>')
    header = '<div class="entry__author"><a href="/author/1">SAADULLAH AKHTER</a></div>'
    assert one(page(head, header)).author == "Saadullah Akhter"


def test_a_byline_box_with_by_and_a_dash_gives_the_name() -> None:
    byline = ('<div class="td-post-author-name"><div class="td-author-by">By</div> <a href="/a">Shahab Omer</a>'
              '<div class="td-author-line"> - </div></div>')
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks on a digital corridor</title></head><body>'
            f'<div class="td-post-header">{byline}</div><main><article><h1>Talks on a digital corridor</h1><p>{PROSE}</p>'
            f'<p>{LATER}</p></article></main></body></html>')
    assert author_printed_in_page(lxml.html.fromstring(text)) == "Shahab Omer"


def test_a_developers_credit_in_the_footer_names_no_publisher() -> None:
    footer = '<div class="footer">© Designed, Developed &amp; Hosted by NITB. All Rights Reserved.</div>'
    assert one(page(body=BODY + footer)).publisher is None


def test_a_section_label_above_the_headline_is_no_paragraph() -> None:
    """Dawn's opinion pages print 'Opinion' above the headline, which is the <title> again."""
    text = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks on a digital corridor</title></head><body>'
            '<main><article><div class="story__section">Opinion</div><h2>Talks on a digital corridor</h2>'
            f'<p>{PROSE}</p><p>{LATER}</p></article></main></body></html>')
    assert [p.text for p in one(text).paragraphs] == [PROSE, LATER]


def test_an_agencys_note_on_its_standards_is_no_paragraph() -> None:
    body = BODY.replace("</article>", "<p>Our Standards: The Thomson Reuters Trust Principles.</p></article>")
    assert "Our Standards" not in " ".join(p.text for p in one(page(body=body)).paragraphs)


@pytest.mark.parametrize("notice", ["© Copyright 2025. All Rights Reserved.", "Copyright © 2025. All rights reserved.",
                                    "Copyright © 2024 - 2025. All rights reserved.",
                                    "© Theme: News by Themes. All rights reserved."])
def test_a_footer_notice_without_an_owner_names_no_publisher(notice: str) -> None:
    assert one(page(body=BODY + f'<div class="footer">{notice}</div>')).publisher is None


def test_a_letterhead_above_a_bold_headline_that_is_the_title_is_dropped() -> None:
    title = "SBP issues licences to two more digital banks"
    text = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body><div id="content">'
            '<p align="center"><b>STATE BANK OF PAKISTAN</b><br>Communications Department</p><p align="right"><b>November '
            f'16, 2026</b></p><p align="center"><b>PRESS RELEASE</b></p><p align="center"><b>{title}</b></p><p>{PROSE}</p>'
            f'<p>{LATER}</p></div></body></html>')
    article = one(text)
    assert ([p.text for p in article.paragraphs], article.date) == ([PROSE, LATER], PartialDate(2026, 11, 16))


def test_layout_classes_on_body_do_not_hide_the_date_or_the_byline() -> None:
    """WordPress names the layout on <body> ("has-sidebar", "header-layout-2"): not chrome around the article."""
    printed = '<div class="print-story__date">Published November 9, 2026</div><div class="print-story__byline">Kalbe Ali</div>'
    text = undated_page(printed).replace("<body>", '<body class="single-post has-sidebar header-layout-2">')
    assert (one(text).date, one(text).author) == (PartialDate(2026, 11, 9), "Kalbe Ali")
