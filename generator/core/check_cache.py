"""The check cache: a warm `course check` answers from the last run when only some files changed.

A full check parses every file and runs every rule across the course. Most edits change one
lesson's prose, which no rule outside that lesson reads except through its links. So each run
records, in plain JSON under ``.course-cache/`` (never pickle: a cache file is data, and a
course folder may come from anyone):

- for every file: the SHA-256 of its bytes, the problems found while loading it, and its
  *projection* (:func:`projection`): the file's data with each lesson and page section body
  replaced by what the rules read from it, the targets of its `lesson:`/`page:` links. A body
  that holds anything else a rule looks at (HTML, an image, an entity, a script URL, an
  attribute list) is kept whole;
- every problem the course-wide rules found, with the key path it was reported at (see
  :class:`generator.core.course.Line`);
- what else the rules read: the date, the files under ``docs/`` (media), ``mkdocs.yml``, and a
  fingerprint of the generator itself (its code, strings and library versions).

On the next run the files are hashed. If none changed, the last report is the answer. If some
changed, only those are parsed and shape-checked; when each one's projection is unchanged, the
course-wide rules would find exactly what they found before, at the same key paths, so their
problems are reused and moved to the lines those key paths now have. Anything else (a changed
id, title, link target, question, a file added or removed, a problem whose message quotes a line
of a changed file, a file that no longer loads) runs the full check, which writes a new cache.

The cache is only ever used by `course check`: builds always run the full check, so a forged
cache file can at most change what `check` prints, never what learners get. A cache that is
missing, truncated, corrupt, from another generator or unreadable is ignored and rewritten;
it is written to a temporary file and moved into place, so two runs at once leave one whole
cache behind.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .course import Course, Line, _display, _load_model, course_files, text_line
from .diagnostics import Diagnostic, Report, Severity
from .layout import Project
from .mdlinks import course_links, link_destinations

#: Bump when the layout of the cache file changes.
FORMAT = 1
#: Folder, relative to the project root (it holds its own `.gitignore`).
CACHE_DIR = ".course-cache"
CACHE_FILE = "check.json"
#: Above this share of changed files, the full check is about as quick and needs no bookkeeping.
MAX_CHANGED_SHARE = 0.25

#: Body text with any of these may be read by a rule other than the link check (the sanitiser
#: check, the media check, the raw-HTML script check, the maths check): such a body is kept whole in
#: the projection.
_READ_WHOLE = ("<", "&", "{", "]:", "![", "$", "\\")
#: The same, compared without case (script and data URLs).
_READ_WHOLE_FOLDED = ("javascript", "vbscript", "data:")
#: `path:line` inside a message or hint: a problem that quotes another place's line.
_QUOTED_PLACE = re.compile(r"([^\s'\"(]+\.ya?ml):\d+")


# --------------------------------------------------------------------------- keys


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A hash of the generator's code and strings and of the libraries that parse and validate."""
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    def of(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    # Read from the installed metadata: importing Python-Markdown only for its version would cost
    # more than the check.
    libraries = "|".join(
        of(name)
        for name in ("pydantic", "pydantic-core", "PyYAML", "Markdown", "markdown-it-py", "nh3")
    )
    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}|{libraries}".encode())
    package = Path(__file__).resolve().parent.parent
    for src in sorted(package.rglob("*")):
        if src.suffix in (".py", ".json") and src.is_file():
            h.update(src.relative_to(package).as_posix().encode())
            h.update(src.read_bytes())
    return h.hexdigest()


def context_key(project: Project, config_file: str = "mkdocs.yml") -> str:
    """What the rules read besides the course files: today's date, `docs/`, `mkdocs.yml`."""
    h = hashlib.sha256(_dt.date.today().isoformat().encode())
    cfg = project.root / config_file
    h.update(cfg.read_bytes() if cfg.is_file() else b"-")
    docs = project.root / "docs"
    for folder, dirs, files in sorted(os.walk(docs)):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder, name)
            h.update(f"{path.relative_to(docs).as_posix()}|{path.is_file()}\n".encode())
    return h.hexdigest()


def body_facts(text: Any) -> Any:
    """What the course-wide rules read from a section body (see the module docstring)."""
    if not isinstance(text, str) or any(s in text for s in _READ_WHOLE):
        return text
    folded = text.casefold()
    if any(s in folded for s in _READ_WHOLE_FOLDED):
        return text
    # Every destination, whatever its scheme: the link check reads `lesson:`/`page:` ones, the
    # sanitiser check every other (an `ftp:` link it removes is a warning).
    return ["links", *link_destinations(text)]


def projection(kind: str, data: Any, raw_digest: str = "") -> str:
    """The digest of a file's data as the course-wide rules see it.

    Only lessons and pages have prose the rules read in part; any other file is its bytes
    (``raw_digest``), so every change to it runs the full check.
    """
    if kind not in ("Lesson", "Page") and raw_digest:
        return "bytes:" + raw_digest
    if isinstance(data, dict) and isinstance(data.get("sections"), list):
        data = dict(data)
        data["sections"] = [
            {**s, "body": body_facts(s.get("body"))} if isinstance(s, dict) else s
            for s in data["sections"]
        ]
    return hashlib.sha256(repr(data).encode("utf-8", "surrogatepass")).hexdigest()


def digest(raw: bytes) -> str:
    """The key of a file's bytes."""
    return hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------- (de)serialising
# problems


def _diag_to_json(d: Diagnostic) -> list:
    return [d.path, int(d.line), d.subject, d.message, d.hint, d.severity.value]


def _diag_from_json(item: list) -> Diagnostic:
    path, line, subject, message, hint, severity = item
    if not (
        isinstance(path, str)
        and type(line) is int
        and isinstance(subject, str)
        and isinstance(message, str)
        and isinstance(hint, str)
    ):
        raise ValueError("malformed problem")
    return Diagnostic(path, line, subject, message, hint, Severity(severity))


def _anchor(d: Diagnostic, course: Course) -> list | None:
    """Where a course-wide problem is, as a key path (and link number) that survives line shifts."""
    line = d.line
    if not isinstance(line, Line) or line.file != d.path:
        return None
    if not all(isinstance(p, (str, int)) for p in line.path):
        return None  # e.g. a date as a key: JSON cannot hold it, and the full check handles it
    path = list(line.path)
    if line.offset is None:
        return ["key", path]
    doc = course.documents.get(line.file)
    text = _value_at(doc.data if doc else None, line.path)
    if not isinstance(text, str):
        return None
    offsets = [link.offset for link in course_links(text)]
    return ["link", path, offsets.index(line.offset)] if line.offset in offsets else None


def _value_at(data: Any, path: Iterable[Any]) -> Any:
    for key in path:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def _key_path(path: list) -> tuple:
    if not isinstance(path, list) or not all(isinstance(p, (str, int)) for p in path):
        raise ValueError("malformed key path")
    return tuple(path)


# --------------------------------------------------------------------------- the cache


class Recorder(Report):
    """A report that also keeps every problem added, duplicates included.

    Two problems that read the same at their old lines may be on different lines after an edit,
    so the cache keeps both.
    """

    def __init__(self) -> None:
        super().__init__()
        self.added: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        self.added.append(diagnostic)
        super().add(diagnostic)


class CheckCache:
    """The cache file of one project (see the module docstring)."""

    def __init__(self, project: Project, config_file: str = "mkdocs.yml", *, read: bool = True):
        self.project = project
        self.read = read
        """Whether :meth:`answer` may answer; without it (``--no-cache``) every check is full and
        only refreshes the file."""
        self.path = project.root / CACHE_DIR / CACHE_FILE
        self.config_file = config_file
        self.reason = ""
        """Why the last :meth:`answer` could not answer (for tests and the benchmark)."""
        self.changed: int | None = None
        """When :meth:`answer` answered: how many files it read again."""

    # -- reading

    def answer(self) -> Report | None:
        """The check's report from the cache and the changed files alone, or None (run the full
        check)."""
        if not self.read:
            self.reason = "--no-cache"
            return None
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            self.reason = "no readable cache"
            return None
        try:
            return self._answer(data)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            self.reason = f"the cache is damaged ({exc.__class__.__name__})"
            return None

    def _answer(self, data: Any) -> Report | None:
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("fingerprint") != generator_fingerprint()
        ):
            self.reason = "the cache is from another generator"
            return None
        if data.get("context") != context_key(self.project, self.config_file):
            self.reason = "the date, docs/ or mkdocs.yml changed"
            return None
        root = self.project.root
        listed = course_files(self.project)
        entries = data["files"]
        if len(entries) != len(listed):
            self.reason = "files were added or removed"
            return None
        changed: list[tuple[Path, type, dict]] = []
        new_digest_of: dict[str, str] = {}
        for (file, cls), entry in zip(listed, entries, strict=False):
            # Lexically, not resolved (resolving 2,000 paths is a third of a warm check): a
            # linked folder then reads as a rename, and the full check handles it.
            if (
                file.is_symlink()
                or entry["path"] != file.relative_to(root).as_posix()
                or entry["kind"] != cls.__name__
            ):
                self.reason = "files were added, removed or renamed"
                return None
            try:
                raw = file.read_bytes()
            except OSError:
                self.reason = "a file cannot be read"
                return None
            new_digest = digest(raw)
            if new_digest != entry["digest"]:
                changed.append((file, cls, entry))
                entry["digest"] = new_digest_of[entry["path"]] = new_digest
        if len(changed) > max(1, MAX_CHANGED_SHARE * len(listed)):
            self.reason = "many files changed"
            return None
        course_wide = [(_diag_from_json(item), anchor) for item, anchor in data["course_wide"]]
        quoted = set(data["quoted"])
        fresh = Course(self.project)
        for file, cls, entry in changed:
            own = Report()
            model = _load_model(fresh, file, cls, own)
            display = entry["path"]
            if model is None or not fresh.complete:
                self.reason = f"{display} does not load"
                return None
            doc = fresh.documents[display]
            if projection(cls.__name__, doc.data, new_digest_of[display]) != entry["projection"]:
                self.reason = f"{display} changed what the course-wide rules read"
                return None
            if display in quoted:
                self.reason = f"a problem quotes a line of {display}"
                return None
            entry["load"] = [_diag_to_json(d) for d in own.items]
            for i, (d, anchor) in enumerate(course_wide):
                if d.path != display or not d.line:
                    continue
                if anchor is None:
                    self.reason = f"a problem in {display} cannot be moved to its new line"
                    return None
                course_wide[i] = (_moved(d, anchor, doc), anchor)
        report = Report()
        for entry in entries:
            for item in entry["load"]:
                report.add(_diag_from_json(item))
        for d, _anchor in course_wide:
            report.add(d)
        # Nothing is written back: the next run reads the changed files again (a few milliseconds
        # each) and moves their problems from the same anchors, which costs less than rewriting
        # the cache; the next full check refreshes it.
        self.reason = f"answered from the cache ({len(changed)} changed)"
        self.changed = len(changed)
        return report

    # -- writing

    def store(self, course: Course, load_report: Report, course_report: Report) -> None:
        """Record a full check: its files, its loading problems per file, and the course-wide
        problems."""
        if course.manifest is None or not course.complete:
            self._remove()  # an incomplete course is checked in full every time
            return
        loading: dict[str, list] = {}
        for d in load_report.items:
            loading.setdefault(d.path, []).append(_diag_to_json(d))
        files = []
        for file, cls in course.files:
            display = _display(course, file)
            doc = course.documents.get(display)
            if doc is None or not doc.digest or file.is_symlink():
                self._remove()
                return
            raw_digest = (
                doc.digest
            )  # of the bytes that were checked, even if the file changed since
            files.append(
                {
                    "path": display,
                    "kind": cls.__name__,
                    "digest": raw_digest,
                    "projection": projection(cls.__name__, doc.data, raw_digest),
                    "load": loading.pop(display, []),
                }
            )
        if loading:  # a loading problem outside the course files: nothing to key it on
            self._remove()
            return
        quoted = sorted(
            {
                m.group(1)
                for d in course_report.items
                for text in (d.message + " " + d.hint,)
                if ".yml:" in text or ".yaml:" in text
                for m in _QUOTED_PLACE.finditer(text)
            }
        )
        data = {
            "format": FORMAT,
            "fingerprint": generator_fingerprint(),
            "context": context_key(self.project, self.config_file),
            "files": files,
            "quoted": quoted,
            "course_wide": [
                [_diag_to_json(d), _anchor(d, course)]
                for d in getattr(course_report, "added", course_report.items)
            ],
        }
        self._write(data)

    def _write(self, data: dict) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(
                    "# Written by `course check`; safe to delete.\n*\n", encoding="utf-8"
                )
            fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(
                        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                    )  # dumps: the C encoder
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a cache that cannot be written costs time on the next run, nothing else

    def _remove(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass


def _moved(d: Diagnostic, anchor: list, doc: Any) -> Diagnostic:
    """``d`` at the line its anchor has in the changed file's new ``doc``."""
    kind, path = anchor[0], _key_path(anchor[1])
    if kind == "key":
        line = doc.line(path)
    elif kind == "link":
        text = _value_at(doc.data, path)
        links = course_links(text) if isinstance(text, str) else []
        line = text_line(doc, path, links[anchor[2]].offset, text)
    else:
        raise ValueError("unknown anchor")
    return Diagnostic(d.path, line, d.subject, d.message, d.hint, d.severity)
