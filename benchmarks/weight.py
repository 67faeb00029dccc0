"""Section `weight`: the runtime's size (generator/assets raw and gzip) and what a page loads."""

from __future__ import annotations

import gzip
import hashlib
import html.parser
import re
from pathlib import Path

from common import (
    ROOT,
    failed,
)


class WeightSection:
    """The `weight` section of :class:`run.Bench` (a mixin: it uses the bench's args, tmp,
    results and courses)."""

    # ---------------------------------------------------------------- page weight

    def sec_weight(self) -> dict:
        out = {}
        for name in ("course.js", "course.css"):
            data = (ROOT / "generator" / "assets" / name).read_bytes()
            out[name] = {"raw": len(data), "gzip": len(gzip.compress(data, 9))}
        out["total_raw"] = sum(v["raw"] for v in out.values())
        out["total_gzip"] = sum(v["gzip"] for v in list(out.values()) if isinstance(v, dict))
        return out


class _Res(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.items: list[tuple[str, str, str]] = []  # (kind, src-or-'', inline text)
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            if a.get("src"):
                self.items.append(("js", a["src"], ""))
            else:
                self._in, self._buf = (
                    "js-inline" if "json" not in (a.get("type") or "") else "json-inline",
                    [],
                )
        elif tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.items.append(("css", a["href"], ""))
        elif tag == "style":
            self._in, self._buf = "css-inline", []

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)

    def handle_entityref(self, name):
        if self._in:
            self._buf.append(f"&{name};")

    def handle_charref(self, name):
        if self._in:
            self._buf.append(f"&#{name};")

    def handle_endtag(self, tag):
        if self._in and tag in ("script", "style"):
            self.items.append((self._in, "", "".join(self._buf)))
            self._in = None


def page_resources(site: Path, page: Path) -> list[dict]:
    p = _Res()
    p.feed(page.read_text(encoding="utf-8"))
    out = []
    for kind, src, text in p.items:
        if src:
            if re.match(r"^[a-z]+:", src) or src.startswith("//"):
                out.append({"kind": kind, "key": src, "raw": 0, "gzip": 0, "external": True})
                continue
            f = (page.parent / src.split("?")[0].split("#")[0]).resolve()
            data = f.read_bytes() if f.is_file() else b""
            key = str(f.relative_to(site.resolve())) if f.is_file() else src
        else:
            data = text.encode("utf-8")
            # inline resources: key by content with relative prefixes normalised
            key = (
                "inline:"
                + hashlib.sha1(re.sub(r'"base":\s*"[^"]*"', "", text).encode()).hexdigest()
            )
        out.append(
            {
                "kind": kind,
                "key": key,
                "raw": len(data),
                "gzip": len(gzip.compress(data, 9)) if data else 0,
            }
        )
    return out


def page_weight(site: Path, page: Path, baseline: set[str]) -> dict:
    """JS/CSS (and inline script/JSON/style) on ``page`` that a plain Material page does not
    have."""
    extra = [r for r in page_resources(site, page) if r["key"] not in baseline]
    res = {"items": [(r["kind"], r["key"], r["raw"], r["gzip"]) for r in extra]}
    for k in ("raw", "gzip"):
        res[k] = sum(r[k] for r in extra)
        res[f"linked_{k}"] = sum(r[k] for r in extra if not r["key"].startswith("inline:"))
        res[f"inline_{k}"] = sum(r[k] for r in extra if r["key"].startswith("inline:"))
    res["page_html_raw"] = page.stat().st_size
    res["page_html_gzip"] = len(gzip.compress(page.read_bytes(), 9))
    return res


def report(R: dict, E: dict, targets: list) -> list[str]:
    """The section's part of docs/benchmarks.md (``targets`` gets its rows of the summary)."""
    L: list[str] = []
    L += ["## Runtime size", ""]
    if not failed(R, E, "weight", L):
        s = R["weight"]
        L += [
            "Measured on the files present at run time (`generator/assets/`), gzip level 9.",
            "",
            "| file | raw | gzip |",
            "|---|---:|---:|",
        ]
        for k in ("course.js", "course.css"):
            L.append(f"| {k} | {s[k]['raw']:,} B | {s[k]['gzip']:,} B |")
        L += [f"| **total** | {s['total_raw']:,} B | {s['total_gzip']:,} B |", ""]
        targets.append(
            (
                "Our JS + CSS, gzip",
                "≤ 15 KB",
                f"{s['total_gzip'] / 1024:.1f} KB ({s['total_raw'] / 1024:.1f} KB raw)",
                "met" if s["total_gzip"] <= 15 * 1024 else "missed",
            )
        )
    return L
