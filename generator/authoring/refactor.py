"""`course rename` and `course remove`: change an id everywhere it is used, or take a lesson or bank
out.

What each rewrites (docs/authoring.md, "Renaming and removing"):

- **rename lesson OLD NEW**: the lesson's `id`, the manifest's `lessons`, every `lesson:OLD` link
  in any Markdown text, and objective ids that start with `OLD-` (the form `course new` writes),
  with every question's `objectives` list. The lesson's `slug` (its address) is kept, so
  published links keep working; its file is renamed when it is called `OLD.yml`.
- **rename bank OLD NEW**: the bank's `id` and every `bank: OLD` placement (file renamed if
  - `OLD.yml`).
- **rename question OLD NEW**: the question's `id`, placements' `questions` and `review` lists,
  `variant_of`, and `#q-OLD` anchors in links. Learners' saved answers to it are lost.
- **remove lesson ID**: the lesson file, its manifest entry; links to it become plain text.
- **remove bank ID**: the bank file, its placements, its questions in review lists (a review left
  empty goes too).

Edits go through :mod:`.yamledit` (comments and layout kept). Nothing is written unless the
result passes `course check` (errors only): the edited files are checked in a scratch copy.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.course import Course, load_course
from ..core.diagnostics import Report, did_you_mean
from ..core.ids import RESERVED_IDS, is_id
from ..core.layout import Project
from ..core.validate import validate_course
from .yamledit import YamlDoc, remove_item, walk_strings


class RefactorError(Exception):
    """The change cannot be made; nothing was written. The message says why and what to do."""


@dataclass
class Plan:
    """Every file to write, delete or rename, and a line per change for the instructor."""

    project: Project
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    """Project-relative path -> the file being edited."""
    delete: list[str] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    """Old project-relative path -> new one (written with the edited text)."""
    said: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    hint: str = ""
    """What to do first if the check refuses the result."""

    def doc(self, rel: str) -> Any:
        """The editable data of a project file (loaded once)."""
        if rel not in self.docs:
            self.docs[rel] = YamlDoc((self.project.root / rel).read_text(encoding="utf-8"))
        return self.docs[rel].data

    def say(self, rel: str, what: str) -> None:
        """Record one change for the printout."""
        self.said.append(f"{rel}: {what}")

    def outputs(self) -> dict[str, str | None]:
        """Project-relative path -> new text (None: delete)."""
        out: dict[str, str | None] = dict.fromkeys(self.delete)
        for rel, d in self.docs.items():
            if rel in self.delete:
                continue
            text = d.text()
            if rel in self.rename:
                out[rel] = None
                out[self.rename[rel]] = text
            elif text != d.original:
                out[rel] = text
        return out


def _load(project: Project) -> tuple[Course, str]:
    """The course, loaded cleanly, and its manifest's path; refuses anything less."""
    report = Report()
    course = load_course(project, report)
    if course.manifest is None or not course.complete or report.errors:
        raise RefactorError(
            "the course does not load cleanly, so nothing was changed. Fix these first (course "
            "check):\n" + "\n".join(report.lines())
        )
    return course, course.manifest._file


def _every_file(course: Course) -> list[str]:
    """Every course file that can hold Markdown or ids (manifest, lessons, pages, banks)."""
    assert course.manifest is not None
    objs = [course.manifest, *course.lessons, *course.pages, *course.banks]
    return list(dict.fromkeys(o._file for o in objs))


def _link_pattern(scheme: str, ident: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){scheme}:{re.escape(ident)}(?![\w-])")


def _rewrite_text(plan: Plan, course: Course, edit: Callable[[str], str], what: str) -> None:
    for rel in _every_file(course):
        n = walk_strings(plan.doc(rel), edit)
        if n:
            plan.say(rel, f"{what} ({n} text{'s' if n > 1 else ''})")


def _replace_in_list(seq: Any, old: str, new: str | None) -> bool:
    """Replace (or with None remove) ``old`` in a YAML list; whether it was there."""
    if not isinstance(seq, list) or old not in seq:
        return False
    if new is None:
        remove_item(seq, old)
    else:
        seq[seq.index(old)] = new
    return True


def _check_new_id(new: str, taken: set[str], what: str) -> None:
    if new in RESERVED_IDS:
        raise RefactorError(
            f"'{new}' is a name every JavaScript object already has, so the browser could not "
            f"keep answers under it. Choose another id, e.g. '{new}-1'"
        )
    if not is_id(new):
        raise RefactorError(
            f"'{new}' is not a valid id. Use lower-case letters, digits, '-' and '_', e.g. "
            f"'my-{what}'"
        )
    if new in taken:
        raise RefactorError(f"a {what} with the id '{new}' already exists. Choose another id")


def _find(ident: str, known: dict[str, Any], what: str) -> Any:
    if ident not in known:
        raise RefactorError(
            f"no {what} has the id '{ident}'. "
            + (did_you_mean(ident, known) or f"Known: {', '.join(sorted(known))}")
        )
    return known[ident]


def _renamed_file(rel: str, old: str, new: str) -> str | None:
    p = Path(rel)
    return (p.parent / f"{new}.yml").as_posix() if p.name == f"{old}.yml" else None


# --------------------------------------------------------------------------- rename


def plan_rename(project: Project, kind: str, old: str, new: str) -> Plan:
    """Plan renaming a lesson, bank or question id everywhere it is used."""
    course, manifest_rel = _load(project)
    plan = Plan(project)
    if kind == "lesson":
        src = _rename_lesson(plan, course, manifest_rel, old, new)
    elif kind == "bank":
        src = _rename_bank(plan, course, old, new)
    elif kind == "question":
        _rename_question(plan, course, old, new)
        return plan
    else:  # pragma: no cover - argparse limits the choices
        raise RefactorError(f"cannot rename a {kind}")
    target = _renamed_file(src, old, new)
    if target:
        if (project.root / target).exists():
            raise RefactorError(f"{target} already exists. Rename or move it first")
        plan.rename[src] = target
        plan.say(src, f"file renamed to {target}")
    return plan


def _rename_lesson(plan: Plan, course: Course, manifest_rel: str, old: str, new: str) -> str:
    """The lesson's id, its place in the manifest, the objective ids named after it (and the
    questions that name them), and `lesson:` links. Returns the lesson's file."""
    lesson = _find(old, {item.id: item for item in course.lessons}, "lesson")
    _check_new_id(new, {item.id for item in course.lessons}, "lesson")
    data = plan.doc(lesson._file)
    data["id"] = new
    plan.say(lesson._file, f"id '{old}' -> '{new}'")
    if _replace_in_list(plan.doc(manifest_rel).get("lessons"), old, new):
        plan.say(manifest_rel, f"lessons: '{old}' -> '{new}'")
    moved = {}
    for obj in data.get("objectives") or []:
        oid = obj.get("id")
        if isinstance(oid, str) and oid.startswith(old + "-"):
            moved[oid] = new + oid[len(old) :]
            obj["id"] = moved[oid]
    if moved:
        plan.say(
            lesson._file, "objectives " + ", ".join(f"'{a}' -> '{b}'" for a, b in moved.items())
        )
    for bank in course.banks:
        bdata = plan.doc(bank._file)
        n = 0
        for q in bdata.get("questions") or []:
            for a, b in moved.items():
                n += _replace_in_list(q.get("objectives"), a, b)
        if n:
            plan.say(bank._file, f"objectives in {n} question{'s' if n > 1 else ''}")
    pattern = _link_pattern("lesson", old)
    _rewrite_text(
        plan,
        course,
        lambda t: pattern.sub(f"lesson:{new}", t),
        f"links lesson:{old} -> lesson:{new}",
    )
    return lesson._file


def _rename_bank(plan: Plan, course: Course, old: str, new: str) -> str:
    """The bank's id and every placement of it. Returns the bank's file."""
    bank = _find(old, {b.id: b for b in course.banks}, "quiz bank")
    _check_new_id(new, {b.id for b in course.banks}, "bank")
    plan.doc(bank._file)["id"] = new
    plan.say(bank._file, f"id '{old}' -> '{new}'")
    for lesson in course.lessons:
        for p in plan.doc(lesson._file).get("assessments") or []:
            if p.get("bank") == old:
                p["bank"] = new
                plan.say(lesson._file, f"placement bank: '{old}' -> '{new}'")
    return bank._file


def _rename_question(plan: Plan, course: Course, old: str, new: str) -> None:
    """The question's id, the variants of it, the placements and reviews that name it, and
    links to its anchor; learners' saved answers cannot follow (a warning says so)."""
    questions = {q.id: (b, q) for b in course.banks for q in b.questions}
    _find(old, questions, "question")
    _check_new_id(new, set(questions), "question")
    for bk in course.banks:
        for q in plan.doc(bk._file).get("questions") or []:
            if q.get("id") == old:
                q["id"] = new
                plan.say(bk._file, f"question id '{old}' -> '{new}'")
            if q.get("variant_of") == old:
                q["variant_of"] = new
                plan.say(bk._file, f"variant_of of '{q.get('id')}': '{old}' -> '{new}'")
    for lesson in course.lessons:
        for p in plan.doc(lesson._file).get("assessments") or []:
            for key in ("questions", "review"):
                if _replace_in_list(p.get(key), old, new):
                    plan.say(lesson._file, f"{key}: '{old}' -> '{new}'")
    anchor = re.compile(rf"(\]\([^)\s]*)#q-{re.escape(old)}(?![\w-])")
    _rewrite_text(
        plan, course, lambda t: anchor.sub(rf"\1#q-{new}", t), f"links #q-{old} -> #q-{new}"
    )
    plan.warnings.append(
        f"learners' saved answers to '{old}' are stored under that id: after the rename they "
        f"start again on '{new}'"
    )


# --------------------------------------------------------------------------- remove


_MD_LINK = r"\[([^\]]*)\]\({target}(?:#[^)\s]*)?\)"


def plan_remove(project: Project, kind: str, ident: str) -> Plan:
    """Plan removing a lesson or a quiz bank and every reference to it."""
    course, manifest_rel = _load(project)
    plan = Plan(project)
    if kind == "lesson":
        lesson = _find(ident, {item.id: item for item in course.lessons}, "lesson")
        plan.delete.append(lesson._file)
        plan.say(lesson._file, "deleted")
        if _replace_in_list(plan.doc(manifest_rel).get("lessons"), ident, None):
            plan.say(manifest_rel, f"lessons: '{ident}' removed")
        link = re.compile(_MD_LINK.format(target=re.escape(f"lesson:{ident}")))
        _rewrite_text(
            plan, course, lambda t: link.sub(r"\1", t), f"links to lesson:{ident} made plain text"
        )
        banks = sorted({p.bank for p in lesson.assessments if p.bank})
        if banks:
            plan.hint = (
                f"Its quiz banks stay: remove them first (course remove bank {banks[0]}), "
                "or point their questions at another lesson's objectives"
            )
    elif kind == "bank":
        bank = _find(ident, {b.id: b for b in course.banks}, "quiz bank")
        plan.delete.append(bank._file)
        plan.say(bank._file, "deleted")
        gone = {q.id for q in bank.questions}
        for lesson in course.lessons:
            seq = plan.doc(lesson._file).get("assessments")
            if not isinstance(seq, list):
                continue
            for p in list(seq):
                if p.get("bank") == ident:
                    remove_item(seq, p)
                    plan.say(lesson._file, f"placement of bank '{ident}' removed")
                    continue
                review = p.get("review")
                if isinstance(review, list) and gone & set(review):
                    for q in [q for q in review if q in gone]:
                        remove_item(review, q)
                    if review:
                        plan.say(lesson._file, "review: the bank's questions removed")
                    else:
                        remove_item(seq, p)
                        plan.say(lesson._file, "review left empty, removed")
    else:  # pragma: no cover - argparse limits the choices
        raise RefactorError(f"cannot remove a {kind}")
    return plan


# --------------------------------------------------------------------------- apply


def check_plan(plan: Plan) -> Report:
    """Check the course as it would be after the plan, in a scratch copy; the project is
    untouched."""
    project = plan.project
    with tempfile.TemporaryDirectory(prefix="course-refactor-") as tmp:
        root = Path(tmp)
        for folder in (project.course_dir, project.quizzes_dir):
            src = project.root / folder
            if src.is_dir():
                shutil.copytree(src, root / folder)
        for rel, text in plan.outputs().items():
            path = root / rel
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        report = Report()
        scratch = Project(root, project.course_dir, project.quizzes_dir)
        course = load_course(scratch, report)
        validate_course(course, report)
        return report


def apply_plan(plan: Plan) -> None:
    """Write, rename and delete the planned files (after :func:`check_plan` passed)."""
    for rel, text in plan.outputs().items():
        path = plan.project.root / rel
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")


def carry_out(plan: Plan, dry_run: bool = False) -> Report:
    """Check the plan and, if the result has no errors (and not ``dry_run``), apply it; the check's
    report."""
    report = check_plan(plan)
    if not report.errors and not dry_run:
        apply_plan(plan)
    return report
