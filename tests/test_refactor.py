"""`course rename` and `course remove` (generator/authoring/refactor.py) on the tiny inline
course."""

from __future__ import annotations

from pathlib import Path

from course_fixture import LESSON_ONE, MANIFEST, check_lines

from generator.authoring.yamledit import YamlDoc
from generator.commands.main import main

COMMENTED = "# My course, my comments.\n" + MANIFEST.replace(
    "lessons: [one, two]", "lessons: [one, two]   # teaching order"
)


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*.yml"))}


def _run(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().err.splitlines()


def test_round_trip_keeps_the_file_exactly():
    text = (
        "# top\n"
        "id: x   # keep\n"
        "list:\n"
        "  - a\n"
        "  - b  # b!\n"
        "flow: [a, 'b']\n"
        "body: |\n"
        "  Line one\n"
        "  line two\n"
    )
    doc = YamlDoc(text)
    assert doc.text() == text
    doc.data["list"][1] = "c"
    assert doc.text() == text.replace("  - b  # b!", "  - c  # b!")


def test_rename_lesson_rewrites_every_reference_and_keeps_comments(make_course, capsys):
    root = make_course({"course/course.yml": COMMENTED})
    before = _files(root)
    code, err = _run(capsys, "rename", "lesson", "two", "second", "--project", str(root))
    assert code == 0, err
    assert err == [
        "changed course/lessons/two.yml: id 'two' -> 'second'",
        "changed course/course.yml: lessons: 'two' -> 'second'",
        "changed course/lessons/two.yml: objectives 'two-o1' -> 'second-o1'",
        "changed quizzes/bank-two.yml: objectives in 1 question",
        "changed course/lessons/one.yml: links lesson:two -> lesson:second (1 text)",
        "changed course/lessons/two.yml: file renamed to course/lessons/second.yml",
        "rename lesson: done; course check passes.",
    ]
    after = _files(root)
    assert "course/lessons/two.yml" not in after
    assert after["course/course.yml"] == before["course/course.yml"].replace(
        "[one, two]   #", "[one, second] #"
    )  # the comment keeps its column where it can
    assert after["course/lessons/one.yml"] == before["course/lessons/one.yml"].replace(
        "(lesson:two#more)", "(lesson:second#more)"
    )
    assert after["course/lessons/second.yml"] == before["course/lessons/two.yml"].replace(
        "id: two\n", "id: second\n"
    ).replace("id: two-o1", "id: second-o1")
    assert after["quizzes/bank-two.yml"] == before["quizzes/bank-two.yml"].replace(
        "[two-o1]", "[second-o1]"
    )
    assert [item for item in check_lines(root) if ": info:" not in item] == []


def test_rename_question_updates_review_lists_and_warns_about_saved_answers(make_course, capsys):
    root = make_course()
    before = _files(root)
    code, err = _run(capsys, "rename", "question", "q1", "first-q", "--project", str(root))
    assert code == 0, err
    assert (
        "warning: learners' saved answers to 'q1' are stored under that id: after the rename they "
        "start again on 'first-q'." in err
    )
    after = _files(root)
    assert after["quizzes/bank-one.yml"] == before["quizzes/bank-one.yml"].replace(
        "- id: q1\n", "- id: first-q\n"
    )
    assert after["course/lessons/two.yml"] == before["course/lessons/two.yml"].replace(
        "review: [q1]", "review: [first-q]"
    )


def test_rename_bank_updates_placements(make_course, capsys):
    root = make_course()
    code, err = _run(capsys, "rename", "bank", "bank-one", "intro-bank", "--project", str(root))
    assert code == 0, err
    assert "changed quizzes/bank-one.yml: file renamed to quizzes/intro-bank.yml" in err
    after = _files(root)
    assert "  - bank: intro-bank\n" in after["course/lessons/one.yml"]
    assert (
        after["quizzes/intro-bank.yml"].startswith("id: intro-bank\n")
        and "quizzes/bank-one.yml" not in after
    )


def test_remove_bank_takes_out_its_placement(make_course, capsys):
    root = make_course()
    code, err = _run(capsys, "remove", "bank", "bank-two", "--project", str(root))
    assert code == 0, err
    assert err[:2] == [
        "changed quizzes/bank-two.yml: deleted",
        "changed course/lessons/two.yml: placement of bank 'bank-two' removed",
    ]
    after = _files(root)
    assert "quizzes/bank-two.yml" not in after
    assert after["course/lessons/two.yml"].endswith("assessments:\n  - review: [q1]\n")


def test_remove_refuses_when_the_result_would_not_pass_check(make_course, capsys):
    root = make_course()
    before = _files(root)
    code, err = _run(capsys, "remove", "lesson", "one", "--project", str(root))
    assert code == 1
    assert (
        "quizzes/bank-one.yml:5: question 'q1': the objective 'one-o1' is not defined in any "
        "lesson. Did you mean 'two-o1'?" in err
    )
    assert err[-1:] == [
        "error: remove lesson: the course would not pass `course check` afterwards (see above), "
        "so nothing was changed. "
        "Its quiz banks stay: remove them first (course remove bank bank-one), or point their "
        "questions at another lesson's objectives",
    ]
    assert _files(root) == before


def test_remove_lesson_makes_links_to_it_plain_text(make_course, capsys):
    root = make_course()
    assert (
        _run(capsys, "remove", "bank", "bank-two", "--project", str(root))[0] == 0
    )  # its bank first
    code, err = _run(capsys, "remove", "lesson", "two", "--dry-run", "--project", str(root))
    assert code == 0, err
    assert (
        "would change course/lessons/one.yml: links to lesson:two made plain text (1 text)" in err
    )
    assert (root / "course/lessons/two.yml").is_file()  # a dry run writes nothing
    code, err = _run(capsys, "remove", "lesson", "two", "--project", str(root))
    assert code == 0, err
    assert not (root / "course/lessons/two.yml").exists()
    assert (root / "course/lessons/one.yml").read_text() == LESSON_ONE.replace(
        "[the second lesson](lesson:two#more)", "the second lesson"
    )


def test_unknown_or_taken_ids_are_refused(make_course, capsys):
    root = make_course()
    assert _run(capsys, "rename", "lesson", "tow", "x", "--project", str(root)) == (
        1,
        ["error: no lesson has the id 'tow'. Did you mean 'two'? Nothing was changed"],
    )
    assert _run(capsys, "rename", "question", "q1", "sc", "--project", str(root)) == (
        1,
        [
            "error: a question with the id 'sc' already exists. Choose another id. Nothing was "
            "changed"
        ],
    )
    assert _run(capsys, "rename", "question", "q1", "constructor", "--project", str(root)) == (
        1,
        [
            "error: 'constructor' is a name every JavaScript object already has, so the browser "
            "could not keep answers under it. Choose another id, e.g. 'constructor-1'. Nothing "
            "was changed"
        ],
    )


def test_removing_the_last_placement_leaves_valid_yaml(make_course, capsys):
    root = make_course(
        {
            "course/lessons/one.yml": LESSON_ONE.replace(
                "assessments:\n", "assessments:   # what the page asks\n"
            )
        }
    )
    code, err = _run(capsys, "remove", "bank", "bank-one", "--dry-run", "--project", str(root))
    # bank-one's q1 is in lesson two's review: the review is emptied and removed as well.
    assert code == 0, err
    from generator.authoring.refactor import plan_remove
    from generator.core.layout import Project

    text = plan_remove(Project(root), "bank", "bank-one").outputs()["course/lessons/one.yml"]
    assert text is not None and text.endswith("assessments: [] # what the page asks\n")
