"""SCORM 1.2 and 2004 packages: `course export-lms --format scorm12|scorm2004 DIR`.

The package holds the same pages as the web edition, built like the offline edition
(:mod:`generator.site.offline`: file URLs, the search index as a script, nothing loaded from
another origin), so it works from inside the zip on any LMS host and also when unzipped and
opened as a plain site.

**One SCO for the whole course, with bookmarking**, not one SCO per lesson: the course is one
website whose lessons link to each other, to the glossary, references and the support pages,
and whose search spans every page. Split into one SCO per lesson, every such link would take
the learner into another SCO's files behind the LMS's back (the LMS would keep tracking the
first lesson), and Canvas, which grades a SCORM package as one assignment, would see only one
lesson's score. One SCO keeps every link working and gives the LMS one completion and one
score; the last lesson visited is the bookmark (`cmi.core.lesson_location` / `cmi.location`)
and the package resumes there.

The SCO's launch page (``scorm.html``, written here) holds the LMS session for the whole
visit and shows the course pages in a frame: the pages are separate HTML files, and a SCO
may start its LMS session only once per launch. ``generator/assets/scorm.js`` (added to this
package only, never to the web site) runs on both: on the launch page it finds the API and
reports; on each course page it forwards the runtime's ``ci:answer``/``ci:page`` events.

What the LMS receives: completion (rule: ``lms.completion`` in the manifest, see
:class:`generator.core.schema.LmsSettings`), the score (share of knowledge checks answered right,
raw 0-100 with min 0 and max 100, plus ``scaled`` 0-1 in 2004; none when the course has no
knowledge checks), the bookmark, and ``suspend_data`` (visited lessons and which knowledge
checks were right, at most 4,096 characters in 1.2, trimmed oldest-first). Optionally
(``lms.interactions``) one interaction per knowledge-check answer: its id, kind and result.
Self-check answers and results and reflection text are never sent.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ..core.course import Course
from ..core.languages import single_text, text_direction

#: ``--format`` name -> SCORM version.
FORMATS = {"scorm12": "1.2", "scorm2004": "2004"}
#: Size limit of ``cmi.suspend_data``: 4,096 characters in SCORM 1.2, 64,000 in 2004.
SUSPEND_LIMIT = {"1.2": 4096, "2004": 64000}
SCORM_JS = Path(__file__).resolve().parent.parent / "assets" / "scorm.js"
SCORM_JS_PATH = "assets/course/scorm.js"
LAUNCH_PAGE = "scorm.html"
#: Knowledge-check kinds and their SCORM interaction type.
KINDS = {"single_choice": "choice", "multiple_choice": "choice", "ordering": "sequencing"}
#: Browser strings of the launch page; a manifest `strings:` entry with the same key replaces one.
STRINGS = {
    "scorm_frame_title": "Course",
    "scorm_noscript": "This course needs JavaScript inside your learning system. You can still "
    "read it:",
    "scorm_open": "open the course",
    "scorm_trimmed": (
        "Your learning system keeps only a short record of your answers, so the oldest ones were "
        "left out of it. Nothing is lost on this device: answers kept in this browser are "
        "unchanged."
    ),
}
LAUNCH_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src "
    "'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'none'"
)

_LESSON = re.compile(r'data-ci-lesson="([^"]+)"')
_QUESTION = re.compile(
    r'<div class="ci-question"[^>]*?data-ci-question="([a-z_]+)" data-ci-id="([^"]+)"'
)


@dataclass
class ScormPackage:
    """The files of one package by path inside the zip, and what it reports."""

    files: dict[str, bytes]
    version: str
    lessons: list[dict[str, Any]]
    questions: list[str]


def scan_site(
    site_dir: Path, lesson_ids: list[str]
) -> tuple[list[dict[str, Any]], list[str], dict[str, str]]:
    """Lessons in course order with their page and knowledge checks, read from the built pages.

    Returns ``(lessons, questions, kinds)``: each lesson ``{"id", "url", "checks": [question
    index]}``, every knowledge-check id once in course order, and each one's interaction type.
    """
    pages: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text("utf-8")
        m = _LESSON.search(text)
        if m and m.group(1) not in pages:
            found = [(kind, qid) for kind, qid in _QUESTION.findall(text) if kind in KINDS]
            pages[m.group(1)] = (page.relative_to(site_dir).as_posix(), found)
    lessons: list[dict[str, Any]] = []
    questions: list[str] = []
    kinds: dict[str, str] = {}
    index: dict[str, int] = {}
    for lid in lesson_ids:
        url, found = pages.get(lid, ("index.html", []))
        checks = []
        for kind, qid in found:
            if qid not in index:
                index[qid] = len(questions)
                questions.append(qid)
                kinds[qid] = KINDS[kind]
            if index[qid] not in checks:
                checks.append(index[qid])
        lessons.append({"id": lid, "url": url, "checks": checks})
    return lessons, questions, kinds


def launch_page(title: str, language: str, config: dict[str, Any], strings: dict[str, str]) -> str:
    """The SCO's launch page: the course in a frame, the session in scorm.js. No inline script or
    style."""
    e = html.escape
    data = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    return f"""<!doctype html>
<html lang="{e(language)}"{' dir="rtl"' if text_direction(language) == "rtl" else ""}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{LAUNCH_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
</head>
<body>
<div id="ci-scorm" data-ci-scorm='{e(data, quote=True)}' hidden></div>
<p id="ci-scorm-note" role="status" hidden></p>
<noscript><p>{e(strings["scorm_noscript"])} <a href="index.html">{e(strings["scorm_open"])}</a></p></noscript>
<iframe id="ci-scorm-frame" title="{e(title)}" data-src="index.html"></iframe>
<script src="{SCORM_JS_PATH}"></script>
</body>
</html>
"""  # noqa: E501 (sample text kept as written)


def _identifier(text: str) -> str:
    return "ci-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "course")


def manifest_xml(version: str, title: str, files: list[str]) -> bytes:
    """``imsmanifest.xml``: one organization, one item, one SCO resource listing every file."""
    ident = _identifier(title)
    if version == "1.2":
        ns = {
            "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
            "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        }
        locations = (
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
            "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
        )
        schema_version, type_attr = "1.2", "scormtype"
    else:
        ns = {
            "": "http://www.imsglobal.org/xsd/imscp_v1p1",
            "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        }
        locations = (
            "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
            "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd"
        )
        schema_version, type_attr = "2004 4th Edition", "scormType"
    cp, adl, xsi = ns[""], ns["adlcp"], "http://www.w3.org/2001/XMLSchema-instance"
    q = lambda tag: f"{{{cp}}}{tag}"  # noqa: E731
    for prefix, uri in (("", cp), ("adlcp", adl), ("xsi", xsi)):
        ET.register_namespace(prefix, uri)
    root = ET.Element(
        q("manifest"), {"identifier": ident, "version": "1", f"{{{xsi}}}schemaLocation": locations}
    )
    meta = ET.SubElement(root, q("metadata"))
    ET.SubElement(meta, q("schema")).text = "ADL SCORM"
    ET.SubElement(meta, q("schemaversion")).text = schema_version
    orgs = ET.SubElement(root, q("organizations"), {"default": ident + "-org"})
    org = ET.SubElement(orgs, q("organization"), {"identifier": ident + "-org"})
    ET.SubElement(org, q("title")).text = title
    item = ET.SubElement(
        org, q("item"), {"identifier": ident + "-item", "identifierref": ident + "-sco"}
    )
    ET.SubElement(item, q("title")).text = title
    res = ET.SubElement(
        ET.SubElement(root, q("resources")),
        q("resource"),
        {
            "identifier": ident + "-sco",
            "type": "webcontent",
            f"{{{adl}}}{type_attr}": "sco",
            "href": LAUNCH_PAGE,
        },
    )
    for f in files:
        ET.SubElement(res, q("file"), {"href": f})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def package_scorm(site_dir: Path, course: Course, version: str) -> ScormPackage:
    """The package's files from a site built for it (see :func:`build_site`): the pages, the
    launch page and ``imsmanifest.xml``. Reads ``site_dir``; writes nothing."""
    assert course.manifest is not None
    m = course.manifest
    lessons, questions, kinds = scan_site(site_dir, list(m.lessons))
    strings = {k: single_text(m.strings.get(k, v)) for k, v in STRINGS.items()}
    config = {
        "version": version,
        "build": hashlib.sha256("\n".join(questions).encode("utf-8")).hexdigest()[:8],
        "limit": SUSPEND_LIMIT[version],
        "completion": m.lms.completion,
        "interactions": m.lms.interactions,
        "lessons": lessons,
        "questions": questions,
        "kinds": kinds,
        "strings": {"trimmed": strings["scorm_trimmed"]},
    }
    files: dict[str, bytes] = {}
    for f in sorted(site_dir.rglob("*")):
        if f.is_file() and not f.name.endswith((".map", ".gz")):
            files[f.relative_to(site_dir).as_posix()] = f.read_bytes()
    files[LAUNCH_PAGE] = launch_page(m.title, m.language, config, strings).encode("utf-8")
    files["imsmanifest.xml"] = manifest_xml(version, m.title, sorted(files))
    return ScormPackage(files, version, lessons, questions)


def zip_package(pkg: ScormPackage) -> bytes:
    """The package as zip bytes, ``imsmanifest.xml`` at the root (as every LMS expects)."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("imsmanifest.xml", pkg.files["imsmanifest.xml"])
        for name in sorted(pkg.files):
            if name != "imsmanifest.xml":
                z.writestr(name, pkg.files[name])
    return buf.getvalue()
