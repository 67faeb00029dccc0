"""LMS exports, checked by real consumers.

- GIFT: the npm parser `gift-pegjs` (pinned in package.json, installed by `npm ci`) parses every
  exported file, run through node; question counts, types, titles, weights and escaped text
  are compared with the course.
- QTI 2.1: PyPI `citolab-qti-convert` (pinned in the `test` extra) upgrades the whole package to
  QTI 3.0, and the result downgrades back to QTI 2.1 without a warning; lxml checks the
  package's structure (manifest resources, element order, declarations, feedback).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from support import ROOT, run_course

from generator.core.layout import Project
from generator.exports.gift import export_gift, gift_escape
from generator.exports.lms import SELF_CHECK_REASON, zip_bytes
from generator.exports.qti import export_qti
from generator.site.pipeline import check_course

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
QTI3 = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
NS = {"q": QTI, "cp": CP}
GIFT_TYPE = {
    "single_choice": "MC",
    "multiple_choice": "MC",
    "ordering": "Matching",
    "reflection": "Essay",
}

PARSE_JS = """
const { parse } = require("gift-pegjs");
const fs = require("fs");
const out = {};
for (const file of process.argv.slice(1)) {
  try { out[file] = { questions: parse(fs.readFileSync(file, "utf8")) }; }
  catch (e) { out[file] = { error: String(e.message || e) + " at " + JSON.stringify(e.location && e.location.start) }; }
}
process.stdout.write(JSON.stringify(out));
"""  # noqa: E501 (sample text kept as written)

SPECIAL_BANK = r"""
id: bank-one
questions:
  - id: q1
    type: single_choice
    objectives: [one-o1]
    scenario: "Sam writes {braces}, a=b, #hash, ~tilde and C:\\Users in one line."
    prompt: "Which of {a}, b=c, #tag, ~x and key: value is right?"
    options:
      - id: a
        text: "This {one} = right"
        correct: true
        feedback: "Yes: it has ~ and # in it."
      - id: b
        text: "That one"
        feedback: "No, because {it} is not."
    explanation: "The explanation: with = and }."
  - id: mc-partial
    type: multiple_choice
    objectives: [one-o1]
    prompt: Pick the two right ones.
    options:
      - {id: a, text: Right A, correct: true, feedback: A is right.}
      - {id: b, text: Wrong B, feedback: B is wrong.}
      - {id: c, text: Right C, correct: true, feedback: C is right.}
      - {id: d, text: Wrong D, feedback: D is wrong.}
  - id: mc-all
    type: multiple_choice
    scoring: all_or_nothing
    objectives: [one-o1]
    prompt: Pick all three.
    options:
      - {id: a, text: One, correct: true, feedback: Yes.}
      - {id: b, text: Two, correct: true, feedback: Yes.}
      - {id: c, text: Three, correct: true, feedback: Yes.}
      - {id: d, text: Four, feedback: No.}
  - id: order
    type: ordering
    objectives: [one-o1]
    prompt: Put them in order.
    items:
      - {id: first, text: "First -> step"}
      - {id: second, text: Second step}
      - {id: third, text: Third step}
    explanation: First comes first.
  - id: refl
    type: reflection
    objectives: [one-o1]
    prompt: "What would you do: honestly?"
    hint: Take your time.
"""


def _course(root: Path):
    course, report = check_course(Project(root))
    assert course.manifest is not None and not report.errors, report.lines()
    return course


def _gift_parse(files: list[Path]) -> dict:
    node = shutil.which("node")
    assert node, "node is not installed: the GIFT consumer check needs Node (see README)"
    assert (ROOT / "node_modules" / "gift-pegjs").is_dir(), (
        "node_modules/gift-pegjs is missing: run `npm ci` (./dev test does it)"
    )
    proc = subprocess.run(
        [node, "-e", PARSE_JS, *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _write(files: dict[str, bytes], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out.append(folder / name)
    return out


# --------------------------------------------------------------------------- GIFT


def test_gift_escape():
    assert gift_escape(r"a~b=c#d{e}f:g\h") == r"a\~b\=c\#d\{e\}f\:g\\h"
    assert gift_escape("one\ntwo") == r"one\ntwo"


@pytest.mark.process
def test_shipped_course_gift_parses_with_gift_pegjs(tmp_path):
    course = _course(ROOT)
    result = export_gift(course)
    paths = _write(result.files, tmp_path)
    parsed = _gift_parse(paths)
    exported = 0
    for bank in course.banks:
        expected = [q for q in bank.questions if q.type != "self_check"]
        path = str(tmp_path / f"{bank.id}.gift")
        if not expected:
            assert path not in parsed
            continue
        assert "error" not in parsed[path], f"{bank.id}.gift: {parsed[path].get('error')}"
        questions = [q for q in parsed[path]["questions"] if q["type"] != "Category"]
        assert [q["title"] for q in questions] == [q.id for q in expected]
        assert [q["type"] for q in questions] == [GIFT_TYPE[q.type] for q in expected]
        for mine, theirs in zip(expected, questions, strict=False):
            if mine.type == "single_choice":
                assert [c["isCorrect"] for c in theirs["choices"]] == [
                    o.correct for o in mine.options
                ]
                assert all(c["feedback"] and c["feedback"]["text"] for c in theirs["choices"]), (
                    mine.id
                )
            elif mine.type == "ordering":
                assert [p["subanswer"] for p in theirs["matchPairs"]] == [
                    str(i) for i in range(1, len(mine.items) + 1)
                ]
            if getattr(mine, "explanation", None):
                assert theirs["globalFeedback"]["text"].startswith("<p>")
        exported += len(questions)
    assert exported == result.count > 0
    self_checks = [q.id for b in course.banks for q in b.questions if q.type == "self_check"]
    from_banks = [s for s in result.skipped if s.owner == "bank"]
    assert [s.question for s in from_banks] == self_checks
    assert all(s.reason == SELF_CHECK_REASON for s in from_banks)
    # Every lesson reflection prompt is reported, none silently dropped.
    assert [(s.bank, s.question) for s in result.skipped if s.owner == "lesson"] == [
        (lesson.id, r.id) for lesson in course.lessons for r in lesson.reflections
    ]


@pytest.mark.process
def test_gift_all_question_types_special_characters_and_weights(make_course, tmp_path):
    course = _course(make_course({"quizzes/bank-one.yml": SPECIAL_BANK.lstrip()}))
    result = export_gift(course, site_url="https://example.org/course/")
    assert (
        "bank-one.gift" in result.files and "bank-two.gift" not in result.files
    )  # bank two holds only a self-check
    parsed = _gift_parse(_write(result.files, tmp_path / "gift"))
    doc = parsed[str(tmp_path / "gift" / "bank-one.gift")]
    assert "error" not in doc, doc.get("error")
    cat, *qs = doc["questions"]
    assert cat == {"type": "Category", "title": "$course$/top/Tiny course/bank-one"}
    by_id = {q["title"]: q for q in qs}
    assert [q["type"] for q in qs] == ["MC", "MC", "MC", "Matching", "Essay"]

    q1 = by_id["q1"]
    stem = q1["stem"]["text"]
    assert q1["stem"]["format"] == "html"
    # The scenario comes first, then the stem; every special character survives the round trip.
    assert stem.index("Sam writes") < stem.index("Which of")
    for s in (
        "{braces}",
        "a=b",
        "#hash",
        "~tilde",
        "C:\\Users",
        "{a}",
        "b=c",
        "#tag",
        "~x",
        "key: value",
    ):
        assert s in stem, s
    assert (
        q1["choices"][0]["text"]["text"] == "This {one} = right" and q1["choices"][0]["isCorrect"]
    )
    assert q1["choices"][0]["feedback"]["text"] == "<p>Yes: it has ~ and # in it.</p>"
    assert q1["choices"][1]["feedback"]["text"] == "<p>No, because {it} is not.</p>"
    assert q1["globalFeedback"]["text"] == "<p>The explanation: with = and }.</p>"

    partial = [c["weight"] for c in by_id["mc-partial"]["choices"]]
    assert partial == [50, -50, 50, -50]  # (right - wrong) / correct, floored at 0 by Moodle
    assert all(c["feedback"] for c in by_id["mc-partial"]["choices"])
    all_or_nothing = [c["weight"] for c in by_id["mc-all"]["choices"]]
    assert all_or_nothing[3] == -100
    assert abs(sum(all_or_nothing[:3]) - 100) < 0.001
    assert any("all-or-nothing" in n for n in result.notes)

    pairs = by_id["order"]["matchPairs"]
    assert [(p["subquestion"]["text"], p["subanswer"]) for p in pairs] == [
        ("First -&gt; step", "1"),
        ("Second step", "2"),
        ("Third step", "3"),
    ]
    essay = by_id["refl"]
    assert (
        "What would you do: honestly?" in essay["stem"]["text"]
        and "Take your time." in essay["stem"]["text"]
    )
    assert [s.question for s in result.skipped if s.owner == "bank"] == [
        "sc"
    ]  # conftest's bank-two holds only a self-check


def test_gift_links_to_lessons(make_course):
    root = make_course(
        {
            "quizzes/bank-one.yml": SPECIAL_BANK.lstrip().replace(
                'feedback: "No, because {it} is not."',
                'feedback: "See [the intro](lesson:one#intro)."',
            )
        }
    )
    course = _course(root)
    with_url = (
        export_gift(course, site_url="https://example.org/course").files["bank-one.gift"].decode()
    )
    assert r'<a href\="https\://example.org/course/lesson-one/\#intro">the intro</a>' in with_url
    plain = export_gift(course)
    assert (
        "See the intro." in plain.files["bank-one.gift"].decode()
        and "lesson:" not in plain.files["bank-one.gift"].decode()
    )
    assert any("--site-url" in n for n in plain.notes)


# --------------------------------------------------------------------------- QTI


def _check_qti_package(files: dict[str, bytes], course) -> dict[str, etree._Element]:
    """Structural checks with lxml; returns the parsed items by question id."""
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert manifest.tag == f"{{{CP}}}manifest"
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "QTIv2.1 Package"
    resources = manifest.findall("cp:resources/cp:resource", NS)
    hrefs = {r.get("href") for r in resources}
    assert hrefs == set(files) - {"imsmanifest.xml"}
    ids = {r.get("identifier") for r in resources}
    for r in resources:
        assert r.find("cp:file", NS).get("href") == r.get("href")
        for dep in r.findall("cp:dependency", NS):
            assert dep.get("identifierref") in ids
    items = {}
    order = [
        "responseDeclaration",
        "outcomeDeclaration",
        "templateDeclaration",
        "templateProcessing",
        "stylesheet",
        "itemBody",
        "responseProcessing",
        "modalFeedback",
    ]
    for r in resources:
        root = etree.fromstring(files[r.get("href")])
        if r.get("type") == "imsqti_test_xmlv2p1":
            assert root.tag == f"{{{QTI}}}assessmentTest"
            for ref in root.iter(f"{{{QTI}}}assessmentItemRef"):
                target = (
                    (Path(r.get("href")).parent / ref.get("href"))
                    .as_posix()
                    .replace("tests/../", "")
                )
                assert target in files, target
            continue
        assert r.get("type") == "imsqti_item_xmlv2p1"
        assert root.tag == f"{{{QTI}}}assessmentItem"
        positions = [order.index(etree.QName(c).localname) for c in root]
        assert positions == sorted(positions), (
            f"{r.get('href')}: elements out of the schema's order"
        )
        # Identifiers referenced by processing and feedback are declared.
        declared = {
            d.get("identifier") for d in root if etree.QName(d).localname.endswith("Declaration")
        }
        for v in root.iter(
            f"{{{QTI}}}variable",
            f"{{{QTI}}}setOutcomeValue",
            f"{{{QTI}}}mapResponse",
            f"{{{QTI}}}correct",
        ):
            assert v.get("identifier") in declared, (r.get("href"), v.get("identifier"))
        items[root.get("identifier")] = root
    questions = {q.id: q for b in course.banks for q in b.questions}
    for qid, root in items.items():
        q = questions[qid]
        correct = root.xpath(
            "q:responseDeclaration/q:correctResponse/q:value/text()", namespaces=NS
        )
        if q.type in ("single_choice", "multiple_choice"):
            ci = root.find("q:itemBody/q:choiceInteraction", NS)
            assert ci.get("maxChoices") == ("1" if q.type == "single_choice" else "0")
            assert [c.get("identifier") for c in ci.findall("q:simpleChoice", NS)] == [
                o.id for o in q.options
            ]
            assert correct == [o.id for o in q.options if o.correct]
            fb = {m.get("identifier") for m in root.findall("q:modalFeedback", NS)}
            assert {o.id for o in q.options} <= fb
        elif q.type == "ordering":
            assert root.find("q:itemBody/q:orderInteraction", NS) is not None
            assert correct == [i.id for i in q.items]
        elif q.type == "reflection":
            assert root.find("q:itemBody/q:extendedTextInteraction", NS) is not None
    return items


def _citolab_round_trip(files: dict[str, bytes]) -> dict:
    from qti_convert import downgrade_package_files, upgrade_package_files

    up = upgrade_package_files(files).files
    assert set(up) == set(files)
    for name, content in up.items():
        root = etree.fromstring(content.encode() if isinstance(content, str) else content)
        if name.startswith("items/"):
            assert root.tag == f"{{{QTI3}}}qti-assessment-item", name
        elif name.startswith("tests/"):
            assert root.tag == f"{{{QTI3}}}qti-assessment-test", name
    manifest = up["imsmanifest.xml"]
    manifest = manifest if isinstance(manifest, str) else manifest.decode()
    assert "imsqti_item_xmlv3p0" in manifest and "imsqti_item_xmlv2p1" not in manifest
    down = downgrade_package_files(up)
    assert down.warnings == [], [(w.code, w.message) for w in down.warnings]
    return up


def test_shipped_course_qti_package_upgrades_with_citolab(tmp_path):
    course = _course(ROOT)
    result = export_qti(course)
    # Through a real zip, as an LMS would receive it.
    with zipfile.ZipFile(io.BytesIO(zip_bytes(result.files))) as z:
        assert z.testzip() is None
        files = {n: z.read(n) for n in z.namelist()}
    assert list(files)[0] == "imsmanifest.xml"
    items = _check_qti_package(files, course)
    expected = [q.id for b in course.banks for q in b.questions if q.type != "self_check"]
    assert sorted(items) == sorted(expected) and result.count == len(expected)
    assert [s.question for s in result.skipped if s.owner == "bank"] == [
        q.id for b in course.banks for q in b.questions if q.type == "self_check"
    ]
    up = _citolab_round_trip(files)
    q3 = etree.fromstring(up[f"items/{expected[0]}.xml"].encode())
    assert q3.find(f".//{{{QTI3}}}qti-choice-interaction") is not None
    assert q3.find(f".//{{{QTI3}}}qti-modal-feedback") is not None


def test_qti_all_question_types(make_course):
    course = _course(make_course({"quizzes/bank-one.yml": SPECIAL_BANK.lstrip()}))
    result = export_qti(course, site_url="https://example.org/course/")
    items = _check_qti_package(result.files, course)
    assert set(items) == {"q1", "mc-partial", "mc-all", "order", "refl"}
    q1 = items["q1"]
    body_text = "".join(q1.find("q:itemBody", NS).itertext())
    assert body_text.index("Sam writes") < body_text.index("Which of {a}")
    partial = items["mc-partial"].find("q:responseDeclaration/q:mapping", NS)
    assert partial.get("lowerBound") == "0" and partial.get("upperBound") == "1"
    assert [(e.get("mapKey"), float(e.get("mappedValue"))) for e in partial] == [
        ("a", 0.5),
        ("b", -0.5),
        ("c", 0.5),
        ("d", -0.5),
    ]
    assert items["mc-partial"].find(".//q:mapResponse", NS) is not None
    assert items["mc-all"].find("q:responseDeclaration/q:mapping", NS) is None
    assert items["mc-all"].find(".//q:match/q:correct", NS) is not None
    order = items["order"]
    assert order.find("q:responseDeclaration", NS).get("cardinality") == "ordered"
    shown = [c.get("identifier") for c in order.find(".//q:orderInteraction", NS)]
    assert sorted(shown) == ["first", "second", "third"] and shown != ["first", "second", "third"]
    assert order.find(".//q:orderInteraction/q:simpleChoice", NS) is not None
    assert items["refl"].find(".//q:extendedTextInteraction", NS) is not None
    assert [s.question for s in result.skipped if s.owner == "bank"] == [
        "sc"
    ] and "personal" in result.skipped[0].reason
    up = _citolab_round_trip(result.files)
    assert "qti-order-interaction" in up["items/order.xml"]
    assert "qti-extended-text-interaction" in up["items/refl.xml"]


# --------------------------------------------------------------------------- CLI


def test_export_lms_command(make_course, tmp_path):
    root = make_course({"quizzes/bank-one.yml": SPECIAL_BANK.lstrip()})
    out = tmp_path / "lms"

    def run(*args: str):
        return run_course("export-lms", *args, "--project", root, cwd=root)

    proc = run("--format", "gift", str(out))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bank-one.gift"]
    assert (
        "gift: skipped: bank 'bank-two': question 'sc' (self_check): self-checks are not exported"
        in proc.stderr
    )
    assert (
        "GIFT: exported 5 questions (2 multiple_choice, 1 ordering, 1 reflection, 1 "
        "single_choice), skipped 1" in proc.stderr
    )
    proc = run("--format", "qti", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (out / "tiny-course-qti21.zip").is_file()
    assert run("--format", "qti", str(out)).returncode == 2  # exists: needs --force
    assert run("--format", "all", "--force", str(out)).returncode == 0
    help_text = run_course("export-lms", "--help").stdout
    assert "course export-lms --format gift lms/" in help_text


# --------------------------------------------------------------------------- right to left

ARABIC = ROOT / "tests" / "fixtures" / "arabic_course"


@pytest.mark.process
def test_gift_of_an_arabic_course_parses_with_every_text_right_to_left(tmp_path):
    """Moodle shows GIFT's [html] text as written: each stem, option and feedback is marked
    `dir="rtl"`, and the ordering note is the course language's (gift-pegjs parses it all)."""
    course = _course(ARABIC)
    result = export_gift(course)
    parsed = _gift_parse(_write(result.files, tmp_path))
    questions = [q for f in parsed.values() for q in f["questions"] if q["type"] != "Category"]
    assert all("error" not in f for f in parsed.values()) and len(questions) == result.count == 5
    rtl = ('<div dir="rtl" lang="ar">', '<span dir="rtl" lang="ar">')
    for q in questions:
        assert q["stem"]["text"].startswith(rtl[0]), q["stem"]["text"]
        for choice in q.get("choices") or []:
            assert choice["text"]["text"].startswith(rtl[1])
            assert choice["feedback"]["text"].startswith(rtl[0])
    ordering = next(q for q in questions if q["type"] == "Matching")
    assert "طابق كل عنصر مع موضعه في الترتيب (1 = الأول)." in ordering["stem"]["text"]


def test_qti_of_an_arabic_course_names_its_language_and_upgrades_with_citolab():
    course = _course(ARABIC)
    result = export_qti(course)
    items = _check_qti_package(result.files, course)
    assert {i.get("{http://www.w3.org/XML/1998/namespace}lang") for i in items.values()} == {"ar"}
    up = _citolab_round_trip(result.files)
    assert all('xml:lang="ar"' in up[n] for n in up if n.startswith("items/"))
