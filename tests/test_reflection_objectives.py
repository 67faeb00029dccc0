"""A reflection prompt can assess its lesson's objectives (for objectives that ask the learner
to write, plan or draft), so such an objective is not reported as unassessed."""

from course_fixture import BANK_ONE, LESSON_ONE, check_lines

REFLECTION = "reflections:\n  - id: one-r1\n    prompt: Write one.\n    objectives: [{oid}]\n"


def test_a_reflection_counts_as_assessing_its_objective(make_course):
    root = make_course(
        {
            "quizzes/bank-one.yml": BANK_ONE.replace("objectives: [one-o1]", "objectives: []"),
            "course/lessons/one.yml": LESSON_ONE + REFLECTION.format(oid="one-o1"),
        }
    )
    assert [item for item in check_lines(root) if not item.startswith("info:")] == []


def test_without_the_reflection_the_objective_is_unassessed(make_course):
    root = make_course(
        {"quizzes/bank-one.yml": BANK_ONE.replace("objectives: [one-o1]", "objectives: []")}
    )
    assert [item for item in check_lines(root) if not item.startswith("info:")] == [
        "course/lessons/one.yml:7: warning: lesson 'one', objective 'one-o1': no question on the "
        "lesson's page assesses this objective. "
        "Add 'one-o1' to the 'objectives' of a question placed in this lesson."
    ]


def test_a_reflection_naming_another_objective_is_an_error(make_course):
    root = make_course({"course/lessons/one.yml": LESSON_ONE + REFLECTION.format(oid="one-o2")})
    assert [item for item in check_lines(root) if not item.startswith("info:")] == [
        "course/lessons/one.yml:22: lesson 'one', reflection 'one-r1': the objective 'one-o2' is "
        "not one of this lesson's objectives. "
        "Did you mean 'one-o1'?"
    ]
