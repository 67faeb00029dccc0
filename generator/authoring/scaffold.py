"""Scaffolding for instructors: `course new course|lesson|bank`.

Each command writes commented starting files that pass `course check --strict` at once, and
wires them in by inserting lines into the manifest or lesson, so the instructor's own
comments and layout survive. Every file is planned and checked first; nothing is written
unless the whole change can be made.

A lesson's objectives must be assessed for a strict check to pass, so `new lesson` also
writes a small quiz bank for it. A bank no lesson places is never seen by learners (and is a
warning), so `new bank` always places it: in the lesson named by ``--lesson``, or else in the
last lesson of the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.course import load_course
from ..core.diagnostics import Report
from ..core.ids import is_id, make_id
from ..core.layout import Project
from ..core.links import RESERVED_SLUGS
from ..core.schema import QUESTION_TYPES
from ..core.yamltext import yaml_scalar
from ..site.mkdocs_yml import project_config
from .examples import BANK_HEAD, GITIGNORE, LESSON, MANIFEST, PAGES_WORKFLOW, README, question_text
from .jsonschema import schema_comment, write_schemas


def _package_spec() -> str:
    """How a new course's Pages workflow installs the generator: this very version, from PyPI."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"course-generator=={version('course-generator')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "course-generator"


class AuthoringError(Exception):
    """A scaffold that cannot be written; the message says why and what to do."""


@dataclass
class Change:
    """One file to write: its path relative to the project, new text, and whether it exists."""

    path: str
    text: str
    created: bool


def _fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def _check_id(ident: str, what: str, source: str) -> None:
    if not is_id(ident):
        raise AuthoringError(
            f"cannot make an id from {source!r}. Pass one with --id, e.g. --id my-{what}"
        )


def bank_text(
    bank_id: str, qtype: str, objective: str | None, title: str = "Check your understanding"
) -> str:
    """A commented bank holding one question of ``qtype``."""
    return _fill(BANK_HEAD, id=bank_id, title=yaml_scalar(title)) + question_text(
        qtype, f"{bank_id}-q1", objective
    )


def _with_comment(rel: str, kind: str, text: str) -> str:
    return schema_comment(rel, kind) + "\n" + text


# --------------------------------------------------------------------------- text edits


def _last_line(node: Node) -> int:
    """0-based line of the last character that belongs to ``node``."""
    if isinstance(node, ScalarNode):
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    if isinstance(node, SequenceNode):
        children = list(node.value)
    elif isinstance(node, MappingNode):
        children = [n for pair in node.value for n in pair]
    else:
        children = []
    if node.flow_style or not children:
        return node.end_mark.line
    return max(_last_line(c) for c in children)


def _key_node(root: Node, key: str) -> tuple[ScalarNode, Node] | None:
    if isinstance(root, MappingNode):
        for k, v in root.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return k, v
    return None


def append_to_list(text: str, key: str, item_lines: list[str], flow_item: str) -> str:
    """Add an item to the top-level list ``key`` by inserting text, keeping comments and layout.

    ``item_lines`` is the block form (first line without the dash); ``flow_item`` the form used
    inside ``[...]``. A missing key is added at the end of the file.
    """
    root = yaml.compose(text)
    found = _key_node(root, key)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if found is None:
        return (
            "".join(lines)
            + f"{key}:\n"
            + "".join(("  - " if i == 0 else "    ") + ln + "\n" for i, ln in enumerate(item_lines))
        )
    _k, seq = found
    if not isinstance(seq, SequenceNode):
        raise AuthoringError(f"'{key}' is not a list")
    if seq.flow_style:
        end = seq.end_mark.index - 1  # the closing bracket
        if text[end] != "]":
            raise AuthoringError(f"could not find the end of the list '{key}'")
        sep = ", " if seq.value else ""
        return text[:end] + sep + flow_item + text[end:]
    if not seq.value:
        raise AuthoringError(f"'{key}' is empty")
    first = seq.value[0]
    prefix = lines[first.start_mark.line][: first.start_mark.column].rstrip()
    if not prefix.endswith("-"):
        raise AuthoringError(f"could not read the layout of the list '{key}'")
    dash = len(prefix) - 1
    new = "".join(
        " " * dash + ("- " if i == 0 else "  ") + ln + "\n" for i, ln in enumerate(item_lines)
    )
    at = _last_line(seq) + 1
    return "".join(lines[:at]) + new + "".join(lines[at:])


# --------------------------------------------------------------------------- commands


def _load(project: Project):
    report = Report()
    course = load_course(project, report)
    if course.manifest is None or not course.complete:
        lines = "\n".join(report.lines())
        raise AuthoringError(
            "the course does not load, so nothing was added. Fix these first (course "
            f"check):\n{lines}"
        )
    return course


def _manifest_path(project: Project) -> Path:
    return project.manifest_file


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()


def _check_free(project: Project, path: Path) -> None:
    if path.exists():
        raise AuthoringError(f"{_rel(project, path)} already exists. Choose another name or id")


def write_changes(project: Project, changes: list[Change]) -> None:
    """Write every planned file (after every check passed)."""
    for ch in changes:
        out = project.root / ch.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(ch.text, encoding="utf-8")


def course_id_for(title: str, course_id: str | None, example: str = "") -> str:
    """The id a new course gets: ``course_id`` when given (it must be a valid id), else one made
    from the title (accents folded: `Finanzas básicas` -> `finanzas-basicas`). ``example``: an
    id to suggest when none can be made (the folder's name).

    A title with no Latin letter (Arabic, Chinese, ...) gives no id: the instructor is asked for
    one rather than given a shared default, which would make two such courses on one site share
    their learners' saved answers and file names. A transliteration would be a guess in a script
    we cannot read back; the instructor knows the name the course should go by.
    """
    if course_id is not None:
        if not is_id(course_id):
            raise AuthoringError(
                f"the course id {course_id!r} is not an id: use lower-case Latin letters, digits, "
                "'-' and '_', starting with a letter or digit (at most 80 characters), e.g. "
                "--id listening-well"
            )
        return course_id
    made = make_id(title)
    if not made:
        raise AuthoringError(
            f"cannot make a course id from the title {title!r}: it has no Latin letters. The id "
            "names the course's files and keys its learners' saved answers, so it must be its "
            f"own. Pass one with --id, e.g. --id {example or 'emotional-intimacy'} (lower-case "
            "Latin letters, digits and dashes; a transliteration of the title works well)"
        )
    return made


def plan_course(
    root: Path, title: str | None = None, author: str = "Your Name", course_id: str | None = None
) -> list[Change]:
    """Files for a new, minimal course in ``root`` (which must be empty or missing)."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise AuthoringError(f"{root} is not empty. Choose a new folder name")
    title = (
        title
        or root.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
        or "My course"
    )
    ident = course_id_for(title, course_id, make_id(root.resolve().name))
    lesson, bank = "first-lesson", "first-lesson-quiz"
    files = {
        "mkdocs.yml": project_config(),
        ".gitignore": GITIGNORE,
        "README.md": _fill(README, title=title),
        ".github/workflows/pages.yml": _fill(PAGES_WORKFLOW, package=_package_spec()),
        "docs/.gitkeep": "",
        "course/course.yml": _with_comment(
            "course/course.yml",
            "manifest",
            _fill(
                MANIFEST,
                id=ident,
                title=yaml_scalar(title),
                author=yaml_scalar(author),
                lesson=lesson,
            )
            + _quality_line(),
        ),
        f"course/lessons/{lesson}.yml": _with_comment(
            f"course/lessons/{lesson}.yml",
            "lesson",
            _fill(LESSON, id=lesson, title="Your first lesson", bank=bank),
        ),
        f"quizzes/{bank}.yml": _with_comment(
            f"quizzes/{bank}.yml", "bank", bank_text(bank, "single_choice", f"{lesson}-o1")
        ),
    }
    return [Change(path, text, True) for path, text in files.items()]


def _quality_line() -> str:
    """The manifest's `quality:` line: the rule set the new course is written against."""
    from ..core.quality import LATEST

    return (
        f"quality: {LATEST}            # item-quality rule set; newer rules report as info until "
        "you move it (docs/item-quality.md)\n"
    )


def new_course(
    root: Path, title: str | None = None, author: str = "Your Name", course_id: str | None = None
) -> list[Change]:
    """Write a new course into ``root`` with its editor schemas; return what was written."""
    changes = plan_course(root, title, author, course_id)
    write_changes(Project(root), changes)
    write_schemas(root / "schemas")
    return changes


def plan_lesson(project: Project, title: str, lesson_id: str | None = None) -> list[Change]:
    """A new lesson (plus a one-question bank for its objective), listed in the manifest."""
    course = _load(project)
    ident = lesson_id or make_id(title)
    _check_id(ident, "lesson", title)
    if ident in RESERVED_SLUGS:
        raise AuthoringError(
            f"'{ident}' is the address of a generated page. Pass another id with --id"
        )
    if ident in course.manifest.lessons or ident in {item.id for item in course.lessons}:
        raise AuthoringError(
            f"a lesson with the id '{ident}' already exists. Pass another id with --id"
        )
    if ident in {item.slug for item in course.lessons} | {p.slug for p in course.pages}:
        raise AuthoringError(
            f"a page already uses the address '{ident}'. Pass another id with --id"
        )
    bank_id = f"{ident}-quiz"
    if bank_id in {b.id for b in course.banks}:
        raise AuthoringError(
            f"a quiz bank with the id '{bank_id}' already exists. Pass another lesson id with --id"
        )
    lesson_file = project.course_path / "lessons" / f"{ident}.yml"
    bank_file = project.quizzes_path / f"{bank_id}.yml"
    _check_free(project, lesson_file)
    _check_free(project, bank_file)
    manifest_file = _manifest_path(project)
    old = manifest_file.read_text(encoding="utf-8")
    new = append_to_list(old, "lessons", [ident], ident)
    if (yaml.safe_load(new) or {}).get("lessons", [])[-1:] != [ident]:
        raise AuthoringError(
            f"could not add '{ident}' to 'lessons' in {_rel(project, manifest_file)}. Add it by "
            "hand, then run the command again"
        )
    lrel, brel = _rel(project, lesson_file), _rel(project, bank_file)
    return [
        Change(
            lrel,
            _with_comment(
                lrel, "lesson", _fill(LESSON, id=ident, title=yaml_scalar(title), bank=bank_id)
            ),
            True,
        ),
        Change(
            brel,
            _with_comment(brel, "bank", bank_text(bank_id, "single_choice", f"{ident}-o1")),
            True,
        ),
        Change(_rel(project, manifest_file), new, False),
    ]


def plan_bank(
    project: Project,
    name: str,
    lesson_id: str | None = None,
    qtype: str = "single_choice",
    bank_id: str | None = None,
) -> list[Change]:
    """A new bank with one question of ``qtype``, placed in a lesson."""
    if qtype not in QUESTION_TYPES:
        raise AuthoringError(
            f"unknown question type '{qtype}'. Use one of: {', '.join(QUESTION_TYPES)}"
        )
    course = _load(project)
    ident = bank_id or make_id(name)
    _check_id(ident, "bank", name)
    if ident in {b.id for b in course.banks}:
        raise AuthoringError(
            f"a quiz bank with the id '{ident}' already exists. Choose another name"
        )
    qid = f"{ident}-q1"
    if qid in {q.id for b in course.banks for q in b.questions}:
        raise AuthoringError(
            f"a question with the id '{qid}' already exists. Choose another bank name"
        )
    lessons = {item.id: item for item in course.lessons}
    target_id = lesson_id or (course.manifest.lessons[-1] if course.manifest.lessons else None)
    if target_id not in lessons:
        from ..core.diagnostics import did_you_mean

        raise AuthoringError(
            f"no lesson has the id '{target_id}'. "
            + (did_you_mean(str(target_id), lessons) or f"Lessons: {', '.join(lessons)}")
        )
    lesson = lessons[target_id]
    bank_file = project.quizzes_path / f"{ident}.yml"
    _check_free(project, bank_file)
    title = (
        "Self-check"
        if qtype == "self_check"
        else ("Reflect" if qtype == "reflection" else "Check your understanding")
    )
    objective = lesson.objectives[0].id
    lesson_path = project.root / lesson._file
    old = lesson_path.read_text(encoding="utf-8")
    new = append_to_list(old, "assessments", [f"bank: {ident}"], f"{{bank: {ident}}}")
    placed = (yaml.safe_load(new) or {}).get("assessments") or []
    if not placed or placed[-1] != {"bank": ident}:
        raise AuthoringError(
            f"could not add the bank to 'assessments' in {lesson._file}. Add '- bank: {ident}' by "
            "hand"
        )
    brel = _rel(project, bank_file)
    return [
        Change(brel, _with_comment(brel, "bank", bank_text(ident, qtype, objective, title)), True),
        Change(lesson._file, new, False),
    ]
