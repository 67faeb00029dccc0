"""Export quiz banks for learning management systems: Moodle GIFT and IMS QTI 2.1.

Instructors can reuse the knowledge checks in Moodle, Canvas, Blackboard and other LMSs:

- **GIFT** (Moodle's text format): one ``BANK.gift`` file per bank. Single choice uses ``=``/``~``
  with per-option ``#feedback``; multiple choice uses ``~%w%`` weights (correct options share
  100 %, wrong ones subtract the same share, which is the course's `partial` rule); ordering
  becomes a matching question (item -> position); reflections become essay questions ``{}``.
- **QTI 2.1**: one zip with ``imsmanifest.xml``, one ``assessmentItem`` per question
  (``choiceInteraction`` with per-option ``modalFeedback``, ``orderInteraction``,
  ``extendedTextInteraction``) and one ``assessmentTest`` per bank.

Question text is Markdown rendered to HTML by the same safe renderer as the site (raw HTML
is shown as text unless the manifest allows it). ``lesson:``/``page:`` links become absolute
links when a site URL is known, and plain text otherwise.

Self-checks are never exported: their items are personal, their answers are meant to stay in
the learner's browser, and neither format can carry reverse keying, subscales and
interpretation bands. Each one is reported as skipped, with that reason.

A pure core (:func:`export_gift`, :func:`export_qti`) plus the ``course export-lms`` command.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from .course import Course
from .links import relative_url
from .markup import QuizMarkdown
from .schema import Bank, MultipleChoice, Ordering, ReflectionQuestion, SelfCheck, SingleChoice
from .validate import site_targets

SELF_CHECK_REASON = (
    "self-checks are not exported: their answers are personal and meant to stay in the learner's "
    "browser, and GIFT/QTI have no survey type that keeps reverse keying, subscales and bands"
)

# --------------------------------------------------------------------------- shared


@dataclass
class Skipped:
    """A question left out of an export, and why."""

    bank: str
    question: str
    kind: str
    reason: str

    def format(self) -> str:
        return f"skipped: bank '{self.bank}': question '{self.question}' ({self.kind}): {self.reason}"


@dataclass
class LmsExport:
    """The files of one export, by relative path, and what was left out or approximated."""

    files: dict[str, bytes] = field(default_factory=dict)
    exported: dict[str, int] = field(default_factory=dict)
    """Question kind -> how many were exported."""
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Approximations worth telling the instructor about (one line each)."""

    @property
    def count(self) -> int:
        return sum(self.exported.values())

    def _add(self, kind: str) -> None:
        self.exported[kind] = self.exported.get(kind, 0) + 1


class _Text:
    """Markdown -> HTML for LMS text, with course links made absolute or dropped."""

    def __init__(self, course: Course, site_url: str | None):
        assert course.manifest is not None
        self.md = QuizMarkdown(course.manifest.allow_raw_html)
        self.targets = site_targets(course)
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None
        self.dropped_links = 0
        self.md.resolve = self._resolve
        rules = self.md.md.renderer.rules
        self._open, self._close = rules["link_open"], rules.get("link_close")
        rules["link_open"] = self._link_open
        rules["link_close"] = self._link_close

    def _resolve(self, scheme: str, rest: str) -> str | None:
        ident, _, anchor = rest.partition("#")
        t = self.targets.get((scheme, ident))
        if t is None or self.site_url is None:
            return None
        return self.site_url + relative_url("index.md", t.doc, anchor, True).removeprefix("./")

    def _link_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        href = tokens[idx].attrGet("href") or ""
        if href.startswith(("lesson:", "page:")):
            scheme, _, rest = href.partition(":")
            if self._resolve(scheme, rest) is None:
                # Drop the link, keep its text: mark the matching close token too.
                level = 0
                for j in range(idx + 1, len(tokens)):
                    if tokens[j].type == "link_open":
                        level += 1
                    elif tokens[j].type == "link_close":
                        if level == 0:
                            tokens[j].meta["drop"] = True
                            break
                        level -= 1
                self.dropped_links += 1
                return ""
        return self._open(tokens, idx, options, env)

    def _link_close(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        if tokens[idx].meta.get("drop"):
            return ""
        return self.md.md.renderer.renderToken(tokens, idx, options, env)

    def block(self, text: str | None) -> str:
        return str(self.md.block(text))

    def inline(self, text: str | None) -> str:
        return str(self.md.inline(text))


def _stem(q: Any, text: _Text) -> str:
    """Scenario (if any) then the prompt, as HTML."""
    parts = []
    if getattr(q, "scenario", None):
        parts.append(f'<div class="scenario">{text.block(q.scenario)}</div>')
    parts.append(text.block(q.prompt))
    hint = getattr(q, "hint", None)
    if hint:
        parts.append(f"<p><em>{text.inline(hint)}</em></p>")
    return "".join(parts)


def _weights(q: MultipleChoice) -> tuple[float, float]:
    """(weight of each correct option, weight of each wrong option) in percent."""
    n = sum(1 for o in q.options if o.correct) or 1
    right = 100.0 / n
    return right, (-right if q.scoring == "partial" else -100.0)


def _shuffled(q: Ordering) -> list:
    items = list(q.items)
    rng = random.Random(q.id)
    for _ in range(10):
        rng.shuffle(items)
        if items != list(q.items):
            break
    return items


# --------------------------------------------------------------------------- GIFT

_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``\\ ~ = # { } :``) and newlines (as ``\\n``)."""
    text = _GIFT_SPECIAL.sub(r"\\\1", text)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _gift_html(html: str) -> str:
    return "[html]" + gift_escape(html)


def _gift_percent(w: float) -> str:
    s = f"{w:.5f}".rstrip("0").rstrip(".")
    return f"%{s}%"


def _gift_category(*names: str) -> str:
    # Moodle splits category paths on '/'; a '/' inside a name is written '//'.
    return "$CATEGORY: $course$/top/" + "/".join(n.replace("/", "//").replace("\n", " ") for n in names)


def gift_question(q: Any, text: _Text, result: LmsExport) -> str | None:
    """One question in GIFT, or None when it cannot be expressed."""
    title = f"::{gift_escape(q.id)}::"
    if isinstance(q, SingleChoice):
        lines = [title + _gift_html(_stem(q, text)) + "{"]
        for o in q.options:
            mark = "=" if o.correct else "~"
            lines.append(f"\t{mark}{_gift_html(text.inline(o.text))}#{_gift_html(text.block(o.feedback))}")
    elif isinstance(q, MultipleChoice):
        right, wrong = _weights(q)
        if q.scoring == "all_or_nothing":
            result.notes.append(f"question '{q.id}': GIFT has no all-or-nothing multiple answer; exported with each wrong pick cancelling all credit")
        lines = [title + _gift_html(_stem(q, text)) + "{"]
        for o in q.options:
            w = _gift_percent(right if o.correct else wrong)
            lines.append(f"\t~{w}{_gift_html(text.inline(o.text))}#{_gift_html(text.block(o.feedback))}")
    elif isinstance(q, Ordering):
        if len(q.items) < 3:
            result.notes.append(f"question '{q.id}': Moodle needs three pairs for a matching question; this ordering has {len(q.items)}")
        lines = [title + _gift_html(_stem(q, text) + "<p><em>Match each item to its place in the order (1 = first).</em></p>") + "{"]
        for pos, item in enumerate(q.items, 1):
            lines.append(f"\t={_gift_html(text.inline(item.text))} -> {pos}")
    elif isinstance(q, ReflectionQuestion):
        return title + _gift_html(_stem(q, text)) + "{}"
    else:
        return None
    explanation = getattr(q, "explanation", None)
    if explanation:
        lines.append(f"\t####{_gift_html(text.block(explanation))}")
    lines.append("}")
    return "\n".join(lines)


def export_gift(course: Course, site_url: str | None = None) -> LmsExport:
    """One ``BANK.gift`` per bank that has at least one exportable question."""
    assert course.manifest is not None
    text = _Text(course, site_url)
    result = LmsExport()
    for bank in course.banks:
        chunks = [
            f"// {bank.title or bank.id}: exported by `course export-lms` from {bank._file or bank.id}",
            "// Import in Moodle: Question bank > Import > GIFT format.",
            "",
            _gift_category(course.manifest.title, bank.title or bank.id),
            "",
        ]
        n = 0
        for q in bank.questions:
            if isinstance(q, SelfCheck):
                result.skipped.append(Skipped(bank.id, q.id, q.type, SELF_CHECK_REASON))
                continue
            g = gift_question(q, text, result)
            if g is None:
                result.skipped.append(Skipped(bank.id, q.id, q.type, "no GIFT equivalent"))
                continue
            chunks += [g, ""]
            result._add(q.type)
            n += 1
        if n:
            result.files[f"{bank.id}.gift"] = "\n".join(chunks).encode("utf-8")
    if text.dropped_links:
        result.notes.append(f"{text.dropped_links} link(s) to lessons became plain text; pass --site-url (or set site_url in mkdocs.yml) to keep them as links")
    return result


# --------------------------------------------------------------------------- QTI 2.1

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: Attributes kept on HTML elements (QTI's XHTML subset has no `start`, `align`, etc.).
_KEEP_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}}
_GENERIC_ATTRS = {"class", "id"}


def ncname(ident: str) -> str:
    """A QTI identifier (an XML NCName) for a course id; ids starting with a digit get a prefix."""
    return ident if re.match(r"[A-Za-z_]", ident) else f"id_{ident}"


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _el(parent: ET.Element | None, tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    e = ET.Element(_q(tag), attrib or {}) if parent is None else ET.SubElement(parent, _q(tag), attrib or {})
    if text is not None:
        e.text = text
    return e


def _qtify(e: ET.Element) -> None:
    """Move parsed HTML into the QTI namespace and drop attributes QTI does not allow."""
    tag = e.tag.split("}")[-1]
    e.tag = _q(tag)
    allowed = _KEEP_ATTRS.get(tag, set()) | _GENERIC_ATTRS
    for name in list(e.attrib):
        if name not in allowed:
            del e.attrib[name]
    for child in e:
        _qtify(child)


def _append_html(parent: ET.Element, html: str, notes: list[str], where: str) -> None:
    """Append an HTML fragment (markdown-it's XHTML output) as QTI content of ``parent``."""
    try:
        wrapper = ET.fromstring(f"<div>{html}</div>")
    except ET.ParseError:
        notes.append(f"{where}: text is not well-formed XHTML (raw HTML?); exported as plain text")
        wrapper = ET.Element("div")
        p = ET.SubElement(wrapper, "p")
        p.text = re.sub(r"<[^>]+>", "", html)
    if wrapper.text:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + wrapper.text
        else:
            parent.text = (parent.text or "") + wrapper.text
    for child in list(wrapper):
        _qtify(child)
        parent.append(child)


def _value(parent: ET.Element, v: str, base_type: str | None = None) -> ET.Element:
    return _el(parent, "value", {"baseType": base_type} if base_type else None, v)


def _set(parent: ET.Element, outcome: str, base_type: str, value: str) -> None:
    s = _el(parent, "setOutcomeValue", {"identifier": outcome})
    _el(s, "baseValue", {"baseType": base_type}, value)


def _score_decls(item: ET.Element, feedback: bool = True) -> None:
    o = _el(item, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    _value(_el(o, "defaultValue"), "0")
    o = _el(item, "outcomeDeclaration", {"identifier": "MAXSCORE", "cardinality": "single", "baseType": "float"})
    _value(_el(o, "defaultValue"), "1")
    if feedback:
        _el(item, "outcomeDeclaration", {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"})


def _match_correct(rp: ET.Element) -> None:
    rc = _el(rp, "responseCondition")
    rif = _el(rc, "responseIf")
    m = _el(rif, "match")
    _el(m, "variable", {"identifier": "RESPONSE"})
    _el(m, "correct", {"identifier": "RESPONSE"})
    _set(rif, "SCORE", "float", "1")
    _set(_el(rc, "responseElse"), "SCORE", "float", "0")


def _map_response(rp: ET.Element) -> None:
    rc = _el(rp, "responseCondition")
    rif = _el(rc, "responseIf")
    _el(_el(rif, "isNull"), "variable", {"identifier": "RESPONSE"})
    _set(rif, "SCORE", "float", "0")
    s = _el(_el(rc, "responseElse"), "setOutcomeValue", {"identifier": "SCORE"})
    _el(s, "mapResponse", {"identifier": "RESPONSE"})


def _feedback_outcome(rp: ET.Element, per_choice: bool) -> None:
    """FEEDBACK = the chosen options (for per-option feedback) plus EXPLANATION, once answered."""
    rc = _el(rp, "responseCondition")
    rif = _el(rc, "responseIf")
    _el(_el(_el(rif, "not"), "isNull"), "variable", {"identifier": "RESPONSE"})
    s = _el(rif, "setOutcomeValue", {"identifier": "FEEDBACK"})
    mult = _el(s, "multiple")
    if per_choice:
        _el(mult, "variable", {"identifier": "RESPONSE"})
    _el(mult, "baseValue", {"baseType": "identifier"}, "EXPLANATION")


def _modal(item: ET.Element, ident: str, html: str, notes: list[str], where: str, title: str | None = None) -> None:
    attrs = {"outcomeIdentifier": "FEEDBACK", "identifier": ident, "showHide": "show"}
    if title:
        attrs["title"] = title
    _append_html(_el(item, "modalFeedback", attrs), html, notes, where)


def qti_item(q: Any, text: _Text, notes: list[str]) -> ET.Element | None:
    """One question as a QTI 2.1 assessmentItem, or None when it has no QTI form here."""
    if isinstance(q, SelfCheck):
        return None
    title = re.sub(r"\s+", " ", re.sub(r"[*_`#>\[\]]", "", q.prompt)).strip()[:120]
    item = _el(None, "assessmentItem", {
        "identifier": ncname(q.id), "title": title or q.id, "adaptive": "false", "timeDependent": "false",
        f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
    })
    where = f"question '{q.id}'"
    if isinstance(q, (SingleChoice, MultipleChoice)):
        single = isinstance(q, SingleChoice)
        rd = _el(item, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "single" if single else "multiple", "baseType": "identifier"})
        cr = _el(rd, "correctResponse")
        for o in q.options:
            if o.correct:
                _value(cr, ncname(o.id))
        partial = isinstance(q, MultipleChoice) and q.scoring == "partial"
        if partial:
            right, wrong = _weights(q)
            mapping = _el(rd, "mapping", {"lowerBound": "0", "upperBound": "1", "defaultValue": "0"})
            for o in q.options:
                w = (right if o.correct else wrong) / 100
                _el(mapping, "mapEntry", {"mapKey": ncname(o.id), "mappedValue": f"{w:.6g}"})
        _score_decls(item)
        body = _el(item, "itemBody")
        _append_html(body, _stem(q, text), notes, where)
        ci = _el(body, "choiceInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "1" if single else "0"})
        for o in q.options:
            _append_html(_el(ci, "simpleChoice", {"identifier": ncname(o.id)}), text.inline(o.text), notes, where)
        rp = _el(item, "responseProcessing")
        (_map_response if partial else _match_correct)(rp)
        _feedback_outcome(rp, per_choice=True)
        for o in q.options:
            _modal(item, ncname(o.id), text.block(o.feedback), notes, where)
        if q.explanation:
            _modal(item, "EXPLANATION", text.block(q.explanation), notes, where)
    elif isinstance(q, Ordering):
        rd = _el(item, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "ordered", "baseType": "identifier"})
        cr = _el(rd, "correctResponse")
        for it in q.items:
            _value(cr, ncname(it.id))
        _score_decls(item)
        body = _el(item, "itemBody")
        _append_html(body, _stem(q, text), notes, where)
        oi = _el(body, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        for it in _shuffled(q):
            _append_html(_el(oi, "simpleChoice", {"identifier": ncname(it.id)}), text.inline(it.text), notes, where)
        rp = _el(item, "responseProcessing")
        _match_correct(rp)
        _feedback_outcome(rp, per_choice=False)
        _modal(item, "EXPLANATION", text.block(q.explanation), notes, where)
    elif isinstance(q, ReflectionQuestion):
        _el(item, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "single", "baseType": "string"})
        body = _el(item, "itemBody")
        _append_html(body, _stem(q, text), notes, where)
        _el(body, "extendedTextInteraction", {"responseIdentifier": "RESPONSE", "expectedLines": "6"})
    else:
        return None
    return item


#: Elements whose content is text or HTML: never re-indented (whitespace there is content).
_CONTENT_TAGS = {"simpleChoice", "modalFeedback", "value", "baseValue", "p", "div", "li", "blockquote", "schema", "schemaversion"}


def _indent(e: ET.Element, level: int = 0) -> None:
    """Indent structure for readability, leaving mixed (HTML) content untouched."""
    if e.tag.split("}")[-1] in _CONTENT_TAGS or not len(e):
        return
    if not (e.text or "").strip():
        e.text = "\n" + "  " * (level + 1)
    for i, child in enumerate(e):
        _indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = "\n" + "  " * (level + (1 if i < len(e) - 1 else 0))


def _xml_bytes(root: ET.Element) -> bytes:
    ET.register_namespace("xsi", XSI_NS)
    _indent(root)
    ET.register_namespace("", root.tag[1:].split("}")[0])  # the document's namespace as the default
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _qti_test(bank: Bank, title: str, refs: list[tuple[str, str]]) -> ET.Element:
    test = _el(None, "assessmentTest", {
        "identifier": ncname(f"test-{bank.id}"), "title": title,
        f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
    })
    o = _el(test, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    _value(_el(o, "defaultValue"), "0")
    part = _el(test, "testPart", {"identifier": "part1", "navigationMode": "nonlinear", "submissionMode": "individual"})
    section = _el(part, "assessmentSection", {"identifier": "section1", "title": title, "visible": "true"})
    for ident, href in refs:
        _el(section, "assessmentItemRef", {"identifier": ident, "href": href})
    op = _el(test, "outcomeProcessing")
    total = _el(_el(op, "setOutcomeValue", {"identifier": "SCORE"}), "sum")
    _el(total, "testVariables", {"variableIdentifier": "SCORE"})
    return test


def export_qti(course: Course, site_url: str | None = None) -> LmsExport:
    """A QTI 2.1 content package: ``{path: bytes}`` of manifest, items and one test per bank."""
    assert course.manifest is not None
    text = _Text(course, site_url)
    result = LmsExport()
    manifest = ET.Element(f"{{{CP_NS}}}manifest", {
        "identifier": ncname("manifest-" + _slug(course.manifest.title)),
        f"{{{XSI_NS}}}schemaLocation": f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd {QTI_NS} {QTI_XSD}",
    })
    md = ET.SubElement(manifest, f"{{{CP_NS}}}metadata")
    ET.SubElement(md, f"{{{CP_NS}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(md, f"{{{CP_NS}}}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{{{CP_NS}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP_NS}}}resources")
    for bank in course.banks:
        refs: list[tuple[str, str]] = []
        qids: list[str] = []
        for q in bank.questions:
            if isinstance(q, SelfCheck):
                result.skipped.append(Skipped(bank.id, q.id, q.type, SELF_CHECK_REASON))
                continue
            item = qti_item(q, text, result.notes)
            if item is None:
                result.skipped.append(Skipped(bank.id, q.id, q.type, "no QTI 2.1 equivalent"))
                continue
            href = f"items/{q.id}.xml"
            result.files[href] = _xml_bytes(item)
            res = ET.SubElement(resources, f"{{{CP_NS}}}resource", {"identifier": ncname(f"item-{q.id}"), "type": "imsqti_item_xmlv2p1", "href": href})
            ET.SubElement(res, f"{{{CP_NS}}}file", {"href": href})
            refs.append((ncname(q.id), f"../{href}"))
            qids.append(q.id)
            result._add(q.type)
        if refs:
            title = bank.title or bank.id
            href = f"tests/{bank.id}.xml"
            result.files[href] = _xml_bytes(_qti_test(bank, title, refs))
            res = ET.SubElement(resources, f"{{{CP_NS}}}resource", {"identifier": ncname(f"test-{bank.id}"), "type": "imsqti_test_xmlv2p1", "href": href})
            ET.SubElement(res, f"{{{CP_NS}}}file", {"href": href})
            for qid in qids:
                ET.SubElement(res, f"{{{CP_NS}}}dependency", {"identifierref": ncname(f"item-{qid}")})
    result.files = {"imsmanifest.xml": _xml_bytes(manifest), **result.files}
    if text.dropped_links:
        result.notes.append(f"{text.dropped_links} link(s) to lessons became plain text; pass --site-url (or set site_url in mkdocs.yml) to keep them as links")
    return result


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))  # reproducible
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "course"


# --------------------------------------------------------------------------- CLI


def _site_url_from_config(args: argparse.Namespace) -> str | None:
    import yaml

    cfg = Path(args.project) / args.config_file
    if not cfg.is_file():
        return None

    class _Loose(yaml.SafeLoader):
        pass

    _Loose.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !!python/... tags
    try:
        data = yaml.load(cfg.read_text("utf-8"), Loader=_Loose) or {}
    except yaml.YAMLError:
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def cmd_export_lms(args: argparse.Namespace) -> int:
    from .build import check_course
    from .cli import _print_report, _project, _summary, _usage_error

    start = time.perf_counter()
    course, report = check_course(_project(args))
    _print_report(report, args.strict)
    if report.failed(args.strict) or course.manifest is None:
        _summary(report, args.strict, "export-lms", time.perf_counter() - start)
        print("Nothing was exported.", file=sys.stderr)
        return 1
    out = Path(args.dir)
    site_url = args.site_url or _site_url_from_config(args)
    formats = ("gift", "qti") if args.format == "all" else (args.format,)
    written: list[Path] = []
    results: list[tuple[str, LmsExport]] = []
    if args.format in ("scorm12", "scorm2004"):  # whole-course packages: generator/exports/scorm.py
        from .exports import scorm

        try:
            path = scorm.export(args, course, args.format, out)
        except FileExistsError as exc:
            return _usage_error(f"{exc} exists; pass --force to replace it")
        _summary(report, args.strict, "export-lms", time.perf_counter() - start)
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB): import it into the LMS as a SCORM package", file=sys.stderr)
        return 0
    for fmt in formats:
        if fmt == "gift":
            res = export_gift(course, site_url)
            targets = {out / name: data for name, data in res.files.items()}
        else:
            res = export_qti(course, site_url)
            targets = {out / f"{_slug(course.manifest.title)}-qti21.zip": zip_bytes(res.files)}
        clash = [p for p in targets if p.exists()]
        if clash and not args.force:
            return _usage_error(f"{clash[0]} exists; pass --force to replace it")
        results.append((fmt, res))
        out.mkdir(parents=True, exist_ok=True)
        for path, data in targets.items():
            path.write_bytes(data)
            written.append(path)
    for fmt, res in results:
        for s in res.skipped:
            print(f"{fmt}: {s.format()}", file=sys.stderr)
        for n in dict.fromkeys(res.notes):
            print(f"{fmt}: note: {n}", file=sys.stderr)
    _summary(report, args.strict, "export-lms", time.perf_counter() - start)
    for fmt, res in results:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(res.exported.items())) or "none"
        print(f"{fmt.upper()}: exported {res.count} question(s) ({kinds}), skipped {len(res.skipped)}", file=sys.stderr)
    for p in written:
        print(f"wrote {p}", file=sys.stderr)
    return 0


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `course export-lms` on the CLI's sub-command parser."""
    p = sub.add_parser(
        "export-lms", parents=[common], help="export quiz banks to Moodle GIFT and/or QTI 2.1 for an LMS",
        description=(
            "Export the quiz banks for a learning management system. GIFT: one BANK.gift file per bank "
            "(Moodle: Question bank > Import > GIFT). QTI: one COURSE-qti21.zip content package with an "
            "assessmentItem per question and an assessmentTest per bank (Canvas, Blackboard, Moodle, TAO...). "
            "Single and multiple choice keep per-option feedback and partial credit; ordering becomes a "
            "matching question in GIFT; reflections become essay questions. Self-checks are reported as "
            "skipped: their answers stay in the learner's browser."
        ),
        epilog=(
            "examples:\n"
            "  course export-lms --format gift lms/     one .gift file per bank in lms/\n"
            "  course export-lms --format qti lms/      lms/<course>-qti21.zip\n"
            "  course export-lms --format scorm12 lms/  lms/<course>-scorm12.zip, the whole course for any LMS\n"
            "  course export-lms lms/ --site-url https://example.org/course/   both, with links to the lessons"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("dir", metavar="DIR", help="folder to write (created if missing)")
    p.add_argument("--format", choices=("gift", "qti", "all", "scorm12", "scorm2004"), default="all",
                   help="which format to write (default: all = gift and qti); scorm12/scorm2004 write the whole course as a SCORM package")
    p.add_argument("--site-url", metavar="URL", help="published course URL, to turn links to lessons into absolute links (default: site_url from mkdocs.yml; without one they become plain text)")
    p.add_argument("--force", action="store_true", help="replace files that already exist")
    p.set_defaults(func=cmd_export_lms)

