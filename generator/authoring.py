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

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .course import MANIFEST_NAME, Project, load_course
from .diagnostics import Report
from .jsonschema import schema_comment, write_schemas
from .links import RESERVED_SLUGS
from .schema import QUESTION_TYPES


class AuthoringError(Exception):
    """A scaffold that cannot be written; the message says why and what to do."""


@dataclass
class Change:
    """One file to write: its path relative to the project, new text, and whether it exists."""

    path: str
    text: str
    created: bool


# --------------------------------------------------------------------------- templates

MKDOCS_YML = """\
# MkDocs configuration. The `course` plugin turns course/ and quizzes/ into the site's pages.
site_name: {{title}}
docs_dir: docs           # hand-written extras such as images; lessons come from course/
theme:
  name: material
  font: false            # no Google Fonts: the site makes no request to another origin
plugins:
  - search
  - course
"""

GITIGNORE = "site/\n"

MANIFEST = """\
# The course manifest: what the course is, and the order of its lessons.
# Every key is described in the authoring reference (docs/authoring.md).
title: {{title}}
description: |
  One or two paragraphs that introduce the course on its home page.
authors:
  - name: {{author}}
license: CC BY 4.0         # the licence of your course content
lessons:                   # lesson ids in teaching order; `course new lesson` adds to this list
  - {{lesson}}
"""

LESSON = """\
# A lesson. Every key is described in the authoring reference (docs/authoring.md).
# `id` is listed in course/course.yml under `lessons`; `slug` is the page's address.
id: {{id}}
slug: {{id}}
title: {{title}}
summary: One or two sentences on what this lesson is about.
minutes: 10                # estimated time to work through it
objectives:                # what the learner can do afterwards; a question should assess each one
  - id: {{id}}-o1
    text: Explain the main idea of this lesson in your own words.
    section: introduction  # the section that teaches it (the quiz summary links there)
sections:
  - id: introduction
    title: Introduction
    body: |
      Write the lesson here in Markdown: **bold**, *italic*, lists, tables.
      To link to another lesson, use `lesson:` and its id as the link target.
assessments:               # quiz banks from quizzes/ shown on this page
  - bank: {{bank}}
    title: Check your understanding
"""

QUESTION_HEAD = """\
  # A question id is unique across the course: learners' answers are stored under it.
  # `objectives` names the lesson objectives this question assesses.
  - id: {{qid}}
    type: {{type}}
    objectives: [{{objective}}]
"""

QUESTIONS = {
    "single_choice": """\
    prompt: Replace this with your question.
    options:               # exactly one is correct; every option explains itself
      - id: a
        text: The right answer.
        correct: true
        feedback: Say why this is right.
      - id: b
        text: A plausible wrong answer.
        feedback: Say kindly why this is not it.
    explanation: Optional text shown with the answer.
""",
    "multiple_choice": """\
    scenario: An optional short case the learner reads first.
    prompt: Which of these apply? Replace this with your question.
    options:               # one or more are correct, at least one is not
      - id: a
        text: A right answer.
        correct: true
        feedback: Say why this applies.
      - id: b
        text: Another right answer.
        correct: true
        feedback: Say why this applies too.
      - id: c
        text: A plausible wrong answer.
        feedback: Say kindly why this does not apply.
""",
    "ordering": """\
    prompt: Put the steps in the order you would take them.
    items:                 # in the CORRECT order; the page shuffles them
      - id: first
        text: The first step.
      - id: second
        text: The second step.
      - id: third
        text: The third step.
    explanation: Say why this order.
""",
    "reflection": """\
    prompt: A question the learner answers in their own words (kept in their browser, never scored).
    hint: An optional nudge shown under the prompt.
""",
    "self_check": """\
    title: My self-check
    instructions: Think of the past month. How often is each statement true for you?
    notice: This is a reflection aid, not a test or a diagnosis.
    scale:
      anchors:             # one per whole score, lowest first
        - {value: 1, label: Rarely}
        - {value: 2, label: Sometimes}
        - {value: 3, label: Often}
      not_applicable: Doesn't apply / prefer not to say
    subscales:
      - id: main
        title: The skill, named positively
        band_text:         # one text per band below
          building: Interpretation for lower scores, kind and practical.
          steady: Interpretation for higher scores.
    items:                 # reverse: true scores an item backwards (write it plainly, no negation)
      - {id: i1, text: A statement about what I do., subscale: main}
      - {id: i2, text: Another statement about what I do., subscale: main}
      - {id: i3, text: A statement about an opposite habit of mine., subscale: main, reverse: true}
    bands:                 # must cover every possible mean without gaps or overlaps
      - {id: building, label: Still building, when: "mean < 2"}
      - {id: steady, label: Mostly steady, when: "mean >= 2"}
""",
}

BANK_HEAD = """\
# A quiz bank. Question types: single_choice, multiple_choice, ordering, self_check and
# reflection; docs/authoring.md has an example of each.
id: {{id}}
title: {{title}}
questions:
"""


def _fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def make_id(text: str) -> str:
    """An id from a title: `Listening well` -> `listening-well`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ident = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return ident


def _check_id(ident: str, what: str, source: str) -> None:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ident) or len(ident) > 80:
        raise AuthoringError(f"cannot make an id from {source!r}. Pass one with --id, e.g. --id my-{what}")


def bank_text(bank_id: str, qtype: str, objective: str | None, title: str = "Check your understanding") -> str:
    """A commented bank holding one question of ``qtype``."""
    head = _fill(QUESTION_HEAD, qid=f"{bank_id}-q1", type=qtype, objective=objective or "")
    if not objective:
        head = "\n".join(ln for ln in head.splitlines() if "objectives:" not in ln) + "\n"
    return _fill(BANK_HEAD, id=bank_id, title=_scalar(title)) + head + QUESTIONS[qtype]


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
        return "".join(lines) + f"{key}:\n" + "".join(("  - " if i == 0 else "    ") + ln + "\n" for i, ln in enumerate(item_lines))
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
    new = "".join(" " * dash + ("- " if i == 0 else "  ") + ln + "\n" for i, ln in enumerate(item_lines))
    at = _last_line(seq) + 1
    return "".join(lines[:at]) + new + "".join(lines[at:])


# --------------------------------------------------------------------------- commands


def _load(project: Project):  # type: ignore[no-untyped-def]
    report = Report()
    course = load_course(project, report)
    if course.manifest is None or not course.complete:
        lines = "\n".join(report.lines())
        raise AuthoringError(f"the course does not load, so nothing was added. Fix these first (course check):\n{lines}")
    return course


def _manifest_path(project: Project) -> Path:
    return project.course_path / MANIFEST_NAME


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


def plan_course(root: Path, title: str | None = None, author: str = "Your Name") -> list[Change]:
    """Files for a new, minimal course in ``root`` (which must be empty or missing)."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise AuthoringError(f"{root} is not empty. Choose a new folder name")
    title = title or root.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "My course"
    lesson, bank = "first-lesson", "first-lesson-quiz"
    files = {
        "mkdocs.yml": _fill(MKDOCS_YML, title=_scalar(title)),
        ".gitignore": GITIGNORE,
        "docs/.gitkeep": "",
        "course/course.yml": _with_comment("course/course.yml", "manifest", _fill(MANIFEST, title=_scalar(title), author=_scalar(author), lesson=lesson)),
        f"course/lessons/{lesson}.yml": _with_comment(f"course/lessons/{lesson}.yml", "lesson", _fill(LESSON, id=lesson, title="Your first lesson", bank=bank)),
        f"quizzes/{bank}.yml": _with_comment(f"quizzes/{bank}.yml", "bank", bank_text(bank, "single_choice", f"{lesson}-o1")),
    }
    return [Change(path, text, True) for path, text in files.items()]


def new_course(root: Path, title: str | None = None, author: str = "Your Name") -> list[Change]:
    """Write a new course into ``root`` with its editor schemas; return what was written."""
    changes = plan_course(root, title, author)
    write_changes(Project(root), changes)
    write_schemas(root / "schemas")
    return changes


def plan_lesson(project: Project, title: str, lesson_id: str | None = None) -> list[Change]:
    """A new lesson (plus a one-question bank for its objective), listed in the manifest."""
    course = _load(project)
    ident = lesson_id or make_id(title)
    _check_id(ident, "lesson", title)
    if ident in RESERVED_SLUGS:
        raise AuthoringError(f"'{ident}' is the address of a generated page. Pass another id with --id")
    if ident in course.manifest.lessons or ident in {l.id for l in course.lessons}:
        raise AuthoringError(f"a lesson with the id '{ident}' already exists. Pass another id with --id")
    if ident in {l.slug for l in course.lessons} | {p.slug for p in course.pages}:
        raise AuthoringError(f"a page already uses the address '{ident}'. Pass another id with --id")
    bank_id = f"{ident}-quiz"
    if bank_id in {b.id for b in course.banks}:
        raise AuthoringError(f"a quiz bank with the id '{bank_id}' already exists. Pass another lesson id with --id")
    lesson_file = project.course_path / "lessons" / f"{ident}.yml"
    bank_file = project.quizzes_path / f"{bank_id}.yml"
    _check_free(project, lesson_file)
    _check_free(project, bank_file)
    manifest_file = _manifest_path(project)
    old = manifest_file.read_text(encoding="utf-8")
    new = append_to_list(old, "lessons", [ident], ident)
    if (yaml.safe_load(new) or {}).get("lessons", [])[-1:] != [ident]:
        raise AuthoringError(f"could not add '{ident}' to 'lessons' in {_rel(project, manifest_file)}. Add it by hand, then run the command again")
    lrel, brel = _rel(project, lesson_file), _rel(project, bank_file)
    return [
        Change(lrel, _with_comment(lrel, "lesson", _fill(LESSON, id=ident, title=_scalar(title), bank=bank_id)), True),
        Change(brel, _with_comment(brel, "bank", bank_text(bank_id, "single_choice", f"{ident}-o1")), True),
        Change(_rel(project, manifest_file), new, False),
    ]


def plan_bank(project: Project, name: str, lesson_id: str | None = None, qtype: str = "single_choice",
              bank_id: str | None = None) -> list[Change]:
    """A new bank with one question of ``qtype``, placed in a lesson."""
    if qtype not in QUESTION_TYPES:
        raise AuthoringError(f"unknown question type '{qtype}'. Use one of: {', '.join(QUESTION_TYPES)}")
    course = _load(project)
    ident = bank_id or make_id(name)
    _check_id(ident, "bank", name)
    if ident in {b.id for b in course.banks}:
        raise AuthoringError(f"a quiz bank with the id '{ident}' already exists. Choose another name")
    qid = f"{ident}-q1"
    if qid in {q.id for b in course.banks for q in b.questions}:
        raise AuthoringError(f"a question with the id '{qid}' already exists. Choose another bank name")
    lessons = {l.id: l for l in course.lessons}
    target_id = lesson_id or (course.manifest.lessons[-1] if course.manifest.lessons else None)
    if target_id not in lessons:
        from .diagnostics import did_you_mean

        raise AuthoringError(f"no lesson has the id '{target_id}'. " + (did_you_mean(str(target_id), lessons) or f"Lessons: {', '.join(lessons)}"))
    lesson = lessons[target_id]
    bank_file = project.quizzes_path / f"{ident}.yml"
    _check_free(project, bank_file)
    title = "Self-check" if qtype == "self_check" else ("Reflect" if qtype == "reflection" else "Check your understanding")
    objective = lesson.objectives[0].id
    lesson_path = project.root / lesson._file
    old = lesson_path.read_text(encoding="utf-8")
    new = append_to_list(old, "assessments", [f"bank: {ident}"], f"{{bank: {ident}}}")
    placed = (yaml.safe_load(new) or {}).get("assessments") or []
    if not placed or placed[-1] != {"bank": ident}:
        raise AuthoringError(f"could not add the bank to 'assessments' in {lesson._file}. Add '- bank: {ident}' by hand")
    brel = _rel(project, bank_file)
    return [
        Change(brel, _with_comment(brel, "bank", bank_text(ident, qtype, objective, title)), True),
        Change(lesson._file, new, False),
    ]
