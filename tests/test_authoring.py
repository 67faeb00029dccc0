"""`course new`, the authoring reference and the tutorial: every scaffold passes the strict
check."""

from __future__ import annotations

import re
import shlex

import pytest
from course_fixture import MKDOCS_YML, check_lines
from support import ROOT, run_course, write_files

from generator.authoring.examples import QUESTIONS, reference_bank
from generator.authoring.jsonschema import KINDS, build_schema
from generator.authoring.reference import example_files, render_reference
from generator.authoring.scaffold import (
    AuthoringError,
    append_to_list,
    make_id,
    plan_bank,
    plan_lesson,
    write_changes,
)
from generator.commands.main import main
from generator.core.layout import Project
from generator.core.schema import QUESTION_TYPES


def test_reference_is_current():
    assert (ROOT / "docs/authoring.md").read_text(encoding="utf-8") == render_reference(), (
        "run: course reference"
    )


def test_reference_documents_every_model_and_field():
    text = render_reference()
    for kind in KINDS:
        schema = build_schema(kind)
        for name, model in [(schema["title"], schema), *schema.get("$defs", {}).items()]:
            if model is not schema:
                assert f"\n### {name}\n" in text
            section = text.split(f"\n### {name}\n", 1)[-1] if model is not schema else text
            for field, prop in model["properties"].items():
                assert f"| `{field}` |" in section, f"{name}.{field}"
                assert " ".join(prop["description"].split()).replace("|", "\\|") in text


def test_reference_has_an_example_per_question_type():
    text = render_reference()
    assert set(QUESTIONS) == set(QUESTION_TYPES)
    for qtype in QUESTION_TYPES:
        assert f"### Example: `{qtype}`" in text
        assert f"    type: {qtype}\n" in text
    assert "### Lesson example" in text
    assert "scenario:" in reference_bank("multiple_choice")


def test_reference_examples_form_a_strictly_valid_course(tmp_path):
    root = write_files(tmp_path, {"mkdocs.yml": MKDOCS_YML, **example_files()})
    assert check_lines(root) == []


def test_reference_command_writes_and_checks(tmp_path):
    out = tmp_path / "authoring.md"
    assert main(["reference", str(out), "--check"]) == 1
    assert main(["reference", str(out)]) == 0
    assert main(["reference", str(out), "--check"]) == 0


@pytest.mark.parametrize(
    "title,ident",
    [
        ("Listening well", "listening-well"),
        ("Ça va? Déjà-vu: 2 steps", "ca-va-deja-vu-2-steps"),
        ("  ", ""),
    ],
)
def test_make_id(title, ident):
    assert make_id(title) == ident


# --------------------------------------------------------------------------- text edits


def test_append_to_flow_list_keeps_the_rest():
    text = "title: T  # keep me\nlessons: [one, two]   # order\nlicense: x\n"
    assert (
        append_to_list(text, "lessons", ["three"], "three")
        == "title: T  # keep me\nlessons: [one, two, three]   # order\nlicense: x\n"
    )


def test_append_to_block_list_inserts_one_line():
    text = (
        "lessons:   # order\n"
        "  - one   # first\n"
        "  # a comment between\n"
        "  - two\n"
        "\n"
        "# trailing comment\n"
        "license: x\n"
    )
    new = append_to_list(text, "lessons", ["three"], "three")
    assert (
        new
        == "lessons:   # order\n  - one   # first\n  # a comment between\n  - two\n  - three\n\n# "
        "trailing comment\nlicense: x\n"
    )


def test_append_after_multi_line_items_and_to_missing_key():
    text = "assessments:\n- bank: a\n  title: |\n    Long\n    title\nreferences: []\n"
    new = append_to_list(text, "assessments", ["bank: b"], "{bank: b}")
    assert (
        new
        == "assessments:\n- bank: a\n  title: |\n    Long\n    title\n- bank: b\nreferences: []\n"
    )
    assert (
        append_to_list("id: x", "assessments", ["bank: b"], "{bank: b}")
        == "id: x\nassessments:\n  - bank: b\n"
    )


# --------------------------------------------------------------------------- new course / lesson /
# bank


def test_new_course_checks_and_builds_strictly(tmp_path):
    root = tmp_path / "my-course"
    assert main(["new", "course", str(root)]) == 0
    assert check_lines(root) == []
    mkdocs = (root / "mkdocs.yml").read_text()
    assert "  - search\n  - course\n" in mkdocs and "font: false" in mkdocs
    assert "\ntitle: My course  #" in (root / "course/course.yml").read_text()
    assert (root / "schemas/lesson.schema.json").is_file()
    proc = run_course("build", "--strict", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert (root / "site/first-lesson/index.html").is_file()


def test_new_course_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("mine")
    assert main(["new", "course", str(tmp_path)]) == 1
    assert f"error: {tmp_path} is not empty. Choose a new folder name" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def _manifest_id(root) -> str:
    return re.search(r"^id: (\S+)", (root / "course/course.yml").read_text("utf-8"), re.M).group(1)


def test_new_course_takes_an_id_or_makes_one_from_the_title(tmp_path):
    assert main(["new", "course", str(tmp_path / "a"), "--title", "Finanzas básicas"]) == 0
    assert _manifest_id(tmp_path / "a") == "finanzas-basicas"  # accents folded, not dropped
    arabic = "الحميمية العاطفية"
    assert main(["new", "course", str(tmp_path / "b"), "--title", arabic, "--id", "ishq"]) == 0
    assert _manifest_id(tmp_path / "b") == "ishq" and check_lines(tmp_path / "b") == []
    assert f"title: {arabic}" in (tmp_path / "b/course/course.yml").read_text("utf-8")


def test_new_course_asks_for_an_id_when_the_title_has_no_latin_letters(tmp_path, capsys):
    """Never the shared `my-course`: two such courses on one site would share saved answers."""
    root = tmp_path / "ishq"
    assert main(["new", "course", str(root), "--title", "الحميمية العاطفية"]) == 1
    assert capsys.readouterr().err == (
        "error: cannot make a course id from the title 'الحميمية العاطفية': it has no Latin "
        "letters. The id names the course's files and keys its learners' saved answers, so it "
        "must be its own. Pass one with --id, e.g. --id ishq (lower-case Latin letters, digits "
        "and dashes; a transliteration of the title works well)\n"
    )
    assert not root.exists()
    assert main(["new", "course", str(root), "--title", "X", "--id", "Not an id"]) == 1
    assert "error: the course id 'Not an id' is not an id" in capsys.readouterr().err
    assert not root.exists()


def test_new_lesson_wires_into_a_flow_style_manifest(make_course, capsys):
    root = make_course()
    before = (root / "course/course.yml").read_text()
    assert main(["new", "lesson", "Listening well", "--project", str(root)]) == 0
    after = (root / "course/course.yml").read_text()
    assert after == before.replace("lessons: [one, two]", "lessons: [one, two, listening-well]")
    lesson = (root / "course/lessons/listening-well.yml").read_text()
    assert lesson.startswith("# yaml-language-server: $schema=../../schemas/lesson.schema.json\n")
    assert "title: Listening well\n" in lesson
    assert check_lines(root) == []
    err = capsys.readouterr().err
    assert (
        "created course/lessons/listening-well.yml\ncreated "
        "quizzes/listening-well-quiz.yml\nupdated course/course.yml\n" in err
    )
    assert "check --strict: ok: 0 errors, 0 warnings in " in err


def test_new_lesson_title_needing_quotes_and_custom_id(make_course):
    root = make_course()
    project = Project(root)
    write_changes(project, plan_lesson(project, "Part 2: the #1 skill", "part-two"))
    assert 'title: "Part 2: the #1 skill"\n' in (root / "course/lessons/part-two.yml").read_text()
    assert check_lines(root) == []


@pytest.mark.parametrize(
    "title,ident,message",
    [
        ("One", "one", "a lesson with the id 'one' already exists. Pass another id with --id"),
        (
            "Lesson one",
            None,
            "a page already uses the address 'lesson-one'. Pass another id with --id",
        ),
        (
            "Glossary",
            None,
            "'glossary' is the address of a generated page. Pass another id with --id",
        ),
        ("!!!", None, "cannot make an id from '!!!'. Pass one with --id, e.g. --id my-lesson"),
    ],
)
def test_new_lesson_refusals_change_nothing(make_course, title, ident, message):
    root = make_course()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with pytest.raises(AuthoringError) as exc:
        plan_lesson(Project(root), title, ident)
    assert str(exc.value) == message
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_new_lesson_refuses_a_broken_course(make_course, capsys):
    root = make_course({"quizzes/bank-one.yml": "id: bank-one\nquestions: []\n"})
    assert main(["new", "lesson", "More", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert (
        "error: the course does not load, so nothing was added. Fix these first (course check):"
        in err
    )
    assert (
        "quizzes/bank-one.yml:2: bank 'bank-one': 'questions' is empty. Give at least 1 entry."
        in err
    )
    assert not (root / "course/lessons/more.yml").exists()


@pytest.mark.parametrize("qtype", QUESTION_TYPES)
def test_new_bank_of_each_type_is_placed_and_passes_strict(make_course, qtype):
    root = make_course()
    assert (
        main(
            [
                "new",
                "bank",
                f"Extra {qtype}",
                "--type",
                qtype,
                "--lesson",
                "one",
                "--project",
                str(root),
            ]
        )
        == 0
    )
    ident = f"extra-{qtype.replace('_', '-')}"
    lesson = (root / "course/lessons/one.yml").read_text()
    assert lesson.endswith(f"    title: Check your understanding\n  - bank: {ident}\n")
    bank = (root / f"quizzes/{ident}.yml").read_text()
    assert bank.startswith("# yaml-language-server: $schema=../schemas/bank.schema.json\n")
    assert f"type: {qtype}\n" in bank and "objectives: [one-o1]" in bank
    assert check_lines(root) == []


def test_new_bank_defaults_to_the_last_lesson_and_suggests_ids(make_course, capsys):
    root = make_course()
    project = Project(root)
    write_changes(project, plan_bank(project, "More checks"))
    assert (
        (root / "course/lessons/two.yml")
        .read_text()
        .endswith("  - review: [q1]\n  - bank: more-checks\n")
    )
    assert check_lines(root) == []
    assert main(["new", "bank", "Again", "--lesson", "tow", "--project", str(root)]) == 1
    assert (
        "error: no lesson has the id 'tow'. Did you mean 'two'? Nothing was changed"
        in capsys.readouterr().err
    )
    with pytest.raises(AuthoringError, match="a quiz bank with the id 'bank-one' already exists"):
        plan_bank(project, "Bank one")


# --------------------------------------------------------------------------- the tutorial


def _normal(line: str) -> str:
    return " ".join(re.sub(r"in \d+\.\d+ s", "in N s", line).split())


def tutorial_steps() -> list[tuple[str, str, list[str]]]:
    """('run', command, expected lines) and ('write', path, [text]) in the tutorial's order."""
    text = (ROOT / "docs/tutorial.md").read_text(encoding="utf-8")
    steps: list[tuple[str, str, list[str]]] = []
    for m in re.finditer(r"^```(\w+)([^\n]*)\n(.*?)^```$", text, re.S | re.M):
        lang, info, body = m.groups()
        if lang == "console":
            for line in body.splitlines():
                if line.startswith("$ "):
                    steps.append(("run", line[2:], []))
                elif line.strip():
                    steps[-1][2].append(line)
        title = re.search(r'title="([^"]+)"', info)
        if lang == "yaml" and title:
            steps.append(("write", title.group(1), [body]))
    return steps


def test_tutorial_replays_from_an_empty_folder(tmp_path):
    steps = tutorial_steps()
    assert [s[1] for s in steps if s[0] == "run"][:2] == [
        'course new course listening --title "Listening" --author "Ada Example"',
        "cd listening",
    ]
    cwd = tmp_path
    for kind, what, expected in steps:
        if kind == "write":
            (cwd / what).write_text(expected[0], encoding="utf-8")
            continue
        argv = shlex.split(what)
        if argv[0] == "cd":
            cwd = cwd / argv[1]
            continue
        assert argv[0] == "course", what
        proc = run_course(*argv[1:], cwd=cwd)
        assert proc.returncode == 0, f"{what}\n{proc.stderr}"
        got = {_normal(line) for line in (proc.stdout + proc.stderr).splitlines()}
        for line in expected:
            if "..." not in line:
                assert _normal(line) in got, (
                    f"{what}: expected {line!r} in\n{proc.stdout}{proc.stderr}"
                )
    assert (cwd / "site/listening-well/index.html").is_file()
    html = (cwd / "site/listening-well/index.html").read_text()
    assert "How I listen" in html and "listening-well-q1" in html


def test_new_course_publishes_as_it_is(tmp_path):
    """A fresh project: site_url from SITE_URL (sitemap, canonical links), the title from the
    manifest only."""
    root = tmp_path / "knives"
    assert main(["new", "course", str(root), "--title", "Knife skills 🔪"]) == 0
    mkdocs = (root / "mkdocs.yml").read_text()
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in mkdocs
    assert "Knife skills" not in mkdocs  # one title source: the manifest
    ignored = (root / ".gitignore").read_text().split()
    for entry in (
        "/site/",
        "/dist/",
        "/export/",
        "/lms/",
        ".site-building-*/",
        ".site-old-*/",
        ".venv/",
    ):
        assert entry in ignored
    workflow = (root / ".github/workflows/pages.yml").read_text()
    assert (
        "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in workflow
        and "run: course build --strict" in workflow
    )
    readme = (root / "README.md").read_text()
    assert (
        readme.startswith("# Knife skills 🔪\n")
        and "    course serve\n" in readme
        and "    course build --strict\n" in readme
    )
    env = {"SITE_URL": "https://example.org/knives/"}
    proc = run_course("build", "--strict", cwd=root, env=env)
    assert proc.returncode == 0, proc.stderr
    sitemap = (root / "site/sitemap.xml").read_text()
    assert (
        "<loc>https://example.org/knives/first-lesson/</loc>" in sitemap
        and "<loc>https://example.org/knives/</loc>" in sitemap
    )
    lesson = (root / "site/first-lesson/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/knives/first-lesson/">' in lesson
    assert "<title>Your first lesson - Knife skills 🔪</title>" in lesson
    assert "data-ci-quick-exit" not in lesson  # the safety kit is opt-in
