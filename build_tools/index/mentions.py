"""Find registry entities in text, in one pass, and the sentence around each mention.

``MentionMatcher`` is built once per registry and then applied to every source text; it never compiles
a regex per entity or per paragraph. ``suggest_entities`` lists frequent names the registry lacks, for
curators.

Matching rules (see :class:`MentionMatcher`):

* Names are matched on whole words. Text is split into tokens: runs of word characters (letters,
  digits, underscore, with ``@``/``&`` joining two runs, so ``P@SHA`` and ``AT&T`` are single words) and
  single punctuation characters. ``PTA`` never matches inside ``adaptation``; ``TIR`` does not match
  inside ``eTIR``. Punctuation that is glued in the registered name (``CVAS-Data``, ``TIR/eTIR``,
  ``M. Wasim``) must be glued in the text too; any run of whitespace (including a line break) matches
  a space.
* Curly and straight apostrophes are the same character, and so are the Unicode hyphens and ``-``.
  A possessive (``PTA's``, ``IMF’s``, ``Pakistan’``) is a mention of the entity; the ``'s`` is not
  part of the mention's text.
* Abbreviations match only exactly as registered (``PTA``, not ``pta`` or ``Pta``; ``IT`` never
  matches ``it``). Names and aliases match as registered, or with a word capitalised (``Ministry Of
  Finance``) or in capitals (``ASIAN DEVELOPMENT BANK``), never in lower case unless registered so:
  an entity named ``Allied`` does not match "allied forces".
* Where names overlap, the leftmost then longest wins ("Pakistan Crypto Council" rather than
  "Pakistan"). A name followed by its abbreviation in brackets gives two mentions of the same entity.
* A person's ``short_names`` ("Khan") count only in a text that named that person in full earlier, and
  only if no other entity named in that text has the same short name.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from dataclasses import dataclass
from typing import Iterable

from build_tools.model.forms import COMMON_WORDS
from build_tools.model.records import Entity

__all__ = ["Mention", "MentionMatcher", "one_line", "sentence_around", "sentence_bounds", "suggest_entities", "tokenize"]

# A token is a word (runs of \w joined by @ or &) or one non-space character.
_TOKEN_RE = re.compile(r"\w+(?:[@&]\w+)*|\S")

# Characters treated as equal when matching: curly quotes/apostrophes and Unicode hyphens.
_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "-",
})
_FOLDABLE = re.compile("[" + "".join(map(chr, _FOLD)) + "]")


def _fold(text: str) -> str:
    """``text`` with the characters of ``_FOLD`` replaced; ``str.translate`` with a dict is slow, and
    most texts have nothing to fold."""
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


_WHOLE_MATCH = re.Match.group
_END = ""          # key of the terminal list in a trie node (edge keys are never empty)
_ABBR, _NAME, _SHORT = 0, 1, 2


@dataclass(frozen=True)
class Mention:
    """One place where an entity is named in a text."""

    entity_id: str
    start: int  # character offsets into the text searched
    end: int
    text: str   # as written in the text


def tokenize(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the tokens of ``text`` (words and single punctuation marks)."""
    return [m.span() for m in _TOKEN_RE.finditer(text.translate(_FOLD))]


def _variants(word: str) -> frozenset[str]:
    """The spellings of one registered word that a name accepts: as written, capitalised, capitals."""
    return frozenset({word, word[:1].upper() + word[1:], word.upper()})


class MentionMatcher:
    """Finds the entities of a registry in texts.

    Built once: every name, alias, abbreviation and short name of every entity is tokenised with the
    same tokeniser as the texts and inserted into a token trie keyed by the lower-cased token (and, after
    the first token, by whether the token is glued to the previous one). Each trie end holds the
    registered spellings ending there, which are checked for the exact case rule of their kind.

    ``find`` tokenises the text once (one compiled regex) and walks it once: at each token it follows
    the trie as far as the text allows and keeps the longest accepted spelling, then resumes after it.

    Complexity: building is O(total tokens of all registered spellings). ``find`` is O(n + t * d) for a
    text of n characters and t tokens, where d is the depth the trie is actually followed from a token
    (bounded by the longest registered spelling, in practice 1-3), plus O(m) to resolve short names for
    m mentions. It does not depend on the number of entities (dictionary lookups), so thousands of
    entities over 10,000 texts cost one linear scan of each text.
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._root: dict = {}
        for entity in entities:
            self._add(entity.id, _NAME, entity.name)
            for alias in entity.aliases:
                self._add(entity.id, _NAME, alias)
            if entity.abbreviation:
                self._add(entity.id, _ABBR, entity.abbreviation)
            for short in entity.short_names:
                self._add(entity.id, _SHORT, short)

    def _add(self, entity_id: str, kind: int, spelling: str) -> None:
        folded = spelling.translate(_FOLD)
        spans = [m.span() for m in _TOKEN_RE.finditer(folded)]
        if not spans:
            return
        words = [folded[s:e] for s, e in spans]
        node = self._root
        for index, word in enumerate(words):
            key = word.lower()
            if index:
                key = ("+" if spans[index][0] == spans[index - 1][1] else " ") + key
            node = node.setdefault(key, {})
        accept = tuple(frozenset({w}) if kind == _ABBR else _variants(w) for w in words)
        ends = node.setdefault(_END, [])
        if all(entry[0] != entity_id or entry[1] != kind or entry[2] != accept for entry in ends):
            ends.append((entity_id, kind, accept))

    def find(self, text: str, *, known: Iterable[str] = ()) -> list[Mention]:
        """Mentions in ``text``, ordered by start and not overlapping.

        ``known``: ids of entities already named in full earlier in the same document (when a document is
        searched paragraph by paragraph), so that a person's short name can resolve to them.
        """
        folded = _fold(text)
        tokens, keys = _tokens_and_keys(folded)
        root = self._root
        found: list = []            # Mention, or a pending short-name tuple resolved below
        first_full: dict[str, int] = {entity_id: -1 for entity_id in known}
        pending = False
        count = len(tokens)
        resume = 0
        # only tokens that begin a registered spelling can start a mention: select them at C speed
        for i in compress(range(count), map(root.__contains__, keys)):
            if i < resume:
                continue
            node = root[keys[i]]
            best_full: tuple[int, str] | None = None
            best_short: tuple[int, list[str]] | None = None
            j = i
            while True:
                ends = node.get(_END)
                if ends:
                    shorts: list[str] = []
                    full: str | None = None
                    for entity_id, kind, accept in ends:
                        if all(folded[tokens[i + k].start():tokens[i + k].end()] in allowed
                               for k, allowed in enumerate(accept)):
                            if kind == _SHORT:
                                shorts.append(entity_id)
                            elif full is None:
                                full = entity_id
                    if full is not None:
                        best_full = (j, full)
                    elif shorts:
                        best_short = (j, shorts)
                j += 1
                if j >= count:
                    break
                glued = "+" if tokens[j].start() == tokens[j - 1].end() else " "
                node = node.get(glued + keys[j])
                if node is None:
                    break
            if best_full is not None:
                last, entity_id = best_full
                start, end = tokens[i].start(), tokens[last].end()
                found.append(Mention(entity_id, start, end, text[start:end]))
                first_full.setdefault(entity_id, start)
                resume = last + 1
            elif best_short is not None:
                last, candidates = best_short
                start, end = tokens[i].start(), tokens[last].end()
                found.append((candidates, start, end))
                pending = True
                resume = last + 1

        if not pending:
            return found
        result: list[Mention] = []
        for item in found:
            if isinstance(item, Mention):
                result.append(item)
                continue
            candidates, start, end = item
            named = [c for c in dict.fromkeys(candidates) if c in first_full]
            if len(named) == 1 and first_full[named[0]] < start:
                result.append(Mention(named[0], start, end, text[start:end]))
        return result


def _tokens_and_keys(folded: str) -> tuple[list[re.Match[str]], list[str]]:
    """The tokens of ``folded`` and their lower-case forms (the trie's keys)."""
    lowered = folded.lower()
    if len(lowered) == len(folded):
        # lower() then mapped every character to one character of the same class (word, space, other;
        # checked over all of Unicode), so the lowered text has the same tokens at the same offsets
        tokens = list(_TOKEN_RE.finditer(lowered))
        return tokens, list(map(_WHOLE_MATCH, tokens))
    tokens = list(_TOKEN_RE.finditer(folded))  # a rare character whose lower case is longer
    return tokens, [token.group().lower() for token in tokens]


# --------------------------------------------------------------------------------- sentences

# Words that end with a full stop without ending a sentence (compared as written).
_NOT_SENTENCE_END = frozenset({
    "Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Sr", "Jr", "St", "Rev", "Hon", "Gen", "Lt", "Col", "Capt",
    "Maj", "Brig", "Cdr", "Sen", "Rep", "Gov", "Pres", "Supt", "Insp", "Sgt", "Adv", "Engr",
    "No", "Nos", "Rs", "Vol", "Fig", "Art", "Sec", "Ch", "pp", "p", "vs", "cf", "approx", "est", "viz",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Inc", "Ltd", "Co", "Corp", "Pvt", "Bros", "Govt", "Dept", "Univ", "Assn",
    "e.g", "i.e", "al",
})
_CLOSERS = "\"'\u201d\u2019)]}\u00bb"
_OPENERS = "\"'\u201c\u2018([{\u00ab"
_LIST_MARKER = re.compile(r"[ \t]*(?:[\u2022\u25cf\u25aa\u2013*+-]|\d{1,3}[.)])\s")
_LEADING_MARKER = re.compile(r"^(?:[\u2022\u25cf\u25aa*+-]\s+)+")


def _stop_end(text: str, k: int) -> int | None:
    """If the ``.``, ``!``, ``?`` or ``…`` at ``k`` ends a sentence, the offset just after it (and any
    closing quotes or brackets); otherwise ``None``."""
    n = len(text)
    j = k + 1
    while j < n and text[j] in ".!?\u2026":
        j += 1
    while j < n and text[j] in _CLOSERS:
        j += 1
    if j < n and not text[j].isspace():
        return None  # "$1.2", "U.S.A", "pta.gov.pk"
    if text[k] != ".":
        return j
    w = k
    while w > 0 and not text[w - 1].isspace():
        w -= 1
    word = text[w:k].lstrip(_OPENERS)
    if not word:
        return j
    if word in _NOT_SENTENCE_END or word.rstrip(".") in _NOT_SENTENCE_END:
        return None
    if len(word) == 1 and word.isalpha():
        return None  # an initial: "M. Wasim"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return None  # "U.S.", "e.g."
    if word.isdigit() and text[text.rfind("\n", 0, w) + 1:w].strip() == "":
        return None  # a numbered list marker: "1. National AI Policy"
    m = j
    while m < n and text[m].isspace():
        m += 1
    if m < n and text[m].islower():
        return None  # "approx. two", "Sep. 15" handled above; a lower-case word continues the sentence
    return j


_SOFT_WRAP_MIN = 50  # a line shorter than this that ends without a full stop is a line of its own


def _line_break(text: str, k: int) -> bool:
    """Whether the newline at ``k`` separates sentences rather than wrapping one.

    It does at a blank line; before a list item or heading; and after a short line (a byline, a date,
    a heading: fewer than 50 characters). After a long line it is taken as a soft wrap of a paragraph.
    """
    a = k
    while a > 0 and text[a - 1].isspace():
        a -= 1
    b = k + 1
    n = len(text)
    while b < n and text[b].isspace():
        b += 1
    if text.count("\n", a, b) >= 2 or a == 0 or b == n:
        return True
    line_start = text.rfind("\n", 0, b) + 1
    rest = text[line_start:b + 4]
    if _LIST_MARKER.match(rest) or text[b] == "#":
        return True
    previous_line = text[text.rfind("\n", 0, a) + 1:a].strip()
    return len(previous_line) < _SOFT_WRAP_MIN


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The ``(start, end)`` offsets of the sentence holding ``text[start:end]``, trimmed of spaces."""
    n = len(text)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    s = 0
    k = start - 1
    while k >= 0:
        ch = text[k]
        if ch in ".!?\u2026":
            e = _stop_end(text, k)
            if e is not None and e <= start:
                s = e
                break
        elif ch == "\n" and _line_break(text, k):
            s = k + 1
            break
        k -= 1
    e = n
    k = end
    while k < n:
        ch = text[k]
        if ch in ".!?\u2026":
            stop = _stop_end(text, k)
            if stop is not None:
                e = stop
                break
        elif ch == "\n" and _line_break(text, k):
            e = k
            break
        k += 1
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, with whitespace runs collapsed and a leading bullet
    removed. Does not split at "Dr.", "M. Wasim", "$1.2 billion", "U.S." or "Sep. 15"."""
    s, e = sentence_bounds(text, start, end)
    return one_line(text[s:e])


def one_line(sentence: str) -> str:
    """A sentence with whitespace runs collapsed and a leading bullet removed."""
    return _LEADING_MARKER.sub("", " ".join(sentence.split()))


# --------------------------------------------------------------------------------- suggestions

# Words that begin many capitalised runs without being part of a name.
_STOP_WORDS = COMMON_WORDS
_CONNECTORS = frozenset({"of", "and", "for", "&", "the", "de", "bin", "al"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTHS = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())
_SENTENCE_STOPS = frozenset(".!?:;\u2026")


def suggest_entities(texts: Iterable[str], matcher: MentionMatcher, min_count: int = 2,
                     *, ignore: Iterable[str] = ()) -> list[tuple[str, int]]:
    """Frequent names the registry does not match: capitalised multi-word names ("Land Port Authority")
    and all-caps abbreviations ("NADRA"), as ``(name, count)``, most frequent first (ties A-Z).

    Runs of capitalised words are cut at punctuation, possessives and registered mentions; leading
    function words ("The", "According") and a sentence-initial word that also occurs in lower case are
    dropped; single capitalised words are ignored. ``ignore``: spellings never to suggest (e.g. the
    glossary's abbreviations, "VPN").
    """
    texts = list(texts)
    ignored = {_name_key(spelling) for spelling in ignore}
    lower_vocabulary: set[str] = set()
    for text in texts:
        lower_vocabulary.update(w for w in re.findall(r"\b[a-z][a-z'-]+\b", text.translate(_FOLD)))

    counts: Counter[str] = Counter()
    for text in texts:
        folded = text.translate(_FOLD)
        spans = [m.span() for m in _TOKEN_RE.finditer(folded)]
        covered = [False] * len(spans)
        mentions = matcher.find(text)
        m = 0
        for index, (s, e) in enumerate(spans):
            while m < len(mentions) and mentions[m].end <= s:
                m += 1
            if m < len(mentions) and mentions[m].start < e:
                covered[index] = True
        for candidate in _candidates(folded, spans, covered, lower_vocabulary):
            if _name_key(candidate) not in ignored:
                counts[candidate] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    return [(name, count) for name, count in ranked if count >= min_count]


def _name_key(text: str) -> str:
    return " ".join(text.translate(_FOLD).split()).casefold()


def _kind(word: str) -> str:
    """'cap' (Capitalised), 'caps' (ABBR), 'num', 'lower' or 'punct'."""
    if not (word[0].isalnum() or word[0] == "_"):
        return "punct"
    if word.isdigit():
        return "num"
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "num"
    if word[0].isupper():
        if sum(c.isupper() for c in letters) >= 2 and all(c.isupper() for c in letters[:-1]) and (
                letters[-1].isupper() or (letters[-1] == "s" and len(letters) >= 3)):
            return "caps"
        return "cap"
    return "lower"


def _candidates(text: str, spans: list[tuple[int, int]], covered: list[bool],
                lower_vocabulary: set[str]) -> Iterable[str]:
    words = [text[s:e] for s, e in spans]
    kinds = [_kind(w) for w in words]
    count = len(spans)

    def sentence_start(index: int) -> bool:
        k = index - 1
        while k >= 0 and kinds[k] == "punct" and words[k] in _OPENERS:
            k -= 1
        if k < 0:
            return True
        if words[k] in _SENTENCE_STOPS:
            return True
        return "\n\n" in text[spans[k][1]:spans[k + 1][0]].replace(" ", "").replace("\t", "")

    i = 0
    while i < count:
        if covered[i] or kinds[i] not in ("cap", "caps"):
            i += 1
            continue
        # Grow a run of capitalised words, joined by spaces and lower-case connectors.
        # Glued punctuation (a possessive "Pakistan's", a comma) and line breaks end a run.
        run = [i]
        words_since_connector = 1
        j = i + 1
        while j < count:
            gap = text[spans[j - 1][1]:spans[j][0]]
            if covered[j] or not gap or "\n" in gap:
                break
            if kinds[j] in ("cap", "caps"):
                run.append(j)
                words_since_connector += 1
            elif kinds[j] == "num" and _YEAR.fullmatch(words[j]):
                run.append(j)  # "Cybersecurity Policy 2021": a year ends a name
                break
            elif words[j] == "and":
                # "Information and Communication Technology" is one name; "Land Port Authority and
                # NADRA" or "GITEX Global and London Tech Week" are two.
                following = kinds[j + 1] if j + 1 < count and not covered[j + 1] else ""
                if words_since_connector != 1 or following != "cap":
                    break
                run.append(j)
                words_since_connector = 0
            elif (words[j] in _CONNECTORS and words[j].islower()) or words[j] == "&":
                run.append(j)
                words_since_connector = 0
            else:
                break
            j += 1
        next_i = run[-1] + 1

        # Trim: leading stop words / a sentence-initial common word, edge connectors and numbers.
        while run and (kinds[run[0]] not in ("cap", "caps")
                       or words[run[0]].lower() in _STOP_WORDS
                       or words[run[0]].lower() in _MONTHS
                       or (kinds[run[0]] == "cap" and sentence_start(run[0])
                           and words[run[0]].lower() in lower_vocabulary)):
            run = run[1:]
        while run and kinds[run[-1]] not in ("cap", "caps", "num"):
            run = run[:-1]
        name_words = [k for k in run if kinds[k] in ("cap", "caps")]
        if len(name_words) >= 2 and any(kinds[k] == "cap" for k in name_words):
            yield " ".join(text[spans[k][0]:spans[k][1]] for k in run)
        elif len(run) == 1 and kinds[run[0]] == "caps":
            k = run[0]
            neighbours = [kinds[x] for x in (k - 1, k + 1) if 0 <= x < count and not covered[x]]
            before = words[k - 1] if k > 0 and spans[k - 1][1] == spans[k][0] else ""
            after = words[k + 1] if k + 1 < count and spans[k + 1][0] == spans[k][1] else ""
            in_heading = "caps" in neighbours and len(words[k]) > 1
            currency = "$" in (before, after)
            letters_only = re.fullmatch(r"[^\W\d_]+(?:[@&][^\W\d_]+)*", words[k]) is not None
            if not in_heading and not currency and letters_only and len(words[k]) <= 10:
                word = words[k]
                yield word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        i = max(next_i, i + 1)
