"""Section `check`: `course check` alone on the largest course, and the import time of the
command line.
"""

from __future__ import annotations

import re

from common import (
    PY,
    failed,
    fmt_s,
    med,
    run_timed,
)


class CheckSection:
    """The `check` section of :class:`run.Bench` (a mixin: it uses the bench's args, tmp,
    results and courses)."""

    # ---------------------------------------------------------------- check alone

    def sec_check(self) -> dict:
        n = max(self.args.sizes)
        root = self.course(n)["root"]
        cmd = [PY, "-m", "generator", "check", "--project", root]
        walls, inner, rss, cpus = [], [], [], []
        run_timed("course check", cmd)  # warm-up
        for _ in range(self.args.reps or (3 if self.args.quick else 5)):
            res = run_timed("course check", cmd)
            walls.append(res["s"])
            rss.append(res["rss"] or 0)
            cpus.append(res["cpu"] or float("nan"))
            m = re.search(r"in ([0-9.]+) s", res["stderr"])
            if m:
                inner.append(float(m.group(1)))
        # the interpreter + imports alone, for scale
        imp = [
            run_timed(
                "python + generator imports",
                [PY, "-c", "import generator.site.pipeline, generator.commands.main"],
            )["s"]
            for _ in range(3)
        ]
        return {
            "n": n,
            "wall_s": med(walls),
            "inner_s": med(inner) if inner else None,
            "rss": max(rss),
            "import_s": med(imp),
            "cpu_s": med(cpus),
            "all": walls,
        }


def report(R: dict, E: dict, targets: list) -> list[str]:
    """The section's part of docs/benchmarks.md (``targets`` gets its rows of the summary)."""
    L: list[str] = []
    L += ["## `check` alone", ""]
    if not failed(R, E, "check", L):
        s = R["check"]
        L += [
            f"`course check` on the {s['n']}-lesson course: **{fmt_s(s['wall_s'])}** wall clock "
            "(median), of which "
            f"{fmt_s(s['inner_s'])} is load + validate as reported by the command itself; the "
            "interpreter and imports alone take "
            f"{fmt_s(s['import_s'])}; CPU time (user + system) {fmt_s(s['cpu_s'])}. Peak RSS "
            f"{s['rss']:.0f} MiB. All runs: {', '.join(f'{t:.2f}' for t in s['all'])} s.",
            "",
        ]
        targets.append(
            (
                f"`check` of {s['n']} lessons",
                "< 2 s",
                f"{fmt_s(s['wall_s'])} wall, {fmt_s(s['cpu_s'])} CPU ({fmt_s(s['inner_s'])} "
                "in-process)",
                "met" if s["wall_s"] < 2 else "missed",
            )
        )
    return L
