"""YAML and front matter, loaded with the line of every key and list item.

Contributors edit YAML by hand, so every problem must point at a line. PyYAML's node tree
knows where each node starts; we construct plain Python values from it and keep a map from
each value's path (``("claims", 0, "claimant")``) to its 1-based line. This is the one loader for
every hand-edited YAML file (front matter, sidecars, figure groups, the registry); ``explain.py``
words what goes wrong.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from build_tools.parse.explain import ALIASES_REPEAT_TOO_MUCH, NESTED_TOO_DEEPLY, explain_yaml_error

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlIssue:
    """A mapping the loader read but had to repair: a key given twice (the first is kept), a key that is
    not text (dropped) or a merge key ``<<: *name`` (not merged). Reported with the rest of the file's problems, so one mistake does not hide others."""

    path: YamlPath  # the mapping's path
    line: int
    kind: Literal["duplicate-key", "key-not-text", "merge-key"]
    key: str | None = None
    first_line: int | None = None  # duplicate-key: where the key was first given


@dataclass
class LoadedYaml:
    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)
    # The text as written of each scalar that YAML read as something other than text (``yes``, ``2024``,
    # ``1.0``, an empty value), so a message can quote it.
    raw: dict[YamlPath, str] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)

    def line_of(self, path: YamlPath, default: int | None = None) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


# libyaml's parser when PyYAML was built with it (several times faster; nodes keep their marks).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _without_timestamps(loader: type) -> type:
    """Keeps timestamps as strings, so dates are parsed once, by our date code."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return loader


_FastLoader = _without_timestamps(type("_FastLoader", (_BaseLoader,), {}))
# PyYAML's own parser explains errors better ("expected ',' or ']', but got ':'"); bad YAML is rare,
# so it is used only to word the message once the fast parser has failed.
_ExplainingLoader = _without_timestamps(type("_ExplainingLoader", (yaml.SafeLoader,), {}))


def load_yaml(text: str, first_line: int = 1) -> LoadedYaml:
    """Loads one YAML document; ``first_line`` is the file line the text starts on."""
    try:
        return _load(_FastLoader, text, first_line)
    except yaml.YAMLError:
        pass
    except RecursionError:
        raise YamlSyntaxError(first_line, NESTED_TOO_DEEPLY) from None
    try:
        return _load(_ExplainingLoader, text, first_line)
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(*explain_yaml_error(exc, text, first_line)) from None
    except RecursionError:
        raise YamlSyntaxError(first_line, NESTED_TOO_DEEPLY) from None


def _load(loader_class: type, text: str, first_line: int) -> LoadedYaml:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(None, {(): first_line})
        builder = _Builder(loader, first_line, most_values=2 * len(text) + 100)
        builder.result.data = builder.value(node, ())
        return builder.result
    finally:
        loader.dispose()


@dataclass
class _Builder:
    """Builds plain values from a node tree into ``result``, with the line of each, the text as written of
    non-text scalars, and the keys it had to repair."""

    loader: yaml.SafeLoader
    first_line: int
    # Written out, every value takes at least a character; only aliases (*name) repeating lists of lists
    # make more values than that, and a few lines of them can make billions.
    most_values: int
    result: LoadedYaml = field(default_factory=lambda: LoadedYaml(None))

    def value(self, node: yaml.Node, path: YamlPath) -> Any:
        self.result.lines[path] = node.start_mark.line + self.first_line
        if len(self.result.lines) > self.most_values:
            raise YamlSyntaxError(self.first_line, ALIASES_REPEAT_TOO_MUCH)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        value = self.loader.construct_object(node, deep=True)
        if not isinstance(value, str):
            self.result.raw[path] = node.value
        return value

    def mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + self.first_line
            if key_node.tag == _MERGE_TAG:
                # Not merged: nested merges of one anchor double at each level (26 lines make 67 million
                # fields, faster than any count can stop), and merged fields would come before the ones
                # written beside them, so a field given twice would keep the wrong value.
                self.result.issues.append(YamlIssue(path, line, "merge-key"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.result.issues.append(YamlIssue(path, line, "key-not-text"))
                continue
            # As written: `yes:` is the field 'yes', not True.
            key = key_node.value
            if key in mapping:
                first = self.result.lines[path + (key,)]
                self.result.issues.append(YamlIssue(path, line, "duplicate-key", key, first))
                continue
            mapping[key] = self.value(value_node, path + (key,))
            self.result.lines[path + (key,)] = line
        return mapping


@dataclass
class FrontMatterDocument:
    meta: LoadedYaml
    body: str
    body_line: int  # file line of the first body line


class FrontMatterError(ValueError):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


def split_front_matter(text: str) -> FrontMatterDocument:
    """Splits ``---`` YAML front matter from a Markdown body. The front matter must be a mapping."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "the file must start with a line '---', then the front matter, then '---'")
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(1, "the front matter opened with '---' on line 1 is never closed; add a line '---' after it")
    try:
        meta = load_yaml("\n".join(lines[1:i]), first_line=2)
    except YamlSyntaxError as exc:
        raise FrontMatterError(exc.line, exc.message) from None
    if not isinstance(meta.data, dict):
        raise FrontMatterError(2, "the front matter must be a list of 'key: value' lines")
    return FrontMatterDocument(meta, "\n".join(lines[i + 1 :]), i + 2)
