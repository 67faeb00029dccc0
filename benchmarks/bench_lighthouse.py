"""Section `lighthouse`: lighthouse on a lesson page and a self-check page of the shipped course,
served gzip-compressed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from common import (
    CHROME,
    COMMANDS,
    ENV,
    LIGHTHOUSE,
    PY,
    ROOT,
    cmdline,
    failed,
    fetch,
    free_port,
    log,
    run_timed,
    stop,
)


class LighthouseSection:
    """The `lighthouse` section of :class:`run.Bench` (a mixin: it uses the bench's args, tmp,
    results and courses)."""

    # ---------------------------------------------------------------- lighthouse

    def sec_lighthouse(self) -> dict:
        site = self.tmp / "shipped-site"
        run_timed(
            "course build (shipped course)",
            [PY, "-m", "generator", "build", "--project", ROOT, "-d", site],
        )
        lesson = selfcheck = None
        for f in sorted(site.glob("*/index.html")):
            text = f.read_text(encoding="utf-8")
            if "data-ci-selfcheck" in text and selfcheck is None:
                selfcheck = f.parent.name
            elif "data-ci-quiz" in text and "data-ci-selfcheck" not in text and lesson is None:
                lesson = f.parent.name
        port = free_port()
        # Served gzip-compressed, as static hosts (GitHub Pages, nginx) serve it.
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "serve_gzip.py"), str(port), str(site)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        COMMANDS["site server"] = f"python benchmarks/serve_gzip.py {port} SITE"
        rows = []
        try:
            for _ in range(50):
                if fetch(f"http://127.0.0.1:{port}/")[0] == 200:
                    break
                time.sleep(0.1)
            for kind, slug in (("lesson page", lesson), ("self-check page", selfcheck)):
                if slug is None:
                    rows.append({"kind": kind, "error": "no such page in the built site"})
                    continue
                url = f"http://127.0.0.1:{port}/{slug}/"
                out = self.tmp / f"lh-{slug}.json"
                cmd = [
                    "npx",
                    "-y",
                    LIGHTHOUSE,
                    url,
                    "--output=json",
                    f"--output-path={out}",
                    "--quiet",
                    "--only-categories=performance,accessibility,best-practices",
                    "--chrome-flags=--no-sandbox --headless=new --disable-gpu",
                ]
                COMMANDS.setdefault("lighthouse", "CHROME_PATH=" + CHROME + " " + cmdline(cmd))
                p = subprocess.run(
                    cmd,
                    env={**ENV, "CHROME_PATH": CHROME},
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                if not out.exists():
                    rows.append(
                        {
                            "kind": kind,
                            "slug": slug,
                            "error": f"lighthouse exit {p.returncode}: {p.stderr[-1500:]}",
                        }
                    )
                    continue
                data = json.loads(out.read_text())
                cats = data["categories"]
                audits = data["audits"]
                failing = {
                    cid: [
                        a["id"]
                        for a in (audits[r["id"]] for r in cats[cid]["auditRefs"])
                        if a.get("score") is not None
                        and a["score"] < 1
                        and a.get("scoreDisplayMode") in ("binary", "numeric")
                        and (cid != "performance")
                    ]
                    for cid in ("accessibility", "best-practices")
                }
                rows.append(
                    {
                        "kind": kind,
                        "slug": slug,
                        **{
                            cid: round(cats[cid]["score"] * 100)
                            if cats[cid]["score"] is not None
                            else None
                            for cid in cats
                        },
                        "fcp": audits["first-contentful-paint"]["displayValue"],
                        "lcp": audits["largest-contentful-paint"]["displayValue"],
                        "tbt": audits["total-blocking-time"]["displayValue"],
                        "cls": audits["cumulative-layout-shift"]["displayValue"],
                        "failing": failing,
                    }
                )
                log(
                    f"lighthouse {kind}: "
                    + ", ".join(
                        f"{k} {rows[-1].get(k)}"
                        for k in ("performance", "accessibility", "best-practices")
                    )
                )
        finally:
            stop(server)
        return {"rows": rows}


def report(R: dict, E: dict, targets: list) -> list[str]:
    """The section's part of docs/benchmarks.md (``targets`` gets its rows of the summary)."""
    L: list[str] = []
    L += ["## Lighthouse", ""]
    if not failed(R, E, "lighthouse", L):
        s = R["lighthouse"]
        L += [
            f"`{LIGHTHOUSE}` with Debian Chromium (default mobile emulation and simulated "
            "throttling) against the shipped"
            " course built by `course build` and served gzip-compressed, as static hosts serve "
            "it, by `benchmarks/serve_gzip.py` on 127.0.0.1.",
            "",
            "| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | "
            "audits below 1 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        ok_a11y, ok_perf = True, True
        for r in s["rows"]:
            if "error" in r:
                L.append(f"| {r['kind']} | failed: {r['error'][:200]} | | | | | | | |")
                ok_a11y = ok_perf = False
                continue
            fails = (
                "; ".join(f"{k}: {', '.join(v)}" for k, v in r["failing"].items() if v) or "none"
            )
            L.append(
                f"| {r['kind']} (`/{r['slug']}/`) | {r['performance']} | {r['accessibility']} | "
                f"{r['best-practices']} | {r['fcp']} | {r['lcp']} | {r['tbt']} | {r['cls']} | "
                f"{fails} |"
            )
            ok_a11y &= r["accessibility"] == 100
            ok_perf &= r["performance"] >= 95
        L.append("")
        vals = [r for r in s["rows"] if "error" not in r]
        targets.append(
            (
                "Lighthouse accessibility (lesson, self-check)",
                "100",
                ", ".join(str(r["accessibility"]) for r in vals) or "failed",
                "met" if ok_a11y else "missed",
            )
        )
        targets.append(
            (
                "Lighthouse performance (lesson, self-check)",
                "≥ 95",
                ", ".join(str(r["performance"]) for r in vals) or "failed",
                "met" if ok_perf else "missed",
            )
        )
        targets.append(
            (
                "Lighthouse best practices (lesson, self-check)",
                "(report)",
                ", ".join(str(r["best-practices"]) for r in vals) or "failed",
                "–",
            )
        )
    return L
