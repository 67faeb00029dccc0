"""Replace a built folder in one step, so a reader (or a kill) never sees half a site."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

#: Prefix of the temporary folder a build writes into, beside the site.
BUILDING_PREFIX = ".site-building-"


def make_building_dir(site_dir: Path) -> Path:
    """A new, empty folder beside ``site_dir`` to build into (same file system, so the swap is a rename)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=BUILDING_PREFIX, dir=site_dir.parent))


def swap_in(new: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new``.

    On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders in one step; elsewhere two
    renames leave, for an instant, no site/ at all, but never a partial one.
    """
    if site_dir.is_dir() and _exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux's renameat2; False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return bool(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0)
