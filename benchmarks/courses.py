"""The synthetic courses the benchmarks build: seeded, deterministic, any number of lessons;
and the same questions written for mkdocs-quiz."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

# =========================================================================== synthetic courses

WORDS = (
    "partner couple closeness intimacy trust listen notice feeling calm pressure steady voice "
    "choice value respect honest difference conflict repair pause breath question answer story "
    "habit pattern moment evening morning week month plan idea sense self other known seen share "
    "open hidden careful gentle direct clear quiet loud warm cold near far small large early late "
    "often rarely always never sometimes together apart within between around before after during "
    "learn practise reflect compare describe explain recognise accept decide return reconnect "
    "because although while whether unless until since therefore however instead meanwhile "
    "research theory opinion clinical evidence study diary model response care understanding"
).split()


class Gen:
    """Deterministic text from a seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self, n: int = 12) -> str:
        s = self.words(n)
        return s[0].upper() + s[1:] + "."

    def paragraph(self, n_words: int) -> list[str]:
        out, total = [], 0
        while total < n_words:
            k = self.rng.randint(9, 16)
            out.append(self.sentence(k))
            total += k
        return out


def _block(text_lines: list[str], indent: int) -> str:
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text_lines)


def _wrap(sentences: list[str], width: int = 90) -> list[str]:
    lines, cur = [], ""
    for word in " ".join(sentences).split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        lines.append(cur)
    return lines


def lesson_id(i: int) -> str:
    return f"l{i:04d}"


def make_course(root: Path, n: int, seed: int = 7) -> dict:
    """Write a synthetic course of ``n`` lessons under ``root``; return a description.

    Each lesson: 4 sections of about 250 words (about 1,000 words), 2 objectives, 2 key terms,
    a bank of 8 questions (6 single choice, 2 multiple choice); every fourth lesson also places
    a 12-item self-check (3 subscales of 4, 4 reverse-keyed, 5-point scale, 3 bands).
    """
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "course" / "lessons").mkdir(parents=True)
    (root / "quizzes").mkdir()
    g = Gen(seed * 100003 + n)
    (root / "mkdocs.yml").write_text(
        f"site_name: Synthetic course ({n} lessons)\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n  font: false\n  features:\n    - navigation.instant\n"
        "plugins:\n  - search\n  - course\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n  - toc:\n      "
        "permalink: true\n",
        encoding="utf-8",
    )
    ids = [lesson_id(i) for i in range(1, n + 1)]
    (root / "course" / "course.yml").write_text(
        f"title: Synthetic course {n}\n"
        "description: |\n  A generated course for benchmarks. " + g.sentence(20) + "\n"
        "authors:\n  - name: Benchmark\n"
        "license: CC BY 4.0\n"
        "lessons:\n"
        + "".join(f"  - {i}\n" for i in ids)
        + 'references:\n  - id: ref1\n    text: "Author, A. (2000). *A book*. Publisher."\n',
        encoding="utf-8",
    )
    words = 0
    lessons = []
    for k, lid in enumerate(ids, start=1):
        sc = k % 4 == 0
        sections = []
        for s in range(1, 5):
            paras = [g.paragraph(125), g.paragraph(125)]
            if k > 1 and s == 2:
                paras[1].append(f"See [the previous lesson](lesson:{ids[k - 2]}#s{s}).")
            words += sum(len(x.split()) for p in paras for x in p)
            body = _wrap(paras[0]) + [""] + _wrap(paras[1])
            sections.append({"id": f"s{s}", "title": g.words(3).capitalize(), "body": body})
        lesson = {
            "id": lid,
            "slug": f"lesson-{k:04d}",
            "title": f"Lesson {k}: {g.words(3)}",
            "sections": sections,
            "sc": sc,
        }
        lessons.append(lesson)
        text = [
            f"id: {lid}",
            f"slug: lesson-{k:04d}",
            f"title: {json.dumps(lesson['title'])}",
            f"summary: {json.dumps(g.sentence(18))}",
            "minutes: 10",
            "objectives:",
            f"  - id: {lid}-o1",
            f"    text: {json.dumps(g.sentence(10))}",
            "    section: s1",
            f"  - id: {lid}-o2",
            f"    text: {json.dumps(g.sentence(10))}",
            "    section: s3",
            "sections:",
        ]
        for s in sections:
            text += [
                f"  - id: {s['id']}",
                f"    title: {json.dumps(s['title'])}",
                "    body: |",
                _block(s["body"], 6),
            ]
        text += [
            "key_terms:",
            f"  - term: Term {k} a",
            f"    definition: {json.dumps(g.sentence(14))}",
            f"  - term: Term {k} b",
            f"    definition: {json.dumps(g.sentence(14))}",
            "references: [ref1]",
            "assessments:",
            f"  - bank: q-{lid}",
            "    title: Check your understanding",
        ]
        if sc:
            text += [f"  - bank: sc-{lid}", "    title: Self-check"]
        (root / "course" / "lessons" / f"{lid}.yml").write_text(
            "\n".join(text) + "\n", encoding="utf-8"
        )
        qs = []
        for j in range(1, 9):
            multi = j > 6
            opts = []
            for o in range(4):
                correct = (o in (0, 2)) if multi else (o == (j % 4))
                opts.append(
                    {
                        "id": "abcd"[o],
                        "text": f"Option {o + 1}: {g.words(9)}",
                        "correct": correct,
                        "feedback": g.sentence(15),
                    }
                )
            qs.append(
                {
                    "id": f"{lid}-q{j}",
                    "type": "multiple_choice" if multi else "single_choice",
                    "objectives": [f"{lid}-o{1 + j % 2}"],
                    "prompt": g.sentence(18)[:-1] + "?",
                    "options": opts,
                    "explanation": g.sentence(20),
                }
            )
        lesson["questions"] = qs
        out = [f"id: q-{lid}", "questions:"]
        for q in qs:
            out += [
                f"  - id: {q['id']}",
                f"    type: {q['type']}",
                f"    objectives: [{q['objectives'][0]}]",
                f"    prompt: {json.dumps(q['prompt'])}",
                "    options:",
            ]
            for o in q["options"]:
                out += [f"      - id: {o['id']}", f"        text: {json.dumps(o['text'])}"]
                if o["correct"]:
                    out.append("        correct: true")
                out.append(f"        feedback: {json.dumps(o['feedback'])}")
            out.append(f"    explanation: {json.dumps(q['explanation'])}")
        (root / "quizzes" / f"q-{lid}.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
        if sc:
            items = [
                {
                    "id": f"i{m}",
                    "text": f"Statement {m}: {g.words(10)}",
                    "subscale": f"sub{(m - 1) // 4 + 1}",
                    "reverse": m % 3 == 0,
                }
                for m in range(1, 13)
            ]
            lesson["items"] = items
            out = [
                f"id: sc-{lid}",
                "questions:",
                f"  - id: {lid}-sc",
                "    type: self_check",
                f"    objectives: [{lid}-o1]",
                f"    title: Self-check {k}",
                f"    instructions: {json.dumps(g.sentence(25))}",
                "    scale:",
                "      anchors:",
            ]
            out += [
                f"        - {{value: {v}, label: {lab}}}"
                for v, lab in enumerate(
                    ("Never", "Rarely", "Sometimes", "Often", "Almost always"), start=1
                )
            ]
            out += [
                "      not_applicable: Doesn't apply",
                "    scoring: {max_missing: 1}",
                "    bands:",
                '      - {id: low, label: Harder right now, when: "mean < 2.5"}',
                '      - {id: mid, label: Varies, when: "2.5 <= mean <= 3.5"}',
                '      - {id: high, label: Comes readily, when: "mean > 3.5"}',
                "    subscales:",
            ]
            for sidx in range(1, 4):
                out += [
                    f"      - id: sub{sidx}",
                    f"        title: Part {sidx}",
                    "        band_text:",
                ]
                out += [
                    f"          {b}: {json.dumps(g.sentence(30))}" for b in ("low", "mid", "high")
                ]
            out += ["    overall:", "      band_text:"] + [
                f"        {b}: {json.dumps(g.sentence(30))}" for b in ("low", "mid", "high")
            ]
            out.append("    items:")
            for it in items:
                out.append(
                    "      - "
                    f"{{id: {it['id']}, text: {json.dumps(it['text'])}, subscale: {it['subscale']}"
                    + (", reverse: true}" if it["reverse"] else "}")
                )
            (root / "quizzes" / f"sc-{lid}.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return {"root": root, "lessons": lessons, "words_per_lesson": words / n}


def make_quiz_course(root: Path, course: dict) -> None:
    """The same lessons and questions as plain Markdown for mkdocs-quiz."""
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    lessons = course["lessons"]
    by_id = {item["id"]: item for item in lessons}
    (root / "mkdocs.yml").write_text(
        f"site_name: Synthetic course ({len(lessons)} lessons, mkdocs-quiz)\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n  font: false\n  features:\n    - navigation.instant\n"
        "plugins:\n  - search\n  - mkdocs_quiz\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n  - toc:\n      "
        "permalink: true\n"
        "nav:\n  - index.md\n"
        + "".join(f"  - {json.dumps(item['title'])}: {item['slug']}.md\n" for item in lessons),
        encoding="utf-8",
    )
    (docs / "index.md").write_text(
        "# Synthetic course\n\nA generated course for benchmarks.\n", encoding="utf-8"
    )
    link_re = re.compile(r"\(lesson:([a-z0-9-]+)#([a-z0-9-]+)\)")
    for lesson in lessons:
        md = [f"# {lesson['title']}", ""]
        for s in lesson["sections"]:
            body = "\n".join(s["body"])
            body = link_re.sub(lambda m: f"({by_id[m.group(1)]['slug']}.md#{m.group(2)})", body)
            md += [f"## {s['title']} {{ #{s['id']} }}", "", body, ""]
        md += ["## Check your understanding", "", "<!-- mkdocs-quiz intro -->", ""]
        for q in lesson["questions"]:
            md += ["<quiz>", q["prompt"]]
            md += [f"- [{'x' if o['correct'] else ' '}] {o['text']}" for o in q["options"]]
            md += [
                "",
                " ".join(o["feedback"] for o in q["options"]) + " " + q["explanation"],
                "</quiz>",
                "",
            ]
        if lesson.get("items"):
            # mkdocs-quiz has no Likert self-assessment: the nearest equivalent is one
            # single-answer question per statement with the five scale labels as options.
            md += ["## Self-check", ""]
            for it in lesson["items"]:
                md += ["<quiz>", it["text"]]
                md += [
                    f"- [{'x' if v == 3 else ' '}] {lab}"
                    for v, lab in enumerate(
                        ("Never", "Rarely", "Sometimes", "Often", "Almost always"), start=1
                    )
                ]
                md += ["</quiz>", ""]
        md += ["<!-- mkdocs-quiz results -->", ""]
        (docs / f"{lesson['slug']}.md").write_text("\n".join(md), encoding="utf-8")
