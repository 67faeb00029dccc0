"""Random edits of a course copy, as an instructor makes them (for the check-cache and serve
equivalence tests)."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import yaml


class CourseEditor:
    """One edit per call, each returning what it did; a broken file is left alone until fixed."""

    def __init__(self, root: Path, rng: random.Random):
        self.root, self.rng, self.n = root, rng, 0
        self.broken: tuple[Path, str] | None = None

    def _ok(self, path: Path) -> bool:
        return not (self.broken and self.broken[0] == path)

    def lessons(self) -> list[Path]:
        return sorted((self.root / "course" / "lessons").glob("*.yml"))

    def banks(self) -> list[Path]:
        return sorted(b for b in (self.root / "quizzes").glob("*.yml") if self._ok(b))

    def _body_line(self) -> tuple[Path, list[str], int, str]:
        """A lesson, its lines, the first line of one of its block bodies, and that line's
        indent."""
        f = self.rng.choice(
            [p for p in self.lessons() if self._ok(p) and "body: |\n" in p.read_text("utf-8")]
        )
        lines = f.read_text("utf-8").split("\n")
        at = self.rng.choice([i for i, line in enumerate(lines) if line.strip() == "body: |"]) + 1
        return f, lines, at, lines[at][: len(lines[at]) - len(lines[at].lstrip())]

    def _write(self, f: Path, lines: list[str]) -> None:
        f.write_text("\n".join(lines), "utf-8")

    def body(self) -> str:
        f, lines, at, _indent = self._body_line()
        self.n += 1
        lines[at] += f" Edited {self.n}."
        self._write(f, lines)
        return f"prose in {f.name}"

    def shift(self) -> str:
        """A new first line of prose, with a link: every later line moves and the links change."""
        return self._new_line("with *emphasis* and a [link](lesson:fusion-and-differentiation).")

    def shift_prose(self) -> str:
        """A new first line of plain prose: every later line moves, nothing a course-wide rule reads
        changes."""
        return self._new_line("which moves every later line.")

    def _new_line(self, rest: str) -> str:
        f, lines, at, indent = self._body_line()
        self.n += 1
        lines.insert(at, f"{indent}A new first line {self.n}, {rest}")
        self._write(f, lines)
        return f"new line in {f.name}"

    def link(self) -> str:
        """A link to a lesson or page that may not exist (a broken link, or a good one)."""
        f, lines, at, indent = self._body_line()
        target = self.rng.choice(
            ["lesson:no-such-lesson", "lesson:fusion-and-differentiation", "page:nowhere#x"]
        )
        lines.insert(at + 1, f"{indent}See [this]({target}).")
        self._write(f, lines)
        return f"link {target} in {f.name}"

    def any_link(self) -> str:
        """A link with any scheme, inline or reference-style: some pass the sanitiser, some it
        removes (a warning), some are course links."""
        f, lines, at, indent = self._body_line()
        target = self.rng.choice(
            [
                "ftp://example.org/notes.txt",
                "https://example.org/",
                "http://example.org/",
                "mailto:someone@example.org",
                "tel:+441234567890",
                "gopher://example.org/",
                "file:///etc/hosts",
                "lesson:fusion-and-differentiation",
                "other-page.md",
            ]
        )
        self.n += 1
        if self.rng.random() < 0.5:
            lines.insert(at + 1, f"{indent}See [this]({target}).")
        else:
            lines[at + 1 : at + 1] = [
                f"{indent}See [this][r{self.n}].",
                "",
                f"{indent}[r{self.n}]: {target}",
            ]
        self._write(f, lines)
        return f"link {target} in {f.name}"

    def title(self) -> str:
        f = self.rng.choice([p for p in self.lessons() if self._ok(p)])
        text = f.read_text("utf-8")
        start = text.index("\ntitle:") + 1
        end = text.index("\n", start)
        self.n += 1
        f.write_text(text[:end] + f" {self.n}" + text[end:], "utf-8")
        return f"title of {f.name}"

    def _bank(self) -> tuple[Path, dict]:
        f = self.rng.choice([b for b in self.banks() if b.name.startswith("l")])
        return f, yaml.safe_load(f.read_text("utf-8"))

    def _dump(self, f: Path, data: dict) -> None:
        f.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")

    def question_text(self) -> str:
        f, data = self._bank()
        self.n += 1
        data["questions"][0]["prompt"] = (
            data["questions"][0]["prompt"].rstrip() + f" (version {self.n})"
        )
        self._dump(f, data)
        return f"question text in {f.name}"

    def add_question(self) -> str:
        f, data = self._bank()
        q = copy.deepcopy(data["questions"][-1])  # a shallow copy would be dumped as YAML aliases
        self.n += 1
        q["id"] = f"{q['id']}-copy{self.n}"
        data["questions"].append(q)
        self._dump(f, data)
        return f"new question in {f.name}"

    def remove_question(self) -> str:
        f, data = self._bank()
        if len(data["questions"]) > 1:
            data["questions"].pop()
        self._dump(f, data)
        return f"question removed from {f.name}"

    def key_term(self) -> str:
        f = self.rng.choice([p for p in self.lessons() if self._ok(p)])
        text = f.read_text("utf-8")
        if "key_terms:" not in text:
            return self.body()
        data = yaml.safe_load(text)
        self.n += 1
        data["key_terms"][0]["definition"] = (
            f"Also ({self.n}): " + data["key_terms"][0]["definition"]
        )
        self._dump(f, data)
        return f"key term in {f.name}"

    def break_or_fix(self) -> str:
        if self.broken:
            f, text = self.broken
            f.write_text(text, "utf-8")
            self.broken = None
            return f"fix {f.name}"
        f = self.rng.choice(self.lessons() + self.banks())
        text = f.read_text("utf-8")
        self.broken = (f, text)
        f.write_text(text + "\n  : : not yaml [\n", "utf-8")
        return f"break {f.name}"

    def rename(self) -> str:
        f = self.rng.choice([p for p in self.lessons() if self._ok(p)])
        f.rename(f.with_name("z" + f.name))
        return f"rename {f.name}"
