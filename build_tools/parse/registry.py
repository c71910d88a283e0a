"""Read the hand-edited registry: ``entities.yml``, ``topics.yml`` and ``abbreviations.yml``.

Contributors edit these files in GitHub's web editor, so every problem is reported as
``path:line: message`` with the line of the item or field at fault, in plain words that say how to
fix it. All problems are collected (a bad item is skipped, the rest still load), never raised.

The YAML is composed into a node tree first (PyYAML's ``SafeLoader``), so each item, each field and
each list element keeps its line; the values are then checked with pydantic models that forbid unknown
fields, and pydantic's errors are translated into contributor-friendly messages.

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
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_args

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from build_tools.errors import Problems
from build_tools.model.records import Entity, EntityType, Registry, Topic

ENTITIES_FILE = "entities.yml"
TOPICS_FILE = "topics.yml"
ABBREVIATIONS_FILE = "abbreviations.yml"

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=ID_PATTERN)]


# Abbreviations become Markdown abbreviation definitions (``*[PTA]: ...``) on every page that uses
# them, so they are limited to the characters real abbreviations have.
ABBREVIATION_PATTERN = r"^[A-Za-z0-9@&./+-]{1,20}$"
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
    url: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")] | None = None


class TopicIn(_Strict):
    id: Id
    name: Text
    description: Text


class AbbreviationIn(_Strict):
    abbr: Abbreviation
    expansion: Text


# --------------------------------------------------------------------------------------- YAML

@dataclass
class _Item:
    """One list item: its fields as Python values, with the line of the item, each key and value node."""

    line: int
    values: dict[str, Any]
    key_lines: dict[str, int]
    value_nodes: dict[str, yaml.Node]


def _line(node: yaml.Node | None, default: int | None = None) -> int | None:
    return node.start_mark.line + 1 if node is not None else default


def _read_list(path: Path, shown: str, what: str, example: str, problems: Problems) -> list[_Item]:
    """Parse one registry file into items, reporting anything that is not a list of mappings."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(shown, None, f"file not found; the registry needs this file, a list of {_plural(what)}")
        return []
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.add(shown, line, "the file is not valid UTF-8 text; save it again as UTF-8")
        return []

    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            problems.add(shown, *_yaml_error(exc))
            return []
        except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is marked
            problems.add(shown, None, f"the YAML could not be read ({exc})")
            return []

        if root is None or (isinstance(root, yaml.ScalarNode) and root.value.strip() == ""
                            and root.tag.endswith(":null")):
            problems.add(shown, 1 if text.strip() else None,
                         f"the file has no {_plural(what)}; it should be a list of {_plural(what)}, "
                         f"each starting with '- {example}'")
            return []
        if not isinstance(root, yaml.SequenceNode):
            kind = "a set of 'key: value' fields" if isinstance(root, yaml.MappingNode) else "a single value"
            problems.add(shown, _line(root),
                         f"the file should be a list of {_plural(what)}, each starting with '- {example}', "
                         f"but it is {kind}; put '- ' before the first field of each {what}")
            return []

        items: list[_Item] = []
        for number, node in enumerate(root.value, start=1):
            if not isinstance(node, yaml.MappingNode):
                problems.add(shown, _line(node),
                             f"item {number} of the list is not {_a(what)}; each {what} is a set of "
                             f"'key: value' lines starting with '- {example}'")
                continue
            item = _Item(line=_line(node) or 1, values={}, key_lines={}, value_nodes={})
            label = _label_from_node(node, what)
            for key_node, value_node in node.value:
                key_line = _line(key_node) or item.line
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.add(shown, key_line, f"{label} has a field name that is not plain text; "
                                                  f"field names are words like 'name' or 'description'")
                    continue
                key = key_node.value
                if key in item.key_lines:
                    problems.add(shown, key_line,
                                 f"{label} gives the field '{key}' twice (first at line "
                                 f"{item.key_lines[key]}); keep only one")
                    continue
                try:
                    value = loader.construct_object(value_node, deep=True)
                except yaml.MarkedYAMLError as exc:
                    problems.add(shown, *_yaml_error(exc))
                    continue
                item.values[key] = value
                item.key_lines[key] = key_line
                item.value_nodes[key] = value_node
            items.append(item)
        return items
    finally:
        loader.dispose()


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _yaml_error(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line and a plain explanation of a YAML syntax error."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    if "quoted scalar" in context and exc.context_mark is not None:
        return exc.context_mark.line + 1, ("the YAML could not be read: the quote opened on this line is "
                                           "never closed; add the closing quote")
    if ("flow sequence" in context or "flow mapping" in context) and exc.context_mark is not None:
        opened, closer = ("list", "[]") if "sequence" in context else ("set of fields", "{}")
        return exc.context_mark.line + 1, (f"the YAML could not be read: the {opened} opened with "
                                           f"'{closer[0]}' on this line is not closed with "
                                           f"'{closer[1]}' (or one of its items contains ': ' and "
                                           f"needs quotes)")
    line = mark.line + 1 if mark is not None else None
    if "\\t" in problem or "tab" in problem:
        explanation = "this line contains a tab; indent with spaces only"
    elif "mapping values are not allowed" in problem:
        explanation = ("this line has ': ' where YAML does not expect it; if it is part of a text, put "
                       "the whole text in double quotes")
    elif "expected <block end>" in problem or "could not find expected ':'" in problem or (
            "did not find expected" in problem):
        explanation = ("this line is not indented like the lines around it; line up each field under "
                       "the one above it, and start each new item with '- '")
    else:
        explanation = (f"{problem or context or 'unexpected text'}; check the indentation (spaces, not "
                       f"tabs) and put quotes around text that contains ': ' or ' #'")
    return line, f"the YAML could not be read: {explanation}"


def _label_from_node(node: yaml.MappingNode, what: str) -> str:
    for key_node, value_node in node.value:
        if (isinstance(key_node, yaml.ScalarNode) and key_node.value in ("id", "abbr")
                and isinstance(value_node, yaml.ScalarNode) and value_node.value.strip()):
            return f"{what} '{value_node.value.strip()}'"
    return f"the {what} at line {_line(node)}"


# ------------------------------------------------------------------------------- validation

def _validate(model: type[BaseModel], item: _Item, what: str, shown: str,
              problems: Problems) -> BaseModel | None:
    try:
        return model.model_validate(item.values)
    except ValidationError as exc:
        label = _label(item, what)
        for error in exc.errors():
            line, message = _explain(error, item, what, label, model)
            problems.add(shown, line, message)
        return None


def _given_id(item: _Item, key: str) -> list[str]:
    """The id an entry gives, if it gives a readable one (for an entry rejected for another reason)."""
    value = item.values.get(key)
    return [value.strip()] if isinstance(value, str) and value.strip() else []


def _label(item: _Item, what: str) -> str:
    key = "abbr" if what == "abbreviation" else "id"
    value = item.values.get(key)
    if isinstance(value, str) and value.strip():
        return f"{what} '{value.strip()}'"
    return f"the {what} at line {item.line}"


def _explain(error: dict, item: _Item, what: str, label: str, model: type[BaseModel]) -> tuple[int, str]:
    """Turn one pydantic error into (line, plain-words message)."""
    loc = error.get("loc", ())
    field_name = str(loc[0]) if loc else ""
    kind = error.get("type", "")
    value = error.get("input")
    line = item.key_lines.get(field_name, item.line)
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    if index is not None:
        node = item.value_nodes.get(field_name)
        if isinstance(node, yaml.SequenceNode) and index < len(node.value):
            line = _line(node.value[index], line)
    where = f"item {index + 1} of '{field_name}'" if index is not None else f"'{field_name}'"
    allowed = list(model.model_fields)

    if kind == "missing":
        if field_name in ("id", "abbr"):
            return line, (f"the {what} at line {item.line} has no '{field_name}'; add a line "
                          f"'{field_name}: ...'" + (" with a short lowercase id such as 'pta'"
                                                    if field_name == "id" else ""))
        return line, f"{label} has no '{field_name}'; add a line '{field_name}: ...'"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field_name, allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return line, (f"{label} has an unknown field '{field_name}'; {hint}"
                      f"the allowed fields are: {', '.join(allowed)}")
    if kind == "literal_error" and field_name == "type" and value is None:
        return line, f"{label} has an empty 'type'; use one of: {', '.join(ENTITY_TYPES)}"
    if kind == "literal_error" and field_name == "type":
        close = difflib.get_close_matches(str(value), ENTITY_TYPES, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return line, (f"{label} has type '{value}', which is not allowed; use one of: "
                      f"{', '.join(ENTITY_TYPES)}{hint}")
    if kind == "string_pattern_mismatch":
        if field_name == "url":
            return line, f"'url' of {label} must be a web address starting with https:// or http://"
        if field_name in ("abbreviation", "abbr"):
            return line, (f"{where} of {label} ('{value}') is not an abbreviation; use up to 20 letters, digits "
                          "and @ & . / + - (no spaces or brackets), e.g. 'PTA' or 'P@SHA'")
        rule = f"use only lowercase letters a-z, digits and single hyphens, e.g. '{_slug(str(value))}'"
        if field_name == "id":
            return line, f"{what} id '{value}' is not allowed; {rule}"
        return line, f"{where} of {label} ('{value}') is not a valid id; {rule}"
    if kind == "string_too_short":
        return line, f"{where} of {label} is empty; fill it in or remove the line"
    if kind == "string_type":
        node = item.value_nodes.get(field_name)
        if index is not None and isinstance(node, yaml.SequenceNode) and index < len(node.value):
            node = node.value[index]
        if value is None:
            return line, f"{where} of {label} is empty; fill it in or remove the line"
        if isinstance(node, yaml.ScalarNode):
            return line, (f"{where} of {label} must be text, but YAML reads {node.value} as "
                          f"{_yaml_kind(value)}; put it in quotes: \"{node.value}\"")
        return line, f"{where} of {label} must be text, not {_yaml_kind(value)}"
    if kind == "list_type":
        return line, (f"'{field_name}' of {label} must be a list, e.g. {field_name}: [first, second] "
                      f"or one '- item' per line below it")
    return line, f"{where} of {label} is not valid: {error.get('msg', kind)}"  # pragma: no cover


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' fields"
    if hasattr(value, "isoformat"):
        return "a date"
    return f"a {type(value).__name__}"


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "my-id"


def _name_key(text: str) -> str:
    """How names are compared for clashes: case-insensitive, whitespace and apostrophes unified."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split()).casefold()


# ------------------------------------------------------------------------------------ loading

def load_registry(registry_dir: Path, display_path: str = "content/registry") -> tuple[Registry, Problems]:
    """Load and check the three registry files; return what is valid plus every problem found."""
    registry_dir = Path(registry_dir)
    problems = Problems()
    base = display_path.rstrip("/")
    topics_shown = f"{base}/{TOPICS_FILE}"
    entities_shown = f"{base}/{ENTITIES_FILE}"
    abbreviations_shown = f"{base}/{ABBREVIATIONS_FILE}"
    registry = Registry()

    # topics.yml
    first_topic_line: dict[str, int] = {}
    for item in _read_list(registry_dir / TOPICS_FILE, topics_shown, "topic", "id: ...", problems):
        topic = _validate(TopicIn, item, "topic", topics_shown, problems)
        if topic is None:
            registry.rejected_topics.update(_given_id(item, "id"))
            continue
        if topic.id in first_topic_line:
            problems.add(topics_shown, item.line,
                         f"topic '{topic.id}' is defined twice (first at line {first_topic_line[topic.id]}); "
                         f"give each topic its own id")
            continue
        first_topic_line[topic.id] = item.line
        registry.topics[topic.id] = Topic(topic.id, topic.name, topic.description, topics_shown, item.line)
    topics_readable = (registry_dir / TOPICS_FILE).is_file()

    # entities.yml
    first_entity_line: dict[str, int] = {}
    abbreviation_owner: dict[str, tuple[str, int]] = {}
    name_owner: dict[str, tuple[str, int]] = {}
    for item in _read_list(registry_dir / ENTITIES_FILE, entities_shown, "entity", "id: ...", problems):
        data = _validate(EntityIn, item, "entity", entities_shown, problems)
        if data is None:
            registry.rejected_entities.update(_given_id(item, "id"))
            continue
        label = f"entity '{data.id}'"
        if data.id in first_entity_line:
            problems.add(entities_shown, item.line,
                         f"{label} is defined twice (first at line {first_entity_line[data.id]}); "
                         f"give each entity its own id")
            continue
        first_entity_line[data.id] = item.line

        # From here on a problem drops only the faulty part, so that references to the entity
        # elsewhere do not fail as well; the build still stops on the problem reported.
        short_names = list(dict.fromkeys(data.short_names))
        if short_names and data.type != "person":
            problems.add(entities_shown, item.key_lines["short_names"],
                         f"{label} is {_a(data.type)}; only persons may have 'short_names' "
                         f"(use 'aliases' for other spellings)")
            short_names = []

        topics: list[str] = []
        topics_node = item.value_nodes.get("topics")
        for index, topic_id in enumerate(data.topics):
            if registry.names_topic(topic_id) or not topics_readable:
                topics.append(topic_id)
                continue
            line = item.key_lines["topics"]
            if isinstance(topics_node, yaml.SequenceNode) and index < len(topics_node.value):
                line = _line(topics_node.value[index], line)
            close = difflib.get_close_matches(topic_id, list(registry.topics), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.add(entities_shown, line,
                         f"{label} lists topic '{topic_id}', which is not defined in {topics_shown}; "
                         f"{hint}use a topic id from that file or add the topic there")

        abbreviation = data.abbreviation
        if abbreviation is not None:
            owner = abbreviation_owner.get(abbreviation)
            if owner is not None:
                problems.add(entities_shown, item.key_lines["abbreviation"],
                             f"abbreviation '{abbreviation}' is claimed by {label} and by entity "
                             f"'{owner[0]}' (line {owner[1]}); an abbreviation can belong to one entity only")
                abbreviation = None
            else:
                abbreviation_owner[abbreviation] = (data.id, item.key_lines["abbreviation"])

        # A name, alias or abbreviation must point to one entity, or mentions would be ambiguous.
        spellings = [("name", data.name, item.key_lines["name"])]
        aliases_node = item.value_nodes.get("aliases")
        for index, alias in enumerate(data.aliases):
            line = item.key_lines["aliases"]
            if isinstance(aliases_node, yaml.SequenceNode) and index < len(aliases_node.value):
                line = _line(aliases_node.value[index], line)
            spellings.append(("alias", alias, line))
        if abbreviation is not None:
            spellings.append(("abbreviation", abbreviation, item.key_lines["abbreviation"]))
        aliases: list[str] = []
        for kind, spelling, line in spellings:
            key = spelling if kind == "abbreviation" else _name_key(spelling)
            owner = name_owner.get(key)
            if owner is not None and owner[0] != data.id:
                problems.add(entities_shown, line,
                             f"the {kind} '{spelling}' of {label} is also a name, alias or abbreviation "
                             f"of entity '{owner[0]}' (line {owner[1]}); each spelling may point to one "
                             f"entity only, so remove it from one of them")
                if kind == "abbreviation":
                    abbreviation = None
                continue
            if owner is None:
                name_owner[key] = (data.id, line)
            if kind == "alias" and spelling not in aliases:
                aliases.append(spelling)

        registry.entities[data.id] = Entity(
            id=data.id,
            name=data.name,
            type=data.type,
            description=data.description,
            path=entities_shown,
            line=item.line,
            aliases=aliases,
            abbreviation=abbreviation,
            topics=list(dict.fromkeys(topics)),
            url=data.url,
            short_names=short_names,
        )

    # abbreviations.yml
    first_abbr_line: dict[str, int] = {}
    for item in _read_list(registry_dir / ABBREVIATIONS_FILE, abbreviations_shown, "abbreviation",
                           "abbr: ...", problems):
        data = _validate(AbbreviationIn, item, "abbreviation", abbreviations_shown, problems)
        if data is None:
            continue
        if data.abbr in first_abbr_line:
            problems.add(abbreviations_shown, item.line,
                         f"abbreviation '{data.abbr}' is defined twice (first at line "
                         f"{first_abbr_line[data.abbr]}); keep only one")
            continue
        first_abbr_line[data.abbr] = item.line
        owner = abbreviation_owner.get(data.abbr)
        if owner is not None:
            problems.add(abbreviations_shown, item.key_lines["abbr"],
                         f"abbreviation '{data.abbr}' is already the abbreviation of entity '{owner[0]}' "
                         f"({entities_shown} line {owner[1]}); remove it from this file, since entity "
                         f"abbreviations appear in the glossary automatically")
            continue
        registry.abbreviations[data.abbr] = data.expansion

    return registry, problems


def glossary(registry: Registry) -> dict[str, str]:
    """Every abbreviation and its expansion: the entities' abbreviations plus ``abbreviations.yml``.

    Sorted case-insensitively by abbreviation, so the glossary page and tooltips are reproducible.
    """
    terms = {e.abbreviation: e.name for e in registry.entities.values() if e.abbreviation}
    for abbr, expansion in registry.abbreviations.items():
        terms.setdefault(abbr, expansion)
    return dict(sorted(terms.items(), key=lambda kv: (kv[0].casefold(), kv[0])))
