"""Read YAML course files into plain data, keeping the line of every key and item.

PyYAML's ``compose`` gives every node a ``start_mark``; we build the Python values from the
node tree ourselves so that each value's key path maps to its source line. That map lets
schema errors, which pydantic reports by key path, name the line an instructor must edit.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report

KeyPath = tuple[Any, ...]

#: Files larger than this are refused: no course file comes near it, and a huge file is
#: more likely a mistake (or an attack) than a lesson.
MAX_FILE_BYTES = 2_000_000
#: Deeper nesting than this is refused for the same reason.
MAX_DEPTH = 60


@dataclass
class Document:
    """One YAML file: its data and the line of every key path in it."""

    path: str
    """Path relative to the project root."""
    data: Any
    """The parsed value (usually a dict)."""
    lines: dict[KeyPath, int] = field(default_factory=dict)
    """Map from key path (keys and list indexes) to a 1-based line number."""
    text_starts: dict[KeyPath, int] = field(default_factory=dict)
    """Map from key path of a text value to the line where its text begins."""
    digest: str = ""
    """SHA-256 of the bytes that were read (the check cache's key for this file)."""

    def line(self, path: KeyPath) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Reject(Exception):
    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


#: Characters YAML does not allow in a file (the same set PyYAML's reader refuses).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def load_document(file: Path, display: str, report: Report) -> Document | None:
    """Load one YAML file; on failure record diagnostics in ``report`` and return None."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        report.error(
            display,
            0,
            "",
            f"cannot read the file ({exc.strerror})",
            "Check that it exists and is readable",
        )
        return None
    if len(raw) > MAX_FILE_BYTES:
        report.error(
            display,
            0,
            "",
            f"the file is {len(raw):,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
            "Split it into smaller files",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.error(
            display,
            line,
            "",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "Save it as UTF-8 in your editor",
        )
        return None
    text = text.removeprefix("\ufeff")
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        report.error(
            display,
            line,
            "",
            f"the file contains an invisible control character (U+{ord(bad.group(0)):04X}) at "
            f"column {column}",
            "Delete it; such characters are often left by copying from another program",
        )
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        report.error(display, 1, "", "the file is empty", "Add content, or delete the file")
        return None
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or str(exc)
        hint = "Check the indentation and quoting on this line"
        if "\t" in problem or "'\\t'" in problem:
            problem, hint = (
                "a tab character is used for indentation",
                "YAML allows only spaces: replace the tab with spaces",
            )
        elif "mapping values are not allowed" in problem:
            hint = "A value that contains ': ' must be quoted, or written as a block with '|'"
        report.error(display, line, "", f"invalid YAML: {problem}", hint)
        return None
    except yaml.YAMLError as exc:
        report.error(display, 1, "", f"invalid YAML: {exc}", "Check the file's syntax")
        return None
    except RecursionError:  # PyYAML's parser recurses once per level of [ or { nesting
        report.error(display, 1, "", "the file is nested too deeply", "Flatten the structure")
        return None
    if node is None:
        report.error(display, 1, "", "the file is empty", "Add content, or delete the file")
        return None
    doc = Document(display, None, digest=hashlib.sha256(raw).hexdigest())
    try:
        doc.data = _build(node, (), doc, SafeConstructor(), 0)
    except _Reject as exc:
        report.error(display, exc.line, "", exc.message, exc.hint)
        return None
    except RecursionError:
        report.error(display, 1, "", "the file is nested too deeply", "Flatten the structure")
        return None
    doc.lines.setdefault((), 1)
    return doc


def _build(node: Node, path: KeyPath, doc: Document, ctor: SafeConstructor, depth: int) -> Any:
    lines = doc.lines
    if depth > MAX_DEPTH:
        raise _Reject(
            node.start_mark.line + 1, "the file is nested too deeply", "Flatten the structure"
        )
    if isinstance(node, ScalarNode):
        # A block scalar ('|' or '>') starts its text on the line after the indicator.
        doc.text_starts[path] = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
        if node.tag == _STR_TAG:
            value = node.value  # what SafeConstructor returns for a string, without its bookkeeping
            # An escaped NUL ("\0", "\u0000") has no place in HTML: U+FFFD, as browsers and
            # CommonMark do.
            return value.replace("\x00", "\ufffd") if "\x00" in value else value
        try:
            return ctor.construct_object(node, deep=True)
        except (
            yaml.YAMLError,
            ValueError,
            OverflowError,
        ) as exc:  # e.g. the date 2024-13-45 raises ValueError
            raise _Reject(
                node.start_mark.line + 1,
                f"invalid value: {getattr(exc, 'problem', exc)}",
                "Quote the value to keep it as text",
            ) from None
    if isinstance(node, SequenceNode):
        items: list[Any] = []
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            items.append(_build(item, path + (i,), doc, ctor, depth + 1))
        return items
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(
                    line, "merge keys ('<<') are not supported", "Write the keys out in full"
                )
            if not isinstance(key_node, ScalarNode):
                raise _Reject(
                    line, "a key must be plain text", "Remove the brackets or braces around the key"
                )
            try:
                key = (
                    key_node.value
                    if key_node.tag == _STR_TAG
                    else ctor.construct_object(key_node, deep=True)
                )
            except (yaml.YAMLError, ValueError, OverflowError):
                raise _Reject(
                    line, f"the key '{key_node.value}' is not valid", "Write the key as plain text"
                ) from None
            if isinstance(key, bool) or key is None:
                key = key_node.value  # `yes:`, `no:`, `on:` and `~:` stay the text the author typed
            if key in out:
                raise _Reject(
                    line,
                    f"the key '{key}' appears twice in this mapping",
                    f"Keep one '{key}' (the first is on line {lines[path + (key,)]})",
                )
            lines[path + (key,)] = line
            out[key] = _build(value_node, path + (key,), doc, ctor, depth + 1)
        return out
    raise _Reject(node.start_mark.line + 1, "unsupported YAML node", "")  # pragma: no cover


class _Composer(yaml.SafeLoader):
    """A SafeLoader that refuses aliases, so a small file cannot expand into a huge one."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors and aliases ('&name', '*name') are not supported; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


_STR_TAG = "tag:yaml.org,2002:str"
#: libyaml's composer (PyYAML's C extension) is about 40 times faster than the pure-Python one.
_CLoader = getattr(yaml, "CSafeLoader", None)


def compose(text: str) -> Node | None:
    """Compose YAML text into a node tree, refusing aliases.

    The fast path uses libyaml when PyYAML has it and the text composes cleanly without an
    alias. Anything else (a syntax error, an alias, no libyaml) goes through the pure-Python
    composer, so errors and the alias refusal read exactly as before.
    """
    if _CLoader is not None:
        try:
            node = yaml.compose(text, Loader=_CLoader)
        except yaml.YAMLError:
            pass
        else:
            if node is None or "*" not in text or not _shares_nodes(node):  # an alias needs a '*'
                return node
    return yaml.compose(text, Loader=_Composer)


def _shares_nodes(root: Node) -> bool:
    """True if a node appears twice in the tree: how libyaml represents an alias."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return False
