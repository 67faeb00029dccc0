"""Diagnostics: problems found in course files, each tied to a file and a line.

Every problem an instructor can cause is reported as ``path:line: subject: problem. Hint.``
The loader and the validator collect them in a :class:`Report` instead of stopping at the
first one, so a single run lists everything that needs fixing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    """How serious a diagnostic is. Warnings become fatal with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one place."""

    path: str
    """Path of the file, relative to the project root (POSIX separators)."""
    line: int
    """1-based line number; 0 when the problem concerns the whole file."""
    subject: str
    """What the problem is about, e.g. ``question 'fusion-q3'``."""
    message: str
    """What is wrong, as a sentence."""
    hint: str = ""
    """What to do about it, as a sentence (may be empty)."""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """Render as ``path:line: subject: problem. Hint.``, always one line.

        Text quoted from a course file may hold line breaks or control characters (a key such as
        `"\\n"`); they are shown escaped, so a diagnostic never spans lines.
        """
        return _one_line(self._format())

    def _format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if not where:
            return f"{self.severity.value}: {_sentence(self.message)}" + (
                f" {_sentence(self.hint)}" if self.hint else ""
            )
        text = _sentence(self.message)
        if self.hint:
            text += " " + _sentence(self.hint)
        prefix = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        subject = f"{self.subject}: " if self.subject else ""
        return f"{where}: {prefix}{subject}{text}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _one_line(text: str) -> str:
    return _CONTROL.sub(
        lambda m: repr(m.group(0))[1:-1] if m.group(0) in "\n\r\t" else f"\\u{ord(m.group(0)):04x}",
        text,
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


@dataclass
class Report:
    """A collection of diagnostics from one run."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False, compare=False)
    _sorted: dict[Severity, list[Diagnostic]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _sorted_key: tuple = field(default=(), repr=False, compare=False)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record a diagnostic, ignoring exact duplicates (a set: a large course has thousands)."""
        if len(self._seen) != len(self.items):  # `items` was changed directly
            self._seen = set(self.items)
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def _by(self, severity: Severity) -> list[Diagnostic]:
        """The diagnostics of one severity in file and line order (sorted once per change: thousands
        are asked for often)."""
        key = (id(self.items), len(self.items), id(self.items[-1]) if self.items else 0)
        if self._sorted_key != key:
            self._sorted = {}
            self._sorted_key = key
        if severity not in self._sorted:
            self._sorted[severity] = sorted(
                (d for d in self.items if d.severity is severity), key=_order
            )
        return list(self._sorted[severity])

    def error(self, path: str, line: int, subject: str, message: str, hint: str = "") -> None:
        """Record an error."""
        self.add(Diagnostic(path, line, subject, message, hint, Severity.ERROR))

    def warning(self, path: str, line: int, subject: str, message: str, hint: str = "") -> None:
        """Record a warning (fatal under ``--strict``)."""
        self.add(Diagnostic(path, line, subject, message, hint, Severity.WARNING))

    def info(self, path: str, line: int, subject: str, message: str, hint: str = "") -> None:
        """Record a note that never fails a build."""
        self.add(Diagnostic(path, line, subject, message, hint, Severity.INFO))

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors, in file and line order."""
        return self._by(Severity.ERROR)

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings, in file and line order."""
        return self._by(Severity.WARNING)

    @property
    def infos(self) -> list[Diagnostic]:
        """The notes, in file and line order."""
        return self._by(Severity.INFO)

    def failed(self, strict: bool = False) -> bool:
        """Whether the run must fail: any error, or any warning when strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def lines(self) -> list[str]:
        """Every diagnostic formatted, errors first, then warnings, then notes."""
        return [d.format() for d in self.errors + self.warnings + self.infos]

    def summary(self, strict: bool = False) -> str:
        """One line counting errors and warnings."""
        e, w = len(self.errors), len(self.warnings)
        parts = [_plural(e, "error"), _plural(w, "warning")]
        verdict = "failed" if self.failed(strict) else "ok"
        tail = " (warnings are fatal with --strict)" if strict and w and not e else ""
        return f"{verdict}: {', '.join(parts)}{tail}"


def _order(d: Diagnostic) -> tuple:
    """The dataclass order of a diagnostic, as one key (sorting thousands compares much faster)."""
    return (d.path, d.line, d.subject, d.message, d.hint, d.severity)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class CourseError(Exception):
    """Raised when a course cannot be built; carries the full report."""

    def __init__(self, report: Report, strict: bool = False):
        self.report = report
        self.strict = strict
        super().__init__("\n".join(report.lines() + [report.summary(strict)]))


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A ``Did you mean 'x'?`` hint for a misspelt name, or an empty string."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'?" if close else ""


def relpath(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with POSIX separators, or as given if outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
