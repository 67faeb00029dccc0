"""Course text is original: no run of 8 words is shared with the source article.

Attributed quotations the authors reviewed are listed in tools/overlap_allow.txt.
"""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import overlap  # noqa: E402

# The article sits beside the checkout (../shared/seed); a git worktree one level further down
# (wt/<branch>) finds it two levels up, so the check runs there too instead of being skipped.
SEED = next(
    (
        found
        for up in (ROOT.parent, ROOT.parent.parent)
        if (found := sorted((up / "shared" / "seed").glob("*.txt")))
    ),
    [],
)


@pytest.mark.skipif(
    not SEED, reason="the source article (../shared/seed) is not beside this checkout"
)
def test_no_eight_word_run_from_the_article():
    files = sorted([*ROOT.glob("course/**/*.yml"), *ROOT.glob("quizzes/*.yml")])
    text = "\n".join(p.read_text("utf-8") for p in SEED)
    hits = overlap.find_overlaps(
        text, files, 8, overlap.allowed_runs(ROOT / "tools" / "overlap_allow.txt", 8)
    )
    assert hits == []


def test_overlap_finds_a_copied_sentence(tmp_path):
    f = tmp_path / "x.yml"
    f.write_text(
        "body: We said that intimacy, however, does not thrive where there is too much closeness."
    )
    hits = overlap.find_overlaps(
        "Intimacy, however, does not thrive where there is too much all-accepting closeness.",
        [f],
        8,
    )
    assert [run for _, run in hits] == [
        "does not thrive where there is too much",
        "however does not thrive where there is too",
        "intimacy however does not thrive where there is",
    ]
