"""Problems in hand-edited YAML, in words a contributor can act on.

This is the one place that words both kinds of problem, for briefing and source front matter,
sidecars, figure groups and the registry files:

- YAML that cannot be read (:func:`explain_yaml_error`): what the mistake probably is (an unclosed
  quote or bracket, a tab, ``: `` inside unquoted text, a line out of line) and on which line;
- values that do not fit a model (:func:`validate_fields`): each pydantic error becomes
  ``path:line: message`` with the line of the field or list element at fault (from
  :class:`~build_tools.parse.yaml_lines.LoadedYaml`'s line map). An entry of a list file is named by
  its id ("entity 'pta' has an unknown field 'nmae'; did you mean 'name'?"); a value YAML read as a
  number or yes/no where text was expected gets the quotes that fix it; a bad id gets a valid one.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Type

import yaml
from pydantic import BaseModel, ValidationError

from build_tools.errors import Problems
from build_tools.model.forms import (
    ABBREVIATION_PATTERN,
    DATE_PATTERN,
    LANGUAGE_PATTERN,
    REGISTRY_ID_PATTERN,
    SLUG_PATTERN,
    URL_PATTERN,
)

if TYPE_CHECKING:  # yaml_lines words its syntax errors with this module
    from build_tools.parse.yaml_lines import LoadedYaml, YamlIssue, YamlPath

NESTED_TOO_DEEPLY = "the YAML cannot be read: it is nested too deeply"
ALIASES_REPEAT_TOO_MUCH = ("the YAML cannot be read: its aliases (*name) repeat more values than the file holds; "
                           "write the values out instead")
_CANNOT_READ = "the YAML cannot be read"


# ------------------------------------------------------------------------------- YAML syntax

def explain_yaml_error(exc: yaml.YAMLError, text: str, first_line: int = 1) -> tuple[int | None, str]:
    """The line and a plain explanation of a YAML syntax error in ``text``, which starts on file line ``first_line``."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return first_line, f"{_CANNOT_READ} ({exc})"
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    opened = exc.context_mark.line + first_line if exc.context_mark is not None else None
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + first_line if mark is not None else None
    if "quoted scalar" in context and "escape" in problem:
        return line, (f"{_CANNOT_READ}: inside double quotes a backslash starts a special character; write "
                      f"\\\\ for a backslash, or put the text in single quotes")
    if "quoted scalar" in context and opened is not None:
        return opened, _UNCLOSED_QUOTE
    if ("flow sequence" in context or "flow mapping" in context) and opened is not None:
        what, brackets = ("list", "[]") if "sequence" in context else ("set of fields", "{}")
        return opened, (f"{_CANNOT_READ}: the {what} opened with '{brackets[0]}' on this line is not closed "
                        f"with '{brackets[1]}' (or one of its items contains ': ' and needs quotes)")
    lines = text.split("\n")
    quote = _unclosed_quote(lines, mark.line) if mark is not None else None
    if quote is not None:
        return quote + first_line, _UNCLOSED_QUOTE
    if mark is not None and mark.line < len(lines) and _text_after_quote(lines[mark.line]):
        return line, (f"{_CANNOT_READ}: this line has text after the closing quote; put the whole text in the "
                      f"quotes, and inside double quotes write \\\" for a quotation mark")
    if "simple key" in context and opened is not None:
        return opened, (f"{_CANNOT_READ}: this line is neither 'field: value' nor part of the text above; "
                        f"add the field name and ': ', or put the whole text in double quotes")
    return line, f"{_CANNOT_READ}: {_explain_problem(problem or context)}"


_UNCLOSED_QUOTE = f"{_CANNOT_READ}: the quote opened on this line is never closed; add the closing quote"
# A value that opens a quote: `key: "...`, `- "...`, `- key: '...`.
_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str], error_index: int) -> int | None:
    """The index of the line whose quote YAML read on to ``error_index``, if one did.

    A quote left open swallows the lines below it until the next quote of its kind (usually the
    opening quote of a later value), and YAML stumbles only there; the mistake is on the opening line.
    """
    for index in range(min(error_index, len(lines) - 1), -1, -1):
        opener = _OPENS_QUOTE.match(lines[index])
        if opener is None or _closing_quote(opener.group(2), opener.group(1)) is not None:
            continue
        for later in range(index + 1, min(error_index, len(lines) - 1) + 1):
            close = _closing_quote(lines[later], opener.group(1))
            if close is not None:
                after = lines[later][close + 1:].strip()
                return index if after and not after.startswith("#") else None
        return index
    return None


def _text_after_quote(line: str) -> bool:
    opener = _OPENS_QUOTE.match(line)
    close = _closing_quote(opener.group(2), opener.group(1)) if opener else None
    if opener is None or close is None:
        return False
    after = opener.group(2)[close + 1:].strip()
    return bool(after) and not after.startswith(("#", ",", "]", "}"))


def _closing_quote(text: str, quote: str) -> int | None:
    """Where ``quote`` closes in ``text`` (escaped quotes skipped), or None."""
    escape = r"\\." if quote == '"' else "''"
    hidden = re.sub(escape, lambda m: "xx", text)
    position = hidden.find(quote)
    return position if position >= 0 else None


def _explain_problem(problem: str) -> str:
    if "\\t" in problem or "tab" in problem:
        return "this line contains a tab; indent with spaces only"
    start = re.search(r"found character '(.+)' that cannot start any token", problem)
    if start:
        return (f"a text cannot start with '{start.group(1)}' unless it is in quotes; put the whole text in "
                f"double quotes")
    if "mapping values are not allowed" in problem:
        return ("this line has ': ' where YAML does not expect it; if it is part of a text, put the whole "
                "text in double quotes")
    if "<stream end>" in problem:
        return ("the YAML ends in the middle of a value; look for a '[', '{' or quote that is never closed")
    if "expected <block end>" in problem or "did not find expected" in problem:
        return ("this line is not indented like the lines around it; line up each field under the one above "
                "it, and start each new item with '- '")
    return (f"{problem or 'unexpected text'}; check the indentation (spaces, not tabs) and put quotes around "
            f"text that contains ': ' or ' #'")


# ------------------------------------------------------------------------- validation errors

@dataclass(frozen=True)
class Subject:
    """What is being checked, as messages name it: a whole file ("briefing") or one entry of a list file."""

    noun: str
    label: str | None = None  # the entry: "entity 'pta'", or "the entity at line 7" when it has no usable id

    @property
    def owner(self) -> str:
        return self.label or f"the {self.noun}"


def validate_fields(
    model: Type[BaseModel],
    loaded: LoadedYaml,
    path: str,
    problems: Problems,
    noun: str,
    *,
    at: YamlPath = (),
    name_key: str | None = None,
) -> BaseModel | None:
    """Validates the value at ``at`` in ``loaded`` with ``model``; every problem becomes ``path:line: message``.

    ``noun`` names what the value is ("briefing", "entity"). With ``name_key`` the value is one entry of a
    list file and messages name it by that field ("entity 'pta'"). Keys given twice were dropped by the
    loader (the first is kept); they are reported here, with the name of the entry they belong to.
    """
    data = _value_at(loaded.data, at)
    try:
        result, errors = model.model_validate(data), []
    except ValidationError as exc:
        result, errors = None, exc.errors()
    subject = Subject(noun, _entry_label(noun, data, name_key, errors, loaded.line_of(at)) if name_key else None)
    for issue in loaded.issues:
        if issue.path[: len(at)] == at:
            problems.add(path, issue.line, explain_issue(issue, subject, at))
    for error in errors:
        loc = tuple(error["loc"])
        problems.add(path, loaded.line_of(at + loc), explain_error(model, error, subject, loaded.raw.get(at + loc)))
    return result


def _value_at(data: Any, at: YamlPath) -> Any:
    for part in at:
        data = data[part]
    return data


def _entry_label(noun: str, data: Any, name_key: str, errors: list, line: int | None) -> str:
    """``entity 'pta'``, or ``the entity at line 7`` when the entry has no usable id."""
    value = data.get(name_key) if isinstance(data, dict) else None
    if isinstance(value, str) and value.strip() and not any(tuple(e["loc"]) == (name_key,) for e in errors):
        return f"{noun} '{value.strip()}'"
    return f"the {noun} at line {line}"


def explain_issue(issue: YamlIssue, subject: Subject, at: YamlPath = ()) -> str:
    """A structural problem the loader found in a mapping (a key given twice, a key that is not text)."""
    owner = _where(issue.path[len(at):], subject)
    if issue.kind == "duplicate-key":
        return f"{owner} gives the field '{issue.key}' twice (first at line {issue.first_line}); keep only one"
    if issue.kind == "merge-key":
        return (f"{owner} has '<<', which would copy in the fields of another entry; this file does not "
                f"support it, so write those fields out in full")
    return (f"{owner} has a field name that is not plain text; write each field as a word followed by ': ', "
            f"e.g. 'name: ...'")


_NOTHING_WORDS = frozenset({"none", "nil", "n/a", "na", "-", "nothing", "empty"})


def explain_error(model: Type[BaseModel], error: dict, subject: Subject, raw: str | None = None) -> str:
    """Turns one pydantic error into a sentence a non-programmer can act on.

    ``raw`` is the value as written in the file when YAML read it as something other than text
    (``yes``, ``2024``, ``1.0``), so the message can show it and the quotes that make it text.
    """
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    where = _where(loc, subject)
    if kind == "missing":
        return _missing(loc, subject, value)
    if kind == "extra_forbidden":
        return _unknown_field(model, loc, subject)
    if value is None and kind in _EMPTY_KINDS:
        return _empty(model, loc, where, kind, error)
    if kind == "literal_error":
        return _not_allowed(loc, subject, where, _shown(value, raw), error)
    if kind == "string_pattern_mismatch":
        return _wrong_form(where, str(value), error.get("ctx", {}).get("pattern", ""))
    if kind == "too_short" and isinstance(value, list):
        return f"{where} is empty; list at least one"
    if kind == "string_too_short":
        return _empty(model, loc, where, kind, error)
    if kind == "value_error":
        return f"{where}: {error.get('ctx', {}).get('error', error['msg'])}"
    if kind == "string_type":
        return _not_text(where, value, raw)
    if kind == "list_type":
        if isinstance(value, str) and value.strip().casefold() in _NOTHING_WORDS:
            return f"{where} must be a list, not {_describe(value, raw)}; for none, write {_field_name(loc)}: [] or leave it out"
        example = value if isinstance(value, str) else "first, second"
        return (f"{where} must be a list, not {_describe(value, raw)}; write {_field_name(loc)}: [{example}] "
                f"or one '- item' per line below it")
    if kind in _EXPECTED:
        return f"{where} must be {_EXPECTED[kind]}, not {_describe(value, raw)}"
    return f"{where} is not valid ({error['msg']})"


_EXPECTED = {
    "bool_type": "true or false", "bool_parsing": "true or false",
    "dict_type": "a set of 'key: value' lines", "model_type": "a set of 'key: value' lines",
    "model_attributes_type": "a set of 'key: value' lines",
    "float_type": "a number in plain digits", "float_parsing": "a number in plain digits",
    "finite_number": "a number in plain digits",
    "int_type": "a whole number", "int_parsing": "a whole number",
}
_EMPTY_KINDS = {"string_type", "list_type", "literal_error", *_EXPECTED}


def _where(loc: tuple, subject: Subject) -> str:
    """``'claimant' in item 1 of 'claims'``, followed by ``of entity 'pta'`` for an entry of a list file."""
    phrase = path_phrase(loc)
    if not phrase:
        return subject.owner
    return f"{phrase} of {subject.label}" if subject.label else phrase


def path_phrase(loc: tuple) -> str:
    """``("claims", 0, "statement")`` -> 'statement' in item 1 of 'claims'."""
    if not loc:
        return ""
    inner = path_phrase(loc[:-1])
    part = f"item {loc[-1] + 1}" if isinstance(loc[-1], int) else f"'{loc[-1]}'"
    if not inner:
        return part
    return f"{part} of {inner}" if isinstance(loc[-1], int) else f"{part} in {inner}"


def _field_name(loc: tuple) -> str:
    return next((str(part) for part in reversed(loc) if not isinstance(part, int)), "items")


def _missing(loc: tuple, subject: Subject, given: Any) -> str:
    name = str(loc[-1]) if loc else "?"
    hint = ""
    if name == "id":
        title = next((given[k] for k in ("name", "title", "label") if isinstance(given, dict)
                      and isinstance(given.get(k), str) and given[k].strip()), None)
        hint = " with a short lower-case id" + (f" such as '{suggest_id(title)}'" if title else "")
    return f"{_where(loc[:-1], subject)} has no '{name}'; add a line '{name}: ...'{hint}"


def _unknown_field(model: Type[BaseModel], loc: tuple, subject: Subject) -> str:
    name = str(loc[-1])
    known = list(_fields_at(model, loc[:-1]))
    guess = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean '{guess[0]}'?" if guess else f"the allowed fields are: {', '.join(known)}"
    return f"{_where(loc[:-1], subject)} has an unknown field '{name}'; {hint}"


def _empty(model: Type[BaseModel], loc: tuple, where: str, kind: str, error: dict) -> str:
    if kind == "list_type":
        advice = "list at least one"
    elif kind == "literal_error":
        advice = f"use one of: {', '.join(_allowed(error))}"
    else:
        advice = "fill it in"
    if len(loc) >= 2 and loc[-2] == "articles" and isinstance(loc[-1], int):
        # a sidecar's articles are matched to the file's by position: removing one moves the rest
        advice = "for an article that needs no fields write '- {}' (removing the item would move the entries below it onto the wrong articles)"
    elif loc and isinstance(loc[-1], int):
        advice += " or remove the item"
    elif not _required(model, loc):
        advice += " or remove the line"
    return f"{where} is empty; {advice}"


def _not_allowed(loc: tuple, subject: Subject, where: str, shown: str, error: dict) -> str:
    allowed = _allowed(error)
    guess = difflib.get_close_matches(shown, allowed, n=1, cutoff=0.6)
    rest = f"which is not allowed; use one of: {', '.join(allowed)}"
    rest += f" (did you mean '{guess[0]}'?)" if guess else ""
    if loc and not isinstance(loc[-1], int):
        return f"{_where(loc[:-1], subject)} has {loc[-1]} '{shown}', {rest}"
    return f"{where} is '{shown}', {rest}"


def _allowed(error: dict) -> list[str]:
    return re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))


def _wrong_form(where: str, value: str, pattern: str) -> str:
    if pattern == DATE_PATTERN:
        return f"{where} is '{value}'; write a date as YYYY-MM-DD, YYYY-MM or YYYY"
    if pattern == SLUG_PATTERN and len(value) > 80:
        return f"{where} is {len(value)} characters long; an id has at most 80, e.g. '{suggest_id(value)}'"
    if pattern in (SLUG_PATTERN, REGISTRY_ID_PATTERN):
        return (f"{where} is '{value}', which is not a valid id; use only lower-case letters a-z, digits and "
                f"single hyphens, e.g. '{suggest_id(value)}'")
    if pattern == URL_PATTERN:
        return f"{where} must be a web address starting with https:// or http://"
    if pattern == ABBREVIATION_PATTERN:
        return (f"{where} is '{value}', which is not an abbreviation; use up to 20 letters, digits and "
                f"@ & . / + - (no spaces or brackets), e.g. 'PTA' or 'P@SHA'")
    if pattern == LANGUAGE_PATTERN:
        return f"{where} is '{value}', which is not a language code; write a code such as 'en' or 'ur'"
    return f"{where} is '{value}', which is not in the expected form"


def _not_text(where: str, value: Any, raw: str | None) -> str:
    if raw is not None:
        return (f"{where} must be text, but YAML reads {raw} as {_yaml_kind(value)}; put it in quotes: "
                f"\"{raw}\"")
    return f"{where} must be text, not {_describe(value, raw)}"


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    return f"a value of type {type(value).__name__}"


def _describe(value: Any, raw: str | None) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, bool):
        return f"the yes/no value {raw or str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {raw or value}"
    return f"'{value}'"


def _shown(value: Any, raw: str | None) -> str:
    return raw if raw is not None else str(value)


def suggest_id(text: str) -> str:
    """A valid id made from ``text``: ``PAFLA_org`` -> ``pafla-org``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-")
    return slug or "my-id"


def _required(model: Type[BaseModel], loc: tuple) -> bool:
    field = _fields_at(model, loc[:-1]).get(loc[-1]) if loc else None
    return field is None or field.is_required()


def _fields_at(model: Type[BaseModel], loc: tuple) -> dict:
    """The fields of the model found at ``loc`` (list indexes skipped); empty when there is none."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return {}
        args = getattr(field.annotation, "__args__", ())
        current = next((a for a in (field.annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if current is None:
            return {}
    return current.model_fields
