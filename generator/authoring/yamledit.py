"""Edit an instructor's YAML file as data while keeping its comments, quoting and layout.

ruamel.yaml's round-trip mode reads a file into maps and lists that remember their comments
and styles. A file is read with the indentation and line width that reproduce it best; after
an edit only the lines the edit changed are put back into the original text (a line diff of
the re-written file before and after the edit), so anything the round trip would have
re-flowed elsewhere stays exactly as the instructor wrote it.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable, Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

#: (sequence indent, dash offset, line width) tried in order; the first that reproduces the file
# wins.
_LAYOUTS = [(4, 2, 4096), (2, 0, 4096), (4, 2, 80), (2, 0, 80), (4, 2, 100)]


def _yaml(seq: int, off: int, width: int) -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = width
    y.indent(mapping=2, sequence=seq, offset=off)
    return y


class YamlDoc:
    """One YAML file loaded for editing: ``data`` is the live tree; :meth:`text` is the file after
    edits."""

    def __init__(self, text: str):
        self.original = text
        best: tuple[int, YAML, str] | None = None
        for layout in _LAYOUTS:
            y = _yaml(*layout)
            dumped = self._dump(y, y.load(text))
            cost = sum(
                1
                for op in difflib.SequenceMatcher(
                    None, text.splitlines(), dumped.splitlines(), autojunk=False
                ).get_opcodes()
                if op[0] != "equal"
            )
            if best is None or cost < best[0]:
                best = (cost, y, dumped)
            if cost == 0:
                break
        assert best is not None
        self.yaml = best[1]
        self.base = best[2]
        self.data: Any = self.yaml.load(text)

    @staticmethod
    def _dump(y: YAML, data: Any) -> str:
        out = io.StringIO()
        y.dump(data, out)
        return out.getvalue()

    def text(self) -> str:
        """The file with the edits made to :attr:`data`, every other line as it was."""
        new = self._dump(self.yaml, self.data)
        if self.base == self.original:
            return new
        base, orig, after = (
            self.base.splitlines(True),
            self.original.splitlines(True),
            new.splitlines(True),
        )
        # Map each line of the re-written file to the original line it reproduces (if any).
        where: dict[int, int] = {}
        for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(
            None, base, orig, autojunk=False
        ).get_opcodes():
            if tag == "equal":
                where.update({i1 + k: j1 + k for k in range(i2 - i1)})
        out = list(orig)
        for tag, i1, i2, j1, j2 in reversed(
            difflib.SequenceMatcher(None, base, after, autojunk=False).get_opcodes()
        ):
            if tag == "equal":
                continue
            if i1 == i2:  # an insertion: after the original of the line before it
                at = where.get(i1 - 1, -1) + 1 if i1 > 0 else 0
                if i1 > 0 and (i1 - 1) not in where:
                    return new
                out[at:at] = after[j1:j2]
                continue
            found = [where.get(i) for i in range(i1, i2)]
            lines = [n for n in found if n is not None]
            if len(lines) != len(found) or lines != list(range(lines[0], lines[0] + len(lines))):
                return new  # the edit touches lines the round trip re-flowed: accept its layout
            out[lines[0] : lines[-1] + 1] = after[j1:j2]
        return "".join(out)


def walk_strings(node: Any, edit: Callable[[str], str]) -> int:
    """Replace every string value under ``node`` by ``edit(value)``, keeping block styles; count
    changes."""
    changed = 0
    items: Iterator[tuple[Any, Any]]
    if isinstance(node, CommentedMap):
        items = iter(list(node.items()))
    elif isinstance(node, CommentedSeq):
        items = iter(list(enumerate(node)))
    else:
        return 0
    for key, value in items:
        if isinstance(value, str):
            new = edit(value)
            if new != value:
                node[key] = type(value)(new) if isinstance(value, ScalarString) else new
                changed += 1
        else:
            changed += walk_strings(value, edit)
    return changed


def remove_item(seq: list[Any], item: object) -> None:
    """Remove ``item`` from a YAML list; a list left empty is written `[]` (a block list cannot be
    empty)."""
    seq.remove(item)
    if not seq and isinstance(seq, CommentedSeq):
        seq.fa.set_flow_style()
