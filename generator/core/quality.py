"""Item-quality review: item-writing rules over the loaded course models.

`course check` proves a bank is well-formed; this module judges whether its questions
measure anything, following the published item-writing guidelines (Haladyna, Downing &
Rodriguez 2002, "A review of multiple-choice item-writing guidelines"). Every rule has an id
in :data:`RULES`; findings are warnings (fatal with ``--strict``) in the usual
``path:line: subject: problem. Hint.`` shape. An author acknowledges a deliberate exception
with a ``lint: {ignore: [rule], reason: "..."}`` block on the question, self-check item or
bank the rule applies to. A rule that cannot judge (too few questions, no key) stays silent.

The module is pure: it reads models and records diagnostics; :func:`collect_quality` gives
the same figures as plain data for `course stats`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Iterator

from .course import Course
from .diagnostics import Report, did_you_mean
from .schema import Bank, Item, Lint, Model, MultipleChoice, SelfCheck, SingleChoice


@dataclass(frozen=True)
class Rule:
    """One item-quality rule."""

    scope: str
    """Where its `lint` acknowledgement goes: `question`, `item` (a self-check item) or `bank`."""
    summary: str
    """What it warns about, in a sentence (shown in the reference and the tutorial)."""
    heuristic: bool = False
    """Whether it guesses at meaning from words (its messages then say "(heuristic)")."""


LENGTH_MIN_QUESTIONS = 5
"""Fewest choice questions a bank needs before the length cue is judged."""
LENGTH_P = 0.05
"""The length cue warns when an exact one-sided test gives p below this."""
POSITION_MIN_QUESTIONS = 8
"""Fewest single-choice questions a bank needs before the key position is judged."""
POSITION_P = 0.01
"""The key-position rule warns when the exact test gives p below this (stricter than the
length cue: a bank has only a few positions, so chance spreads are lumpy)."""
SIMILARITY = 0.9
"""Two options whose normalised texts have a difflib ratio at or above this are near-duplicates."""
CLANG_WORDS = 4
"""Consecutive content words of the stem a key must repeat to be a clang cue."""

RULES: dict[str, Rule] = {
    "longest_option": Rule("bank", f"The key is the strictly longest option in more of a bank's choice questions (or the course's) than chance gives: exact one-sided test against the summed chance (1/n for n options, k/n with k keys), p < {LENGTH_P}, judged from {LENGTH_MIN_QUESTIONS} questions."),
    "absolute_words": Rule("question", "A distractor uses an absolute word (never, always, only, proven, all, none, guaranteed, …) and no key does, so a test-wise learner rules it out unread."),
    "hedged_key": Rule("question", "The key hedges (usually, may, can, it depends, …) while a distractor is absolute and none hedges, so the qualified option stands out."),
    "all_none_of_above": Rule("question", "An option reads 'all of the above' or 'none of the above'."),
    "option_contains_option": Rule("question", "One option's whole text appears inside another option."),
    "negative_stem": Rule("question", "The stem asks for the wrong one (not, except, least, never, …); allowed only when the negative word is emphasised (**not** or NOT) and the question acknowledges the rule."),
    "near_duplicate_options": Rule("question", f"Two options are nearly the same text (difflib ratio ≥ {SIMILARITY} after case, punctuation and spacing are ignored)."),
    "stem_clang": Rule("question", f"The key repeats {CLANG_WORDS} or more consecutive content words of the stem and no distractor does."),
    "key_position": Rule("bank", f"Across a bank's single-choice questions the key's position is far from uniform: exact test of the chi-square statistic, p < {POSITION_P}, judged from {POSITION_MIN_QUESTIONS} questions."),
    "verdict_only_feedback": Rule("question", "An option's feedback only gives the verdict ('Correct.', 'Not quite.') with no reason."),
    "double_barrelled": Rule("item", "A self-check item joins two behaviours or two actors with 'and'/'or', so one answer cannot rate both.", True),
    "negated_item": Rule("item", "A self-check item contains a negation (not, never, n't, no one, rarely, …); reverse-keyed items too must be worded positively.", True),
    "other_person_item": Rule("item", "On a how-often scale, a self-check item describes someone other than the respondent (my partner, they, we, …).", True),
}

# --------------------------------------------------------------------------- text helpers

_ABOVE = re.compile(r"\b(all|none) of the above\b", re.IGNORECASE)
_LINK = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>\[\]]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

ABSOLUTE_WORDS = frozenset("""
never always only proven proves prove all none guaranteed guarantee guarantees completely every
everyone everything everybody must certainly entirely totally impossible nothing nobody
absolutely definitely invariably forever solely wholly
""".split())
"""Words that make a claim absolute; "no one" counts too."""
HEDGE_WORDS = frozenset("""
usually often may might can could sometimes depends depend tend tends likely generally typically
perhaps possibly partly somewhat probably frequently occasionally
""".split())
"""Words that qualify a claim; "it depends" counts through "depends"."""
_VERDICT_WORDS = frozenset("""
correct incorrect right wrong yes yep yeah no nope not quite exactly well done great good job that
that's thats is it it's its this the answer one sorry try again true false indeed excellent perfect
almost close but so very nice oops spot on a an of course absolutely definitely really totally you
got you're are have there
""".split())
_STOPWORDS = frozenset("""
a an the and or but if then of to in on at by for with from as into onto about over under is are
was were be been being am do does did doing have has had having it its it's this that these those
there their they them he she his her him i me my we us our you your what which who whom whose
when where why how not no so than too very can could may might will would shall should must just
also more most some any each other such only own same both all between among through during before after
within without against upon
""".split())
_NEGATIVE_STEM = re.compile(
    r"\b(?:is|are|was|were|do|does|did|would|should|could|can|will|might|may|has|have|had)\s+[*_]*(not)\b"  # "Which is NOT …"
    r"|\b(not)[*_]*\s+(?:true|correct|right|a|an|one|part|likely|helpful|accurate)\b"  # "… not true", "not a sign of"
    r"|\b(except|least|never|cannot|incorrect|untrue|false|\w+n't)\b",
    re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_NEGATION = re.compile(r"\b(not|never|no|none|nobody|nothing|neither|nor|cannot|rarely|seldom|hardly|no one|\w+n't)\b")
_NOT_NEGATION = re.compile(r"\b(whether or not|or not|no matter|not only|say no|saying no|said no)\b")
_FREQUENCY = frozenset("never rarely seldom sometimes occasionally often usually always frequently times".split())
_SUBORDINATE_START = re.compile(r"^(?:when|whenever|after|before|if|once|while|as soon as|even when|even if|until|because|since|although|though|during|in a|in an|in the|on days|at times|at the)\b[^,]*,\s*")
_SUBORDINATE_TAIL = re.compile(r",?\s+\b(?:even when|even if|even though|when|whenever|before|after|until|if|because|since|although|though|while|so that|instead of|rather than|as long as|unless|without)\b")
_CONJ = re.compile(r"\b(and|or|and/or|nor)\s+(?:then\s+)?([a-z']+)(?:\s+([a-z']+))?")
_SUBJECTS = frozenset("i we they he she you my our people others someone everyone".split())
_BEHAVIOUR_VERBS = frozenset("""
accept admit agree answer apologise apologize argue ask avoid blame call calm care change check come
comfort compromise criticise criticize cry decide defend disagree discuss drop end explain feel find
forget forgive get give go hide hold hug ignore insist interrupt keep laugh leave let listen look
make mention move name need notice offer open pause plan praise push raise reach react reassure
recover refuse relax remember repair respond rest return say scream share shout show shut skip
sleep smile snap speak stay start step stop storm sulk support take talk tease tell text think
touch try turn wait walk want watch withdraw work worry write yell
""".split())
_SELF_NOUNS = frozenset("""
mood moods feelings feeling sense worth confidence body heart mind thoughts own needs opinions
opinion view views voice self plans reaction reactions temper anxiety calm energy stomach breathing
""".split())
_OTHER_STARTS = ("my partner", "my spouse", "my husband", "my wife", "my boyfriend", "my girlfriend",
                 "my friend", "my family", "my children", "my kids", "my parent", "partners", "the other person",
                 "other people", "nobody", "no one")


def plain_text(markdown: str) -> str:
    """Markdown as plain words: link targets, emphasis and heading marks removed, spacing collapsed."""
    text = _MARKUP.sub("", _LINK.sub("", markdown)).replace("’", "'")
    return " ".join(text.split())


def words_of(text: str) -> list[str]:
    """Lower-case words of Markdown text (apostrophes kept inside a word)."""
    return _WORD.findall(plain_text(text).casefold())


def _norm(text: str) -> str:
    return " ".join(words_of(text))


def absolute_words_in(text: str) -> list[str]:
    """The absolute words in ``text``, in order (see :data:`ABSOLUTE_WORDS`); 'all/none of the above' has its own rule."""
    ws = words_of(_ABOVE.sub(" ", text))
    found = [w for w in ws if w in ABSOLUTE_WORDS]
    found += ["no one" for a, b in zip(ws, ws[1:]) if (a, b) == ("no", "one")]
    return list(dict.fromkeys(found))


def hedge_words_in(text: str) -> list[str]:
    """The hedging words in ``text``, in order (see :data:`HEDGE_WORDS`)."""
    return list(dict.fromkeys(w for w in words_of(text) if w in HEDGE_WORDS))


def _content(text: str) -> list[str]:
    return [w for w in words_of(text) if w not in _STOPWORDS]


def _ngrams(ws: list[str], n: int) -> dict[tuple[str, ...], int]:
    return {tuple(ws[i:i + n]): i for i in range(len(ws) - n + 1)}


def _quote(words: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def _names(ids: list[str]) -> str:
    quoted = [f"'{i}'" for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# --------------------------------------------------------------------------- heuristics for self-check items


def main_clause(text: str) -> str:
    """The main clause of a statement, lower-case: a leading 'When …,' and a trailing 'even when …' dropped."""
    t = plain_text(text).casefold().rstrip(".!?")
    t = _SUBORDINATE_START.sub("", t, count=1)
    return _SUBORDINATE_TAIL.split(t, maxsplit=1)[0].strip()


def _is_verb(word: str) -> bool:
    for stem in (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""):
        if stem in _BEHAVIOUR_VERBS:
            return True
    return False


def double_barrelled(text: str) -> str | None:
    """The joining words ('and return') when ``text`` seems to join two behaviours or actors, else None.

    Heuristic: in the main clause, 'and'/'or' followed by a subject ('I', 'my partner', 'we'…)
    or by a common behaviour verb. Pairs of adjectives or nouns ('calm and clear', 'hours or
    days') pass; so does 'and'/'or' in a 'When …' clause, which sets the situation.
    """
    for m in _CONJ.finditer(main_clause(text)):
        conj, first, second = m.group(1), m.group(2), m.group(3) or ""
        if (first in _SUBJECTS and not (first == "my" and second in _SELF_NOUNS)) or _is_verb(first) \
                or (first.endswith("ly") and _is_verb(second)):
            return f"{conj} {first}"
    return None


def negation(text: str) -> str | None:
    """The first negation in ``text`` ('not', "don't", 'never', …), or None. Heuristic."""
    t = _NOT_NEGATION.sub(" ", plain_text(text).casefold())
    m = _NEGATION.search(t)
    return m.group(1) if m else None


def other_person(text: str) -> str | None:
    """Who the statement is about when it is not the respondent ('my partner', 'we'…), or None. Heuristic."""
    clause = main_clause(text)
    ws = _WORD.findall(clause)
    if not ws:
        return None
    if ws[0] in ("i", "i'm", "i've", "i'd", "i'll"):
        return None
    if ws[0] == "my" and len(ws) > 1 and ws[1] in _SELF_NOUNS:
        return None
    for start in _OTHER_STARTS:
        if clause.startswith(start):
            return start
    if ws[0] in _SUBJECTS - {"i", "my"}:
        return ws[0]
    if not ({"i", "me", "my", "myself", "mine", "i'm", "i've", "i'd", "i'll"} & set(words_of(text))):
        return "no 'I' in it"
    return None


def is_frequency_scale(sc: SelfCheck) -> bool:
    """Whether the self-check's anchors ask how often (Never … Always)."""
    return any(w in _FREQUENCY for a in sc.scale.anchors for w in words_of(a.label))


# --------------------------------------------------------------------------- exact tests


def poisson_binomial_tail(chances: list[Fraction], observed: int) -> Fraction:
    """P(X >= observed) for X the number of successes of independent trials with these chances, exactly.

    Trials with the same chance form a binomial (a bank has few distinct option counts), and
    the binomials are convolved: a few thousand exact operations even for a whole course.
    """
    dist = [Fraction(1)]
    for p, m in Counter(chances).items():
        binomial = [math.comb(m, k) * p ** k * (1 - p) ** (m - k) for k in range(m + 1)]
        nxt = [Fraction(0)] * (len(dist) + m)
        for i, a in enumerate(dist):
            if a:
                for k, b in enumerate(binomial):
                    nxt[i + k] += a * b
        dist = nxt
    return sum(dist[observed:], Fraction(0))


def _chi2(counts: tuple[int, ...], expected: list[Fraction]) -> Fraction:
    return sum(((c - e) ** 2 / e for c, e in zip(counts, expected) if e), Fraction(0))


def _chi2_sf(x: float, df: int) -> float:
    """Upper tail of the chi-square distribution (regularised incomplete gamma), for big banks only."""
    a, z = df / 2, x / 2
    if z <= 0:
        return 1.0
    log_front = a * math.log(z) - z - math.lgamma(a)
    if z < a + 1:  # series for the lower tail
        term = total = 1 / a
        n = 1
        while term > total * 1e-15:
            term *= z / (a + n)
            total += term
            n += 1
        return max(0.0, 1 - math.exp(log_front) * total)
    # continued fraction for the upper tail (modified Lentz), accurate for tiny p-values
    tiny = 1e-300
    b = z + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return math.exp(log_front) * h


def position_p_value(options: list[int], keys: list[int]) -> float:
    """P-value of the key positions ``keys`` (0-based) of questions with ``options`` options each.

    Under the null every position of a question is equally likely. The statistic is
    Pearson's chi-square against the expected count per position (the sum of 1/n over the
    questions having that position); its distribution is computed exactly by enumerating
    count vectors, or approximated by the chi-square distribution for very large banks.
    """
    width = max(options)
    expected = [sum((Fraction(1, n) for n in options if j < n), Fraction(0)) for j in range(width)]
    observed = tuple(sum(1 for k in keys if k == j) for j in range(width))
    x_obs = _chi2(observed, expected)
    if math.comb(len(options) + width - 1, width - 1) > 50_000:  # keeps `check` well under a second
        return _chi2_sf(float(x_obs), sum(1 for e in expected if e) - 1)
    # Count the key sequences leading to each count vector; each sequence has chance 1/prod(n).
    ways: dict[tuple[int, ...], int] = {(0,) * width: 1}
    for n in options:
        nxt: dict[tuple[int, ...], int] = {}
        for state, w in ways.items():
            for j in range(n):
                s = state[:j] + (state[j] + 1,) + state[j + 1:]
                nxt[s] = nxt.get(s, 0) + w
        ways = nxt
    extreme = sum(w for s, w in ways.items() if _chi2(s, expected) >= x_obs)
    return float(Fraction(extreme, math.prod(options)))


# --------------------------------------------------------------------------- figures


def _choice_questions(bank: Bank) -> list[SingleChoice | MultipleChoice]:
    return [q for q in bank.questions if isinstance(q, (SingleChoice, MultipleChoice))]


def key_is_longest(q: SingleChoice | MultipleChoice) -> bool:
    """Whether the strictly longest option (in characters of plain text) is a key."""
    lengths = [len(plain_text(o.text)) for o in q.options]
    top = max(lengths)
    longest = [o for o, n in zip(q.options, lengths) if n == top]
    return len(longest) == 1 and longest[0].correct


def longest_chance(q: SingleChoice | MultipleChoice) -> Fraction:
    """Chance that a key is the strictly longest option if lengths carried no cue: at most keys/options."""
    keys = sum(o.correct for o in q.options)
    return Fraction(keys, len(q.options))


@dataclass
class LengthCue:
    """The length cue over a set of choice questions."""

    questions: int
    """Choice questions judged."""
    longest: list[str]
    """Ids of the questions whose key is the strictly longest option."""
    chance: float
    """How many such questions chance would give (sum of keys/options)."""
    p_value: float | None
    """One-sided exact p-value, or None when there are too few questions to judge."""

    @property
    def share(self) -> float:
        """Share of the questions whose key is strictly longest (0 when there are none)."""
        return len(self.longest) / self.questions if self.questions else 0.0


def length_cue(questions: list[SingleChoice | MultipleChoice]) -> LengthCue:
    """The length cue of ``questions``: how often the key is longest against chance."""
    judged = [q for q in questions if any(o.correct for o in q.options)]
    chances = [longest_chance(q) for q in judged]
    longest = [q.id for q in judged if key_is_longest(q)]
    p = float(poisson_binomial_tail(chances, len(longest))) if len(judged) >= LENGTH_MIN_QUESTIONS else None
    return LengthCue(len(judged), longest, float(sum(chances, Fraction(0))), p)


@dataclass
class KeyPositions:
    """Where the key sits across a bank's single-choice questions."""

    questions: int
    counts: list[int]
    """How many keys sit at position 1, 2, … (1 = first option as written)."""
    p_value: float | None
    """Exact p-value against uniform, or None when there are too few questions to judge."""


def key_positions(questions: list) -> KeyPositions:
    """The spread of key positions over the single-choice questions among ``questions``."""
    singles = [q for q in questions if isinstance(q, SingleChoice) and sum(o.correct for o in q.options) == 1]
    options = [len(q.options) for q in singles]
    keys = [next(i for i, o in enumerate(q.options) if o.correct) for q in singles]
    counts = [keys.count(j) for j in range(max(options, default=0))]
    p = position_p_value(options, keys) if len(singles) >= POSITION_MIN_QUESTIONS else None
    return KeyPositions(len(singles), counts, p)


@dataclass
class AbsoluteRates:
    """How often options carry absolute words, keys against distractors."""

    keys: int
    keys_absolute: int
    distractors: int
    distractors_absolute: int

    @property
    def ratio(self) -> float | None:
        """Rate per distractor divided by rate per key (None when no key has one)."""
        if not self.keys_absolute or not self.distractors:
            return None
        return (self.distractors_absolute / self.distractors) / (self.keys_absolute / self.keys)


def absolute_rates(questions: Iterable[SingleChoice | MultipleChoice]) -> AbsoluteRates:
    """Count keys and distractors with an absolute word."""
    r = AbsoluteRates(0, 0, 0, 0)
    for q in questions:
        for o in q.options:
            has = bool(absolute_words_in(o.text))
            if o.correct:
                r.keys += 1
                r.keys_absolute += has
            else:
                r.distractors += 1
                r.distractors_absolute += has
    return r


@dataclass
class Acknowledgement:
    """An acknowledged exception: where, which rules, why."""

    path: str
    line: int
    subject: str
    rules: list[str]
    reason: str


@dataclass
class BankQuality:
    """The quality figures of one bank."""

    id: str
    path: str
    length: LengthCue
    positions: KeyPositions
    acknowledged: list[Acknowledgement] = field(default_factory=list)


@dataclass
class CourseQuality:
    """The quality figures of every bank and of the course."""

    banks: list[BankQuality]
    length: LengthCue
    """Over the banks that do not acknowledge `longest_option`."""
    single_longest: LengthCue
    """Over every single-choice question of the course, acknowledged or not (the issue's figure)."""
    absolute: AbsoluteRates


def _lint_places(course: Course, bank: Bank) -> Iterator[tuple[Model, tuple, str, Lint, str]]:
    """Every `lint` block of a bank: (owner, key path to it, subject, lint, scope)."""
    if bank.lint:
        yield bank, ("lint",), f"bank '{bank.id}'", bank.lint, "bank"
    for q in bank.questions:
        if q.lint:
            yield q, ("lint",), f"question '{q.id}'", q.lint, "question"
        if isinstance(q, SelfCheck):
            for i, item in enumerate(q.items):
                if item.lint:
                    yield q, ("items", i, "lint"), f"question '{q.id}', item '{item.id}'", item.lint, "item"


def collect_quality(course: Course) -> CourseQuality:
    """The quality figures `course stats` shows, per bank and for the course."""
    banks = []
    counted: list[SingleChoice | MultipleChoice] = []
    for bank in course.banks:
        choice = _choice_questions(bank)
        acks = [Acknowledgement(owner._file, course.line(owner, *keys), subject, list(lint.ignore), lint.reason.strip())
                for owner, keys, subject, lint, _scope in _lint_places(course, bank)]
        banks.append(BankQuality(bank.id, bank._file, length_cue(choice), key_positions(bank.questions), acks))
        if not _ignores(bank.lint, "longest_option"):
            counted += choice
    everything = [q for b in course.banks for q in _choice_questions(b)]
    return CourseQuality(banks, length_cue(counted), length_cue([q for q in everything if isinstance(q, SingleChoice)]),
                         absolute_rates(everything))


# --------------------------------------------------------------------------- the review


@dataclass
class Finding:
    """One rule's finding before acknowledgements are applied."""

    rule: str
    owner: Model
    keys: tuple
    subject: str
    problem: str
    hint: str
    lint: Lint | None
    """The lint block that may acknowledge it."""
    can_acknowledge: bool = True


def _ignores(lint: Lint | None, rule: str) -> bool:
    return lint is not None and rule in lint.ignore


def review_course(course: Course, report: Report) -> None:
    """Apply every item-quality rule to the course; record warnings (and `lint` errors) in ``report``."""
    findings: list[Finding] = []
    for bank in course.banks:
        _check_lints(course, report, bank)
        findings += _bank_findings(course, bank)
        for q in bank.questions:
            if isinstance(q, (SingleChoice, MultipleChoice)):
                findings += _choice_findings(q)
            elif isinstance(q, SelfCheck):
                findings += _item_findings(q)
    findings += _course_findings(course)
    used: set[tuple[int, str]] = set()
    for f in findings:
        if _ignores(f.lint, f.rule):
            used.add((id(f.lint), f.rule))
            if f.can_acknowledge:
                continue
        tag = " (heuristic)" if RULES[f.rule].heuristic else ""
        hint = f.hint
        if f.can_acknowledge:
            hint += f"; if it is deliberate, acknowledge it with 'lint: {{ignore: [{f.rule}], reason: ...}}'"
        report.warning(f.owner._file, course.line(f.owner, *f.keys), f.subject, f"{f.problem}{tag} [{f.rule}]", hint)
    for bank in course.banks:
        for owner, keys, subject, lint, scope in _lint_places(course, bank):
            for j, rule in enumerate(lint.ignore):
                if rule in RULES and RULES[rule].scope == scope and rule != "all_none_of_above" and (id(lint), rule) not in used:
                    report.info(owner._file, course.line(owner, *keys, "ignore", j), subject,
                                f"lint ignores '{rule}', but that rule finds nothing here", "Remove it from 'ignore'")


def _check_lints(course: Course, report: Report, bank: Bank) -> None:
    for owner, keys, subject, lint, scope in _lint_places(course, bank):
        for j, rule in enumerate(lint.ignore):
            line = course.line(owner, *keys, "ignore", j)
            if rule not in RULES:
                report.error(owner._file, line, subject, f"lint names an unknown rule '{rule}'",
                             did_you_mean(rule, RULES) or f"Rules are: {', '.join(RULES)}")
            elif RULES[rule].scope != scope:
                where = {"bank": "the bank's 'lint' (top level of the file)", "question": "the question's 'lint'",
                         "item": "the self-check item's 'lint'"}[RULES[rule].scope]
                report.error(owner._file, line, subject, f"the rule '{rule}' applies to each {RULES[rule].scope}, not here",
                             f"Move it to {where}")
        if not lint.reason.strip():
            report.error(owner._file, course.line(owner, *keys, "reason"), subject, "lint has an empty reason",
                         "Say in a sentence why the exception is deliberate; `course stats` shows it")


def _bank_findings(course: Course, bank: Bank) -> list[Finding]:
    out = []
    subject = f"bank '{bank.id}'"
    cue = length_cue(_choice_questions(bank))
    if cue.p_value is not None and cue.p_value < LENGTH_P:
        out.append(Finding("longest_option", bank, ("id",), subject,
                           f"the key is the strictly longest option in {len(cue.longest)} of {cue.questions} choice questions "
                           f"({_names(cue.longest)}); chance gives about {cue.chance:.1f} (p = {cue.p_value:.2g})",
                           "Learners who pick the longest option score well without knowing the answer: shorten keys or "
                           "lengthen distractors with real misconceptions until lengths vary", bank.lint))
    pos = key_positions(bank.questions)
    if pos.p_value is not None and pos.p_value < POSITION_P:
        spread = ", ".join(f"{n} at position {j + 1}" for j, n in enumerate(pos.counts))
        out.append(Finding("key_position", bank, ("id",), subject,
                           f"the key's position is far from even across {pos.questions} single-choice questions ({spread}; p = {pos.p_value:.2g})",
                           "Move some keys so that each position holds a fair share", bank.lint))
    return out


def _course_findings(course: Course) -> list[Finding]:
    if course.manifest is None:
        return []
    counted = [(b, q) for b in course.banks if not _ignores(b.lint, "longest_option") for q in _choice_questions(b)]
    cue = length_cue([q for _b, q in counted])
    if cue.p_value is None or cue.p_value >= LENGTH_P:
        return []
    per_bank = Counter(b.id for b, q in counted if q.id in set(cue.longest))
    total = Counter(b.id for b, _q in counted)
    banks = ", ".join(f"{bid} {n}/{total[bid]}" for bid, n in per_bank.items())
    return [Finding("longest_option", course.manifest, ("title",), "course",
                    f"across the course the key is the strictly longest option in {len(cue.longest)} of {cue.questions} choice questions "
                    f"({banks}); chance gives about {cue.chance:.1f} (p = {cue.p_value:.2g})",
                    "Vary option lengths so that the longest option is not a reliable guess; banks that acknowledge "
                    "'longest_option' are left out of this count", None, can_acknowledge=False)]


def _choice_findings(q: SingleChoice | MultipleChoice) -> list[Finding]:
    out: list[Finding] = []
    subject = f"question '{q.id}'"
    keys = [o for o in q.options if o.correct]
    distractors = [o for o in q.options if not o.correct]
    index = {o.id: i for i, o in enumerate(q.options)}

    def add(rule: str, keys_: tuple, subj: str, problem: str, hint: str, can_acknowledge: bool = True) -> None:
        out.append(Finding(rule, q, keys_, subj, problem, hint, q.lint, can_acknowledge))

    # Absolute and hedge cues: options a test-wise learner rules in or out by their wording.
    if keys and distractors:
        absolute = {o.id: absolute_words_in(o.text) for o in distractors}
        absolute = {k: v for k, v in absolute.items() if v}
        key_absolute = any(absolute_words_in(o.text) for o in keys)
        if absolute and not key_absolute:
            first = next(iter(absolute))
            words = list(dict.fromkeys(w for v in absolute.values() for w in v))
            what = "distractor" if len(absolute) == 1 else "distractors"
            add("absolute_words", ("options", index[first], "text"), subject,
                f"the {what} {_names(list(absolute))} use{'s' if len(absolute) == 1 else ''} absolute words ({_quote(words)}) and no key does",
                "Test-wise learners rule out absolute options unread: word each distractor as someone holding that misconception would")
        distractor_hedges = any(hedge_words_in(o.text) for o in distractors)
        if absolute and not distractor_hedges:
            for o in keys:
                hedges = hedge_words_in(o.text)
                if hedges:
                    add("hedged_key", ("options", index[o.id], "text"), f"{subject}, option '{o.id}'",
                        f"the key hedges ({_quote(hedges)}) while {_names(list(absolute))} {'is' if len(absolute) == 1 else 'are'} absolute",
                        "The one qualified option stands out as right: qualify a distractor too, or state the key plainly")
    # Options that contain or nearly repeat each other.
    norms = [_norm(o.text) for o in q.options]
    for i, o in enumerate(q.options):
        for j, other in enumerate(q.options[:i] + q.options[i + 1:]):
            j = j if j < i else j + 1
            if norms[j] and norms[i] != norms[j] and f" {norms[j]} " in f" {norms[i]} ":
                add("option_contains_option", ("options", i, "text"), f"{subject}, option '{o.id}'",
                    f"the option contains the whole text of option '{other.id}'",
                    "An option inside another hints at the answer or makes both right: reword one of them")
        for j in range(i):
            if norms[i] != norms[j] and f" {norms[j]} " not in f" {norms[i]} " and f" {norms[i]} " not in f" {norms[j]} ":
                matcher = difflib.SequenceMatcher(None, norms[i], norms[j])
                # quick_ratio() bounds ratio() from above and is much cheaper: most pairs stop there.
                ratio = matcher.ratio() if matcher.quick_ratio() >= SIMILARITY else 0.0
                if ratio >= SIMILARITY:
                    add("near_duplicate_options", ("options", i, "text"), f"{subject}, option '{o.id}'",
                        f"the option is nearly the same text as option '{q.options[j].id}' (similarity {ratio:.2f})",
                        "Make each option a distinct answer that a learner could hold")
    # Clang: the key echoes a phrase of the stem that no distractor echoes.
    stem = _ngrams(_content(q.prompt), CLANG_WORDS)
    if stem:
        shared = {o.id: [g for g in _ngrams(_content(o.text), CLANG_WORDS) if g in stem] for o in q.options}
        if not any(shared[o.id] for o in distractors):
            for o in keys:
                if shared[o.id]:
                    phrase = " ".join(min(shared[o.id], key=lambda g: stem[tuple(g)]))
                    add("stem_clang", ("options", index[o.id], "text"), f"{subject}, option '{o.id}'",
                        f"the key repeats the stem's words '{phrase}' and no distractor does",
                        "Echoing the stem points to the key: reword the key, or let a distractor echo it too")
    # Negative stems.
    negatives = list(_NEGATIVE_STEM.finditer(q.prompt))
    if negatives:
        emphasised = [(m.start(), m.end()) for m in _EMPHASIS.finditer(q.prompt)]
        found = [(m.group(g), m.start(g), m.end(g)) for m in negatives for g in [m.lastindex or 0]]
        plain = [w for w, start, end in found
                 if not (w.isupper() and len(w) > 1) and not any(s <= start and end <= e for s, e in emphasised)]
        if plain and _ignores(q.lint, "negative_stem"):
            add("negative_stem", ("prompt",), subject,
                f"lint acknowledges the negative stem, but '{plain[0]}' is not emphasised",
                f"Write it as **{plain[0]}** or {plain[0].upper()} so that no learner misses it", can_acknowledge=False)
        else:
            word = found[0][0]
            add("negative_stem", ("prompt",), subject, f"the stem is negative ('{word}'), so a learner who misses the word picks a right answer",
                f"Ask for the best answer instead; if the negative is the point, emphasise it (**{word.lower()}**)")
    # Feedback that only repeats the verdict.
    for i, o in enumerate(q.options):
        if not [w for w in words_of(o.feedback) if w not in _VERDICT_WORDS]:
            add("verdict_only_feedback", ("options", i, "feedback"), f"{subject}, option '{o.id}'",
                f"the feedback only gives the verdict ('{plain_text(o.feedback)}')",
                "Say why the option fits or does not, so that a learner who picked it learns something")
    return out


def _item_findings(sc: SelfCheck) -> list[Finding]:
    out: list[Finding] = []
    frequency = is_frequency_scale(sc)
    for i, item in enumerate(sc.items):
        subject = f"question '{sc.id}', item '{item.id}'"

        def add(rule: str, problem: str, hint: str, item: Item = item, i: int = i, subject: str = subject) -> None:
            out.append(Finding(rule, sc, ("items", i), subject, problem, hint, item.lint))

        joined = double_barrelled(item.text)
        if joined:
            add("double_barrelled", f"the item seems to join two behaviours or people ('{joined}')",
                "One answer cannot rate two things: split it into two items, or keep one")
        neg = negation(item.text)
        if neg:
            kind = "reverse-keyed " if item.reverse else ""
            add("negated_item", f"the {kind}item contains a negation ('{neg}')",
                "Negated statements are misread on a rating scale: word it positively"
                + (" (describe the opposite behaviour; it stays reverse-keyed)" if item.reverse else ""))
        if frequency:
            who = other_person(item.text)
            if who:
                add("other_person_item", f"the item seems to be about someone other than the respondent ({who if who.startswith('no ') else repr(who)})",
                    "A how-often scale asks what the learner does: rewrite it about the learner ('I …')")
    return out
