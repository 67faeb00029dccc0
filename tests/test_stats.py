"""`course stats`: words, reading time, readability, questions by type, objective coverage per
lesson,
and the item-quality figures per bank and for the course."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from course_fixture import BANK_ONE, LESSON_ONE, MANIFEST
from textstat.textstat import textstatistics

from generator.authoring.stats import (
    READABILITY_FORMULA,
    Readability,
    collect_stats,
    count_words,
    course_readability,
    format_json,
    format_table,
    readability,
    reading_minutes,
)
from generator.commands.main import main
from generator.core.item_stats import collect_quality
from generator.core.layout import Project
from generator.site.pipeline import check_course


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
    assert one.questions == {
        "single_choice": 1,
        "multiple_choice": 0,
        "ordering": 0,
        "self_check": 0,
        "reflection": 0,
    }
    assert [(o.id, o.questions) for o in one.objectives] == [("one-o1", ["q1"])]
    assert two.questions["self_check"] == 1 and two.review == 1
    assert [(o.id, o.questions) for o in two.objectives] == [("two-o1", ["sc"])]


def test_unassessed_objective_and_question_subset(make_course):
    lesson = LESSON_ONE.replace(
        """objectives:
  - id: one-o1""",
        """objectives:
  - id: one-o0
    text: Something not assessed.
  - id: one-o1""",
    ).replace("    title: Check your understanding\n", "    title: Check\n    questions: [q1]\n")
    stats = stats_of(make_course({"course/lessons/one.yml": lesson}))
    assert [(o.id, o.questions) for o in stats[0].objectives] == [
        ("one-o0", []),
        ("one-o1", ["q1"]),
    ]
    table = format_table(stats)
    assert "one one-o0 none: not assessed on this page" in [
        " ".join(line.split()) for line in table.splitlines()
    ]
    assert "1/2 assessed" in table


def test_table_layout(make_course):
    lines = format_table(stats_of(make_course())).splitlines()
    assert lines[0].split() == [
        "#",
        "lesson",
        "words",
        "read",
        "est.",
        "single",
        "multi",
        "order",
        "self",
        "reflect",
        "review",
        "objectives",
    ]
    assert set(lines[1]) == {"-"}
    assert lines[2].split() == [
        "1",
        "one",
        "6",
        "1",
        "min",
        "10",
        "min",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1/1",
        "assessed",
    ]
    assert lines[5].split()[:3] == ["total", "8", "1"]
    assert "Objectives and the questions that assess them:" in lines


def test_json_for_scripts(make_course, capsys):
    root = make_course()
    assert main(["stats", "--format", "json", "--project", str(root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["words_per_minute"] == 200
    assert [item["id"] for item in data["lessons"]] == ["one", "two"]
    assert data["lessons"][1]["objectives"] == [
        {"id": "two-o1", "text": "Reflect on yourself.", "questions": ["sc"]}
    ]
    assert data["totals"] == {
        "lessons": 2,
        "words": 8,
        "reading_minutes": 1,
        "minutes": 15,
        "questions": {
            "single_choice": 1,
            "multiple_choice": 0,
            "ordering": 0,
            "self_check": 1,
            "reflection": 0,
        },
        "review": 1,
        "reflections": 0,
        "objectives": 2,
        "objectives_assessed": 2,
    }
    course, _report = check_course(Project(root))
    assert (
        json.loads(
            format_json(collect_stats(course), collect_quality(course), course_readability(course))
        )
        == data
    )
    assert data["lessons"][0]["readability"] == asdict(
        readability("Some text. See [the second lesson](lesson:two#more).")
    )
    assert (
        data["readability"]["formula"] == READABILITY_FORMULA
        and data["readability"]["language"] == "en"
    )
    bank = data["quality"]["banks"][0]
    assert bank == {
        "id": "bank-one",
        "path": "quizzes/bank-one.yml",
        "length": {
            "questions": 1,
            "key_longest": 0,
            "share": 0.0,
            "chance": 0.5,
            "p_value": None,
            "questions_key_longest": [],
        },
        "key_positions": {"questions": 1, "counts": [1, 0], "p_value": None},
        "acknowledged": [],
        "guessers": {
            "questions": 1,
            "chance": 0.5,
            "best": "longest",
            "best_share": 0.5,
            "excess": 0.0,
            "sentence": "a learner who never read lesson 1 would score 50% here (chance 50%), by "
            "'longest'",
            "scores": {
                "longest": 0.5,
                "most_specific": 0.5,
                "most_hedged": 0.5,
                "no_absolutes": 0.5,
                "most_moderate": 0.5,
                "stem_overlap": 0.5,
                "convergence": 0.5,
                "middle": 0.5,
                "shortest": 0.5,
                "not_longest": 0.5,
                "not_middle": 0.5,
            },
        },
    }
    assert data["quality"]["course"]["absolute_words"] == {
        "keys": 1,
        "keys_absolute": 0,
        "distractors": 1,
        "distractors_absolute": 0,
        "ratio": None,
    }
    assert data["quality"]["thresholds"] == {
        "length_p": 0.05,
        "length_min_questions": 5,
        "position_p": 0.01,
        "position_min_questions": 8,
        "length_margin_chars": 5,
        "length_margin_ratio": 0.1,
        "key_longer_ratio": 1.5,
        "key_longer_chars": 20,
        "guess_margin": 0.2,
        "guess_min_questions": 5,
    }


def test_stats_refuses_a_course_with_errors(make_course, capsys):
    root = make_course({"quizzes/bank-one.yml": "id: bank-one\nquestions: []\n"})
    assert main(["stats", "--project", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        "quizzes/bank-one.yml:2: bank 'bank-one': 'questions' is empty. Give at least 1 entry."
        in captured.err
    )
    assert (
        "error: the course has errors (failed: 1 error, 0 warnings); fix them first (course check)"
        in captured.err
    )


def test_readability_formulas_and_languages():
    text = "Partners who listen carefully understand each other. It was a happy evening."
    ts = textstatistics()
    ts.set_lang("en")
    words, sentences, syllables = (
        ts.lexicon_count(text),
        ts.sentence_count(text),
        ts.syllable_count(text),
    )
    assert (words, sentences) == (
        12,
        2,
    ) and 16 <= syllables <= 22  # pyphen's hyphenation undercounts a little
    got = readability(text)
    assert got.reading_ease == pytest.approx(
        206.835 - 1.015 * words / sentences - 84.6 * syllables / words, abs=0.06
    )
    assert got.grade == pytest.approx(
        0.39 * words / sentences + 11.8 * syllables / words - 15.59, abs=0.06
    )
    # Lists and headings count as sentences; link targets and markup are not words.
    assert readability(
        "# The cat\n\n- sat on the mat\n- was a [happy](lesson:x) cat"
    ) == readability("The cat. Sat on the mat. Was a happy cat.")
    german = readability("Der Hund läuft schnell über die Straße. Er ist glücklich.", "de")
    assert german.reading_ease is not None and german.grade is None  # the grade is English-only
    assert readability("Kissa istuu matolla.", "fi") == Readability(None, None)
    assert readability("", "en") == Readability(None, None)


def test_course_readability_says_when_the_language_has_no_formula(make_course):
    root = make_course({"course/course.yml": MANIFEST + "language: fi\n"})
    course, _ = check_course(Project(root))
    reading = course_readability(course)
    assert (reading["reading_ease"], reading["grade"]) == (None, None)
    assert (
        reading["note"]
        == "not computed: the Flesch formulas are adapted only to en, de, es, fr, it, nl, ru"
    )


LONG_KEYS = "".join(
    f"""  - id: k{i}
    type: single_choice
    prompt: Pick one.
    options:
      - {{id: a, text: A much longer key, correct: true, feedback: It is right for a reason.}}
      - {{id: b, text: Short, feedback: It is wrong for a reason.}}
      - {{id: c, text: Brief, feedback: It is wrong for another reason.}}
"""
    for i in range(1, 6)
)
ACK = (
    "lint:\n"
    "  ignore: [longest_option]\n"
    "  reason: Definitions are longer than the misreadings here.\n"
)


def test_quality_table_shows_the_length_cue_positions_and_acknowledged_exceptions(
    make_course, capsys
):
    root = make_course({"quizzes/bank-one.yml": BANK_ONE + LONG_KEYS + ACK})
    assert main(["stats", "--project", str(root)]) == 0
    out = capsys.readouterr().out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "bank choice key longest chance p key positions p" in lines
    assert "bank-one 6 5 (83%) 2.2 0.025 6/0/0 too few" in lines
    assert (
        "course 0 0 (0%) 0.0 too few" in lines
    )  # the acknowledged bank is left out of the course's figure
    assert (
        "Single choice: the key is the longest option (by that margin) in 5 of 6 questions (83%)."
        in lines
    )
    assert "Absolute words: in 0 of 11 distractors and 0 of 6 keys (no key has one)." in lines
    assert "Acknowledged exceptions (1):" in lines
    assert (
        "quizzes/bank-one.yml:50: bank 'bank-one': longest_option: Definitions are longer than "
        "the misreadings here." in lines
    )
    one = readability("Some text. See [the second lesson](lesson:two#more).")
    assert (
        f"one {one.reading_ease:g} {one.grade:g}" in lines
        and "Readability of the lesson text:" in lines
    )


def test_quality_json_lists_acknowledged_exceptions(make_course, capsys):
    root = make_course({"quizzes/bank-one.yml": BANK_ONE + LONG_KEYS + ACK})
    assert main(["stats", "--format", "json", "--project", str(root)]) == 0
    bank = json.loads(capsys.readouterr().out)["quality"]["banks"][0]
    assert bank["acknowledged"] == [
        {
            "path": "quizzes/bank-one.yml",
            "line": 50,
            "subject": "bank 'bank-one'",
            "rules": ["longest_option"],
            "reason": "Definitions are longer than the misreadings here.",
        }
    ]
    assert bank["length"]["questions_key_longest"] == ["k1", "k2", "k3", "k4", "k5"]
    assert bank["length"]["p_value"] == 2 / 81
