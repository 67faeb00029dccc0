"""The item-quality review (generator/core/quality.py): every rule on a positive and a negative
example, with its exact message, `lint` acknowledgements and their errors, and the exact tests
behind the bank rules (precision and recall: tests/test_quality_corpus.py)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from course_fixture import BANK_ONE, BANK_TWO, MANIFEST, check_lines

from generator.core.item_stats import poisson_binomial_tail, position_p_value
from generator.core.quality import RULES

BANK = "quizzes/bank-one.yml"
ITEMS = "quizzes/bank-two.yml"


LATEST_MANIFEST = MANIFEST + "quality: 2026.12\n"
"""The fixture manifest written against the newest rule set (every rule warns)."""


def lines_of(make_course, files):
    files = {"course/course.yml": LATEST_MANIFEST, **files}
    return [
        item
        for item in check_lines(make_course(files))
        if ": info: " not in item and not item.startswith("info:")
    ]


def only(rule, lines):
    """The lines of one rule."""
    return [line for line in lines if f"[{rule}]" in line]


def one(make_course, **replacements):
    """Check the fixture course with text replaced in bank-one (BANK_ONE's lines: prompt 6, options
    8-14)."""
    bank = BANK_ONE
    for old, new in replacements.values():
        assert old in bank
        bank = bank.replace(old, new)
    return lines_of(make_course, {BANK: bank})


def items(make_course, *pairs):
    bank = BANK_TWO
    for old, new in pairs:
        assert old in bank
        bank = bank.replace(old, new)
    return lines_of(make_course, {ITEMS: bank})


# --------------------------------------------------------------------------- question rules


def test_absolute_words(make_course):
    assert one(make_course, d=("text: That one", "text: That one, always")) == [
        "quizzes/bank-one.yml:13: warning: question 'q1': the distractor 'b' uses absolute words "
        "('always') and no key does [absolute_words]. "
        "Test-wise learners rule out absolute options unread: word each distractor as someone "
        "holding that misconception would; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [absolute_words], reason: ...}'."
    ]
    assert (
        one(
            make_course,
            k=("text: This one", "text: Only this one"),
            d=("text: That one", "text: That one, always"),
        )
        == []
    )


def test_hedged_key(make_course):
    assert one(
        make_course,
        k=("text: This one", "text: This one, usually"),
        d=("text: That one", "text: That one, always"),
    ) == [
        "quizzes/bank-one.yml:9: warning: question 'q1', option 'a': the key hedges ('usually') "
        "while 'b' is absolute [hedged_key]. "
        "The one qualified option stands out as right: qualify a distractor too, or state the key "
        "plainly; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [hedged_key], reason: ...}'.",
        "quizzes/bank-one.yml:13: warning: question 'q1': the distractor 'b' uses absolute words "
        "('always') and no key does [absolute_words]. "
        "Test-wise learners rule out absolute options unread: word each distractor as someone "
        "holding that misconception would; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [absolute_words], reason: ...}'.",
    ]
    # A distractor that hedges as well takes the cue away (the absolute word still warns).
    assert [
        line
        for line in one(
            make_course,
            k=("text: This one", "text: This one, usually"),
            d=("text: That one", "text: That one can always"),
        )
        if "hedged_key" in line
    ] == []


def test_option_contains_option(make_course):
    assert one(make_course, d=("text: That one", "text: This one, twice")) == [
        "quizzes/bank-one.yml:13: warning: question 'q1', option 'b': the option contains the "
        "whole text of option 'a' [option_contains_option]. "
        "An option inside another hints at the answer or makes both right: reword one of them; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [option_contains_option], "
        "reason: ...}'."
    ]
    assert (
        one(make_course, d=("text: That one", "text: Ones like this")) == []
    )  # words, not letters, must match


def test_near_duplicate_options(make_course):
    assert one(make_course, d=("text: That one", "text: This once")) == [
        "quizzes/bank-one.yml:13: warning: question 'q1', option 'b': the option is nearly the "
        "same text as option 'a' (similarity 0.94) [near_duplicate_options]. "
        "Make each option a distinct answer that a learner could hold; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [near_duplicate_options], "
        "reason: ...}'."
    ]
    assert one(make_course) == []  # 'This one' / 'That one': similarity 0.75


def test_stem_clang(make_course):
    stem = ("prompt: Which is right?", "prompt: Which step builds lasting trust between partners?")
    assert only(
        "stem_clang",
        one(
            make_course,
            s=stem,
            k=("text: This one", "text: Sharing builds lasting trust between partners"),
        ),
    ) == [
        "quizzes/bank-one.yml:9: warning: question 'q1', option 'a': the key repeats the stem's "
        "words 'builds lasting trust' and no distractor does [stem_clang]. "
        "Echoing the stem points to the key: reword the key, or let a distractor echo it too; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [stem_clang], reason: ...}'."
    ]
    assert (
        only(
            "stem_clang",
            one(
                make_course,
                s=stem,
                k=("text: This one", "text: Sharing builds lasting trust between partners"),
                d=(
                    "text: That one",
                    "text: Keeping score quietly builds lasting trust between partners",
                ),
            ),
        )
        == []
    )


NEGATIVE = (
    "quizzes/bank-one.yml:6: warning: question 'q1': the stem is negative ('not'), so a learner "
    "who misses the word picks a right answer [negative_stem]. "
    "Ask for the best answer instead; if the negative is the point, emphasise it (**not**); "
    "if it is deliberate, acknowledge it with 'lint: {ignore: [negative_stem], reason: ...}'."
)
ACK_NEGATIVE = (
    "    lint: {ignore: [negative_stem], reason: The objective is to spot the one wrong move.}\n"
    "    options:"
)


def test_negative_stem(make_course):
    assert one(make_course, s=("prompt: Which is right?", "prompt: Which is not right?")) == [
        NEGATIVE
    ]
    # Emphasised but not acknowledged: still a warning.
    assert one(make_course, s=("prompt: Which is right?", "prompt: Which is **not** right?")) == [
        NEGATIVE
    ]
    # Emphasised and acknowledged: accepted.
    assert (
        one(
            make_course,
            s=("prompt: Which is right?", "prompt: Which is **not** right?"),
            l=("    options:", ACK_NEGATIVE),
        )
        == []
    )
    assert (
        one(
            make_course,
            s=("prompt: Which is right?", "prompt: Which is NOT right?"),
            l=("    options:", ACK_NEGATIVE),
        )
        == []
    )
    # Acknowledged but not emphasised: the acknowledgement does not cover it.
    assert one(
        make_course,
        s=("prompt: Which is right?", "prompt: Which is not right?"),
        l=("    options:", ACK_NEGATIVE),
    ) == [
        "quizzes/bank-one.yml:6: warning: question 'q1': lint acknowledges the negative stem, but "
        "'not' is not emphasised [negative_stem]. "
        "Write it as **not** or NOT so that no learner misses it."
    ]
    # 'not' that does not ask for the wrong answer is no negative stem.
    assert (
        one(
            make_course,
            s=("prompt: Which is right?", "prompt: Which plan balances care with not hiding?"),
        )
        == []
    )


def test_verdict_only_feedback(make_course):
    assert one(make_course, f=("feedback: No, because it is not.", "feedback: Not quite.")) == [
        "quizzes/bank-one.yml:14: warning: question 'q1', option 'b': the feedback only gives the "
        "verdict ('Not quite.') [verdict_only_feedback]. "
        "Say why the option fits or does not, so that a learner who picked it learns something; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [verdict_only_feedback], "
        "reason: ...}'."
    ]
    assert (
        one(
            make_course,
            f=(
                "feedback: No, because it is not.",
                "feedback: Not quite. That one is the opposite.",
            ),
        )
        == []
    )


def test_all_none_of_above_stays_in_validate_and_can_be_acknowledged(make_course):
    assert one(make_course, d=("text: That one", "text: None of the above")) == [
        "quizzes/bank-one.yml:12: warning: question 'q1', option 'b': the option reads 'None of "
        "the above' [all_none_of_above]. "
        "Avoid 'all/none of the above': write a distractor that reflects a real misconception; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [all_none_of_above], reason: "
        "...}'."
    ]
    assert (
        one(
            make_course,
            d=("text: That one", "text: None of the above"),
            l=(
                "    options:",
                "    lint: {ignore: [all_none_of_above], reason: A deliberate test of the "
                "idea.}\n    options:",
            ),
        )
        == []
    )


# --------------------------------------------------------------------------- self-check items
# (heuristics)


def test_double_barrelled(make_course):
    assert items(make_course, ("text: I do one thing.", "text: I listen and I answer.")) == [
        "quizzes/bank-two.yml:25: warning: question 'sc', item 'i1': the item seems to join two "
        "behaviours or people ('and i') (heuristic) [double_barrelled]. "
        "One answer cannot rate two things: split it into two items, or keep one; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [double_barrelled], reason: "
        "...}'."
    ]
    assert items(make_course, ("text: I do one thing.", "text: I stay calm and clear.")) == []


def test_negated_item(make_course):
    assert items(make_course, ("text: I do another thing.", "text: I do not listen.")) == [
        "quizzes/bank-two.yml:26: warning: question 'sc', item 'i2': the reverse-keyed item "
        "contains a negation ('not') (heuristic) [negated_item]. "
        "Negated statements are misread on a rating scale: word it positively (describe the "
        "opposite behaviour; it stays reverse-keyed); "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [negated_item], reason: ...}'."
    ]
    assert items(make_course, ("text: I do another thing.", "text: I interrupt.")) == []


def test_other_person_item(make_course):
    assert items(make_course, ("text: I do one thing.", "text: My partner listens to me.")) == [
        "quizzes/bank-two.yml:25: warning: question 'sc', item 'i1': the item seems to be about "
        "someone other than the respondent ('my partner') (heuristic) [other_person_item]. "
        "A how-often scale asks what the learner does: rewrite it about the learner ('I …'); "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [other_person_item], reason: "
        "...}'."
    ]
    # On an agreement scale the rule cannot judge, so it stays silent.
    assert (
        items(
            make_course,
            ("text: I do one thing.", "text: My partner listens to me."),
            ("label: Never}", "label: Disagree}"),
            ("label: Sometimes}", "label: Neutral}"),
            ("label: Often}", "label: Agree}"),
        )
        == []
    )


def test_item_lint_acknowledges_an_item(make_course):
    assert (
        items(
            make_course,
            (
                "{id: i1, text: I do one thing., subscale: s1}",
                "{id: i1, text: I listen and I answer., subscale: s1, lint: {ignore: "
                "[double_barrelled], reason: Listening then answering is one skill here.}}",
            ),
        )
        == []
    )


# --------------------------------------------------------------------------- bank rules


def choice(qid: str, texts: list[str], key: int) -> str:
    """A single-choice question in 7 lines; the option ids are a, b, c."""
    out = [f"  - id: {qid}", "    type: single_choice", "    prompt: Pick one.", "    options:"]
    for i, t in enumerate(texts):
        mark = ", correct: true" if i == key else ""
        out.append(
            f"      - {{id: {'abc'[i]}, text: {t}{mark}, feedback: {t} fits or not for a reason.}}"
        )
    return "\n".join(out) + "\n"


def bank(*questions: str, lint: str = "") -> str:
    return BANK_ONE + "".join(questions) + lint


def test_longest_option_per_bank_and_course(make_course):
    long_keys = [choice(f"k{i}", ["A much longer key", "Short", "Brief"], 0) for i in range(1, 6)]
    assert only("longest_option", lines_of(make_course, {BANK: bank(*long_keys)})) == [
        "course/course.yml:1: warning: course: across the course the key is the longest option "
        "by a clear margin "
        "in 5 of 6 choice questions (bank-one 5/6); "
        "chance gives about 2.2 (p = 0.025) [longest_option]. Vary option lengths so that the "
        "longest option is not a reliable guess; "
        "banks that acknowledge 'longest_option' are left out of this count.",
        "quizzes/bank-one.yml:1: warning: bank 'bank-one': the key is the longest option by a "
        "clear margin "
        "in 5 of 6 choice questions "
        "('k1', 'k2', 'k3', 'k4' and 'k5'); chance gives about 2.2 (p = 0.025) [longest_option]. "
        "Learners who pick the longest option score well without knowing the answer: shorten keys "
        "or lengthen distractors "
        "with real misconceptions until lengths vary; if it is deliberate, acknowledge it with "
        "'lint: {ignore: [longest_option], reason: ...}'.",
    ]
    # Two long keys in six questions is what chance gives: silent.
    mixed = long_keys[:2] + [
        choice(f"m{i}", ["Key", "Much longer distractor", "Brief"], 0) for i in range(3)
    ]
    assert only("longest_option", lines_of(make_course, {BANK: bank(*mixed)})) == []
    # Four questions are too few to judge.
    assert lines_of(make_course, {BANK: bank(*long_keys[:3])}) == []
    # Acknowledged at bank level: neither the bank nor the course warns.
    ack = (
        "lint:\n"
        "  ignore: [longest_option]\n"
        "  reason: Definitions are longer than the misreadings here.\n"
    )
    assert only("longest_option", lines_of(make_course, {BANK: bank(*long_keys, lint=ack)})) == []


def test_key_position(make_course):
    first = [choice(f"p{i}", ["Red", "Blue", "Gold"], 0) for i in range(1, 9)]
    assert only("key_position", lines_of(make_course, {BANK: bank(*first)})) == [
        "quizzes/bank-one.yml:1: warning: bank 'bank-one': the key's position is far from even "
        "across 9 single-choice questions "
        "(9 at position 1, 0 at position 2, 0 at position 3; p = 0.00015) [key_position]. Move "
        "some keys so that each position holds a fair share; "
        "if it is deliberate, acknowledge it with 'lint: {ignore: [key_position], reason: ...}'."
    ]
    spread = [choice(f"p{i}", ["Red", "Blue", "Gold"], i % 3) for i in range(1, 9)]
    assert only("key_position", lines_of(make_course, {BANK: bank(*spread)})) == []
    # 7 questions: too few to judge
    assert only("key_position", lines_of(make_course, {BANK: bank(*first[:6])})) == []


def test_exact_tests():
    third = Fraction(1, 3)
    assert poisson_binomial_tail([third] * 5, 5) == Fraction(1, 243)
    assert poisson_binomial_tail([Fraction(1, 2)] + [third] * 5, 5) == Fraction(2, 81)
    assert poisson_binomial_tail([third] * 5, 0) == 1
    assert position_p_value([3] * 8, [0] * 8) == pytest.approx(
        3 / 3**8
    )  # one of three all-alike patterns
    assert position_p_value([3] * 9, [0, 1, 2] * 3) == 1.0
    # Large banks use the chi-square distribution (df = 3 here; statistic 240 for all keys in one
    # place).
    assert position_p_value([4] * 80, [0] * 80) == pytest.approx(9.6e-52, rel=0.05)
    assert position_p_value([4] * 80, [0, 1, 2, 3] * 20) == 1.0


# --------------------------------------------------------------------------- lint blocks


def test_lint_unknown_rule_wrong_place_and_empty_reason(make_course):
    lint = "    lint: {ignore: [negative_stems, key_position], reason: ' '}\n    options:"
    assert one(make_course, l=("    options:", lint)) == [
        "quizzes/bank-one.yml:7: question 'q1': lint has an empty reason. Say in a sentence why "
        "the exception is deliberate; `course stats` shows it.",
        "quizzes/bank-one.yml:7: question 'q1': lint names an unknown rule 'negative_stems'. Did "
        "you mean 'negative_stem'?",
        "quizzes/bank-one.yml:7: question 'q1': the rule 'key_position' applies to each bank, not "
        "here. Move it to the bank's 'lint' (top level of the file).",
    ]


def test_lint_without_reason_is_an_error(make_course):
    assert one(
        make_course, l=("    options:", "    lint:\n      ignore: [negative_stem]\n    options:")
    ) == [
        "quizzes/bank-one.yml:7: question 'q1': the required key 'reason' is missing. "
        "Add 'reason:' (Why the exception is deliberate, in a sentence; shown by `course stats`)."
    ]


def test_lint_that_finds_nothing_is_noted(make_course):
    lines = check_lines(
        make_course(
            {
                "course/course.yml": LATEST_MANIFEST,
                BANK: BANK_ONE.replace(
                    "    options:",
                    "    lint: {ignore: [stem_clang], reason: Kept on purpose.}\n    options:",
                ),
            }
        )
    )
    assert lines == [
        "quizzes/bank-one.yml:7: info: question 'q1': lint ignores 'stem_clang', but that rule "
        "finds nothing here. Remove it from 'ignore'."
    ]


def test_every_rule_is_documented():
    assert all(
        r.summary.endswith(".") and r.scope in ("bank", "question", "item") for r in RULES.values()
    )
    assert [k for k, r in RULES.items() if r.heuristic] == [
        "double_barrelled",
        "negated_item",
        "other_person_item",
    ]


# The heuristics' precision and recall: tests/test_quality_corpus.py (every rule, every language).


def test_lint_does_not_change_the_content_hash(make_course):
    """Acknowledging an exception is authoring metadata: learners' stored answers stay valid."""
    from generator.core.ids import content_hash
    from generator.core.layout import Project
    from generator.site.pipeline import check_course

    def hashes(bank_one: str, bank_two: str) -> list[str]:
        course, _ = check_course(Project(make_course({BANK: bank_one, ITEMS: bank_two})))
        return [content_hash(q) for b in course.banks for q in b.questions]

    with_lint = hashes(
        BANK_ONE.replace(
            "    options:", "    lint: {ignore: [stem_clang], reason: Kept.}\n    options:"
        ),
        BANK_TWO.replace(
            "subscale: s1, reverse: true}",
            "subscale: s1, reverse: true, lint: {ignore: [negated_item], reason: Kept.}}",
        ),
    )
    assert with_lint == hashes(BANK_ONE, BANK_TWO)


def test_tutorial_and_reference_name_every_rule():
    root = Path(__file__).resolve().parent.parent
    tutorial = (root / "docs" / "tutorial.md").read_text(encoding="utf-8")
    reference = (root / "docs" / "authoring.md").read_text(encoding="utf-8")
    for rule_id, rule in RULES.items():
        assert f"`{rule_id}`" in tutorial, rule_id
        assert (
            f"| `{rule_id}` |" in reference
            and rule.summary.split(" (")[0].split(":")[0] in reference
        ), rule_id
