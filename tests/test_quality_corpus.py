"""Precision and recall of every item-quality rule, per language, on the labelled corpus
(tests/data/quality_corpus.yml): each rule must reach precision >= 0.9 and recall >= 0.8 in every
language it claims, and the committed figures (generator/core/quality_accuracy.json, shown by
`course stats --format json` and the benchmarks) must match what the rules measure now
(UPDATE_DOCS=1 rewrites them)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from generator.core.item_text import words_for
from generator.core.quality import ITEM_RULES, QUESTION_RULES, RULES, question_findings
from generator.core.quality_languages import TABLES
from generator.core.schema import SingleChoice

ROOT = Path(__file__).resolve().parent.parent
CORPUS = yaml.safe_load((ROOT / "tests/data/quality_corpus.yml").read_text("utf-8"))
ACCURACY = ROOT / "generator/core/quality_accuracy.json"
PRECISION, RECALL = 0.9, 0.8
OPTION_RULES = ("absolute_words", "hedged_key", "key_much_longer", "stem_clang")
PAIR_RULES = ("near_duplicate_options", "option_contains_option")


def _question(prompt: str, texts: list[str], feedback: list[str] | None = None) -> SingleChoice:
    return SingleChoice.model_validate(
        {
            "id": "q",
            "type": "single_choice",
            "prompt": prompt,
            "options": [
                {
                    "id": f"o{i}",
                    "text": t,
                    "correct": i == 0,
                    "feedback": (feedback or [])[i] if feedback and i < len(feedback) else "-",
                }
                for i, t in enumerate(texts)
            ],
        }
    )


def flagged(rule: str, case: list) -> bool:
    """Whether ``rule`` flags one corpus case (shapes in the corpus header)."""
    language, _label, *rest = case
    w = words_for(language)
    assert w is not None, language
    if rule in ITEM_RULES:
        return ITEM_RULES[rule](rest[0], w) is not None
    if rule in OPTION_RULES:
        prompt, *texts = rest
        q = _question(prompt, texts)
    elif rule in PAIR_RULES:
        q = _question("?", rest)
    elif rule == "all_none_of_above":
        q = _question("?", ["Xq", rest[0]])
    elif rule == "negative_stem":
        q = _question(rest[0], ["Xq", "Yq"])
    elif rule == "verdict_only_feedback":
        q = _question("?", ["Xq", "Yq"], [rest[0], "Because of a reason that matters here."])
    else:
        raise AssertionError(rule)
    return bool(question_findings(rule, q, w))


def measure() -> dict[str, dict[str, dict[str, float | int]]]:
    """rule -> language -> {cases, precision, recall} on the corpus."""
    out: dict[str, dict[str, dict[str, float | int]]] = {}
    for rule, cases in CORPUS.items():
        counts: dict[str, list[int]] = {}
        for case in cases:
            tp_fp_fn = counts.setdefault(case[0], [0, 0, 0, 0])
            hit, label = flagged(rule, case), bool(case[1])
            tp_fp_fn[0] += hit and label
            tp_fp_fn[1] += hit and not label
            tp_fp_fn[2] += label and not hit
            tp_fp_fn[3] += 1
        out[rule] = {
            lang: {
                "cases": n,
                "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
            }
            for lang, (tp, fp, fn, n) in sorted(counts.items())
        }
    return out


MEASURED = measure()


def test_the_corpus_covers_every_text_rule_with_both_labels_in_every_language():
    assert set(CORPUS) == set(QUESTION_RULES) | set(ITEM_RULES)
    for rule, cases in CORPUS.items():
        assert len(cases) >= 40, rule
        for lang in TABLES:
            labels = {bool(c[1]) for c in cases if c[0] == lang}
            assert labels == {True, False}, (rule, lang)


@pytest.mark.parametrize("rule", list(CORPUS))
def test_rule_reaches_its_floor_in_every_language_it_claims(rule):
    claimed = [
        lang for lang, t in TABLES.items() if not RULES[rule].reads_words or rule in t.covers
    ]
    for lang in claimed:
        got = MEASURED[rule][lang]
        print(f"{rule} {lang}: precision {got['precision']}, recall {got['recall']}")
        assert got["precision"] >= PRECISION and got["recall"] >= RECALL, (rule, lang, got)


def test_committed_figures_match_the_corpus():
    figures = {"precision_floor": PRECISION, "recall_floor": RECALL, "rules": MEASURED}
    text = json.dumps(figures, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_DOCS"):
        ACCURACY.write_text(text, "utf-8")
    assert ACCURACY.read_text("utf-8") == text, (
        "generator/core/quality_accuracy.json is stale: run UPDATE_DOCS=1 pytest "
        "tests/test_quality_corpus.py"
    )


def test_docs_list_the_rule_sets_and_the_coverage_per_language():
    from generator.core.quality import coverage_markdown

    doc = ROOT / "docs" / "item-quality.md"
    text = doc.read_text("utf-8")
    start = text.index("-->", text.index("<!-- quality:start")) + 4
    end = text.index("<!-- quality:end -->")
    if os.environ.get("UPDATE_DOCS"):
        doc.write_text(text[:start] + coverage_markdown() + text[end:], encoding="utf-8")
        return
    assert text[start:end] == coverage_markdown(), (
        "docs/item-quality.md is stale: run UPDATE_DOCS=1 pytest tests/test_quality_corpus.py"
    )
