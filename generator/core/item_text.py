"""Reading item text for the item-quality review: words, absolute and hedge words, and the
self-check item heuristics."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .schema import SelfCheck

# --------------------------------------------------------------------------- text helpers

_ABOVE = re.compile(r"\b(all|none) of the above\b", re.IGNORECASE)
_LINK = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>\[\]]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

ABSOLUTE_WORDS = frozenset(
    """
never always only proven proves prove all none guaranteed guarantee guarantees completely every
everyone everything everybody must certainly entirely totally impossible nothing nobody
absolutely definitely invariably forever solely wholly
""".split()
)
"""Words that make a claim absolute; "no one" counts too."""
HEDGE_WORDS = frozenset(
    """
usually often may might can could sometimes depends depend tend tends likely generally typically
perhaps possibly partly somewhat probably frequently occasionally
""".split()
)
"""Words that qualify a claim; "it depends" counts through "depends"."""
VERDICT_WORDS = frozenset(
    """
correct incorrect right wrong yes yep yeah no nope not quite exactly well done great good job that
that's thats is it it's its this the answer one sorry try again true false indeed excellent perfect
almost close but so very nice oops spot on a an of course absolutely definitely really totally you
got you're are have there
""".split()
)
_STOPWORDS = frozenset(
    """
a an the and or but if then of to in on at by for with from as into onto about over under is are
was were be been being am do does did doing have has had having it its it's this that these those
there their they them he she his her him i me my we us our you your what which who whom whose
when where why how not no so than too very can could may might will would shall should must just
also more most some any each other such only own same both all between among through during before after
within without against upon
""".split()  # noqa: E501 (sample text kept as written)
)
NEGATIVE_STEM = re.compile(
    # "Which is NOT …"
    r"\b(?:is|are|was|were|do|does|did|would|should|could|can|will|might|may|has|have|had)"
    r"\s+[*_]*(not)\b"
    # "… not true", "not a sign of"
    r"|\b(not)[*_]*\s+(?:true|correct|right|a|an|one|part|likely|helpful|accurate)\b"
    r"|\b(except|least|never|cannot|incorrect|untrue|false|\w+n't)\b",
    re.IGNORECASE,
)
EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_NEGATION = re.compile(
    r"\b(not|never|no|none|nobody|nothing|neither|nor|cannot|rarely|seldom|hardly|no one|\w+n't)\b"
)
_NOT_NEGATION = re.compile(
    r"\b(whether or not|or not|no matter|not only|say no|saying no|said no)\b"
)
_FREQUENCY = frozenset(
    "never rarely seldom sometimes occasionally often usually always frequently times".split()
)
_SUBORDINATE_START = re.compile(
    r"^(?:when|whenever|after|before|if|once|while|as soon as|even when|even if|until|because|"
    r"since|although|though|during|in a|in an|in the|on days|at times|at the)\b[^,]*,\s*"
)
_SUBORDINATE_TAIL = re.compile(
    r",?\s+\b(?:even when|even if|even though|when|whenever|before|after|until|if|because|"
    r"since|although|though|while|so that|instead of|rather than|as long as|unless|without)\b"
)
_CONJ = re.compile(r"\b(and|or|and/or|nor)\s+(?:then\s+)?([a-z']+)(?:\s+([a-z']+))?")
_SUBJECTS = frozenset("i we they he she you my our people others someone everyone".split())
_BEHAVIOUR_VERBS = frozenset(
    """
accept admit agree answer apologise apologize argue ask avoid blame call calm care change check come
comfort compromise criticise criticize cry decide defend disagree discuss drop end explain feel find
forget forgive get give go hide hold hug ignore insist interrupt keep laugh leave let listen look
make mention move name need notice offer open pause plan praise push raise reach react reassure
recover refuse relax remember repair respond rest return say scream share shout show shut skip
sleep smile snap speak stay start step stop storm sulk support take talk tease tell text think
touch try turn wait walk want watch withdraw work worry write yell
""".split()
)
_SELF_NOUNS = frozenset(
    """
mood moods feelings feeling sense worth confidence body heart mind thoughts own needs opinions
opinion view views voice self plans reaction reactions temper anxiety calm energy stomach breathing
""".split()
)
_OTHER_STARTS = (
    "my partner",
    "my spouse",
    "my husband",
    "my wife",
    "my boyfriend",
    "my girlfriend",
    "my friend",
    "my family",
    "my children",
    "my kids",
    "my parent",
    "partners",
    "the other person",
    "other people",
    "nobody",
    "no one",
)


def plain_text(markdown: str) -> str:
    """Markdown as plain words: link targets, emphasis and heading marks removed, spacing
    collapsed."""
    text = _MARKUP.sub("", _LINK.sub("", markdown)).replace("’", "'")
    return " ".join(text.split())


def words_of(text: str) -> list[str]:
    """Lower-case words of Markdown text (apostrophes kept inside a word)."""
    return list(_words(text))


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    # Every rule reads the same option and stem texts: split each once per process (`course
    # serve` re-checks the course on every save, and most texts have not changed).
    return tuple(_WORD.findall(plain_text(text).casefold()))


def normalise(text: str) -> str:
    """Text as compared for near-duplicates: case, punctuation and spacing ignored."""
    return " ".join(words_of(text))


def absolute_words_in(text: str) -> list[str]:
    """The absolute words in ``text``, in order (see :data:`ABSOLUTE_WORDS`); 'all/none of the
    above' has its own rule."""
    ws = words_of(_ABOVE.sub(" ", text))
    found = [w for w in ws if w in ABSOLUTE_WORDS]
    found += ["no one" for a, b in zip(ws, ws[1:], strict=False) if (a, b) == ("no", "one")]
    return list(dict.fromkeys(found))


def hedge_words_in(text: str) -> list[str]:
    """The hedging words in ``text``, in order (see :data:`HEDGE_WORDS`)."""
    return list(dict.fromkeys(w for w in words_of(text) if w in HEDGE_WORDS))


def content_words(text: str) -> list[str]:
    """The words of ``text`` without stopwords."""
    return [w for w in words_of(text) if w not in _STOPWORDS]


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


# --------------------------------------------------------------------------- heuristics for
# self-check items


def main_clause(text: str) -> str:
    """The main clause of a statement, lower-case: a leading 'When …,' and a trailing 'even when …'
    dropped."""
    t = plain_text(text).casefold().rstrip(".!?")
    t = _SUBORDINATE_START.sub("", t, count=1)
    return _SUBORDINATE_TAIL.split(t, maxsplit=1)[0].strip()


def _is_verb(word: str) -> bool:
    for stem in (
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("es") else "",
    ):
        if stem in _BEHAVIOUR_VERBS:
            return True
    return False


def double_barrelled(text: str) -> str | None:
    """The joining words ('and return') when ``text`` seems to join two behaviours or actors, else
    None.

    Heuristic: in the main clause, 'and'/'or' followed by a subject ('I', 'my partner', 'we'…)
    or by a common behaviour verb. Pairs of adjectives or nouns ('calm and clear', 'hours or
    days') pass; so does 'and'/'or' in a 'When …' clause, which sets the situation.
    """
    for m in _CONJ.finditer(main_clause(text)):
        conj, first, second = m.group(1), m.group(2), m.group(3) or ""
        if (
            (first in _SUBJECTS and not (first == "my" and second in _SELF_NOUNS))
            or _is_verb(first)
            or (first.endswith("ly") and _is_verb(second))
        ):
            return f"{conj} {first}"
    return None


def negation(text: str) -> str | None:
    """The first negation in ``text`` ('not', "don't", 'never', …), or None. Heuristic."""
    t = _NOT_NEGATION.sub(" ", plain_text(text).casefold())
    m = _NEGATION.search(t)
    return m.group(1) if m else None


def other_person(text: str) -> str | None:
    """Who the statement is about when it is not the respondent ('my partner', 'we'…), or None.
    Heuristic."""
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
    if not (
        {"i", "me", "my", "myself", "mine", "i'm", "i've", "i'd", "i'll"} & set(words_of(text))
    ):
        return "no 'I' in it"
    return None


def is_frequency_scale(sc: SelfCheck) -> bool:
    """Whether the self-check's anchors ask how often (Never … Always)."""
    return any(w in _FREQUENCY for a in sc.scale.anchors for w in words_of(a.label))
