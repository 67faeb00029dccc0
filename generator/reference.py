"""The authoring reference (`docs/authoring.md`), written from the JSON Schema of the models.

Every table row comes from a field's docstring in :mod:`generator.schema`, so the reference
cannot drift from what `course check` accepts; ``course reference`` rewrites it and a test
fails when the committed copy is stale. The examples below are complete files; the tests
build a course from them strictly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .jsonschema import KINDS, build_schema, schema_file_name
from .quality import RULES
from .schema import QUESTION_TYPES

ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
MARKDOWN_MAX = 100_000

#: Where each kind of file lives.
LOCATIONS = {
    "manifest": "course/course.yml",
    "lesson": "course/lessons/*.yml",
    "page": "course/pages/*.yml",
    "resources": "course/resources.yml",
    "bank": "quizzes/*.yml",
}

# --------------------------------------------------------------------------- examples
# Complete files that fit together: the lesson places every bank, each bank assesses one of
# the lesson's objectives. tests/test_authoring.py builds them as a course with --strict.

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

EXAMPLE_BANKS: dict[str, tuple[str, str]] = {
    "single_choice": ("One best answer. Exactly one option has `correct: true`; every option has feedback.", """\
# yaml-language-server: $schema=../schemas/bank.schema.json
id: listening-single
questions:
  - id: listening-q1
    type: single_choice
    objectives: [listening-o1]
    prompt: Which of these is listening rather than waiting to talk?
    options:
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
"""),
    "multiple_choice": ("Several right answers; the learner picks all that apply. With a `scenario` it becomes a scenario question: the case is shown before the prompt.", """\
# yaml-language-server: $schema=../schemas/bank.schema.json
id: listening-multiple
questions:
  - id: listening-q2
    type: multiple_choice
    objectives: [listening-o2]
    scenario: |
      Sam comes home and says: "Today was awful. My manager took credit for my report."
    prompt: Which replies show Sam that you heard?
    scoring: partial          # or all_or_nothing
    options:
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
"""),
    "ordering": ("Items are written in the correct order; the page shuffles them and the learner orders them with buttons.", """\
# yaml-language-server: $schema=../schemas/bank.schema.json
id: listening-ordering
questions:
  - id: listening-q3
    type: ordering
    objectives: [listening-o3]
    prompt: Put the steps of a repair in the order you would take them.
    items:
      - id: notice
        text: Notice you were not listening.
      - id: say
        text: Say so, without excuses.
      - id: ask
        text: Ask them to tell you again.
      - id: reflect
        text: Say back what you heard.
    explanation: Owning the miss first makes the second try possible.
"""),
    "reflection": ("Free text that stays in the learner's browser; never scored.", """\
# yaml-language-server: $schema=../schemas/bank.schema.json
id: listening-reflection
questions:
  - id: listening-q4
    type: reflection
    prompt: Think of a conversation this week where you were waiting to talk. What pulled your attention away?
    hint: There is no right answer; a sentence or two is enough.
"""),
    "self_check": ("A Likert self-assessment. Anchors count up by one; items belong to subscales; `reverse: true` items are scored backwards; the bands must cover every possible mean without gaps or overlaps (`course check` proves it).", """\
# yaml-language-server: $schema=../schemas/bank.schema.json
id: listening-self-check
questions:
  - id: listening-sc
    type: self_check
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
"""),
}

EXAMPLE_MANIFEST = """\
# yaml-language-server: $schema=../schemas/manifest.schema.json
title: Listening
description: A short course on hearing people out.
authors:
  - name: Ada Example
license: CC BY 4.0
lessons:
  - listening
"""

assert set(EXAMPLE_BANKS) == set(QUESTION_TYPES)

# --------------------------------------------------------------------------- rendering

HEADER = """\
<!-- Generated by `course reference` from the field docstrings in generator/schema.py.
     Do not edit by hand: change the docstrings, then run `course reference`. -->

# Authoring reference

A course is a folder of YAML files. `course check --strict` validates them; `course build`
turns them into a website. New to this? Start with [the tutorial](tutorial.md).

| File | What it holds | Schema |
|---|---|---|
{files}

**In your editor.** Start each file with a comment naming its schema, and any editor with the
YAML language server (VS Code's *YAML* extension, Neovim, JetBrains IDEs, Helix) completes keys
and flags mistakes as you type. `course new` writes this line for you; the path is relative to
the file:

```yaml
# yaml-language-server: $schema=../../schemas/lesson.schema.json
```

`course schema` writes the schemas into `schemas/`. They check the shape of one file;
`course check` also checks the rules across files (ids, answer keys, band coverage, links).

**Conventions.**

- *id*: lower-case letters, digits, `-` and `_`, starting with a letter or digit, at most 80
  characters. Ids are stable: learners' answers are stored under question ids.
- *Markdown*: CommonMark text. Raw HTML in quiz text is shown as text. Link to another lesson
  with `[text](lesson:ID)` or `[text](lesson:ID#section)`, to a page with `page:ID`.
- Keys are snake_case; an unknown key is an error (with a "did you mean").
"""


def _code(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict):
        return "`" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "`"
    if isinstance(value, list):
        return "`[" + ", ".join(_plain(v) for v in value) + "]`"
    return f"`{value}`"


def _plain(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _anchor(name: str) -> str:
    return name.lower()


def describe_type(prop: dict[str, Any]) -> str:
    """A short, human description of a JSON Schema property's type, e.g. `list of id, at least 1`."""
    if "$ref" in prop:
        name = _ref_name(prop["$ref"])
        return f"[{name}](#{_anchor(name)})"
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        return " or ".join(describe_type(o) for o in options)
    if "oneOf" in prop:
        return "one of " + ", ".join(describe_type(o) for o in prop["oneOf"])
    if "const" in prop:
        return _code(prop["const"])
    if "enum" in prop:
        return "one of " + ", ".join(_code(v) for v in prop["enum"])
    kind = prop.get("type")
    if kind == "string":
        if prop.get("pattern") == ID_PATTERN:
            return "id"
        if prop.get("format") == "date":
            return "date (YYYY-MM-DD)"
        if prop.get("maxLength") == MARKDOWN_MAX:
            return "Markdown"
        return "text"
    if kind == "integer":
        lo, hi = prop.get("minimum"), prop.get("maximum")
        if lo is not None and hi is not None:
            return f"whole number, {lo}–{hi}"
        if lo is not None:
            return f"whole number, at least {lo}"
        return "whole number"
    if kind == "boolean":
        return "true or false"
    if kind == "array":
        text = "list of " + describe_type(prop.get("items", {}))
        limits = []
        if prop.get("minItems"):
            limits.append(f"at least {prop['minItems']}")
        if prop.get("maxItems"):
            limits.append(f"at most {prop['maxItems']}")
        return text + (", " + ", ".join(limits) if limits else "")
    if kind == "object":
        if "patternProperties" in prop:
            (pattern, value), = prop["patternProperties"].items()
            key = "id" if pattern == ID_PATTERN else "key"
            return f"mapping of {key} → {describe_type(value)}"
        if isinstance(prop.get("additionalProperties"), dict):
            return f"mapping of text → {describe_type(prop['additionalProperties'])}"
        return "mapping"
    return "any value"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _model_table(schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    props = schema.get("properties", {})
    order = sorted(props, key=lambda n: n != "type")  # a question's kind first: it decides the other keys
    for name in order:
        prop = props[name]
        if name in required:
            need = "**required**"
        elif prop.get("default") in (None, [], {}):
            need = "optional"
        else:
            need = "optional, default " + _code(prop["default"])
        rows.append(f"| `{name}` | {_cell(describe_type(prop))} | {need} | {_cell(prop.get('description', ''))} |")
    return rows


def _refs_in(node: Any) -> list[str]:
    """Names of the definitions ``node`` refers to, in order of first appearance."""
    found: list[str] = []
    if isinstance(node, dict):
        if "$ref" in node:
            found.append(_ref_name(node["$ref"]))
        for key, value in node.items():
            if key != "discriminator":
                found += [n for n in _refs_in(value) if n not in found]
    elif isinstance(node, list):
        for value in node:
            found += [n for n in _refs_in(value) if n not in found]
    return found


def _question_type(schema: dict[str, Any]) -> str | None:
    const = schema.get("properties", {}).get("type", {}).get("const")
    return const if isinstance(const, str) else None


def _rules_section() -> list[str]:
    """The item-quality rules, from :data:`generator.quality.RULES`."""
    where = {"question": "a question", "item": "a self-check item", "bank": "a bank"}
    rows = ["| Rule | Acknowledged on | Warns when |", "|---|---|---|"]
    for rule_id, rule in RULES.items():
        rows.append(f"| `{rule_id}` | {where[rule.scope]} | {_cell(rule.summary)}{' *(heuristic)*' if rule.heuristic else ''} |")
    return ["## Item-quality rules", "",
            "Besides the shape of each file, `course check` reviews how well the questions measure what they",
            "assess, following published item-writing guidelines (Haladyna, Downing & Rodriguez, 2002). Each",
            "finding is a warning that names its rule, e.g. `[absolute_words]`; `--strict` makes it fatal.",
            "A rule that cannot judge (a bank with too few questions, a scale that is not a how-often scale)",
            "stays silent. Heuristic rules guess from wording and say so in their message.", "",
            *rows, "",
            "**Acknowledging an exception.** When a finding is deliberate, add a `lint` block (see [Lint](#lint))",
            "where the rule applies: on the question, on the self-check item, or at the top of the bank file for",
            "`longest_option` and `key_position`. The reason is required; `course stats` lists every",
            "acknowledged exception with it. An unknown rule, a rule in the wrong place or an empty reason is an",
            "error.", "",
            "```yaml",
            "  - id: safety-q3",
            "    type: single_choice",
            "    prompt: Which of these is **not** a sign that a conversation is safe to have?",
            "    lint: {ignore: [negative_stem], reason: The objective is spotting the one warning sign.}",
            "```", ""]


def render_reference() -> str:
    """The whole authoring reference as Markdown."""
    files = "\n".join(f"| `{LOCATIONS[k]}` | [{KINDS[k][0].__name__}](#{_anchor(KINDS[k][0].__name__)}) | `schemas/{schema_file_name(k)}` |" for k in KINDS)
    out = [HEADER.format(files=files)]
    out += ["## Examples", "",
            "Complete files that work together: the manifest lists the lesson, the lesson places every",
            "bank, and each question names the objective it assesses. Copy one and change the ids.", "",
            "### Manifest example", "", "`course/course.yml`:", "", "```yaml", EXAMPLE_MANIFEST.rstrip(), "```", "",
            "### Lesson example", "", "`course/lessons/listening.yml`:", "", "```yaml", EXAMPLE_LESSON.rstrip(), "```", ""]
    for qtype in QUESTION_TYPES:
        intro, text = EXAMPLE_BANKS[qtype]
        bank_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
        out += [f"### Example: `{qtype}`", "", intro, "", f"`quizzes/{bank_id}.yml`:", "", "```yaml", text.rstrip(), "```", ""]
    documented: set[str] = set()
    for kind, (model, _title) in KINDS.items():
        schema = build_schema(kind)
        defs = schema.get("$defs", {})
        name = model.__name__
        documented.add(name)
        out += [f"## {name}", "", f"File: `{LOCATIONS[kind]}` · schema: `schemas/{schema_file_name(kind)}`", "",
                _cell(schema.get("description", "")), "", *_model_table(schema), ""]
        pending = _refs_in(schema.get("properties", {}))
        while pending:
            ref = pending.pop(0)
            if ref in documented:
                continue
            documented.add(ref)
            sub = defs[ref]
            qtype = _question_type(sub)
            note = f" Written as `type: {qtype}`; see [the example](#example-{qtype})." if qtype else ""
            out += [f"### {ref}", "", _cell(sub.get("description", "")) + note, "", *_model_table(sub), ""]
            pending += [n for n in _refs_in(sub.get("properties", {})) if n not in documented and n not in pending]
    out += _rules_section()
    return "\n".join(out).rstrip() + "\n"


def write_reference(path: Path) -> bool:
    """Write the reference to ``path``; return whether its content changed."""
    text = render_reference()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def example_files() -> dict[str, str]:
    """The examples as project files (path -> text), a complete course with `mkdocs.yml` left out."""
    files = {"course/course.yml": EXAMPLE_MANIFEST, "course/lessons/listening.yml": EXAMPLE_LESSON}
    for _intro, text in EXAMPLE_BANKS.values():
        bank_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
        files[f"quizzes/{bank_id}.yml"] = text
    return files

