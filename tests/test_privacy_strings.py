"""The privacy strings say in every language what the English says (issue 28, finding 6).

A translation that drops a clause ("Nothing is saved until you tick this ...") tells a learner on
a shared device less than the English does. Each translated privacy string must keep the
English placeholders and the same number of sentences; `remember_explain` must also carry each
of its three facts (nothing is saved until you opt in, the saved answers are unencrypted and
readable by anyone using the browser, they stay until deleted).

The sentence rule was tried on every key: one other string (French `storage_corrupt`) splits an
English sentence in two without losing anything, so the rule applies to the privacy strings.
"""

import json
import re
from pathlib import Path

import pytest

STRINGS = Path(__file__).resolve().parent.parent / "generator" / "strings"
EN = json.loads((STRINGS / "en.json").read_text("utf-8"))
TRANSLATIONS = sorted(p.stem for p in STRINGS.glob("*.json") if p.stem != "en")

#: Strings that tell the learner what is stored, where, and for how long.
PRIVACY = [
    "remember_explain",
    "remember_off",
    "remember_on",
    "reflection_label",
    "reflection_saved",
    "deleted",
    "storage_failed",
    "import_session",
    "quick_exit_note",
]

#: Words for each fact of `remember_explain`, per language (stems, case-insensitive).
FACTS = {
    "en": (r"nothing is saved until", r"unencrypted", r"until you delete"),
    "de": (r"nichts wird gespeichert", r"unverschlüsselt", r"löschen"),
    "fr": (r"rien n’est enregistré", r"non chiffrées", r"supprimiez"),
    "es": (r"no se guarda nada", r"sin cifrar", r"borres"),
    "ar": (r"لا يُحفظ شيء", r"غير مشفّرة", r"تحذفها"),
}


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[a-z_]+\}", text))


def sentences(text: str) -> int:
    """Sentences in ``text``: ends of . ! ? or the Arabic question mark before a space or the end
    (a semicolon joins clauses, as in the English)."""
    body = re.sub(r"\{[a-z_]+\}", "X", text).strip()
    return max(1, len(re.findall(r"[.!?؟](?=\s|$)", body)))


def test_the_privacy_keys_exist_in_english():
    assert [k for k in PRIVACY if k not in EN] == []


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_privacy_strings_keep_placeholders_and_sentence_count(code):
    table = json.loads((STRINGS / f"{code}.json").read_text("utf-8"))
    differ = {
        k: (sentences(EN[k]), sentences(table[k]))
        for k in PRIVACY
        if placeholders(EN[k]) != placeholders(table[k]) or sentences(EN[k]) != sentences(table[k])
    }
    assert differ == {}


@pytest.mark.parametrize("code", ["en", *TRANSLATIONS])
def test_remember_explain_carries_every_fact(code):
    assert code in FACTS, f"add the words of the three facts for '{code}' to FACTS"
    text = json.loads((STRINGS / f"{code}.json").read_text("utf-8"))["remember_explain"]
    missing = [f for f in FACTS[code] if not re.search(f, text, re.I)]
    assert missing == []


def test_the_sentence_rule_counts_what_it_should():
    assert sentences("One; still one.") == 1
    assert sentences("One. Two? Three!") == 3
    assert sentences("{count} answers were kept. Nothing changed.") == 2
    assert sentences("هل تريد المتابعة؟ نعم.") == 2
