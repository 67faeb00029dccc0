"""What every browser test shares: Debian's Chromium and its flags, a local HTTP server, Zensical.

Playwright cannot download its own browser on our machines, so tests launch the system Chromium
(``CHROMIUM`` overrides the path) with flags that keep it from calling home. The root
``conftest.py`` passes these to pytest-playwright; tests that launch a browser themselves use
:func:`launch_options`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_options() -> dict:
    """Keyword arguments for ``playwright.chromium.launch``."""
    return {"executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(directory: Path, ready_path: str = "/", port: int | None = None) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (on ``port``, or a free one); yields
    ``http://127.0.0.1:PORT``.

    Waits until ``ready_path`` answers, and stops the server (by its own handle) afterwards.
    """
    port = port or free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + ready_path, timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def zensical() -> str | None:
    """The Zensical command of the Python running the tests (its scripts folder first), or on
    PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / "zensical", Path(sys.prefix) / "bin" / "zensical"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("zensical")
