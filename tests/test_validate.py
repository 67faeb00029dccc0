"""Every validation rule, each with the smallest bad input and its exact message."""

import pytest
from course_fixture import BANK_ONE, BANK_TWO, LESSON_ONE, LESSON_TWO, MANIFEST, check_lines

CASES = {
    "unknown_key": {
        "course/lessons/one.yml": LESSON_ONE.replace("minutes: 10", "minutes: 10\ntitel: x")
    },
    "wrong_type": {"course/lessons/one.yml": LESSON_ONE.replace("minutes: 10", "minutes: ten")},
    "missing": {"course/lessons/one.yml": LESSON_ONE.replace("summary: The first lesson.\n", "")},
    "bad_type": {"quizzes/bank-one.yml": BANK_ONE.replace("type: single_choice", "type: single")},
    "dup_lesson_copy": {"course/lessons/one-copy.yml": LESSON_ONE},
    "dup_question": {"quizzes/bank-two.yml": BANK_TWO.replace("id: sc\n", "id: q1\n")},
    "dangling_bank": {
        "course/lessons/one.yml": LESSON_ONE.replace("bank: bank-one", "bank: bank-on")
    },
    "dangling_objective": {
        "quizzes/bank-one.yml": BANK_ONE.replace("objectives: [one-o1]", "objectives: [one-o2]")
    },
    "dangling_ref": {
        "course/lessons/one.yml": LESSON_ONE.replace("references: [ref1]", "references: [ref2]")
    },
    "dangling_link": {
        "course/lessons/one.yml": LESSON_ONE.replace("lesson:two#more", "lesson:two#mor")
    },
    "dangling_reference_link": {
        "course/lessons/one.yml": LESSON_ONE.replace(
            "See [the second lesson](lesson:two#more).",
            "See [the second lesson][more].\n\n      [more]: lesson:nowhere#more",
        )
    },
    "dangling_lesson_link": {
        "course/lessons/one.yml": LESSON_ONE.replace("lesson:two#more", "lesson:tow")
    },
    "review_later": {"course/lessons/one.yml": LESSON_ONE + "  - review: [q1]\n"},
    "no_correct": {"quizzes/bank-one.yml": BANK_ONE.replace("correct: true", "correct: false")},
    "two_correct": {
        "quizzes/bank-one.yml": BANK_ONE.replace(
            "        feedback: No, because it is not.",
            "        correct: true\n        feedback: No, because it is not.",
        )
    },
    "multi_all": {
        "quizzes/bank-one.yml": BANK_ONE.replace("single_choice", "multiple_choice").replace(
            "        feedback: No, because it is not.",
            "        correct: true\n        feedback: No, because it is not.",
        )
    },
    "dup_option_text": {
        "quizzes/bank-one.yml": BANK_ONE.replace("text: That one", "text: this  one")
    },
    "one_option": {"quizzes/bank-one.yml": BANK_ONE.split("      - id: b")[0]},
    "no_feedback": {
        "quizzes/bank-one.yml": BANK_ONE.replace("        feedback: No, because it is not.\n", "")
    },
    "band_gap": {"quizzes/bank-two.yml": BANK_TWO.replace('when: "mean >= 2"', 'when: "mean > 2"')},
    "band_overlap": {
        "quizzes/bank-two.yml": BANK_TWO.replace('when: "mean < 2"', 'when: "mean <= 2"')
    },
    "band_parse": {
        "quizzes/bank-two.yml": BANK_TWO.replace('when: "mean < 2"', 'when: "average < 2"')
    },
    "band_text_missing": {
        "quizzes/bank-two.yml": BANK_TWO.replace(
            "band_text: {low: Low text., high: High text.}", "band_text: {low: Low text.}"
        )
    },
    "empty_subscale": {
        "quizzes/bank-two.yml": BANK_TWO.replace(
            "        band_text: {low: Low text., high: High text.}",
            "        band_text: {low: Low text., high: High text.}\n      - id: s2\n        "
            "title: Two\n        band_text: {low: a, high: b}",
        )
    },
    "bad_subscale": {
        "quizzes/bank-two.yml": BANK_TWO.replace("subscale: s1, reverse", "subscale: s2, reverse")
    },
    "max_missing": {
        "quizzes/bank-two.yml": BANK_TWO.replace(
            "    bands:", "    scoring: {max_missing: 2}\n    bands:"
        )
    },
    "anchors_gap": {
        "quizzes/bank-two.yml": BANK_TWO.replace(
            "{value: 3, label: Often}", "{value: 4, label: Often}"
        )
    },
    "unused_bank": {
        "quizzes/extra.yml": "id: extra\nquestions:\n  - id: x1\n    type: reflection\n    "
        "prompt: Think.\n"
    },
    "uncovered_objective": {
        "quizzes/bank-one.yml": BANK_ONE.replace("objectives: [one-o1]", "objectives: []")
    },
    "missing_manifest": {"course/course.yml": None},
    "manifest_lesson_missing": {
        "course/course.yml": MANIFEST.replace("lessons: [one, two]", "lessons: [one, two, three]")
    },
    "slug_clash": {
        "course/lessons/two.yml": LESSON_TWO.replace("slug: lesson-two", "slug: lesson-one")
    },
    "reserved_slug": {
        "course/lessons/two.yml": LESSON_TWO.replace("slug: lesson-two", "slug: glossary")
    },
    "string_as_number": {"quizzes/bank-one.yml": BANK_ONE.replace("text: This one", "text: 42")},
    "after_missing": {
        "course/lessons/one.yml": LESSON_ONE.replace(
            "    title: Check your understanding", "    title: Check\n    after: intr"
        )
    },
    "objective_section": {
        "course/lessons/one.yml": LESSON_ONE.replace("section: intro", "section: intra")
    },
    "dup_item_id": {"quizzes/bank-two.yml": BANK_TWO.replace("{id: i2,", "{id: i1,")},
    "ordering_dup": {
        "quizzes/bank-one.yml": BANK_ONE
        + "  - id: q9\n    type: ordering\n    prompt: Order.\n    explanation: Because.\n    "
        "items:\n      - {id: a, text: First}\n      - {id: a, text: Second}\n"
    },
    "dup_anchor_label": {
        "quizzes/bank-two.yml": BANK_TWO.replace(
            "{value: 3, label: Often}", "{value: 3, label: never}"
        )
    },
    "mapping_for_list": {
        "course/lessons/one.yml": LESSON_ONE.replace("references: [ref1]", "references: {ref1: x}")
    },
    "raw_html": {"course/course.yml": MANIFEST + "allow_raw_html: true\n"},
    "script_in_body": {
        "course/lessons/two.yml": LESSON_TWO.replace(
            "body: More text.", "body: More <script>alert(1)</script> text."
        )
    },
}

EXPECTED = {
    "dup_anchor_label": [
        "quizzes/bank-two.yml:13: question 'sc': anchor 3 has the same text as anchor 1. Make "
        "each anchor say something different."
    ],
    "unknown_key": [
        "course/lessons/one.yml:6: lesson 'one': unknown key 'titel'. Did you mean 'title'?"
    ],
    "wrong_type": [
        "course/lessons/one.yml:5: lesson 'one': 'minutes' should be a whole number, but it is "
        "text ('ten'). Write the number without quotes."
    ],
    "missing": [
        "course/lessons/one.yml:1: lesson 'one': the required key 'summary' is missing. Add "
        "'summary:' (One or two sentences shown in the lesson index and under the title)."
    ],
    "bad_type": [
        "quizzes/bank-one.yml:4: question 'q1': unknown question type 'single'. Did you mean "
        "'single_choice'?"
    ],
    "dup_lesson_copy": [
        "course/lessons/one.yml:1: lesson 'one': the id 'one' is already used by "
        "course/lessons/one-copy.yml:1. Give each file its own id (a copied file keeps the old "
        "one).",
        "course/lessons/one.yml:7: objective 'one-o1': the objective id is already used in "
        "course/lessons/one-copy.yml. Objective ids must be unique across the course.",
    ],
    "dup_question": [
        "course/lessons/two.yml:15: lesson 'two', assessment 2: the question 'q1' appears twice "
        "on this page. Show each question once per lesson.",
        "quizzes/bank-two.yml:3: question 'q1': the question id is already used at "
        "quizzes/bank-one.yml:3. Question ids must be unique across the course, because answers "
        "are stored under them.",
        "course/lessons/one.yml:7: warning: lesson 'one', objective 'one-o1': no question on the "
        "lesson's page assesses this objective. Add 'one-o1' to the 'objectives' of a question "
        "placed in this lesson.",
    ],
    "dangling_bank": [
        "course/lessons/one.yml:17: lesson 'one', assessment 1: no quiz bank has the id "
        "'bank-on'. Did you mean 'bank-one'?",
        "course/lessons/two.yml:15: lesson 'two', assessment 2: the review item 'q1' is not "
        "placed in an earlier lesson. Spaced review repeats questions the learner met before: "
        "place it in an earlier lesson first.",
        "course/lessons/one.yml:7: warning: lesson 'one', objective 'one-o1': no question on the "
        "lesson's page assesses this objective. Add 'one-o1' to the 'objectives' of a question "
        "placed in this lesson.",
        "quizzes/bank-one.yml:1: warning: bank 'bank-one': no lesson places this bank, so "
        "learners never see it. Add '- bank: bank-one' to a lesson's 'assessments', or delete "
        "the file.",
    ],
    "dangling_objective": [
        "quizzes/bank-one.yml:5: question 'q1': the objective 'one-o2' is not defined in any "
        "lesson. Did you mean 'one-o1'?",
        "course/lessons/one.yml:7: warning: lesson 'one', objective 'one-o1': no question on the "
        "lesson's page assesses this objective. Add 'one-o1' to the 'objectives' of a question "
        "placed in this lesson.",
    ],
    "dangling_ref": [
        "course/lessons/one.yml:15: lesson 'one': the reference 'ref2' is not in the manifest's "
        "'references'. Did you mean 'ref1'?"
    ],
    "dangling_link": [
        "course/lessons/one.yml:14: lesson 'one', section 'intro': the link 'lesson:two#mor' "
        "points to an anchor that does not exist on 'two'. Did you mean 'more'?"
    ],
    "dangling_reference_link": [
        "course/lessons/one.yml:16: lesson 'one', section 'intro': the link 'lesson:nowhere#more' "
        "points to no lesson 'nowhere'. Use an id from the manifest's 'lessons'."
    ],
    "dangling_lesson_link": [
        "course/lessons/one.yml:14: lesson 'one', section 'intro': the link 'lesson:tow' points "
        "to no lesson 'tow'. Did you mean 'two'?"
    ],
    "review_later": [
        "course/lessons/one.yml:19: lesson 'one', assessment 2: the review item 'q1' is not "
        "placed in an earlier lesson. Spaced review repeats questions the learner met before: "
        "place it in an earlier lesson first."
    ],
    "no_correct": [
        "quizzes/bank-one.yml:7: question 'q1': no option is marked 'correct: true'. A "
        "single_choice question needs exactly one correct option."
    ],
    "two_correct": [
        "quizzes/bank-one.yml:7: question 'q1': 2 options are marked correct. A single_choice "
        "question has exactly one; use type: multiple_choice for several."
    ],
    "multi_all": [
        "quizzes/bank-one.yml:7: question 'q1': every option is marked correct, so the question "
        "cannot go wrong. Add at least one plausible incorrect option."
    ],
    "dup_option_text": [
        "quizzes/bank-one.yml:12: question 'q1': option 2 has the same text as option 1. Make "
        "each option say something different."
    ],
    "one_option": [
        "quizzes/bank-one.yml:7: question 'q1': 'options' has too few entries. Give at least 2 "
        "entries."
    ],
    "no_feedback": [
        "quizzes/bank-one.yml:12: question 'q1', option 'b': the required key 'feedback' is "
        "missing. Add 'feedback:' (Why this option fits or does not; shown when the learner "
        "picks it)."
    ],
    "band_gap": [
        "quizzes/bank-two.yml:15: question 'sc': for subscale 's1': a mean of 2 (sum 2 over 1 "
        "answered item) falls in no band. Make the bands meet without gaps or overlaps, e.g. "
        "'mean < 2.5', '2.5 <= mean <= 3.5', 'mean > 3.5'.",
        "quizzes/bank-two.yml:15: question 'sc': for the overall score: a mean of 2 (sum 2 over 1 "
        "answered item) falls in no band. Make the bands meet without gaps or overlaps, e.g. "
        "'mean < 2.5', '2.5 <= mean <= 3.5', 'mean > 3.5'.",
    ],
    "band_overlap": [
        "quizzes/bank-two.yml:15: question 'sc': for subscale 's1': a mean of 2 (sum 2 over 1 "
        "answered item) falls in more than one band (low, high). Make the bands meet without "
        "gaps or overlaps, e.g. 'mean < 2.5', '2.5 <= mean <= 3.5', 'mean > 3.5'.",
        "quizzes/bank-two.yml:15: question 'sc': for the overall score: a mean of 2 (sum 2 over 1 "
        "answered item) falls in more than one band (low, high). Make the bands meet without "
        "gaps or overlaps, e.g. 'mean < 2.5', '2.5 <= mean <= 3.5', 'mean > 3.5'.",
    ],
    "band_parse": [
        "quizzes/bank-two.yml:16: question 'sc', band 'low': 'average < 2' is not a range of the "
        "mean. Write it as 'mean < 2.5', '2.5 <= mean <= 3.5' or 'mean > 3.5'."
    ],
    "band_text_missing": [
        "quizzes/bank-two.yml:21: question 'sc', subscale 's1': band_text has no text for the "
        "band 'high'. Add 'high:' with the interpretation for that band."
    ],
    "empty_subscale": [
        "quizzes/bank-two.yml:22: question 'sc', subscale 's2': no item belongs to this subscale. "
        "Add items with 'subscale: s2', or remove the subscale."
    ],
    "bad_subscale": [
        "quizzes/bank-two.yml:3: question 'sc', subscale 's1': max_missing is 1 but the subscale "
        "has only 1 item, so it could be scored with no answers. Set max_missing below 1.",
        "quizzes/bank-two.yml:26: question 'sc', item 'i2': the subscale 's2' is not defined. Use "
        "one of: s1.",
    ],
    "max_missing": [
        "quizzes/bank-two.yml:15: question 'sc', subscale 's1': max_missing is 2 but the subscale "
        "has only 2 items, so it could be scored with no answers. Set max_missing below 2."
    ],
    "anchors_gap": [
        "quizzes/bank-two.yml:10: question 'sc': the anchors' values are [1, 2, 4], not whole "
        "numbers counting up by one. Number them [1, 2, 3], lowest first, one anchor per score."
    ],
    "unused_bank": [
        "quizzes/extra.yml:1: warning: bank 'extra': no lesson places this bank, so learners "
        "never see it. Add '- bank: extra' to a lesson's 'assessments', or delete the file."
    ],
    "uncovered_objective": [
        "course/lessons/one.yml:7: warning: lesson 'one', objective 'one-o1': no question on the "
        "lesson's page assesses this objective. Add 'one-o1' to the 'objectives' of a question "
        "placed in this lesson."
    ],
    "missing_manifest": [
        "course/course.yml: the course manifest is missing. Create course/course.yml with the "
        "course title, lessons and references (see docs/authoring.md)."
    ],
    "manifest_lesson_missing": [
        "course/course.yml:6: manifest: lessons lists 'three', but no lesson file has that id. "
        "Create course/lessons/three.yml with 'id: three', or remove it from 'lessons'."
    ],
    "slug_clash": [
        "course/lessons/two.yml:2: lesson 'two': the slug 'lesson-one' is already used by "
        "course/lessons/one.yml:2. Two pages cannot be written to the same address: change one "
        "slug."
    ],
    "reserved_slug": [
        "course/lessons/two.yml:2: lesson 'two': the slug 'glossary' is reserved for a generated "
        "page. Choose another slug (reserved: 404, assets, glossary, index, lessons, references, "
        "search)."
    ],
    "string_as_number": [
        "quizzes/bank-one.yml:9: question 'q1', option 'a': 'text' should be text, but it is a "
        'number (42). Put the value in quotes: text: "42".'
    ],
    "after_missing": [
        "course/lessons/one.yml:19: lesson 'one', assessment 1: 'after' names the section 'intr', "
        "which does not exist in this lesson. Did you mean 'intro'?"
    ],
    "objective_section": [
        "course/lessons/one.yml:9: lesson 'one', objective 'one-o1': the section 'intra' does not "
        "exist in this lesson. Did you mean 'intro'?"
    ],
    "dup_item_id": [
        "quizzes/bank-two.yml:26: question 'sc': the item id 'i1' is used twice. Give each item "
        "its own id."
    ],
    "ordering_dup": [
        "quizzes/bank-one.yml:21: question 'q9': the item id 'a' is used twice. Give each item "
        "its own id."
    ],
    "mapping_for_list": [
        "course/lessons/one.yml:15: lesson 'one': 'references' should be a list, but it is a "
        "mapping. Check the indentation and the value's form."
    ],
    "raw_html": [
        "course/course.yml:12: warning: manifest: raw HTML is allowed in quiz text and lesson and "
        "page bodies are not sanitised, so a mistake or a hostile contribution reaches learners' "
        "pages. Leave allow_raw_html off unless every contributor is trusted."
    ],
    "script_in_body": [
        "course/lessons/two.yml:12: warning: lesson 'two', section 'more': the sanitiser removes "
        "<script> from this text. Remove it, or set 'allow_raw_html: true' in the manifest if "
        "every author is trusted (docs/security.md)."
    ],
}


@pytest.mark.parametrize("name", list(CASES))
def test_case_changes_the_base_course(name):
    """Every case's edit took effect (a .replace() whose text is not found changes nothing)."""
    from course_fixture import BASE_FILES

    assert any(BASE_FILES.get(path) != text for path, text in CASES[name].items()), name


@pytest.mark.parametrize("name", list(CASES))
def test_rule(make_course, name):
    root = make_course(CASES[name])
    lines = [item for item in check_lines(root) if not item.startswith("info:")]
    assert lines == EXPECTED[name]


def test_base_course_is_clean(make_course):
    assert check_lines(make_course()) == []


def test_missing_key_hint_keeps_an_abbreviation_whole(make_course):
    """The hint quotes the field's first sentence; "e.g." inside it does not end the sentence."""
    root = make_course(
        {"quizzes/bank-two.yml": BANK_TWO.replace("    instructions: Rate each statement.\n", "")}
    )
    lines = [item for item in check_lines(root) if not item.startswith("info:")]
    assert lines == [
        "quizzes/bank-two.yml:3: question 'sc': the required key 'instructions' is missing. Add "
        "'instructions:' "
        "(How to answer, including the time frame (e.g. 'In the past month…'))."
    ]
