"""Issue 17, defect 7: the output folder. Interrupted builds leave nothing behind, and problems
with the folder itself are plain messages (exit 1), never an internal error."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import run_course
from trustlib import ROOT, copy_shipped_course


def _build(root: Path, *extra: str):
    return run_course("build", "--project", root, *extra, cwd=root)


def test_site_that_is_a_file_is_refused(make_course):
    root = make_course()
    (root / "site").write_text("not a folder", encoding="utf-8")
    proc = _build(root)
    assert proc.returncode == 1
    assert (
        f"error: {root / 'site'} is a file, not a folder, so the site cannot be written there. "
        "Move or delete the file, "
        "or choose another folder with --site-dir. The site was not changed."
    ) in proc.stderr
    assert (root / "site").read_text("utf-8") == "not a folder"


def test_unwritable_output_folder_is_a_plain_message(make_course, monkeypatch, capsys):
    from generator.commands.main import main
    from generator.site import output as site_output

    root = make_course()

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(site_output.tempfile, "mkdtemp", refuse)
    assert main(["build", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert (
        f"error: cannot write the site into {root} (Permission denied). Check that the folder "
        "exists and is writable, "
        "or choose another folder with --site-dir. The site was not changed."
    ) in err
    assert "internal error" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_for_real(make_course, tmp_path):
    root = make_course()
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        proc = _build(root, "-d", str(out / "site"))
    finally:
        out.chmod(0o700)
    assert (
        proc.returncode == 1
        and "internal error" not in proc.stderr
        and "cannot write the site" in proc.stderr
    )


@pytest.mark.process
def test_leftovers_of_killed_builds_are_removed_and_ignored(make_course):
    root = make_course()
    dead = 2**22 + 12345  # above the default pid_max: no process has it
    for name in (f".site-building-{dead}-abc", f".site-old-{dead}"):
        (root / name / "x").mkdir(parents=True)
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []
    for name in (f".site-building-{dead}-abc/", f".site-old-{dead}/"):
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", "--no-index", name],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert ignored.returncode == 0, f"{name} is git-ignored"


@pytest.mark.process
def test_sigterm_during_build_cleans_up(tmp_path):
    root = copy_shipped_course(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--project", str(root)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(True for t in root.glob(".site-building-*") for _ in t.rglob("*.html")):
                seen = True
                proc.send_signal(signal.SIGTERM)
                break
            time.sleep(0.005)
        proc.wait(timeout=60)
    finally:
        proc.kill()
    assert seen, "the build finished before it could be interrupted"
    assert list(root.glob(".site-building-*")) == []
