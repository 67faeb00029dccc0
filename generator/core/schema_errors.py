"""Turn pydantic's validation errors into `path:line: subject: problem. Hint.` diagnostics.

Each error's location (a key path) is looked up in the document's line map; the subject names
the question, option or section by its id; unknown keys and question types get a did-you-mean.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from .diagnostics import Report, did_you_mean
from .loader import Document
from .schema import QUESTION_TYPES, Model

_TYPE_WORDS = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "date_type": "a date (YYYY-MM-DD)",
    "int_from_float": "a whole number",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
}


#: A sentence ends at '. ' that does not close an abbreviation such as "e.g." or "i.e.".
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)\.\s")


def first_sentence(text: str) -> str:
    """The first sentence of a field's documentation, without its full stop."""
    return _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".")


def describe_value(value: Any) -> str:
    """How a YAML value reads to a person: `a list`, `true/false (yes)`, `the text 'x'`."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"text ('{short}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (an empty value)"
    return f"a {type(value).__name__}"


_KIND_WORDS = {
    "questions": "question",
    "options": "option",
    "items": "item",
    "objectives": "objective",
    "sections": "section",
    "subscales": "subscale",
    "bands": "band",
    "references": "reference",
    "key_terms": "key term",
    "reflections": "reflection",
    "assessments": "assessment",
    "anchors": "anchor",
    "groups": "group",
    "evidence": "evidence note",
    "authors": "author",
}


def _walk(data: Any, loc: tuple) -> tuple[tuple, list[Any]]:
    """Follow a pydantic error location through the data, dropping union tags.

    Returns the key path as it appears in the file and the value at each step.
    """
    path: list[Any] = []
    values = [data]
    cur = data
    for part in loc:
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            cur = cur[part]
        elif isinstance(cur, dict) and part in QUESTION_TYPES:
            continue  # a discriminated-union tag, not a key in the file
        elif isinstance(part, str) and part.startswith(("function-", "list[", "dict[")):
            continue
        else:
            path.append(part)
            values.append(None)
            break
        path.append(part)
        values.append(cur)
    return tuple(path), values


def _subject(path: tuple, values: list[Any]) -> str:
    """Name the innermost objects with ids on a path: `question 'q1', option 'b'`."""
    names = []
    for i, part in enumerate(path):
        value = values[i + 1] if i + 1 < len(values) else None
        if isinstance(part, int) and i > 0 and isinstance(path[i - 1], str):
            word = _KIND_WORDS.get(path[i - 1], path[i - 1])
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                names.append(f"{word} '{value['id']}'")
            elif isinstance(value, dict) and isinstance(value.get("term"), str):
                names.append(f"{word} '{value['term']}'")
            else:
                names.append(f"{word} {part + 1}")
    return ", ".join(names[-2:])


def _model_at(cls: Any, loc: tuple, data: Any) -> type[BaseModel] | None:
    """The model class whose fields are valid at the container of ``loc`` (for hints)."""
    tp: Any = cls
    cur = data
    for part in loc:
        tp = _unwrap(tp, cur)
        if isinstance(part, str) and part in QUESTION_TYPES:
            continue
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            f = tp.model_fields.get(part) if isinstance(part, str) else None
            if f is None:
                return None
            tp = f.annotation
        else:
            args = typing.get_args(tp)
            tp = args[-1] if args else None
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
        else:
            cur = None
    tp = _unwrap(tp, cur)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrap(tp: Any, value: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(options) == 1:
                tp = options[0]
                continue
            tag = value.get("type") if isinstance(value, dict) else None
            match = [
                a
                for a in options
                if isinstance(a, type)
                and issubclass(a, BaseModel)
                and "type" in a.model_fields
                and tag in typing.get_args(a.model_fields["type"].annotation)
            ]
            return match[0] if match else tp
        else:
            return tp


def report_schema_error(doc: Document, cls: type[Model], err: dict, report: Report) -> None:
    loc = tuple(err["loc"])
    path, values = _walk(doc.data, loc)
    etype = err["type"]
    value = err.get("input")
    subject = _subject(path, values)
    if not subject and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
        subject = f"{cls.__name__.lower()} '{doc.data['id']}'"
    elif not subject and cls.__name__ == "Manifest":
        subject = "manifest"
    key = path[-1] if path else ""
    line = doc.line(path)
    hint = ""
    if etype == "extra_forbidden":
        model = _model_at(cls, loc[:-1], doc.data)
        allowed = list(model.model_fields) if model else []
        message = f"unknown key '{key}'"
        hint = did_you_mean(str(key), allowed) or (
            f"Allowed keys: {', '.join(allowed)}" if allowed else "Remove it"
        )
    elif etype == "missing":
        parent_line = doc.line(path[:-1])
        line = parent_line
        message = f"the required key '{key}' is missing"
        model = _model_at(cls, loc[:-1], doc.data)
        desc = (
            " ".join((model.model_fields[key].description or "").split())
            if model and key in model.model_fields
            else ""
        )
        hint = f"Add '{key}:' ({first_sentence(desc)})" if desc else f"Add '{key}:'"
    elif etype in ("union_tag_invalid", "union_tag_not_found"):
        tag = value.get("type") if isinstance(value, dict) else None
        if etype == "union_tag_not_found" or tag is None:
            message = "the question has no 'type'"
            hint = f"Add 'type:' with one of: {', '.join(QUESTION_TYPES)}"
        else:
            line = doc.line(path + ("type",))
            message = f"unknown question type '{tag}'"
            hint = (
                did_you_mean(str(tag), QUESTION_TYPES) or f"Use one of: {', '.join(QUESTION_TYPES)}"
            )
    elif etype in _TYPE_WORDS:
        message = (
            f"'{key}' should be {_TYPE_WORDS[etype]}, but it is {describe_value(value)}"
            if isinstance(key, str)
            else f"this should be {_TYPE_WORDS[etype]}, but it is {describe_value(value)}"
        )
        if etype == "string_type" and isinstance(value, (bool, int, float)):
            shown = ("yes" if value else "no") if isinstance(value, bool) else value
            hint = f'Put the value in quotes: {key}: "{shown}"'
        elif etype == "string_type" and value is None:
            hint = "Write a value after the colon, or remove the key"
        elif etype == "bool_type":
            hint = "Write true or false (without quotes)"
        elif etype == "int_type" and isinstance(value, str):
            hint = "Write the number without quotes"
        else:
            hint = "Check the indentation and the value's form"
    elif etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"'{key}' is {describe_value(value)}, which is not allowed here"
        options = [
            o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()
        ]
        hint = did_you_mean(str(value), options) or f"Use one of: {expected}"
    elif (
        etype == "string_pattern_mismatch"
        and key in ("id", "slug")
        or (etype == "string_pattern_mismatch")
    ):
        message = f"'{key}' is '{value}', which is not a valid id"
        hint = (
            "Use lower-case letters, digits, '-' and '_' only, starting with a letter or digit "
            "(e.g. 'fusion-q1')"
        )
    elif etype == "id_reserved":
        message = (
            f"the id '{value}' is a name every JavaScript object already has, "
            "so the browser could not keep answers under it"
        )
        hint = f"Choose another id, e.g. '{value}-1'"
    elif etype in ("too_short", "string_too_short"):
        minimum = err.get("ctx", {}).get("min_length", 1)
        message = f"'{key}' is empty" if not value else f"'{key}' has too few entries"
        if etype == "string_too_short":
            hint = "Write some text, or remove the key if it is optional"
        else:
            hint = f"Give at least {minimum} entr{'y' if minimum == 1 else 'ies'}"
    elif etype in ("too_long", "string_too_long"):
        message = f"'{key}' is too long"
        hint = f"Keep it to at most {err.get('ctx', {}).get('max_length')}" + (
            " entries" if etype == "too_long" else " characters"
        )
    elif etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = f"'{key}' is {value}, out of range"
        hint = err["msg"].replace("Input should be", "It must be")
    else:
        message = f"'{key}': {err['msg']}" if key != "" else err["msg"]
    report.error(doc.path, line, subject, message, hint)
