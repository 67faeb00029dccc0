"""The item-quality rules' word lists and patterns, one table per supported language.

Every language-dependent rule reads its words from the course language's :class:`LanguageTable`
(`de-CH` uses `de`). A table lists the rules it covers in :attr:`LanguageTable.covers`; a rule a
course language's table does not cover reports once per course, as info, that it does not judge
that language (never a silent pass). The tables are written for the short, plain sentences of quiz
options, feedback and rating-scale statements, not for free prose. All words are compared after
:func:`generator.core.item_text.fold` (NFC, case-folded, curly apostrophes straightened, Arabic
diacritics and alef forms folded), so they are written here in their ordinary spelling.

Adding a language: write a table below, list the rules it covers, add labelled cases for each of
them to `tests/data/quality_corpus.yml` (the corpus test holds every covered rule to its precision
and recall floor) and regenerate the docs (`course reference`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Rules whose verdict depends on the words of a language (the others read only lengths,
#: positions and shared text).
LANGUAGE_RULES = (
    "absolute_words",
    "hedged_key",
    "all_none_of_above",
    "negative_stem",
    "stem_clang",
    "verdict_only_feedback",
    "double_barrelled",
    "negated_item",
    "other_person_item",
)


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _p(*phrases: str) -> tuple[str, ...]:
    return phrases


@dataclass(frozen=True)
class LanguageTable:
    """The words one language gives the item-quality rules (see the module docstring)."""

    code: str
    covers: frozenset[str]
    """The language-dependent rules this table can judge (a subset of :data:`LANGUAGE_RULES`)."""
    absolute: frozenset[str] = frozenset()
    """Words that make a claim absolute (never, always, only, ...)."""
    absolute_phrases: tuple[str, ...] = ()
    """Several-word absolutes ('no one', 'under no circumstances')."""
    frequency_phrases: tuple[str, ...] = ()
    """Regular expressions for schedules that use an absolute word but claim nothing absolute
    ('every few hours'); removed before absolute words are looked for."""
    hedge: frozenset[str] = frozenset()
    """Words that qualify a claim (usually, may, it depends, ...)."""
    hedge_phrases: tuple[str, ...] = ()
    above: str = r"(?!)"
    """A regular expression for 'all/none/both of the above' and its kin, on folded text."""
    verdict: frozenset[str] = frozenset()
    """Words that only give a verdict or point elsewhere ('Correct', 'try again', 'see the
    lesson'): feedback made only of these gives no reason."""
    stopwords: frozenset[str] = frozenset()
    """Function words left out when the stem's phrases are compared with an option's."""
    question_words: frozenset[str] = frozenset()
    """Words that open the question a learner answers by picking an option (which, what, ...)."""
    negative_cues: str = r"(?!)"
    """A regular expression for what makes the question ask for the wrong option (not, except,
    least, worst, avoid, ...), matched in the question's own clause."""
    negative_strong: str = r"(?!)"
    """Cues that ask for the wrong option wherever they stand in the question sentence (except,
    least, worst, false)."""
    verb_prefixes: tuple[str, ...] = ()
    """Prefixes that mark a finite verb after a joined conjunction (Arabic 'أ', 'ن')."""
    clause_breaks: str = r"(?!)"
    """A regular expression for what opens a relative or subordinate clause inside a question
    ('who', 'that', 'because'): a negation after it is content, not the question."""
    negation: str = r"(?!)"
    """A regular expression for a negation in a statement (not, never, n't, no one, ...)."""
    not_negation: str = r"(?!)"
    """Phrases with a negative word that do not negate ('not only', 'whether or not')."""
    subordinate_start: str = r"(?!)"
    """A leading subordinate clause ('When ..., '), dropped to find the main clause."""
    subordinate_tail: str = r"(?!)"
    """Where a trailing subordinate clause starts (' when ...', ', wenn ...')."""
    conjunctions: frozenset[str] = frozenset()
    """Words that join two parts of a statement (and, or, ...)."""
    subjects: frozenset[str] = frozenset()
    """Subject pronouns: one after a conjunction starts a second clause."""
    possessives: frozenset[str] = frozenset()
    """Possessive determiners ('my', 'their'): one after a conjunction starts a second thing."""
    verbs: frozenset[str] = frozenset()
    """Common behaviour verbs in the forms a rating statement uses."""
    verb_suffixes: tuple[str, ...] = ()
    """Endings stripped to find a verb in :attr:`verbs` (English 's', 'es')."""
    not_after_conjunction: frozenset[str] = frozenset()
    """Words that follow a conjunction without starting a second behaviour ('then')."""
    prefix_conjunction: str = ""
    """A conjunction written joined to the next word (Arabic 'و')."""
    object_starts: frozenset[str] = frozenset()
    """Words that start a verb's object or particle ('the', 'my', 'them', 'up'): a word between a
    conjunction and one of these is read as a verb ('… and blame myself')."""
    frequency_anchors: frozenset[str] = frozenset()
    """Words of a how-often scale's anchors (never, sometimes, often, ...)."""
    first_person: frozenset[str] = frozenset()
    """Words that make a statement about the respondent (I, me, my, ...)."""
    self_nouns: frozenset[str] = frozenset()
    """Nouns that follow 'my' in a statement still about the respondent (my mood, my body)."""
    other_starts: tuple[str, ...] = ()
    """How a statement about someone else starts (my partner, we, they, nobody, ...)."""
    pro_drop: bool = False
    """Whether a statement about the respondent may have no first-person word at all (Spanish,
    Arabic): then 'no first-person word' is no evidence of another subject."""
    why_words: str = r"(?!)"
    """A regular expression for a question that asks why or how ('why', 'por qué'): a negation in
    it is content ('Why can't reassurance last?'), not a request for the wrong option."""
    clitics: frozenset[str] = frozenset()
    """Object pronouns written before a verb (Spanish 'me', 'le'): one after a conjunction starts a
    second behaviour."""
    lower_verb_ending: str = ""
    """German: a lower-case word with this ending after 'und'/'oder' (nouns are capitalised) is
    read as a first-person verb."""
    article: str = ""
    """A definite article written joined to its noun (Arabic 'ال'), split off before lookups."""
    elisions: frozenset[str] = frozenset()
    """Elided words written with an apostrophe (French l', d', n', qu', ...), split off."""
    moderate: frozenset[str] = frozenset()
    """Words of balanced, moderate wording (balance, both, calmly, gently, some, ...), read by the
    'most moderate' lesson-blind guesser."""
    extreme: frozenset[str] = field(default_factory=frozenset)
    """Words of overdone wording (completely, immediately, refuse, demand, ...), read by the same
    guesser (absolute words count too)."""


# --------------------------------------------------------------------------- English

EN = LanguageTable(
    code="en",
    covers=frozenset(LANGUAGE_RULES),
    absolute=_w(
        """never always only proven proves prove all none guaranteed guarantee guarantees
        completely every everyone everything everybody must certainly entirely totally impossible
        nothing nobody absolutely definitely invariably forever solely wholly"""
    ),
    absolute_phrases=_p(
        "no one",
        "at all times",
        "under no circumstances",
        "in every case",
        "for good",
        "once and for all",
    ),
    frequency_phrases=_p(
        r"\bevery\s+(?:(?:few|other|couple\s+of|single)\s+|\d+\s+|(?:one|two|three|four|five|six"
        r"|seven|eight|nine|ten|twelve|twenty|thirty)\s+)?(?:second|minute|hour|day|night|week"
        r"|month|year|morning|evening|afternoon|weekend|session|lesson)s?\b",
        r"\ball\s+(?:day|night|week|morning|evening|afternoon|year|weekend)(?:\s+long)?\b",
    ),
    hedge=_w(
        """usually often may might can could sometimes depends depend tend tends likely generally
        typically perhaps possibly partly somewhat probably frequently occasionally"""
    ),
    hedge_phrases=_p("in many cases", "in some cases", "for the most part", "more or less"),
    above=r"\b(?:all|none|both|neither|either|any)\s+of\s+(?:the\s+)?(?:above|these|those"
    r"|the\s+(?:options|answers|choices)(?:\s+above)?)\b|\b(?:all|none)\s+(?:the\s+)?above\b",
    why_words=r"^(?:why|how)\b",
    verdict=_w(
        """correct incorrect right wrong yes yep yeah no nope not quite exactly well done great
        good job that that's thats is it it's its this the answer one sorry try again true false
        indeed excellent perfect almost close but so very nice oops spot on a an of course
        absolutely definitely really totally you got you're are have there work thinking thought
        choice pick call catch idea guess effort option please review reread re-read revisit see
        read look check go back lesson lessons section sections chapter page part unit module
        above below earlier again more carefully here keep it up awesome brilliant super
        fantastic wonderful well done nice try unfortunately afraid not that one i'm what's
        what we wanted mark hmm ok okay alright"""
    ),
    stopwords=_w(
        """a an the and or but if then of to in on at by for with from as into onto about over
        under is are was were be been being am do does did doing have has had having it its it's
        this that these those there their they them he she his her him i me my we us our you your
        what which who whom whose when where why how not no so than too very can could may might
        will would shall should must just also more most some any each other such only own same
        both all between among through during before after within without against upon"""
    ),
    question_words=_w("which what who whom whose choose select pick identify name find"),
    negative_cues=(
        r"\b(not(?!\s+\w+ing\b)|never|avoid|avoided|avoids|disagree|disagrees|fail|fails|failed|unlikely"
        r"|unhelpful|cannot)\b|\w+(n't)\b"
    ),
    negative_strong=r"\b(except|least|worst|untrue|false|incorrect|weakest|poorest|inaccurate"
    r"|mistaken|exception)\b",
    clause_breaks=r"\b(?:who|whom|whose|that|because|if|when|whenever|while|although|though"
    r"|since|after|before|unless|until|where)\b",
    negation=(
        r"\b(not|never|no|none|nobody|nothing|neither|nor|cannot|rarely|seldom|hardly|no one"
        r"|nowhere|unable|fail to|fails to|failed to|\w+n't)\b"
    ),
    not_negation=r"\b(?:whether or not|or not|no matter|not only|say no|saying no|said no"
    r"|says no|no longer than|no later than)\b",
    subordinate_start=(
        r"^(?:when|whenever|after|before|if|once|while|as soon as|even when|even if|until"
        r"|because|since|although|though|during|in a|in an|in the|on days|at times|at the)\b"
        r"[^,]*,\s*"
    ),
    subordinate_tail=(
        r",?\s+\b(?:even when|even if|even though|when|whenever|before|after|until|if|because"
        r"|since|although|though|while|so that|instead of|rather than|as long as|unless|without"
        r"|once|whether)\b"
    ),
    conjunctions=_w("and or nor and/or"),
    subjects=_w("i we they he she you people others someone everyone i'm i've i'd i'll"),
    possessives=_w("my our their his her your"),
    verbs=_w(
        """accept admit agree answer apologise apologize argue ask avoid blame call care change
        check come comfort compromise criticise criticize cry decide defend disagree discuss
        drop end explain feel find forget forgive get give go hide hold hug ignore insist
        interrupt keep laugh leave let listen look make mention move name need notice offer
        pause plan praise push raise reach react reassure recover refuse relax remember repair
        respond rest return say scream share shout show shut skip sleep smile snap speak stay
        start step stop storm sulk support take talk tease tell text think touch try turn wait
        walk want watch withdraw work worry write yell rehearse pretend thank set settle admit
        agree breathe chase check cling complain confront cook count cover demand deny doubt
        dwell freeze give grab hang hear help hint joke judge lash lie lose mock nag obey panic
        plead point press promise punish question read reply reject repeat resent sigh sit slam
        sneak soften stall stare sulk swallow sweep switch threaten trust vent wonder apologised
        apologized asked called changed decided explained listened looked paused pushed said
        shouted stayed stopped talked told tried turned walked went withdrew yelled kept took
        went gave made accuse acknowledge act add adjust agree allow appreciate approach argue
        arrange assume attack attend bargain beg believe blow bottle bring brush build bury
        catch celebrate cheer choose clam collapse commit communicate compare concede confess
        confide connect consider continue contribute convince correct cringe defer delay
        describe deflect demand depend describe dismiss disappear distract dodge drift eat
        embrace encourage engage exaggerate expect express fall fix flare flee follow freak
        gloss grumble handle hate hesitate hug hurry imagine invite isolate join justify knock
        lecture lighten linger manage meet mumble negotiate nod overreact overthink panic ponder
        pout prepare pretend protect provoke pull punish quit rant rationalise reassess recall
        reconnect reflect reframe regret rehearse reject relent rely remind repeat rephrase
        resist resolve retreat reveal sacrifice scold scroll seek send shrug shy sigh slow
        smooth soothe spend spiral stand steer stew storm suggest summarise surrender suppress
        swear sympathise tackle tense thank tiptoe tolerate translate understand undo unload
        urge validate volunteer wander warn weigh whisper win worry agreed argued blamed cried
        decided defended dropped explained forgave hid ignored interrupted joined laughed left
        lied noticed offered paused planned praised raised reacted refused relaxed repaired
        replied responded returned screamed shared showed slammed smiled snapped spoke started
        stormed sulked supported teased texted thought touched waited wanted watched worried
        wrote"""
    ),
    # No -s stripping: first-person statements use base forms, and plural nouns ("needs and
    # wishes") end in -s.
    not_after_conjunction=_w("then also so"),
    object_starts=_w(
        "the a an my your their his them him it me myself yourself up out down away back off"
    ),
    frequency_anchors=_w(
        "never rarely seldom sometimes occasionally often usually always frequently times"
    ),
    first_person=_w("i me my myself mine i'm i've i'd i'll"),
    self_nouns=_w(
        """mood moods feelings feeling sense worth confidence body heart mind thoughts own needs
        opinions opinion view views voice self plans reaction reactions temper anxiety calm energy
        stomach breathing"""
    ),
    other_starts=_p(
        "my partner",
        "my spouse",
        "my husband",
        "my wife",
        "my boyfriend",
        "my girlfriend",
        "my friend",
        "my friends",
        "my family",
        "my children",
        "my kids",
        "my parent",
        "partners",
        "the other person",
        "other people",
        "nobody",
        "no one",
    ),
    moderate=_w(
        """balance balanced both calmly calm gently gentle some briefly honestly openly while
        also together acknowledge acknowledging own own's share sharing curious curiosity ask
        asking check listen listening steady steadily patient patiently space respect respectful
        kindly clear clearly without later yet noticing notice"""
    ),
    extreme=_w(
        """completely immediately instantly refuse refusing demand demanding insist insisting
        cut cutting drop dropping forget totally entirely shout yell leave quit ignore ignoring
        avoid avoiding stop stopping silence drop abandon end ending force forcing
        anything whatever until"""
    ),
)


# --------------------------------------------------------------------------- German

DE = LanguageTable(
    code="de",
    covers=frozenset(LANGUAGE_RULES),
    absolute=_w(
        """nie niemals immer stets nur alle alles allem allen aller keiner keine keines keinen
        nichts niemand jeder jede jedes jeden jedem jederzeit ausnahmslos völlig vollständig
        garantiert bewiesen sicher unmöglich muss müssen absolut gänzlich ausschließlich
        grundsätzlich total"""
    ),
    absolute_phrases=_p("auf keinen fall", "unter keinen umständen", "in jedem fall"),
    frequency_phrases=_p(
        r"\b(?:jede|jeden|jedes|jeder|alle)\s+(?:paar\s+|zwei\s+|drei\s+|vier\s+|\d+\s+|zweiten\s+"
        r"|dritten\s+)?(?:sekunde|minute|minuten|stunde|stunden|tag|tage|woche|wochen|monat"
        r"|monate|jahr|jahre|morgen|abend|nacht|wochenende)\b",
    ),
    hedge=_w(
        """meist meistens oft häufig manchmal gelegentlich kann können könnte könnten mag mögen
        vielleicht eventuell möglicherweise wahrscheinlich vermutlich tendenziell teilweise
        gewöhnlich normalerweise eher hängt typischerweise"""
    ),
    hedge_phrases=_p("es kommt darauf an", "kommt darauf an", "in vielen fällen", "in der regel"),
    above=r"\b(?:alle|keine|keiner|beide)\s+(?:der\s+|dieser\s+|diese\s+)?(?:oben\s+genannten"
    r"|obigen|genannten|antworten|optionen|möglichkeiten)\b|\b(?:alles|nichts|keines|beides)\s+"
    r"davon\b|\b(?:alle|keine|beide)\s+davon\b",
    why_words=r"\b(?:warum|wieso|weshalb|wie)\b",
    lower_verb_ending="e",
    verdict=_w(
        """richtig falsch korrekt genau stimmt ja nein nicht ganz leider prima super toll gut
        sehr gemacht klasse bravo perfekt fast knapp daneben das ist es die antwort eine einer
        versuch versuche noch einmal nochmal mal bitte sieh siehe lies lektion lektionen
        abschnitt kapitel seite oben unten weiter so schön gute arbeit treffer stimmt leider
        nicht fast richtig hervorragend ausgezeichnet wunderbar oje hm okay na ja du hast recht
        völlig absolut wirklich genau"""
    ),
    stopwords=_w(
        """der die das den dem des ein eine einen einem einer eines und oder aber wenn dann zu
        in im an am auf aus bei mit von vom für über unter ist sind war waren sein bin bist
        hat haben hatte es er sie wir ihr ich du mich mir dich dir sich was welche welcher
        welches wer wie warum nicht kein keine so als auch noch nur mehr sehr zum zur ob dass
        durch nach vor seine ihre ihren ihrem mein meine deine unser"""
    ),
    question_words=_w(
        "welche welcher welches welchen welchem was wer wen wem wähle wählen nenne nennen"
    ),
    negative_cues=(
        r"\b(nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|vermeiden|vermeidet"
        r"|widerspricht|widersprechen|unwahrscheinlich)\b"
    ),
    negative_strong=r"\b(außer|ausnahme|am\s+wenigsten|am\s+schlechtesten|schlechteste"
    r"|schlechtesten|falsch|falsche|unzutreffend|unrichtig)\b",
    clause_breaks=r",",
    negation=(
        r"\b(nicht|nie|niemals|kein|keine|keinen|keinem|keiner|keines|nichts|niemand|weder"
        r"|noch nie|kaum|selten|nirgends)\b"
    ),
    not_negation=r"\b(?:nicht nur|ob oder nicht|nein sagen|nein zu sagen|nein sage)\b",
    subordinate_start=(
        r"^(?:wenn|sobald|nachdem|bevor|falls|als|während|weil|obwohl|selbst wenn|auch wenn"
        r"|bis|seit|nach einem|nach einer|in einem|an tagen)\b[^,]*,\s*"
    ),
    subordinate_tail=(
        r",?\s*\b(?:wenn|sobald|nachdem|bevor|falls|als|während|weil|obwohl|selbst wenn|auch wenn"
        r"|bis|seit|damit|sodass|statt|anstatt|ohne|dass|ob)\b"
    ),
    conjunctions=_w("und oder sowie noch"),
    subjects=_w("ich wir sie er du man andere jemand"),
    possessives=_w("mein meine meinen meinem meiner unser unsere ihr ihre sein seine dein deine"),
    verbs=_w(
        """höre hört antworte antwortet frage fragt sage sagt rede redet spreche spricht schweige
        schweigt gehe geht ziehe zieht schreie schreit weine weint lache lacht entschuldige
        entschuldigt warte wartet ändere ändert erkläre erklärt versuche versucht bleibe bleibt
        halte hält nehme nimmt gebe gibt zeige zeigt teile teilt verstecke versteckt ignoriere
        ignoriert beruhige beruhigt schreibe schreibt rufe ruft umarme umarmt verlasse verlässt
        unterbreche unterbricht tröste tröstet verteidige verteidigt kritisiere kritisiert
        mache macht denke denkt plane plant lasse lässt atme atmet setze setzt schlafe schläft
        schmolle schmollt gebe nach gibt nach drücke drückt lege legt schneide schneidet"""
    ),
    not_after_conjunction=_w("dann auch danach"),
    frequency_anchors=_w("nie selten manchmal gelegentlich oft häufig meistens immer"),
    first_person=_w("ich mich mir mein meine meinen meinem meiner meins"),
    self_nouns=_w(
        """gefühle gefühl stimmung laune meinung meinungen körper herz kopf gedanken bedürfnisse
        ansicht stimme selbstwert puls atem magen wut angst"""
    ),
    other_starts=_p(
        "mein partner",
        "meine partnerin",
        "mein mann",
        "meine frau",
        "mein freund",
        "meine freundin",
        "meine familie",
        "meine kinder",
        "meine eltern",
        "unser",
        "unsere",
        "wir",
        "andere",
        "niemand",
        "die andere person",
        "partner",
    ),
    moderate=_w(
        """ruhig gelassen beide beides sowohl teilweise etwas kurz offen ehrlich zugleich zuhören
        nachfragen fragen respekt später freundlich behutsam klar anerkennen"""
    ),
    extreme=_w(
        """sofort völlig ganz verlangen fordern fordert bestehen abbrechen ignorieren schreien
        verlassen vermeiden aufhören schweigen zwingen jedenfalls"""
    ),
)


# --------------------------------------------------------------------------- French

FR = LanguageTable(
    code="fr",
    covers=frozenset(LANGUAGE_RULES),
    absolute=_w(
        """jamais toujours seul seule seuls seules seulement uniquement tout tous toute toutes
        aucun aucune rien personne chaque complètement entièrement totalement absolument
        forcément impossible prouvé prouvée garanti garantie certainement doit doivent
        invariablement systématiquement"""
    ),
    absolute_phrases=_p("en aucun cas", "à chaque fois", "sans exception"),
    frequency_phrases=_p(
        r"\b(?:chaque|tous\s+les|toutes\s+les)\s+(?:deux\s+|trois\s+|quatre\s+|\d+\s+"
        r"|quelques\s+)?(?:seconde|minute|heure|jour|nuit|semaine|mois|an|année|matin|soir"
        r"|week-end)s?\b",
    ),
    hedge=_w(
        """souvent parfois généralement habituellement peut peuvent pourrait pourraient
        peut-être probablement possiblement sans doute dépend dépendent tendance plutôt
        partiellement quelquefois fréquemment"""
    ),
    hedge_phrases=_p("ça dépend", "cela dépend", "dans bien des cas", "en général"),
    above=r"\b(?:toutes|tous|aucune|aucun)\s+(?:les\s+)?(?:réponses\s+|propositions\s+)?"
    r"(?:ci\s+dessus|précédentes)\b|\b(?:aucune|aucun|toutes|tous|les\s+deux)\s+"
    r"(?:de\s+)?(?:ces|celles\s+ci|ceux\s+ci)\b|\bles\s+deux\s+(?:réponses\s+)?"
    r"(?:ci\s+dessus|précédentes)\b",
    why_words=r"\b(?:pourquoi|comment)\b",
    verdict=_w(
        """correct correcte juste exact exacte faux fausse bien bravo oui non pas tout à fait
        presque dommage raté bonne réponse c'est ça c' est ce la le une un très bon bien joué
        parfait excellent super génial essaie encore une fois réessaie relis revois voir voyez
        la leçon section chapitre page plus haut ci-dessus hélas désolé oups effectivement
        vraiment tout fait"""
    ),
    stopwords=_w(
        """le la les un une des du de d l et ou mais si alors à au aux en dans sur par pour avec
        sans sous est sont était être a ont avoir il elle ils elles on nous vous je j tu me m te
        se s ce c cet cette ces qui que qu quoi quel quelle quels quelles ne n pas plus très
        aussi son sa ses leur leurs mon ma mes ton ta tes notre votre"""
    ),
    question_words=_w(
        """quel quelle quels quelles lequel laquelle lesquels lesquelles que qu quoi qui
        choisissez indiquez"""
    ),
    negative_cues=r"\b(ne|n|pas|jamais|aucun|aucune|éviter|évite|évitent|désaccord|contredit)\b",
    negative_strong=r"\b(sauf|excepté|moins|pire|faux|fausse|inexact|inexacte|incorrect"
    r"|incorrecte)\b",
    clause_breaks=r"\b(?:qui|dont|où|lorsque|quand|si|parce|puisque|bien|car)\b|,",
    negation=(
        r"\b(ne|n|pas|jamais|rien|aucun|aucune|personne|nulle|guère|rarement|ni|plus\s+jamais)\b"
    ),
    not_negation=r"\b(?:non seulement|dire non|ne\s+\w+\s+que|n\s+\w+\s+que)\b",
    subordinate_start=(
        r"^(?:quand|lorsque|lorsqu|si|s|dès que|après|avant|pendant|parce que|puisque|même si"
        r"|bien que|les jours où)\b[^,]*,\s*"
    ),
    subordinate_tail=(
        r",?\s*\b(?:quand|lorsque|lorsqu|si|s|dès que|après|avant de|avant que|pendant que"
        r"|parce que|puisque|même si|même quand|bien que|alors que|sans|pour que|au lieu de)\b"
    ),
    conjunctions=_w("et ou ni"),
    subjects=_w("je j nous ils elles il elle on vous tu"),
    possessives=_w("mon ma mes notre nos leur leurs son sa ses ton ta tes"),
    verbs=_w(
        """écoute écoutes réponds répond demande demandes dis dit parle parles pars part crie
        cries pleure pleures ris rit excuse m'excuse attends attend change changes explique
        essaie essaye reste restes garde gardes prends prend donne donnes montre partage cache
        ignore calme écris appelle serre quitte interromps console défends critique fais fait
        pense planifie laisse respire boude cède appuie coupe reviens revient retourne"""
    ),
    not_after_conjunction=_w("puis ensuite aussi"),
    frequency_anchors=_w("jamais rarement parfois souvent toujours fréquemment"),
    first_person=_w("je j me m moi mon ma mes mien mienne"),
    self_nouns=_w(
        """humeur sentiments émotions avis opinion opinions corps cœur coeur esprit pensées
        besoins voix colère anxiété estime respiration"""
    ),
    other_starts=_p(
        "mon partenaire",
        "ma partenaire",
        "mon conjoint",
        "ma conjointe",
        "mon mari",
        "ma femme",
        "mon copain",
        "ma copine",
        "ma famille",
        "mes enfants",
        "mes parents",
        "nous",
        "les autres",
        "l autre",
        "personne",
        "on",
        "ils",
        "elles",
        "il",
        "elle",
    ),
    elisions=_w("l d n j m t s c qu jusqu lorsqu puisqu quoiqu"),
    moderate=_w(
        """calmement calme doucement les deux à la fois un peu brièvement honnêtement ouvertement
        écouter demander respect plus tard clair clairement reconnaître partager"""
    ),
    extreme=_w(
        """immédiatement aussitôt complètement exiger exige refuser refuse insister couper
        ignorer crier quitter éviter arrêter silence forcer"""
    ),
)


# --------------------------------------------------------------------------- Spanish

ES = LanguageTable(
    code="es",
    covers=frozenset(LANGUAGE_RULES),
    absolute=_w(
        """nunca jamás siempre solo sólo solamente únicamente todo todos toda todas ninguno
        ninguna ningún nada nadie cada completamente totalmente absolutamente enteramente
        garantizado garantizada probado probada imposible debe deben seguro seguramente
        invariablemente"""
    ),
    absolute_phrases=_p("en ningún caso", "bajo ninguna circunstancia", "en todo momento"),
    frequency_phrases=_p(
        r"\b(?:cada|todos\s+los|todas\s+las)\s+(?:dos\s+|tres\s+|cuatro\s+|pocas\s+|pocos\s+|\d+\s+"
        r")?(?:segundo|minuto|hora|día|noche|semana|mes|meses|año|mañana|tarde|fin\s+de\s+semana)"
        r"s?\b",
    ),
    hedge=_w(
        """normalmente generalmente a menudo frecuentemente frecuente veces puede pueden podría
        podrían quizá quizás tal probablemente posiblemente depende dependen suele suelen
        tiende tienden parcialmente"""
    ),
    hedge_phrases=_p("a veces", "tal vez", "en muchos casos", "por lo general"),
    why_words=r"\b(?:por\s+qué|cómo)\b",
    clitics=_w("me te se le les nos os"),
    above=r"\b(?:todas|todos|ninguna|ninguno|ambas|ambos)\s+(?:las\s+|los\s+)?(?:anteriores"
    r"|de\s+(?:las|los)\s+anteriores|de\s+est[ao]s|opciones\s+anteriores|respuestas\s+anteriores)"
    r"\b|\b(?:todo|nada)\s+lo\s+anterior\b",
    verdict=_w(
        """correcto correcta incorrecto incorrecta bien mal exacto exacta sí no del todo casi
        lástima muy buen buena trabajo respuesta esa esta es eso eso es la el una un perfecto
        excelente genial fantástico inténtalo intenta otra vez de nuevo repasa revisa relee lee
        mira ver lección sección capítulo página arriba abajo lo siento vaya uy claro cierto
        verdadero falso efectivamente exactamente así tal cual hecho"""
    ),
    stopwords=_w(
        """el la los las un una unos unas y e o u pero si entonces de del a al en con por para
        sin sobre es son era ser está están estar ha han haber hay lo le les se me te nos yo
        tú él ella ellos ellas nosotros que qué cuál cuáles quién cómo no más muy también
        su sus mi mis tu tus nuestro nuestra este esta estos estas ese esa"""
    ),
    question_words=_w("cuál cuáles qué quién quiénes elige elija señala señale indica"),
    negative_cues=(
        r"\b(no|nunca|jamás|ninguno|ninguna|ningún|evitar|evita|evitaría|desacuerdo|contradice)\b"
    ),
    negative_strong=r"\b(excepto|salvo|menos|peor|falso|falsa|incorrecto|incorrecta|excepción)\b",
    clause_breaks=r"\b(?:que|quien|quienes|cuando|si|porque|donde|cuyo|cuya|aunque|mientras)\b|,",
    negation=(
        r"\b(no|nunca|jamás|nada|nadie|ningún|ninguno|ninguna|tampoco|ni|apenas|rara\s+vez)\b"
    ),
    not_negation=r"\b(?:no solo|no sólo|decir que no|digo que no|o no|sí o no)\b",
    subordinate_start=(
        r"^(?:cuando|si|después de|antes de|mientras|porque|aunque|aun cuando|incluso si"
        r"|en cuanto|hasta que|los días en que|tras)\b[^,]*,\s*"
    ),
    subordinate_tail=(
        r",?\s*\b(?:cuando|si|después de|antes de|antes que|mientras|porque|aunque|aun cuando"
        r"|incluso cuando|incluso si|en cuanto|hasta que|sin|para que|en lugar de|en vez de)\b"
    ),
    conjunctions=_w("y e o u ni"),
    subjects=_w("yo nosotros nosotras ellos ellas él ella tú usted ustedes"),
    possessives=_w("mi mis nuestro nuestra nuestros nuestras su sus tu tus"),
    verbs=_w(
        """escucho respondo contesto pregunto digo hablo callo grito lloro río pido espero cambio
        explico intento quedo mantengo tomo doy muestro comparto oculto escondo ignoro calmo
        escribo llamo abrazo dejo interrumpo consuelo defiendo critico hago pienso planeo
        respiro cedo salgo vuelvo regreso me voy me callo me disculpo me enfado me alejo"""
    ),
    not_after_conjunction=_w("luego después también"),
    frequency_anchors=_w("nunca raramente rara vez veces menudo frecuentemente siempre casi"),
    first_person=_w("yo me mi mis mí conmigo mío mía"),
    self_nouns=_w(
        """ánimo humor sentimientos emociones opinión opiniones cuerpo corazón mente pensamientos
        necesidades voz enfado ansiedad autoestima respiración"""
    ),
    other_starts=_p(
        "mi pareja",
        "mi esposo",
        "mi esposa",
        "mi marido",
        "mi mujer",
        "mi novio",
        "mi novia",
        "mi familia",
        "mis hijos",
        "mis padres",
        "nosotros",
        "nosotras",
        "los demás",
        "las demás",
        "la otra persona",
        "nadie",
        "ellos",
        "ellas",
        "él",
        "ella",
    ),
    pro_drop=True,
    moderate=_w(
        """calma tranquilamente tranquilo ambos ambas equilibrio brevemente honestamente
        abiertamente escuchar preguntar respeto después claro claramente reconocer compartir"""
    ),
    extreme=_w(
        """inmediatamente enseguida completamente exigir exige negarse insistir cortar ignorar
        gritar abandonar evitar callar forzar"""
    ),
)


# --------------------------------------------------------------------------- Arabic
# Words are compared without short-vowel marks and with alef forms folded (أ إ آ -> ا), so
# 'أبداً' and 'ابدا' match. The conjunction 'و' is written joined to the next word.

AR = LanguageTable(
    code="ar",
    covers=frozenset(LANGUAGE_RULES),
    absolute=_w(
        """أبدا دائما دوما فقط كل جميع كافة لا شيء مستحيل مطلقا إطلاقا تماما حتما بالتأكيد
        مضمون مثبت وحده وحدها يجب"""
    ),
    absolute_phrases=_p("لا أحد", "في كل الأحوال", "بأي حال", "على الإطلاق"),
    frequency_phrases=_p(
        r"\bكل\s+(?:بضع\s+|ساعتين|يومين|\d+\s+)?(?:ثانية|دقيقة|دقائق|ساعة|ساعات|يوم|أيام|ليلة|أسبوع"
        r"|أسابيع|شهر|أشهر|سنة|صباح|مساء)\b",
    ),
    hedge=_w(
        """عادة غالبا أحيانا قد ربما يمكن يمكنه يمكنها احتمال محتمل يعتمد تعتمد جزئيا نوعا
        كثيرا"""
    ),
    hedge_phrases=_p("في بعض الأحيان", "في كثير من الأحيان", "يعتمد على", "إلى حد ما"),
    above=r"(?:كل|جميع|كلا)\s+(?:ما\s+سبق|مما\s+سبق|(?:ال)?(?:خيارات|خيارين|إجابات|إجابتين)"
    r"(?:\s|$)|(?:ال)?سابق)|لا\s+شيء\s+(?:من|مما)\s*(?:ما\s+)?(?:سبق|ذكر|هذه)"
    r"|(?:ولا|لا)\s+واحدة?\s+من\s+(?:هذه|هذا|(?:ال)?خيارات|ما\s+سبق)",
    why_words=r"(?:^|\s)(?:لماذا|كيف)(?=\s)",
    verdict=_w(
        """صحيح صح صحيحة خطأ خاطئ خاطئة نعم لا ليس تماما أحسنت ممتاز رائع جيد جدا عمل
        إجابة الإجابة هذه هذا هي هو حاول مرة أخرى راجع اقرأ أعد الدرس القسم الصفحة أعلاه
        للأسف تقريبا بالضبط بالفعل شكرا"""
    ),
    stopwords=_w(
        """في من إلى على عن مع أن إن كان كانت هو هي هم هن أنا نحن أنت ما ماذا أي الذي التي
        الذين لا لم لن ليس قد ثم أو و هذا هذه ذلك تلك كل بعض عند إذا لكن بل حتى"""
    ),
    question_words=_w("أي أية ما ماذا من اختر حدد"),
    negative_cues=(
        r"(?:^|\s)(ليس|ليست|لا|لم|لن|غير|(?:ت|ي)?تجنب\w*|(?:ي|ت)خالف\w*)(?=\s|$|[؟?،,.])"
    ),
    negative_strong=r"(?:^|\s)((?:ال)?(?:عدا|باستثناء|إلا|أقل|أسوأ|خطأ|خاطئة|خاطئ))(?=\s|$|[؟?،,.])",
    verb_prefixes=("أ",),
    clause_breaks=r"(?:^|\s)(?:الذي|التي|الذين|اللواتي|عندما|حين|إذا|لأن|لو|بينما|كلما)(?=\s)|،|,",
    negation=(
        r"(?:^|\s)(لا|لم|لن|ليس|لست|ليست|لسنا|أبدا|غير|نادرا|لا أحد|ولا|ما\s+عدت)(?=\s|$|[.،,!؟?])"
    ),
    not_negation=r"(?:ليس\s+فقط|لا\s+سيما|أقول\s+لا|قول\s+لا)",
    subordinate_start=(
        r"^(?:عندما|حين|حينما|إذا|لو|بعد|قبل|أثناء|لأن|رغم|مع أن|حتى عندما|كلما)\s[^،,]*[،,]\s*"
    ),
    subordinate_tail=(
        r"[،,]?\s+(?:عندما|حين|حينما|إذا|لو|بعد أن|قبل أن|أثناء|لأن|رغم أن|حتى عندما|حتى لو"
        r"|كلما|دون أن|بدلا من|بينما)(?=\s)"
    ),
    conjunctions=_w("و أو ولا"),
    subjects=_w("أنا نحن هم هو هي أنت"),
    possessives=frozenset(),
    verbs=frozenset(),
    prefix_conjunction="و",
    article="ال",
    not_after_conjunction=_w(
        "أحيانا أكثر أقل أيضا أخيرا أولا أبدا إلى أن أحد أيام أسابيع أشهر أسبوع أخرى أمس"
    ),
    frequency_anchors=_w("أبدا نادرا أحيانا غالبا دائما كثيرا"),
    first_person=_w("أنا نفسي لي بي"),
    other_starts=_p(
        "شريكي",
        "شريكتي",
        "زوجي",
        "زوجتي",
        "عائلتي",
        "أطفالي",
        "والداي",
        "نحن",
        "هم",
        "هو",
        "هي",
        "الآخرون",
        "لا أحد",
        "الطرف الآخر",
    ),
    pro_drop=True,
    moderate=_w("بهدوء هادئ كلاهما معا قليلا باختصار بصراحة الاستماع السؤال احترام لاحقا بوضوح"),
    extreme=_w("فورا حالا تماما أطالب يطالب أرفض يرفض أصر يصر أقطع أتجاهل أصرخ أترك أتوقف"),
)


TABLES: dict[str, LanguageTable] = {t.code: t for t in (EN, DE, FR, ES, AR)}
"""Every language table, by base language code."""


def table_for(language: str) -> LanguageTable | None:
    """The table for a course language (`de-CH` uses `de`), or None when there is none."""
    base = language.replace("_", "-").split("-")[0].lower()
    return TABLES.get(base)
