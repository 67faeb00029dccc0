"""Load a whole course from disk into typed models, collecting every problem on the way."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Report, did_you_mean, relpath
from .loader import Document, load_document
from .schema import QUESTION_TYPES, Bank, Lesson, Manifest, Model, Page, Resources

MANIFEST_NAME = "course.yml"
RESOURCES_NAME = "resources.yml"


@dataclass
class Project:
    """Where a course lives: the project root and its source folders."""

    root: Path
    """Project root (holds `mkdocs.yml`)."""
    course_dir: str = "course"
    """Folder with the manifest, `lessons/` and `pages/`, relative to the root."""
    quizzes_dir: str = "quizzes"
    """Folder with quiz banks, relative to the root."""

    @property
    def course_path(self) -> Path:
        return self.root / self.course_dir

    @property
    def quizzes_path(self) -> Path:
        return self.root / self.quizzes_dir


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

    def line(self, obj: Model, *keys: Any) -> int:
        """Line of ``obj`` (or of one of its keys) in its source file."""
        doc = self.documents.get(obj._file)
        return doc.line(obj._path + keys) if doc else 0

    def text_line(self, obj: Model, keys: tuple, offset: int, text: str) -> int:
        """Line of character ``offset`` inside the text value at ``keys`` of ``obj``."""
        doc = self.documents.get(obj._file)
        if not doc:
            return 0
        start = doc.text_starts.get(obj._path + keys) or doc.line(obj._path + keys)
        return start + text[:offset].count("\n")


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def load_course(project: Project, report: Report) -> Course:
    """Read and shape-check every course file; problems go into ``report``."""
    course = Course(project)
    root = project.root
    manifest_file = project.course_path / MANIFEST_NAME
    if not manifest_file.is_file():
        report.error(relpath(manifest_file, root), 0, "", "the course manifest is missing",
                     f"Create {project.course_dir}/{MANIFEST_NAME} with the course title, lessons and references (see docs/authoring.md)")
    else:
        course.manifest = _load_model(course, manifest_file, Manifest, report)
    for file in _yaml_files(project.course_path / "lessons"):
        lesson = _load_model(course, file, Lesson, report)
        if lesson:
            course.lessons.append(lesson)
    for file in _yaml_files(project.course_path / "pages"):
        page = _load_model(course, file, Page, report)
        if page:
            course.pages.append(page)
    resources_file = project.course_path / RESOURCES_NAME
    if resources_file.is_file():
        course.resources = _load_model(course, resources_file, Resources, report)
    for file in _yaml_files(project.quizzes_path):
        bank = _load_model(course, file, Bank, report)
        if bank:
            course.banks.append(bank)
    if course.manifest:
        order = {lid: i for i, lid in enumerate(course.manifest.lessons)}
        course.lessons.sort(key=lambda l: order.get(l.id, len(order)))
        porder = {pid: i for i, pid in enumerate(course.manifest.pages)}
        course.pages.sort(key=lambda p: porder.get(p.id, len(porder)))
    return course


def _load_model(course: Course, file: Path, cls: type[Model], report: Report) -> Any:
    display = relpath(file, course.project.root)
    if file.is_symlink() and not file.resolve().is_relative_to(course.project.root.resolve()):
        # Never read (or quote in a message) a file outside the project through a link.
        display = relpath(file.parent, course.project.root) + "/" + file.name
        report.error(display, 0, "", "the file is a link to a file outside the project, so it is not read",
                     "Copy the file into the project instead of linking to it")
        course.complete = False
        return None
    doc = load_document(file, display, report)
    if doc is None:
        course.complete = False
        return None
    course.documents[display] = doc
    if not isinstance(doc.data, dict):
        kind = _kind(doc.data)
        report.error(display, 1, "", f"the file holds {kind}, but a {cls.__name__.lower()} file must be a mapping of keys to values",
                     f"Start the file with keys such as {', '.join(repr(k) for k in list(cls.model_fields)[:3])}")
        course.complete = False
        return None
    try:
        model = cls.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            _schema_error(doc, cls, err, report)
        course.complete = False
        return None
    _attach(model, display, ())
    return model


def _attach(value: Any, file: str, path: tuple) -> None:
    """Record on every nested model the file and key path it came from."""
    if isinstance(value, Model):
        value._file, value._path = file, path
        for name in type(value).model_fields:
            _attach(getattr(value, name), file, path + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _attach(item, file, path + (i,))
    elif isinstance(value, dict):
        for k, item in value.items():
            _attach(item, file, path + (k,))


# --------------------------------------------------------------------------- schema errors

_TYPE_WORDS = {
    "string_type": "text", "bool_type": "true or false", "int_type": "a whole number",
    "list_type": "a list", "dict_type": "a mapping (key: value)", "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)", "date_type": "a date (YYYY-MM-DD)",
    "int_from_float": "a whole number", "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"text ('{short}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (an empty value)"
    return f"a {type(value).__name__}"


_KIND_WORDS = {"questions": "question", "options": "option", "items": "item", "objectives": "objective",
               "sections": "section", "subscales": "subscale", "bands": "band", "references": "reference",
               "key_terms": "key term", "reflections": "reflection", "assessments": "assessment",
               "anchors": "anchor", "groups": "group", "evidence": "evidence note", "authors": "author"}


def _walk(data: Any, loc: tuple) -> tuple[tuple, list[Any]]:
    """Follow a pydantic error location through the data, dropping union tags.

    Returns the key path as it appears in the file and the value at each step.
    """
    path: list[Any] = []
    values = [data]
    cur = data
    for part in loc:
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            cur = cur[part]
        elif isinstance(cur, dict) and part in QUESTION_TYPES:
            continue  # a discriminated-union tag, not a key in the file
        elif isinstance(part, str) and part.startswith(("function-", "list[", "dict[")):
            continue
        else:
            path.append(part)
            values.append(None)
            break
        path.append(part)
        values.append(cur)
    return tuple(path), values


def _subject(path: tuple, values: list[Any]) -> str:
    """Name the innermost objects with ids on a path: `question 'q1', option 'b'`."""
    names = []
    for i, part in enumerate(path):
        value = values[i + 1] if i + 1 < len(values) else None
        if isinstance(part, int) and i > 0 and isinstance(path[i - 1], str):
            word = _KIND_WORDS.get(path[i - 1], path[i - 1])
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                names.append(f"{word} '{value['id']}'")
            elif isinstance(value, dict) and isinstance(value.get("term"), str):
                names.append(f"{word} '{value['term']}'")
            else:
                names.append(f"{word} {part + 1}")
    return ", ".join(names[-2:])


def _model_at(cls: Any, loc: tuple, data: Any) -> type[BaseModel] | None:
    """The model class whose fields are valid at the container of ``loc`` (for hints)."""
    tp: Any = cls
    cur = data
    for part in loc:
        tp = _unwrap(tp, cur)
        if isinstance(part, str) and part in QUESTION_TYPES:
            continue
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            f = tp.model_fields.get(part) if isinstance(part, str) else None
            if f is None:
                return None
            tp = f.annotation
        else:
            args = typing.get_args(tp)
            tp = args[-1] if args else None
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
        else:
            cur = None
    tp = _unwrap(tp, cur)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrap(tp: Any, value: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(options) == 1:
                tp = options[0]
                continue
            tag = value.get("type") if isinstance(value, dict) else None
            match = [a for a in options if isinstance(a, type) and issubclass(a, BaseModel)
                     and "type" in a.model_fields and tag in typing.get_args(a.model_fields["type"].annotation)]
            return match[0] if match else tp
        else:
            return tp


def _schema_error(doc: Document, cls: type[Model], err: dict, report: Report) -> None:
    loc = tuple(err["loc"])
    path, values = _walk(doc.data, loc)
    etype = err["type"]
    value = err.get("input")
    subject = _subject(path, values)
    if not subject and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
        subject = f"{cls.__name__.lower()} '{doc.data['id']}'"
    elif not subject and cls.__name__ == "Manifest":
        subject = "manifest"
    key = path[-1] if path else ""
    line = doc.line(path)
    hint = ""
    if etype == "extra_forbidden":
        model = _model_at(cls, loc[:-1], doc.data)
        allowed = list(model.model_fields) if model else []
        message = f"unknown key '{key}'"
        hint = did_you_mean(str(key), allowed) or (f"Allowed keys: {', '.join(allowed)}" if allowed else "Remove it")
    elif etype == "missing":
        parent_line = doc.line(path[:-1])
        line = parent_line
        message = f"the required key '{key}' is missing"
        model = _model_at(cls, loc[:-1], doc.data)
        desc = model.model_fields[key].description if model and key in model.model_fields else ""
        hint = f"Add '{key}:' ({desc.split('. ')[0].rstrip('.')})" if desc else f"Add '{key}:'"
    elif etype in ("union_tag_invalid", "union_tag_not_found"):
        tag = value.get("type") if isinstance(value, dict) else None
        if etype == "union_tag_not_found" or tag is None:
            message = "the question has no 'type'"
            hint = f"Add 'type:' with one of: {', '.join(QUESTION_TYPES)}"
        else:
            line = doc.line(path + ("type",))
            message = f"unknown question type '{tag}'"
            hint = did_you_mean(str(tag), QUESTION_TYPES) or f"Use one of: {', '.join(QUESTION_TYPES)}"
    elif etype in _TYPE_WORDS:
        message = f"'{key}' should be {_TYPE_WORDS[etype]}, but it is {_kind(value)}" if isinstance(key, str) else f"this should be {_TYPE_WORDS[etype]}, but it is {_kind(value)}"
        if etype == "string_type" and isinstance(value, (bool, int, float)):
            hint = f"Put the value in quotes: {key}: \"{value if not isinstance(value, bool) else ('yes' if value else 'no')}\""
        elif etype == "string_type" and value is None:
            hint = "Write a value after the colon, or remove the key"
        elif etype == "bool_type":
            hint = "Write true or false (without quotes)"
        elif etype == "int_type" and isinstance(value, str):
            hint = "Write the number without quotes"
        else:
            hint = "Check the indentation and the value's form"
    elif etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"'{key}' is {_kind(value)}, which is not allowed here"
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        hint = did_you_mean(str(value), options) or f"Use one of: {expected}"
    elif etype == "string_pattern_mismatch" and key in ("id", "slug") or (etype == "string_pattern_mismatch"):
        message = f"'{key}' is '{value}', which is not a valid id"
        hint = "Use lower-case letters, digits, '-' and '_' only, starting with a letter or digit (e.g. 'fusion-q1')"
    elif etype in ("too_short", "string_too_short"):
        minimum = err.get("ctx", {}).get("min_length", 1)
        message = f"'{key}' is empty" if not value else f"'{key}' has too few entries"
        if etype == "string_too_short":
            hint = "Write some text, or remove the key if it is optional"
        else:
            hint = f"Give at least {minimum} entr{'y' if minimum == 1 else 'ies'}"
    elif etype in ("too_long", "string_too_long"):
        message = f"'{key}' is too long"
        hint = f"Keep it to at most {err.get('ctx', {}).get('max_length')}" + (" entries" if etype == "too_long" else " characters")
    elif etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = f"'{key}' is {value}, out of range"
        hint = err["msg"].replace("Input should be", "It must be")
    else:
        message = f"'{key}': {err['msg']}" if key != "" else err["msg"]
    report.error(doc.path, line, subject, message, hint)
