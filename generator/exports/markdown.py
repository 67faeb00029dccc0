"""`course export`: the rendered pages as plain Markdown plus the runtime assets and a `mkdocs.yml`.

Any engine that reads `mkdocs.yml` (MkDocs without our plugin, ProperDocs, Zensical) can build
the folder. Quiz blocks are already finished HTML in the Markdown.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..core.languages import base_language, text_direction
from ..core.publish import Publication
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


def export_markdown(site: RenderedSite, out: Path, published: Publication | None = None) -> None:
    """Write ``out/docs/`` (pages and assets, replacing an earlier export) and ``out/mkdocs.yml``.

    ``published`` is what the publish boundary (:mod:`generator.core.publish`) lets out of the
    course's ``docs_dir`` (images, media): copied first, so lessons' links to those files work
    in the export too; nothing else of the project is copied. Pages come rendered for the export
    (bodies that the sanitiser could change are already sanitised HTML: see
    :func:`generator.render.pages.render_course`). The site name is HTML-escaped like the
    navigation titles (in :func:`generator.site.mkdocs_yml.export_config`): Material prints both
    without escaping.
    """
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for rel, src in (published.files if published is not None else {}).items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
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
