"""Media in lesson text (generator/core/media.py) and maths (generator/render/maths.py)."""

from __future__ import annotations

from course_fixture import LESSON_TWO, MANIFEST, check_lines

from generator.core.layout import Project
from generator.site.mkdocs_yml import export_config
from generator.site.pipeline import prepare

PNG = b"\x89PNG\r\n\x1a\n"
#: The first bytes of real files: the publish boundary (generator/core/publish.py) refuses a
#: media file whose content is not what its name says.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"


def _with_body(body: str) -> dict[str, str]:
    return {
        "course/lessons/two.yml": LESSON_TWO.replace(
            "    body: More text.\n",
            "    body: |\n" + "".join(f"      {item}\n" for item in body.splitlines()),
        )
    }


def _warnings(root) -> list[str]:
    return [item for item in check_lines(root) if ": info:" not in item]


def test_media_that_is_described_captioned_and_present_passes(make_course):
    root = make_course(
        {
            **_with_body(
                "![A loaf on a rack](images/loaf.png)\n\n"
                '<video controls src="../media/clip.mp4">\n'
                '  <track kind="captions" src="../media/clip.vtt" srclang="en" label="English">\n'
                "</video>\n\n"
                '<audio controls src="../media/talk.mp3"></audio>'
            ),
            "docs/images/loaf.png": PNG,
            "docs/media/clip.mp4": MP4,
            "docs/media/clip.vtt": "WEBVTT",
            "docs/media/talk.mp3": MP3,
        }
    )
    assert _warnings(root) == []


def test_missing_alt_text_captions_and_files_are_warnings(make_course):
    root = make_course(
        {
            **_with_body(
                "![](images/loaf.png) and ![A roll](images/roll.png)\n\n"
                '<video controls src="../media/clip.mp4"></video>\n\n'
                '<img src="images/loaf.png">\n\n'
                '<audio controls src="media/talk.mp3"></audio>'
            ),
            "docs/images/loaf.png": PNG,
            "docs/media/clip.mp4": MP4,
            "docs/media/talk.mp3": MP3,
        }
    )
    where = "course/lessons/two.yml:12: warning: lesson 'two', section 'more': "
    assert (
        _warnings(root)
        == sorted(
            [  # the report sorts problems on one line by their text
                where
                + "the image 'images/loaf.png' has no alt text. Describe it in the brackets, e.g. "
                "![A chef's knife on a board]"
                "(images/knife.jpg); a purely decorative image belongs in the theme, not in the "
                "text.",
                where + "the image 'images/roll.png' is not in docs/. Put the file at "
                "docs/images/roll.png (paths in Markdown are relative to docs/).",
                where
                + "the image 'images/loaf.png' has no alt text. Add alt=\"...\" describing it "
                '(alt="" only for a purely decorative image).',
                where
                + "the audio file 'media/talk.mp3' will not be found from the page's address. In "
                'HTML, write src="../media/talk.mp3" '
                "(a page's address is one folder below the site's root).",
                where + 'the video has no captions track. Add <track kind="captions" '
                'src="../media/clip.vtt" srclang="en" label="English"> inside <video>.',
            ]
        )
    )


def test_outside_media_is_not_looked_for_on_disk(make_course):
    root = make_course(_with_body("![A loaf](https://example.org/loaf.png)"))
    # Not looked for in docs/; the body sanitiser says it drops the outside address (the policy
    # would block it anyway: no request leaves the site).
    warnings = _warnings(root)
    assert not any("is not in docs/" in w for w in warnings)
    assert warnings == [
        "course/lessons/two.yml:12: warning: lesson 'two', section 'more': the sanitiser removes "
        "src=https: from this text. "
        "Remove it, or set 'allow_raw_html: true' in the manifest if every author is trusted "
        "(docs/security.md)."
    ]


def test_maths_assets_only_when_the_course_uses_maths(make_course):
    plain, _ = prepare(Project(make_course()), strict=True)
    assert not plain.maths and not any("katex" in a for a in plain.assets)
    root = make_course({"course/course.yml": MANIFEST + "maths: true\n"})
    site, _ = prepare(Project(root), strict=True)
    assert site.maths
    # The build typesets formulas: the site serves KaTeX's stylesheet and fonts, no maths script.
    assert "assets/katex/katex.min.css" in site.assets
    assert not any(a.endswith(".js") for a in site.assets if a.startswith("assets/katex/"))
    fonts = [a for a in site.assets if a.startswith("assets/katex/fonts/")]
    assert len(fonts) == 20 and all(
        a.endswith(".woff2") and site.assets[a].is_file() for a in fonts
    )
    config = export_config("T", [], with_maths=True)
    assert (
        "  - pymdownx.arithmatex:\n      generic: true\n" in config
        and "  - assets/katex/maths.js\n" in config
    )
    assert "arithmatex" not in export_config("T", [])


def test_the_katex_stylesheet_names_only_shipped_fonts():
    import re

    from generator.render.maths import maths_assets

    assets = maths_assets()
    css = assets["assets/katex/katex.min.css"].read_text()
    named = set(re.findall(r"url\((fonts/[^)]+)\)", css))
    assert named and named == {a.removeprefix("assets/katex/") for a in assets if "/fonts/" in a}


def test_the_vendored_katex_is_the_npm_release():
    """generator/vendor/katex matches npm katex (pinned in package.json): script and fonts
    unchanged,
    the stylesheet with only the .woff/.ttf fallbacks removed (generator/vendor/README.md)."""
    import re
    from pathlib import Path

    from support import ROOT

    dist = ROOT / "node_modules" / "katex" / "dist"
    vendor = ROOT / "generator" / "vendor" / "katex"
    assert (vendor / "katex.min.js").read_bytes() == (dist / "katex.min.js").read_bytes()
    for font in (vendor / "fonts").iterdir():
        assert font.read_bytes() == (dist / "fonts" / font.name).read_bytes()
    assert sorted(f.name for f in (vendor / "fonts").iterdir()) == sorted(
        f.name for f in (dist / "fonts").glob("*.woff2")
    )
    css = re.sub(
        r',url\(fonts/[^)]+\.woff\) format\("woff"\),url\(fonts/[^)]+\.ttf\) format\("truetype"\)',
        "",
        (dist / "katex.min.css").read_text(),
    )
    assert (vendor / "katex.min.css").read_text() == css
    assert Path(vendor / "LICENSE").read_text() == (dist.parent / "LICENSE").read_text()
