"""The one set of test helpers: write a file tree, copy a course, run the `course` command (in this
process, or as a process where the command line itself is under test), build a site, serve a
folder over HTTP.

A build in this process costs about a fifth of one in a new Python process (no interpreter
start-up, no second import of MkDocs, Material and pydantic), so tests run commands here unless
the process is the thing they test: its exit status as the shell sees it, a signal, `python -m`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What a course project is made of (the sources of the shipped course, and of any copy).
COURSE_PARTS = ("course", "quizzes", "mkdocs.yml")

Result = subprocess.CompletedProcess
"""What a run of the command gives: ``returncode``, ``stdout``, ``stderr`` (text)."""


def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> Path:
    """Write ``files`` (path -> text or bytes; None deletes) under ``root``, and an empty
    ``docs/``.

    Text starting with a newline is dedented (for indented triple-quoted literals).
    """
    for rel, content in files.items():
        path = root / rel
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(
                textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8"
            )
    (root / "docs").mkdir(parents=True, exist_ok=True)
    return root


def copy_course(dest: Path, source: Path = ROOT, parts: tuple[str, ...] = COURSE_PARTS) -> Path:
    """The course files of ``source`` (the shipped course by default: course/, quizzes/,
    mkdocs.yml) in ``dest``, replacing what is there; never its site/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in parts:
        src, target = source / name, dest / name
        if target.is_dir():
            shutil.rmtree(target)
        if src.is_dir():
            shutil.copytree(src, target)
        elif src.exists():
            shutil.copy(src, target)
    return dest


@contextlib.contextmanager
def _environment(values: Mapping[str, str | None]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_course(
    *argv: str | Path, cwd: Path | None = None, env: Mapping[str, str | None] | None = None
) -> Result:
    """Run `course ARGV` in this process: its exit code and what it wrote to stdout and stderr.

    MkDocs' log records go to the captured stderr as the command line prints them. ``cwd`` is
    the folder it runs in, ``env`` variables to set (None: unset) while it runs; both are
    restored after.
    """
    from generator.commands.main import main

    args = [str(a) for a in argv]
    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with (
            contextlib.chdir(cwd or os.getcwd()),
            _environment({"NO_MKDOCS_2_WARNING": "1", **(env or {})}),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse: --help, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
    finally:
        root.removeHandler(handler)
    return Result(["course", *args], code, out.getvalue(), err.getvalue())


def run_course_process(
    *argv: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 180,
    module: str = "generator",
) -> Result:
    """`python -m generator ARGV` (or another ``module``, e.g. mkdocs) as its own process, for the
    tests of the command line itself."""
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, argv)],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build(
    project: Path,
    out: Path | None = None,
    *options: str,
    env: Mapping[str, str | None] | None = None,
) -> Path:
    """`course build OPTIONS` of ``project`` into ``out`` (default: its site_dir), in this process;
    fails the test with the command's output unless it succeeds. Returns the site folder."""
    args: list[str | Path] = ["build", "--project", project, *options]
    if out is not None:
        args += ["-d", out]
    result = run_course(*args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out or project / "site"


def export(
    project: Path, out: Path, *options: str, env: Mapping[str, str | None] | None = None
) -> Path:
    """`course export OUT OPTIONS` of ``project``, in this process; fails the test unless it
    succeeds."""
    result = run_course("export", out, "--project", project, *options, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def mkdocs_build(folder: Path, strict: bool = False) -> Path:
    """What plain `mkdocs build` does with ``folder``'s mkdocs.yml (e.g. a `course export`), in
    this process; raises MkDocs' error if the build fails. Returns the site folder."""
    from mkdocs.commands.build import build as mkdocs_run
    from mkdocs.config import load_config

    cfg = load_config(str(folder / "mkdocs.yml"), strict=strict)
    with contextlib.chdir(folder):
        mkdocs_run(cfg)
    return Path(cfg.site_dir)


@contextlib.contextmanager
def serve(directory: Path, ready_path: str = "/", timeout: float = 20) -> Iterator[str]:
    """Serve ``directory`` (created if missing) with ``python -m http.server`` on a port it binds
    itself; yields ``http://127.0.0.1:PORT`` once ``ready_path`` answers.

    The server picks a free port (port 0) and is bound before this returns, so a test may build
    into ``directory`` afterwards with the URL in its configuration. A server that does not
    answer within ``timeout`` seconds fails the test with its output. It is stopped by its own
    handle.
    """
    directory.mkdir(parents=True, exist_ok=True)
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"]
        + ["--directory", str(directory)],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = _wait_for_server(proc, log, ready_path, timeout)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _wait_for_server(
    proc: subprocess.Popen, log: io.TextIOBase, ready_path: str, timeout: float
) -> str:
    """The server's URL once it answers ``ready_path``; fails the test if it does not."""
    deadline = time.monotonic() + timeout
    url = ""
    problem = "it printed no port"
    while time.monotonic() < deadline and proc.poll() is None:
        if not url:
            log.seek(0)
            m = re.search(r"port (\d+)", log.read())
            if m:
                url = f"http://127.0.0.1:{m.group(1)}"
        if url:
            try:
                urllib.request.urlopen(url + ready_path, timeout=2).close()
                return url
            except OSError as exc:
                problem = f"{url + ready_path} does not answer ({exc})"
        time.sleep(0.05)
    if proc.poll() is not None:
        problem = f"it exited with status {proc.returncode}"
    else:
        proc.kill()
        proc.wait()
    log.seek(0)
    pytest.fail(
        f"the test web server for {ready_path!r} did not come up within {timeout:g} s: {problem}."
        f"\nIts output:\n{log.read()}",
        pytrace=False,
    )
