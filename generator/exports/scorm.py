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
knowledge checks and none before the first answer; never lower than the score the LMS already
holds), pass or fail against ``lms.mastery_score`` when set, the bookmark, and ``suspend_data``
(a compact record of visited lessons and which knowledge checks were right, see scorm.js).
Optionally (``lms.interactions``) one interaction per knowledge-check answer: its id, kind and
result. Self-check answers and results and reflection text are never sent.

The package's lessons and knowledge checks come from the checked course (:func:`package_items`),
never from scanning the built pages, so markup in a lesson body cannot add a question. Every
identifier in the manifest comes from the course ``id`` (:func:`package_identifier`): an LMS
matches an updated package to the old one by identifier, so a retitled course keeps its
learners' records. Inside the package every link to another site opens in a new window (an LMS
shows the course in a frame, and many sites refuse to be framed); the build machine's address
(``site_url``, canonical links, the sitemap) is left out.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from ..core.course import Course
from ..core.languages import single_text, text_direction
from ..core.links import relative_url, site_targets
from ..core.schema import Manifest, MultipleChoice, Ordering, SingleChoice

#: ``--format`` name -> SCORM version.
FORMATS = {"scorm12": "1.2", "scorm2004": "2004"}
#: Size limit of ``cmi.suspend_data``: 4,096 characters in SCORM 1.2, 64,000 in 2004.
SUSPEND_LIMIT = {"1.2": 4096, "2004": 64000}
SCORM_JS = Path(__file__).resolve().parent.parent / "assets" / "scorm.js"
SCORM_JS_PATH = "assets/course/scorm.js"
LAUNCH_PAGE = "scorm.html"
#: Knowledge-check kinds and their SCORM interaction type.
KINDS = {"single_choice": "choice", "multiple_choice": "choice", "ordering": "sequencing"}
#: Seconds between two LMS commits while the learner works (always one more when the session
#: ends, and one at once when the course becomes complete or passed).
COMMIT_DELAY = 30
#: Browser strings of the launch page; a manifest `strings:` entry with the same key replaces one.
STRINGS = {
    "scorm_frame_title": "Course",
    "scorm_noscript": "This course needs JavaScript inside your learning system. You can still "
    "read it:",
    "scorm_open": "open the course",
    "scorm_trimmed": (
        "Your learning system keeps only a short record of your answers, so some of them are "
        "kept there as a count only. Nothing is lost on this device: answers kept in this "
        "browser are unchanged."
    ),
}
LAUNCH_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src "
    "'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'none'"
)


@dataclass
class ScormPackage:
    """The files of one package by path inside the zip, and what it reports."""

    files: dict[str, bytes]
    version: str
    lessons: list[dict[str, Any]]
    questions: list[str]


def package_items(course: Course) -> tuple[list[dict[str, Any]], list[str], dict[str, str]]:
    """Lessons in course order with their page and knowledge checks, from the checked course.

    Returns ``(lessons, questions, kinds)``: each lesson ``{"id", "url", "checks": [question
    index]}`` (``url`` relative to the package root, percent-encoded), every knowledge-check id
    once in course order (within a lesson in page order: the quiz blocks after each section,
    then the rest, as the lesson page shows them), and each one's interaction type.
    """
    assert course.manifest is not None
    targets = site_targets(course)
    banks = {b.id: b for b in course.banks}
    models = {q.id: q for b in course.banks for q in b.questions}
    by_id = {lesson.id: lesson for lesson in course.lessons}
    lessons: list[dict[str, Any]] = []
    questions: list[str] = []
    kinds: dict[str, str] = {}
    index: dict[str, int] = {}
    for lid in course.manifest.lessons:
        lesson = by_id.get(lid)
        if lesson is None:
            continue
        spots: list[str | None] = [sec.id for sec in lesson.sections] + [None]
        placements = [p for spot in spots for p in lesson.assessments if p.after == spot]
        placed = {id(p) for p in placements}
        placements += [p for p in lesson.assessments if id(p) not in placed]  # none once checked
        checks: list[int] = []
        for p in placements:
            if p.review:
                qids = list(p.review)
            elif p.bank in banks:
                qids = list(p.questions) or [q.id for q in banks[p.bank].questions]
            else:
                qids = []
            for qid in qids:
                q = models.get(qid)
                if not isinstance(q, (SingleChoice, MultipleChoice, Ordering)):
                    continue
                if qid not in index:
                    index[qid] = len(questions)
                    questions.append(qid)
                    kinds[qid] = KINDS[q.type]
                if index[qid] not in checks:
                    checks.append(index[qid])
        doc = targets[("lesson", lid)].doc
        url = quote(relative_url("index.md", doc, directory_urls=False), safe="/")
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


def package_identifier(m: Manifest) -> str:
    """The manifest's identifier, from the course ``id``: every other identifier extends it.

    A course without an ``id`` (``course check`` asks for one) keeps the identifier earlier
    versions made from its title, so its next package still updates the one in the LMS.
    """
    return "ci-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", m.id or m.title).strip("-") or "course")


def manifest_xml(
    version: str, title: str, files: list[str], ident: str, mastery: int | None = None
) -> bytes:
    """``imsmanifest.xml``: one organization, one item, one SCO resource listing every file.

    ``ident`` (see :func:`package_identifier`) names the manifest, the organization, the item and
    the resource; file names are percent-encoded (spaces, accents); no schema file is named, as the
    package ships none; ``mastery`` (0-100) is 1.2's ``adlcp:masteryscore`` and 2004's primary
    objective, satisfied by a scaled score of at least ``mastery / 100``.
    """
    if version == "1.2":
        ns = {
            "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
            "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        }
        schema_version, type_attr = "1.2", "scormtype"
    else:
        ns = {
            "": "http://www.imsglobal.org/xsd/imscp_v1p1",
            "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
            "imsss": "http://www.imsglobal.org/xsd/imsss",
        }
        schema_version, type_attr = "2004 4th Edition", "scormType"
    cp, adl = ns[""], ns["adlcp"]
    q = lambda tag: f"{{{cp}}}{tag}"  # noqa: E731
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(q("manifest"), {"identifier": ident, "version": "1"})
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
    if mastery is not None and version == "1.2":
        ET.SubElement(item, f"{{{adl}}}masteryscore").text = str(mastery)
    elif mastery is not None:
        ss = ns["imsss"]
        seq = ET.SubElement(item, f"{{{ss}}}sequencing")
        objectives = ET.SubElement(seq, f"{{{ss}}}objectives")
        primary = ET.SubElement(
            objectives,
            f"{{{ss}}}primaryObjective",
            {"objectiveID": ident + "-pass", "satisfiedByMeasure": "true"},
        )
        measure = f"{mastery / 100:.2f}".rstrip("0").rstrip(".")
        ET.SubElement(primary, f"{{{ss}}}minNormalizedMeasure").text = measure
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
        ET.SubElement(res, q("file"), {"href": quote(f, safe="/")})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\n?')
#: What a link must not keep when it opens another site from inside the package.
_OUTSIDE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


class _OutsideLinks(HTMLParser):
    """Finds every ``<a href>`` start tag that leads to another site, by offset in the page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._lines = [0]
        for line in text.split("\n"):  # the parser counts lines by "\n" only
            self._lines.append(self._lines[-1] + len(line) + 1)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        values = dict(attrs)
        href = (values.get("href") or "").strip()
        if not _OUTSIDE.match(href) or "data-ci-quick-exit" in values:
            return  # the quick exit replaces the whole LMS window (scorm.js), not a new one
        line, col = self.getpos()
        raw = self.get_starttag_text() or ""
        self.found.append((self._lines[line - 1] + col, raw, attrs))


def open_outside_links_apart(text: str) -> str:
    """Every link to another site in a page opens in a new window, ``rel="noopener"`` (kept with
    any other ``rel`` words): inside an LMS the course is in a frame, and a support service that
    refuses to be framed would show "content blocked" instead of help."""
    links = _OutsideLinks(text).found
    for start, raw, attrs in reversed(links):
        if text[start : start + len(raw)] != raw:
            continue  # not where the parser saw it: leave the page unchanged there
        rel = [w for k, v in attrs if k == "rel" for w in (v or "").split()]
        rel += [] if "noopener" in rel else ["noopener"]
        kept = [(k, v) for k, v in attrs if k not in ("target", "rel")]
        kept += [("target", "_blank"), ("rel", " ".join(rel))]
        tag = "<a" + "".join(
            f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"' for k, v in kept
        )
        text = (
            text[:start] + tag + (" />" if raw.endswith("/>") else ">") + text[start + len(raw) :]
        )
    return text


_MD_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _whole_page_loads(m: re.Match[str]) -> str:
    """Material's page configuration without instant navigation: it would fetch the sitemap
    (which a package leaves out) and move through the LMS frame's history by script; a package
    loads each page whole, and scorm.js sees every page as it loads."""
    try:
        cfg = json.loads(m.group(2))
    except ValueError:
        return m.group(0)
    features = cfg.get("features") if isinstance(cfg, dict) else None
    if not isinstance(features, list):
        return m.group(0)
    cfg["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
    data = json.dumps(cfg, ensure_ascii=False).replace("</", "<\\/")
    return m.group(1) + data + m.group(3)


def package_page(text: str) -> str:
    """A built page as the package holds it: no canonical link (it names ``site_url``, often the
    build machine's address, and means nothing inside an LMS), no instant navigation, outside
    links in a new window."""
    text = _MD_CONFIG.sub(_whole_page_loads, _CANONICAL.sub("", text), count=1)
    return open_outside_links_apart(text)


#: Built files a package leaves out: source maps, compressed copies, and the sitemap (it lists
#: ``site_url`` addresses; Material's instant navigation, off in packages, is its only reader).
def _left_out(path: str) -> bool:
    return path.endswith((".map", ".gz")) or path == "sitemap.xml"


def package_scorm(site_dir: Path, course: Course, version: str) -> ScormPackage:
    """The package's files from a site built for it (``build_pages`` in the pipeline): the pages
    as a package holds them, the launch page and ``imsmanifest.xml``. Reads ``site_dir``; writes
    nothing."""
    assert course.manifest is not None
    m = course.manifest
    lessons, questions, kinds = package_items(course)
    strings = {k: single_text(m.strings.get(k, v)) for k, v in STRINGS.items()}
    config = {
        "version": version,
        "build": hashlib.sha256("\n".join(questions).encode("utf-8")).hexdigest()[:8],
        "limit": SUSPEND_LIMIT[version],
        "completion": m.lms.completion,
        "interactions": m.lms.interactions,
        "mastery": m.lms.mastery_score,
        "commit_delay": COMMIT_DELAY * 1000,
        "lessons": lessons,
        "questions": questions,
        "kinds": kinds,
        "strings": {"trimmed": strings["scorm_trimmed"]},
    }
    files: dict[str, bytes] = {}
    for f in sorted(site_dir.rglob("*")):
        rel = f.relative_to(site_dir).as_posix()
        if not f.is_file() or _left_out(rel):
            continue
        data = f.read_bytes()
        if f.suffix == ".html":
            data = package_page(data.decode("utf-8")).encode("utf-8")
        files[rel] = data
    files[LAUNCH_PAGE] = launch_page(m.title, m.language, config, strings).encode("utf-8")
    files["imsmanifest.xml"] = manifest_xml(
        version, m.title, sorted(files), package_identifier(m), m.lms.mastery_score
    )
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
