"""`course export`: the rendered pages as plain Markdown plus the runtime assets and a `mkdocs.yml`.

Any engine that reads `mkdocs.yml` (MkDocs without our plugin, ProperDocs, Zensical) can build
the folder. Quiz blocks are already finished HTML in the Markdown.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from markupsafe import escape

from ..render.pages import RenderedSite
from ..render.strings import base_language, text_direction
from ..site.mkdocs_yml import export_config


def write_tree(site: RenderedSite, docs_dir: Path) -> None:
    """Write the rendered pages and the runtime assets into ``docs_dir``."""
    for rel, text in site.pages.items():
        out = docs_dir / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    for rel, src in site.assets.items():
        out = docs_dir / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out)


def export_markdown(site: RenderedSite, out: Path) -> None:
    """Write ``out/docs/`` (pages and assets, replacing an earlier export) and ``out/mkdocs.yml``.

    The site name is HTML-escaped like the navigation titles: MkDocs and Material print both
    into pages without escaping them.
    """
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    write_tree(site, docs)
    (out / "mkdocs.yml").write_text(export_config(str(escape(site.title)), site.nav, base_language(site.language), text_direction(site.language)), encoding="utf-8")
