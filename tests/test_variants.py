"""`variant_of` links a reworded question to the one it rewords; the two must share an objective
so that results on them can be compared."""

from course_fixture import BANK_ONE, check_lines

VARIANT = """  - id: q1-v2
    type: single_choice
    variant_of: {of}
    objectives: [{oid}]
    prompt: Which is right, in other words?
    options:
      - id: a
        text: The first
        correct: true
        feedback: Yes, because it is.
      - id: b
        text: The second
        feedback: No, because it is not.
"""


def _lines(make_course, of: str, oid: str) -> list[str]:
    root = make_course({"quizzes/bank-one.yml": BANK_ONE + VARIANT.format(of=of, oid=oid)})
    return [item for item in check_lines(root) if not item.startswith("info:")]


def test_a_variant_sharing_an_objective_is_accepted(make_course):
    assert _lines(make_course, "q1", "one-o1") == []


def test_a_variant_of_an_unknown_question_is_an_error(make_course):
    assert _lines(make_course, "q11", "one-o1") == [
        "quizzes/bank-one.yml:17: question 'q1-v2': 'variant_of' names 'q11', which is not "
        "another question. Did you mean 'q1'?"
    ]


def test_a_variant_of_itself_is_an_error(make_course):
    assert _lines(make_course, "q1-v2", "one-o1") == [
        "quizzes/bank-one.yml:17: question 'q1-v2': 'variant_of' names 'q1-v2', which is not "
        "another question. "
        "Name the id of the question this one rewords."
    ]


def test_a_variant_must_share_an_objective_with_its_original(make_course):
    assert _lines(make_course, "q1", "two-o1") == [
        "quizzes/bank-one.yml:17: question 'q1-v2': a variant shares no objective with 'q1', so "
        "results on the two cannot be compared. "
        "Give it one of the original's objectives: one-o1."
    ]
