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
import re
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
#: The same split for text that is ASCII once typographic punctuation is blanked (most English
#: text): the standard module is about twice as fast, and ASCII has no marks to keep.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")
_TYPOGRAPHY = str.maketrans(dict.fromkeys("“”„«»—–…‹›·•", " "))
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "＇": "'", "`": "'"})
_ARABIC_MARKS = regex.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_MARK_POINTS = [
    *range(0x0610, 0x061B),
    *range(0x064B, 0x0660),
    0x0670,
    *range(0x06D6, 0x06EE),
    0x0640,
]
#: One table for what :func:`fold` does after case-folding (str.translate runs in C).
_FOLD = {**_APOSTROPHES, **dict.fromkeys(_MARK_POINTS), **_ALEF}
_FOLD_KEEP_ALEF = {**_APOSTROPHES, **dict.fromkeys(_MARK_POINTS)}
_SENTENCE_END = regex.compile(r"(?<=[.!?؟])\s+")
EMPHASIS = regex.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def fold(text: str, alef: bool = True) -> str:
    """Text as every rule compares it: NFC, case-folded, apostrophes straightened, Arabic
    short-vowel marks and tatweel removed, alef forms folded (unless ``alef`` is false: the
    hamza of a first-person verb, 'أ', then stays)."""
    text = unicodedata.normalize("NFC", text).casefold()
    return text.translate(_FOLD if alef else _FOLD_KEEP_ALEF)


def _fold_pattern(pattern: str) -> str:
    # Patterns are written in lower case; fold only what case-folding would change in the text
    # (German ß) and the Arabic letters, never the regex escapes (casefold would turn \W into \w).
    return _ARABIC_MARKS.sub("", pattern.replace("ß", "ss")).translate(_ALEF)


@functools.lru_cache(maxsize=65536)
def plain_text(markdown: str) -> str:
    """Markdown as plain words: link targets, emphasis and heading marks removed, apostrophes
    straightened, spacing collapsed."""
    text = _LINK.sub("", markdown) if "](" in markdown else markdown
    text = _MARKUP.sub("", text).translate(_APOSTROPHES)
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
    why_words: regex.Pattern[str]
    clitics: frozenset[str]
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
    object_starts: frozenset[str]
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


def _fs(words: Iterable[str], t: LanguageTable | None = None) -> frozenset[str]:
    return frozenset(" ".join(_split(fold(w), t)) for w in words)


def _phrases(phrases: Iterable[str], t: LanguageTable) -> tuple[str, ...]:
    return tuple(" ".join(_split(fold(p), t)) for p in phrases)


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
        absolute=_fs(t.absolute, t),
        absolute_phrases=_phrases(t.absolute_phrases, t),
        frequency=tuple(rx(p) for p in t.frequency_phrases),
        hedge=_fs(t.hedge, t),
        hedge_phrases=_phrases(t.hedge_phrases, t),
        above=rx(t.above),
        verdict=_fs(t.verdict, t),
        stopwords=_fs(t.stopwords, t),
        question_words=_fs(t.question_words, t),
        negative_cues=rx(t.negative_cues),
        negative_strong=rx(t.negative_strong),
        clause_breaks=rx(t.clause_breaks),
        why_words=rx(t.why_words),
        clitics=_fs(t.clitics, t),
        negation=rx(t.negation),
        not_negation=rx(t.not_negation),
        subordinate_start=rx(t.subordinate_start),
        subordinate_tail=rx(t.subordinate_tail),
        conjunctions=_fs(t.conjunctions, t),
        subjects=_fs(t.subjects, t),
        possessives=_fs(t.possessives, t),
        verbs=_fs(t.verbs, t),
        not_after_conjunction=_fs(t.not_after_conjunction, t),
        frequency_anchors=_fs(t.frequency_anchors, t),
        object_starts=_fs(t.object_starts, t),
        first_person=_fs(t.first_person, t),
        self_nouns=_fs(t.self_nouns, t),
        other_starts=_phrases(t.other_starts, t),
        elisions=_fs(t.elisions),
        moderate=_fs(t.moderate, t),
        extreme=_fs(t.extreme, t),
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
    return list(_words(text, w.code if w else "en"))


@functools.lru_cache(maxsize=65536)
def _words(text: str, language: str) -> tuple[str, ...]:
    # Every rule reads the same option and stem texts: split each once per process (`course
    # serve` re-checks the course on every save, and most texts have not changed).
    w = words_for(language) if language else None
    return tuple(_split(fold(plain_text(text)), w.table if w else None))


def _split(folded: str, t: LanguageTable | None) -> list[str]:
    out: list[str] = []
    probe = folded.translate(_TYPOGRAPHY)
    tokens = _ASCII_WORD.findall(probe) if probe.isascii() else _WORD.findall(folded)
    if t is None or not (t.elisions or t.article):
        return tokens
    for token in tokens:
        if t is not None and t.elisions and "'" in token:
            head, _, rest = token.partition("'")
            if head in t.elisions and rest:
                out += [head, *rest.split("'")]
                continue
        if t is not None and t.article:
            article = fold(t.article)
            for pre in (article, fold(t.prefix_conjunction) + article):
                if token.startswith(pre) and len(token) > len(pre) + 3:
                    token = token[: len(pre) - len(article)] + token[len(pre) :]
                    break
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
    return list(_absolute(text, (w or english()).code))


# Every rule and guesser reads the same option texts: each reading is cached by text and
# language (`course serve` re-checks on every save, and most texts have not changed).
@functools.lru_cache(maxsize=65536)
def _absolute(text: str, language: str) -> tuple[str, ...]:
    w = words_for(language)
    assert w is not None
    ws = words_of(text, w)
    padded = f" {' '.join(ws)} "
    if w.absolute.isdisjoint(ws) and not any(f" {p} " in padded for p in w.absolute_phrases):
        return ()  # most options: no absolute word, nothing for the patterns below to remove
    line = " ".join(ws)
    line = w.above.sub(" ", line)
    for f in w.frequency:
        line = f.sub(" ", line)
    padded = f" {' '.join(line.split())} "
    found = [x for x in padded.split() if x in w.absolute]
    found += [p for p in w.absolute_phrases if f" {p} " in padded]
    return tuple(dict.fromkeys(found))


def hedge_words_in(text: str, w: Words | None = None) -> list[str]:
    """The hedging words in ``text``, in order."""
    return list(_hedges(text, (w or english()).code))


@functools.lru_cache(maxsize=65536)
def _hedges(text: str, language: str) -> tuple[str, ...]:
    w = words_for(language)
    assert w is not None
    ws = words_of(text, w)
    padded = f" {' '.join(ws)} "
    found = [x for x in ws if x in w.hedge]
    found += [p for p in w.hedge_phrases if f" {p} " in padded]
    return tuple(dict.fromkeys(found))


def above_option(text: str, w: Words | None = None) -> str | None:
    """The 'all/none/both of the above' phrase that opens an option, or None ('both of them' inside
    a sentence is no such option)."""
    w = w or english()
    m = w.above.match(_folded_line(text, w))
    return m.group(0) if m else None


def content_words(text: str, w: Words | None = None) -> list[str]:
    """The words of ``text`` without stopwords."""
    return list(_content(text, (w or english()).code))


@functools.lru_cache(maxsize=65536)
def _content(text: str, language: str) -> tuple[str, ...]:
    w = words_for(language)
    assert w is not None
    return tuple(x for x in words_of(text, w) if x not in w.stopwords)


def verdict_only(feedback: str, w: Words | None = None) -> bool:
    """Whether feedback only gives the verdict or points elsewhere ('Correct.', 'Right — nice
    work.', 'Please review the lesson.', a bare link): no word of it says why."""
    return _verdict_only(feedback, (w or english()).code)


@functools.lru_cache(maxsize=65536)
def _verdict_only(feedback: str, language: str) -> bool:
    w = words_for(language)
    assert w is not None
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
    question word to the first relative or subordinate clause ('who never asks' is content), and
    not in a why- or how-question.
    """
    return list(_negative_stem(prompt, (w or english()).code))


@functools.lru_cache(maxsize=16384)
def _negative_stem(prompt: str, language: str) -> tuple[str, ...]:
    w = words_for(language)
    assert w is not None
    sentence = fold(question_clause(prompt))
    line = " ".join(_split(sentence, w.table))
    found = [m.group(m.lastindex or 0) for m in w.negative_strong.finditer(line)]
    start = None
    for m in _WORD.finditer(sentence):
        token = m.group(0)
        if token in w.question_words or token.split("'")[0] in w.question_words:
            start = m.start()
            break
    if start is not None and not w.why_words.search(sentence[: start + len(m.group(0))]):
        clause = sentence[start:]
        first = _WORD.match(clause)
        skip = first.end() + 1 if first else 0  # 'ما الذي': a break right after opens nothing
        brk = next((b for b in w.clause_breaks.finditer(clause) if b.start() > skip), None)
        head = " ".join(_split(clause[: brk.start()] if brk else clause, w.table))
        found += [m.group(m.lastindex or 0) for m in w.negative_cues.finditer(head)]
    return tuple(dict.fromkeys(x.strip() for x in found if x and x.strip()))


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


def main_clause(text: str, w: Words | None = None, alef: bool = True) -> str:
    """The main clause of a statement, folded: a leading 'When …,' and a trailing 'even when …'
    dropped."""
    w = w or english()
    folded = fold(plain_text(text)).rstrip(".!?؟ ")
    t = folded if alef else fold(plain_text(text), alef=False).rstrip(".!?؟ ")
    m = w.subordinate_start.match(folded)
    start = m.end() if m else 0
    tail = w.subordinate_tail.search(folded, start)
    return t[start : tail.start() if tail else len(t)].strip()


def _is_verb(word: str, w: Words) -> bool:
    if word in w.verbs:
        return True
    return any(word.endswith(s) and word[: -len(s)] in w.verbs for s in w.table.verb_suffixes)


def _joined_conjunctions(
    ws: list[str], raw: list[str], w: Words
) -> Iterable[tuple[str, str, str, str]]:
    """(conjunction, next word, the word after, the next word unfolded) for every conjunction of a
    word list, including one written joined to the next word (Arabic 'و')."""
    pre = w.table.prefix_conjunction
    for i, x in enumerate(ws):
        nxt = ws[i + 1] if i + 1 < len(ws) else ""
        after = ws[i + 2] if i + 2 < len(ws) else ""
        if x in w.conjunctions and nxt:
            yield x, nxt, after, raw[i + 1] if i + 1 < len(raw) else nxt
        elif pre and x.startswith(pre) and len(x) > len(pre) + 1 and x not in w.conjunctions:
            yield pre, x[len(pre) :], nxt, raw[i][len(pre) :] if i < len(raw) else x


def double_barrelled(text: str, w: Words | None = None) -> str | None:
    """The joining words ('and return') when ``text`` seems to join two behaviours or actors, else
    None.

    Heuristic: in the main clause, a conjunction followed by a subject ('I', 'my partner', 'we'…),
    by a possessive ('… and my mood': two things to rate) or by a behaviour verb. Pairs of
    adjectives or nouns ('calm and clear', 'hours or days') pass; so does a conjunction in a 'When
    …' clause, which sets the situation.
    """
    w = w or english()
    ws = _split(main_clause(text, w), w.table)
    raw = _split(main_clause(text, w, alef=False), w.table)
    lower = _lower_after_conjunction(text, w)
    head = ws[:3]
    for conj, first, second, raw_first in _joined_conjunctions(ws, raw, w):
        if first in w.subjects & w.first_person and conj in head and head[0] not in w.subjects:
            continue  # 'My partner and I talk': one joint subject, one behaviour
        if first in w.clitics and second:
            return f"{conj} {first}"
        if first in w.not_after_conjunction:
            first, second = second, ""
            if not first:
                continue
        other = any(f"{first} {second}".startswith(s) for s in w.other_starts)
        prefixed_verb = (
            any(raw_first.startswith(p) for p in w.table.verb_prefixes)
            and len(first) >= 4
            and first not in w.not_after_conjunction
        )
        if (
            first in w.subjects
            or first in w.possessives
            or other
            or _is_verb(first, w)
            or prefixed_verb
            or first in lower
            or (second in w.object_starts and first not in w.stopwords and not first.endswith("ly"))
            or (first.endswith("ly") and w.code == "en" and _is_verb(second, w))
        ):
            return f"{conj} {first}"
    return None


_GERMAN_NOT_VERBS = frozenset(
    """gerne lange alle beide eine keine meine deine seine ihre diese jede ohne gerade heute
    ruhige klare offene stille kleine große andere ganze""".split()
)


def _lower_after_conjunction(text: str, w: Words) -> set[str]:
    """German: the lower-case words with the verb ending right after a conjunction in the text as
    written (nouns are capitalised, so a lower-case 'komme' after 'und' is a verb)."""
    ending = w.table.lower_verb_ending
    if not ending:
        return set()
    tokens = _WORD.findall(unicodedata.normalize("NFC", plain_text(text)))
    out = set()
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.casefold() in w.conjunctions and b[:1].islower() and b.endswith(ending):
            if b not in _GERMAN_NOT_VERBS and len(b) > 3:
                out.add(fold(b))
    return out


def negation(text: str, w: Words | None = None) -> str | None:
    """The first negation in the main clause of ``text`` ('not', "don't", 'never', …), or None. A
    negation inside a subordinate clause ('… when the knife does not go through') describes the
    situation, not the respondent. Heuristic."""
    w = w or english()
    t = " ".join(_split(main_clause(text, w), w.table))
    t = w.not_negation.sub(" ", t)
    m = w.negation.search(t)
    return m.group(1).strip() if m else None


def other_person(text: str, w: Words | None = None) -> str | None:
    """Who the statement is about when it is not the respondent ('my partner', 'we'…), or None.
    Heuristic."""
    w = w or english()
    clause = " ".join(_split(main_clause(text, w), w.table))
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
