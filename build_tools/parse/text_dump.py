"""The plain-text page-dump parser: a news page copied from a browser, chrome and all.

Three passes, each over plain data:

1. **Classify** every line on its own: blank, widget ("Follow", "Short Url"), the start of readers'
   comments, related-links label, copyright line, photo caption, sign-off marker (a bare "By"), meta
   line (byline and/or date), bullet, prose (a sentence-shaped paragraph) or short line (headline,
   subhead, label, slogan).
2. **Segment** the page into articles. The body starts at the first prose line; everything above it
   is the header. Between two prose lines, a run of non-prose lines starts a new article when it holds
   a headline: a short line that is printed twice, or that is followed by a byline or a date (after
   readers' comments, only a headline printed twice or followed by "By ..." or "Published ..."). A
   headline right under "Also read" / "Related" (a teaser) or a line quoted whole (a pull quote) starts
   none, unless a byline, a date or a dateline shows it is the next article. A summary printed under the
   headline (a sentence, or a line without a full stop right above the byline) is the first body line,
   and the header goes on to the byline.
3. **Build** each article: pick title, date, author and key points from its header; turn its body
   lines into paragraphs after dropping the chrome inside the body.

General rules (each is one function below):

- Title: an official letter's subject ("Subject: ...", or the line under "Dear Sir/Madam,"), first
  article only; a press release's title, printed under the letterhead, the "Press Release" label and
  the date, right above the text (its date is the one above it; the letterhead, "STATE BANK OF
  PAKISTAN", is its publisher; a "For further details, please visit ..." line ends its text); else a
  short line printed twice in the header (a " – Section" / " | Site" suffix ignored); else the last short line that has a byline or date after it, or the headline above it when
  that line is the summary printed under a headline (``_headline_above``); else, for the first article
  only, the last header line of four or more words. Never a body line.
- Date: the first date line after the title; else a labelled one ("Published ...", "Updated ...");
  else one next to a byline; with no title (or a letter's subject), the last date line of the header.
  Dates above the title (a masthead's "today") and dates in captions are ignored. With none, a date in
  the dateline ("Islamabad, 13th November 2025:") that agrees with the page's year; else the year of
  the page's copyright line, at year precision. Numeric dates are read day first ("06/10/2025" is
  6 October), unless another date on the page can only be month first ("05/28/2025").
- The note on the author under the text ("The writer is ...", "Salman Ahmed is a business journalist at
  ...", with the name or "Guest Author" above it) is not a paragraph.
- Author: a "By X" line, a desk line ("BR Web Desk", "Our Correspondent"), a name printed twice
  on consecutive lines, or a name right above a date line, after the title; a byline and date on one
  line in any order ("BR Web Desk Published 13 Nov, 2025", "Posted on March 3, 2025 by Ali Raza", a
  name without "By" only beside a date: "Sufyan Sohail · 2 days ago"), a name with a reporter's role
  ("ADNAN AAMIR, Contributing writer"), a name above where the writer files from and a date ("Haroon
  Janjua" / "in Islamabad" / "06/10/2025"); else a sign-off at the end ("By" then "Desk, Outlet", a
  letter's signatory after "Yours faithfully," or in brackets under the text).
- Publisher, from evidence on the page only, first found wins: the owner named in a copyright line
  ("Copyright Business Recorder, 2024", "@2025 Block News International. All Rights Reserved.") or
  a print-edition note ("Published in Dawn, November 14th, 2025");
  the outlet of a sign-off "By" / "Editorial, Infocus"; a masthead (a short line above the title)
  whose name appears again on the page as a standalone label and is not a section name ("Business"),
  or an outlet's name printed once as the page's first line ("The Nation", "Geo News"). Otherwise
  ``None``.
- Key points: bullets in the header after the title. Bullets in the body are body items.
- Dateline: an upper-case place opening the first paragraph, with a colon or a dash and maybe a date
  and an agency ("ISLAMABAD: ...", "ISLAMABAD, Nov 13 (Reuters) - ...", "ISLAMABAD/KARACHI: ..."), or
  printed alone right above the body ("KARACHI:"); labels such as "UPDATE:" or "NOTE:" are not places.
  A capitalised place counts when it is one of Pakistan's cities or a date, a country or an agency
  follows ("Islamabad, 13th November 2025:", "Islamabad, Pakistan –", "Islamabad (AFP) -"); in Urdu,
  a known city ("اسلام آباد:").
- Lines: a line starting in lower case under an unfinished line continues it (hard-wrapped text).
  Invisible characters (zero-width spaces, direction marks) are removed; Unicode line and paragraph
  separators break lines (the pieces keep their file line's number); Urdu's "۔" and "؟" end
  sentences as "." and "?" do.
- Body chrome dropped: widgets, newsletter boxes, prompts to follow the site, agencies' production
  credits ("Reporting by ...; Editing by ..."), captions (a credit in brackets or after a dash with
  a picture word: "— AFP/File"), copyright lines, dates and bylines, related-links blocks, everything
  from the readers' comments on ("2 thoughts on ...", "Leave a Reply", a "Comments (14)" heading with
  a commenter's name or a date under it), the teaser headlines under a "Related" / "Also read" heading,
  site labels (a short line printed two or more times on the page, or the site's name) together with
  the teaser headline printed right under them, reprints of the title, and subheads left dangling at
  the end of an article.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal

from build_tools.errors import BuildFailed, Problem
from build_tools.model.dates import PartialDate
from build_tools.model.records import Paragraph, ParagraphKind
from build_tools.parse.dates import (
    MONTH_NAME,
    WEEKDAY_NAME,
    has_date_label,
    is_relative_date,
    parse_date_text,
    read_month_first,
    reads_both_ways,
    writes_month_first,
)

LineKind = Literal[
    "blank", "widget", "comments", "related", "copyright", "caption", "signoff", "meta", "bullet", "prose", "short"
]

EMPTY_FILE = "the file is empty; a source file needs the article text"
NO_ARTICLE = (
    "no article text found: the file holds only page furniture (menus, share buttons, captions, dates, "
    "copyright lines) and no paragraph of the article; paste the article's paragraphs into the file"
)


@dataclass
class ExtractedArticle:
    line: int
    title: str | None
    date: PartialDate | None
    date_text: str | None
    publisher: str | None
    author: str | None
    dateline: str | None
    key_points: list[str]
    paragraphs: list[Paragraph]


@dataclass(frozen=True)
class Copyright:
    owner: str | None
    year: int


@dataclass(frozen=True)
class Meta:
    """What a byline/date line says."""

    author: str | None = None
    date: PartialDate | None = None
    date_text: str | None = None
    labelled: bool = False  # "Published ...", "Updated ..."
    relative: bool = False  # "10 months ago": a date line we cannot read

    @property
    def is_empty(self) -> bool:
        return self.author is None and self.date is None and not self.relative


@dataclass(frozen=True)
class Line:
    index: int
    number: int  # 1-based line in the file
    text: str  # stripped, runs of whitespace collapsed, bullet glyph removed
    kind: LineKind
    meta: Meta | None = None
    copyright: Copyright | None = None
    numbered: bool = False  # a "1." list line (the number stays in ``text``)

    @property
    def key(self) -> str:
        return self.text.casefold()

    @property
    def words(self) -> int:
        return len(self.text.split())


# ---------------------------------------------------------------------------------------------
# Pass 1: classify lines
# ---------------------------------------------------------------------------------------------

_WIDGET_WORDS = frozenset(
    "follow share shares close tweet whatsapp facebook twitter x linkedin email e-mail print copy reddit "
    "telegram pinterest messenger subscribe comments comment menu search home advertisement "
    "advertisements sponsored listen save bookmark sms like login more next previous prev top".split()
)
_WIDGET_PHRASES = frozenset(
    {
        "short url", "copy link", "leave a comment", "leave a reply", "share this article", "share this",
        "share on facebook", "share on x", "share on twitter", "share on whatsapp", "share on linkedin",
        "follow us", "sign in", "log in", "sign up", "skip to content", "skip to main content",
        "back to top", "listen to article", "listen to this article", "print this page", "email this",
        "font size", "view comments", "post a comment", "add a comment", "show comments",
        "join our whatsapp channel", "follow us on google news", "scroll to continue", "like this", "like this:",
        "scroll to continue with content", "story continues below advertisement", "story continues below",
        "article continues below advertisement", "article continues below", "continue reading below",
        "share this:", "like loading...", "loading...", "share this post", "share this story",
        "purchase licensing rights", "get alerts",
    }
)
_WIDGET_COUNT = re.compile(
    r"^(?:\d[\d,.]*\s*[km]?\s*(?:comments?|views?|shares?|likes?|reads?)"
    r"|(?:views?|comments?|shares?)\s*:?\s*\(?\d[\d,.]*\)?|\d+\s*min(?:ute)?s?\s*read)$",
    re.IGNORECASE,
)
# Vertical bars sites print between a byline, a date and a section: "|" and its look-alikes ("⏐", "│", "｜")
_BARS = "|¦│┃｜⏐∣"
_TOKEN_SPLIT = re.compile(rf"[\s{_BARS}·•/,]+")
# The start of the readers' comments (or of the form to write one): the article's text has ended.
# Said outright ("2 thoughts on “...”", "Leave a Reply", "Comments are closed.") ...
_COMMENTS_START = re.compile(
    r"^(?:(?:\d[\d,]*|one|two|three|four|five)\s+(?:thoughts?|responses?|replies|comments?)\s+(?:on|to)\s+[“\"‘'«].*"
    r"|comments (?:are|have been) (?:closed|disabled|turned off)"
    r"|comments are (?:moderated|subject to moderation)\b.*\b(?:will be (?:posted|published|approved)|on-topic|abusive)\b.*"
    r"|leave a (?:reply|comment)(?: cancel reply)?|(?:post|add|write|view|show|load) (?:a |your |all )?comments?"
    r"|reader(?:s'|'s)? comments)[.:]?$",
    re.IGNORECASE,
)
# ... or a heading that opens them only when a commenter's name or a date comes next (``comments_begin``).
_COMMENTS_HEADING = re.compile(
    r"^(?:comments?(?:\s*\(\d[\d,]*\))?|\d[\d,]*\s+comments?|join the (?:conversation|discussion)|have your say)[.:]?$",
    re.IGNORECASE,
)
# Newsletter boxes: "Sign up for our newsletter and get ...", "Never miss a story".
_NEWSLETTER = re.compile(
    r"^(?:(?:sign up|subscribe|register)\s+(?:for|to)\s+(?:our\b|(?:\S+\s+){0,3}?\S+(?:’s|'s)\s).{0,40}\bnewsletters?\b"
    r"|never miss a (?:story|thing|beat|headline)"
    # a plea for subscribers: "Support independent journalism. Subscribe to The Friday Times for Rs. 300 a month."
    r"|support (?:independent|quality|our|trusted) journalism\b.{0,160}"
    r"|before it[’']s here, it[’']s on the bloomberg terminal\.?"
    r"|get\b.{0,100}\bdelivered (?:straight |directly )?to your inbox\b|get the latest (?:news|updates|stories)$"
    # a paywall's prompt: "Subscribe to read the full story. Already a subscriber? Log in."
    r"|(?:subscribe|sign up|register|log in)(?: now)? to (?:read|continue reading|unlock|access)\b.{0,40}\b(?:story|article)\b"
    r"|subscribe to\b.{1,60}\bto (?:read|continue reading) (?:this|the full) (?:story|article)\b"
    r"|continue reading with a (?:subscription|subscriber account)\b"
    r"|already a subscriber\b|this (?:article|story) is (?:only )?(?:for|available to) (?:our )?subscribers\b)",
    re.IGNORECASE,
)
# "Like Business on Facebook, follow @TribuneBiz on Twitter ...", "Follow us on Instagram ...".
_SOCIAL_PROMPT = re.compile(
    r"^(?:[Ll]ike|[Ff]ollow|[Jj]oin)\s+(?:us|@\w+|[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,2})\s+on\s+"
    r"(?:[Ff]acebook|[Tt]witter|X|[Ii]nstagram|[Ll]inked[Ii]n|[Yy]ou[Tt]ube|[Tt]ik[Tt]ok|[Ww]hats[Aa]pp|[Tt]elegram|[Tt]hreads"
    r"|Google News)\b"
)
# Notes on how a story was made, under it: "— With assistance from Khalid Qayum", "(Updates with comment from
# the finance ministry in third paragraph.)", "Edited by: Srinivas Mazumdaru", an agency's description of itself
_EDITORIAL_NOTE = re.compile(
    r"^(?:[—–-]+\s*[Ww]ith assistance from [A-Z].{0,80}"
    r"|\((?:[Uu]pdates|[Aa]dds|[Rr]ecasts|[Cc]orrects|[Rr]efiles|[Cc]hanges) [^()]{0,150}\)"
    r"|[Ee]dited by:?\s+[A-Z][^.]{0,60}"
    r"|Reuters, the news and media division of Thomson Reuters\b.*)$"
)
# "The BBC is not responsible for the content of external sites."
_LINKS_DISCLAIMER = re.compile(r"\bis not responsible for the content of external (?:sites|websites|links|pages)\.?$", re.I)
# An agency's production credits under the story: "Reporting by Asif Shahzad; Editing by Gareth Jones".
_PRODUCTION_CREDIT = re.compile(
    r"^(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting) by [A-Z][^;.]*(?:;\s*(?:[Aa]dditional )?\w+ by [A-Z][^;.]*)*\.?$"
)

RELATED_HEADINGS = frozenset(
    {
        "related articles", "related", "related news", "related stories", "related posts",
        "related content", "related coverage", "read more", "also read", "read also", "see also",
        "you may also like", "you might also like", "recommended", "recommended for you",
        "recommended stories", "most read", "most popular", "popular", "trending", "trending now",
        "more stories", "more news", "latest news", "more from this section", "more in this section",
        "don't miss", "editor's picks", "editor's pick", "must read", "more on this story", "more on this",
        "related internet links", "related topics", "about the author", "about the writer",
        "read next", "up next", "what to read next", "suggested topics", "suggested reading", "recommended reading",
        "more like this", "you may be interested in",
        # Urdu: "on the same subject", "read more", "read this too", "related news"
        "اسی بارے میں", "مزید پڑھیں", "یہ بھی پڑھیں", "متعلقہ خبریں",
    }
)
_RELATED_PREFIX = re.compile(
    r"^(?:read more|also read|read also|see also|related|recommended|read|مزید پڑھیں|یہ بھی پڑھیں)\s*[:|\-–—]\s*\S",
    re.IGNORECASE
)
_MORE_FROM = re.compile(r"^more (?:from|on|in|stories from)\s+\S", re.IGNORECASE)

_COPYRIGHT_MARK = re.compile(
    r"^(?:[Cc]opyright\b(?=\s*(?:©|\([cC]\)|(?:19|20)\d{2}|[A-Z]))|COPYRIGHT\b|©|\([cC]\)(?=[^.]{0,60}$)|@\s?(?:19|20)\d{2}\b)")
_RIGHTS_RESERVED = re.compile(r"all rights reserved\.?", re.IGNORECASE)
# Urdu "all rights reserved" ("... in favour of <owner>"), closing a short line: "© 2025 ایکسپریس نیوز۔ جملہ حقوق محفوظ ہیں۔"
_URDU_RIGHTS_RESERVED = re.compile(r"جملہ حقوق(?: بحق (?P<owner>[^۔]{2,60}?))? محفوظ(?: ہیں)?\s*۔?$")
MAX_URDU_COPYRIGHT_WORDS = 14
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?(?!\d)")
_PRINT_EDITION = re.compile(r"^(?:published|printed|appeared) in (?P<owner>[^,]{2,60}),\s*(?P<date>.+)$", re.I)
_COPYRIGHT_WORDS = re.compile(r"copyright|©|\(c\)|@", re.IGNORECASE)

_CREDIT_AT_END = re.compile(r"[(\[]([^()\[\]]{1,60})[)\]]$")  # "(Reuters/File)", "[File: Anjum Naveed/AP]"
# A picture credit on a line of its own: "Getty Images", "AFP/Getty Images", "AP Photo/Anjum Naveed".
_CREDIT_ONLY = re.compile(
    r"^(?:[\w.' -]{1,30}/)?(?:getty images|shutterstock|alamy|epa-efe(?:/[\w ]+)?|ap photo(?:/[\w.' -]{1,30})?)$",
    re.IGNORECASE,
)
_CREDIT_WORD = re.compile(
    r"\b(?:reuters|afp|ap|app|epa|getty|unsplash|file|photos?|courtesy|supplied|shutterstock|pexels|"
    r"pixabay|x|twitter|facebook|instagram|online|inp|ppi|nni|bloomberg|xinhua|anadolu|handout|"
    r"screengrab|screenshot|images?|illustration|representational|pid|ispr|wikimedia|credit)\b",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(r"^(?:photo|image|picture|file photo|caption)\s*(?::|by\b|credit\b)", re.I)
_CAPTION_END = re.compile(r"\bfile photo\.?$", re.IGNORECASE)
# A caption with its credit at the end, glued to it as copied: "...on TuesdayImage: Aamir Qureshi/AFP"
_GLUED_CREDIT = re.compile(r"(?:Image|Photo|Picture|Photograph)(?: credit)?:\s*[^.:]{2,60}/[\w .'-]{1,30}$")
# A news agency's caption of an archive picture: "FILE - Freelancers work at ...", "FILE PHOTO: A man ..."
_FILE_CAPTION = re.compile(r"^FILE(?: PHOTO)?\s*[-–—:]\s+\S")
# "... in Karachi. — AFP/File", "— Photo: Reuters", "— Screengrab": a credit after a dash. A bare
# "— APP" is left alone: agencies sign off the last paragraph of their stories that way.
_DASH_CREDIT = re.compile(
    r"\s[—–-]\s*(?P<credit>"
    r"(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Ff]ile(?: photo)?|[Cc]ourtesy|[Ss]creengrab|[Ss]creenshot)(?:\s*:|\s+by)?\s*[A-Z][\w.&' ]{0,30}"
    r"|[A-Z][\w.&']*(?: [A-Z][\w.&']*){0,2}(?:/[A-Z]?[\w.&']+(?: [A-Z][\w.&']*){0,2})+"  # AFP/File, Anjum Naveed/AP
    r"|[Ff]ile(?: photo)?|[Ss]creengrab|[Ss]creenshot"
    r")\.?$"
)
MAX_CAPTION = 350

_BY = re.compile(
    r"^(?:by|written by|posted by|reported by|story by|words by|author|reporter)\s*:?\s+(?P<name>.+)$|"
    r"^(?:تحریر|رپورٹ)\s*:\s*(?P<name_in_urdu>[\u0600-\u06ff]+(?: [\u0600-\u06ff]+){0,4})$",  # "written by:", "report:"
    re.IGNORECASE,
)
# Urdu desks and reporters: "ویب ڈیسک" (web desk), "اسٹاف رپورٹر" (staff reporter), "نامہ نگار" (correspondent)
_URDU_DESK_ENDINGS = ("ڈیسک", "رپورٹر", "نامہ نگار", "نمائندہ خصوصی", "نمائندہ")
_ARABIC_SCRIPT_WORDS = re.compile(r"^[\u0600-\u06ff]+(?: [\u0600-\u06ff]+){0,3}$")
_SIGNOFF = frozenset({"by", "by:", "written by", "posted by", "author", "author:"})
# A letter's closing ("Yours faithfully,"): the signatory's name follows, often in brackets, then the post
_CLOSING = re.compile(
    r"^(?:yours (?:faithfully|sincerely|truly)|sincerely(?: yours)?|(?:best |kind |warm |with )?regards)[,.]?$",
    re.IGNORECASE)
# "(Syed Sohail Javaad)": a signatory's name in brackets on a line of its own, as official letters print it
_SIGNATORY = re.compile(r"^\((?P<name>[^()]{3,60})\)$")
_NAME_CONNECTORS = frozenset("and & de da van von der bin bint ibn al el ul ud ur la le du".split())
_DESK_ENDINGS = (
    "web desk", "news desk", "monitoring desk", "desk", "staff reporter", "staff report",
    "our correspondent", "correspondent", "news service", "bureau report",
)
_META_SEPARATOR = re.compile(rf"\s+[{_BARS}·•]\s+")
# "Shahid Iqbal Published November 13, 2025 Updated 6 hours ago": a label starts a new part.
_LABEL_WORDS = "Published|Updated|Posted|Modified"
LABEL_BOUNDARY = re.compile(
    rf"(?<!\blast)(?<!\bfirst)\s+(?=(?:(?:last|first)\s+)?(?:{_LABEL_WORDS})\b)", re.IGNORECASE)
# Copied from pages that set date, time and label in separate boxes: "November 13, 20253:42 PM GMT+5Updated 2 days ago".
_GLUED_TIME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\d{1,2}:\d{2}\b)")
_GLUED_LABEL = re.compile(rf"(?<=[\w+)])(?=(?:{_LABEL_WORDS})\b)")
_GLUED = re.compile(rf"(?:19|20)\d{{3,4}}:|[\w+)](?:{_LABEL_WORDS})\b")
_DATE_THEN_BY = re.compile(r"^(?P<date>.+?)\s+by\s+(?P<name>\S.*)$", re.IGNORECASE)  # "Posted on March 3, 2025 by Ali Raza"
_TIME_OF_DAY = re.compile(
    r"^(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:[A-Z]{2,5}|GMT\s*[+-]\s*\d{1,2})\)?)?$", re.IGNORECASE)
MAX_META = 160

_GLYPH = re.compile(r"^(?:[•●▪◦‣∙✔✓✅☑➤►▶▸■□◆◇★☆→⮚✗✘❖]\s*|[*\-–·]\s+)(?=\S)")
# "1. ", "(2) ": a numbered item.
_NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s+(?=\S)")
# "iv. ", "(iv) ", "(b) " (a lettered one only in brackets: "a. " may be prose). Such a line is an item
# only when it opens a list ("i.", "(a)") or follows an item: "v. Federation of Pakistan" under an
# unfinished line goes on with that line.
_ORDINAL = re.compile(r"^(?:\(?(?P<roman>i{1,3}|iv|vi{0,3}|ix|xi{0,2})[.)]|\((?P<letter>[a-h])\))\s+(?=\S)")
_ROMAN_VALUES = {numeral: value for value, numeral in enumerate(
    "i ii iii iv v vi vii viii ix x xi xii".split(), start=1)}
_WHITESPACE_RUN = re.compile(r"\s{2,}|\t")
# Zero-width spaces, direction marks and embeddings, word joiners: invisible, but they would stop "By" or
# "ISLAMABAD:" from being recognised at the start of a line. Zero-width (non-)joiners stay: they are
# part of Urdu words and emoji.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CLOSERS = "\"'”’)]»"
# Sentence punctuation, Latin and Arabic script (Urdu ends a sentence with "۔" and asks with "؟").
_FULL_STOPS = (".", "…", "۔")
_SENTENCE_ENDS = (*_FULL_STOPS, "!", "?", "؟")
_CLAUSE_ENDS = (";", ",", "؛", "،")
_UNICODE_BREAK = re.compile("[\u2028\u2029\x85]")


def classify_lines(text: str) -> list[Line]:
    raw_lines = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    # Unicode line and paragraph separators break lines too; the pieces keep their file line's number.
    breaks = _UNICODE_BREAK.search(text) is not None
    pieces = [(number, piece) for number, raw in enumerate(raw_lines, start=1)
              for piece in (_UNICODE_BREAK.split(raw) if breaks else (raw,))]
    lines = [classify_line(index, raw, number) for index, (number, raw) in enumerate(pieces)]
    # the whole page is read for the order of its dates only when a date line's date could be either
    if any(_reads_both_ways(line) for line in lines) and writes_month_first(text):
        lines = [_read_date_month_first(line) for line in lines]
    return _mark_wrapped_prose(_join_wrapped_short_lines(_ordinal_items_in_lists(lines)))


def _reads_both_ways(line: Line) -> bool:
    meta = line.meta
    return meta is not None and meta.date is not None and meta.date_text is not None and \
        reads_both_ways(meta.date, meta.date_text)


def _read_date_month_first(line: Line) -> Line:
    """A date line of a page that writes month first ("06/10/2025" beside "05/28/2025") read so."""
    if line.meta is None or line.meta.date is None or line.meta.date_text is None:
        return line
    date = read_month_first(line.meta.date, line.meta.date_text)
    return line if date == line.meta.date else replace(line, meta=replace(line.meta, date=date))


def _ordinal_items_in_lists(lines: list[Line]) -> list[Line]:
    """A roman-numeral or lettered item is an item only as the first of a list ("i.", "(a)") or right
    after the item before it ("ii." after "i."); otherwise it is text ("v. Federation of Pakistan")."""
    previous: tuple[str, int] | None = None  # the style and number of the item above, if it was one
    for index, line in enumerate(lines):
        if line.kind == "blank":
            continue
        ordinal = _ordinal(line.text) if line.kind == "bullet" and line.numbered else None
        if ordinal is not None and ordinal[1] != 1 and previous != (ordinal[0], ordinal[1] - 1):
            lines[index] = _with(line, "prose" if is_prose(line.text) else "short")
            ordinal = None
        previous = ordinal
    return lines


def _ordinal(text: str) -> tuple[str, int] | None:
    match = _ORDINAL.match(text)
    if match is None:
        return None
    if match.group("roman"):
        return "roman", _ROMAN_VALUES[match.group("roman")]
    return "letter", ord(match.group("letter")) - ord("a") + 1


def classify_line(index: int, raw: str, number: int | None = None) -> Line:
    """One line on its own (invisible characters already removed); ``number`` is its line in the file
    (by default ``index + 1``)."""
    number = index + 1 if number is None else number
    text = _WHITESPACE_RUN.sub(" ", raw.strip())
    line = Line(index, number, text, "blank")
    if not text:
        return line
    if len(text) <= 120 and _COMMENTS_START.match(text):
        return _with(line, "comments")
    if not any(ch.isalnum() for ch in text) or _is_widget(text) or is_promotion(text):
        return _with(line, "widget")
    if _is_related(text):
        return _with(line, "related")
    copyright = read_copyright(text)
    if copyright is not None:
        return Line(index, number, text, "copyright", copyright=copyright)
    if _is_caption(text) and read_standalone_dateline(text) is None:  # "ISLAMABAD, Nov 13 (APP)" is no caption
        return _with(line, "caption")
    if text.casefold() in _SIGNOFF or _CLOSING.match(text):
        return _with(line, "signoff")
    meta = read_meta(text)
    if meta is not None:
        return Line(index, number, text, "meta", meta=meta)
    bullet = _read_bullet(text)
    if bullet is not None:
        body, numbered = bullet
        return Line(index, number, body, "bullet", numbered=numbered)
    return _with(line, "prose" if is_prose(text) else "short")


def _join_wrapped_short_lines(lines: list[Line]) -> list[Line]:
    """A headline or subhead wrapped over two lines: the lower-case second line (three words or more,
    so a lone label like "bigrus" stays apart) is joined to the unfinished short line above it."""
    target = 0  # the line a wrapped line joins: the one above, or what it was already joined to
    for index in range(1, len(lines)):
        line, above = lines[index], lines[target]
        if _wraps_onto(above, line) and line.kind == "short" and line.words >= 3:
            lines[target] = Line(above.index, above.number, f"{above.text} {line.text}", "short")
            lines[index] = Line(line.index, line.number, "", "blank")
        else:
            target = index
    return lines


def _wraps_onto(above: Line, line: Line) -> bool:
    return line.text[:1].islower() and above.kind == "short" and _is_unfinished(above) and not above.text.endswith(":")


def _mark_wrapped_prose(lines: list[Line]) -> list[Line]:
    """A hard-wrapped paragraph: an unfinished short line right above prose that starts in lower case
    is prose too (working upwards, so a paragraph wrapped over many lines is caught whole)."""
    for index in range(len(lines) - 1, 0, -1):
        line, above = lines[index], lines[index - 1]
        if line.kind == "prose" and _wraps_onto(above, line):
            lines[index - 1] = _with(above, "prose")
    return lines


def _with(line: Line, kind: LineKind) -> Line:
    return Line(line.index, line.number, line.text, kind)


_SHORT_LINK = re.compile(r"^(?:https?://|www\.)\S+$")  # a page's short link on a line of its own: "https://p.dw.com/p/4vQxR"


def _is_widget(text: str) -> bool:
    if len(text) > 80:
        return False
    key = text.casefold()
    if key in _WIDGET_PHRASES or _WIDGET_COUNT.match(key) or _SHORT_LINK.match(key):
        return True
    tokens = [t for t in _TOKEN_SPLIT.split(key) if t]
    return bool(tokens) and all(t in _WIDGET_WORDS for t in tokens)


COMMENTS_LOOKAHEAD = 6  # lines under a "Comments (14)" heading looked at for a commenter's name or date


def comments_begin(line: Line, following: list[Line]) -> bool:
    """True where the readers' comments start: a line that says so, or a "Comments (14)" heading with a
    commenter's name or a date right under it (under a "Comments:" subhead of the article, text follows).
    ``following``: the next ``COMMENTS_LOOKAHEAD`` lines."""
    if line.kind == "comments":
        return True
    if not _COMMENTS_HEADING.match(line.text):
        return False
    printed = [other for other in following if other.kind not in ("blank", "widget")]
    if not printed:
        return True
    first = printed[0]
    return first.kind == "meta" or (first.kind == "short" and first.words <= 4 and _is_name(first.text))


# An agency's line on its editorial standards under every story: "Our Standards: The Thomson Reuters Trust Principles."
_STANDARDS_NOTE = re.compile(r"^our standards:\s.{0,80}\bprinciples\b", re.IGNORECASE)
_PROMOTION = re.compile("|".join(f"(?:{pattern.pattern})" if not pattern.flags & re.IGNORECASE else f"(?i:{pattern.pattern})"
                                  for pattern in (_NEWSLETTER, _SOCIAL_PROMPT, _PRODUCTION_CREDIT, _STANDARDS_NOTE,
                                                  _EDITORIAL_NOTE)))


def is_promotion(text: str) -> bool:
    """A newsletter box, a prompt to follow or support the site, an agency's production credits or note on its
    standards, a note on how the story was made, or a disclaimer about the links under the story."""
    return len(text) <= 200 and bool(_PROMOTION.match(text) or ("responsible" in text and _LINKS_DISCLAIMER.search(text)))



def _is_related(text: str) -> bool:
    key = text.casefold().rstrip(":").strip()
    if key in RELATED_HEADINGS or (len(text) <= 200 and _RELATED_PREFIX.match(text)):
        return True
    return len(text.split()) <= 6 and not ends_sentence(text) and bool(_MORE_FROM.match(text))


def read_copyright(text: str) -> Copyright | None:
    """A line naming who published the page and when: ``Copyright Business Recorder, 2024`` ->
    owner "Business Recorder", year 2024; also a print-edition note, ``Published in Dawn, November
    14th, 2025`` -> owner "Dawn", year 2025."""
    if len(text) > 160:
        return None
    edition = _PRINT_EDITION.match(text)
    if edition is not None:
        date = parse_date_text(edition.group("date"))
        return Copyright(edition.group("owner").strip(), date.year) if date else None
    urdu = _URDU_RIGHTS_RESERVED.search(text)
    if urdu is not None and not (_COPYRIGHT_MARK.match(text) or len(text.split()) <= MAX_URDU_COPYRIGHT_WORDS):
        urdu = None  # a sentence about copyright, not the page's notice
    if not (_COPYRIGHT_MARK.match(text) or _RIGHTS_RESERVED.search(text) or urdu):
        return None
    years = _YEAR.findall(text)
    if not years:
        return None
    rest = text[: urdu.start()] if urdu is not None else text
    rest = _RIGHTS_RESERVED.sub(" ", rest)
    rest = _YEAR_RANGE.sub(" ", _COPYRIGHT_WORDS.sub(" ", rest))
    owner = (urdu.group("owner") if urdu is not None else None) or _WHITESPACE_RUN.sub(" ", rest).strip(" ,.;:|-–—۔")
    if owner and len(owner.split()) > MAX_OWNER_WORDS:  # "Ministry of ... Telecommunication, Government of Pakistan"
        owner = owner.split(", ")[0]
    return Copyright(owner if owner and len(owner.split()) <= MAX_OWNER_WORDS else None, int(years[-1]))


MAX_OWNER_WORDS = 8


def _is_caption(text: str) -> bool:
    if len(text) > MAX_CAPTION:
        return False
    if _CAPTION_START.match(text) or _CAPTION_END.search(text) or _CREDIT_ONLY.match(text):
        return True
    if _FILE_CAPTION.match(text) or _GLUED_CREDIT.search(text):
        return True
    dashed = _DASH_CREDIT.search(text) if ("—" in text or "–" in text or " -" in text) else None
    if dashed is not None and _CREDIT_WORD.search(dashed.group("credit")):
        return True
    credit = _CREDIT_AT_END.search(text)
    if credit is None or credit.start() == 0:
        return False
    words = credit.group(1)
    return "/" in words or "@" in words or bool(_CREDIT_WORD.search(words))


def read_meta(text: str) -> Meta | None:
    """A byline and/or a date line, possibly several parts: ``By Jane Doe | July 30, 2025``,
    ``BR Web Desk Published 13 Nov, 2025 07:12pm``, ``Sufyan Sohail · 2 days ago``."""
    if len(text) > MAX_META:
        return None
    if _GLUED.search(text):
        text = _GLUED_LABEL.sub(" ", _GLUED_TIME.sub(r"\1 ", text))
    parts = [part.strip() for chunk in _META_SEPARATOR.split(text) for part in LABEL_BOUNDARY.split(chunk)]
    found = Meta()
    named = False
    for position, part in enumerate(parts):
        part_meta = _read_meta_part(part)
        if part_meta is None and position == 0 and len(parts) > 1 and _is_name(part) and not _is_section_label(part):
            # "Sufyan Sohail · 2 days ago": a person's name; "Pakistan Today · Nov 13, 2025": an outlet or
            # section beside the date, not an author (the line is still a date line)
            part_meta, named = Meta(author=part if _is_person_name(part) else None), True
        if part_meta is None:
            return None
        found = _merge_meta(found, part_meta)
    if named and found.date is None and not found.relative:
        return None  # a name without "By" is a byline only beside a date
    return None if found.is_empty else found


def _read_meta_part(part: str) -> Meta | None:
    """One part of a meta line; ``Meta()`` for a part that is chrome (a widget, a relative date)."""
    if not part or _is_widget(part):
        return Meta()
    author = read_byline(part)
    if author is not None:
        return Meta(author=author)
    date = parse_date_text(part)
    if date is not None:
        return Meta(date=date, date_text=part, labelled=has_date_label(part))
    if is_relative_date(part):
        return Meta(relative=True)
    if _TIME_OF_DAY.match(part):
        return Meta()  # "5:32 pm" beside a date
    dateline = _PLACE_ALONE.match(part)
    if dateline is not None and dateline.group("date") and _place(dateline) is not None:
        date = parse_date_text(dateline.group("date").strip(" ,"))  # "Islamabad, 13th November 2025:"
        if date is not None:
            return Meta(date=date, date_text=part)
    return _byline_then_date(part) or _date_then_byline(part)


def _merge_meta(a: Meta, b: Meta) -> Meta:
    dated = a if a.date is not None else b
    return Meta(a.author or b.author, dated.date, dated.date_text, dated.labelled, a.relative or b.relative)


def _byline_then_date(part: str) -> Meta | None:
    """``By Jane Doe, July 30, 2025``."""
    by = _BY.match(part)
    if by is None or not by.group("name") or "," not in by.group("name"):
        return None
    name, _, rest = by.group("name").partition(",")
    date = parse_date_text(rest)
    if date is None or not _is_name(name.strip()):
        return None
    return Meta(author=name.strip(), date=date, date_text=rest.strip(), labelled=has_date_label(rest))


def _date_then_byline(part: str) -> Meta | None:
    """``Posted on March 3, 2025 by Ali Raza``."""
    match = _DATE_THEN_BY.match(part)
    if match is None:
        return None
    date, name = parse_date_text(match.group("date")), match.group("name").strip()
    if date is None or not (_is_name(name) or _is_desk(name)):
        return None
    return Meta(author=name, date=date, date_text=match.group("date").strip(), labelled=has_date_label(match.group("date")))


def _is_person_name(text: str) -> bool:
    """A person's name without "By": two or three capitalised words, none of them an outlet's, an
    institution's or a section's ("Pakistan Today", "Islamabad High Court", "Telecom Sector")."""
    words = text.split()
    return 2 <= len(words) <= 3 and not any(word.strip(".").casefold() in _NOT_PERSON_WORDS for word in words)


# ", Contributing writer", ", Nikkei staff writers", ", BBC Pakistan correspondent": a reporter's role printed
# after the authors' names (not "economic analyst" or "senior journalist", which name people quoted)
_ROLE = re.compile(
    r",\s+(?:(?-i:[A-Z])[\w.&'’-]*\s+){0,2}(?:(?:senior|special|chief|staff|contributing|guest|business|economic"
    r"|political|diplomatic|legal|court|technology|tech|science|health|our)\s+){0,2}"
    r"(?:writer|correspondent|reporter|editor|contributor)s?$",
    re.IGNORECASE,
)
# Words no author's name holds: "In Conversation With Sidra Iqbal, Senior Journalist" is a title
_NOT_NAME_WORDS = frozenset(
    "in with from on for of at to the a an about meet remembering conversation interview press release input "
    "agencies".split())


def read_byline(text: str) -> str | None:
    """The author a byline names: "By Jane Doe" -> "Jane Doe", "ADNAN AAMIR, Contributing writer" ->
    "ADNAN AAMIR" (as printed); desk lines are kept whole."""
    by = _BY.match(text)
    if by is not None and by.group("name_in_urdu"):
        return by.group("name_in_urdu")
    name = by.group("name").strip() if by is not None else text
    role = _ROLE.search(name)
    if role is not None and _is_authors_name(name[: role.start()]):
        return name[: role.start()]
    if by is not None:
        return name if _is_name(name) else None
    return text if _is_desk(text) else None


def _is_authors_name(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and _is_name(text) and not any(word.casefold() in _NOT_NAME_WORDS for word in words)


_NOT_PERSON_WORDS = frozenset(
    "news today times post tribune herald express daily weekly magazine journal review report reporter court "
    "cabinet ministry authority bank sector desk group media tv network agency online digital pakistan senate "
    "assembly committee council commission department division government govt office board bureau service "
    "services association institute university company limited ltd corporation telecom tech technology business "
    "markets world national international islamabad karachi lahore peshawar quetta federal provincial high "
    "supreme staff team editorial".split()
)


def _is_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    return all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    if word.casefold() in _NAME_CONNECTORS:
        return True
    return word[0].isupper() and all(ch.isalpha() or ch in ".'’-" for ch in word)


def _is_desk(text: str) -> bool:
    words = text.split()
    key = text.casefold()
    if _ARABIC_SCRIPT_WORDS.match(text):
        return len(words) <= 4 and text.endswith(_URDU_DESK_ENDINGS)
    return (
        1 <= len(words) <= 5
        and key.endswith(_DESK_ENDINGS)
        and all(word[0].isupper() for word in words)
        and not any(ch.isdigit() for ch in text)
    )


def _read_bullet(text: str) -> tuple[str, bool] | None:
    glyph = _GLYPH.match(text)
    if glyph is not None:
        body = text[glyph.end():]
        return body, bool(_NUMBERED.match(body) or _ORDINAL.match(body))
    if _NUMBERED.match(text) or _ORDINAL.match(text):
        return text, True
    return None


def _mostly_letters(text: str) -> bool:
    printed = "".join(text.split())
    return sum(map(str.isalpha, printed)) * 2 >= len(printed)


def ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)


def is_prose(text: str) -> bool:
    """Sentence-shaped body text, as opposed to a headline, subhead or label (or binary noise)."""
    words = len(text.split())
    if words < 3 or not _mostly_letters(text):
        return False
    if len(text) >= 150 or words >= 25:
        return True
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith(_FULL_STOPS):
        return words >= 6
    if stripped.endswith(":"):
        return words >= 12  # a sentence that introduces a list ("The authority advised the public as follows:")
    return stripped.endswith(("!", "?", "؟")) and words >= 12


# ---------------------------------------------------------------------------------------------
# Page-wide facts
# ---------------------------------------------------------------------------------------------

_SECTION_WORDS = frozenset(
    "news latest breaking business finance and & world pakistan national international sport sports "
    "opinion editorial editorials tech technology science markets market economy politics top stories "
    "story local region regional asia health entertainment lifestyle culture features feature analysis "
    "columns column blogs blog home money trade energy education e-paper epaper digital it telecom "
    "crypto videos video photos pk".split()
)
_SUFFIX_SEPARATOR = re.compile(rf"\s(?:[{_BARS}]|–|—|-)\s")


@dataclass
class Page:
    """Facts about the whole file that single lines cannot tell."""

    lines: list[Line]
    copyright: Copyright | None
    line_counts: Counter[str]
    site_keys: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, lines: list[Line]) -> "Page":
        copyrights = [line.copyright for line in lines if line.copyright is not None]
        owned = [c for c in copyrights if c.owner]
        counts = Counter(line.key for line in lines if line.kind == "short")
        page = cls(lines, (owned or copyrights or [None])[0], counts)
        page.site_keys = {key for key, n in counts.items() if n >= 2 and len(key.split()) <= 3}
        if page.copyright is not None and page.copyright.owner:
            page.site_keys.add(page.copyright.owner.casefold())
        return page

    def is_site_label(self, line: Line) -> bool:
        return line.kind == "short" and line.key in self.site_keys and not line.text.endswith(":")


def _is_section_label(text: str) -> bool:
    return all(word.strip(",.").casefold() in _SECTION_WORDS for word in text.split())


def strip_title_suffix(text: str, page: Page) -> str:
    """Drops a " – Business and Finance" / " | Site" suffix from a headline."""
    separators = list(_SUFFIX_SEPARATOR.finditer(text))
    if not separators:
        return text
    last = separators[-1]
    head, tail = text[: last.start()].strip(), text[last.end():].strip()
    if not head or not tail or len(tail.split()) > 5:
        return text
    if (
        last.group().strip() == "|"
        or page.line_counts[head.casefold()] > 0
        or tail.casefold() in page.site_keys
        or _is_section_label(tail)
    ):
        return head
    return text


# ---------------------------------------------------------------------------------------------
# Pass 2: headers and segmentation
# ---------------------------------------------------------------------------------------------


@dataclass
class Header:
    title: Line | None
    title_text: str | None
    names: dict[int, str]  # line index -> author name, for a name printed twice
    summary: Line | None = None  # a summary or subhead without a full stop between headline and byline
    letter: bool = False  # the title is a letter's subject: its date is printed above it
    release: bool = False  # the title is a press release's, printed under its date


@dataclass
class Segment:
    header: list[Line]
    body: list[Line]
    header_info: Header
    standfirst: bool = False  # the body's first line is a summary printed above the byline


def repeated_names(run: list[Line]) -> dict[int, str]:
    """Name-shaped lines printed twice in a row ("Arry Hashemi" / "Arry Hashemi"): an author widget."""
    printed = [line for line in run if line.kind != "blank"]
    names: dict[int, str] = {}
    for line, following in zip(printed, printed[1:]):
        if _is_name_line(line) and line.text == following.text:
            names[line.index] = names[following.index] = line.text
    return names


def names_above_dates(run: list[Line], first_candidate: Line | None) -> dict[int, str]:
    """A name-shaped line right above a date line, below a possible headline: "Khaleeq Kiani" /
    "Published November 14, 2025", or with where the writer files from between: "Haroon Janjua" /
    "in Islamabad" / "06/10/2025". (Without a headline above it, such a line may be the headline.)"""
    if first_candidate is None:
        return {}
    return {line.index: line.text for line in _names_above_dates(run) if line.index > first_candidate.index}


_FILED_FROM = re.compile(r"^in [A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3}$")  # "in Islamabad", "in Karachi, Pakistan"


def _names_above_dates(run: list[Line]) -> list[Line]:
    printed = [line for line in run if line.kind != "blank"]
    names = []
    for position, line in enumerate(printed):
        following = printed[position + 1 : position + 3]
        if following and following[0].kind == "short" and _FILED_FROM.match(following[0].text):
            following = following[1:]
        if _is_name_line(line) and following and following[0].meta is not None and following[0].meta.date is not None:
            names.append(line)
    return names


def _is_name_line(line: Line) -> bool:
    return line.kind == "short" and 2 <= line.words <= 4 and _is_authors_name(line.text)  # not "Press Release"


def _is_title_candidate(line: Line, page: Page, names: dict[int, str]) -> bool:
    return (
        line.kind == "short"
        and 3 <= line.words <= 30
        and not line.text.endswith((*_FULL_STOPS, *_CLAUSE_ENDS, ":"))
        and line.index not in names
        and not (page.copyright is not None and line.key == (page.copyright.owner or "").casefold())
        and read_standalone_dateline(line.text) is None
    )


def read_header(run: list[Line], page: Page, allow_guess: bool) -> Header:
    names = repeated_names(run)
    candidates = [line for line in run if _is_title_candidate(line, page, names)]
    names |= names_above_dates(run, candidates[0] if candidates else None)
    candidates = [line for line in candidates if line.index not in names]
    subject = _letter_subject(run, candidates) if allow_guess else None  # a letter's head is the page's top
    if subject is not None:
        return Header(*subject, names, letter=True)
    release = _release_title(run, candidates) if allow_guess else None
    if release is not None:
        return Header(release, strip_title_suffix(release.text, page), names, release=True)
    summary = None
    title = _title_printed_twice(candidates, page)
    if title is None:
        title = _title_before_meta(candidates, run, names)
        headline = _headline_above(title, candidates, run, page, names) if title else None
        if headline is not None:
            title, summary = headline, title
    if title is None and allow_guess:
        title = _last_long_line(candidates)
    text = strip_title_suffix(title.text, page) if title else None
    return Header(title, text, names, summary)


_SUBJECT = re.compile(r"^(?:subject|sub)\s*:\s*(?P<subject>\S.{2,200})$", re.IGNORECASE)
_SALUTATION = re.compile(r"^dear (?:sir|madam|sirs|sir ?/ ?madam|all|colleagues)[,:]?$", re.IGNORECASE)


def _letter_subject(run: list[Line], candidates: list[Line]) -> tuple[Line, str] | None:
    """An official letter's or circular's subject: a "Subject:" line, or the line under "Dear Sir/Madam,"."""
    for line in run:
        subject = _SUBJECT.match(line.text)
        if subject is not None:
            return line, subject.group("subject").strip()
    salutation = next((line.index for line in run if _SALUTATION.match(line.text)), None)
    if salutation is None:
        return None
    below = next((line for line in candidates if line.index > salutation), None)
    return (below, below.text) if below is not None else None


# The label an official press release prints under its letterhead: "Press Release", "PRESS RELEASE", "Handout"
_RELEASE_LABEL = re.compile(r"^(?:(?:press|news|media) (?:release|statement)|handout|for immediate release)[.:]?$",
                            re.IGNORECASE)


def release_label(run: list[Line]) -> Line | None:
    return next((line for line in run if line.kind == "short" and _RELEASE_LABEL.match(line.text)), None)


def _release_title(run: list[Line], candidates: list[Line]) -> Line | None:
    """A press release's title: printed under the letterhead, the "Press Release" label and the date, right
    above the text ("STATE BANK OF PAKISTAN" / "Press Release" / "November 14, 2025" / the title)."""
    label = release_label(run)
    if label is None or not candidates or candidates[-1].index < label.index:
        return None
    title = candidates[-1]
    if any(line.kind in ("meta", "short") for line in run if line.index > title.index):
        return None  # a byline or another line under it: the title is found the usual way
    return title


def _title_printed_twice(candidates: list[Line], page: Page) -> Line | None:
    keys = {line.index: strip_title_suffix(line.text, page).casefold() for line in candidates}
    counts = Counter(keys.values())
    repeated = [line for line in candidates if counts[keys[line.index]] >= 2]
    if not repeated:
        return None
    latest_key = keys[repeated[-1].index]
    return next(line for line in repeated if keys[line.index] == latest_key)


def _title_before_meta(candidates: list[Line], run: list[Line], names: dict[int, str]) -> Line | None:
    meta_indexes = [line.index for line in run if line.kind == "meta"] + list(names)
    if not meta_indexes:
        return None
    last_meta = max(meta_indexes)
    before = [line for line in candidates if line.index < last_meta]
    return before[-1] if before else None


MIN_SUMMARY_WORDS = 6
MIN_HEADLINE_WORDS = 5  # shorter lines above a summary are too often labels ("Reading time: 4 minutes")
_MENU_SEPARATOR = re.compile(rf"\s[/>»›{_BARS}•·]\s")  # "Home / Business", "E-Paper | Latest"


def _headline_above(line: Line, candidates: list[Line], run: list[Line], page: Page, names: dict[int, str]) -> Line | None:
    """The headline, when ``line`` (the last headline-shaped line above the byline or date) is the summary
    or subhead printed under it: two such lines on their own, the second right above the byline and
    written as a sentence, the first a headline's length and not chrome. A third headline-shaped line
    above them makes them a list of headlines instead. When in doubt, ``line`` stays the title."""
    printed = [other for other in run if other.kind != "blank"]
    position = next(number for number, other in enumerate(printed) if other.index == line.index)
    if position == 0 or position + 1 == len(printed) or line.words < MIN_SUMMARY_WORDS or _in_title_case(line.text) \
            or _BY.match(line.text):
        return None
    head, below = printed[position - 1], printed[position + 1]
    above = printed[position - 2] if position >= 2 else None
    shaped = {candidate.index for candidate in candidates}
    if head.index not in shaped or (above is not None and above.index in shaped):
        return None
    if below.kind != "meta" and below.index not in names:
        return None
    if head.words < MIN_HEADLINE_WORDS or _LABELLED.match(head.text) or _is_chrome_above_headline(head, above, run, page):
        return None
    return head


# "Live: PSX gains 1,200 points", "Breaking: ...": a ticker line, not the headline over a summary (an
# editorial kicker, "Explainer: How ...", heads a headline)
_LABELLED = re.compile(r"^(?:live|breaking(?: news)?|watch|latest|update|updated|trending|just in|flash|"
                       r"(?:news )?alert|developing)\s*:\s", re.IGNORECASE)


def _in_title_case(text: str) -> bool:
    """Every word of four letters or more capitalised ("Careem Shuts Down Service In Pakistan"): a
    headline's style; summaries are written as sentences."""
    words = [word for word in text.split() if len(word) >= 4 and word[0].isalpha()]
    return len(words) >= 3 and all(word[0].isupper() for word in words)


def _is_chrome_above_headline(head: Line, above: Line | None, run: list[Line], page: Page) -> bool:
    """A headline-shaped line that is the page's furniture: a section's name, a menu, a tagline (under
    the masthead, or naming the site), a teaser under "Trending", or the last line of the article before
    (an author's note, a list of tags)."""
    if page.is_site_label(head) or _is_section_label(head.text) or _MENU_SEPARATOR.search(head.text):
        return True
    if _names_the_site(head, above, page):
        return True
    if above is None:
        return bool(run) and run[0].index > 0 and page.lines[run[0].index - 1].kind == "prose"
    first_printed = next(line for line in page.lines if line.kind != "blank")
    return above.kind == "related" or above.index == first_printed.index


def _names_the_site(line: Line, above: Line | None, page: Page) -> bool:
    """A tagline under the masthead ("Blends Media" / "A Blends Media Group Production") names the site."""
    names = {key for key in page.site_keys if " " in key}
    if page.copyright is not None and page.copyright.owner:
        names.add(page.copyright.owner.casefold())
    if above is not None and above.kind == "short" and above.words >= 2:
        names.add(above.key)
    return any(name in line.key for name in names)


def _announces_article(title: Line, run: list[Line]) -> bool:
    """After readers' comments, only a headline printed twice or followed by a "By" byline or a
    labelled date ("Published ...") starts another article (the next story of an endless page)."""
    after = [line for line in run if line.index > title.index]
    return any(line.key == title.key for line in after) or any(
        line.meta is not None and (line.meta.labelled or _BY.match(line.text) is not None) for line in after)


def _is_teaser(title: Line, gap: list[Line], following: Line) -> bool:
    """A headline right under "Also read" or "Related" (with its date, maybe) links to another article,
    and the article goes on below it; unless a byline follows it or a dateline opens the text below (an
    endless page's next article under its "More stories")."""
    printed = [line for line in gap if line.kind != "blank" and line.index < title.index]
    if len(printed) >= 2 and printed[-1].kind == "short" and printed[-1].words <= 3 and not ends_sentence(printed[-1].text):
        printed = printed[:-1]  # the teaser's section ("Read Next" / "Asia Pacific" / headline)
    if not printed or printed[-1].kind != "related" or printed[-1].key.rstrip(":").strip() not in RELATED_HEADINGS:
        return False
    bylined = any(line.meta is not None and line.meta.author for line in gap if line.index > title.index)
    return not bylined and read_lead_dateline(following.text).place is None


_QUOTE_PAIRS = ('""', "“”", "‘’", "''", "«»")


def _is_pull_quote(text: str) -> bool:
    """A line quoted whole ("Data is the new oil") is a quotation pulled out of the article, not a headline."""
    return len(text) > 2 and any(text[0] == opening and text[-1] == closing for opening, closing in _QUOTE_PAIRS)


def _is_pull_quote_above(title: Line, gap: list[Line], following: Line) -> bool:
    """A quoted line with no date under it and no dateline opening the text below; with either ("‘We will
    not let freelancers suffer’" / "By ..." / "November 14, 2025") it is the next article's headline."""
    dated = any(line.meta is not None and line.meta.date is not None for line in gap if line.index > title.index)
    return _is_pull_quote(title.text) and not dated and read_lead_dateline(following.text).place is None


def _last_long_line(candidates: list[Line]) -> Line | None:
    long_enough = [line for line in candidates if line.words >= 4]
    return long_enough[-1] if long_enough else None


def segment_articles(lines: list[Line], page: Page) -> list[Segment]:
    prose = [line.index for line in lines if line.kind == "prose"]
    if not prose:
        return []
    starts: list[tuple[int, int, Header]] = []  # (article start, body start, header)
    starts.append((0, prose[0], read_header(lines[: prose[0]], page, allow_guess=True)))
    in_comments = False  # readers' comments began since the last article's body started
    for before, after in zip(prose, prose[1:]):
        gap = lines[before + 1 : after]
        in_comments = in_comments or any(
            comments_begin(line, lines[line.index + 1 : line.index + 1 + COMMENTS_LOOKAHEAD]) for line in gap)
        header = read_header(gap, page, allow_guess=False) if gap else None
        if header is None or header.title is None:
            continue
        if in_comments and not _announces_article(header.title, gap):
            continue  # a reader's comment with a name and a date above it is not an article
        if _is_teaser(header.title, gap, lines[after]) or _is_pull_quote_above(header.title, gap, lines[after]):
            continue
        starts.append((header.title.index, after, header))
        in_comments = False
    segments = []
    for number, (start, body_start, header) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        segments.append(_with_standfirst(lines, start, body_start, end, page, header))
    return segments


MAX_STANDFIRST_WORDS = 60


def _with_standfirst(lines: list[Line], start: int, body_start: int, end: int, page: Page, header: Header) -> Segment:
    """A one-sentence summary under the headline ends in a full stop, so it reads as the first body line;
    when the header has no byline or date and one comes right under the summary ("Tahir Naseer" /
    "Published November 13, 2025", or a name right above a date: "Usama Khilji" / "November 19, 2025"),
    the header goes on to there. The summary stays the first paragraph."""
    if header.summary is not None:  # kept as the first paragraph, as a summary with a full stop is
        return Segment(lines[start:body_start], [replace(header.summary, kind="prose"), *lines[body_start:end]],
                       header, standfirst=True)
    following = next((line.index for line in lines[body_start + 1 : end] if line.kind == "prose"), None)
    has_meta = any(line.kind == "meta" for line in lines[start:body_start]) or header.names
    if following is None or lines[body_start].words > MAX_STANDFIRST_WORDS or has_meta:
        return Segment(lines[start:body_start], lines[body_start:end], header)
    gap = lines[body_start + 1 : following]
    if not (any(line.meta is not None and (line.meta.author or line.meta.labelled) for line in gap)
            or _names_above_dates(gap)):
        return Segment(lines[start:body_start], lines[body_start:end], header)
    run = lines[start:following]
    return Segment(run, [lines[body_start], *lines[following:end]], read_header(run, page, allow_guess=start == 0),
                   standfirst=True)


# ---------------------------------------------------------------------------------------------
# Pass 3: build articles
# ---------------------------------------------------------------------------------------------


@dataclass
class SignOff:
    author: str | None = None
    outlet: str | None = None


def choose_date(run: list[Line], title: Line | None) -> Line | None:
    dated = [line for line in run if line.meta is not None and line.meta.date is not None]
    if title is not None:
        after = [line for line in dated if line.index > title.index]
        if after:
            return after[0]
    labelled = [line for line in dated if line.meta is not None and line.meta.labelled]
    if labelled:
        return labelled[0]
    beside_byline = [line for line in dated if _beside_byline(line, run)]
    if beside_byline:
        return beside_byline[0]
    return dated[-1] if title is None and dated else None


def _beside_byline(line: Line, run: list[Line]) -> bool:
    printed = [other for other in run if other.kind != "blank"]
    position = printed.index(line)
    neighbours = printed[max(position - 1, 0) : position + 2]
    return any(n.meta is not None and n.meta.author for n in neighbours)


def choose_author(run: list[Line], header: Header) -> str | None:
    """A byline after the title, else a name printed twice after it, else any byline in the header."""
    title_index = header.title.index if header.title is not None else -1
    bylines = [(line.index, line.meta.author) for line in run if line.meta is not None and line.meta.author]
    after_title = [name for index, name in bylines + sorted(header.names.items()) if index > title_index]
    if after_title:
        return after_title[0]
    return bylines[0][1] if bylines else None


def choose_key_points(run: list[Line], title: Line | None) -> list[str]:
    return [
        line.text
        for line in run
        if line.kind == "bullet"
        and (title is None or line.index > title.index)
        and not line.text.endswith(":")
    ]


def find_mastheads(segments: list[Segment], page: Page, signoffs: list[SignOff]) -> list[str]:
    """Short lines above the first title whose name the page repeats elsewhere (label, sign-off)."""
    first = segments[0]
    title_index = first.header_info.title.index if first.header_info.title else len(page.lines)
    outlets = {s.outlet.casefold() for s in signoffs if s.outlet}
    mastheads = []
    for line in first.header:
        if line.index >= title_index or line.kind != "short" or line.words > 4 or ends_sentence(line.text):
            continue
        if _is_section_label(line.text):
            continue  # "Business" printed as breadcrumb and as tag is a section, not the site
        if page.line_counts[line.key] >= 2 or line.key in outlets or line.key in page.site_keys:
            mastheads.append(line.text)
    top = next((line for line in page.lines if line.kind != "blank"), None)
    if top is not None and top.index < title_index and top.kind == "short" and _is_outlet_name(top.text):
        mastheads.append(top.text)  # printed once, at the top: "The Nation", "Geo News"
    label = release_label(first.header)
    if top is not None and label is not None and top.index < label.index and top.kind == "short" \
            and _is_name(top.text) and top.words >= 2:
        mastheads.append(_letterhead_name(top.text))  # a press release's issuer: "STATE BANK OF PAKISTAN"
    return mastheads


def _letterhead_name(text: str) -> str:
    """"STATE BANK OF PAKISTAN" -> "State Bank of Pakistan"; a name not all in capitals stays as printed."""
    if not text.isupper():
        return text
    words = text.casefold().split()
    return " ".join(word if position and word in _NAME_CONNECTORS | {"of", "for", "the"} else word.capitalize()
                    for position, word in enumerate(words))


# The words outlets' names end with ("Geo News", "The Nation", "Pakistan Today", "SAMAA TV")
_OUTLET_ENDINGS = frozenset(
    "news times tribune today post herald express recorder observer tv telegraph journal daily nation gazette "
    "chronicle dispatch standard mail monitor asia review inquirer insider report weekly magazine".split()
)


def _is_outlet_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 4
        and words[-1].casefold() in _OUTLET_ENDINGS
        and all(word[0].isupper() for word in words)
        and not any(ch.isdigit() for ch in text)
        and not _is_section_label(text)
    )


_CONTACT_FOOTER = re.compile(
    r"^for (?:further|more) (?:details|information|info|queries)\b.{0,80}\b(?:visit|contact|call|write to|email)\b",
    re.IGNORECASE)


def body_lines(body: list[Line], page: Page, title_key: str | None) -> tuple[list[Line], SignOff]:
    """The body without its chrome (blank lines kept as separators), and any sign-off found."""
    kept: list[Line] = []
    signoff = SignOff()
    last_prose = max((line.index for line in body if line.kind == "prose"), default=-1)
    skip_until_prose = False
    position = 0
    while position < len(body):
        line = body[position]
        position += 1
        if comments_begin(line, body[position : position + COMMENTS_LOOKAHEAD]) \
                and any(kept_line.kind == "prose" for kept_line in kept):
            break  # readers' comments follow: the article has ended
        if _CONTACT_FOOTER.match(line.text) and any(kept_line.kind == "prose" for kept_line in kept):
            break  # a press release's contact block follows: the spokesperson, an address, a phone number
        if skip_until_prose and line.kind != "prose":
            continue
        skip_until_prose = False
        if line.kind in ("widget", "comments", "copyright", "caption"):
            continue
        if line.kind == "related":
            # The teaser headlines under a "Related" heading are short lines; the article goes on at
            # the next sentence (a teaser's own summary sentence, if printed, stays: it cannot be told apart).
            skip_until_prose = line.key.rstrip(":").strip() in RELATED_HEADINGS
            continue
        if line.kind == "meta":
            if line.meta is not None and line.meta.author and signoff.author is None \
                    and _signs_the_article(line, kept, last_prose):
                signoff.author = line.meta.author
            continue
        if line.kind == "signoff":
            position = _read_signoff(body, position, signoff, closing=bool(_CLOSING.match(line.text)))
            continue
        if line.index > last_prose and _SIGNATORY.match(line.text) and _signatory(line.text):
            signoff.author = signoff.author or _signatory(line.text)  # a notification's "(Muhammad Asif)"
            continue
        if line.kind == "short" and strip_title_suffix(line.text, page).casefold() == title_key:
            continue
        if page.is_site_label(line):
            position = _skip_teaser(body, position, line)
            continue
        kept.append(line)
    return kept, signoff


def _signs_the_article(line: Line, kept: list[Line], last_prose: int) -> bool:
    """A byline in the body signs the article unless it names the speaker of the pull quote above it;
    one without "By" or a date ("Help Desk", "Ali Raza, Staff Writer") only under the last paragraph."""
    quoted = next((k for k in reversed(kept) if k.kind != "blank"), None)
    if quoted is not None and _is_pull_quote(quoted.text):
        return False
    assert line.meta is not None
    return bool(_BY.match(line.text)) or line.meta.date is not None or line.index > last_prose


def _read_signoff(body: list[Line], position: int, signoff: SignOff, closing: bool = False) -> int:
    """After a bare "By": the next printed line names the author, maybe with the outlet. After a letter's
    closing ("Yours faithfully,"), only a name does: "(Syed Sohail Javaad)"."""
    while position < len(body) and body[position].kind == "blank":
        position += 1
    if position >= len(body) or body[position].kind not in ("short", "meta"):
        return position
    line = body[position]
    if closing:
        name = _signatory(line.text)
        if name is not None and signoff.author is None:
            signoff.author = name
        return position + 1 if name is not None else position
    text = line.meta.author if line.meta is not None and line.meta.author else line.text
    parts = [part.strip() for part in text.split(",")]
    if signoff.author is None:
        signoff.author = parts[0] or None
    if len(parts) == 2 and parts[1] and len(parts[1].split()) <= 4:
        signoff.outlet = parts[1]
    return position + 1


# A signatory's post, printed under the name or in its place: "(SECTION OFFICER)" names no one
_POST_WORDS = frozenset(
    "officer director secretary manager deputy assistant section joint additional chairman chairperson "
    "spokesperson spokesman registrar controller governor minister head incharge in-charge".split()
)


def _signatory(text: str) -> str | None:
    """The name a signature line gives: "(Syed Sohail Javaad)" or "Syed Sohail Javaad"."""
    bracketed = _SIGNATORY.match(text)
    name = bracketed.group("name").strip() if bracketed else text
    words = name.split()
    if not 2 <= len(words) <= 5 or not _is_authors_name(name) or any(
            word.casefold() in _POST_WORDS or word.strip(".").casefold() in _NOT_PERSON_WORDS for word in words):
        return None  # "(SECTION OFFICER)", "(Business Recorder)", "(Press Release)", "(With Input From Agencies)"
    return name


def _skip_teaser(body: list[Line], position: int, label: Line) -> int:
    """A site label with a headline printed right under it is a teaser for another article."""
    if position < len(body):
        following = body[position]
        if (
            following.index == label.index + 1
            and following.kind == "short"
            and 3 <= following.words <= 20
            and not following.text.endswith((*_FULL_STOPS, ";", "؛", ":"))
        ):
            return position + 1
    return position


def build_paragraphs(kept: list[Line]) -> list[Paragraph]:
    blocks = _join_wrapped_lines(kept)
    following: list[Line | None] = [*blocks[1:], None]
    kinds = [_paragraph_kind(line, after) for line, after in zip(blocks, following)]
    while kinds and kinds[-1] == "heading":
        kinds.pop()  # a subhead with nothing under it is footer chrome ("Editorial", a slogan)
    return [
        Paragraph(number, line.text, line.number, kind)
        for number, (line, kind) in enumerate(zip(blocks, kinds), start=1)
    ]


def _join_wrapped_lines(kept: list[Line]) -> list[Line]:
    """A line that starts in lower case right under an unfinished line continues it."""
    blocks: list[Line] = []
    previous: Line | None = None
    for line in kept:
        if line.kind == "blank":
            previous = None
            continue
        if previous is not None and _continues(previous, line) and blocks:
            joined = blocks[-1]
            blocks[-1] = Line(joined.index, joined.number, f"{joined.text} {line.text}", "prose")
        else:
            blocks.append(line)
        previous = line
    return blocks


def _continues(previous: Line, line: Line) -> bool:
    return (
        previous.kind in ("prose", "short")
        and line.kind in ("prose", "short")
        and line.text[:1].islower()
        and not previous.text.rstrip(_CLOSERS).endswith((*_SENTENCE_ENDS, ":", ";", "؛"))
    )


def _paragraph_kind(line: Line, after: Line | None) -> ParagraphKind:
    short_subhead = line.words <= 12 and line.text.endswith(":")
    if line.kind == "bullet":
        if short_subhead or (line.numbered and line.words <= 10 and _is_unfinished(line) and _text_follows(after)):
            return "heading"
        return "item"
    if line.kind == "short" and (short_subhead or (line.words <= 12 and _is_unfinished(line))):
        return "heading"
    return "text"


def _is_unfinished(line: Line) -> bool:
    return not line.text.rstrip(_CLOSERS).endswith((*_SENTENCE_ENDS, *_CLAUSE_ENDS))


def _text_follows(after: Line | None) -> bool:
    return after is not None and after.kind != "bullet"


_DATELINE_HEAD = (
    r"(?P<place>[A-Z][A-Z'’.\-/ ]{2,40}?(?:,\s[A-Z][A-Za-z'’.\- ]{1,30}?)?)"  # ISLAMABAD, ISLAMABAD/KARACHI, PARIS, France
    rf"(?P<date>,\s(?:the\s)?(?:{MONTH_NAME}\s\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s{MONTH_NAME})(?:,?\s\d{{4}})?)?"  # , Nov 13
    r"(?P<agency>\s?\([A-Za-z ]{1,20}\))?"  # (Reuters), (APP)
)
_DATELINE = re.compile(rf"^{_DATELINE_HEAD}(?::|\s(?:--|[—–-]))\s+(?=\S)", re.IGNORECASE)  # "ISLAMABAD -- "
_PLACE_ALONE = re.compile(rf"^{_DATELINE_HEAD}(?P<end>:|\s[—–-])?$", re.IGNORECASE)
# Upper-case words that open a paragraph with a colon but are not places.
_NOT_PLACES = frozenset(
    "update updated updates note nb ps editor's note editors note breaking breaking news important warning "
    "correction clarification alert exclusive analysis opinion comment live watch video photos read also "
    "disclaimer fact check faq q a answer question summary background context timeline quote explainer "
    "interview profile review feature editorial".split()
) | {"editor's note", "editors note", "breaking news", "fact check", "read also", "read more"}
_CALENDAR_WORD = re.compile(rf"(?:{MONTH_NAME}|{WEEKDAY_NAME})", re.IGNORECASE)  # "THURSDAY:" is no place
# Words that open a sentence and are no place: "Today, 9th November 2025:", "Meanwhile, Pakistan – ..."
_NOT_PLACE_WORDS = frozenset(
    "today yesterday tomorrow tonight on in at by this last next meanwhile separately similarly likewise however "
    "moreover also additionally instead nonetheless elsewhere earlier later now then here there like unlike "
    "and but so yet the".split()
)


# Countries written after a capitalised city in a dateline ("Islamabad, Pakistan – "), as Al Jazeera does.
_DATELINE_COUNTRIES = frozenset(
    "pakistan india afghanistan china iran bangladesh nepal uzbekistan kazakhstan tajikistan turkmenistan "
    "kyrgyzstan turkey türkiye qatar oman kuwait bahrain egypt malaysia indonesia singapore japan russia uae uk "
    "us usa".split()
) | {"sri lanka", "saudi arabia", "united arab emirates", "united kingdom", "united states"}


# Pakistan's cities, a dateline however written ("Islamabad: The ministry ...")
_DATELINE_CITIES = frozenset(
    "islamabad karachi lahore peshawar quetta rawalpindi multan faisalabad hyderabad sialkot gujranwala "
    "muzaffarabad gilgit sukkur bahawalpur abbottabad sargodha mardan gwadar".split()
)


def is_known_city(place: str | None) -> bool:
    """Whether a dateline's place is one of Pakistan's cities ("ISLAMABAD", "Karachi, Pakistan")."""
    return place is not None and place.split(",")[0].strip().casefold() in _DATELINE_CITIES


def _place(match: re.Match[str]) -> str | None:
    """The place of a dateline match, if it is written as a place: upper case (or capitalised when it is
    one of Pakistan's cities or a date, a country or an agency follows: "Islamabad, 13th November 2025:",
    "Islamabad, Pakistan –", "Islamabad (AFP) -"), four letters or more, not a label such as "UPDATE"."""
    place = match.group("place").strip()
    city, _, country = place.partition(",")
    dated = match.group("date") is not None and _YEAR.search(match.group("date")) is not None
    in_country = country.strip().casefold() in _DATELINE_COUNTRIES
    marked = dated or in_country or match.group("agency") is not None or city.casefold() in _DATELINE_CITIES
    capitalised = marked and len(city.split()) <= 3 and all(w[:1].isupper() for w in city.split())
    if (city != city.upper() and not capitalised) or sum(ch.isalpha() for ch in city) < 4:
        return None
    if city.casefold() in _NOT_PLACES or place.casefold() in _NOT_PLACES or _CALENDAR_WORD.fullmatch(city):
        return None
    if city != city.upper() and any(  # "Meanwhile, Pakistan –", "On Thursday, 13 November 2025:" ("THE HAGUE" is a place)
            _CALENDAR_WORD.fullmatch(word) or word.casefold() in _NOT_PLACE_WORDS or word.casefold().endswith("ly")
            for word in city.split()):
        return None
    return place


@dataclass(frozen=True)
class LeadDateline:
    """What opens an article's first paragraph: the place (``ISLAMABAD: ...``), sometimes a date."""

    place: str | None
    rest: str  # the paragraph after it
    date: PartialDate | None = None
    date_text: str | None = None


# "November 13, 2025 (MLN): ": a date and an agency, no place
_DATE_AGENCY_LEAD = re.compile(r"^(?P<date>[^():]{6,40}?)\s*\((?P<agency>[A-Z]{2,8})\)\s*[:—–-]\s+(?=\S)")
# "اسلام آباد: ", "لاہور (نامہ نگار) ": a city's name in Urdu (without capitals, only a known name tells a
# place from a label such as "سوال:", "question:")
URDU_PLACES = (
    "اسلام آباد", "کراچی", "لاہور", "پشاور", "کوئٹہ", "راولپنڈی", "ملتان", "فیصل آباد", "حیدرآباد", "حیدر آباد",
    "سیالکوٹ", "گوجرانوالہ", "مظفرآباد", "مظفر آباد", "گلگت", "سکھر", "بہاولپور", "ایبٹ آباد", "سرگودھا", "مردان",
    "گوادر", "نئی دہلی", "کابل", "بیجنگ", "واشنگٹن", "لندن", "دبئی", "ریاض", "تہران", "جنیوا", "نیویارک",
)
_URDU_DATELINE = re.compile(
    rf"^(?P<place>{'|'.join(sorted(URDU_PLACES, key=len, reverse=True))})(?:\s*\([^()]{{1,30}}\)\s*[:：]?|\s?[:：])\s*(?=\S)")


def read_lead_dateline(text: str, year: int | None = None) -> LeadDateline:
    """``ISLAMABAD: Pakistan's ...`` -> place "ISLAMABAD", rest "Pakistan's ..."; also ``ISLAMABAD, Nov 13
    (Reuters) - ...``, ``ISLAMABAD -- ...``, ``Islamabad, Pakistan – ...`` and ``اسلام آباد: ...``; a press
    release's ``Islamabad, 13th November 2025: ...`` gives the date too, and ``November 13, 2025 (MLN): ...``
    only the date. ``year``: the year of the header's date or the page's copyright, which a date in the text
    must agree with (to a year) to be read as a dateline's."""
    syndicated = _SYNDICATION_TAG.match(text)
    if syndicated is not None:  # "(MENAFN- APP) KARACHI, Nov 4 (APP): ...": the copying site's tag first
        text = text[syndicated.end():]
    match = _DATELINE.match(text)
    if match is not None:
        place, rest = _place(match), text[match.end():]
        # a sentence follows a dateline; "NEPRA – the power regulator –" and "NEPRA – Pakistan's power
        # regulator – said" open an aside instead (a second dash within a few words)
        dashed = text[: match.end()].rstrip().endswith(("-", "–", "—"))
        if place is not None and not rest[:1].islower() and not (dashed and _SHORT_ASIDE.match(rest)):
            date, date_text = _dateline_date(match.group("date"), text[: match.end()])
            city = place.split(",")[0]
            if date is not None and city != city.upper() and not _plausible(date, year):
                return LeadDateline(None, text)  # "Lahore, 23rd March 1940: The All-India ..." tells history
            return LeadDateline(place, rest, date, date_text)
    dated = _DATE_AGENCY_LEAD.match(text)
    if dated is not None:
        date = parse_date_text(dated.group("date"))
        if date is not None and date.day is not None and _plausible(date, year):
            return LeadDateline(None, text[dated.end():], date, dated.group("date").strip())
    urdu = _URDU_DATELINE.match(text)
    if urdu is not None:
        return LeadDateline(urdu.group("place"), text[urdu.end():])
    return LeadDateline(None, text)


_SHORT_ASIDE = re.compile(r"^(?:\S+\s+){0,5}\S+\s(?:--|[—–-])\s")
_SYNDICATION_TAG = re.compile(r"^\(MENAFN-\s*[^()]{1,40}\)\s*")


def _plausible(date: PartialDate, page_year: int | None) -> bool:
    """A date opening the text is the article's only when the header's date or the page's copyright
    year (if there is one) allows it."""
    return page_year is None or abs(date.year - page_year) <= 1


def _dateline_date(written: str | None, lead: str) -> tuple[PartialDate | None, str | None]:
    """The date a dateline gives, when it has a year (", Nov 13" alone does not say which year)."""
    if written is None or _YEAR.search(written) is None:
        return None, None
    date = parse_date_text(written.strip(" ,"))
    return (date, lead.strip().rstrip(":—–- ").strip()) if date is not None else (None, None)


def standalone_dateline(header: list[Line]) -> str | None:
    """A dateline printed on its own line right above the body: ``KARACHI:``, ``ISLAMABAD, Nov 13 (APP)``."""
    printed = [line for line in header if line.kind != "blank"]
    if not printed or printed[-1].kind not in ("short", "meta"):
        return None
    return read_standalone_dateline(printed[-1].text)


def read_standalone_dateline(text: str) -> str | None:
    """The place of a line that is a dateline and nothing else (a colon, a date or an agency marks it)."""
    match = _PLACE_ALONE.match(text)
    if match is None or not (match.group("end") or match.group("date") or match.group("agency")):
        return None
    return _place(match)


def build_article(
    segment: Segment, body: tuple[list[Line], SignOff], page: Page, masthead: str | None
) -> ExtractedArticle:
    header = segment.header_info
    kept, signoff = body
    paragraphs = build_paragraphs(kept)
    dateline = standalone_dateline(segment.header)
    lead = 1 if segment.standfirst else 0  # the dateline opens the paragraph under the byline
    date_line = choose_date(segment.header, None if header.letter or header.release else header.title)
    dateline_date: tuple[PartialDate | None, str | None] = (None, None)
    if dateline is None and len(paragraphs) > lead and paragraphs[lead].kind == "text":
        opening = read_lead_dateline(paragraphs[lead].text, _reference_year(date_line, page))
        dateline, dateline_date = opening.place, (opening.date, opening.date_text)
        paragraphs[lead] = Paragraph(lead + 1, opening.rest, paragraphs[lead].line, "text")
    date, date_text = _article_date(date_line, page, dateline_date)
    author = choose_author(segment.header, header) or signoff.author
    return ExtractedArticle(
        line=_start_line(segment),
        title=header.title_text,
        date=date,
        date_text=date_text,
        publisher=(page.copyright.owner if page.copyright else None) or signoff.outlet or masthead,
        author=author,
        dateline=dateline,
        key_points=choose_key_points(segment.header, header.title),
        paragraphs=without_note_on_the_author(paragraphs, author),
    )


AUTHOR_NOTE_REACH = 3  # of the last paragraphs, those that may be the note on the author
MAX_AFTER_NOTE_WORDS = 15  # "He tweets @UsamaKhilji", "Views expressed are his own"
_ABOUT_WRITER = re.compile(r"^(?P<who>.{2,60}?),? (?:is|was|has been|works as|heads|teaches|writes)\b")
_THE_WRITER = frozenset({"the writer", "the author", "the columnist", "the contributor"})


def without_note_on_the_author(paragraphs: list[Paragraph], author: str | None) -> list[Paragraph]:
    """The paragraphs without the note on the author under the text ("The writer is a digital rights
    advocate...", "Salman Ahmed is a business journalist at ProPakistani...", with the name or a label
    printed above it). A paragraph about a person quoted in the story, or followed by more text, stays."""
    names = _author_names(author)
    start = max(len(paragraphs) - AUTHOR_NOTE_REACH, 0)
    for position in range(len(paragraphs) - 1, start - 1, -1):
        if _is_note_on_the_author(paragraphs[position].text, names) and all(
                len(later.text.split()) <= MAX_AFTER_NOTE_WORDS for later in paragraphs[position + 1:]):
            while position > 0 and paragraphs[position - 1].kind == "heading" \
                    and len(paragraphs[position - 1].text.split()) <= 4:
                position -= 1  # the writer's name, "Guest Author", "About the author"
            return paragraphs[:position] if position > 0 else paragraphs
    return paragraphs


def _author_names(author: str | None) -> set[str]:
    """"Ariba Shahid and Asif Shahzad" -> both names and both first names, in lower case."""
    if not author:
        return set()
    names = {name.strip().casefold() for name in re.split(r",|\band\b|&", author) if name.strip()}
    return names | {name.split()[0] for name in names if len(name.split()) >= 2} | {author.casefold()}


def _is_note_on_the_author(text: str, names: set[str]) -> bool:
    match = _ABOUT_WRITER.match(text)
    if match is None:
        return False
    who = match.group("who").casefold()
    return who in _THE_WRITER or who in names or any(who.endswith(" " + name) for name in names if " " in name)


def _reference_year(date_line: Line | None, page: Page) -> int | None:
    """The year the header's date or the page's copyright gives, against which a date in the text is judged."""
    if date_line is not None and date_line.meta is not None and date_line.meta.date is not None:
        return date_line.meta.date.year
    return page.copyright.year if page.copyright else None


def _article_date(date_line: Line | None, page: Page,
                  dateline_date: tuple[PartialDate | None, str | None]) -> tuple[PartialDate | None, str | None]:
    """The header's date, else the one in the dateline, else the year of the page's copyright line."""
    if date_line is not None and date_line.meta is not None and date_line.meta.date is not None:
        return date_line.meta.date, date_line.meta.date_text
    if dateline_date[0] is not None:
        return dateline_date
    if page.copyright is not None:
        copyright_line = next(line for line in page.lines if line.copyright == page.copyright)
        return PartialDate(page.copyright.year), copyright_line.text
    return None, None


def _title_key(header: Header) -> str | None:
    return header.title_text.casefold() if header.title_text else None


def _start_line(segment: Segment) -> int:
    if segment.header_info.title is not None:
        return segment.header_info.title.number
    meta = [line for line in segment.header if line.kind == "meta"]
    return (meta[0] if meta else segment.body[0]).number


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def parse_text_dump(text: str, path: str) -> list[ExtractedArticle]:
    """The articles in one plain-text page dump; raises ``BuildFailed`` when there is none."""
    if not text.replace("\ufeff", "").strip():
        raise BuildFailed([Problem(path, None, EMPTY_FILE)])
    lines = classify_lines(text)
    page = Page.read(lines)
    segments = segment_articles(lines, page)
    if not segments:
        raise BuildFailed([Problem(path, None, NO_ARTICLE)])
    bodies = [body_lines(s.body, page, _title_key(s.header_info)) for s in segments]
    mastheads = find_mastheads(segments, page, [signoff for _, signoff in bodies])
    masthead = mastheads[0] if mastheads else None
    articles = [build_article(s, body, page, masthead) for s, body in zip(segments, bodies)]
    articles = [article for article in articles if article.paragraphs]
    if not articles:
        raise BuildFailed([Problem(path, None, NO_ARTICLE)])
    return articles
