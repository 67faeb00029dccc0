"""Example YAML, in one place: the files the authoring reference shows and `course new` writes.

Each question type has one example question (:data:`QUESTIONS`). The reference shows it in a
complete example course (`listening`, which tests build with --strict); the scaffolder writes
the same question into a new bank under the new bank's ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.schema import QUESTION_TYPES


@dataclass(frozen=True)
class ExampleQuestion:
    """One question type's example: what it is for, and its fields after `id`, `type` and
    `objectives`."""

    intro: str
    """One or two sentences for the reference."""
    bank: str
    """Id of the example bank in the reference's `listening` course."""
    qid: str
    """Id of the question there."""
    objective: str | None
    """The objective it assesses there (None: it assesses none)."""
    body: str
    """The remaining fields, indented as inside a bank's `questions` list."""


QUESTION_HEAD = """\
  # A question id is unique across the course: learners' answers are stored under it.
  # `objectives` names the lesson objectives this question assesses.
  - id: {{qid}}
    type: {{type}}
    objectives: [{{objective}}]
"""

BANK_HEAD = """\
# A quiz bank. Question types: single_choice, multiple_choice, ordering, self_check and
# reflection; docs/authoring.md has an example of each.
id: {{id}}
title: {{title}}
questions:
"""

QUESTIONS: dict[str, ExampleQuestion] = {
    "single_choice": ExampleQuestion(
        "One best answer. Exactly one option has `correct: true`; every option has feedback.",
        "listening-single",
        "listening-q1",
        "listening-o1",
        """\
    prompt: Which of these is listening rather than waiting to talk?
    options:               # exactly one is correct; every option explains itself
      - id: a
        text: Asking what they meant before giving your view.
        correct: true
        feedback: You take in their meaning first.
      - id: b
        text: Planning your answer while they finish.
        feedback: Your attention is on your reply, not on them.
      - id: c
        text: Nodding until there is a pause.
        feedback: Nodding can hide that you stopped taking in what they say.
    explanation: Listening means taking in what is said before preparing a reply.
""",
    ),
    "multiple_choice": ExampleQuestion(
        "Several right answers; the learner picks all that apply. With a `scenario` it becomes a "
        "scenario question: the case is shown before the prompt.",
        "listening-multiple",
        "listening-q2",
        "listening-o2",
        """\
    scenario: |
      Sam comes home and says: "Today was awful. My manager took credit for my report."
    prompt: Which replies show Sam that you heard?
    scoring: partial          # or all_or_nothing
    options:                  # one or more are correct, at least one is not
      - id: a
        text: '"That sounds infuriating. Your work, their name."'
        correct: true
        feedback: It names both the event and the feeling.
      - id: b
        text: '"So the report you worked on went out under their name?"'
        correct: true
        feedback: Checking the facts shows you followed.
      - id: c
        text: '"You should talk to HR tomorrow."'
        feedback: Advice may come later; first show you heard.
""",
    ),
    "ordering": ExampleQuestion(
        "Items are written in the correct order; the page shuffles them and the learner orders "
        "them with buttons.",
        "listening-ordering",
        "listening-q3",
        "listening-o3",
        """\
    prompt: Put the steps of a repair in the order you would take them.
    items:                 # in the CORRECT order; the page shuffles them
      - id: notice
        text: Notice you were not listening.
      - id: say
        text: Say so, without excuses.
      - id: ask
        text: Ask them to tell you again.
      - id: reflect
        text: Say back what you heard.
    explanation: Owning the miss first makes the second try possible.
""",
    ),
    "reflection": ExampleQuestion(
        "Free text that stays in the learner's browser; never scored.",
        "listening-reflection",
        "listening-q4",
        None,
        """\
    prompt: Think of a conversation this week where you were waiting to talk. What pulled your attention away?
    hint: There is no right answer; a sentence or two is enough.
""",  # noqa: E501 (sample text kept as written)
    ),
    "self_check": ExampleQuestion(
        "A Likert self-assessment. Anchors count up by one; items belong to subscales; `reverse: "
        "true` items are scored backwards; the bands must cover every possible mean without gaps "
        "or overlaps (`course check` proves it).",
        "listening-self-check",
        "listening-sc",
        None,
        """\
    title: How I listen
    instructions: Think of the past month. How often is each statement true for you?
    notice: This is a reflection aid, not a test or a diagnosis.
    scale:
      anchors:
        - {value: 1, label: Rarely}
        - {value: 2, label: Sometimes}
        - {value: 3, label: Often}
        - {value: 4, label: Almost always}
      not_applicable: Doesn't apply / prefer not to say
    subscales:
      - id: attention
        title: Staying with the speaker
        band_text:
          building: Your attention often drifts to your reply. That is common and can be practised.
          steady: You usually stay with what is being said.
      - id: checking
        title: Checking what you heard
        band_text:
          building: You rarely check what you heard. Try saying it back once a day.
          steady: You often check that you understood.
    items:
      - {id: i1, text: I let people finish before I answer., subscale: attention}
      - {id: i2, text: I plan my reply while the other person is still talking., subscale: attention, reverse: true}
      - {id: i3, text: I say back what I heard., subscale: checking}
      - {id: i4, text: I ask what someone meant when I am unsure., subscale: checking}
    scoring:
      max_missing: 1          # items per subscale that may be skipped
    bands:
      - {id: building, label: Still building, when: "mean < 2.5"}
      - {id: steady, label: Mostly steady, when: "mean >= 2.5"}
    overall:
      band_text:
        building: Listening takes effort for you right now; the lesson's steps can help.
        steady: Listening comes fairly easily to you.
""",  # noqa: E501 (sample text kept as written)
    ),
}

assert set(QUESTIONS) == set(QUESTION_TYPES)

EXAMPLE_MANIFEST = """\
# yaml-language-server: $schema=../schemas/manifest.schema.json
id: listening
title: Listening
description: A short course on hearing people out.
authors:
  - name: Ada Example
license: CC BY 4.0
lessons:
  - listening
"""

EXAMPLE_LESSON = """\
# yaml-language-server: $schema=../../schemas/lesson.schema.json
id: listening
slug: listening
title: Listening well
summary: What it takes to hear someone out before you answer.
minutes: 15
objectives:
  - id: listening-o1
    text: Tell listening apart from waiting to talk.
    section: hearing
  - id: listening-o2
    text: Pick the responses that show you heard.
    section: responding
  - id: listening-o3
    text: Order the steps of a repair conversation.
    section: repair
sections:
  - id: hearing
    title: Hearing before answering
    body: |
      Listening is more than silence while the other person talks. It means taking in
      what they say before you prepare a reply.
  - id: responding
    title: Responding
    body: |
      A good response shows what you heard, in your own words.
  - id: repair
    title: Repairing a missed moment
    body: |
      When you notice you did not listen, say so, ask again and listen.
      The [first section](lesson:listening#hearing) has the basics.
key_terms:
  - term: Reflective listening
    definition: Saying back what you heard so the speaker can confirm or correct it.
evidence:
  - claim: Summarising what you heard helps the speaker feel understood.
    status: theory
    note: A common clinical recommendation; studies of everyday couples are few.
reflections:
  - id: listening-r1
    prompt: When did someone last really listen to you? What did they do?
assessments:
  - bank: listening-single        # the whole bank, right after the section 'hearing'
    after: hearing
    title: Check your understanding
  - bank: listening-multiple
    questions: [listening-q2]     # only some of a bank's questions, in this order
    after: responding
  - bank: listening-ordering
  - bank: listening-reflection
  - bank: listening-self-check
    title: "Self-check: How I listen"
"""

MANIFEST = """\
# The course manifest: what the course is, and the order of its lessons.
# Every key is described in the authoring reference (docs/authoring.md).
id: {{id}}  # never change it: learners' saved answers are kept under it
title: {{title}}  # also the site's name (mkdocs.yml can override it)
description: |
  One or two paragraphs that introduce the course on its home page.
authors:
  - name: {{author}}
license: CC BY 4.0         # the licence of your course content
lessons:                   # lesson ids in teaching order; `course new lesson` adds to this list
  - {{lesson}}
"""

LESSON = """\
# A lesson. Every key is described in the authoring reference (docs/authoring.md).
# `id` is listed in course/course.yml under `lessons`; `slug` is the page's address.
id: {{id}}
slug: {{id}}
title: {{title}}
summary: One or two sentences on what this lesson is about.
minutes: 10                # estimated time to work through it
objectives:                # what the learner can do afterwards; a question should assess each one
  - id: {{id}}-o1
    text: Explain the main idea of this lesson in your own words.
    section: introduction  # the section that teaches it (the quiz summary links there)
sections:
  - id: introduction
    title: Introduction
    body: |
      Write the lesson here in Markdown: **bold**, *italic*, lists, tables.
      To link to another lesson, use `lesson:` and its id as the link target.
assessments:               # quiz banks from quizzes/ shown on this page
  - bank: {{bank}}
    title: Check your understanding
"""

GITIGNORE = """\
# Built output: made again by `course build` (and by the Pages workflow), never committed.
/site/
/dist/
/export/
/lms/
.site-building-*/
.site-old-*/
# The local Python environment (see README.md).
.venv/
__pycache__/
# What `course check` remembers between runs; safe to delete.
.course-cache/
"""

#: `.github/workflows/pages.yml` of a new course: build strictly, publish on GitHub Pages.
PAGES_WORKFLOW = """\
# Build the course and publish it on GitHub Pages at every push to main.
# One-time setup: repository Settings > Pages > Build and deployment > Source: "GitHub Actions".
# The site's address comes from GitHub (actions/configure-pages) through SITE_URL, which
# mkdocs.yml reads for `site_url` (sitemap.xml and canonical links); a custom domain works too.
name: Publish course

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install the course generator
        run: pip install {{package}}
      # Validates strictly, builds into a temporary folder, checks every link, then fills site/.
      - name: Build the course
        env:
          SITE_URL: ${{ steps.pages.outputs.base_url }}/
        run: course build --strict
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

#: `README.md` of a new course: what it is and its own two commands.
README = """\
# {{title}}

A course written with the course generator: lessons in `course/`, quiz banks in `quizzes/`,
images and other files in `docs/`.

Preview it while you write (the page reloads when you save):

    course serve

Check it strictly and build the site into `site/`:

    course build --strict

Publishing: push to GitHub and turn on Pages (Settings > Pages > Source: "GitHub Actions");
`.github/workflows/pages.yml` then builds and publishes every push to `main`. Any other
static host works too: upload `site/` after `SITE_URL=https://your.address/ course build --strict`.
"""


def question_text(qtype: str, qid: str, objective: str | None) -> str:
    """The example question of ``qtype`` under the given id, assessing ``objective`` (or none)."""
    head = (
        QUESTION_HEAD.replace("{{qid}}", qid)
        .replace("{{type}}", qtype)
        .replace("{{objective}}", objective or "")
    )
    if not objective:
        head = "\n".join(ln for ln in head.splitlines() if "objectives:" not in ln) + "\n"
    return head + QUESTIONS[qtype].body


def reference_bank(qtype: str) -> str:
    """The example bank file of ``qtype`` in the reference's `listening` course."""
    q = QUESTIONS[qtype]
    return (
        f"# yaml-language-server: $schema=../schemas/bank.schema.json\nid: {q.bank}\nquestions:\n"
        + _strip_comments(question_text(qtype, q.qid, q.objective))
    )


def _strip_comments(text: str) -> str:
    """The question head's explanatory comments are for new files, not for the reference."""
    return "".join(ln for ln in text.splitlines(keepends=True) if not ln.lstrip().startswith("#"))
