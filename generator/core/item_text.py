"""Reading item text for the item-quality review: words, absolute and hedge words, negative stems,
verdict-only feedback and the self-check item heuristics, in every language that has a table in
:mod:`.quality_languages`.

Words are split by Unicode properties with the `regex` module (`\\p{L}` letters, `\\p{M}` marks,
`\\p{N}` digits): the standard `re` module has no property classes, and its `\\w` leaves out
combining marks, so a decomposed 'é' (NFD) or an Arabic word with short-vowel marks would be cut in
two. Every text is first folded (:func:`fold`): NFC, case-folded, curly apostrophes straightened,
Arabic marks and tatweel removed and alef forms folded; the word lists are folded the same way, so
no verdict changes with case, normalisation form or apostrophe style.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from .quality_languages import LanguageTable, table_for
from .schema import SelfCheck

_LINK = regex.compile(r"\]\([^)]*\)")
_LINK_WHOLE = regex.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = regex.compile(r"[*_`#>\[\]]")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "＇": "'", "`": "'"})
_ARABIC_MARKS = regex.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_SENTENCE_END = regex.compile(r"(?<=[.!?؟])\s+")
EMPHASIS = regex.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def fold(text: str) -> str:
    """Text as every rule compares it: NFC, case-folded, apostrophes straightened, Arabic
    short-vowel marks and tatweel removed, alef forms folded."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return _ARABIC_MARKS.sub("", text).translate(_ALEF)


def _fold_pattern(pattern: str) -> str:
    # Patterns are written in lower case; fold only what case-folding would change in the text
    # (German ß) and the Arabic letters, never the regex escapes (casefold would turn \W into \w).
    return _ARABIC_MARKS.sub("", pattern.replace("ß", "ss")).translate(_ALEF)


def plain_text(markdown: str) -> str:
    """Markdown as plain words: link targets, emphasis and heading marks removed, apostrophes
    straightened, spacing collapsed."""
    text = _MARKUP.sub("", _LINK.sub("", markdown)).translate(_APOSTROPHES)
    return " ".join(text.split())


# --------------------------------------------------------------------------- compiled tables


@dataclass(frozen=True)
class Words:
    """A language table folded and compiled for matching (see :func:`words_for`)."""

    table: LanguageTable
    absolute: frozenset[str]
    absolute_phrases: tuple[str, ...]
    frequency: tuple[regex.Pattern[str], ...]
    hedge: frozenset[str]
    hedge_phrases: tuple[str, ...]
    above: regex.Pattern[str]
    verdict: frozenset[str]
    stopwords: frozenset[str]
    question_words: frozenset[str]
    negative_cues: regex.Pattern[str]
    negative_strong: regex.Pattern[str]
    clause_breaks: regex.Pattern[str]
    negation: regex.Pattern[str]
    not_negation: regex.Pattern[str]
    subordinate_start: regex.Pattern[str]
    subordinate_tail: regex.Pattern[str]
    conjunctions: frozenset[str]
    subjects: frozenset[str]
    possessives: frozenset[str]
    verbs: frozenset[str]
    not_after_conjunction: frozenset[str]
    frequency_anchors: frozenset[str]
    first_person: frozenset[str]
    self_nouns: frozenset[str]
    other_starts: tuple[str, ...]
    elisions: frozenset[str]
    moderate: frozenset[str]
    extreme: frozenset[str]

    @property
    def code(self) -> str:
        """The table's language code."""
        return self.table.code

    def covers(self, rule: str) -> bool:
        """Whether this language's table judges ``rule``."""
        return rule in self.table.covers


def _fs(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@functools.cache
def words_for(language: str) -> Words | None:
    """The compiled word lists of a course language (`en-GB` uses `en`), or None when no table
    exists."""
    t = table_for(language)
    if t is None:
        return None

    def rx(p: str) -> regex.Pattern[str]:
        return regex.compile(_fold_pattern(p))

    return Words(
        table=t,
        absolute=_fs(t.absolute),
        absolute_phrases=tuple(fold(p) for p in t.absolute_phrases),
        frequency=tuple(rx(p) for p in t.frequency_phrases),
        hedge=_fs(t.hedge),
        hedge_phrases=tuple(fold(p) for p in t.hedge_phrases),
        above=rx(t.above),
        verdict=_fs(t.verdict),
        stopwords=_fs(t.stopwords),
        question_words=_fs(t.question_words),
        negative_cues=rx(t.negative_cues),
        negative_strong=rx(t.negative_strong),
        clause_breaks=rx(t.clause_breaks),
        negation=rx(t.negation),
        not_negation=rx(t.not_negation),
        subordinate_start=rx(t.subordinate_start),
        subordinate_tail=rx(t.subordinate_tail),
        conjunctions=_fs(t.conjunctions),
        subjects=_fs(t.subjects),
        possessives=_fs(t.possessives),
        verbs=_fs(t.verbs),
        not_after_conjunction=_fs(t.not_after_conjunction),
        frequency_anchors=_fs(t.frequency_anchors),
        first_person=_fs(t.first_person),
        self_nouns=_fs(t.self_nouns),
        other_starts=tuple(fold(p) for p in t.other_starts),
        elisions=_fs(t.elisions),
        moderate=_fs(t.moderate),
        extreme=_fs(t.extreme),
    )


def english() -> Words:
    """The English lists (the default for a course without a language)."""
    w = words_for("en")
    assert w is not None
    return w


# --------------------------------------------------------------------------- words


def words_of(text: str, w: Words | None = None) -> list[str]:
    """Folded words of Markdown text (apostrophes kept inside a word; French-style elisions such
    as l', d', n' split off when the language has them)."""
    return list(_words(text, w.code if w else ""))


@functools.lru_cache(maxsize=65536)
def _words(text: str, language: str) -> tuple[str, ...]:
    # Every rule reads the same option and stem texts: split each once per process (`course
    # serve` re-checks the course on every save, and most texts have not changed).
    return tuple(_split(fold(plain_text(text)), words_for(language) if language else None))


def _split(folded: str, w: Words | None) -> list[str]:
    out: list[str] = []
    for token in _WORD.findall(folded):
        if w is not None and w.elisions and "'" in token:
            head, _, rest = token.partition("'")
            if head in w.elisions and rest:
                out += [head, *rest.split("'")]
                continue
        out.append(token)
    return out


def _folded_line(text: str, w: Words) -> str:
    """Folded plain text with words separated by single spaces (phrases and patterns match it)."""
    return " ".join(words_of(text, w))


def normalise(text: str) -> str:
    """Text as compared for near-duplicates: case, punctuation and spacing ignored."""
    return " ".join(words_of(text))


def absolute_words_in(text: str, w: Words | None = None) -> list[str]:
    """The absolute words in ``text``, in order; 'all/none of the above' has its own rule and
    schedules ('every few hours') claim nothing absolute."""
    w = w or english()
    line = _folded_line(text, w)
    line = w.above.sub(" ", line)
    for f in w.frequency:
        line = f.sub(" ", line)
    padded = f" {' '.join(line.split())} "
    found = [x for x in padded.split() if x in w.absolute]
    found += [p for p in w.absolute_phrases if f" {p} " in padded]
    return list(dict.fromkeys(found))


def hedge_words_in(text: str, w: Words | None = None) -> list[str]:
    """The hedging words in ``text``, in order."""
    w = w or english()
    ws = words_of(text, w)
    padded = f" {' '.join(ws)} "
    found = [x for x in ws if x in w.hedge]
    found += [p for p in w.hedge_phrases if f" {p} " in padded]
    return list(dict.fromkeys(found))


def above_option(text: str, w: Words | None = None) -> str | None:
    """The 'all/none/both of the above' phrase that opens an option, or None ('both of them' inside
    a sentence is no such option)."""
    w = w or english()
    m = w.above.match(_folded_line(text, w))
    return m.group(0) if m else None


def content_words(text: str, w: Words | None = None) -> list[str]:
    """The words of ``text`` without stopwords."""
    w = w or english()
    return [x for x in words_of(text, w) if x not in w.stopwords]


def verdict_only(feedback: str, w: Words | None = None) -> bool:
    """Whether feedback only gives the verdict or points elsewhere ('Correct.', 'Right — nice
    work.', 'Please review the lesson.', a bare link): no word of it says why."""
    w = w or english()
    without_links = _LINK_WHOLE.sub(" ", feedback)
    rest = [x for x in words_of(without_links, w) if x not in w.verdict and not x.isdigit()]
    return not rest


def ngrams(ws: list[str], n: int) -> dict[tuple[str, ...], int]:
    """Every run of ``n`` consecutive words, with where it starts."""
    return {tuple(ws[i : i + n]): i for i in range(len(ws) - n + 1)}


def quote_words(words: Iterable[str]) -> str:
    """Words quoted for a message: `'never', 'always'`."""
    return ", ".join(f"'{w}'" for w in words)


def name_list(ids: list[str]) -> str:
    """Question ids for a message, shortened when there are many."""
    quoted = [f"'{i}'" for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# --------------------------------------------------------------------------- negative stems


def question_clause(prompt: str) -> str:
    """The sentence of a prompt that asks the question (the last one with a question mark, else
    the last sentence); a scenario told before it is left out."""
    sentences = [s for s in _SENTENCE_END.split(plain_text(prompt)) if s.strip()]
    if not sentences:
        return ""
    asking = [s for s in sentences if "?" in s or "؟" in s]
    return (asking or sentences)[-1]


def negative_stem_words(prompt: str, w: Words | None = None) -> list[str]:
    """The words that make a stem ask for the wrong option, folded ('not', 'except', 'least',
    'avoid', ...), or [] when it asks for the right one.

    Strong cues (except, least, worst, false) count anywhere in the question sentence; weak ones
    (not, never, n't, avoid, fail to, disagree) only in the question's own clause, from its
    question word to the first relative or subordinate clause ('who never asks' is content).
    """
    w = w or english()
    line = _folded_line(question_clause(prompt), w)
    found = [m.group(m.lastindex or 0) for m in w.negative_strong.finditer(line)]
    ws = line.split()
    start = next((i for i, x in enumerate(ws) if x in w.question_words), None)
    if start is not None:
        clause = " ".join(ws[start:])
        head = clause
        for m in w.clause_breaks.finditer(clause):
            if m.start() > len(ws[start]):
                head = clause[: m.start()]
                break
        found += [m.group(m.lastindex or 0) for m in w.negative_cues.finditer(head)]
    return list(dict.fromkeys(x.strip() for x in found if x and x.strip()))


def emphasised(prompt: str, word: str) -> bool:
    """Whether ``word`` (folded) is emphasised in the prompt: inside `**...**`/`_..._` or written
    in capitals."""
    for m in EMPHASIS.finditer(prompt):
        if word in [fold(x) for x in _WORD.findall(fold(m.group(2)))] or word in fold(m.group(2)):
            return True
    caps = [t for t in _WORD.findall(plain_text(prompt)) if len(t) > 1 and t.isupper()]
    return any(fold(t) == word or fold(t).endswith(word) for t in caps)


# --------------------------------------------------------------------------- heuristics for
# self-check items


def main_clause(text: str, w: Words | None = None) -> str:
    """The main clause of a statement, folded: a leading 'When …,' and a trailing 'even when …'
    dropped."""
    w = w or english()
    t = fold(plain_text(text)).rstrip(".!?؟ ")
    t = w.subordinate_start.sub("", t, count=1)
    return w.subordinate_tail.split(t, maxsplit=1)[0].strip()


def _is_verb(word: str, w: Words) -> bool:
    if word in w.verbs:
        return True
    return any(word.endswith(s) and word[: -len(s)] in w.verbs for s in w.table.verb_suffixes)


def _joined_conjunctions(ws: list[str], w: Words) -> Iterable[tuple[str, str, str]]:
    """(conjunction, next word, the word after) for every conjunction of a word list, including
    one written joined to the next word (Arabic 'و')."""
    pre = w.table.prefix_conjunction
    for i, x in enumerate(ws):
        nxt = ws[i + 1] if i + 1 < len(ws) else ""
        after = ws[i + 2] if i + 2 < len(ws) else ""
        if x in w.conjunctions and nxt:
            yield x, nxt, after
        elif pre and x.startswith(pre) and len(x) > len(pre) + 1 and x not in w.conjunctions:
            yield pre, x[len(pre) :], nxt


def double_barrelled(text: str, w: Words | None = None) -> str | None:
    """The joining words ('and return') when ``text`` seems to join two behaviours or actors, else
    None.

    Heuristic: in the main clause, a conjunction followed by a subject ('I', 'my partner', 'we'…),
    by a possessive ('… and my mood': two things to rate) or by a behaviour verb. Pairs of
    adjectives or nouns ('calm and clear', 'hours or days') pass; so does a conjunction in a 'When
    …' clause, which sets the situation.
    """
    w = w or english()
    ws = _split(main_clause(text, w), w)
    head = ws[:3]
    for conj, first, second in _joined_conjunctions(ws, w):
        if first in w.first_person and conj in head and not (head and head[0] in w.subjects):
            continue  # 'My partner and I talk': one joint subject, one behaviour
        if first in w.not_after_conjunction:
            first, second = second, ""
            if not first:
                continue
        other = any(f"{first} {second}".startswith(s) for s in w.other_starts)
        prefixed_verb = (
            conj == w.table.prefix_conjunction
            and any(first.startswith(p) for p in w.table.verb_prefixes)
            and len(first) >= 4
            and fold(conj + first) not in w.not_after_conjunction
            and first not in w.not_after_conjunction
        )
        if (
            first in w.subjects
            or first in w.possessives
            or other
            or _is_verb(first, w)
            or prefixed_verb
            or (first.endswith("ly") and w.code == "en" and _is_verb(second, w))
        ):
            return f"{conj} {first}"
    return None


def negation(text: str, w: Words | None = None) -> str | None:
    """The first negation in the main clause of ``text`` ('not', "don't", 'never', …), or None. A
    negation inside a subordinate clause ('… when the knife does not go through') describes the
    situation, not the respondent. Heuristic."""
    w = w or english()
    t = " ".join(_split(main_clause(text, w), w))
    t = w.not_negation.sub(" ", t)
    m = w.negation.search(t)
    return m.group(1).strip() if m else None


def other_person(text: str, w: Words | None = None) -> str | None:
    """Who the statement is about when it is not the respondent ('my partner', 'we'…), or None.
    Heuristic."""
    w = w or english()
    clause = " ".join(_split(main_clause(text, w), w))
    ws = clause.split()
    if not ws:
        return None
    if ws[0] in w.first_person and not (len(ws) > 1 and ws[0] in w.possessives):
        return None
    if ws[0] in w.possessives and len(ws) > 1 and ws[1] in w.self_nouns:
        return None
    for start in w.other_starts:
        if clause == start or clause.startswith((start + " ", start + "'")):
            return start
    if ws[0] in w.subjects - w.first_person:
        return ws[0]
    if not w.table.pro_drop and not (w.first_person & set(words_of(text, w))):
        return "no first-person word in it"
    return None


def is_frequency_scale(sc: SelfCheck, w: Words | None = None) -> bool:
    """Whether the self-check's anchors ask how often (Never … Always)."""
    w = w or english()
    return any(x in w.frequency_anchors for a in sc.scale.anchors for x in words_of(a.label, w))
