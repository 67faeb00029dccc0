"""The offline edition: `course build --offline` builds a site that works from `file://`, and a zip.

Material's ``offline`` plugin does the heavy lifting: it turns off directory URLs (so links
end in ``.html`` and resolve on disk) and writes the search index as a script
(``search/search_index.js``) because ``fetch`` is not allowed on ``file://``. Chromium does not
run Web Workers from ``file://`` either, so Material's search worker needs the tiny
``iframe-worker`` shim; the plugin would load it from a CDN, which breaks the promise that the
course makes no outside request. We ship the shim (npm ``iframe-worker@1.0.4``, MIT) in
``generator/vendor/`` and list our copy under ``extra.polyfills`` before the plugin looks, so it
never adds the CDN URL.

The result is zipped into ``dist/<course>-offline.zip`` with one top-level folder; learners
unzip it and open ``index.html``.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..core.ids import slug

VENDOR = Path(__file__).parent.parent / "vendor"
SHIM_SOURCE = VENDOR / "iframe-worker-shim.js"
#: Where the shim goes in the built site (the name must contain "iframe-worker": Material's
#: offline plugin adds its CDN copy only when no polyfill URL does).
SHIM_PATH = "assets/vendor/iframe-worker/shim.js"
SHIM_LICENSE_PATH = "assets/vendor/iframe-worker/LICENSE.txt"

README = """\
{title} - offline edition

Open index.html in this folder with your web browser (double-click it). Everything, search
and quizzes included, works without an internet connection, and nothing you enter leaves
your computer: quiz answers are kept in this browser's storage for this folder only.

Links to support services and other websites still need a connection.
"""


def _function_source(js: str, name: str) -> str | None:
    """The source text of ``function NAME(...){...}`` in ``js`` (what ``String(fn)`` returns)."""
    start = js.find(f"function {name}(")
    if start < 0:
        return None
    depth, i = 0, js.index("{", start)
    for j in range(i, len(js)):
        depth += {"{": 1, "}": -1}.get(js[j], 0)
        if depth == 0:
            return js[start : j + 1]
    return None


def shim_bootstrap_script(worker_url: str, shim: str | None = None) -> str:
    """The inline script the shim writes into its iframe to start the worker at ``worker_url``.

    The shim builds it from a template literal: ``postMessage=${c};importScripts=${d};...`` where
    ``c`` and ``d`` are functions of the shim (inserted as their source text) and the remaining
    placeholder is the worker URL. Its text is therefore known at build time for each page.
    """
    shim = shim if shim is not None else SHIM_SOURCE.read_text("utf-8")
    m = re.search(r"<script>(postMessage=.*?)<\\/script>", shim)
    if not m or "\\" in m.group(1):
        raise ValueError(
            "iframe-worker shim: bootstrap script template not found (did the "
            "vendored shim change?)"
        )

    def fill(p: re.Match) -> str:
        return _function_source(shim, p.group(1)) or worker_url

    return re.sub(r"\$\{([A-Za-z_$][\w$]*)\}", fill, m.group(1))


_CSP_SCRIPT_SRC = re.compile(
    r'(<meta http-equiv="Content-Security-Policy" '
    r'content="[^"]*?script-src [^;"]*)'
)
_MD_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


def allow_shim_in_csp(html: str) -> str:
    """Add the hash of the shim's iframe bootstrap script to the page's CSP `script-src`.

    The iframe the shim creates is `about:blank`, so it inherits the page's policy; without
    the hash its inline bootstrap is blocked and search stays empty. Pages without a policy
    (or without Material's search config) are returned unchanged.
    """
    csp, cfg = _CSP_SCRIPT_SRC.search(html), _MD_CONFIG.search(html)
    if not csp or not cfg:
        return html
    import base64
    import hashlib
    import json

    url = json.loads(cfg.group(1)).get("search")
    if not url:
        return html
    digest = base64.b64encode(
        hashlib.sha256(shim_bootstrap_script(url).encode("utf-8")).digest()
    ).decode("ascii")
    source = f"'sha256-{digest}'"
    if source in csp.group(1):
        return html
    return html[: csp.end()] + " " + source + html[csp.end() :]


def _vendor_files_plugin() -> Any:
    """A tiny plugin: adds the vendored shim (and its licence) to the build's files, and lets
    each page's Content Security Policy run the shim's bootstrap script."""
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import File, Files

    class VendorFilesPlugin(BasePlugin):
        def on_files(self, files: Files, *, config: Any) -> Files:
            for rel, src in (
                (SHIM_PATH, SHIM_SOURCE),
                (SHIM_LICENSE_PATH, VENDOR / "iframe-worker-LICENSE"),
            ):
                existing = files.get_file_from_path(rel)
                if existing is not None:
                    files.remove(existing)
                files.append(File.generated(config, rel, abs_src_path=str(src)))
            return files

        @event_priority(-100)  # after the course plugin has added the policy
        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            return allow_shim_in_csp(output)

    return VendorFilesPlugin()


def configure_offline(cfg: Any) -> None:
    """Turn a loaded MkDocs config into the offline edition's (call before ``build``)."""
    from material.plugins.offline.plugin import OfflinePlugin

    # Set here too, not only by the offline plugin: the course plugin renders its links in its
    # own on_config, which may run before the offline plugin's.
    cfg.use_directory_urls = False
    polyfills = [p for p in (cfg.extra.get("polyfills") or []) if "iframe-worker" not in str(p)]
    cfg.extra["polyfills"] = [*polyfills, SHIM_PATH]
    if not any(name in cfg.plugins for name in ("offline", "material/offline")):
        plugin = OfflinePlugin()
        errors, warnings = plugin.load_config({})
        if errors:  # pragma: no cover - the plugin has one boolean option
            raise RuntimeError(f"offline plugin: {errors}")
        cfg.plugins["material/offline"] = plugin
    cfg.plugins["course/offline-vendor"] = _vendor_files_plugin()


class _Outside(HTMLParser):
    """Collects resources a page would load from another origin (not plain links)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        urls = []
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed"):
            urls.append(a.get("src") or "")
        if tag == "link" and (a.get("rel") or "") not in ("canonical", "alternate"):
            urls.append(a.get("href") or "")
        if tag == "object":
            urls.append(a.get("data") or "")
        self.found += [u for u in urls if re.match(r"^(https?:)?//", u)]


def outside_resources(site_dir: Path) -> list[str]:
    """`page: url` for every script, style sheet, image or frame loaded from another origin."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        p = _Outside()
        p.feed(page.read_text("utf-8", errors="replace"))
        problems += [f"{page.relative_to(site_dir).as_posix()}: {u}" for u in p.found]
    for css in sorted(site_dir.rglob("*.css")):
        for u in re.findall(
            r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")\s]+)",
            css.read_text("utf-8", errors="replace"),
        ):
            problems.append(f"{css.relative_to(site_dir).as_posix()}: {u}")
    return problems


def default_zip_path(project: Path, site_name: str) -> Path:
    """`dist/<course>-offline.zip` in the project."""
    return project / "dist" / f"{slug(site_name, 'course')}-offline.zip"


def package_offline(site_dir: Path, zip_path: Path, title: str) -> Path:
    """Zip ``site_dir`` into ``zip_path`` under one folder named like the zip, with a README."""
    folder = zip_path.stem
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_name(f".{zip_path.name}.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(f"{folder}/README.txt", README.format(title=title))
        for f in sorted(site_dir.rglob("*")):
            if f.is_file() and not f.name.endswith(".map"):
                z.write(f, f"{folder}/{f.relative_to(site_dir).as_posix()}")
    tmp.replace(zip_path)
    return zip_path
