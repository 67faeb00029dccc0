"""Images, video and audio in lesson text: alt text, captions, and files that exist.

Media files live in the project's `docs_dir` (`docs/` unless `mkdocs.yml` says otherwise, e.g.
`docs/images/knife.jpg`); the publish boundary (:mod:`.publish`) lets only media types out of
it. Lesson and page bodies are rendered as `docs/<slug>.md`, so a Markdown image is written
relative to `docs/` (`![A chef's knife](images/knife.jpg)`) and MkDocs fixes the path for the
page's address. Raw HTML is not rewritten: a page's address is one folder deep (`/<slug>/`), so
`<video>` and `<audio>` paths start with `../` (`../media/clip.mp4`).

Rules (warnings, so `--strict` stops a build): an image without alt text, a `<video>` without a
captions track, a local media file that does not exist, and an image in quiz text on another
host (the site's policy blocks it, the workbook does not fetch it, GIFT and QTI leave it out).
Parsing uses markdown-it tokens (the same parser as the rest of the checks) and the standard
library's HTML parser for raw HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .rule_context import RuleContext
from .schema import Model

_MD = MarkdownIt("commonmark").enable("table")
_MEDIA_TAGS = {"img", "video", "audio", "source", "track"}


class _Tags(HTMLParser):
    """Collects media tags (name, attributes) from raw HTML, and which videos have caption
    tracks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.videos: list[bool] = []
        self._in_video = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "video":
            self.videos.append(False)
            self._in_video = True
        elif (
            tag == "track"
            and self._in_video
            and a.get("kind", "subtitles") in ("captions", "subtitles")
        ):
            self.videos[-1] = True
        if tag in _MEDIA_TAGS:
            self.tags.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "video":
            self._in_video = False


def _tokens(tokens: Iterable[Token]) -> Iterable[Token]:
    for t in tokens:
        yield t
        if t.children:
            yield from _tokens(t.children)


def image_sources(text: str) -> list[str]:
    """The address of every Markdown image in ``text``, as markdown-it reads it (inline and
    reference-style; not inside code)."""
    if "![" not in text:
        return []
    return [str(t.attrGet("src") or "") for t in _tokens(_MD.parse(text)) if t.type == "image"]


def is_outside(src: str) -> bool:
    """Whether an image address names another host (`https://…`, `//host/…`, `/\\host`), not a
    file of the course or a `data:` image."""
    src = src.strip()
    if src.lower().startswith("data:"):
        return False
    parts = urlsplit(src.replace("\\", "/"))
    return bool(parts.scheme or parts.netloc)


def _local(src: str) -> str | None:
    """The path part of a local reference, or None for outside, data and anchor-only URLs."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def check_media(ctx: RuleContext, fields: Iterable[tuple[Model, tuple, str, str, bool]]) -> None:
    """Warn on images without alt text, videos without captions, and media files that do not
    exist."""
    from .publish import docs_dir_of

    docs_rel = docs_dir_of(ctx.course.project.root).rstrip("/")
    docs = ctx.course.project.root / docs_rel
    for owner, keys, subject, text, is_body in fields:
        if "![" not in text and "<" not in text:
            continue
        html = _Tags()
        for t in _tokens(_MD.parse(text)):
            if t.type == "image":
                src = str(t.attrGet("src") or "")
                if not "".join(c.content for c in t.children or []).strip():
                    ctx.warning(
                        owner,
                        keys,
                        subject,
                        f"the image '{src}' has no alt text",
                        "Describe it in the brackets, e.g. ![A chef's knife on a "
                        "board](images/knife.jpg); "
                        "a purely decorative image belongs in the theme, not in the text",
                    )
                path = _local(src)
                if path is not None and not (docs / path.lstrip("/")).is_file():
                    ctx.warning(
                        owner,
                        keys,
                        subject,
                        f"the image '{src}' is not in {docs_rel}/",
                        f"Put the file at {docs_rel}/{path.lstrip('/')} (paths in Markdown are "
                        f"relative to {docs_rel}/)",
                    )
                elif not is_body and is_outside(src):
                    ctx.warning(
                        owner,
                        keys,
                        subject,
                        f"the image '{src}' is on another host, so the course does not show it "
                        "and GIFT and QTI leave it out",
                        f"Save the image under {docs_rel}/ (e.g. {docs_rel}/images/) and write "
                        "its path, e.g. ![A chef's knife](images/knife.jpg)",
                    )
            elif is_body and t.type in (
                "html_block",
                "html_inline",
            ):  # quiz text shows raw HTML as text
                html.feed(t.content)
        html.close()
        for tag, attrs in html.tags:
            if tag == "img" and not attrs.get("alt", "").strip() and "alt" not in attrs:
                ctx.warning(
                    owner,
                    keys,
                    subject,
                    f"the image '{attrs.get('src', '')}' has no alt text",
                    'Add alt="..." describing it (alt="" only for a purely decorative image)',
                )
            src = attrs.get("src", "")
            path = _local(src) if src else None
            if path is None:
                continue
            if tag == "img":
                found = (docs / path.lstrip("/")).is_file()
                where = path
            else:
                # Raw HTML is not rewritten: from the page's address `<slug>/`, `../x` is docs/x.
                parts = PurePosixPath(path).parts
                where = "/".join(parts[1:]) if parts[:1] == ("..",) else ""
                found = bool(where) and (docs / where).is_file()
                if not found and not where and (docs / path).is_file():
                    ctx.warning(
                        owner,
                        keys,
                        subject,
                        f"the {tag} file '{src}' will not be found from the page's address",
                        f'In HTML, write src="../{path}" (a page\'s address is one folder below '
                        "the site's root)",
                    )
                    continue
                where = where or path
            if not found:
                ctx.warning(
                    owner,
                    keys,
                    subject,
                    f"the {tag} file '{src}' is not in {docs_rel}/",
                    f"Put the file at {docs_rel}/{where.lstrip('/')}",
                )
        for has_captions in html.videos:
            if not has_captions:
                ctx.warning(
                    owner,
                    keys,
                    subject,
                    "the video has no captions track",
                    'Add <track kind="captions" src="../media/clip.vtt" srclang="en" '
                    'label="English"> inside <video>',
                )
