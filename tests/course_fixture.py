"""A small valid course as inline text, and a helper to check it (used by tests/; writing files:
:mod:`support`)."""

from __future__ import annotations

from pathlib import Path

MKDOCS_YML = """\
site_name: Tiny course
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - course
validation:
  links:
    not_found: warn
    anchors: warn
"""

MANIFEST = """\
title: Tiny course
description: A course for tests.
authors:
  - name: Test Author
license: CC BY 4.0
lessons: [one, two]
references:
  - id: ref1
    text: "Author, A. (2000). *A book*. Publisher."
id: tiny-course
safety: {enabled: true}
"""

LESSON_ONE = """\
id: one
slug: lesson-one
title: Lesson one
summary: The first lesson.
minutes: 10
objectives:
  - id: one-o1
    text: Tell apart two things.
    section: intro
sections:
  - id: intro
    title: Introduction
    body: |
      Some text. See [the second lesson](lesson:two#more).
references: [ref1]
assessments:
  - bank: bank-one
    title: Check your understanding
"""

LESSON_TWO = """\
id: two
slug: lesson-two
title: Lesson two
summary: The second lesson.
minutes: 5
objectives:
  - id: two-o1
    text: Reflect on yourself.
sections:
  - id: more
    title: More
    body: More text.
assessments:
  - bank: bank-two
  - review: [q1]
"""

BANK_ONE = """\
id: bank-one
questions:
  - id: q1
    type: single_choice
    objectives: [one-o1]
    prompt: Which is right?
    options:
      - id: a
        text: This one
        correct: true
        feedback: Yes, because it is.
      - id: b
        text: That one
        feedback: No, because it is not.
"""

BANK_TWO = """\
id: bank-two
questions:
  - id: sc
    type: self_check
    objectives: [two-o1]
    title: Tiny check
    instructions: Rate each statement.
    notice: Not a test.
    scale:
      anchors:
        - {value: 1, label: Never}
        - {value: 2, label: Sometimes}
        - {value: 3, label: Often}
      not_applicable: Doesn't apply
    bands:
      - {id: low, label: Low, when: "mean < 2"}
      - {id: high, label: High, when: "mean >= 2"}
    subscales:
      - id: s1
        title: Part one
        band_text: {low: Low text., high: High text.}
    overall:
      band_text: {low: Low overall., high: High overall.}
    items:
      - {id: i1, text: I do one thing., subscale: s1}
      - {id: i2, text: I do another thing., subscale: s1, reverse: true}
"""

BASE_FILES = {
    "mkdocs.yml": MKDOCS_YML,
    "course/course.yml": MANIFEST,
    "course/lessons/one.yml": LESSON_ONE,
    "course/lessons/two.yml": LESSON_TWO,
    "quizzes/bank-one.yml": BANK_ONE,
    "quizzes/bank-two.yml": BANK_TWO,
}


def check_lines(root: Path) -> list[str]:
    """Formatted diagnostics for the course at ``root``."""
    from generator.core.layout import Project
    from generator.site.pipeline import check_course

    _, report = check_course(Project(root))
    return report.lines()
