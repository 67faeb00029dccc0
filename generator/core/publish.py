"""The publish boundary: the one check every file of a build passes before any output gets it.

A course repository may come from anyone (docs/security.md, "Threat model"). The generator
writes the pages itself; everything else that reaches an output (the site, the offline zip,
the SCORM package, `course export`, the workbook) is a file under ``docs_dir`` (wherever
`mkdocs.yml` puts it) or a setting in `mkdocs.yml`, and both pass this module:

- **Files under docs_dir** are published only when their type is on the media allow-list
  (:data:`MEDIA`), by extension *and* by content (an SVG named `.png` is refused). HTML,
  JavaScript, CSS, XML, SVG and hand-written Markdown pages are refused with a reason and a
  hint; so is every other type. Dot-files are never published. A symbolic link that leads
  outside the project is refused and never read; so is a ``docs_dir`` outside the project.
- **mkdocs.yml** (and any file it `INHERIT`s) is read here first, safely: MkDocs reads it with
  PyYAML's full loader, where `!!python/object/apply:` runs code, so a tag beyond `!ENV`,
  `!relative` and a few named Python functions is refused before MkDocs opens the file. Build
  hooks, other plugins and Markdown extensions than the listed ones, a theme `custom_dir`,
  extra scripts, style sheets and templates, analytics and script URLs are refused too
  (:func:`check_config`).

:func:`check_publication` reports every problem as `path:line: subject: problem. Hint.`;
:func:`publication` gives what may be published (the MkDocs plugin drops every other file of
``docs_dir`` from the build, so a file the check did not approve can never be copied), and
:func:`workbook_fetcher` is the only way the workbook reads a file.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from .diagnostics import Report

#: MkDocs' default `docs_dir`.
DEFAULT_DOCS_DIR = "docs"


def _starts(*magic: bytes) -> Callable[[bytes], bool]:
    return lambda head: head.startswith(magic)


def _riff(kind: bytes) -> Callable[[bytes], bool]:
    return lambda head: head[:4] == b"RIFF" and head[8:12] == kind


def _ftyp(*brands: bytes) -> Callable[[bytes], bool]:
    """ISO base media (MP4, M4A, AVIF): a `ftyp` box, with one of ``brands`` if given."""

    def test(head: bytes) -> bool:
        if head[4:8] != b"ftyp":
            return False
        return not brands or head[8:12] in brands or any(b in head[16:64] for b in brands)

    return test


def _mp3(head: bytes) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _text(head: bytes) -> bool:
    """Plain UTF-8 text that no browser would take for a page (no markup at all)."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end of the head
        if exc.start < len(head) - 4:
            return False
        text = head[: exc.start].decode("utf-8")
    return not re.search(r"<\s*[!?/a-zA-Z]", text)


def _vtt(head: bytes) -> bool:
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT") and _text(head)


@dataclass(frozen=True)
class MediaType:
    """One kind of file a course may publish."""

    name: str
    """What it is, for people ("PNG image")."""
    mime: str
    sniff: Callable[[bytes], bool]
    """Whether the first bytes of a file are this type."""


_PNG = MediaType("PNG image", "image/png", _starts(b"\x89PNG\r\n\x1a\n"))
_JPEG = MediaType("JPEG image", "image/jpeg", _starts(b"\xff\xd8\xff"))
_MP4 = MediaType("MP4 video", "video/mp4", _ftyp())
_OGG = MediaType("Ogg audio or video", "audio/ogg", _starts(b"OggS"))
_TEXT = MediaType("plain text", "text/plain", _text)

#: The media allow-list by extension (lower case). Everything else under docs_dir is refused.
MEDIA: dict[str, MediaType] = {
    ".png": _PNG,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".gif": MediaType("GIF image", "image/gif", _starts(b"GIF87a", b"GIF89a")),
    ".webp": MediaType("WebP image", "image/webp", _riff(b"WEBP")),
    ".avif": MediaType("AVIF image", "image/avif", _ftyp(b"avif", b"avis")),
    ".ico": MediaType("icon", "image/x-icon", _starts(b"\x00\x00\x01\x00")),
    ".mp4": _MP4,
    ".m4v": _MP4,
    ".webm": MediaType("WebM video", "video/webm", _starts(b"\x1a\x45\xdf\xa3")),
    ".ogv": _OGG,
    ".ogg": _OGG,
    ".oga": _OGG,
    ".opus": _OGG,
    ".mp3": MediaType("MP3 audio", "audio/mpeg", _mp3),
    ".m4a": MediaType("M4A audio", "audio/mp4", _ftyp()),
    ".wav": MediaType("WAV audio", "audio/wav", _riff(b"WAVE")),
    ".flac": MediaType("FLAC audio", "audio/flac", _starts(b"fLaC")),
    ".vtt": MediaType("WebVTT captions", "text/vtt", _vtt),
    ".pdf": MediaType("PDF document", "application/pdf", _starts(b"%PDF-")),
    ".txt": _TEXT,
    ".csv": MediaType("CSV table", "text/csv", _text),
}

#: Media the workbook may embed (WeasyPrint draws these; it never gets audio or video).
WORKBOOK_MEDIA = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"})

#: Names a PDF uses for actions that run or open something (script, launching a program, sending
#: a form, embedded files). A handout has none of them.
_PDF_ACTIONS = re.compile(
    rb"/(?:JavaScript|JS|Launch|SubmitForm|ImportData|EmbeddedFile|RichMedia)\b"
)

_HANDOUT = "Ship a printable handout as PDF, or write the page as a course page (course/pages/)"
#: Types refused with their own reason and hint.
REFUSED: dict[tuple[str, ...], tuple[str, str]] = {
    (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht"): (
        "HTML files under {docs}/ are not published: a page the generator did not write would "
        "run its script at the course's address",
        _HANDOUT,
    ),
    (".md", ".markdown", ".mdown", ".mkd"): (
        "hand-written Markdown pages under {docs}/ are not published: they would skip the "
        "course's checks and the sanitiser",
        "Write the page as a course page (course/pages/NAME.yml) and list it in course.yml",
    ),
    (".svg", ".svgz"): (
        "SVG files under {docs}/ are not published: an SVG opened on its own runs its script at "
        "the course's address",
        "Export the drawing as PNG or WebP",
    ),
    (".js", ".mjs", ".cjs", ".jsx", ".ts", ".wasm"): (
        "script files under {docs}/ are not published: the course runs only the generator's "
        "own script",
        "Remove the file",
    ),
    (".css",): (
        "style sheets under {docs}/ are not published: they would restyle every page",
        "Remove the file; the theme is set in mkdocs.yml",
    ),
    (".xml", ".xsl", ".xslt", ".rss", ".atom", ".xht"): (
        "XML files under {docs}/ are not published: a browser can run script from XML",
        "Ship the content as PDF or plain text (.txt, .csv)",
    ),
}


def _refusal(suffix: str) -> tuple[str, str] | None:
    for suffixes, why in REFUSED.items():
        if suffix in suffixes:
            return why
    return None


def _looks_like(head: bytes) -> str:
    """What the first bytes of a file look like, for a message."""
    for media in MEDIA.values():
        if media.sniff(head) and media is not _TEXT and media.name != "CSV table":
            return f"a {media.name}" if media.name[0] not in "AEIOU" else f"an {media.name}"
    low = head[:1024].lower()
    if b"<svg" in low:
        return "an SVG image"
    if b"<html" in low or b"<!doctype html" in low or b"<script" in low:
        return "an HTML page"
    if low.lstrip().startswith(b"<?xml"):
        return "an XML file"
    return "another kind of file"


@dataclass
class Publication:
    """What a build may publish from ``docs_dir``."""

    root: Path
    """The project root, resolved."""
    docs_dir: Path | None
    """``docs_dir`` resolved (None when it lies outside the project or is not a folder)."""
    docs_rel: str = DEFAULT_DOCS_DIR
    """``docs_dir`` as written, relative to the project (for messages)."""
    files: dict[str, Path] = field(default_factory=dict)
    """Docs-relative POSIX path -> the file to read (links resolved, inside the project)."""

    def media_type(self, rel: str) -> MediaType:
        """The media type of an approved file."""
        return MEDIA[PurePosixPath(rel).suffix.lower()]


def _loose_load(text: str) -> Any:
    """mkdocs.yml as plain data, every tag read as nothing (never constructs Python objects)."""

    class _Loose(yaml.SafeLoader):
        pass

    _Loose.add_multi_constructor("", lambda loader, suffix, node: None)
    _Loose.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(text, Loader=_Loose)


def docs_dir_of(root: Path, config_file: str = "mkdocs.yml") -> str:
    """``docs_dir`` as `mkdocs.yml` gives it (MkDocs' default `docs` when it says nothing)."""
    path = root / config_file
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return DEFAULT_DOCS_DIR
    return _docs_dir_cached(str(path), stamp)


@functools.lru_cache(maxsize=64)
def _docs_dir_cached(path: str, stamp: int) -> str:
    try:
        data = _loose_load(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return DEFAULT_DOCS_DIR
    value = data.get("docs_dir") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else DEFAULT_DOCS_DIR


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(folder: Path, rel: str) -> Iterator[tuple[str, Path, os.DirEntry[str]]]:
    """Every entry under ``folder`` (names starting with a dot skipped), links not yet
    followed: (docs-relative path, path, the directory entry)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # MkDocs never publishes dot-files, and the plugin drops them anyway
        name = f"{rel}/{entry.name}" if rel else entry.name
        yield name, Path(entry.path), entry


def _check_file(
    pub: Publication,
    rel: str,
    path: Path,
    report: Report,
    shown: str,
    st: os.stat_result | None = None,
) -> None:
    """Approve one regular file under docs_dir, or report why it is refused."""
    try:
        st = st or path.stat()
    except OSError as exc:
        report.error(shown, 0, "file", f"the file cannot be read ({exc.strerror or exc})", "")
        return
    refusal = _verdict(str(path), PurePosixPath(rel).suffix.lower(), st.st_mtime_ns, st.st_size)
    if refusal is None:
        pub.files[rel] = path
    else:
        why, hint = refusal
        report.error(shown, 0, "file", why.format(docs=pub.docs_rel.rstrip("/")), hint)


@functools.lru_cache(maxsize=65536)
def _verdict(path: str, suffix: str, mtime_ns: int, size: int) -> tuple[str, str] | None:
    """Why a file is refused (``{docs}`` stands for docs_dir), or None; kept per file version,
    so `course serve` reads a media file again only when it changed."""
    refused = _refusal(suffix)
    if refused is not None:
        return refused
    media = MEDIA.get(suffix)
    if media is None:
        listed = ", ".join(sorted({k.lstrip(".") for k in MEDIA}))
        return (
            f"files of type '{suffix or '(none)'}' under {{docs}}/ are not published; only media "
            "files are",
            f"Publish images, audio, video, captions, PDF or plain text ({listed}); {_HANDOUT}",
        )
    try:
        with open(path, "rb") as f:
            head = f.read(65536 if media.mime.startswith("text/") else 4096)
            data = head + f.read() if suffix == ".pdf" else head
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})", ""
    if not media.sniff(head):
        return (
            f"the file is named like a {media.name} but its content is {_looks_like(head)}, so "
            "it is not published",
            f"Save it as a real {media.name}, or give it the name of what it is",
        )
    if suffix == ".pdf" and _PDF_ACTIONS.search(data):
        return (
            "the PDF contains script, an embedded file or an action that opens or sends "
            "something, so it is not published",
            "Export the handout again as a plain PDF (e.g. 'Print to PDF')",
        )
    return None


def check_publication(root: Path, report: Report, config_file: str = "mkdocs.yml") -> Publication:
    """Check `mkdocs.yml` and every file under ``docs_dir``; report each refusal in ``report``."""
    root = root.resolve()
    check_config(root, config_file, report)
    return _collect(root, docs_dir_of(root, config_file), report, config_file)


def publication(
    root: Path, docs_dir: str | Path | None = None, config_file: str = "mkdocs.yml"
) -> Publication:
    """What may be published from ``docs_dir`` (default: the one `mkdocs.yml` names).

    Problems are not reported here (:func:`check_publication` does that, and every build runs it
    first); a refused file is simply not in :attr:`Publication.files`.
    """
    root = root.resolve()
    if docs_dir is None:
        rel = docs_dir_of(root, config_file)
    else:
        rel = _display(root, Path(os.path.normpath(root / docs_dir)))
    return _collect(root, rel, Report(), config_file)


def _collect(root: Path, docs_rel: str, report: Report, config_file: str) -> Publication:
    docs = Path(os.path.normpath(root / docs_rel))
    real = docs.resolve()
    pub = Publication(root, None, docs_rel)
    if not _inside(real, root):
        report.error(
            config_file,
            _config_line(root / config_file, "docs_dir"),
            "docs_dir",
            f"'{docs_rel}' is outside the project, so nothing in it is published",
            "Keep docs_dir inside the project folder (e.g. 'docs_dir: docs')",
        )
        return pub
    if not real.is_dir():
        return pub
    pub.docs_dir = real
    seen: set[Path] = {real}
    stack = [(real, "")]
    while stack:
        folder, prefix = stack.pop()
        for rel, path, entry in _walk(folder, prefix):
            shown = f"{docs_rel.rstrip('/')}/{rel}"
            link = entry.is_symlink()
            if not link:  # the common case, answered from the directory listing
                if entry.is_dir(follow_symlinks=False):
                    stack.append((path, rel))
                elif entry.is_file(follow_symlinks=False):
                    _check_file(pub, rel, path, report, shown, entry.stat(follow_symlinks=False))
                continue
            # A folder walked is already resolved: only a link needs resolving.
            target = path.resolve() if link else path
            if link and not _inside(target, root):
                report.error(
                    shown,
                    0,
                    "file",
                    "the file is a link to a file outside the project, so it is not read or "
                    "published",
                    "Copy the file into the project instead of linking to it",
                )
                continue
            if link and not target.exists():
                report.error(shown, 0, "file", "the link leads to no file", "Remove the link")
                continue
            if target.is_dir():
                if target not in seen:  # a link to a folder already walked is not walked twice
                    seen.add(target)
                    stack.append((target, rel))
                continue
            if target.is_file():
                _check_file(pub, rel, target, report, shown)
    return pub


# ---------------------------------------------------------------------------------- mkdocs.yml

#: Tags MkDocs' own loader adds (safe: an environment variable, a folder path).
_SAFE_TAGS = frozenset({"!ENV", "!relative"})
#: `!!python/name:` values that are data for Markdown extensions (Material's emoji, superfences'
#: plain code fence), not code a course could choose.
SAFE_PYTHON_NAMES = frozenset(
    {
        "material.extensions.emoji.twemoji",
        "material.extensions.emoji.to_svg",
        "pymdownx.superfences.fence_code_format",
        "pymdownx.superfences.fence_div_format",
        "pymdownx.emoji.twemoji",
        "pymdownx.emoji.emojione",
        "pymdownx.emoji.gemoji",
        "pymdownx.emoji.to_svg",
        "pymdownx.emoji.to_png",
        "pymdownx.slugs.uslugify",
        "pymdownx.slugs.slugify",
    }
)

#: Plugins a course may list (their own names and Material's `material/` spelling).
ALLOWED_PLUGINS = frozenset(
    {"course", "search", "offline", "tags", "material/search", "material/offline", "material/tags"}
)

#: Markdown extensions a course may list: they change how Markdown becomes HTML, and the
#: sanitiser still sees the result. Not listed, for example: `pymdownx.snippets` and
#: `pymdownx.b64`, which read files (anywhere on the build machine) into pages.
ALLOWED_EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "meta",
        "sane_lists",
        "smarty",
        "fenced_code",
        "codehilite",
        "nl2br",
        "legacy_attrs",
        "legacy_em",
        "wikilinks",
        *(
            f"pymdownx.{name}"
            for name in (
                "arithmatex",
                "betterem",
                "caret",
                "critic",
                "details",
                "emoji",
                "escapeall",
                "highlight",
                "inlinehilite",
                "keys",
                "magiclink",
                "mark",
                "progressbar",
                "saneheaders",
                "smartsymbols",
                "striphtml",
                "superfences",
                "tabbed",
                "tasklist",
                "tilde",
                "blocks.admonition",
                "blocks.details",
                "blocks.tab",
                "blocks.caption",
                "blocks.definition",
            )
        ),
        "material.extensions.emoji",
    }
)

#: `extra_css` / `extra_javascript` entries the generator itself adds (the runtime, KaTeX).
GENERATOR_ASSETS = ("assets/course/", "assets/vendor/")

#: Top-level keys refused outright: (message, hint).
_REFUSED_KEYS: dict[str, tuple[str, str]] = {
    "hooks": (
        "build hooks run Python files from the repository on the build machine",
        "Remove 'hooks'; the generator accepts none",
    ),
    "extra_templates": (
        "extra templates are rendered from files the generator does not check",
        "Remove 'extra_templates'",
    ),
}
_REFUSED_EXTRA: dict[str, tuple[str, str]] = {
    "analytics": (
        "analytics send every learner's visits to another site",
        "Remove 'extra.analytics'; the course makes no request to another site",
    ),
    "polyfills": (
        "polyfills are scripts the generator does not check",
        "Remove 'extra.polyfills'",
    ),
}
_LINK_OK = re.compile(r"^(?:https?://|mailto:|\.{0,2}/|#|[^:]*$)", re.IGNORECASE)


def _safe_url(value: str) -> bool:
    """An address a link may have: http(s), mailto, or relative, with no backslash or control
    character (browsers read `/\\host` as `//host`)."""
    return bool(_LINK_OK.match(value.strip())) and not re.search(r"[\\\x00-\x20]", value.strip())


def _config_line(path: Path, key: str) -> int:
    try:
        node = yaml.compose(path.read_text("utf-8"), Loader=_Composer)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 0
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return int(k.start_mark.line) + 1
    return 0


class _Composer(yaml.SafeLoader):
    """Composes any tag (composing never constructs, so no tag can run code here)."""


def _items(node: Any) -> list[tuple[str, Any, Any]]:
    """(key, key node, value node) of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def _scalar(node: Any) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _names(node: Any) -> list[tuple[str, Any]]:
    """Plugin or extension entries: a list of names or one-key mappings (or a mapping)."""
    out: list[tuple[str, Any]] = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                out.append((str(item.value), item))
            else:
                out.extend((k, kn) for k, kn, _ in _items(item))
    else:
        out.extend((k, kn) for k, kn, _ in _items(node))
    return out


def check_config(
    root: Path,
    config_file: str,
    report: Report,
    _seen: set[Path] | None = None,
    reading_only: bool = False,
) -> None:
    """Refuse what `mkdocs.yml` must not do (see the module docstring); nothing is executed.

    ``reading_only``: only what would act while MkDocs *reads* the file (a code-running tag, an
    `INHERIT` outside the project), for a configuration the generator wrote itself (`course
    export` names its own theme folder).
    """
    root = root.resolve()
    path = root / config_file
    seen = _seen if _seen is not None else set()
    if not path.exists() or path.resolve() in seen:
        return
    shown = _display(root, path)
    if not _inside(path.resolve(), root):
        report.error(
            shown,
            0,
            "mkdocs.yml",
            "the file is a link to a file outside the project, so it is not read",
            "Copy the file into the project instead of linking to it",
        )
        return
    seen.add(path.resolve())
    try:
        doc = yaml.compose(path.read_text("utf-8"), Loader=_Composer)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # MkDocs reports a broken file itself, and cannot run anything from it
    if doc is None:
        return

    def err(node: Any, subject: str, message: str, hint: str) -> None:
        report.error(shown, int(node.start_mark.line) + 1, subject, message, hint)

    _check_tags(doc, err)
    for key, knode, value in _items(doc):
        if reading_only and key != "INHERIT":
            continue
        if key in _REFUSED_KEYS:
            err(knode, key, *_REFUSED_KEYS[key])
        elif key == "INHERIT":
            parent = _scalar(value) or ""
            target = Path(os.path.normpath(path.parent / parent))
            if not _inside(target.resolve(), root):
                err(
                    value,
                    "INHERIT",
                    f"'{parent}' is outside the project, so it is not read",
                    "Copy the settings into this file",
                )
            else:
                check_config(root, _display(root, target), report, seen, reading_only)
        elif key == "site_dir":
            where = _scalar(value) or ""
            if where and not _inside(Path(os.path.normpath(path.parent / where)).resolve(), root):
                err(
                    value,
                    "site_dir",
                    f"'{where}' is outside the project, and a build replaces that folder",
                    "Keep site_dir inside the project (e.g. 'site_dir: site'), or pass "
                    "'course build -d DIR'",
                )
        elif key == "theme":
            _check_theme(value, err)
        elif key == "plugins":
            for name, node in _names(value):
                if name not in ALLOWED_PLUGINS:
                    err(
                        node,
                        "plugins",
                        f"the plugin '{name}' is not one a course may use",
                        f"Use only {', '.join(sorted(ALLOWED_PLUGINS))}",
                    )
            _check_course_folders(value, path.parent, root, err)
        elif key == "markdown_extensions":
            for name, node in _names(value):
                plain = name.removeprefix("markdown.extensions.")
                if plain not in ALLOWED_EXTENSIONS:
                    err(
                        node,
                        "markdown_extensions",
                        f"the Markdown extension '{name}' is not one a course may use",
                        "Remove it (docs/security.md lists the extensions a course may use)",
                    )
        elif key in ("extra_javascript", "extra_css"):
            entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for item in entries:
                text = _scalar(item) or _scalar({k: v for k, _, v in _items(item)}.get("path"))
                if not text or not text.startswith(GENERATOR_ASSETS):
                    err(
                        item,
                        key,
                        f"'{text or '…'}' is not one of the generator's own files, and the course "
                        "runs and styles itself only with those",
                        f"Remove it from '{key}'",
                    )
        elif key == "extra":
            _check_extra(value, err)
        elif key in ("repo_url", "edit_uri", "site_url", "remote_url"):
            text = _scalar(value)
            if text and value.tag == "tag:yaml.org,2002:str" and not _safe_url(text):
                err(value, key, f"'{text}' is not an http(s) address", "Write an https:// address")
        elif key == "copyright":
            _check_copyright(value, err)
        elif key == "nav":
            _check_nav(value, err)


def _check_course_folders(
    plugins: Any, base: Path, root: Path, err: Callable[[Any, str, str, str], None]
) -> None:
    """The course plugin's `course_dir` and `quizzes_dir` must be inside the project (the loader
    reads every YAML file under them)."""
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:
        for name, _, options in _items(entry):
            if name != "course":
                continue
            for key, _, value in _items(options):
                where = _scalar(value)
                if key in ("course_dir", "quizzes_dir") and where is not None:
                    if not _inside(Path(os.path.normpath(base / where)).resolve(), root):
                        err(
                            value,
                            f"plugins.course.{key}",
                            f"'{where}' is outside the project, so it is not read",
                            "Keep the course's folders inside the project",
                        )


def _check_tags(node: Any, err: Callable[[Any, str, str, str], None]) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        tag = str(n.tag or "")
        if tag.startswith("tag:yaml.org,2002:python/"):
            kind, _, name = tag.removeprefix("tag:yaml.org,2002:").partition(":")
            if not (kind == "python/name" and name in SAFE_PYTHON_NAMES):
                err(
                    n,
                    "mkdocs.yml",
                    f"the tag '!!{kind}:{name}' would run Python code when MkDocs reads the file",
                    "Remove it; only !ENV, !relative and the emoji and fence functions listed in "
                    "docs/security.md are accepted",
                )
        elif not tag.startswith("tag:yaml.org,2002:") and tag not in _SAFE_TAGS:
            err(n, "mkdocs.yml", f"the tag '{tag}' is not one MkDocs reads safely", "Remove it")
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack += [k, v]
        elif isinstance(n, yaml.SequenceNode):
            stack += list(n.value)


def _check_theme(node: Any, err: Callable[[Any, str, str, str], None]) -> None:
    name = _scalar(node)
    if name is not None:
        if name != "material":
            err(
                node,
                "theme",
                f"the theme '{name}' is not Material",
                "Use 'theme: {name: material}'",
            )
        return
    for key, knode, value in _items(node):
        if key == "name" and _scalar(value) != "material":
            err(
                value,
                "theme.name",
                f"the theme '{_scalar(value)}' is not Material",
                "Use 'name: material'",
            )
        elif key == "custom_dir":
            err(
                knode,
                "theme.custom_dir",
                "a custom theme folder adds templates and files the generator does not check",
                "Remove 'custom_dir'; logo and favicon take an image under docs_dir",
            )
        elif key == "font" and _scalar(value) not in ("false", "False", "FALSE"):
            err(
                value,
                "theme.font",
                "web fonts are loaded from Google, another site, by every learner's browser",
                "Write 'font: false'",
            )
        elif key in ("logo", "favicon"):
            text = _scalar(value) or ""
            if re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", text, re.IGNORECASE) or "\\" in text:
                err(
                    value,
                    f"theme.{key}",
                    f"'{text}' is not a file of the course",
                    "Put the image under docs_dir and name it relative to it",
                )


def _check_extra(node: Any, err: Callable[[Any, str, str, str], None]) -> None:
    for key, knode, value in _items(node):
        if key in _REFUSED_EXTRA:
            err(knode, f"extra.{key}", *_REFUSED_EXTRA[key])
        elif key == "homepage":
            text = _scalar(value) or ""
            if not _safe_url(text):
                err(
                    value,
                    "extra.homepage",
                    f"'{text}' is not an http(s) or relative address",
                    "Write an https:// address",
                )
        elif key in ("social", "alternate") and isinstance(value, yaml.SequenceNode):
            for entry in value.value:
                for k, _, v in _items(entry):
                    text = _scalar(v) or ""
                    if k == "link" and not _safe_url(text):
                        err(
                            v,
                            f"extra.{key}",
                            f"'{text}' is not an http(s) or relative address",
                            "Write an https:// address",
                        )


def _check_copyright(node: Any, err: Callable[[Any, str, str, str], None]) -> None:
    from .sanitize import removed_markup

    text = _scalar(node) or ""
    removed = removed_markup(text) if "<" in text else []
    if removed:
        err(
            node,
            "copyright",
            f"the text contains {', '.join(removed[:4])}, which the footer of every page must "
            "not carry",
            "Write plain text, or simple markup such as a link",
        )


def _check_nav(node: Any, err: Callable[[Any, str, str, str], None]) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.SequenceNode):
            stack += list(n.value)
        elif isinstance(n, yaml.MappingNode):
            for title, knode, value in _items(n):
                if re.search(r"[<>]", title):
                    err(knode, "nav", f"the title '{title}' contains markup", "Write plain text")
                stack.append(value)
        elif isinstance(n, yaml.ScalarNode):
            text = str(n.value)
            if not _safe_url(text):
                err(
                    n,
                    "nav",
                    f"'{text}' is not a page, an http(s) or a relative address",
                    "Link to a page of the course or an https:// address",
                )


# ------------------------------------------------------------------------------------ workbook


class RefusedURL(ValueError):
    """The workbook asked for something outside the project's published files."""


def resolve_published(
    pub: Publication, url: str, allowed: frozenset[str] | None = None
) -> Path | None:
    """The approved file a ``file:`` URL names (None when it is none of them)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or pub.docs_dir is None:
        return None
    target = Path(os.path.normpath(unquote(parts.path)))
    for rel, real in pub.files.items():
        if allowed is not None and PurePosixPath(rel).suffix.lower() not in allowed:
            continue
        if target == pub.docs_dir / rel or target == real:
            return real
    return None


_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)


#: Types of the generator's own files the workbook may read (KaTeX's style sheet and fonts).
_GENERATOR_TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
}


def _generator_file(url: str, roots: tuple[Path, ...]) -> tuple[bytes, str] | None:
    """A file of the generator itself (under one of ``roots``, links followed) that a ``file:``
    URL names, with its type; None for anything else."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        real = Path(unquote(parts.path)).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    mime = _GENERATOR_TYPES.get(real.suffix.lower())
    if mime is None or not real.is_file():
        return None
    if not any(real.is_relative_to(root.resolve()) for root in roots):
        return None
    return real.read_bytes(), mime


def workbook_fetcher(
    pub: Publication, generator_roots: tuple[Path, ...] = ()
) -> tuple[str | None, Any]:
    """``(base_url, url_fetcher)`` for WeasyPrint: only the course's own approved images and PDF
    handouts under docs_dir are read (relative URLs resolve against docs_dir), `data:` images,
    and the generator's own style sheets and fonts under ``generator_roots`` (KaTeX's, for
    typeset maths); every other URL and scheme (http, https, other files, `@import`,
    attachments) is refused, so nothing outside the project ever reaches the PDF.
    ``fetcher.refused`` lists what was refused."""
    import weasyprint.urls as wurls

    refused: list[str] = []
    base_url = pub.docs_dir.as_uri() + "/" if pub.docs_dir is not None else None

    def read(url: str) -> tuple[bytes, str]:
        own = _generator_file(url, generator_roots) if generator_roots else None
        if own is not None:
            return own
        if _DATA_IMAGE.match(url):
            from urllib.request import urlopen

            with urlopen(url) as response:  # noqa: S310 - data: only (matched above)
                return response.read(), response.headers.get_content_type()
        real = resolve_published(pub, url, WORKBOOK_MEDIA)
        if real is None:
            refused.append(url)
            raise RefusedURL(f"the workbook reads only the course's own files, not {url[:200]}")
        return real.read_bytes(), MEDIA[real.suffix.lower()].mime

    base_class = getattr(wurls, "URLFetcher", None)
    if base_class is not None:  # WeasyPrint 68 and later: a fetcher object

        class ProjectFetcher(base_class):  # type: ignore[misc, valid-type]
            def fetch(self, url: str, headers: Any = None) -> Any:
                data, mime = read(url)
                return wurls.URLFetcherResponse(url, data, {"Content-Type": mime})

        fetcher: Any = ProjectFetcher(allowed_protocols=("file", "data"), allow_redirects=False)
    else:  # earlier WeasyPrint: a function returning a dict

        def fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
            data, mime = read(url)
            return {"string": data, "mime_type": mime, "redirected_url": url}

    setattr(fetcher, "refused", refused)  # noqa: B010 - the same attribute on both kinds
    return base_url, fetcher
