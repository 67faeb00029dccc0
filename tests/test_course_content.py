"""The shipped course's self-checks and safety text (issue 28).

Every lowest ("harder") result points to the safety page; no scored self-check item touches the
course's own markers of coercive control (tests/data/coercive_control_markers.yml, kept with the
content brief's rules); an item whose meaning changed has a new id and its self-check a new
content hash, so a learner's stored answer to the old wording is set aside, not scored against
the new one; the warning signs carry the high-risk tier and identity-based coercion.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.core.ids import content_hash
from generator.core.layout import Project
from generator.core.schema import SelfCheck
from generator.core.scoring import scale_bounds, score_self_check
from generator.site.pipeline import check_course

ROOT = Path(__file__).resolve().parent.parent
MARKERS = yaml.safe_load((ROOT / "tests/data/coercive_control_markers.yml").read_text("utf-8"))
PATTERNS = [(cat, re.compile(p, re.I)) for cat, ps in MARKERS.items() for p in ps]


@pytest.fixture(scope="module")
def course():
    course, report = check_course(Project(ROOT))
    assert report.errors == []
    return course


def _self_checks(course) -> list[tuple[str, SelfCheck]]:
    return [(b.id, q) for b in course.banks for q in b.questions if isinstance(q, SelfCheck)]


def _lowest_bands(sc: SelfCheck) -> dict[str, str]:
    """The band every group lands in when each answer scores lowest: group id -> band id."""
    lo, hi = scale_bounds(sc)
    result = score_self_check(sc, {i.id: hi if i.reverse else lo for i in sc.items})
    bands = {sid: r.band for sid, r in result["subscales"].items()}
    if result["overall"] is not None:
        bands["overall"] = result["overall"].band
    return bands


def test_every_harder_band_text_carries_the_safety_pointer(course):
    support = f"(page:{course.manifest.safety.support_page})"
    missing = []
    for bank, sc in _self_checks(course):
        lowest = _lowest_bands(sc)
        groups = [(s.id, s.band_text) for s in sc.subscales]
        if sc.overall is not None:
            groups.append(("overall", sc.overall.band_text))
        for gid, texts in groups:
            assert lowest[gid] == "harder"  # the shipped wording; the rule itself is generic
            if support not in texts[lowest[gid]]:
                missing.append(f"{bank} {gid}")
    assert missing == []


def _marker_hits(text: str) -> list[str]:
    return [f"{cat}: {p.pattern}" for cat, p in PATTERNS if p.search(text)]


def test_no_scored_item_touches_a_coercive_control_marker(course):
    hits = {
        f"{bank} {item.id}": _marker_hits(item.text)
        for bank, sc in _self_checks(course)
        for item in sc.items
        if _marker_hits(item.text)
    }
    assert hits == {}


def test_the_markers_catch_what_they_are_for():
    # The item issue 28 removed, and each warning sign of "Is this course right for you now?".
    assert _marker_hits(
        "I keep plans that matter to me, such as seeing a friend, when my partner would rather I "
        "stayed home."
    )
    page = yaml.safe_load((ROOT / "course/pages/right-for-you.yml").read_text("utf-8"))
    body = next(s["body"] for s in page["sections"] if s["id"] == "warning-signs")
    signs = [ln[2:] for ln in re.sub(r"\n\s+", " ", body).splitlines() if ln.startswith("- ")]
    assert len(signs) >= 10
    assert [s for s in signs if not _marker_hits(s) and "crisis" not in s] == []


# The wording each changed item had before issue 28, and the content hash of its self-check then.
RETIRED = {
    "sc1-holding-steady": ("d430a96748be", {"i6"}),
    "sc2-what-i-show": ("7ac205b64d6e", {"i4", "i10"}),
    "sc4-hearing": ("5d8940a8ccad", {"i6", "i12"}),
}


def test_changed_items_have_new_ids_and_old_answers_are_set_aside(course):
    by_bank = dict(_self_checks(course))
    for bank, (old_hash, retired) in RETIRED.items():
        sc = by_bank[bank]
        # The runtime keeps a stored answer only while its record's hash matches the page's
        # (course.js retires it otherwise), so a new hash means no old answer is scored.
        assert content_hash(sc) != old_hash, bank
        assert retired.isdisjoint(i.id for i in sc.items), bank


def test_accepting_influence_is_not_worded_as_giving_in(course):
    sc4 = dict(_self_checks(course))["sc4-hearing"]
    repair = [i for i in sc4.items if i.subscale == "repair" and not i.reverse]
    assert not [i.id for i in repair if re.search(r"\bchange my (plans|mind)\b", i.text, re.I)]
    assert any("agree with" in i.text for i in repair)


def _section(rel: str, sid: str) -> str:
    doc = yaml.safe_load((ROOT / rel).read_text("utf-8"))
    return next(s["body"] for s in doc["sections"] if s["id"] == sid)


def test_warning_signs_name_the_high_risk_tier_and_identity_based_coercion():
    signs = _section("course/pages/right-for-you.yml", "warning-signs")
    flat = re.sub(r"\s+", " ", signs)
    for words in ("strangle", "threatened to kill", "weapon", "out me", "immigration"):
        assert words in flat, words
    why = re.sub(r"\s+", " ", _section("course/pages/right-for-you.yml", "if-any-apply"))
    assert "Campbell et al., 2003" in why and "Glass et al., 2008" in why


#: First names of the article's commenters (the seed's numbered responses, author and pingbacks
#: left out); read from the seed too when it sits beside the checkout.
COMMENTERS = {"Chelle", "Raleigh", "Miriam", "Timothy"}


def _seed_commenters() -> Iterator[str]:
    for up in (ROOT.parent, ROOT.parent.parent):
        for seed in sorted((up / "shared" / "seed").glob("*.txt")):
            for m in re.finditer(r"^\s+\d+\. (\S+)", seed.read_text("utf-8"), re.M):
                if m.group(1) not in {"Alison", "Pingback:"}:
                    yield m.group(1)


def test_no_real_commenter_is_named():
    names = COMMENTERS | set(_seed_commenters())
    files = sorted([*ROOT.glob("course/**/*.yml"), *ROOT.glob("quizzes/*.yml")])
    found = {
        (f.relative_to(ROOT).as_posix(), name)
        for f in files
        for name in names
        if re.search(rf"\b{re.escape(name)}\b", f.read_text("utf-8"))
    }
    assert found == set()


def test_lesson_8_draws_the_line_between_reassurance_and_monitoring():
    body = re.sub(
        r"\s+",
        " ",
        _section("course/lessons/08-moving-beyond-limitation.yml", "stretch-cave-coerce"),
    )
    assert "monitoring" in body and "(page:support)" in body
