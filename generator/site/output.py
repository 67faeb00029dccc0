"""Where `course build` writes: a temporary folder beside the site, swapped in when complete.

Leftovers of an interrupted build (`.site-building-<pid>-*`, `.<site>-old-<pid>`) are removed
on SIGINT/SIGTERM while the build runs, and at the next build when their process is gone (a
SIGKILL or a power cut leaves them). Problems with the output folder itself (read-only, a file
where the folder should be) are plain messages, never an internal error.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUILDING_PREFIX = ".site-building-"


class OutputError(Exception):
    """The site cannot be written where asked; the message says why and what to do."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(parent: Path, site_name: str) -> list[Path]:
    """Remove temporary folders left by builds whose process no longer runs; return them."""
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for p in parent.iterdir():
        pid_text = ""
        if p.name.startswith(BUILDING_PREFIX):
            pid_text = p.name[len(BUILDING_PREFIX) :].split("-")[0]
        elif p.name.startswith(f".{site_name}-old-"):
            pid_text = p.name[len(f".{site_name}-old-") :]
        if (
            pid_text.isdigit()
            and int(pid_text) != os.getpid()
            and not _alive(int(pid_text))
            and p.is_dir()
        ):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def check_site_dir(site_dir: Path) -> None:
    """Refuse an output path that is not a folder (a file would otherwise be silently replaced)."""
    if site_dir.exists() and not site_dir.is_dir():
        raise OutputError(
            f"{site_dir} is a file, not a folder, so the site cannot be written "
            "there. "
            "Move or delete the file, or choose another folder with --site-dir"
        )


def make_building_dir(site_dir: Path) -> Path:
    """The temporary folder for a new build, beside ``site_dir``."""
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        return Path(
            tempfile.mkdtemp(prefix=f"{BUILDING_PREFIX}{os.getpid()}-", dir=site_dir.parent)
        )
    except OSError as exc:
        raise OutputError(
            f"cannot write the site into {site_dir.parent} ({exc.strerror or exc}). "
            "Check that the folder exists and is writable, or choose another folder "
            "with --site-dir"
        ) from None


@contextmanager
def cleaned_on_signal(tmp: Path) -> Iterator[None]:
    """Remove ``tmp`` if the build is interrupted (Ctrl-C, SIGTERM, an exception)."""

    def on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread
        previous = None
    try:
        yield
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


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
    try:
        new.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)  # put the previous site back
        raise
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
