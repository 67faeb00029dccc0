"""Section `edit`: save one lesson file under `course serve` / `mkdocs serve`, time until the
page changes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from common import (
    COMMANDS,
    ENV,
    MKDOCS,
    PY,
    ROOT,
    cmdline,
    failed,
    fetch,
    fmt_s,
    free_port,
    log,
    med,
    stop,
)
from courses import lesson_id


class EditSection:
    """The `edit` section of :class:`run.Bench` (a mixin: it uses the bench's args, tmp,
    results and courses)."""

    # ---------------------------------------------------------------- edit loop

    def sec_edit(self) -> dict:
        rows = []
        shipped = self.tmp / "shipped"
        shutil.rmtree(shipped, ignore_errors=True)
        shipped.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", shipped / "mkdocs.yml")
        for d in ("course", "quizzes"):
            shutil.copytree(ROOT / d, shipped / d)
        lesson_file = sorted((shipped / "course" / "lessons").glob("*.yml"))[0]
        slug = re.search(r"^slug:\s*(\S+)", lesson_file.read_text(), re.M).group(1)
        reps = self.args.reps or (3 if self.args.quick else 5)
        rows.append(
            self.edit_loop(
                "shipped course",
                "course serve",
                shipped,
                lesson_file,
                slug,
                reps,
                [PY, "-m", "generator", "serve", "--project", shipped],
            )
        )
        rows.append(
            self.edit_loop(
                "shipped course",
                "mkdocs serve",
                shipped,
                lesson_file,
                slug,
                reps,
                [MKDOCS, "serve", "-f", shipped / "mkdocs.yml"],
                mk=True,
            )
        )
        n = max(self.args.sizes)
        if self.args.quick and n >= 1000:
            log(
                "quick mode: the edit loop on the large course is skipped (its first build alone "
                "takes minutes)"
            )
            return {"rows": rows, "note": f"The {n}-lesson edit loop is skipped in --quick mode."}
        c = self.course(n)
        lf = c["root"] / "course" / "lessons" / f"{lesson_id(1)}.yml"
        rows.append(
            self.edit_loop(
                f"{n}-lesson course",
                "course serve",
                c["root"],
                lf,
                c["lessons"][0]["slug"],
                self.args.reps or (1 if self.args.quick else 2),
                [PY, "-m", "generator", "serve", "--project", c["root"]],
            )
        )
        return {"rows": rows}

    def edit_loop(
        self,
        what: str,
        front: str,
        root: Path,
        lesson_file: Path,
        slug: str,
        reps: int,
        cmd: list,
        mk: bool = False,
    ) -> dict:
        port = free_port()
        cmd = [str(c) for c in cmd] + (
            ["-a", f"127.0.0.1:{port}"] if mk else ["-a", f"127.0.0.1:{port}"]
        )
        COMMANDS.setdefault(f"{front} ({what})", cmdline(cmd))
        logf = open(self.tmp / f"serve-{port}.log", "w")
        proc = subprocess.Popen(cmd, cwd=root, env=ENV, stdout=logf, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/{slug}/"
        try:
            t0 = time.perf_counter()
            while True:
                status, _ = fetch(url)
                if status == 200:
                    break
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"{front} exited early: "
                        f"{(self.tmp / f'serve-{port}.log').read_text()[-2000:]}"
                    )
                if time.perf_counter() - t0 > 900:
                    raise RuntimeError(f"{front} did not serve {url} within 900 s")
                time.sleep(0.2)
            startup = time.perf_counter() - t0
            time.sleep(1.5)  # let the watcher settle
            original = lesson_file.read_text(encoding="utf-8")
            times = []
            for r in range(reps):
                marker = f"zqbench{os.getpid()}x{r}x{port}"
                lines = original.splitlines()
                i = next(j for j, line in enumerate(lines) if re.match(r"\s*body:\s*[|>]", line))
                lines[i + 1] = lines[i + 1] + " " + marker
                lesson_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
                t0 = time.perf_counter()
                while True:
                    status, body = fetch(url, timeout=900)
                    if marker in body:
                        break
                    if time.perf_counter() - t0 > 900:
                        raise RuntimeError("the edit did not appear within 900 s")
                    time.sleep(0.02)
                times.append(time.perf_counter() - t0)
                log(f"edit loop {what} / {front}: {times[-1]:.2f} s")
                time.sleep(1.0)
            lesson_file.write_text(original, encoding="utf-8")
            return {
                "what": what,
                "front": front,
                "reps": reps,
                "median_s": med(times),
                "all": times,
                "startup_s": startup,
            }
        finally:
            stop(proc)
            logf.close()


def report(R: dict, E: dict, targets: list) -> list[str]:
    """The section's part of docs/benchmarks.md (``targets`` gets its rows of the summary)."""
    L: list[str] = []
    L += ["## Edit loop", ""]
    if not failed(R, E, "edit", L):
        s = R["edit"]
        L += [
            "A copy of the project is served on a loopback port; the benchmark appends a unique "
            "word to the first section"
            " of the first lesson's YAML, then polls the lesson's URL every 20 ms until the word "
            "is in the page. The time"
            " includes MkDocs' file watcher and its 0.1 s debounce. Both front-ends run with live "
            "reload on (the"
            " rebuild is the same; only the injected reload script differs).",
            "",
            "| course | front-end | reps | save → page updated (median) | all | first build at "
            "start-up |",
            "|---|---|---:|---:|---|---:|",
        ]
        for r in s["rows"]:
            L.append(
                f"| {r['what']} | `{r['front']}` | {r['reps']} | **{fmt_s(r['median_s'])}** | "
                f"{', '.join(f'{t:.2f}' for t in r['all'])} | {fmt_s(r['startup_s'])} |"
            )
        L.append("")
        if s.get("note"):
            L += [s["note"], ""]
        shipped = next(
            (
                r
                for r in s["rows"]
                if r["what"] == "shipped course" and r["front"] == "course serve"
            ),
            None,
        )
        if shipped:
            targets.append(
                (
                    "Rebuild after an edit, shipped course",
                    "< 1 s",
                    f"{fmt_s(shipped['median_s'])} (`course serve`)",
                    "met" if shipped["median_s"] < 1 else "missed",
                )
            )
        big = next((r for r in s["rows"] if r["what"] != "shipped course"), None)
        if big:
            targets.append(
                (f"Rebuild after an edit, {big['what']}", "(measure)", fmt_s(big["median_s"]), "–")
            )
    return L
