"""The sanitiser for lesson and page bodies: nh3 (the Python binding of Rust's ammonia) with
one allow-list, kept here as the single source of truth.

Bodies are trusted Markdown: instructors may write HTML in them. What reaches a learner's page
is still only what this allow-list keeps: tables, figures, details, media, definition lists,
Material's attribute lists (class and id) and admonitions, code, headings and links with safe
schemes. Script, styles, frames, forms, `<meta>` and `<base>` are removed, and so is every
event-handler attribute. `allow_raw_html: true` in the manifest turns the sanitiser off
(`check` warns); the Content Security Policy still forbids inline script either way.

`docs/security.md` shows this allow-list as a table made by :func:`allow_list_markdown`; a test
fails when the document is stale.
"""

from __future__ import annotations

import re
import secrets
from html.parser import HTMLParser
from typing import Any

import nh3

#: Elements a body may contain, grouped for the documentation.
TAG_GROUPS: dict[str, tuple[str, ...]] = {
    "Text": (
        "p",
        "br",
        "hr",
        "span",
        "div",
        "blockquote",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "abbr",
        "cite",
        "q",
        "kbd",
        "samp",
        "var",
        "code",
        "pre",
    ),
    "Headings": ("h1", "h2", "h3", "h4", "h5", "h6"),
    "Lists": ("ul", "ol", "li", "dl", "dt", "dd"),
    "Tables": ("table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"),
    "Figures and media": (
        "figure",
        "figcaption",
        "img",
        "picture",
        "video",
        "audio",
        "source",
        "track",
    ),
    "Disclosure": ("details", "summary"),
    "Links": ("a",),
}

ALLOWED_TAGS: frozenset[str] = frozenset(t for group in TAG_GROUPS.values() for t in group)

#: Attributes every allowed element may carry (Material's attribute lists give class and id).
GLOBAL_ATTRIBUTES: tuple[str, ...] = (
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "hidden",
    "aria-label",
    "aria-hidden",
)

#: Attribute-name prefixes allowed on every element: the runtime's and Material's data attributes
#: (values are read by scripts as text, never as code).
ATTRIBUTE_PREFIXES: tuple[str, ...] = ("data-",)

#: Attributes allowed on particular elements.
TAG_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href", "hreflang"),
    "img": ("src", "alt", "width", "height", "loading", "srcset", "sizes"),
    "picture": (),
    "source": ("src", "srcset", "type", "media", "sizes"),
    "video": (
        "src",
        "poster",
        "controls",
        "width",
        "height",
        "preload",
        "muted",
        "loop",
        "playsinline",
    ),
    "audio": ("src", "controls", "preload", "muted", "loop"),
    "track": ("src", "kind", "srclang", "label", "default"),
    "ol": ("start", "reversed", "type"),
    "li": ("value",),
    "th": ("colspan", "rowspan", "scope", "align", "style"),
    "td": ("colspan", "rowspan", "align", "style"),
    "col": ("span",),
    "colgroup": ("span",),
    "details": ("open",),
    "abbr": (),
    "q": ("cite",),
    "blockquote": ("cite",),
    "del": ("cite", "datetime"),
    "ins": ("cite", "datetime"),
}

#: URL schemes allowed in href and src; relative URLs (other pages, images in the site) stay too.
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

#: Inline style properties kept (Python-Markdown's tables align columns with `style`).
STYLE_PROPERTIES: frozenset[str] = frozenset({"text-align"})

#: Elements removed together with their content (the rest keep their text when removed).
DROP_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "applet",
        "frame",
        "frameset",
        "math",
        "svg",
        "select",
        "textarea",
        "title",
        "xmp",
        "noembed",
        "noframes",
        "plaintext",
    }
)

#: Ids the theme and the runtime look up by id: a body must not take them (a look-up returns
#: the first element with the id, and a body comes before Material's own `__config`).
_RESERVED_ID = re.compile(r"^(?:__|ci-|md-)", re.IGNORECASE)

#: The runtime's and the theme's hooks: course.js, journey.js and scorm.js find their components
#: by `data-ci-*` attributes and `ci-` classes, Material by `data-md-*`, `md-` classes and its
#: clipboard by `data-clipboard-*`. A body carrying them could forge a component (a
#: review link, a stored-answer hash, a question the SCORM scan counts, a consent overlay), so
#: they are removed; only Material's button classes, which authors write for links, stay.
RESERVED_ATTRIBUTE_PREFIXES: tuple[str, ...] = ("data-ci-", "data-md-", "data-clipboard-")
_RESERVED_CLASS = re.compile(r"^(?:ci|md)-", re.IGNORECASE)
ALLOWED_THEME_CLASSES: frozenset[str] = frozenset({"md-button", "md-button--primary"})


#: Attributes that load something as the page opens: only files of the site itself (a relative
#: URL), since no request may leave the site's origin (links, which load only when followed, may).
_LOADING = ("src", "srcset", "poster")
#: Attributes holding a URL (browsers read a backslash in them as a slash: `/\\host` is `//host`).
_URLS = ("href", "src", "srcset", "poster", "cite")
#: Browsers drop tabs and line breaks anywhere in a URL and spaces and controls at its ends.
_URL_NOISE = re.compile(r"[\t\n\r]")
_URL_ENDS = "".join(map(chr, range(0x21)))
_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _url(value: str) -> str:
    """A URL as a browser reads it (noise removed, ends stripped)."""
    return _URL_NOISE.sub("", value).strip(_URL_ENDS)


def _srcset_urls(value: str) -> list[str]:
    """The URL of each image candidate in a `srcset` (each ends at whitespace)."""
    return [part.split()[0] for part in re.split(r",\s+|,(?=\S)", value.strip()) if part.split()]


def _page_attribute_filter(tag: str, attr: str, value: str) -> str | None:
    """The generator's own Markdown around bodies: its hooks stay (see :func:`sanitize_page`)."""
    if attr == "id" and _RESERVED_ID.match(value):
        return None
    if attr in _LOADING and _OUTSIDE.match(_url(value)):
        return None
    return value


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr.lower().startswith(RESERVED_ATTRIBUTE_PREFIXES):
        return None
    if attr == "id" and _RESERVED_ID.match(value):
        return None
    if attr == "class":
        kept = [
            c for c in value.split() if not _RESERVED_CLASS.match(c) or c in ALLOWED_THEME_CLASSES
        ]
        return " ".join(kept) or None
    if attr in _URLS:
        urls = _srcset_urls(value) if attr == "srcset" else [value]
        for url in map(_url, urls):
            if "\\" in url or "%5c" in url.lower():
                return None
            if attr in _LOADING and _OUTSIDE.match(url):
                return None
    return value


def _attributes() -> dict[str, set[str]]:
    attrs = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}
    attrs["*"] = set(GLOBAL_ATTRIBUTES)
    return attrs


def _cleaner(attribute_filter: Any) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes=_attributes(),
        attribute_filter=attribute_filter,
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        strip_comments=True,
        link_rel=None,
    )


_CLEANER = _cleaner(_attribute_filter)
_PAGE_CLEANER = _cleaner(_page_attribute_filter)


def sanitize_html(html: str) -> str:
    """A body's HTML with everything outside the allow-list removed (the runtime's and the
    theme's hooks included)."""
    return _CLEANER.clean(html)


#: The marks around each body in a page's Markdown (`PageContext.body`). Their text is new in every
#: process, so a body cannot write one: what lies between them is the body and nothing else.
_BODY_MARK = secrets.token_hex(12)
BODY_START = f"<!--ci-body:{_BODY_MARK}-->"
BODY_END = f"<!--/ci-body:{_BODY_MARK}-->"


def mark_body(markdown: str) -> str:
    """A body's Markdown between the body marks (each on its own, so Python-Markdown keeps them as
    raw HTML)."""
    return f"\n\n{BODY_START}\n\n{markdown}\n\n{BODY_END}\n\n"


def sanitize_page(html: str) -> str:
    """A converted page stretch (the generator's escaped Markdown with bodies in it): each body
    between its marks through :func:`sanitize_html`, the rest through the same allow-list with
    the generator's own hooks kept. A body whose end mark is lost (say, in an unclosed code
    fence) takes the rest of the stretch with it into the body policy."""
    out: list[str] = []
    rest = html
    while True:
        start = rest.find(BODY_START)
        if start < 0:
            out.append(_PAGE_CLEANER.clean(rest))
            return "".join(out)
        out.append(_PAGE_CLEANER.clean(rest[:start]))
        rest = _after(rest, start + len(BODY_START))
        end = rest.find(BODY_END)
        if end < 0:
            out.append(_CLEANER.clean(rest))
            return "".join(out)
        out.append(_CLEANER.clean(rest[:end]))
        rest = _after(rest, end + len(BODY_END))


def _after(text: str, at: int) -> str:
    """The text after a mark ending at ``at``, without the line breaks Python-Markdown put after
    it (so a page reads exactly as it would without the marks)."""
    for gap in ("\n\n", "\n"):
        if text.startswith(gap, at):
            return text[at + len(gap) :]
    return text[at:]


class _Inventory(HTMLParser):
    """Every element and attribute name in a piece of HTML (with javascript-like URLs marked)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append(f"<{tag}>")
        for name, value in attrs:
            if name == "class" and value:
                # A hook class removed from a list of classes is a removal too.
                self.items += [f"class={c}" for c in value.split() if _RESERVED_CLASS.match(c)]
            if name in ("href", "src") and value and ":" in value.split("/")[0]:
                scheme = re.sub(r"[\x00-\x20]+", "", value).split(":")[0].lower()
                self.items.append(f"{name}={scheme}:")
            else:
                self.items.append(f"{name}=")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.items.append("<!--comment-->")


def _inventory(html: str) -> dict[str, int]:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    counts: dict[str, int] = {}
    for item in parser.items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def removed_markup(html: str) -> list[str]:
    """What :func:`sanitize_html` removes from ``html``, as short names (`<script>`, `onclick=`)."""
    before, after = _inventory(html), _inventory(sanitize_html(html))
    # Comments are dropped silently: they are never shown to learners anyway.
    return [
        name for name, n in before.items() if n > after.get(name, 0) and name != "<!--comment-->"
    ]


def allow_list_markdown() -> str:
    """The allow-list as the Markdown table in docs/security.md."""
    rows = ["| What | Elements | Attributes |", "|---|---|---|"]
    for group, tags in TAG_GROUPS.items():
        attrs = sorted({f"`{a}` ({t})" for t in tags for a in TAG_ATTRIBUTES.get(t, ())})
        rows.append(
            f"| {group} | {', '.join(f'`{t}`' for t in tags)} | {', '.join(attrs) or '—'} |"
        )
    rows.append(
        f"| Every element | | {', '.join(f'`{a}`' for a in GLOBAL_ATTRIBUTES)}, `data-*` except "
        f"{', '.join(f'`{p}*`' for p in RESERVED_ATTRIBUTE_PREFIXES)}; ids starting `__`, `ci-` "
        "or `md-` and classes starting `ci-` or `md-` are removed (except "
        f"{', '.join(f'`{c}`' for c in sorted(ALLOWED_THEME_CLASSES))}) |"
    )
    rows.append(
        f"| Links | | `href`: schemes {', '.join(f'`{s}:`' for s in sorted(URL_SCHEMES))} and "
        "relative URLs |"
    )
    rows.append(
        f"| Images and media | | {', '.join(f'`{a}`' for a in _LOADING)}: relative URLs only "
        "(files of the site itself; a `srcset` with any other candidate is removed) |"
    )
    rows.append(
        f"| Every URL | | {', '.join(f'`{a}`' for a in _URLS)} with a backslash (`/\\host`, "
        "which browsers read as `//host`) is removed |"
    )
    rows.append(
        f"| Inline style | | only {', '.join(f'`{p}`' for p in sorted(STYLE_PROPERTIES))} (table "
        "alignment) |"
    )
    rows.append(
        f"| Removed with their content | {', '.join(f'`{t}`' for t in sorted(DROP_WITH_CONTENT))} "
        "| |"
    )
    return "\n".join(rows) + "\n"
