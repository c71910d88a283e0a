"""Read the hand-edited registry: ``entities.yml``, ``topics.yml`` and ``abbreviations.yml``.

Contributors edit these files in GitHub's web editor, so every problem is reported as
``path:line: message`` with the line of the item or field at fault, in plain words that say how to
fix it. All problems are collected (a bad item is skipped, the rest still load), never raised.

Each file is read with ``load_yaml`` (so each item, each field and each list element keeps its line)
and each item is checked with a pydantic model that forbids unknown fields; ``explain.py`` words the
problems, naming the item by its id ("entity 'pta' has an unknown field 'nmae'; did you mean 'name'?").

File formats (each file is a YAML list)::

    # entities.yml
    - id: pta                                   # lowercase letters, digits, hyphens
      name: Pakistan Telecommunication Authority
      type: organisation                        # organisation | person | place | measure
      abbreviation: PTA                         # optional, matched case-sensitively
      aliases: [Another Spelling]               # optional, spellings the sources use
      short_names: [Khan]                       # optional, persons only
      description: Pakistan's telecommunications regulator.
      topics: [telecom]                         # optional, ids from topics.yml
      url: https://www.pta.gov.pk/              # optional

    # topics.yml
    - id: telecom
      name: Telecommunications
      description: ...

    # abbreviations.yml (only abbreviations that are not an entity's abbreviation)
    - abbr: VPN
      expansion: virtual private network
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Iterator

from pydantic import BaseModel, ConfigDict, StringConstraints

from build_tools.errors import Problems
from build_tools.model.forms import ABBREVIATION_PATTERN, COMMON_WORDS, REGISTRY_ID_PATTERN, URL_PATTERN
from build_tools.model.records import Entity, EntityType, Registry, Topic
from build_tools.parse.explain import suggest_id, validate_fields
from build_tools.parse.text_files import UnreadableFile, read_text_file
from build_tools.parse.yaml_lines import LoadedYaml, YamlSyntaxError, load_yaml

ENTITIES_FILE = "entities.yml"
TOPICS_FILE = "topics.yml"
ABBREVIATIONS_FILE = "abbreviations.yml"
FIGURES_FILE = "figures.yml"  # read by build_tools.parse.figure_groups
REGISTRY_FILES = (ENTITIES_FILE, TOPICS_FILE, ABBREVIATIONS_FILE, FIGURES_FILE)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=REGISTRY_ID_PATTERN)]
Abbreviation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=ABBREVIATION_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityIn(_Strict):
    id: Id
    name: Text
    type: EntityType
    description: Text
    abbreviation: Abbreviation | None = None
    aliases: list[Text] = []
    short_names: list[Text] = []
    topics: list[Id] = []
    url: Annotated[str, StringConstraints(strip_whitespace=True, pattern=URL_PATTERN)] | None = None


class TopicIn(_Strict):
    id: Id
    name: Text
    description: Text


class AbbreviationIn(_Strict):
    abbr: Abbreviation
    expansion: Text


# --------------------------------------------------------------------------------------- YAML

def _read_list(path: Path, shown: str, what: str, example: str, problems: Problems) -> LoadedYaml | None:
    """One registry file with its lines, or None after reporting why it is not a list of items."""
    if not path.exists():
        problems.add(shown, None, f"file not found; the registry needs this file, a list of {_plural(what)}")
        return None
    try:
        text = read_text_file(path)
        loaded = load_yaml(text)
    except (UnreadableFile, YamlSyntaxError) as exc:
        problems.add(shown, exc.line, exc.message)
        return None
    if loaded.data is None:
        problems.add(shown, 1 if text.strip() else None,
                     f"the file has no {_plural(what)}; it should be a list of {_plural(what)}, "
                     f"each starting with '- {example}'")
        return None
    if not isinstance(loaded.data, list):
        kind = "a set of 'key: value' fields" if isinstance(loaded.data, dict) else "a single value"
        problems.add(shown, loaded.line_of(()),
                     f"the file should be a list of {_plural(what)}, each starting with '- {example}', "
                     f"but it is {kind}; put '- ' before the first field of each {what}")
        return None
    return loaded


def _items(loaded: LoadedYaml | None, shown: str, what: str, example: str, problems: Problems) -> list[int]:
    """The indexes of the list items that are sets of fields; the others are reported."""
    indexes = []
    for index, item in enumerate(loaded.data if loaded is not None else []):
        if isinstance(item, dict):
            indexes.append(index)
        else:
            problems.add(shown, loaded.line_of((index,)),
                         f"item {index + 1} of the list is not {_a(what)}; each {what} is a set of "
                         f"'key: value' lines starting with '- {example}'")
    return indexes


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _given_id(item: Any) -> list[str]:
    """The id an entry gives, if it gives a readable one (for an entry rejected for another reason), and the
    id the message about a malformed one suggests ('PTA' -> 'pta'), which references may already use."""
    value = item.get("id") if isinstance(item, dict) else None
    if not isinstance(value, str) or not value.strip():
        return []
    return list(dict.fromkeys([value.strip(), suggest_id(value)]))


def _name_key(text: str) -> str:
    """How names are compared for clashes: case-insensitive, whitespace and apostrophes unified."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split()).casefold()


def matched_everywhere(spelling: str, kind: str) -> str | None:
    """Why a registered spelling would be found all over ordinary text, or None. Names, aliases and short
    names match as written, capitalised or in capitals; abbreviations only exactly as written."""
    if not any(character.isalpha() for character in spelling):
        return "has no letter"
    common = _name_key(spelling) in COMMON_WORDS
    if kind != "abbreviation":
        return "is a common word" if common else None
    # matched exactly as written: 'it', 'A' and 'It' are words, 'IT' and 'bps' are abbreviations
    if common and spelling in (spelling.lower(), spelling[:1].upper() + spelling[1:].lower()):
        return "is a common word"
    return None


# ------------------------------------------------------------------------------------ loading

@dataclass(frozen=True)
class _Lines:
    """Lines inside one item of a registry file: ``lines()`` is the item's, ``lines("topics", 0)`` an element's."""

    loaded: LoadedYaml
    index: int

    def __call__(self, *path: str | int) -> int:
        return self.loaded.line_of((self.index, *path)) or 1


def _entries(registry_dir: Path, file_name: str, shown: str, model: type[BaseModel], what: str, name_key: str,
             problems: Problems, registry: Registry, rejected: set[str] | None = None) -> Iterator[tuple[Any, _Lines]]:
    """Each valid item of one registry file with its lines; ids given by rejected items go to ``rejected``,
    and a file that cannot be read at all to ``registry.unread_files``."""
    loaded = _read_list(registry_dir / file_name, shown, what, f"{name_key}: ...", problems)
    if loaded is None:
        registry.unread_files.add(file_name)
    for index in _items(loaded, shown, what, f"{name_key}: ...", problems):
        data = validate_fields(model, loaded, shown, problems, what, at=(index,), name_key=name_key)
        if data is None:
            if rejected is not None:
                rejected.update(_given_id(loaded.data[index]))
            continue
        yield data, _Lines(loaded, index)


def load_registry(registry_dir: Path, display_path: str = "content/registry") -> tuple[Registry, Problems]:
    """Load and check the three registry files; return what is valid plus every problem found."""
    registry_dir = Path(registry_dir)
    problems = Problems()
    base = display_path.rstrip("/")
    registry = Registry()
    _load_topics(registry_dir, f"{base}/{TOPICS_FILE}", registry, problems)
    entities = _EntityChecks(registry_dir, f"{base}/{ENTITIES_FILE}", f"{base}/{TOPICS_FILE}", registry, problems)
    entities.load()
    _load_abbreviations(registry_dir, f"{base}/{ABBREVIATIONS_FILE}", entities, registry, problems)
    return registry, problems


def _load_topics(registry_dir: Path, shown: str, registry: Registry, problems: Problems) -> None:
    first_line: dict[str, int] = {}
    for topic, lines in _entries(registry_dir, TOPICS_FILE, shown, TopicIn, "topic", "id", problems, registry,
                                 registry.rejected_topics):
        if topic.id in first_line:
            problems.add(shown, lines(), f"topic '{topic.id}' is defined twice (first at line {first_line[topic.id]}); "
                                         f"give each topic its own id")
            continue
        first_line[topic.id] = lines()
        registry.topics[topic.id] = Topic(topic.id, topic.name, topic.description, shown, lines())


@dataclass
class _EntityChecks:
    """Loads entities.yml into ``registry``, checking what a single entry cannot: clashes between entries.

    Once an entry is valid on its own, a clash drops only the faulty part (an alias, an abbreviation), so
    references to the entity elsewhere do not fail as well; the build still stops on the problem reported.
    """

    registry_dir: Path
    shown: str
    topics_shown: str
    registry: Registry
    problems: Problems
    first_line: dict[str, int] = field(default_factory=dict)
    abbreviation_owner: dict[str, tuple[str, int]] = field(default_factory=dict)
    name_owner: dict[str, tuple[str, int]] = field(default_factory=dict)

    def load(self) -> None:
        for data, lines in _entries(self.registry_dir, ENTITIES_FILE, self.shown, EntityIn, "entity", "id",
                                    self.problems, self.registry, self.registry.rejected_entities):
            if data.id in self.first_line:
                self.problems.add(self.shown, lines(),
                                  f"entity '{data.id}' is defined twice (first at line {self.first_line[data.id]}); "
                                  f"give each entity its own id")
                continue
            self.first_line[data.id] = lines()
            self.registry.entities[data.id] = self._entity(data, lines)

    def _entity(self, data: EntityIn, lines: _Lines) -> Entity:
        short_names = self._short_names(data, lines)
        topics = self._topics(data, lines)
        abbreviation = self._abbreviation(data, lines)
        aliases, abbreviation = self._spellings(data, abbreviation, lines)
        if data.abbreviation is not None and abbreviation is None \
                and self.abbreviation_owner.get(data.abbreviation, ("",))[0] == data.id:
            del self.abbreviation_owner[data.abbreviation]  # refused after all: it belongs to no one
        return Entity(
            id=data.id,
            name=data.name,
            type=data.type,
            description=data.description,
            path=self.shown,
            line=lines(),
            aliases=aliases,
            abbreviation=abbreviation,
            topics=list(dict.fromkeys(topics)),
            url=data.url,
            short_names=short_names,
        )

    def _short_names(self, data: EntityIn, lines: _Lines) -> list[str]:
        if data.short_names and data.type != "person":
            self.problems.add(self.shown, lines("short_names"),
                              f"entity '{data.id}' is {_a(data.type)}; only persons may have 'short_names' "
                              f"(use 'aliases' for other spellings)")
            return []
        return [name for index, name in enumerate(data.short_names) if name not in data.short_names[:index]
                and self._usable(data, "short name", name, lines("short_names", index))]

    def _usable(self, data: EntityIn, kind: str, spelling: str, line: int) -> bool:
        """Whether a spelling can be matched in the sources without matching ordinary words; reported if not."""
        reason = matched_everywhere(spelling, "abbreviation" if kind == "abbreviation" else "name")
        if reason is None:
            return True
        self.problems.add(self.shown, line, f"the {kind} '{spelling}' of entity '{data.id}' {reason}, so every "
                                            f"'{spelling}' in the sources would be linked to this entity; remove it "
                                            f"or write the spelling the sources use")
        return False

    def _topics(self, data: EntityIn, lines: _Lines) -> list[str]:
        topics: list[str] = []
        for index, topic_id in enumerate(data.topics):
            if self.registry.names_topic(topic_id):
                topics.append(topic_id)
                continue
            close = difflib.get_close_matches(topic_id, list(self.registry.topics), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.problems.add(self.shown, lines("topics", index),
                              f"entity '{data.id}' lists topic '{topic_id}', which is not defined in "
                              f"{self.topics_shown}; {hint}use a topic id from that file or add the topic there")
        return topics

    def _abbreviation(self, data: EntityIn, lines: _Lines) -> str | None:
        abbreviation = data.abbreviation
        if abbreviation is None:
            return None
        owner = self.abbreviation_owner.get(abbreviation)
        if owner is not None:
            self.problems.add(self.shown, lines("abbreviation"),
                              f"abbreviation '{abbreviation}' is claimed by entity '{data.id}' and by entity "
                              f"'{owner[0]}' (line {owner[1]}); an abbreviation can belong to one entity only")
            return None
        self.abbreviation_owner[abbreviation] = (data.id, lines("abbreviation"))
        return abbreviation

    def _spellings(self, data: EntityIn, abbreviation: str | None, lines: _Lines) -> tuple[list[str], str | None]:
        """The aliases kept, and the abbreviation if kept: each spelling must point to one entity, or
        mentions would be ambiguous."""
        spellings = [("name", data.name, lines("name"))]
        spellings += [("alias", alias, lines("aliases", index)) for index, alias in enumerate(data.aliases)]
        if abbreviation is not None:
            spellings.append(("abbreviation", abbreviation, lines("abbreviation")))
        aliases: list[str] = []
        for kind, spelling, line in spellings:
            if not self._usable(data, kind, spelling, line):
                if kind == "abbreviation":
                    abbreviation = None
                continue
            # compared without case: a name matches in capitals too ('Pta' matches 'PTA')
            key = _name_key(spelling)
            owner = self.name_owner.get(key)
            if owner is not None and owner[0] != data.id:
                self.problems.add(self.shown, line,
                                  f"the {kind} '{spelling}' of entity '{data.id}' is also a name, alias or "
                                  f"abbreviation of entity '{owner[0]}' (line {owner[1]}); each spelling may point "
                                  f"to one entity only, so remove it from one of them")
                if kind == "abbreviation":
                    abbreviation = None
                continue
            if owner is None:
                self.name_owner[key] = (data.id, line)
            if kind == "alias" and spelling not in aliases:
                aliases.append(spelling)
        return aliases, abbreviation


def _load_abbreviations(registry_dir: Path, shown: str, entities: _EntityChecks, registry: Registry,
                        problems: Problems) -> None:
    first_line: dict[str, int] = {}
    for data, lines in _entries(registry_dir, ABBREVIATIONS_FILE, shown, AbbreviationIn, "abbreviation", "abbr",
                                problems, registry):
        if data.abbr in first_line:
            problems.add(shown, lines(), f"abbreviation '{data.abbr}' is defined twice (first at line "
                                         f"{first_line[data.abbr]}); keep only one")
            continue
        first_line[data.abbr] = lines()
        refused = _abbreviation_refused(data.abbr, entities)
        if refused is not None:
            problems.add(shown, lines("abbr"), refused)
            continue
        registry.abbreviations[data.abbr] = data.expansion


def _abbreviation_refused(abbr: str, entities: _EntityChecks) -> str | None:
    """Why an entry of abbreviations.yml cannot be kept, or None."""
    reason = matched_everywhere(abbr, "abbreviation")
    if reason is not None:
        return f"abbreviation '{abbr}' {reason}, so every '{abbr}' on the site would get this tooltip; write it as printed (e.g. 'VPN')"
    owner = entities.abbreviation_owner.get(abbr)
    if owner is not None:
        return (f"abbreviation '{abbr}' is already the abbreviation of entity '{owner[0]}' ({entities.shown} line "
                f"{owner[1]}); remove it from this file, since entity abbreviations appear in the glossary automatically")
    named = entities.name_owner.get(_name_key(abbr))
    if named is not None:
        return (f"abbreviation '{abbr}' is also a name, alias or abbreviation of entity '{named[0]}' ({entities.shown} "
                f"line {named[1]}), so it would link to that entity and be explained as something else; remove it "
                f"from this file (or make it that entity's 'abbreviation:')")
    return None


def glossary(registry: Registry) -> dict[str, str]:
    """Every abbreviation and its expansion: the entities' abbreviations plus ``abbreviations.yml``.

    Sorted case-insensitively by abbreviation, so the glossary page and tooltips are reproducible.
    """
    terms = {e.abbreviation: e.name for e in registry.entities.values() if e.abbreviation}
    for abbr, expansion in registry.abbreviations.items():
        terms.setdefault(abbr, expansion)
    return dict(sorted(terms.items(), key=lambda kv: (kv[0].casefold(), kv[0])))
