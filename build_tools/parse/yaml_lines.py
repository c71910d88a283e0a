"""YAML and front matter, loaded with the line of every key and list item.

Contributors edit YAML by hand, so every problem must point at a line. PyYAML's node tree
knows where each node starts; we construct plain Python values from it and keep a map from
each value's path (``("claims", 0, "claimant")``) to its 1-based line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

YamlPath = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)

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
        raise YamlSyntaxError(first_line, "the YAML is nested too deeply to read") from None
    try:
        return _load(_ExplainingLoader, text, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = (exc.problem or str(exc)).strip()
        raise YamlSyntaxError(line, f"the YAML cannot be read ({problem}); check indentation, colons and quotes") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(first_line, f"the YAML cannot be read ({exc})") from None
    except RecursionError:
        raise YamlSyntaxError(first_line, "the YAML is nested too deeply to read") from None


def _load(loader_class: type, text: str, first_line: int) -> LoadedYaml:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(None, {(): first_line})
        result = LoadedYaml(None)
        result.data = _construct(loader, node, (), result.lines, first_line)
        return result
    finally:
        loader.dispose()


def _construct(loader: yaml.SafeLoader, node: yaml.Node, path: YamlPath, lines: dict, first_line: int) -> Any:
    lines[path] = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise YamlSyntaxError(key_node.start_mark.line + first_line, "a key must be plain text")
            key = str(key)
            if key in result:
                raise YamlSyntaxError(
                    key_node.start_mark.line + first_line,
                    f"the key '{key}' appears twice; keep one",
                )
            result[key] = _construct(loader, value_node, path + (key,), lines, first_line)
            lines[path + (key,)] = key_node.start_mark.line + first_line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, path + (i,), lines, first_line) for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


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
