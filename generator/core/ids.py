"""Identifiers and slugs: the one place that says what an id looks like and how text becomes a slug.

The browser runtime checks stored and page ids with the same rule (``isId`` in
``assets/course.js``, which journey.js uses too); ``tests/test_ids.py`` runs both over one corpus
of ids and fails when they disagree.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic_core import PydanticCustomError

#: What an id looks like: lower-case letters and digits, then also '-' and '_'.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
#: The longest id allowed.
ID_MAX_LENGTH = 80
ID_RE = re.compile(ID_PATTERN)
#: Names every JavaScript object already has (``Object.prototype``'s own properties, and
#: ``prototype``): the runtime keys answers, attempts and schedules by id, so an id of this
#: name could read or replace a built-in instead of a record. Only ``constructor`` and
#: ``prototype`` also match the pattern; the rest are listed so both rules state the whole set.
RESERVED_IDS = frozenset(
    {
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "prototype",
        "toLocaleString",
        "toString",
        "valueOf",
    }
)

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def is_id(text: str) -> bool:
    """Whether ``text`` is a valid id (the pattern, the length, and not a reserved name)."""
    return bool(ID_RE.fullmatch(text)) and len(text) <= ID_MAX_LENGTH and text not in RESERVED_IDS


def check_not_reserved(text: str) -> str:
    """``text`` unchanged, or a schema error when it is one of :data:`RESERVED_IDS`."""
    if text in RESERVED_IDS:
        raise PydanticCustomError("id_reserved", "reserved id {value}", {"value": text})
    return text


def slug(text: str, fallback: str = "") -> str:
    """Text as a URL- and file-name-safe slug: `Know Your Knife!` -> `know-your-knife`.

    Characters outside a-z and 0-9 (after case folding) become single dashes; ``fallback`` is
    returned when nothing is left.
    """
    return _NOT_SLUG.sub("-", text.casefold()).strip("-") or fallback


def make_id(text: str, max_length: int = 60) -> str:
    """An id from a title, accents folded to ASCII: `Écouter bien` -> `ecouter-bien`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return slug(ascii_text)[:max_length].strip("-")


def content_hash(model: Any) -> str:
    """A short hash of a question's content; stored answers are keyed by id plus this hash."""
    # How options are placed is not content: `shuffle` and `fixed` stay out, so setting them
    # keeps learners' saved answers (and every hash made before the fields existed).
    exclude = (
        {"shuffle": True, "options": {"__all__": {"fixed"}}} if hasattr(model, "shuffle") else None
    )
    return hashlib.sha256(model.model_dump_json(exclude=exclude).encode("utf-8")).hexdigest()[:12]


T = TypeVar("T")


def initial_order(seed: str, items: Sequence[T], key: Any = None) -> list[T]:
    """A deterministic shuffle of ``items`` that differs from their given (correct) order.

    Used for ordering questions, so a page never starts already solved: the same order on every
    build and in every export. ``key`` maps an item to what is compared (default: the item).
    With fewer than two distinct items no other order exists and the items are returned as given.
    """
    ident = key or (lambda x: x)
    order = list(items)
    rng = random.Random(seed)
    given = [ident(i) for i in items]
    for _ in range(10):
        rng.shuffle(order)
        if [ident(i) for i in order] != given:
            return order
    # Ten shuffles gave the solved order (likely only for two or three items): rotate by one,
    # which differs from the given order whenever two items differ.
    return list(items[1:]) + list(items[:1])
