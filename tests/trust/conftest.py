"""Fixtures for the trust tests: built sites served over HTTP and Debian's Chromium.

Two sites are built once per session: the shipped course (``ship/``) and a course whose every
text field carries an XSS payload (``xss/``). One ``http.server`` serves both from one folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import serve
from trustlib import build_site, copy_shipped_course, export_with_zensical, write_tree

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def www(tmp_path_factory) -> Path:
    """The served folder: ``ship/`` (the shipped course), ``xss/`` (the XSS course built by
    `course build`) and ``xss-zensical/`` (its `course export` output built by Zensical)."""
    from xss_corpus import course_files

    base = tmp_path_factory.mktemp("trust")
    www = base / "www"
    build_site(copy_shipped_course(base / "ship-src"), www / "ship", strict=True)
    files, _ = course_files()
    build_site(write_tree(base / "xss-src", files), www / "xss")
    export_with_zensical(base / "xss-src", base / "xss-export", www / "xss-zensical")
    return www


@pytest.fixture(scope="session")
def origin(www) -> str:
    """``http://127.0.0.1:PORT`` serving :func:`www`."""
    with serve(www, "/ship/") as url:
        yield url


@pytest.fixture(scope="session")
def ship(www, origin) -> str:
    """Base URL of the shipped course."""
    return origin + "/ship/"


@pytest.fixture(scope="session")
def xss_zensical(www, origin) -> str:
    """Base URL of the XSS course exported and built by a second engine (no plugin; the bodies
    sanitised by `course export`)."""
    return origin + "/xss-zensical/"


@pytest.fixture(scope="session")
def xss(www, origin) -> str:
    """Base URL of the XSS course."""
    return origin + "/xss/"
