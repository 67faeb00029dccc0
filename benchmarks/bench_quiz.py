"""Section `quiz`: the same questions written for mkdocs-quiz (installed into
benchmarks/.venv-quiz, never a project dependency): build time side by side, JS/CSS bytes per
page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from common import (
    MKDOCS,
    PY,
    QUIZ_MKDOCS,
    QUIZ_VENV,
    failed,
    fmt_s,
    log,
    med,
    run_timed,
    version_of,
)
from courses import make_quiz_course
from weight import page_resources, page_weight


class QuizSection:
    """The `quiz` section of :class:`run.Bench` (a mixin: it uses the bench's args, tmp,
    results and courses)."""

    # ---------------------------------------------------------------- mkdocs-quiz

    def ensure_quiz_venv(self) -> None:
        if QUIZ_MKDOCS.exists() and version_of("mkdocs_quiz", QUIZ_VENV / "bin" / "python") != "?":
            return
        log(
            "creating benchmarks/.venv-quiz with mkdocs-quiz (benchmark-only, not a project "
            "dependency)"
        )
        subprocess.run([sys.executable, "-m", "venv", str(QUIZ_VENV)], check=True)
        pins = [
            f"mkdocs=={version_of('mkdocs')}",
            f"mkdocs-material=={version_of('mkdocs-material')}",
            "mkdocs-quiz==1.7.1",
        ]
        subprocess.run(
            [str(QUIZ_VENV / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", *pins],
            check=True,
        )

    def sec_quiz(self) -> dict:
        self.ensure_quiz_venv()
        rows = []
        sizes = [n for n in self.args.sizes if n >= 100] or self.args.sizes
        if self.args.quick:
            sizes = sizes[:1]
        for n in sizes:
            c = self.course(n)
            qroot = self.tmp / f"quiz-{n}"
            make_quiz_course(qroot, c)
            variants = {
                "ours": (
                    "course build",
                    [
                        PY,
                        "-m",
                        "generator",
                        "build",
                        "--project",
                        c["root"],
                        "-d",
                        c["root"] / "site-ours",
                    ],
                ),
                "quiz": (
                    "mkdocs build (mkdocs-quiz)",
                    [QUIZ_MKDOCS, "build", "-q", "-f", qroot / "mkdocs.yml", "-d", qroot / "site"],
                ),
            }
            times: dict[str, list[float]] = {k: [] for k in variants}
            rss: dict[str, list[float]] = {k: [] for k in variants}
            for label, cmd in variants.values():
                run_timed(label, cmd)
            reps = self.reps_for(n)
            for r in range(reps):
                for k in ("ours", "quiz") if r % 2 == 0 else ("quiz", "ours"):
                    res = run_timed(*variants[k])
                    times[k].append(res["s"])
                    rss[k].append(res["rss"] or 0)
                log(
                    f"quiz n={n} rep {r + 1}/{reps}: ours {times['ours'][-1]:.2f}s, mkdocs-quiz "
                    f"{times['quiz'][-1]:.2f}s"
                )
            rows.append(
                {
                    "n": n,
                    "reps": reps,
                    "ours_s": med(times["ours"]),
                    "quiz_s": med(times["quiz"]),
                    "ours_rss": max(rss["ours"]),
                    "quiz_rss": max(rss["quiz"]),
                }
            )
        # bytes per page: on the smallest course, a lesson page with a self-check and one without
        n = min(sizes)
        c = self.course(n)
        ours_site, quiz_site = c["root"] / "site-ours", self.tmp / f"quiz-{n}" / "site"
        base_ours = self.baseline_resources(MKDOCS, "ours")
        base_quiz = self.baseline_resources(QUIZ_MKDOCS, "quiz")
        pages = {}
        for lesson in c["lessons"][:4]:
            kind = "with self-check" if lesson["sc"] else "quiz only"
            if kind in pages:
                continue
            pages[kind] = {
                "slug": lesson["slug"],
                "ours": page_weight(
                    ours_site, ours_site / lesson["slug"] / "index.html", base_ours
                ),
                "quiz": page_weight(
                    quiz_site, quiz_site / lesson["slug"] / "index.html", base_quiz
                ),
            }
        return {
            "rows": rows,
            "pages": pages,
            "quiz_version": version_of("mkdocs_quiz", QUIZ_VENV / "bin" / "python"),
        }

    def baseline_resources(self, mkdocs: Path, tag: str) -> set[str]:
        """Resource keys on a plain Material page (same theme settings, no quiz plugin)."""
        root = self.tmp / f"baseline-{tag}"
        shutil.rmtree(root, ignore_errors=True)
        (root / "docs").mkdir(parents=True)
        (root / "mkdocs.yml").write_text(
            "site_name: Baseline\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n  "
            "features:\n    - navigation.instant\n"
            "plugins:\n  - search\nmarkdown_extensions:\n  - attr_list\n  - md_in_html\n  - "
            "tables\n  - toc:\n      permalink: true\n",
            encoding="utf-8",
        )
        (root / "docs" / "index.md").write_text("# Home\n\nText.\n", encoding="utf-8")
        (root / "docs" / "page.md").write_text("# Page\n\nText.\n", encoding="utf-8")
        run_timed(
            f"baseline build ({tag})",
            [mkdocs, "build", "-q", "-f", root / "mkdocs.yml", "-d", root / "site"],
        )
        site = root / "site"
        return {r["key"] for r in page_resources(site, site / "page" / "index.html")}


def report(R: dict, E: dict, targets: list) -> list[str]:
    """The section's part of docs/benchmarks.md (``targets`` gets its rows of the summary)."""
    L: list[str] = []
    L += ["## Against mkdocs-quiz", ""]
    if not failed(R, E, "quiz", L):
        s = R["quiz"]
        L += [
            f"mkdocs-quiz {s['quiz_version']} is installed into `benchmarks/.venv-quiz` (same "
            "MkDocs and Material versions;"
            " not a project dependency). The same lessons are written as Markdown with the same 8 "
            "questions per lesson in its"
            " `<quiz>` syntax (option feedback and explanation as the answer text). It has no "
            "Likert self-assessment, so each"
            " self-check statement becomes one single-answer question with the five scale labels.",
            "",
            "| lessons | reps | ours (`course build`) | mkdocs-quiz (`mkdocs build`) | ours ÷ "
            "theirs | peak RSS ours | peak RSS theirs |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in s["rows"]:
            L.append(
                f"| {r['n']} | {r['reps']} | {fmt_s(r['ours_s'])} | {fmt_s(r['quiz_s'])} | "
                f"{r['ours_s'] / r['quiz_s']:.2f} | {r['ours_rss']:.0f} MiB | "
                f"{r['quiz_rss']:.0f} MiB |"
            )
        L += [
            "",
            "JS and CSS a lesson page carries beyond a plain Material page (resources absent from "
            "a baseline page built"
            " with the same theme settings): linked files plus inline `<script>`/`<style>`/JSON. "
            "Linked files are cached"
            " after the first page; inline bytes are paid on every page.",
            "",
            "| page | tool | linked raw | linked gzip | inline raw | inline gzip | total gzip | "
            "page HTML gzip |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        worst_ratio = 0.0
        for kind, pg in s["pages"].items():
            for tool, label in (("ours", "ours"), ("quiz", "mkdocs-quiz")):
                w = pg[tool]
                L.append(
                    f"| {kind} (`{pg['slug']}`) | {label} | {w['linked_raw']:,} B | "
                    f"{w['linked_gzip']:,} B | {w['inline_raw']:,} B | "
                    f"{w['inline_gzip']:,} B | **{w['gzip']:,} B** | {w['page_html_gzip']:,} B |"
                )
            worst_ratio = max(worst_ratio, pg["ours"]["gzip"] / max(pg["quiz"]["gzip"], 1))
        L += ["", "Resources counted (kind, file or inline hash, raw, gzip):", ""]
        for kind, pg in s["pages"].items():
            for tool in ("ours", "quiz"):
                L.append(
                    f"- {kind}, {tool}: "
                    + "; ".join(f"{k} `{n}` {r:,}/{g:,}" for k, n, r, g in pg[tool]["items"])
                )
        L.append("")
        pages_txt = "; ".join(
            f"{kind}: {pg['ours']['gzip'] / 1024:.1f} KB vs {pg['quiz']['gzip'] / 1024:.1f} KB"
            for kind, pg in s["pages"].items()
        )
        targets.append(
            (
                "JS + CSS per page vs mkdocs-quiz (gzip)",
                "less than theirs",
                pages_txt,
                "met" if worst_ratio < 1 else "missed",
            )
        )
    return L
