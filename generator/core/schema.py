"""The course data model: the manifest, lessons, quiz banks and self-checks.

These models define the shape of every YAML file an instructor writes. Each field's docstring
is its documentation: it becomes the field's description in the JSON Schema (for editors) and
in the authoring reference. The models do no I/O and check only shape; rules that span
fields or files live in :mod:`generator.core.validate`.

One module on purpose (about 500 lines): the models refer to each other, and the generated
JSON Schema and reference list them in this file's order.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from .ids import ID_MAX_LENGTH, ID_PATTERN, check_not_reserved

Id = Annotated[
    str, Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH), AfterValidator(check_not_reserved)
]
"""A stable identifier: lower-case letters, digits, '-' and '_' (not a name such as
`constructor` that every JavaScript object already has)."""

Markdown = Annotated[str, Field(min_length=1, max_length=100_000)]
"""Markdown text."""


class Model(BaseModel):
    """Base for every course model: strict types, unknown keys refused, line kept."""

    model_config = ConfigDict(
        extra="forbid", strict=True, use_attribute_docstrings=True, frozen=False
    )
    _path: tuple = PrivateAttr(default=())
    """Key path of this object inside its file (set after loading)."""
    _file: str = PrivateAttr(default="")
    """File this object was loaded from (set after loading)."""


# --------------------------------------------------------------------------- manifest


class Author(Model):
    """A person credited for the course."""

    name: str
    """Full name as it should appear on the site."""
    role: str | None = None
    """Optional role, e.g. 'Author' or 'Reviewer'."""


class Reference(Model):
    """A work the course cites. Lessons cite it by `id`."""

    id: Id
    """Stable identifier used in lessons' `references` lists, e.g. `bowen1978`."""
    text: Markdown
    """The full citation as Markdown, e.g. `Bowen, M. (1978). *Family therapy in clinical practice*.
    Jason Aronson.`"""
    url: str | None = None
    """Optional link to the work (https only)."""
    note: str | None = None
    """Optional note shown after the citation, e.g. a correction or attribution caveat."""


class LmsSettings(Model):
    """How a SCORM package (`course export-lms --format scorm12|scorm2004`) reports to the LMS."""

    completion: Literal["answered", "visited"] = "answered"
    """When the course counts as complete in the LMS. `answered`: every lesson's knowledge checks
    have been answered (right or wrong; a lesson without any counts once visited). `visited`:
    every lesson has been opened."""
    interactions: bool = False
    """Also send each knowledge-check answer as a `cmi.interactions` record: the question's id,
    its kind and whether it was right (never which option was chosen). Off by default: the LMS
    then sees only completion, the score and the last lesson visited."""
    mastery_score: Annotated[int, Field(ge=0, le=100)] | None = None
    """Optional pass mark, 0 to 100: the score (share of knowledge checks answered right) at which
    the LMS records the learner as passed. SCORM 1.2 gets it as `adlcp:masteryscore` and reports
    `passed`/`failed`; SCORM 2004 reports `cmi.success_status`. Without it no pass or fail is
    reported, only completion and the score."""


class SafetySettings(Model):
    """The safety kit for a sensitive course: quick-exit link, scope notice and support page.

    Off unless the course opts in. A knife-skills course with a self-check gets none of it;
    a course on relationships or health writes `safety: {enabled: true, ...}`.
    """

    enabled: bool = True
    """Turn the whole kit on (`true`, the default once a `safety` block is written) or off."""
    quick_exit_url: str = "https://www.bbc.com/weather"
    """Neutral https page the quick-exit link leaves to (with `location.replace`). The link
    ("Leave this site now") is shown on every lesson with a self-check and on the support page."""
    notice: Markdown | None = None
    """Scope notice shown on every self-check, e.g. "a reflection aid, not a diagnosis" (a
    self-check's own `notice` replaces it). Same as the manifest's top-level `notice`."""
    support_page: Id | None = None
    """Id of a page (listed in `pages`) where learners find help; it also gets the quick-exit
    link."""


class Manifest(Model):
    """The course manifest, `course/course.yml`: what the course is and the order of its pages."""

    id: Id | None = None
    """Stable course id, set once by `course new course` and never changed. It keys learners'
    saved answers in their browser, so the title can change without losing them. Without it the
    key is made from the title (and `course check` suggests adding it)."""
    title: str
    """Course title, shown on the home page, in the header and in the browser tab (it is the
    site name unless `mkdocs.yml` sets its own `site_name`)."""
    description: Markdown
    """One or two paragraphs introducing the course on its home page."""
    language: str = "en"
    """Language code of the course text (e.g. `en`, `en-GB`). Selects the browser UI strings; it
    must be one of the shipped languages (`generator/strings/*.json`)."""
    quality: str | float | None = None
    """The item-quality rule set the course was written against, e.g. `2026.12` (written by `course
    new course`). Rules added later report as info until you move it forward; `course check
    --quality latest` shows what moving would bring. Without it the course follows the first rule
    set, `2026.10` (see docs/item-quality.md). Quotes are optional: `2026.10` unquoted means
    the same."""
    authors: list[Author] = Field(min_length=1)
    """Who wrote the course."""
    license: str
    """Licence of the course content, e.g. `CC BY-SA 4.0`."""
    lessons: list[Id] = Field(min_length=1)
    """Lesson ids in teaching order. Each names a file in `course/lessons/`."""
    pages: list[Id] = []
    """Ids of extra, unscored pages (files in `course/pages/`), e.g. a start page or safety page."""
    pages_first: list[Id] = []
    """Ids from `pages` to list before the lessons in the navigation (the rest come after)."""
    references: list[Reference] = []
    """Every work the course cites, listed on the references page in this order."""
    notice: Markdown | None = None
    """Default notice shown on every self-check (a self-check's own `notice` replaces it).
    Kept from earlier versions: it also turns the safety kit on unless `safety` says otherwise."""
    quick_exit_url: str | None = None
    """Kept from earlier versions; write `safety: {quick_exit_url: ...}` instead. Setting it turns
    the safety kit on unless `safety` says otherwise."""
    safety: SafetySettings | None = None
    """The safety kit (quick-exit link, self-check notice, support page); off unless set."""
    maths: bool = False
    """Render maths written as `$...$` (inline) or `$$...$$` (display) in lesson text with KaTeX,
    served from the site itself (no outside request). Off by default: dollar signs stay text."""
    allow_raw_html: bool = False
    """Let quiz text contain raw HTML and leave lesson and page bodies unsanitised. Off by default:
    raw HTML in quiz text is shown as text, and bodies keep only the sanitiser's allow-list
    (docs/security.md). `check` warns when on; inline script never runs either way."""
    strings: dict[str, str | dict[str, str]] = {}
    """Overrides for browser UI strings, by key (the keys and supported languages are listed in
    docs/languages.md). Plain text: HTML and Markdown in them are shown as written. A string with
    a count may give one text per CLDR plural category, its count written `{n}`:
    `{one: "{n} question due", other: "{n} questions due"}`."""
    lms: LmsSettings = LmsSettings()
    """What a SCORM package reports to a learning management system (see docs/hosting.md)."""


# --------------------------------------------------------------------------- lessons


class Objective(Model):
    """A learning objective: what the learner can do after the lesson."""

    id: Id
    """Stable identifier; questions name it in their `objectives` list."""
    text: str
    """The objective, starting with a verb, e.g. 'Tell comfort apart from being known.'"""
    section: Id | None = None
    """Id of the section that teaches it; the quiz summary links there for review."""


class Section(Model):
    """A titled part of a lesson, written in Markdown."""

    id: Id
    """Stable anchor id (`#id` in links)."""
    title: str
    """Heading shown above the section."""
    body: Markdown
    """The section text in Markdown. Link to another lesson with `lesson:ID` or
    `lesson:ID#section`."""
    paper: Markdown | None = None
    """The section as the printed workbook shows it, instead of `body`: for text that only fits
    the web (what the browser keeps, a quick-exit button). Omit it to print `body`."""
    in_workbook: bool = True
    """`false` leaves the section out of the printed workbook (a section for the web only)."""


class KeyTerm(Model):
    """A term defined by the lesson; collected into the course glossary."""

    term: str
    """The term as it should appear in the glossary."""
    definition: Markdown
    """A short definition in plain language."""


class EvidenceNote(Model):
    """One claim and how strong the support for it is, for the 'What the research says' box."""

    claim: str
    """The claim, in a sentence."""
    status: Literal["research", "theory", "opinion"]
    """`research` (backed by studies), `theory` (a clinical framework) or `opinion` (the author's
    view)."""
    note: Markdown
    """What the evidence does and does not show."""
    references: list[Id] = []
    """Ids of references (from the manifest) supporting the note."""


class Placement(Model):
    """Where an assessment appears in a lesson: a whole bank, some of its questions, or review
    items."""

    bank: Id | None = None
    """Id of a quiz bank in `quizzes/`; all its questions appear unless `questions` narrows them."""
    questions: list[Id] = []
    """Ids of questions from `bank` to show, in this order (all of them when empty)."""
    review: list[Id] = []
    """Ids of questions from earlier lessons to show again as spaced review (no `bank` needed)."""
    title: str | None = None
    """Heading above the block, e.g. 'Check your understanding'."""
    after: Id | None = None
    """Id of the section this block follows; at the end of the lesson when omitted."""
    attempt: Literal["same", "new"] = "same"
    """For a self-check shown again: `new` makes this placement a new attempt that starts empty, and
    the learner's earlier attempts are compared with it; `same` (the default) shows the answers
    already given."""


class Reflection(Model):
    """A free-text prompt whose answer stays in the learner's browser."""

    id: Id
    """Stable identifier (answers are stored under it)."""
    prompt: Markdown
    """The question the learner reflects on."""
    hint: str | None = None
    """Optional nudge shown under the prompt."""
    # Metadata, not content: excluded from serialisation so the content hash (and learners' saved
    # answers) stays the same.
    objectives: list[Id] = Field(default=[], exclude=True)
    """This lesson's objectives the prompt assesses (for objectives that ask the learner to write,
    plan or draft); they count as assessed on the page."""


class Lesson(Model):
    """A lesson file in `course/lessons/`."""

    id: Id
    """Stable identifier, listed in the manifest's `lessons`."""
    slug: Id
    """URL part of the lesson's page, e.g. `fusion-and-differentiation`."""
    title: str
    """Lesson title."""
    summary: str
    """One or two sentences shown in the lesson index and under the title."""
    minutes: int = Field(ge=1, le=600)
    """Estimated minutes to work through the lesson."""
    objectives: list[Objective] = Field(min_length=1)
    """What the learner will be able to do; every objective should be assessed by a question."""
    sections: list[Section] = Field(min_length=1)
    """The lesson text, in order."""
    key_terms: list[KeyTerm] = []
    """Terms defined here; they appear in the glossary."""
    evidence: list[EvidenceNote] = []
    """Claims and their evidence status, shown as 'What the research says'."""
    reflections: list[Reflection] = []
    """Reflection prompts shown at the end of the lesson."""
    assessments: list[Placement] = []
    """Quiz blocks, self-checks and review items, and where they appear."""
    references: list[Id] = []
    """Ids of references (from the manifest) cited by this lesson."""
    notice: Markdown | None = None
    """Optional safety or scope notice shown at the top of the lesson."""


class Page(Model):
    """An unscored page in `course/pages/`, e.g. 'Start here' or a safety checklist."""

    id: Id
    """Stable identifier, listed in the manifest's `pages`."""
    slug: Id
    """URL part of the page."""
    title: str
    """Page title."""
    summary: str | None = None
    """Optional one-line summary."""
    sections: list[Section] = Field(min_length=1)
    """The page text, in order."""
    resources: bool = False
    """Show the support resources from `course/resources.yml` at the end of this page."""
    quick_exit: bool = False
    """Show the quick-exit link on this page (needs the manifest's safety kit; in a course without a
    `safety` block it turns the kit on, as in earlier versions). The kit's `support_page` has it
    anyway."""


class Resource(Model):
    """A support service."""

    name: str
    """Name of the service."""
    contact: str | None = None
    """Phone number, text code or similar, as it should be shown."""
    url: str | None = None
    """Website (https)."""
    description: str
    """Who it is for, in a sentence."""
    source: str | None = None
    """Where the details come from (number, hours, who and where the service covers): the
    service's official web page (URL) or a publication, several separated by commas. `check` warns
    when it is missing."""
    last_verified: _dt.date | None = None
    """Date someone checked this entry against `source` (YYYY-MM-DD). The page shows it beside the
    entry; `check` warns once it is more than a year old, and for an entry never checked."""
    not_verified: str | None = Field(default=None, min_length=1)
    """Why this entry is listed although nobody has checked it yet (e.g. 'written from the
    service's published number without an online check'). The page then marks it as not checked,
    and `check` lists it as a note instead of warning. Leave out `last_verified` when you set it."""


class ResourceGroup(Model):
    """Support services for one place or need."""

    title: str
    """Heading, e.g. 'United Kingdom' or 'Emergencies'."""
    items: list[Resource] = Field(min_length=1)
    """The services."""


class Resources(Model):
    """`course/resources.yml`: support services listed on safety pages."""

    last_verified: _dt.date | None = None
    """The earlier shape: one date on which someone checked every entry (YYYY-MM-DD). An entry
    without its own `last_verified` (and without `not_verified`) counts as checked on this date.
    Prefer a date on each entry: the page never shows a date later than its oldest entry's, and
    `check` warns when this one is later than an entry's own check or covers an unchecked one."""
    review_days: int = Field(default=92, ge=1)
    """How many days may pass after the oldest check before `check` reminds you to verify the list
    again."""
    intro: Markdown | None = None
    """Text shown above the list."""
    groups: list[ResourceGroup] = Field(min_length=1)
    """The services, grouped."""


# --------------------------------------------------------------------------- quiz banks


class Lint(Model):
    """An acknowledged exception to the item-quality review: rules `course check` should not apply
    here, and why.

    Example: `lint: {ignore: [negative_stem], reason: "The objective is to spot the one unsafe
    reply."}`.
    `course stats` lists every acknowledged exception with its reason.
    """

    ignore: list[str] = Field(min_length=1)
    """Ids of the quality rules to skip here (see 'Item-quality rules' in docs/authoring.md).
    Question rules go on a question, item rules on a self-check item, bank rules (`longest_option`,
    `key_position`) on the bank."""
    reason: str
    """Why the exception is deliberate, in a sentence; shown by `course stats`."""


class Option(Model):
    """One answer option of a choice question."""

    id: Id
    """Stable identifier, unique within the question (e.g. `a`, `b`, `c`)."""
    text: Markdown
    """The option as the learner sees it (Markdown; raw HTML is shown as text)."""
    correct: bool = False
    """Whether choosing this option is right."""
    feedback: Markdown
    """Why this option fits or does not; shown when the learner picks it."""
    fixed: bool = False
    """Keep this option in its authored place when the page shuffles the options (e.g. a closing
    'Both of the above'-style option)."""


class _Question(Model):
    id: Id
    """Stable identifier, unique across the whole course (answers are stored under it)."""
    objectives: list[Id] = []
    """Ids of the lesson objectives this question assesses."""
    # Metadata, not content: excluded from serialisation so the content hash (and learners' saved
    # answers) stays the same.
    variant_of: Id | None = Field(default=None, exclude=True)
    """Id of the question this one rewords (for review: same objective, new wording), so results on
    the two can be compared."""
    lint: Lint | None = Field(
        default=None, exclude=True
    )  # authoring metadata: kept out of dumps, so out of content hashes
    """Acknowledged exceptions to the item-quality review for this question, with the reason."""


class _Choice(_Question):
    prompt: Markdown
    """The question stem (Markdown). Phrase it positively; avoid 'Which is NOT…'."""
    scenario: Markdown | None = None
    """A case vignette shown before the stem; makes this a scenario question."""
    options: list[Option] = Field(min_length=2, max_length=8)
    """The answer options. The page shows them in a shuffled order, the same on every visit; with
    JavaScript off and in print, in the order given."""
    shuffle: bool = True
    """Whether the page shuffles the options (`false` keeps the order given, e.g. for a scale-like
    list)."""
    explanation: Markdown | None = None
    """Shown with the answer once the learner reveals it."""


class SingleChoice(_Choice):
    """One best answer among the options."""

    type: Literal["single_choice"]
    """Question kind."""


class MultipleChoice(_Choice):
    """Several options are correct; the learner picks all that apply."""

    type: Literal["multiple_choice"]
    """Question kind."""
    scoring: Literal["all_or_nothing", "partial"] = "partial"
    """`partial`: credit = (right picks − wrong picks) ÷ correct options, never below 0.
    `all_or_nothing`: full credit only for the exact set."""


class OrderItem(Model):
    """One item of an ordering question."""

    id: Id
    """Stable identifier, unique within the question."""
    text: Markdown
    """The item text."""


class Ordering(_Question):
    """Put items in the right order (operable by buttons, not drag only)."""

    type: Literal["ordering"]
    """Question kind."""
    prompt: Markdown
    """The instruction, e.g. 'Put the steps in the order you would take them.'"""
    scenario: Markdown | None = None
    """Optional case vignette shown before the prompt."""
    items: list[OrderItem] = Field(min_length=2, max_length=12)
    """The items in the CORRECT order; the page shows them shuffled."""
    explanation: Markdown
    """Why this order; shown after checking."""


class ReflectionQuestion(_Question):
    """Free text the learner keeps in their browser; never scored."""

    type: Literal["reflection"]
    """Question kind."""
    prompt: Markdown
    """The reflection prompt."""
    hint: str | None = None
    """Optional nudge shown under the prompt."""


class Anchor(Model):
    """A labelled point on a response scale."""

    value: int
    """The score this answer carries."""
    label: str
    """What the learner reads, e.g. 'Often'."""


class Scale(Model):
    """The response scale shared by all items of a self-check."""

    anchors: list[Anchor] = Field(min_length=2, max_length=11)
    """One labelled answer per whole score from the lowest to the highest, in order."""
    not_applicable: str | None = None
    """Label of an extra, unscored answer, e.g. "Doesn't apply / prefer not to say"."""


class Subscale(Model):
    """A group of items scored together."""

    id: Id
    """Stable identifier; items name it."""
    title: str
    """Positive name of the skill, e.g. 'Steady under pressure'."""
    description: str | None = None
    """One sentence on what it covers."""
    band_text: dict[Id, Markdown]
    """Interpretation text for each band id (every band needs one)."""


class Overall(Model):
    """How the overall score (all items together) is reported."""

    title: str = "Overall"
    """Heading of the overall result. Left out, it is the course language's word for it ('Overall',
    'Gesamt'…)."""
    band_text: dict[Id, Markdown]
    """Interpretation text for each band id (every band needs one)."""


class Band(Model):
    """An interpretation band: a range of mean scores and its label."""

    id: Id
    """Stable identifier; subscales give a `band_text` for it."""
    label: str
    """Short, non-judgemental label, e.g. 'Varies with the situation'."""
    when: str
    """The range of the mean keyed score, e.g. `mean < 2.5`, `2.5 <= mean <= 3.5`, `mean > 3.5`.
    Compared exactly, no rounding."""


class Item(Model):
    """A self-check statement rated on the scale."""

    id: Id
    """Stable identifier, unique within the self-check."""
    text: str
    """The statement, e.g. 'I stay calm when my partner is upset.' Avoid negations."""
    subscale: Id
    """Id of the subscale it counts towards."""
    reverse: bool = False
    """Reverse-keyed: its score is (lowest + highest − answer), so higher always means more of the
    skill."""
    lint: Lint | None = Field(
        default=None, exclude=True
    )  # authoring metadata: kept out of dumps, so out of content hashes
    """Acknowledged exceptions to the item-quality review for this item, with the reason."""


class Scoring(Model):
    """How a self-check adds up."""

    max_missing: int = Field(default=1, ge=0)
    """How many items of a subscale may be left unanswered (or 'doesn't apply') before it shows 'not
    enough answers'. The overall score needs every subscale to have enough."""


class SelfCheck(_Question):
    """A reflective Likert self-assessment with subscales and interpretation bands."""

    type: Literal["self_check"]
    """Question kind."""
    title: str
    """Name of the self-check, e.g. 'Holding Steady'."""
    instructions: Markdown
    """How to answer, including the time frame (e.g. 'In the past month…')."""
    # Left out of dumps, so out of the content hash: adding it keeps learners' saved answers.
    paper_instructions: Markdown | None = Field(default=None, exclude=True)
    """`instructions` as the printed workbook shows them, e.g. without what the browser keeps;
    omit it to print `instructions`."""
    notice: Markdown | None = None
    """Scope notice shown on the self-check; defaults to the manifest's `notice`."""
    scale: Scale
    """The response scale."""
    subscales: list[Subscale] = Field(min_length=1)
    """The subscales, in the order results are shown."""
    items: list[Item] = Field(min_length=2)
    """The statements, in the order the learner sees them."""
    scoring: Scoring = Scoring()
    """How missing answers are handled."""
    bands: list[Band] = Field(min_length=1)
    """Interpretation bands, from lowest to highest; together they must cover every possible
    mean."""
    overall: Overall | None = None
    """The overall result across all items; omit to report subscales only."""


Question = Annotated[
    SingleChoice | MultipleChoice | Ordering | SelfCheck | ReflectionQuestion,
    Field(discriminator="type"),
]
"""A question: a tagged union on `type`."""

#: The question types, in the union's order (each model's `type` literal).
QUESTION_TYPES: tuple[str, ...] = tuple(
    get_args(m.model_fields["type"].annotation)[0] for m in get_args(get_args(Question)[0])
)


class Bank(Model):
    """A quiz bank file in `quizzes/`: a set of questions a lesson places."""

    id: Id
    """Stable identifier; lessons place the bank by it."""
    title: str | None = None
    """Default heading for the block where it appears."""
    questions: list[Question] = Field(min_length=1)
    """The questions."""
    lint: Lint | None = Field(
        default=None, exclude=True
    )  # authoring metadata: kept out of dumps, so out of content hashes
    """Acknowledged exceptions to the bank-wide quality rules (`longest_option`, `key_position`),
    with the reason."""
