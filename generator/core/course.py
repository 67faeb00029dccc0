"""Load a whole course from disk into typed models, collecting every problem on the way."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .diagnostics import Diagnostic, Report, relpath
from .layout import MANIFEST_NAME, Project, yaml_files
from .loader import Document, load_document
from .schema import Bank, Lesson, Manifest, Model, Page, Resources
from .schema_errors import describe_value, report_schema_error


@dataclass
class Course:
    """A loaded course: every file that parsed, as models, in manifest order."""

    project: Project
    manifest: Manifest | None = None
    lessons: list[Lesson] = field(default_factory=list)
    """Lessons in the manifest's order (lessons missing from it are appended)."""
    pages: list[Page] = field(default_factory=list)
    banks: list[Bank] = field(default_factory=list)
    resources: Resources | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    """Parsed documents by display path, for line look-ups."""
    complete: bool = True
    """False when some file failed to load; cross-file checks are then skipped."""
    files: list[tuple[Path, type[Model]]] = field(default_factory=list, repr=False, compare=False)
    """The files it was loaded from, in order, with their model (:func:`course_files`)."""
    targets: Any = field(default=None, repr=False, compare=False)
    """Link targets, worked out once (:func:`generator.core.links.site_targets`); nothing may change
    a loaded course."""
    _folders: dict[Path, str | None] = field(default_factory=dict, repr=False, compare=False)
    """Each folder's path relative to the project (see :func:`_display`)."""

    def line(self, obj: Model, *keys: Any) -> int:
        """Line of ``obj`` (or of one of its keys) in its source file."""
        doc = self.documents.get(obj._file)
        return Line(doc.line(obj._path + keys), obj._file, obj._path + keys) if doc else 0

    def text_line(self, obj: Model, keys: tuple, offset: int, text: str) -> int:
        """Line of character ``offset`` inside the text value at ``keys`` of ``obj``."""
        doc = self.documents.get(obj._file)
        if not doc:
            return 0
        return Line(
            text_line(doc, obj._path + keys, offset, text), obj._file, obj._path + keys, offset
        )


class Line(int):
    """A line number that remembers the key path (and text offset) it was looked up for.

    The check cache (:mod:`.check_cache`) uses it to move a problem to its new line when an
    edit shifts the lines of a file without changing what the problem is about.
    """

    file: str
    path: tuple
    offset: int | None

    def __new__(
        cls, value: int, file: str = "", path: tuple = (), offset: int | None = None
    ) -> Line:
        line = super().__new__(cls, value)
        line.file, line.path, line.offset = file, path, offset
        return line

    def __reduce__(self) -> tuple:
        return Line, (int(self), self.file, self.path, self.offset)


def text_line(doc: Document, path: tuple, offset: int, text: str) -> int:
    """Line of character ``offset`` inside the text value at key ``path`` of ``doc``."""
    start = doc.text_starts.get(path) or doc.line(path)
    return start + text[:offset].count("\n")


def course_files(project: Project) -> list[tuple[Path, type[Model]]]:
    """Every file a course is loaded from, in loading order, with the model each must fit.

    The manifest comes first even when it is missing (loading reports that).
    """
    files: list[tuple[Path, type[Model]]] = [(project.manifest_file, Manifest)]
    files += [(f, Lesson) for f in yaml_files(project.lessons_path)]
    files += [(f, Page) for f in yaml_files(project.pages_path)]
    if project.resources_file.is_file():
        files.append((project.resources_file, Resources))
    files += [(f, Bank) for f in yaml_files(project.quizzes_path)]
    return files


def load_course(project: Project, report: Report, memo: LoadMemo | None = None) -> Course:
    """Read and shape-check every course file; problems go into ``report``.

    With a ``memo`` (kept between runs by `course serve`), a file whose bytes are unchanged is not
    parsed again: its model, its line map and its problems are the ones from the last run.
    """
    course = Course(project)
    root = project.root
    if memo is not None:
        memo.parsed = 0
    course.files = course_files(project)
    for file, cls in course.files:
        if cls is Manifest and not file.is_file():
            report.error(
                relpath(file, root),
                0,
                "",
                "the course manifest is missing",
                f"Create {project.course_dir}/{MANIFEST_NAME} with the course title, lessons and "
                "references (see docs/authoring.md)",
            )
            continue
        model = _load_model(course, file, cls, report, memo)
        if cls is Manifest:
            course.manifest = model
        elif cls is Resources:
            course.resources = model
        elif cls is Lesson and model:
            course.lessons.append(model)
        elif cls is Page and model:
            course.pages.append(model)
        elif model:
            course.banks.append(model)
    if memo is not None:
        memo.forget_unseen()
    if course.manifest:
        order = {lid: i for i, lid in enumerate(course.manifest.lessons)}
        course.lessons.sort(key=lambda lesson: order.get(lesson.id, len(order)))
        porder = {pid: i for i, pid in enumerate(course.manifest.pages)}
        course.pages.sort(key=lambda p: porder.get(p.id, len(porder)))
    return course


def _display(course: Course, file: Path) -> str:
    """``relpath(file, root)``, resolving each folder once rather than every file (a fifth of a
    re-check)."""
    root = course.project.root
    if file.is_symlink():
        return relpath(file, root)
    folders = course._folders
    if file.parent not in folders:
        try:
            folders[file.parent] = file.parent.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            folders[file.parent] = None
    rel = folders[file.parent]
    if rel is None:
        return relpath(file, root)
    return file.name if rel == "." else f"{rel}/{file.name}"


def _load_model(
    course: Course, file: Path, cls: type[Model], report: Report, memo: LoadMemo | None = None
) -> Any:
    display = _display(course, file)
    if file.is_symlink() and not file.resolve().is_relative_to(course.project.root.resolve()):
        # Never read (or quote in a message) a file outside the project through a link.
        display = relpath(file.parent, course.project.root) + "/" + file.name
        report.error(
            display,
            0,
            "",
            "the file is a link to a file outside the project, so it is not read",
            "Copy the file into the project instead of linking to it",
        )
        course.complete = False
        return None
    if memo is not None:
        return memo.load(course, file, display, cls, report)
    return _parse_model(course, file, display, cls, report)


def _parse_model(course: Course, file: Path, display: str, cls: type[Model], report: Report) -> Any:
    doc = load_document(file, display, report)
    if doc is None:
        course.complete = False
        return None
    course.documents[display] = doc
    if not isinstance(doc.data, dict):
        kind = describe_value(doc.data)
        report.error(
            display,
            1,
            "",
            f"the file holds {kind}, but a {cls.__name__.lower()} file must be a mapping of keys "
            "to values",
            "Start the file with keys such as "
            f"{', '.join(repr(k) for k in list(cls.model_fields)[:3])}",
        )
        course.complete = False
        return None
    try:
        model = cls.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            report_schema_error(doc, cls, dict(err), report)
        course.complete = False
        return None
    _attach(model, display, ())
    return model


class LoadMemo:
    """What loading each file produced, by the SHA-256 of its bytes (see :func:`load_course`).

    Models are shared between runs, so nothing may change a loaded model.
    """

    def __init__(self) -> None:
        self.entries: dict[
            tuple[str, str], tuple[str, Any, Document | None, list[Diagnostic], bool]
        ] = {}
        self._seen: set[tuple[str, str]] = set()
        self.parsed = 0
        """Files parsed in the last run (the others came from the memo)."""

    def load(
        self, course: Course, file: Path, display: str, cls: type[Model], report: Report
    ) -> Any:
        """:func:`_parse_model`, or what it returned for the same bytes last time."""
        key = (display, cls.__name__)
        self._seen.add(key)
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError:
            return _parse_model(course, file, display, cls, report)
        hit = self.entries.get(key)
        if hit is None or hit[0] != digest:
            own = Report()
            was_complete, course.complete = course.complete, True
            model = _parse_model(course, file, display, cls, own)
            hit = (digest, model, course.documents.get(display), list(own.items), course.complete)
            course.complete = was_complete
            self.entries[key] = hit
            self.parsed += 1
        _digest, model, doc, problems, complete = hit
        for d in problems:
            report.add(d)
        if doc is not None:
            course.documents[display] = doc
        course.complete = course.complete and complete
        return model

    def forget_unseen(self) -> None:
        """Drop the files the last run did not load (removed or renamed)."""
        for key in set(self.entries) - self._seen:
            del self.entries[key]
        self._seen = set()


def _attach(value: Any, file: str, path: tuple) -> None:
    """Record on every nested model the file and key path it came from."""
    if isinstance(value, Model):
        value._file, value._path = file, path
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, _NESTED):  # text, numbers and dates hold no model: most fields
                _attach(item, file, path + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, _NESTED):
                _attach(item, file, path + (i,))
    elif isinstance(value, dict):
        for k, item in value.items():
            if isinstance(item, _NESTED):
                _attach(item, file, path + (k,))


_NESTED = (Model, list, dict)
