"""Synthetic corpus generator for the scale benchmark (issue 6).

``generate_corpus(target, n, seed)`` writes a project laid out like the repository:

    target/mkdocs.yml            the repository's, with the hook path made absolute
    target/content/registry/     copied from the repository (entity names come from here)
    target/content/pages/        copied from the repository
    target/content/sources/      the repository's real sources (the registry's curated figures cite
                                 them), then synthetic page dumps (.txt) and their sidecars (.meta.yml)
    target/briefings/            synthetic briefings citing paragraphs of those sources

``n`` is the number of source *articles* (one source page each), the real ones included. About one
synthetic file in six holds two articles (a page that appends the next story), so there are fewer files
than sources.

The dumps imitate the real ones in content/sources/: site chrome ("Short Url", "Follow", "close"),
photo captions with credits, "Updated 13 November 2025" / "Sep. 15, 2025" / copyright-year dates,
bylines (including an author widget printed twice), key-point bullets, datelines ("ISLAMABAD:"),
subheads, registry names (full names and abbreviations) and figures ("$1.2 billion", "72 percent of
GDP", "Rs. 60 trillion"). Four page shapes are used; each is known to parse into exactly the articles
written (``verify_corpus`` checks this).

Briefings follow ``BriefingFrontMatter``: every body paragraph ends with a citation of a paragraph that
exists, and briefing text holds no number at all (so number provenance always holds).

Same ``n`` and ``seed`` -> byte-identical files. Run ``python benchmarks/corpus.py DIR -n 1000`` to
write one by hand.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
BRIEFINGS_PER_SOURCE = 0.1      # one briefing per ten sources
SOURCES_PER_BRIEFING = (3, 5)
TWO_ARTICLE_SHARE = 1 / 6

PUBLISHERS = ["Arab News", "Dawn Digital", "The Capital Ledger", "Indus Tech Review", "Frontier Wire",
              "Margalla Post", "Karachi Business Daily", "Punjab Economic Times"]
SITE_NAMES = ["Semainede4jours", "NewsHub Pakistan", "DailyDigest PK", "Bulletin Board Asia"]
SLOGANS = ["Real-time news, timeless knowledge", "All the news that matters", "Your window on the economy"]
FIRST_NAMES = ["Ayesha", "Bilal", "Fatima", "Hamza", "Imran", "Kamran", "Mehreen", "Nadia", "Omar", "Saad",
               "Sana", "Tariq", "Usman", "Zainab", "Arry", "Maria", "Rizwan", "Hina"]
LAST_NAMES = ["Ahmed", "Baig", "Chaudhry", "Durrani", "Farooqi", "Hashemi", "Iqbal", "Javed", "Khan",
              "Malik", "Qureshi", "Rana", "Siddiqui", "Tahir", "Wasim", "Yousaf", "Zaidi"]
DATELINES = ["ISLAMABAD", "KARACHI", "LAHORE", "PESHAWAR", "QUETTA", "RAWALPINDI"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."]
CREDITS = ["(REUTERS/File)", "(AFP)", "(@MIIT_Uz/X)", "(Unsplash)", "(APP/File)"]
SUBHEADS = ["Year of Digital Transformation:", "What comes next:", "Industry reaction:", "The numbers:",
            "Regional context:"]

SUBJECTS = ["licensing of VPN providers", "the national firewall", "IT exports", "the digital corridor",
            "the national AI policy", "virtual-asset regulation", "digital payments", "cybersecurity rules",
            "broadband expansion", "the IMF programme", "internet slowdowns", "freelancer registration",
            "submarine cable capacity", "data protection rules", "blockchain pilots"]
VERBS_TITLE = ["Pakistan moves to expand", "Regulator tightens", "Industry warns over", "Government unveils plan for",
               "Officials defend", "Investors weigh", "Lawmakers debate", "Experts question", "Firms welcome",
               "Ministry reviews"]
CLAUSES = [
    "the measure would bring clarity for businesses and freelancers who depend on secure connections",
    "the policy was needed to protect national security while keeping the economy open to foreign clients",
    "delays in implementation had created uncertainty for technology firms and their overseas customers",
    "the reforms would help attract foreign investment and expand exports of IT-enabled services",
    "rights groups had raised concerns about transparency and the lack of public consultation",
    "the new framework would be reviewed after consultations with industry and civil society",
    "regional partners were ready to support feasibility studies, design work and financing",
    "the regulator would publish detailed rules and a list of approved providers in the coming weeks",
]
BRIEF_SENTENCES = [
    "{org} has set out how it intends to apply the new rules, and industry groups say they need clearer timelines.",
    "Officials at {org} describe the change as a step towards predictable regulation of the digital economy.",
    "{person} argued that the policy balances security concerns with the needs of exporters and freelancers.",
    "Rights groups continue to question whether {measure} is proportionate and open to independent review.",
    "The announcement from {place} drew a cautious response from {org}, which asked for consultation.",
    "Analysts expect {org} and {org2} to coordinate closely as the framework is put into practice.",
    "The debate over {measure} shows how far digital policy now shapes the wider economic agenda.",
    "Businesses that sell services abroad say reliable connectivity matters more to them than new incentives.",
]


@dataclass
class Names:
    organisations: list[tuple[str, str | None, str]] = field(default_factory=list)  # (name, abbr, id)
    persons: list[tuple[str, str]] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)
    measures: list[tuple[str, str]] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (id, name)

    @classmethod
    def load(cls, registry: Path) -> "Names":
        names = cls()
        for item in yaml.safe_load((registry / "entities.yml").read_text("utf-8")) or []:
            kind, name, ident = item.get("type"), item["name"], item["id"]
            if kind == "organisation":
                names.organisations.append((name, item.get("abbreviation"), ident))
            elif kind == "person":
                names.persons.append((name, ident))
            elif kind == "place":
                names.places.append((name, ident))
            elif kind == "measure":
                names.measures.append((name, ident))
        names.topics = [(t["id"], t["name"]) for t in yaml.safe_load((registry / "topics.yml").read_text("utf-8")) or []]
        return names

    def wordy(self, items: list[tuple]) -> list[tuple]:
        """Names with no digit and no number word, safe inside briefing text."""
        return [i for i in items if not re.search(r"\d|\b(two|three|four|five|six|seven|eight|nine|ten)\b", i[0], re.I)]


@dataclass
class SourceArticle:
    id: str
    file: str
    paragraphs: int
    title: str
    topics: list[str]


@dataclass
class CorpusInfo:
    target: Path
    seed: int
    articles: list[SourceArticle]   # the synthetic ones
    files: int
    briefings: list[str]
    seed_articles: list[str] = field(default_factory=list)  # ids of the repository's real sources

    @property
    def sources(self) -> int:
        return len(self.articles) + len(self.seed_articles)


class Writer:
    """All text comes from one ``random.Random(seed)``, consumed in a fixed order."""

    def __init__(self, seed: int, names: Names):
        self.rng = random.Random(seed)
        self.names = names
        self.briefing_titles: set[str] = set()

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def unused_title(self, title: str, when: str) -> str:
        """A briefing title no earlier briefing has (`briefing check` refuses two briefings with one
        title): the drawn one, else with its month, else numbered as well."""
        candidate, tries = title, 0
        while candidate.casefold() in self.briefing_titles:
            tries += 1
            candidate = f"{title} ({when})" if tries == 1 else f"{title} ({when}, {tries})"
        self.briefing_titles.add(candidate.casefold())
        return candidate

    # ---- pieces of source text ------------------------------------------------------------

    def date_day(self) -> tuple[int, int, int]:
        return self.rng.randint(2019, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)

    def figure(self) -> str:
        r = self.rng
        forms = [
            lambda: f"${r.randint(1, 40)}.{r.randint(1, 9)} billion",
            lambda: f"${r.randint(100, 990)} million",
            lambda: f"{r.randint(2, 95)} percent of GDP",
            lambda: f"{r.randint(2, 60)} percent",
            lambda: f"Rs. {r.randint(2, 90)} trillion",
            lambda: f"US${r.randint(2, 20)}.{r.randint(1, 9)} billion",
            lambda: f"{r.randint(2, 900)},000 devices",
            lambda: f"{r.randint(2, 200)} million subscribers",
            lambda: f"{r.randint(1, 9)},{r.randint(100, 999)} megawatts",
        ]
        return self.pick(forms)()

    def org(self, abbreviated: bool = False) -> str:
        name, abbr, _ = self.pick(self.names.organisations)
        if abbreviated and abbr:
            return f"the {name} ({abbr})" if self.rng.random() < 0.5 else abbr
        return name

    def person(self) -> str:
        return self.pick(self.names.persons)[0]

    def author(self) -> str:
        return f"{self.pick(FIRST_NAMES)} {self.pick(LAST_NAMES)}"

    def sentence(self) -> str:
        r = self.rng
        forms = [
            lambda: f"{self.org(True)} said on {self.pick(WEEKDAYS)} that {self.pick(CLAUSES)}.",
            lambda: f"According to {self.org()}, spending on {self.pick(SUBJECTS)} reached {self.figure()} last year, up from {self.figure()} a year earlier.",
            lambda: f"{self.person()} told reporters in {self.pick(self.names.places)[0]} that {self.pick(CLAUSES)}.",
            lambda: f"The {self.pick(self.names.measures)[0]} is expected to shape {self.pick(SUBJECTS)}, officials said, with public debt at about {r.randint(50, 90)} percent of GDP.",
            lambda: f"“We are committed to {self.pick(SUBJECTS)} and to working with {self.org()},” {self.person()} said in a statement.",
            lambda: f"Industry estimates put the cost of disruption at {self.figure()} a year, and {self.org(True)} has asked for a review of {self.pick(SUBJECTS)}.",
            lambda: f"Critics noted that {self.pick(CLAUSES)}, while supporters pointed to {self.figure()} in new commitments.",
            lambda: f"In {self.pick(MONTHS)} {r.randint(2019, 2025)}, {self.org(True)} announced that {self.pick(CLAUSES)}.",
        ]
        return self.pick(forms)()

    def capital_sentence(self) -> str:
        text = self.sentence()
        return text[0].upper() + text[1:]

    def paragraph(self) -> str:
        text = " ".join(self.capital_sentence() for _ in range(self.rng.randint(2, 4)))
        while len(text) < 160:
            text += " " + self.capital_sentence()
        return text

    def title(self) -> str:
        return f"{self.pick(VERBS_TITLE)} {self.pick(SUBJECTS)} as {self.org(True).removeprefix('the ')} weighs next steps"

    def key_points(self) -> list[str]:
        return [f"{self.pick(CLAUSES)[0].upper()}{self.pick(CLAUSES)[1:]}" for _ in range(self.rng.randint(2, 3))]

    def body(self, count: int, dateline: bool = True, subhead: bool = False) -> list[str]:
        paragraphs = [self.paragraph() for _ in range(count)]
        if dateline:
            paragraphs[0] = f"{self.pick(DATELINES)}: {paragraphs[0]}"
        if subhead and count > 4:
            paragraphs.insert(count // 2, self.pick(SUBHEADS))
        return paragraphs

    # ---- page shapes (each returns the text and the number of paragraphs per article) ------

    def arab_news_style(self, articles: int) -> tuple[str, list[int], str, list[str]]:
        """Headline printed twice, caption, 'Short Url', 'Updated 13 November 2025', bullets,
        dateline; further stories appended after the first."""
        chunks, counts, titles = [], [], []
        for number in range(articles):
            title = self.title()
            y, m, d = self.date_day()
            count = self.rng.randint(6, 11)
            head = [title, ""]
            if number == 0:
                head += [f"An employee works at the office of {self.org()} in {self.pick(self.names.places)[0]}, "
                         f"on {MONTHS[m - 1]} {d}, {y}. {self.pick(CREDITS)}", "Short Url"]
            head += [f"Updated {d} {MONTHS[m - 1]} {y}", "Follow", "", title, ""]
            head += [f"  • {kp}" for kp in self.key_points()] + [""]
            paragraphs = self.body(count)
            chunks.append("\n".join(head) + "\n" + "\n\n".join(paragraphs))
            counts.append(count)
            titles.append(title)
        return "\n\n\n".join(chunks), counts, "Arab News", titles

    def aggregator_style(self) -> tuple[str, list[int], str, list[str]]:
        """An aggregator's chrome around a republished article, dated only by the copyright year."""
        title = self.title()
        publisher = self.pick(PUBLISHERS[2:])
        site = self.pick(SITE_NAMES)
        count = self.rng.randint(6, 12)
        head = ["close", "close", "", site, "", self.pick(SLOGANS), "", f"{title} – Business and Finance", "bigrus", "",
                f"{title} – Business and Finance", ""]
        body = self.body(count)
        tail = ["", f"Copyright {publisher}, {self.rng.randint(2019, 2025)}"]
        return "\n".join(head) + "\n" + "\n\n".join(body) + "\n" + "\n".join(tail), [count], publisher, [title]

    def blog_style(self) -> tuple[str, list[int], str, list[str]]:
        """A masthead and copyright above the title, the author printed twice, 'Sep. 15, 2025'."""
        title = self.title()
        publisher = self.pick(PUBLISHERS[2:])
        author = self.author()
        y, m, d = self.date_day()
        count = self.rng.randint(5, 10)
        head = [publisher, "", f"@{y} {publisher}. All Rights Reserved.", "", title, "", author, author,
                f"{MONTH_ABBR[m - 1]} {d}, {y}"]
        body = self.body(count, dateline=False, subhead=True)
        subheads = sum(1 for p in body if p in SUBHEADS)
        return "\n".join(head) + "\n" + "\n\n".join(body), [count + subheads], publisher, [title]

    def byline_style(self) -> tuple[str, list[int], str, list[str]]:
        """Headline, 'By Name', a dated line with a weekday and time, then the story."""
        title = self.title()
        y, m, d = self.date_day()
        count = self.rng.randint(6, 10)
        publisher = self.pick(PUBLISHERS[1:])
        head = ["Menu", "Search", "", title, "", f"By {self.author()}", f"Published {MONTHS[m - 1]} {d}, {y}", "Share", ""]
        body = self.body(count)
        return "\n".join(head) + "\n" + "\n\n".join(body) + "\n\nLeave a Comment\n", [count], publisher, [title]

    # ---- briefings ------------------------------------------------------------------------

    def briefing(self, ident: str, cited: list[SourceArticle]) -> str:
        names = self.names
        orgs = names.wordy(names.organisations)
        persons = names.wordy(names.persons)
        measures = names.wordy(names.measures)
        places = names.wordy(names.places)

        def fill(template: str) -> str:
            org, org2 = self.pick(orgs)[0], self.pick(orgs)[0]
            return template.format(org=org, org2=org2, person=self.pick(persons)[0], measure=self.pick(measures)[0],
                                   place=self.pick(places)[0])

        topics = sorted({t for a in cited for t in a.topics}) or [names.topics[0][0]]
        topic_name = dict(names.topics)[topics[0]]
        title = f"{topic_name}: {self.pick(SUBJECTS)} and what {self.pick(orgs)[0]} wants"
        y, m, d = self.rng.randint(2023, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
        title = self.unused_title(title, f"{MONTHS[m - 1]} {y}")
        entity_ids = [self.pick(orgs)[2]]
        claimant = self.pick(orgs)

        def cite(article: SourceArticle) -> str:
            number = self.rng.randint(1, min(3, article.paragraphs))
            return f"[@{article.id}:{number}]"

        meta = {
            "title": title,
            "date": f"{y:04d}-{m:02d}-{d:02d}",
            "summary": fill(self.pick(BRIEF_SENTENCES)),
            "why_it_matters": fill(self.pick(BRIEF_SENTENCES)),
            "topics": topics,
            "sources": [a.id for a in cited],
            "key_points": [fill(self.pick(BRIEF_SENTENCES)) for _ in range(3)],
            "entities": entity_ids,
            "claims": [{"claimant": claimant[2], "claimant_type": "industry", "point": "Is the new rule proportionate?",
                        "statement": fill(self.pick(BRIEF_SENTENCES)), "cite": cite(cited[0])}],
            "events": [{"date": f"{y:04d}-{m:02d}", "title": f"{claimant[0]} responds to the new rules",
                        "cite": cite(cited[-1]), "entities": [claimant[2]]}],
        }
        body = ["### Background", ""]  # as the real briefings are written (the page adds the title)
        for number, article in enumerate(cited):
            if number == len(cited) // 2:
                body += ["### What changed", ""]
            body += [" ".join(fill(self.pick(BRIEF_SENTENCES)) for _ in range(2)) + " " + cite(article), ""]
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{front}---\n\n" + "\n".join(body)


def write_project_skeleton(target: Path, repo: Path = REPO, hook: Path | None = None) -> None:
    """mkdocs.yml (hook made absolute, so the copy builds from anywhere: ``hook`` or the repository's),
    registry, static pages and the empty generated/ (MkDocs checks its docs_dir exists before the hook fills it)."""
    (target / "content").mkdir(parents=True, exist_ok=True)
    (target / "generated").mkdir(exist_ok=True)
    for part in ("registry", "pages"):
        destination = target / "content" / part
        if destination.exists():
            shutil.rmtree(destination)
        shutil.copytree(repo / "content" / part, destination)
    config = (repo / "mkdocs.yml").read_text("utf-8")
    hook = (hook or repo / "build_tools" / "render" / "mkdocs_hook.py").resolve()
    config = config.replace("  - build_tools/render/mkdocs_hook.py", f"  - {hook}")
    (target / "mkdocs.yml").write_text(config, "utf-8")


def generate_corpus(target: Path, n: int, seed: int = 1, repo: Path = REPO,
                    briefings_per_source: float = BRIEFINGS_PER_SOURCE, include_seed_sources: bool = True,
                    hook: Path | None = None) -> CorpusInfo:
    """Writes ``n`` source articles and their briefings under ``target`` (sources and briefings are
    replaced; anything else there is left alone)."""
    target = Path(target)
    seeds = seed_article_ids(repo / "content" / "sources") if include_seed_sources else []
    if n < max(len(seeds), 1):
        raise ValueError(f"a corpus of {n} sources cannot be made: it holds at least "
                         f"{max(len(seeds), 1)} (the repository's real articles are always included)")
    write_project_skeleton(target, repo, hook)
    sources = target / "content" / "sources"
    briefings_dir = target / "briefings"
    for folder in (sources, briefings_dir):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    seed_files = copy_seed_sources(repo / "content" / "sources", sources) if include_seed_sources else 0
    names = Names.load(target / "content" / "registry")
    writer = Writer(seed, names)
    rng = writer.rng
    topic_ids = [t for t, _ in names.topics]
    articles: list[SourceArticle] = []
    files = 0
    wanted = max(0, n - len(seeds))
    while len(articles) < wanted:
        left = wanted - len(articles)
        shape = rng.random()
        if shape < 0.4:
            two = left >= 2 and rng.random() < TWO_ARTICLE_SHARE / 0.4
            text, counts, publisher, titles = writer.arab_news_style(2 if two else 1)
        elif shape < 0.6:
            text, counts, publisher, titles = writer.aggregator_style()
        elif shape < 0.8:
            text, counts, publisher, titles = writer.blog_style()
        else:
            text, counts, publisher, titles = writer.byline_style()
        stem = f"{files:05d}_{rng.getrandbits(64):016x}"
        sidecar: dict = {}
        if publisher == "Arab News":
            sidecar["publisher"] = publisher
        sidecar["licence"] = "All rights reserved by the publisher; we publish an excerpt and cited paragraphs only."
        per_article = []
        for count, title in zip(counts, titles):
            ident = f"syn-{len(articles):05d}"
            topics = sorted(set(rng.sample(topic_ids, rng.randint(1, 2))))
            entry: dict = {"id": ident, "topics": topics}
            if rng.random() < 0.5:
                entry["summary"] = (f"{writer.org()} and {writer.org()} on {writer.pick(SUBJECTS)}: "
                                    f"{writer.pick(CLAUSES)}.")
            per_article.append(entry)
            articles.append(SourceArticle(ident, f"{stem}.txt", count, title, topics))
        sidecar["articles"] = per_article
        (sources / f"{stem}.txt").write_text(text, "utf-8")
        (sources / f"{stem}.meta.yml").write_text(
            "# Synthetic source for the scale benchmark (benchmarks/corpus.py).\n"
            + yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
        files += 1
    briefing_ids = []
    count = max(1, round(len(articles) * briefings_per_source))
    for number in range(count):
        if not articles:
            break
        cited = rng.sample(articles, min(len(articles), rng.randint(*SOURCES_PER_BRIEFING)))
        ident = f"synthetic-briefing-{number:05d}"
        (briefings_dir / f"{ident}.md").write_text(writer.briefing(ident, cited), "utf-8")
        briefing_ids.append(ident)
    return CorpusInfo(target, seed, articles, files + seed_files, briefing_ids, seeds)


def add_source(target: Path, number: int = 1, seed: int = 1) -> Path:
    """Writes one more synthetic source (a one-article page dump and its sidecar) into an existing
    corpus, as a contributor adding a source would; its id is ``syn-added-NNNNN``. Returns its path."""
    names = Names.load(target / "content" / "registry")
    writer = Writer(seed * 1_000_003 + number, names)
    text, _, publisher, _ = writer.byline_style()
    stem = f"added_{number:05d}_{writer.rng.getrandbits(64):016x}"
    entry = {"id": f"syn-added-{number:05d}", "topics": [writer.pick(names.topics)[0]]}
    sidecar: dict = {"publisher": publisher} if publisher == "Arab News" else {}
    sidecar["licence"] = "All rights reserved by the publisher; we publish an excerpt and cited paragraphs only."
    sidecar["articles"] = [entry]
    sources = target / "content" / "sources"
    (sources / f"{stem}.meta.yml").write_text(
        "# Synthetic source for the scale benchmark (benchmarks/corpus.py).\n"
        + yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    path = sources / f"{stem}.txt"
    path.write_text(text, "utf-8")
    return path


def seed_article_ids(origin: Path) -> list[str]:
    """The ids of the articles in the repository's sources (``origin``), which every corpus holds."""
    from build_tools.errors import Problems
    from build_tools.parse.sources import load_source_file, source_files

    return [a.id for path in source_files(origin) for a in load_source_file(path, Problems())]


def copy_seed_sources(origin: Path, destination: Path) -> int:
    """Copies the repository's sources (and sidecars); returns the number of files."""
    from build_tools.parse.sources import source_files

    files = source_files(origin)
    for path in files:
        shutil.copy2(path, destination / path.name)
        sidecar = path.with_name(path.stem + ".meta.yml")
        if sidecar.exists():
            shutil.copy2(sidecar, destination / sidecar.name)
    return len(files)


def verify_corpus(info: CorpusInfo) -> list[str]:
    """What is wrong with a generated corpus, checked in-process: every problem ``briefing check``
    would print, then every article whose parse differs from what was written (count, id, title)."""
    from build_tools.pipeline import ProjectPaths, build_index

    index, problems = build_index(ProjectPaths(info.target.resolve()))
    found = [str(p) for p in problems]
    if index is None:
        return found
    if len(index.articles) != info.sources:
        found.append(f"parsed {len(index.articles)} articles, wrote {info.sources}")
    for article in info.articles:
        parsed = index.articles.get(article.id)
        if parsed is None:
            found.append(f"{article.file}: article {article.id} was not parsed")
        elif parsed.title != article.title:
            found.append(f"{article.file}: {article.id} parsed title {parsed.title!r}, wrote {article.title!r}")
        elif len(parsed.paragraphs) != article.paragraphs:
            found.append(f"{article.file}: {article.id} parsed {len(parsed.paragraphs)} paragraphs, wrote {article.paragraphs}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("-n", type=int, default=100, help="number of source articles (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verify", action="store_true", help="parse the result and report any difference")
    args = parser.parse_args(argv)
    try:
        info = generate_corpus(args.target, args.n, args.seed)
    except ValueError as exc:
        parser.error(f"-n: {exc}")
    print(f"{info.sources} sources in {info.files} files, {len(info.briefings)} briefings in {info.target}")
    if args.verify:
        problems = verify_corpus(info)
        for problem in problems[:50]:
            print(problem, file=sys.stderr)
        if problems:
            print(f"{len(problems)} problems", file=sys.stderr)
            return 1
        print("verified: the corpus passes the checks and parses as written")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
