"""Splitting a dossier file into YAML front-matter and Markdown body.

Besides the values, it records the line of every key and list item
(`key_lines["timeline.0.sources.1"] == 42`), so that later stages can point a
writer at the exact line of a bad reference. A control character, typed or
written as a YAML escape, is refused at its line (site.yaml and the i18n
files are read here too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.content.controls import escape_message, find_controls, first_control
from generator.content.controls import message as control_message
from generator.errors import ExplainerError, Problem

FENCE = "---"
# libyaml's C loader where the installed PyYAML has it: the same values, far faster.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Deeper than any dossier nests (timeline.0.text.id is 4); recursion past it is a hostile file.
MAX_DEPTH = 40
MAX_FRONT_MATTER_CHARS = 256_000


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader whose impossible dates stay text instead of crashing.

    PyYAML raises ValueError for `2024-02-30` while constructing, with no
    line; kept as the text the writer typed, the schema names the line.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
    # Every key as the text the writer typed: `1:`, `true:` or `no:` would
    # otherwise be an int or a bool, and mixed key types crash any sorting.
    data: dict[str, Any] = {}
    yield data
    for key_node, value_node in node.value:
        data[str(key_node.value)] = loader.construct_object(value_node, deep=True)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


@dataclass(frozen=True)
class FrontMatter:
    """A file's front-matter mapping, the line of each key, and the body after it."""

    data: Mapping[str, Any]
    key_lines: Mapping[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # the file line on which the body starts

    def line_of(self, path: str) -> int | None:
        """The line of a dotted key path, or of its nearest ancestor."""
        while path:
            if path in self.key_lines:
                return self.key_lines[path]
            path = path.rpartition(".")[0]
        return None


def parse_front_matter(text: str, path: str) -> FrontMatter:
    """Parse `---`-fenced YAML front-matter; raise ExplainerError on bad YAML or on a
    control character anywhere in the file (see `content.controls`)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    refuse_controls(text, path)
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise ExplainerError.single(
            path, 1, "no front-matter: a dossier starts with a line '---', YAML keys, and '---'"
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)
    except StopIteration:
        raise ExplainerError.single(
            path, 1, "front-matter is not closed: add a line '---' after the YAML keys"
        ) from None
    yaml_text = "\n".join(lines[1:end])
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise ExplainerError.single(
            path, 2, f"front-matter is longer than {MAX_FRONT_MATTER_CHARS:,} characters"
        )
    # The whole text was checked for control characters above: the YAML is not again.
    data, key_lines = parse_yaml_mapping(yaml_text, path, first_line=2, checked=True)
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(data=data, key_lines=key_lines, body=body, body_line=end + 2)


def parse_yaml_mapping(
    yaml_text: str, path: str, first_line: int = 1, *, checked: bool = False
) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML that must be a mapping; return it with the line of every key path.

    The text is composed once (with libyaml where present) and both the values
    and the key lines come from that one node tree. Anchors and aliases are
    refused: a dossier never needs them, and expanding them can blow up.
    `checked`: the caller refused control characters in the text already.
    """
    if not checked:
        refuse_controls(yaml_text, path, first_line)
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is not None:
            key_lines: dict[str, int] = {}
            _record_lines(node, "", key_lines, first_line, path, set())
            data = loader.construct_document(node)
        else:
            key_lines, data = {}, None
    except yaml.YAMLError as exc:
        # libyaml places some errors at the end of the construct; the pure-Python
        # parser names the line the writer has to fix. Only the error path pays for it.
        exc = _python_parser_error(yaml_text) or exc
        raise ExplainerError([_syntax_problem(exc, path, first_line)]) from None
    except RecursionError:
        raise ExplainerError.single(path, first_line, "YAML is nested too deeply") from None
    except (TypeError, ValueError) as exc:
        # e.g. a key that is a list or a mapping: YAML allows it, Python cannot hash it
        raise ExplainerError.single(path, first_line, f"YAML value not allowed: {exc}") from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ExplainerError.single(path, first_line, "expected a mapping of keys to values")
    return data, key_lines


# Where PyYAML notices an unclosed construct is the line after it (the next key, or
# the end): the line to fix is where the construct opened, its "context" mark.
UNCLOSED = {
    "while scanning a simple key": "a line has no ':' after its key: write `key: value`",
    "while scanning a quoted scalar": "a quoted value is not closed: end it with the same quote",
    "while parsing a flow sequence": "a list opened with '[' is not closed: end it with ']'",
    "while parsing a flow mapping": "a map opened with '{' is not closed: end it with '}'",
}


def _syntax_problem(exc: yaml.YAMLError, path: str, first_line: int) -> Problem:
    """The error at the line a writer has to fix, with what to do when that is known."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    hint = ""
    if context in UNCLOSED and context_mark is not None:
        mark, hint = context_mark, f" ({UNCLOSED[context]})"
    elif problem == "mapping values are not allowed here" and mark is not None:
        before = (mark.buffer or "").split("\n")[mark.line][: mark.column] if mark.buffer else ""
        if before.startswith(" ") and ":" not in before:
            hint = " (this key is indented more than the keys around it: align it with them)"
        else:
            hint = " (a value holding ': ' must be quoted: title: \"A: B\")"
    elif "'\\t'" in problem:
        hint = " (indent with spaces, not tabs)"
    line = mark.line + first_line if mark is not None else first_line
    column = mark.column + 1 if mark is not None else None
    return Problem(path, line, f"YAML syntax error: {problem}{hint}", column=column)


def refuse_controls(text: str, path: str, first_line: int = 1) -> None:
    """Raise ExplainerError naming each line of `text` that holds a control character."""
    problems = [
        Problem(path, first_line + line, control_message(char), column=column)
        for line, column, char in find_controls(text)
    ]
    if problems:
        raise ExplainerError(problems)


def _python_parser_error(yaml_text: str) -> yaml.YAMLError | None:
    try:
        yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return exc
    except RecursionError:
        return None  # the first parser's error stands
    return None


def _record_lines(
    node: yaml.Node,
    prefix: str,
    out: dict[str, int],
    offset: int,
    path: str,
    seen: set[int],
    depth: int = 0,
) -> None:
    if depth > MAX_DEPTH:
        raise ExplainerError.single(
            path, node.start_mark.line + offset, f"YAML is nested more than {MAX_DEPTH} levels deep"
        )
    # An alias is the same node object met twice: refuse it before it is expanded.
    if id(node) in seen:
        raise ExplainerError.single(
            path,
            out.get(prefix.rstrip("."), node.start_mark.line + offset),
            "YAML anchors and aliases (&name, *name) are not allowed in front-matter: "
            "write the value out",
        )
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode) and (found := first_control(node.value)):
        # Written as an escape ("\\x00", "\\u0085"): the raw text held none.
        line = node.start_mark.line + offset
        raise ExplainerError.single(path, line, escape_message(found, prefix.rstrip(".")))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise ExplainerError.single(
                    path, line, "a key must be a plain word, not a list or map"
                )
            if key_node.value in keys:
                # YAML keeps the last silently; the writer meant one of them.
                raise ExplainerError.single(
                    path,
                    line,
                    f"duplicate key '{key_node.value}': it is given twice in one mapping",
                )
            keys.add(key_node.value)
            if found := first_control(key_node.value):
                raise ExplainerError.single(path, line, escape_message(found, ""))
            key = f"{prefix}{key_node.value}"
            out[key] = line
            _record_lines(value_node, key + ".", out, offset, path, seen, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}{index}"
            out[key] = item.start_mark.line + offset
            _record_lines(item, key + ".", out, offset, path, seen, depth + 1)


def dump_front_matter(data: Mapping[str, Any], body: str) -> str:
    """Serialise front-matter and body the way writers read them (keys in order)."""
    yaml_text = yaml.safe_dump(
        dict(data), allow_unicode=True, sort_keys=False, width=88, default_flow_style=False
    )
    body = body.strip("\n")
    return f"{FENCE}\n{yaml_text}{FENCE}\n" + (f"{body}\n" if body else "")
