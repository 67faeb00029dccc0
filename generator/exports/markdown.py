"""`course export`: the rendered pages as plain Markdown plus the runtime assets and a `mkdocs.yml`.

Any engine that reads `mkdocs.yml` (MkDocs without our plugin, ProperDocs, Zensical) can build
the folder. Quiz blocks are already finished HTML in the Markdown.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..core.languages import base_language, text_direction
from ..render.maths import export_assets
from ..render.pages import RenderedSite
from ..site.language import footer_extra_yaml
from ..site.mkdocs_yml import export_config
from ..site.security import write_export_theme


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


def export_markdown(site: RenderedSite, out: Path, own_docs: Path | None = None) -> None:
    """Write ``out/docs/`` (pages and assets, replacing an earlier export) and ``out/mkdocs.yml``.

    ``own_docs`` is the project's docs folder (images, media): copied first, so lessons' links to
    those files work in the export too. The site name is HTML-escaped like the navigation titles
    (in :func:`generator.site.mkdocs_yml.export_config`): Material prints both without escaping.
    """
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    if own_docs is not None and own_docs.is_dir():
        shutil.copytree(own_docs, docs, ignore=shutil.ignore_patterns(".gitkeep"))
    write_tree(site, docs)
    if site.maths:  # no build step typesets formulas for another engine: KaTeX runs in the page
        for rel, src in export_assets().items():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, docs / rel)
    write_export_theme(out / "overrides")
    (out / "mkdocs.yml").write_text(
        export_config(
            site.title,
            site.nav,
            site.maths,
            base_language(site.language),
            text_direction(site.language),
        )
        + footer_extra_yaml(site.strings),
        encoding="utf-8",
    )
