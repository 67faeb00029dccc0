"""`course stats`: words, reading time, questions by type and objective coverage per lesson."""

from __future__ import annotations

import json

from course_fixture import LESSON_ONE
from generator.site.pipeline import check_course
from generator.commands.main import main
from generator.core.layout import Project
from generator.authoring.stats import collect_stats, count_words, format_json, format_table, reading_minutes


def test_count_words_skips_link_targets_and_markup():
    assert count_words("Some *text*. See [the second lesson](lesson:two#more).") == 6
    assert count_words("It's a well-known fact — 3 times.") == 6
    assert count_words("") == 0


def test_reading_minutes_rounds_up_at_200_words_a_minute():
    assert [reading_minutes(n) for n in (0, 1, 200, 201, 1000)] == [0, 1, 1, 2, 5]


def stats_of(root):
    course, report = check_course(Project(root))
    assert report.errors == []
    return collect_stats(course)


def test_stats_of_the_fixture_course(make_course):
    stats = stats_of(make_course())
    one, two = stats
    assert (one.id, one.words, one.reading_minutes, one.minutes) == ("one", 6, 1, 10)
    assert one.questions == {"single_choice": 1, "multiple_choice": 0, "ordering": 0, "self_check": 0, "reflection": 0}
    assert [(o.id, o.questions) for o in one.objectives] == [("one-o1", ["q1"])]
    assert two.questions["self_check"] == 1 and two.review == 1
    assert [(o.id, o.questions) for o in two.objectives] == [("two-o1", ["sc"])]


def test_unassessed_objective_and_question_subset(make_course):
    lesson = LESSON_ONE.replace("""objectives:
  - id: one-o1""", """objectives:
  - id: one-o0
    text: Something not assessed.
  - id: one-o1""").replace("    title: Check your understanding\n", "    title: Check\n    questions: [q1]\n")
    stats = stats_of(make_course({"course/lessons/one.yml": lesson}))
    assert [(o.id, o.questions) for o in stats[0].objectives] == [("one-o0", []), ("one-o1", ["q1"])]
    table = format_table(stats)
    assert "one one-o0 none: not assessed on this page" in [" ".join(line.split()) for line in table.splitlines()]
    assert "1/2 assessed" in table


def test_table_layout(make_course):
    lines = format_table(stats_of(make_course())).splitlines()
    assert lines[0].split() == ["#", "lesson", "words", "read", "est.", "single", "multi", "order", "self", "reflect", "review", "objectives"]
    assert set(lines[1]) == {"-"}
    assert lines[2].split() == ["1", "one", "6", "1", "min", "10", "min", "1", "0", "0", "0", "0", "0", "1/1", "assessed"]
    assert lines[5].split()[:3] == ["total", "8", "1"]
    assert "Objectives and the questions that assess them:" in lines


def test_json_for_scripts(make_course, capsys):
    root = make_course()
    assert main(["stats", "--format", "json", "--project", str(root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["words_per_minute"] == 200
    assert [l["id"] for l in data["lessons"]] == ["one", "two"]
    assert data["lessons"][1]["objectives"] == [{"id": "two-o1", "text": "Reflect on yourself.", "questions": ["sc"]}]
    assert data["totals"] == {"lessons": 2, "words": 8, "reading_minutes": 1, "minutes": 15,
                              "questions": {"single_choice": 1, "multiple_choice": 0, "ordering": 0, "self_check": 1, "reflection": 0},
                              "review": 1, "reflections": 0, "objectives": 2, "objectives_assessed": 2}
    assert json.loads(format_json(stats_of(root))) == data


def test_stats_refuses_a_course_with_errors(make_course, capsys):
    root = make_course({"quizzes/bank-one.yml": "id: bank-one\nquestions: []\n"})
    assert main(["stats", "--project", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "quizzes/bank-one.yml:2: bank 'bank-one': 'questions' is empty. Give at least 1 entry." in captured.err
    assert "error: the course has errors (failed: 1 error, 0 warnings); fix them first (course check)" in captured.err
