"""The course's identity: the one source of every identifier, storage key and file name.

Every output names what it writes from here, never from the title: the key learners' saved
answers live under in their browser, the offline zip, the GIFT/QTI and SCORM packages, the
workbook PDF, and the answers and summary files a learner downloads. With an `id` in the
manifest all of them survive a new title.

A course written before ids keeps the storage key it always had (`ci:` + the title's slug), so
its learners' answers survive the upgrade; its file names come from the title folded to ASCII
(`Finanzas básicas` -> `finanzas-basicas`), or `course` when the title has no Latin letters,
and `course check` asks for an `id` (see :mod:`.settings`).

The words in file names (`offline`, `workbook`, ...) come from the course language's string
table (keys ``file_*``), cleaned by :func:`file_word` so that no table or `strings:` override can
put a path separator or a dot-file into a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .ids import make_id, slug
from .schema import Manifest

#: The stem of every file name when a course has neither an id nor a Latin letter in its title.
FALLBACK_ID = "course"

_DASHES = re.compile(r"-{2,}")


@dataclass(frozen=True)
class CourseIdentity:
    """The names a course is known by, derived once from its manifest."""

    id: str
    """The stem of every file name and package identifier: the manifest's `id`, or for a course
    without one its title folded to ASCII (or `course`)."""
    storage_key: str
    """The browser storage key of learners' saved answers (`ci:<id>`; legacy: `ci:<title slug>`)."""
    declared: bool
    """Whether the manifest sets `id` (only then does a new title keep every name)."""

    def file_name(self, word: str, extension: str, strings: Mapping[str, object]) -> str:
        """`<id>-<word>.<extension>`, the word from the string table key ``file_<word>``
        (e.g. `file_offline`) in the course language, ``word`` itself when the table lacks it."""
        return f"{self.id}-{file_word(strings.get(f'file_{word}'), word)}.{extension}"

    def package_name(self, kind: str, extension: str = "zip") -> str:
        """`<id>-<kind>.<extension>` for a technical format name (`qti21`, `scorm12`, ...)."""
        return f"{self.id}-{kind}.{extension}"


def course_identity(manifest: Manifest) -> CourseIdentity:
    """The identity of the course described by ``manifest``."""
    if manifest.id is not None:
        return CourseIdentity(manifest.id, "ci:" + manifest.id, True)
    # Before ids the key was the title's slug: unchanged, so stored answers are found again.
    return CourseIdentity(
        make_id(manifest.title) or FALLBACK_ID, "ci:" + slug(manifest.title), False
    )


def file_word(text: object, fallback: str) -> str:
    """A localised word made safe for a file name: letters and digits of any script (NFC) joined
    by single dashes, lower-cased; ``fallback`` when nothing is left (or ``text`` is no string)."""
    if not isinstance(text, str):
        return fallback
    # Letters, marks (Arabic vowel signs, combining accents) and digits stay; anything else
    # (separators, dots, slashes, controls, bidi marks) becomes a dash.
    kept = "".join(
        c if unicodedata.category(c)[0] in "LMN" else "-"
        for c in unicodedata.normalize("NFC", text).casefold()
    )
    word = _DASHES.sub("-", kept).strip("-")
    return word[:40].strip("-") or fallback


def has_latin_letter(text: str) -> bool:
    """Whether ``text`` has a letter that folds to a-z (so an id can be made from it)."""
    return bool(make_id(text))


def download_names(manifest: Manifest, strings: Mapping[str, object]) -> dict[str, str]:
    """The names of the files a learner downloads from the site (their answers as JSON, a
    readable summary), for the browser runtime."""
    identity = course_identity(manifest)
    return {
        "answers": identity.file_name("answers", "json", strings),
        "summary": identity.file_name("summary", "txt", strings),
    }
