"""Versioned rule sets, rules per language and the lesson-blind guessers (issue 26): the
knife-safety upgrade case, `check --quality latest`, verdicts that survive case, Unicode
normalisation, apostrophes and punctuation, German and Arabic banks without false warnings, and a
synthetic bank built to favour each guesser."""

from __future__ import annotations

import unicodedata

import pytest
from course_fixture import BANK_TWO, MANIFEST, check_lines
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.guessers import PANEL, run_panel
from generator.core.item_text import words_for
from generator.core.quality import QUESTION_RULES, RULES, question_findings
from generator.core.schema import SingleChoice

KNIFE_ITEMS = BANK_TWO.replace(
    "{id: i1, text: I do one thing., subscale: s1}",
    "{id: i1, text: I hold the knife firmly and keep my fingers curled., subscale: s1}",
).replace(
    "{id: i2, text: I do another thing., subscale: s1, reverse: true}",
    "{id: i2, text: I push down hard when the knife does not go through., subscale: s1, "
    "reverse: true}",
)


def test_knife_course_written_before_rule_sets_keeps_passing_strict(make_course):
    """A course from before rule sets (no `quality:`), unchanged: the fair double-barrelled finding
    is info, the negation in a subordinate clause is no finding at all."""
    lines = check_lines(make_course({"quizzes/bank-two.yml": KNIFE_ITEMS}))
    assert [line for line in lines if ": warning: " in line or ": error" in line] == []
    assert [line for line in lines if "double_barrelled" in line] == [
        "quizzes/bank-two.yml:25: info: question 'sc', item 'i1': the item seems to join two "
        "behaviours or people ('and keep') (heuristic) [double_barrelled, rule set 2026.11]. One "
        "answer cannot rate two things: split it into two items, or keep one; if it is "
        "deliberate, acknowledge it with 'lint: {ignore: [double_barrelled], reason: ...}'. The "
        "course follows rule set 2026.10, so this is not a warning yet: set 'quality: 2026.11' "
        "(or later) in the manifest to opt in."
    ]
    assert not [line for line in lines if "negated_item" in line]


def test_moving_quality_forward_makes_the_findings_warnings(make_course):
    files = {
        "quizzes/bank-two.yml": KNIFE_ITEMS,
        "course/course.yml": MANIFEST + "quality: 2026.12\n",
    }
    lines = check_lines(make_course(files))
    assert [line.split(": warning: ")[1][:60] for line in lines if ": warning: " in line] == [
        "question 'sc', item 'i1': the item seems to join two behavio"
    ]


def test_check_quality_latest_shows_what_moving_brings(make_course, capsys):
    from generator.commands.main import main

    root = make_course({"quizzes/bank-two.yml": KNIFE_ITEMS})
    assert main(["check", "--strict", "--no-cache", "--project", str(root)]) == 0
    assert main(["check", "--strict", "--quality", "latest", "--project", str(root)]) == 1
    err = capsys.readouterr()
    assert "[double_barrelled]" in err.out + err.err
    assert main(["check", "--quality", "2031.01", "--project", str(root)]) == 1
    assert "unknown rule set '2031.01'" in capsys.readouterr().err


def test_unknown_rule_set_in_the_manifest_is_an_error(make_course):
    lines = check_lines(make_course({"course/course.yml": MANIFEST + "quality: 2099.01\n"}))
    assert (
        "course/course.yml:12: course: 'quality' names an unknown rule set '2099.01' (newer than "
        "this generator). Upgrade the generator, or write the rule sets it knows: 2026.10, "
        "2026.11, 2026.12 (see docs/item-quality.md)."
    ) in lines


def test_unquoted_rule_set_reads_as_written(make_course):
    lines = check_lines(make_course({"course/course.yml": MANIFEST + "quality: 2026.10\n"}))
    assert not [line for line in lines if "quality" in line and "error" in line]


def test_course_new_writes_the_current_rule_set(tmp_path):
    from generator.authoring.scaffold import new_course
    from generator.core.quality import LATEST

    new_course(tmp_path / "c", "A course")
    assert f"quality: {LATEST} " in (tmp_path / "c/course/course.yml").read_text("utf-8")


# --------------------------------------------------------------------------- languages

GERMAN_BANK = """\
id: bank-one
questions:
  - id: q1
    type: single_choice
    objectives: [one-o1]
    prompt: Was hilft am ehesten, wenn ein Gespräch zu hitzig wird?
    options:
      - id: a
        text: Eine kurze Pause vereinbaren und später weiterreden
        correct: true
        feedback: Richtig, denn eine Pause senkt die Erregung, ohne das Thema zu begraben.
      - id: b
        text: Das Thema wechseln und über etwas anderes reden
        feedback: Nicht ganz. Das Thema kehrt zurück, weil es ungeklärt bleibt.
      - id: c
        text: Lauter werden, damit die eigene Sicht ankommt
        feedback: Leider nein. Lautstärke macht das Zuhören schwerer, nicht leichter.
"""

ARABIC_BANK = """\
id: bank-one
questions:
  - id: q1
    type: single_choice
    objectives: [one-o1]
    prompt: ما الذي يساعد أكثر عندما يشتد النقاش؟
    options:
      - id: a
        text: الاتفاق على استراحة قصيرة ثم العودة إلى الحديث
        correct: true
        feedback: صحيح، لأن الاستراحة تخفف التوتر دون أن تلغي الموضوع.
      - id: b
        text: تغيير الموضوع والتظاهر بأن شيئا لم يحدث
        feedback: ليس تماما. الموضوع يعود لأن شيئا لم يتضح.
      - id: c
        text: رفع الصوت حتى تصل وجهة نظرك
        feedback: للأسف لا. الصوت العالي يصعّب الإصغاء.
"""


@pytest.mark.parametrize(
    ("language", "bank"), [("de", GERMAN_BANK), ("ar", ARABIC_BANK)], ids=["de", "ar"]
)
def test_correct_german_and_arabic_banks_give_no_warning(make_course, language, bank):
    manifest = MANIFEST + f"language: {language}\nquality: 2026.12\n"
    lines = check_lines(make_course({"course/course.yml": manifest, "quizzes/bank-one.yml": bank}))
    assert [line for line in lines if ": warning: " in line or ": error" in line] == []


def test_arabic_feedback_is_read_as_words():
    w = words_for("ar")
    assert w is not None
    q = _question("ما الذي يساعد؟", ["أ", "ب"], 0, feedback="صحيح، لأن الاستراحة تخفف التوتر.")
    assert question_findings("verdict_only_feedback", q, w) == []
    q = _question("ما الذي يساعد؟", ["أ", "ب"], 0, feedback="صحيح!")
    assert len(question_findings("verdict_only_feedback", q, w)) == 2


def test_a_language_without_a_table_is_reported_once(make_course, monkeypatch):
    from generator.core import item_text

    real = item_text.words_for
    monkeypatch.setattr(
        "generator.core.quality.words_for", lambda lang: None if lang == "fr" else real(lang)
    )
    lines = check_lines(make_course({"course/course.yml": MANIFEST + "language: fr\n"}))
    notes = [line for line in lines if "do not judge" in line]
    assert len(notes) == 1 and notes[0].startswith("course/course.yml:12: info: course:")


# --------------------------------------------------------------------------- properties


def _question(prompt, texts, key, feedback="Because of a reason that matters here."):
    return SingleChoice.model_validate(
        {
            "id": "q",
            "type": "single_choice",
            "prompt": prompt,
            "options": [
                {"id": f"o{i}", "text": t, "correct": i == key, "feedback": feedback}
                for i, t in enumerate(texts)
            ],
        }
    )


CASES = [
    ("en", "Which of these is not a sign of fusion?", ["Calm talk", "Shared panic"], 0),
    ("en", "Which reply helps most?", ["Ask what they need", "You always overreact"], 0),
    ("en", "What helps?", ["Both of the above", "Take a breath"], 1),
    ("de", "Welche Aussage trifft nicht zu?", ["Ruhe hilft", "Druck hilft immer"], 0),
    ("fr", "Quelle réponse n'aide pas ?", ["Écouter d'abord", "Tu exagères toujours"], 0),
    ("es", "¿Cuál de estas opciones no ayuda?", ["Escuchar primero", "Nunca ceder"], 0),
    ("ar", "أي من هذه لا يساعد؟", ["الإصغاء أولا", "الرفض دائما"], 0),
]


def _variants(text: str, case: int, form: str, quote: bool, punct: str) -> str:
    t = unicodedata.normalize(form, text)
    t = t.replace("'", "’") if quote else t
    t = t.upper() if case == 1 else t.lower() if case == 2 else t
    return f"{punct}{t}{punct}" if punct not in "?" else t


@settings(max_examples=60, deadline=None)
@given(
    case=st.integers(0, 2),
    form=st.sampled_from(["NFC", "NFD"]),
    quote=st.booleans(),
    punct=st.sampled_from(["", "«", '"', "("]),
    index=st.integers(0, len(CASES) - 1),
)
def test_verdicts_ignore_case_normalisation_apostrophes_and_punctuation(
    case, form, quote, punct, index
):
    language, prompt, texts, key = CASES[index]
    w = words_for(language)
    assert w is not None
    base = _question(prompt, texts, key)
    varied = _question(
        _variants(prompt, case if case != 1 else 0, form, quote, ""),
        [_variants(t, case, form, quote, punct) for t in texts],
        key,
    )
    for rule in QUESTION_RULES:
        if rule in ("key_much_longer", "near_duplicate_options", "option_contains_option"):
            continue
        assert bool(question_findings(rule, base, w)) == bool(question_findings(rule, varied, w)), (
            rule,
            varied,
        )


ITEMS = [
    ("en", "I listen to my partner and I answer."),
    ("en", "I don't say what I think."),
    ("de", "Ich höre zu und antworte sofort."),
    ("fr", "Je n'écoute pas mon partenaire."),
    ("es", "No digo lo que pienso."),
    ("ar", "لا أقول ما أفكر فيه."),
]


@settings(max_examples=60, deadline=None)
@given(
    case=st.integers(0, 2),
    form=st.sampled_from(["NFC", "NFD"]),
    quote=st.booleans(),
    punct=st.sampled_from(["", "«", '"']),
    index=st.integers(0, len(ITEMS) - 1),
)
def test_item_verdicts_ignore_case_normalisation_apostrophes_and_punctuation(
    case, form, quote, punct, index
):
    from generator.core.quality import ITEM_RULES

    language, text = ITEMS[index]
    w = words_for(language)
    varied = _variants(text, case, form, quote, punct)
    for rule, judge in ITEM_RULES.items():
        assert (judge(text, w) is None) == (judge(varied, w) is None), (rule, varied)


# --------------------------------------------------------------------------- guessers

#: For each guesser, a bank of six questions in which that guesser's pick is always the key.
FAVOURS = {
    "longest": [
        ("Pick one.", ["A long and carefully worded answer", "Short", "Brief"], 0),
        ("Pick one.", ["Tiny", "The longest of the three options here", "Small"], 1),
    ],
    "most_specific": [
        ("Pick one.", ["trust grows slowly through repair honesty", "it just is", "so so"], 0),
        ("Pick one.", ["no no", "safety comes from calm steady regular care", "yes yes"], 1),
    ],
    "most_hedged": [
        ("Pick one.", ["It usually helps", "It works", "It fails"], 0),
        ("Pick one.", ["Pause", "It may often help", "Shout"], 1),
    ],
    "no_absolutes": [
        ("Pick one.", ["Talk it over", "Always give in", "Never speak"], 0),
        ("Pick one.", ["Everyone agrees", "Ask once", "Nobody cares"], 1),
    ],
    "most_moderate": [
        ("Pick one.", ["Calmly share both views", "Shout", "Leave"], 0),
        ("Pick one.", ["Demand", "Refuse", "Gently ask and listen"], 2),
    ],
    "stem_overlap": [
        ("Why does repair build trust?", ["Repair builds trust", "Cake", "Rain"], 0),
        ("What calms fear?", ["Sun", "Calm words ease fear", "Moon"], 1),
    ],
    "convergence": [
        ("Pick one.", ["red blue green", "red green", "gold blue"], 0),
        ("Pick one.", ["cat dog", "dog bird fish", "bird fish"], 1),
    ],
    "middle": [
        ("Pick one.", ["Xa", "Yb", "Zc"], 1),
        ("Pick one.", ["Qa", "Rb", "Sc"], 1),
    ],
    "shortest": [
        ("Pick one.", ["Rest", "A much longer wrong answer here", "Another long wrong one"], 0),
        ("Pick one.", ["A rather long wrong answer", "Pause", "Some other long wrong one"], 1),
    ],
}


#: The elimination guessers pick two of three options, so a bank built for them scores 50 %.
ELIMINATION = {
    "not_longest": [
        ("Pick one.", ["Ask", "Wait a moment", "A long and carefully worded wrong answer"], 0),
        ("Pick one.", ["The longest option of these three, wrong", "Pause", "Rest"], 1),
    ],
    "not_middle": [
        ("Pick one.", ["Xa", "Yb", "Zc"], 0),
        ("Pick one.", ["Qa", "Rb", "Sc"], 2),
    ],
}


@pytest.mark.parametrize("guesser", list(ELIMINATION))
def test_each_elimination_guesser_halves_the_field_on_the_bank_built_for_it(guesser):
    qs = [_question(p, t, k) for p, t, k in ELIMINATION[guesser] * 3]
    report = run_panel(qs)
    mine = next(s for s in report.scores if s.guesser == guesser)
    assert mine.share == 0.5 and mine.share > report.chance


@pytest.mark.parametrize("guesser", list(FAVOURS))
def test_each_guesser_wins_the_bank_built_for_it(guesser):
    qs = [_question(p, t, k) for p, t, k in FAVOURS[guesser] * 3]
    report = run_panel(qs)
    mine = next(s for s in report.scores if s.guesser == guesser)
    assert mine.share == 1.0 and report.best is not None and report.best.share == 1.0
    assert report.excess == pytest.approx(1.0 - report.chance)


def test_every_guesser_has_a_bank_and_every_rule_a_since():
    assert set(FAVOURS) | set(ELIMINATION) == set(PANEL)
    assert {r.since for r in RULES.values()} <= {"2026.10", "2026.11", "2026.12"}


# --------------------------------------------------------------------------- the flagship


def test_flagship_banks_cannot_be_passed_lesson_blind():
    """Issue 26: the best lesson-blind guesser scores within 10 points of chance on every bank of
    the shipped course, and the course passes the newest rule set."""
    from pathlib import Path

    from generator.core.layout import Project
    from generator.site.pipeline import check_course

    course, report = check_course(Project(Path(__file__).resolve().parent.parent))
    assert course.manifest is not None and course.manifest.quality == 2026.12
    w = words_for(course.manifest.language)
    for bank in course.banks:
        panel = run_panel(bank.questions, w)
        if panel.questions:
            assert panel.excess <= 0.10, (bank.id, panel.best)
    assert [d for d in report.warnings if "[" in d.message] == []


# --------------------------------------------------------------------------- a missing docs_dir


def test_missing_docs_dir_is_reported_by_check_and_created_by_the_build(make_course, capsys):
    """A clone of a course whose docs/ was empty has no docs/ (git keeps no empty folder)."""
    from generator.commands.main import main
    from generator.core.layout import Project
    from generator.site.pipeline import load_mkdocs_config, missing_docs_dir

    root = make_course({})
    (root / "docs").rmdir()
    assert missing_docs_dir(Project(root)) == root / "docs"
    assert main(["check", "--strict", "--no-cache", "--project", str(root)]) == 0
    out = capsys.readouterr()
    assert (
        "mkdocs.yml:1: info: mkdocs.yml: the folder 'docs' (docs_dir) does not exist, so MkDocs "
        "would stop; `course build` creates it. Git keeps no empty folder: commit a file in it "
        "(for example docs/.gitkeep) so that every clone has it."
    ) in out.out + out.err
    load_mkdocs_config(Project(root))
    assert (root / "docs").is_dir() and missing_docs_dir(Project(root)) is None


# --------------------------------------------------------------------------- per-item length cue


def test_one_glaring_key_is_flagged_on_its_own_and_near_ties_are_not_cues():
    from generator.core.item_stats import key_is_longest, length_cue

    w = words_for("en")
    glaring = _question(
        "What helps?",
        [
            "Agree a short break, name a time to come back, and use the break to calm down "
            "rather than rehearse",
            "Shout back",
            "Go quiet",
        ],
        0,
    )
    (finding,) = question_findings("key_much_longer", glaring, w)
    assert finding.problem == "the key has 98 characters and the longest distractor 10"
    near = _question("What helps?", ["Take a pause first", "Keep on talking", "Walk away now"], 0)
    assert question_findings("key_much_longer", near, w) == []
    # 18 against 15 characters: a tie of a few characters is no length cue in the bank figure.
    assert not key_is_longest(near)
    assert length_cue([near] * 6).longest == []
    assert length_cue([glaring] * 6).longest == ["q"] * 6


def test_german_frequency_scale_judges_other_person_items(make_course):
    bank = (
        BANK_TWO.replace("label: Never}", "label: Nie}")
        .replace("label: Sometimes}", "label: Manchmal}")
        .replace("label: Often}", "label: Oft}")
        .replace("text: I do one thing.", "text: Mein Partner hört mir zu.")
        .replace("text: I do another thing.", "text: Ich höre meinem Partner zu.")
    )
    manifest = MANIFEST + "language: de\nquality: 2026.12\n"
    lines = check_lines(make_course({"course/course.yml": manifest, "quizzes/bank-two.yml": bank}))
    assert [line for line in lines if ": warning: " in line] == [
        "quizzes/bank-two.yml:25: warning: question 'sc', item 'i1': the item seems to be about "
        "someone other than the respondent ('mein partner') (heuristic) [other_person_item]. A "
        "how-often scale asks what the learner does: rewrite it about the learner ('I …'); if it "
        "is deliberate, acknowledge it with 'lint: {ignore: [other_person_item], reason: ...}'."
    ]
