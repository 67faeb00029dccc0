"""IMS QTI 2.1: one zip with a manifest, an ``assessmentItem`` per question and an
``assessmentTest`` per bank."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from ..core.course import Course
from ..core.identity import course_identity
from ..core.schema import (
    Bank,
    MultipleChoice,
    Ordering,
    ReflectionQuestion,
    SelfCheck,
    SingleChoice,
)
from .lms import (
    SELF_CHECK_REASON,
    LmsExport,
    LmsText,
    Skipped,
    dropped_links_note,
    image_note,
    shuffled,
    skip_lesson_reflections,
    stem,
    weights,
)

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: `xml:lang` (QTI 2.1 marks the language of an item or test with it; it has no `dir`: a
#: delivery system takes the direction from the language).
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Attributes kept on HTML elements (QTI's XHTML subset has no `start`, `align`, etc.).
_KEEP_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}}
_GENERIC_ATTRS = {"class", "id"}


def ncname(ident: str) -> str:
    """A QTI identifier (an XML NCName) for a course id; ids starting with a digit get a prefix."""
    return ident if re.match(r"[A-Za-z_]", ident) else f"id_{ident}"


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _el(
    parent: ET.Element | None,
    tag: str,
    attrib: dict[str, str] | None = None,
    text: str | None = None,
) -> ET.Element:
    e = (
        ET.Element(_q(tag), attrib or {})
        if parent is None
        else ET.SubElement(parent, _q(tag), attrib or {})
    )
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
    o = _el(
        item,
        "outcomeDeclaration",
        {"identifier": "SCORE", "cardinality": "single", "baseType": "float"},
    )
    _value(_el(o, "defaultValue"), "0")
    o = _el(
        item,
        "outcomeDeclaration",
        {"identifier": "MAXSCORE", "cardinality": "single", "baseType": "float"},
    )
    _value(_el(o, "defaultValue"), "1")
    if feedback:
        _el(
            item,
            "outcomeDeclaration",
            {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"},
        )


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


def _modal(
    item: ET.Element, ident: str, html: str, notes: list[str], where: str, title: str | None = None
) -> None:
    attrs = {"outcomeIdentifier": "FEEDBACK", "identifier": ident, "showHide": "show"}
    if title:
        attrs["title"] = title
    _append_html(_el(item, "modalFeedback", attrs), html, notes, where)


def qti_item(
    q: Any, text: LmsText, notes: list[str], language: str | None = None
) -> ET.Element | None:
    """One question as a QTI 2.1 assessmentItem (in ``language``, the course's), or None when it
    has no QTI form here."""
    if isinstance(q, SelfCheck):
        return None
    # Images become their description and links their text: a title carries no address.
    prompt = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", q.prompt)
    title = re.sub(r"\s+", " ", re.sub(r"[*_`#>\[\]]", "", prompt)).strip()[:120]
    attrs = {
        "identifier": ncname(q.id),
        "title": title or q.id,
        "adaptive": "false",
        "timeDependent": "false",
        f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
    }
    if language:
        attrs[XML_LANG] = language
    item = _el(None, "assessmentItem", attrs)
    where = f"question '{q.id}'"
    if isinstance(q, (SingleChoice, MultipleChoice)):
        single = isinstance(q, SingleChoice)
        rd = _el(
            item,
            "responseDeclaration",
            {
                "identifier": "RESPONSE",
                "cardinality": "single" if single else "multiple",
                "baseType": "identifier",
            },
        )
        cr = _el(rd, "correctResponse")
        for o in q.options:
            if o.correct:
                _value(cr, ncname(o.id))
        partial = isinstance(q, MultipleChoice) and q.scoring == "partial"
        if isinstance(q, MultipleChoice) and partial:
            right, wrong = weights(q)
            mapping = _el(
                rd, "mapping", {"lowerBound": "0", "upperBound": "1", "defaultValue": "0"}
            )
            for o in q.options:
                w = (right if o.correct else wrong) / 100
                _el(mapping, "mapEntry", {"mapKey": ncname(o.id), "mappedValue": f"{w:.6g}"})
        _score_decls(item)
        body = _el(item, "itemBody")
        _append_html(body, stem(q, text), notes, where)
        ci = _el(
            body,
            "choiceInteraction",
            {
                "responseIdentifier": "RESPONSE",
                "shuffle": "false",
                "maxChoices": "1" if single else "0",
            },
        )
        for o in q.options:
            _append_html(
                _el(ci, "simpleChoice", {"identifier": ncname(o.id)}),
                text.inline(o.text),
                notes,
                where,
            )
        rp = _el(item, "responseProcessing")
        (_map_response if partial else _match_correct)(rp)
        _feedback_outcome(rp, per_choice=True)
        for o in q.options:
            _modal(item, ncname(o.id), text.block(o.feedback), notes, where)
        if q.explanation:
            _modal(item, "EXPLANATION", text.block(q.explanation), notes, where)
    elif isinstance(q, Ordering):
        rd = _el(
            item,
            "responseDeclaration",
            {"identifier": "RESPONSE", "cardinality": "ordered", "baseType": "identifier"},
        )
        cr = _el(rd, "correctResponse")
        for it in q.items:
            _value(cr, ncname(it.id))
        _score_decls(item)
        body = _el(item, "itemBody")
        _append_html(body, stem(q, text), notes, where)
        oi = _el(body, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        for it in shuffled(q):
            _append_html(
                _el(oi, "simpleChoice", {"identifier": ncname(it.id)}),
                text.inline(it.text),
                notes,
                where,
            )
        rp = _el(item, "responseProcessing")
        _match_correct(rp)
        _feedback_outcome(rp, per_choice=False)
        _modal(item, "EXPLANATION", text.block(q.explanation), notes, where)
    elif isinstance(q, ReflectionQuestion):
        _el(
            item,
            "responseDeclaration",
            {"identifier": "RESPONSE", "cardinality": "single", "baseType": "string"},
        )
        body = _el(item, "itemBody")
        _append_html(body, stem(q, text), notes, where)
        _el(
            body,
            "extendedTextInteraction",
            {"responseIdentifier": "RESPONSE", "expectedLines": "6"},
        )
    else:
        return None
    return item


#: Elements whose content is text or HTML: never re-indented (whitespace there is content).
_CONTENT_TAGS = {
    "simpleChoice",
    "modalFeedback",
    "value",
    "baseValue",
    "p",
    "div",
    "li",
    "blockquote",
    "schema",
    "schemaversion",
}


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
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(root, encoding="utf-8", xml_declaration=False)
        + b"\n"
    )


def _qti_test(bank: Bank, title: str, refs: list[tuple[str, str]]) -> ET.Element:
    # assessmentTest has no xml:lang in QTI 2.1: its title is the bank's, its items carry it.
    test = _el(
        None,
        "assessmentTest",
        {
            "identifier": ncname(f"test-{bank.id}"),
            "title": title,
            f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
        },
    )
    o = _el(
        test,
        "outcomeDeclaration",
        {"identifier": "SCORE", "cardinality": "single", "baseType": "float"},
    )
    _value(_el(o, "defaultValue"), "0")
    part = _el(
        test,
        "testPart",
        {"identifier": "part1", "navigationMode": "nonlinear", "submissionMode": "individual"},
    )
    section = _el(
        part, "assessmentSection", {"identifier": "section1", "title": title, "visible": "true"}
    )
    for ident, href in refs:
        _el(section, "assessmentItemRef", {"identifier": ident, "href": href})
    op = _el(test, "outcomeProcessing")
    total = _el(_el(op, "setOutcomeValue", {"identifier": "SCORE"}), "sum")
    _el(total, "testVariables", {"variableIdentifier": "SCORE"})
    return test


def export_qti(course: Course, site_url: str | None = None) -> LmsExport:
    """A QTI 2.1 content package: ``{path: bytes}`` of manifest, items and one test per bank."""
    assert course.manifest is not None
    text = LmsText(course, site_url)
    result = LmsExport()
    manifest = ET.Element(
        f"{{{CP_NS}}}manifest",
        {
            "identifier": ncname("manifest-" + course_identity(course.manifest).id),
            f"{{{XSI_NS}}}schemaLocation": f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
            f"{QTI_NS} {QTI_XSD}",
        },
    )
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
            item = qti_item(q, text, result.notes, course.manifest.language)
            if item is None:
                result.skipped.append(Skipped(bank.id, q.id, q.type, "no QTI 2.1 equivalent"))
                continue
            href = f"items/{q.id}.xml"
            result.files[href] = _xml_bytes(item)
            res = ET.SubElement(
                resources,
                f"{{{CP_NS}}}resource",
                {"identifier": ncname(f"item-{q.id}"), "type": "imsqti_item_xmlv2p1", "href": href},
            )
            ET.SubElement(res, f"{{{CP_NS}}}file", {"href": href})
            refs.append((ncname(q.id), f"../{href}"))
            qids.append(q.id)
            result._add(q.type)
        if refs:
            title = bank.title or bank.id
            href = f"tests/{bank.id}.xml"
            result.files[href] = _xml_bytes(_qti_test(bank, title, refs))
            res = ET.SubElement(
                resources,
                f"{{{CP_NS}}}resource",
                {
                    "identifier": ncname(f"test-{bank.id}"),
                    "type": "imsqti_test_xmlv2p1",
                    "href": href,
                },
            )
            ET.SubElement(res, f"{{{CP_NS}}}file", {"href": href})
            for qid in qids:
                ET.SubElement(
                    res, f"{{{CP_NS}}}dependency", {"identifierref": ncname(f"item-{qid}")}
                )
    result.files = {"imsmanifest.xml": _xml_bytes(manifest), **result.files}
    skip_lesson_reflections(course, result)
    dropped_links_note(result, text.dropped_links)
    result.notes += image_note(text)
    return result
