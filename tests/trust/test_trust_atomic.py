"""Atomic output: a build killed while it writes leaves the previous site/ complete and
unchanged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from trustlib import copy_shipped_course


def _snapshot(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


@pytest.mark.process
def test_build_killed_while_writing_leaves_previous_site(tmp_path):
    root = copy_shipped_course(tmp_path / "project")
    site = root / "site"
    (site / "lesson").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>previous</title>", encoding="utf-8")
    (site / "lesson" / "index.html").write_text("<p>previous lesson</p>", encoding="utf-8")
    before = _snapshot(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--project", str(root)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    written = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            temps = list(root.glob(".site-building-*"))
            written = [p for t in temps for p in t.rglob("*.html")]
            if written:  # MkDocs has started writing pages into the temporary folder
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert written, "the build finished before it could be interrupted"
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(site) == before
