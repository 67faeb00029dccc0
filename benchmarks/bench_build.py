"""Section `build`: our full build (`course build`) against plain `mkdocs build` of our `export`
output, alternating, at every size; medians, ratio, peak RSS, fitted growth exponent.
"""

from __future__ import annotations

import shutil

from common import (
    MKDOCS,
    PY,
    _partly,
    failed,
    fit_exponent,
    fmt_s,
    log,
    med,
    run_timed,
)


class BuildSection:
    """The `build` section of :class:`run.Bench` (a mixin: it uses the bench's args, tmp,
    results and courses)."""

    # ---------------------------------------------------------------- build: overhead + scaling

    def sec_build(self) -> dict:
        rows = []
        for n in self.args.sizes:
            try:
                rows.append(self.build_size(n))
            except Exception as exc:  # keep the sizes that worked
                self.results["errors"][f"build n={n}"] = f"{type(exc).__name__}: {exc}"
                log(f"build n={n} FAILED: {exc}")
        out = self.build_summary(rows)
        return out

    def build_size(self, n: int) -> dict:
        if True:
            c = self.course(n)
            root = c["root"]
            export_dir = self.tmp / f"export-{n}"
            shutil.rmtree(export_dir, ignore_errors=True)
            exp = run_timed(
                "export", [PY, "-m", "generator", "export", "--project", root, export_dir]
            )
            variants = {
                "ours": (
                    "course build",
                    [PY, "-m", "generator", "build", "--project", root, "-d", root / "site-ours"],
                ),
                "plugin": (
                    "mkdocs build (course plugin)",
                    [MKDOCS, "build", "-q", "-f", root / "mkdocs.yml", "-d", root / "site-plugin"],
                ),
                "plain": (
                    "mkdocs build (export output)",
                    [
                        MKDOCS,
                        "build",
                        "-q",
                        "-f",
                        export_dir / "mkdocs.yml",
                        "-d",
                        export_dir / "site",
                    ],
                ),
            }
            if self.args.no_plugin_variant:
                variants.pop("plugin")
            times: dict[str, list[float]] = {k: [] for k in variants}
            rss: dict[str, list[float]] = {k: [] for k in variants}
            reps = self.reps_for(n)
            # one untimed warm-up of each (file cache, .pyc), then alternate, rotating the order
            if not (self.args.quick and n >= 1000):  # quick mode: no warm-up at 1000 lessons
                for label, cmd in variants.values():
                    run_timed(label, cmd)
            keys = list(variants)
            cpu: dict[str, list[float]] = {k: [] for k in variants}
            for r in range(reps):
                order = keys[r % len(keys) :] + keys[: r % len(keys)]
                for k in order:
                    res = run_timed(variants[k][0], variants[k][1])
                    times[k].append(res["s"])
                    cpu[k].append(res["cpu"] or float("nan"))
                    if res["rss"]:
                        rss[k].append(res["rss"])
                log(
                    f"build n={n} rep {r + 1}/{reps}: "
                    + ", ".join(f"{k} {times[k][-1]:.2f}s" for k in keys)
                )
            row = {
                "n": n,
                "reps": reps,
                "words_per_lesson": round(c["words_per_lesson"]),
                "pages": sum(1 for _ in (root / "site-ours").rglob("*.html")),
                "export_s": exp["s"],
            }
            for k in keys:
                row[f"{k}_s"] = med(times[k])
                row[f"{k}_cpu"] = med(cpu[k])
                row[f"{k}_all"] = times[k]
                row[f"{k}_rss"] = max(rss[k]) if rss[k] else None
            row["ratio"] = row["ours_s"] / row["plain_s"]
            if "plugin" in keys:
                row["plugin_ratio"] = row["plugin_s"] / row["plain_s"]
            return row

    def build_summary(self, rows: list[dict]) -> dict:
        out = {"rows": rows}
        ns = [r["n"] for r in rows]
        if len(ns) >= 2:
            for k in ("ours", "plain", "plugin"):
                if f"{k}_s" in rows[0]:
                    out[f"exponent_{k}"] = fit_exponent(ns, [r[f"{k}_s"] for r in rows])
                    if len(ns) >= 3:
                        out[f"exponent_{k}_last"] = fit_exponent(
                            ns[-2:], [r[f"{k}_s"] for r in rows[-2:]]
                        )
            out["exponent_rss_ours"] = (
                fit_exponent(ns, [r["ours_rss"] for r in rows])
                if all(r["ours_rss"] for r in rows)
                else None
            )
        return out


def report(R: dict, E: dict, targets: list) -> list[str]:
    """The section's part of docs/benchmarks.md (``targets`` gets its rows of the summary)."""
    L: list[str] = []
    L += ["## Build: our pipeline against plain MkDocs, and scaling", ""]
    if not failed(R, E, "build", L):
        s = R["build"]
        L += [
            "`ours` is `course build` (validate, render, MkDocs build into a temporary folder, "
            "check every internal",
            "link and anchor in the HTML, then swap the folder in). `plugin` is plain `mkdocs "
            "build` of the project with",
            "the `course` plugin. `plain` is `mkdocs build` of the same pages already written as "
            "Markdown by `course export`",
            "(Material, search, same Markdown extensions). The variants alternate in rotating "
            "order after one warm-up each.",
            "",
            "| lessons | HTML pages | reps | ours | plugin | plain mkdocs | ours ÷ plain | plugin "
            "÷ plain | peak RSS ours | peak RSS plain |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in s["rows"]:
            L.append(
                f"| {r['n']} | {r['pages']} | {r['reps']} | {fmt_s(r['ours_s'])} | "
                f"{fmt_s(r.get('plugin_s'))} | {fmt_s(r['plain_s'])} | "
                f"{r['ratio']:.2f} | "
                f"{format(r['plugin_ratio'], '.2f') if 'plugin_ratio' in r else '–'} | "
                f"{r['ours_rss']:.0f} MiB | {r['plain_rss']:.0f} MiB |"
            )
        L += [
            "",
            "CPU time (user + system, median), less sensitive to other load on the machine:",
            "",
            "| lessons | ours | plugin | plain mkdocs | ours ÷ plain |",
            "|---:|---:|---:|---:|---:|",
        ]
        for r in s["rows"]:
            L.append(
                f"| {r['n']} | {fmt_s(r.get('ours_cpu'))} | {fmt_s(r.get('plugin_cpu'))} | "
                f"{fmt_s(r.get('plain_cpu'))} | "
                f"{r['ours_cpu'] / r['plain_cpu']:.2f} |"
            )
        L += ["", "All repetitions (seconds):", ""]
        for r in s["rows"]:
            L.append(
                f"- {r['n']} lessons: "
                + "; ".join(
                    f"{k} " + ", ".join(f"{t:.2f}" for t in r[f"{k}_all"])
                    for k in ("ours", "plugin", "plain")
                    if f"{k}_all" in r
                )
            )
        L += [
            "",
            "Growth exponent b in time ≈ a·n^b, least squares on log-log over the sizes above"
            " (start-up time flattens it at small sizes, so the slope between the two largest "
            "sizes is shown too):",
            "",
            "| | fitted b (all sizes) | b between the two largest |",
            "|---|---:|---:|",
        ]
        for k in ("ours", "plugin", "plain"):
            if f"exponent_{k}" in s:
                L.append(
                    f"| {k} | {s[f'exponent_{k}']:.2f} | "
                    f"{s.get(f'exponent_{k}_last', float('nan')):.2f} |"
                )
        if s.get("exponent_rss_ours") is not None:
            L.append(f"| peak RSS, ours | {s['exponent_rss_ours']:.2f} | |")
        L.append("")
        big = s["rows"][-1]
        targets.append(
            (
                "Pipeline overhead over plain MkDocs",
                "≤ 15 %",
                "; ".join(f"{r['n']}: {100 * (r['ratio'] - 1):+.0f} %" for r in s["rows"])
                + " (`course build`)"
                + (
                    "; plugin "
                    + "; ".join(
                        f"{r['n']}: {100 * (r['plugin_ratio'] - 1):+.0f} %" for r in s["rows"]
                    )
                    if "plugin_ratio" in big
                    else ""
                ),
                _partly(
                    [r["n"] for r in s["rows"] if r["ratio"] <= 1.15],
                    [r["n"] for r in s["rows"] if r["ratio"] > 1.15],
                ),
            )
        )
        if "exponent_ours" in s:
            targets.append(
                (
                    "Growth exponent, 10 → 1,000 lessons",
                    "≤ 1.1",
                    f"{s['exponent_ours']:.2f} fitted (last step "
                    f"{s.get('exponent_ours_last', float('nan')):.2f}); "
                    f"plain MkDocs {s['exponent_plain']:.2f} (last step "
                    f"{s.get('exponent_plain_last', float('nan')):.2f})",
                    "met"
                    if s["exponent_ours"] <= 1.1 and s.get("exponent_ours_last", 0) <= 1.1
                    else "met (fitted); last step over"
                    if s["exponent_ours"] <= 1.1
                    else "missed",
                )
            )
    return L
