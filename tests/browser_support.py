"""What every browser test shares: Debian's Chromium and its flags, a local HTTP server
(:func:`support.serve`), Zensical.

Playwright cannot download its own browser on our machines, so tests launch the system Chromium
(``CHROMIUM`` overrides the path) with flags that keep it from calling home. The root
``conftest.py`` passes these to pytest-playwright; tests that launch a browser themselves use
:func:`launch_options`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from support import serve

__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "launch_options", "serve", "zensical"]

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


def zensical() -> str | None:
    """The Zensical command of the Python running the tests (its scripts folder first), or on
    PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / "zensical", Path(sys.prefix) / "bin" / "zensical"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("zensical")
