"""Section `incremental` of benchmarks/run.py (issue 12): the check cache and the page-only rebuilds
of `course serve`.

Every figure of the issue's table comes from one run, each next to the previous approach measured
in the same run: the generator at ``--before REV`` (by default the commit before the incremental
work), unpacked with ``git archive`` and selected with ``PYTHONPATH``, so the same interpreter and
libraries run both.

- `check`: cold (no `.course-cache/`), warm with nothing changed, warm with one lesson's prose
  edited, and the previous generator (no cache), at every size of ``--sizes`` from 100 up.
- save → served page under `course serve`: a word appended to a lesson's prose (body) and to its
  title (title; every page's navigation shows it, so this is a full rebuild), polled every 20 ms.
- `course build` ÷ plain `mkdocs build` of the same pages exported as Markdown, on the shipped
  - course.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

#: The commit before the check cache and the incremental rebuilds.
DEFAULT_BEFORE = "4f42410"


def _timed(
    run: Any,
    label: str,
    cmd: list,
    cwd: Path,
    env: dict | None = None,
    ok: tuple[int, ...] = (0, 1),
) -> dict:
    """``cmd`` under /usr/bin/time -v: wall seconds, CPU seconds, peak RSS (MiB); exit codes in
    ``ok`` are fine."""
    run.COMMANDS.setdefault(label, run.cmdline(cmd))
    rss_file = Path(tempfile.mktemp(prefix="bench-rss-"))
    full = ["/usr/bin/time", "-v", "-o", str(rss_file), *map(str, cmd)]
    t0 = time.perf_counter()
    p = subprocess.run(full, cwd=cwd, env=env or run.ENV, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    tv = rss_file.read_text() if rss_file.exists() else ""
    rss_file.unlink(missing_ok=True)
    if p.returncode not in ok:
        raise RuntimeError(
            f"{label} failed (exit {p.returncode}): {run.cmdline(cmd)}\n{p.stderr[-3000:]}"
        )
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", tv))
    return {"s": dt, "cpu": cpu, "rss": int(m.group(1)) / 1024 if m else None, "stderr": p.stderr}


def _before_env(run: Any, bench: Any, rev: str) -> dict:
    """An environment whose `python -m generator` is the generator at ``rev``."""
    dest = bench.tmp / f"before-{rev}"
    if not dest.exists():
        dest.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(run.ROOT), "archive", rev, "generator"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        # Compiled once, as an installed generator is: the runs below do not write bytecode.
        subprocess.run([str(run.PY), "-m", "compileall", "-q", str(dest / "generator")], check=True)
    return {**run.ENV, "PYTHONPATH": str(dest)}


def _append_to_body(lesson: Path, word: str) -> None:
    lines = lesson.read_text("utf-8").split("\n")
    i = next(j for j, line in enumerate(lines) if re.match(r"\s*body:\s*[|>]", line))
    lines[i + 1] += " " + word
    lesson.write_text("\n".join(lines), "utf-8")


def _append_to_title(lesson: Path, word: str) -> None:
    lines = lesson.read_text("utf-8").split("\n")
    i = next(j for j, line in enumerate(lines) if line.startswith("title:"))
    line = lines[i].rstrip()
    # inside the quotes when the title is quoted
    lines[i] = line[:-1] + " " + word + line[-1] if line.endswith(('"', "'")) else line + " " + word
    lesson.write_text("\n".join(lines), "utf-8")


def measure_check(run: Any, bench: Any, n: int, reps: int, before: dict) -> dict:
    root = bench.course(n)["root"]
    lesson = root / "course" / "lessons" / f"{run.lesson_id(n // 2 + 1)}.yml"
    original = lesson.read_text("utf-8")
    cmd = [run.PY, "-m", "generator", "check", "--strict", "--project", root]
    cache = root / ".course-cache"
    out: dict[str, list[dict]] = {"before": [], "cold": [], "warm": [], "edited": []}
    _timed(run, "course check (warm-up)", cmd, root)
    for r in range(reps):
        out["before"].append(
            _timed(run, "course check --strict (previous generator)", cmd, root, before)
        )
        shutil.rmtree(cache, ignore_errors=True)
        out["cold"].append(
            _timed(run, "course check --strict (cold: no .course-cache/)", cmd, root)
        )
        out["warm"].append(_timed(run, "course check --strict (warm, nothing changed)", cmd, root))
        _append_to_body(lesson, f"zqcheck{r}")
        res = _timed(run, "course check --strict (warm, one lesson's prose edited)", cmd, root)
        if "from .course-cache/" not in res["stderr"]:
            raise RuntimeError("the warm check after a prose edit did not answer from the cache")
        out["edited"].append(res)
        lesson.write_text(original, "utf-8")
        _timed(run, "course check (restore the cache)", cmd, root)
        run.log(
            f"check n={n} rep {r + 1}: "
            + ", ".join(f"{k} {v[-1]['s']:.2f}s" for k, v in out.items())
        )
    row: dict[str, Any] = {"n": n, "reps": reps}
    for k, v in out.items():
        row[f"{k}_s"] = run.med([x["s"] for x in v])
        row[f"{k}_cpu"] = run.med([x["cpu"] for x in v])
        row[f"{k}_rss"] = max(x["rss"] or 0 for x in v)
        row[f"{k}_all"] = [x["s"] for x in v]
    return row


def edit_loop(
    run: Any,
    bench: Any,
    label: str,
    root: Path,
    lesson: Path,
    slug: str,
    reps: dict[str, int],
    env: dict | None = None,
) -> dict:
    """Serve ``root`` with `course serve`; time body and title edits from save to the served
    page."""
    port = run.free_port()
    cmd = [
        str(run.PY),
        "-m",
        "generator",
        "serve",
        "--project",
        str(root),
        "-a",
        f"127.0.0.1:{port}",
    ]
    run.COMMANDS.setdefault(f"course serve ({label})", run.cmdline(cmd))
    log_path = bench.tmp / f"serve-{port}.log"
    with open(log_path, "w") as logf:
        proc = subprocess.Popen(
            cmd, cwd=root, env=env or run.ENV, stdout=logf, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}/{slug}/"
        try:
            t0 = time.perf_counter()
            while run.fetch(url)[0] != 200:
                if proc.poll() is not None:
                    raise RuntimeError(f"course serve exited early: {log_path.read_text()[-2000:]}")
                if time.perf_counter() - t0 > 1800:
                    raise RuntimeError(f"course serve did not serve {url} within 1800 s")
                time.sleep(0.2)
            startup = time.perf_counter() - t0
            time.sleep(1.5)
            original = lesson.read_text("utf-8")
            result: dict[str, Any] = {"label": label, "startup_s": startup}
            for kind, edit in (("body", _append_to_body), ("title", _append_to_title)):
                times = []
                for r in range(reps[kind]):
                    marker = f"zq{kind}{os.getpid()}x{r}x{port}"
                    edit(lesson, marker)
                    t0 = time.perf_counter()
                    while marker not in run.fetch(url, timeout=1800)[1]:
                        if time.perf_counter() - t0 > 1800:
                            raise RuntimeError(f"the {kind} edit did not appear within 1800 s")
                        time.sleep(0.02)
                    times.append(time.perf_counter() - t0)
                    run.log(f"edit {label} {kind}: {times[-1]:.2f} s")
                    lesson.write_text(original, "utf-8")
                    time.sleep(1.0 if kind == "body" else 0.2)
                    # wait until the restored lesson is served again before the next edit
                    t0 = time.perf_counter()
                    while (
                        marker in run.fetch(url, timeout=1800)[1]
                        and time.perf_counter() - t0 < 1800
                    ):
                        time.sleep(0.05)
                    time.sleep(0.5)
                result[f"{kind}_s"] = run.med(times)
                result[f"{kind}_all"] = times
            rss = _rss_of(proc.pid)
            result["rss"] = rss
            return result
        finally:
            run.stop(proc)


def _rss_of(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of a running process, MiB."""
    try:
        m = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return None
    return int(m.group(1)) / 1024 if m else None


def measure_build_ratio(run: Any, bench: Any, reps: int, before: dict) -> dict:
    root = bench.tmp / "shipped-build"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    shutil.copy2(run.ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for d in ("course", "quizzes"):
        shutil.copytree(run.ROOT / d, root / d)
    export_dir = bench.tmp / "shipped-export"
    shutil.rmtree(export_dir, ignore_errors=True)
    _timed(
        run,
        "export (shipped)",
        [run.PY, "-m", "generator", "export", "--project", root, export_dir],
        root,
        ok=(0,),
    )
    variants: dict[str, tuple[str, list, dict | None]] = {
        "ours": (
            "course build (shipped)",
            [run.PY, "-m", "generator", "build", "--project", root, "-d", root / "site-ours"],
            None,
        ),
        "before": (
            "course build (shipped, previous generator)",
            [run.PY, "-m", "generator", "build", "--project", root, "-d", root / "site-before"],
            before,
        ),
        "plain": (
            "mkdocs build (shipped, export output)",
            [run.MKDOCS, "build", "-q", "-f", export_dir / "mkdocs.yml", "-d", export_dir / "site"],
            None,
        ),
    }
    times: dict[str, list[float]] = {k: [] for k in variants}
    cpus: dict[str, list[float]] = {k: [] for k in variants}
    for label, cmd, env in variants.values():
        _timed(run, label, cmd, root, env, ok=(0,))
    keys = list(variants)
    for r in range(reps):
        for k in keys[r % 3 :] + keys[: r % 3]:
            label, cmd, env = variants[k]
            res = _timed(run, label, cmd, root, env, ok=(0,))
            times[k].append(res["s"])
            cpus[k].append(res["cpu"])
    row = {k + "_s": run.med(v) for k, v in times.items()}
    row.update({k + "_cpu": run.med(v) for k, v in cpus.items()})
    row.update({k + "_all": v for k, v in times.items()})
    row["ratio"] = row["ours_s"] / row["plain_s"]
    row["ratio_cpu"] = row["ours_cpu"] / row["plain_cpu"]
    row["before_ratio"] = row["before_s"] / row["plain_s"]
    row["reps"] = reps
    return row


def measure(run: Any, bench: Any) -> dict:
    args = bench.args
    rev = args.before or DEFAULT_BEFORE
    before = _before_env(run, bench, rev)
    out: dict[str, Any] = {"before": rev, "check": [], "edit": []}
    for n in [n for n in args.sizes if n >= 100]:
        out["check"].append(measure_check(run, bench, n, args.reps or 3, before))
    for n in args.sizes:
        c = bench.course(n)
        root = c["root"]
        lesson = root / "course" / "lessons" / f"{run.lesson_id(n // 2 + 1)}.yml"
        slug = c["lessons"][n // 2]["slug"]
        big = n >= 1000
        reps_now = {"body": args.reps or (3 if big else 5), "title": 1 if big else (args.reps or 3)}
        reps_before = {
            "body": 1 if big else (args.reps or 3),
            "title": 1 if big else (args.reps or 3),
        }
        if big and args.edit_max and n > args.edit_max:
            run.log(f"edit loop skipped at {n} lessons (--edit-max {args.edit_max})")
            continue
        row = {"n": n, "now": edit_loop(run, bench, f"{n} lessons", root, lesson, slug, reps_now)}
        row["before"] = edit_loop(
            run, bench, f"{n} lessons, previous generator", root, lesson, slug, reps_before, before
        )
        out["edit"].append(row)
    out["build"] = measure_build_ratio(run, bench, args.reps or 5, before)
    return out


def _mib(value: float | None) -> str:
    return "–" if not value else f"{value:.0f} MiB"


def report(R: dict, E: dict, targets: list, fmt_s: Any) -> list[str]:
    L = ["## Incremental check and rebuilds (issue 12)", ""]
    if "incremental" in E:
        return L + [f"**This section failed:** `{E['incremental'].splitlines()[0][:300]}`", ""]
    if "incremental" not in R:
        return L + ["Skipped.", ""]
    s = R["incremental"]
    L += [
        f"`before` is the generator at commit `{s['before']}` (before the check cache and the "
        "page-only rebuilds),"
        " run in the same session with the same interpreter and libraries.",
        "",
        "### `course check --strict`",
        "",
        "Exits 1 on the synthetic course's quality warnings, as before. `cold` removes "
        "`.course-cache/` first (and so"
        " also writes it); `warm` changes nothing; `edited` appends a word to one lesson's prose "
        "before the run."
        " CPU seconds (user + system) in brackets.",
        "",
        "| lessons | reps | before | cold | warm | warm, one lesson edited | peak RSS before | "
        "cold | edited |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in s["check"]:
        L.append(
            f"| {r['n']} | {r['reps']} | {fmt_s(r['before_s'])} ({r['before_cpu']:.2f} s) | "
            f"{fmt_s(r['cold_s'])} ({r['cold_cpu']:.2f} s) | "
            f"**{fmt_s(r['warm_s'])}** ({r['warm_cpu']:.2f} s) | **{fmt_s(r['edited_s'])}** "
            f"({r['edited_cpu']:.2f} s) | "
            f"{r['before_rss']:.0f} MiB | {r['cold_rss']:.0f} MiB | {r['edited_rss']:.0f} MiB |"
        )
    L += [
        "",
        "### Save → served page under `course serve`",
        "",
        "A word is appended to a lesson's prose (body) or title; the lesson's URL is polled every "
        "20 ms until the word is"
        " in the page. The time includes MkDocs' file watcher (polling every 0.1 s) and its 0.1 s "
        "debounce. A title"
        " is in every page's navigation, so a title edit is a full MkDocs build in both.",
        "",
        "| lessons | edit | before | now | reps (before / now) | all, now | first build at "
        "start-up (before / now) | peak RSS of the server (before / now) |",
        "|---:|---|---:|---:|---|---|---:|---:|",
    ]
    for r in s["edit"]:
        for kind in ("body", "title"):
            b, nw = r["before"], r["now"]
            L.append(
                f"| {r['n']} | {kind} | {fmt_s(b[f'{kind}_s'])} | **{fmt_s(nw[f'{kind}_s'])}** | "
                f"{len(b[f'{kind}_all'])} / {len(nw[f'{kind}_all'])} | "
                f"{', '.join(f'{t:.2f}' for t in nw[f'{kind}_all'])} | {fmt_s(b['startup_s'])} / "
                f"{fmt_s(nw['startup_s'])} | "
                f"{_mib(b.get('rss'))} / {_mib(nw.get('rss'))} |"
            )
    b = s["build"]
    L += [
        "",
        "### `course build` against plain `mkdocs build`, shipped course",
        "",
        f"{b['reps']} alternating repetitions after one warm-up each; plain is `mkdocs build` of "
        "the pages `course export` wrote.",
        "",
        "| course build | course build, before | plain mkdocs build | ratio (wall) | ratio before "
        "| ratio (CPU) |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {fmt_s(b['ours_s'])} ({b['ours_cpu']:.2f} s) | {fmt_s(b.get('before_s'))} | "
        f"{fmt_s(b['plain_s'])} ({b['plain_cpu']:.2f} s) | **{b['ratio']:.2f}** | "
        f"{format(b['before_ratio'], '.2f') if 'before_ratio' in b else '–'} | "
        f"{b['ratio_cpu']:.2f} |",
        "",
    ]

    def row(n: int, kind: str) -> dict | None:
        return next((r for r in s["edit"] if r["n"] == n), None)

    for n, goal in ((100, 0.5), (1000, 1.0)):
        r = row(n, "body")
        if r:
            v = r["now"]["body_s"]
            targets.append(
                (
                    f"save → served page, {n} lessons, body edit",
                    f"≤ {goal} s",
                    f"{fmt_s(v)} (before {fmt_s(r['before']['body_s'])})",
                    "met" if v <= goal else "missed",
                )
            )
    big = next((r for r in s["check"] if r["n"] == 1000), None)
    if big:
        targets.append(
            (
                "warm `course check --strict`, 1,000 lessons, one file changed",
                "≤ 0.5 s",
                f"{fmt_s(big['edited_s'])} (before {fmt_s(big['before_s'])})",
                "met" if big["edited_s"] <= 0.5 else "missed",
            )
        )
        targets.append(
            (
                "cold `course check --strict`, 1,000 lessons",
                "≤ 2 s",
                f"{fmt_s(big['cold_s'])} (before {fmt_s(big['before_s'])})",
                "met" if big["cold_s"] <= 2 else "missed",
            )
        )
    targets.append(
        (
            "`course build` ÷ plain `mkdocs build`, shipped course",
            "≤ 1.10",
            f"{b['ratio']:.2f}"
            + (f" (before {b['before_ratio']:.2f})" if "before_ratio" in b else ""),
            "met" if b["ratio"] <= 1.10 else "missed",
        )
    )
    return L
