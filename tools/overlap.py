"""Originality check: runs of N words shared between course text and a source article.

Usage: python tools/overlap.py [--n 8] [--source FILE] [FILES...]
Prints every shared run with the file it appears in; exits 1 if any is found. Defaults: the
seed article beside the repository (../shared/seed/*.txt) and every YAML file under course/
and quizzes/. Quotation marks and punctuation are ignored, so a copied sentence cannot hide
behind different typography; attributed quotations show up too and are reviewed by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9']+", text.casefold())


def shingles(ws: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def allowed_runs(path: Path, n: int) -> set[tuple[str, ...]]:
    """Shingles of the reviewed, attributed quotations listed in ``path``."""
    if not path.is_file():
        return set()
    out: set[tuple[str, ...]] = set()
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out |= shingles(words(line), n)
    return out


def find_overlaps(
    source: str, files: list[Path], n: int, allow: set | None = None
) -> list[tuple[str, str]]:
    src = shingles(words(source), n) - (allow or set())
    hits = []
    for f in files:
        seen = set()
        for sh in shingles(words(f.read_text("utf-8")), n):
            if sh in src and sh not in seen:
                seen.add(sh)
                hits.append(
                    (
                        f.relative_to(ROOT).as_posix() if f.is_relative_to(ROOT) else str(f),
                        " ".join(sh),
                    )
                )
    return sorted(hits)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--source", type=Path, action="append")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    sources = args.source or sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))
    if not sources:
        print("no source article found; pass --source FILE", file=sys.stderr)
        return 2
    text = "\n".join(p.read_text("utf-8") for p in sources)
    files = args.files or sorted([*ROOT.glob("course/**/*.yml"), *ROOT.glob("quizzes/*.yml")])
    hits = find_overlaps(
        text, files, args.n, allowed_runs(ROOT / "tools" / "overlap_allow.txt", args.n)
    )
    for f, run in hits:
        print(f"{f}: shares {args.n} words with the source: '{run}'")
    print(f"{len(hits)} shared {args.n}-word runs in {len(files)} files", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
