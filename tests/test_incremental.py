"""`course serve` rebuilds only changed pages, and the served folder equals a clean full build, byte
for byte.

The test drives the course plugin the way `mkdocs serve` does (startup, a first full build, then
the live-reload server's builder after each save), without a browser or a socket. After every
edit of a random sequence (prose, a line added above everything, a question's text, a title, a
new question, a broken then fixed file, a renamed lesson, a key term, a link) the served folder is
compared with a clean full build of the same sources, file by file. Only the build date in the
sitemap is normalised. The incremental path must also actually be taken, or the test would
prove nothing.
"""

from __future__ import annotations

import gzip
import logging
import os
import random
import re
from pathlib import Path

import pytest
from course_edits import CourseEditor
from support import copy_course

from generator.site.plugin import _LAST_GOOD

SERVE_URL = "http://127.0.0.1:8000/"


def _plugins_option():
    from mkdocs.config.defaults import MkDocsConfig

    return next(opt for name, opt in MkDocsConfig._schema if name == "plugins")


class FakeServer:
    """What the course plugin's `on_serve` uses of MkDocs' live-reload server."""

    def __init__(self, builder):
        self.builder = builder
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


class Session:
    """A `serve` session over ``root`` writing into ``site``: its own plugin instances, as one
    process has."""

    def __init__(self, root: Path, site: Path):
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        self.root, self.site = root, site
        opt = _plugins_option()
        self.cache: dict = {}
        saved = dict(opt.plugin_cache)
        opt.plugin_cache.clear()
        try:

            def get_config():
                c = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
                c.site_url = SERVE_URL  # as `serve` sets it for its first build
                return c

            def builder(config=None):  # called by save(), inside `with self`
                build(config or get_config(), serve_url=SERVE_URL)

            self.full_builds = 0

            def counting_builder(config=None):
                self.full_builds += 1
                builder(config)

            config = get_config()
            config.plugins.on_startup(command="serve", dirty=False)
            build(config, serve_url=SERVE_URL)
            self.server = config.plugins.on_serve(
                FakeServer(counting_builder), config=config, builder=counting_builder
            )
            self.plugin = config.plugins["course"]
        finally:
            self.cache.update(opt.plugin_cache)
            opt.plugin_cache.clear()
            opt.plugin_cache.update(saved)

    def __enter__(self):
        opt = _plugins_option()
        self._saved = dict(opt.plugin_cache)
        opt.plugin_cache.clear()
        opt.plugin_cache.update(self.cache)

    def __exit__(self, *exc):
        opt = _plugins_option()
        self.cache = dict(opt.plugin_cache)
        opt.plugin_cache.clear()
        opt.plugin_cache.update(self._saved)

    def save(self) -> None:
        """What the live-reload server does after a change."""
        with self:
            self.server.builder()


def _files(site: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(site.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            if p.name == "sitemap.xml.gz":
                data = gzip.decompress(data)
            if p.name.startswith("sitemap.xml"):
                data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", data)
            out[p.relative_to(site).as_posix()] = data
    return out


def _assert_same(served: Path, clean: Path, what: str) -> None:
    a, b = _files(served), _files(clean)
    assert sorted(a) == sorted(b), f"after {what}: files differ: {sorted(set(a) ^ set(b))[:5]}"
    diff = [k for k in a if a[k] != b[k]]
    assert not diff, f"after {what}: {len(diff)} files differ from a clean build, e.g. {diff[:5]}"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("served"))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return Session(root, root / "site")


@pytest.mark.slow
def test_served_pages_equal_a_clean_build_after_random_edits(session, tmp_path):
    # INCREMENTAL_SEED and INCREMENTAL_STEPS explore other sequences (the suite runs one).
    rng = random.Random(int(os.environ.get("INCREMENTAL_SEED", "7")))
    editor = CourseEditor(session.root, rng)
    clean = tmp_path / "clean"
    last_good = _files(session.site)
    steps = (
        [editor.body] * 4
        + [editor.shift] * 2
        + [editor.question_text] * 2
        + [editor.title, editor.add_question, editor.key_term, editor.break_or_fix, editor.rename]
    )
    incremental = 0
    for i in range(int(os.environ.get("INCREMENTAL_STEPS", "12"))):
        what = editor.break_or_fix() if editor.broken else rng.choice(steps)()
        full_before = session.full_builds
        session.save()
        if editor.broken:
            # A bad edit keeps the last good pages.
            assert _files(session.site) == last_good, f"after {what}: the served pages changed"
            continue
        incremental += session.full_builds == full_before
        copy_course(clean, source=session.root)
        _LAST_GOOD.pop(
            str(clean), None
        )  # a clean build of a broken course must fail, not show old pages
        Session(clean, clean / "site")  # a clean build, in a session of its own
        _assert_same(session.site, clean / "site", f"step {i}: {what}")
        last_good = _files(session.site)
    if editor.broken:
        editor.break_or_fix()
        session.save()
    print(f"{incremental} of the good saves rebuilt only the changed pages")
    assert incremental >= 5, "the incremental path was rarely taken: the test proves little"


def test_a_prose_edit_rebuilds_one_page(session):
    lesson = next(
        p
        for p in sorted((session.root / "course" / "lessons").glob("*.yml"))
        if "body: |\n" in p.read_text("utf-8")
    )
    text = lesson.read_text("utf-8")
    i = text.index("body: |\n") + len("body: |\n")
    line_end = text.index("\n", i)
    lesson.write_text(text[:line_end] + " One more sentence." + text[line_end:], "utf-8")
    before = {p: p.stat().st_mtime_ns for p in session.site.rglob("*.html")}
    full = session.full_builds
    session.save()
    assert session.full_builds == full
    written = [p for p in session.site.rglob("*.html") if p.stat().st_mtime_ns != before.get(p)]
    assert len(written) == 1 and "One more sentence." in written[0].read_text("utf-8")
    assert session.plugin.memo[0].parsed == 1


def test_other_inputs_and_errors_take_the_full_build(session):
    """A change under docs_dir or in mkdocs.yml, or an error while rebuilding pages, builds
    everything."""
    docs = session.root / "course" / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    full = session.full_builds
    (docs / "extra.txt").write_text("a hand-written file", "utf-8")
    session.save()
    assert session.full_builds == full + 1
    assert (session.site / "extra.txt").read_text("utf-8") == "a hand-written file"
    cfg = session.root / "mkdocs.yml"
    cfg.write_text(cfg.read_text("utf-8") + "\n# a comment\n", "utf-8")
    session.save()
    assert session.full_builds == full + 2

    lesson = next(
        p
        for p in sorted((session.root / "course" / "lessons").glob("*.yml"))
        if "body: |\n" in p.read_text("utf-8")
    )
    text = lesson.read_text("utf-8")
    i = text.index("body: |\n") + len("body: |\n")
    line_end = text.index("\n", i)
    lesson.write_text(text[:line_end] + " Broken rebuild." + text[line_end:], "utf-8")
    # the plugin calls rebuild_pages through its module
    import generator.site.plugin as plugin_module

    real = plugin_module.rebuild_pages

    def failing(*args):
        raise RuntimeError("a bug in the page-only path")

    plugin_module.rebuild_pages = failing
    try:
        session.save()
    finally:
        plugin_module.rebuild_pages = real
    assert session.full_builds == full + 3
    assert "Broken rebuild." in next(
        p for p in session.site.rglob("index.html") if "Broken rebuild." in p.read_text("utf-8")
    ).read_text("utf-8")
