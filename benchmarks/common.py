"""What every benchmark section shares: paths, the environment, timing and process helpers,
number formats and the machine's description."""

from __future__ import annotations

import math
import os
import platform
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
MKDOCS = VENV / "bin" / "mkdocs"
QUIZ_VENV = ROOT / "benchmarks" / ".venv-quiz"
QUIZ_MKDOCS = QUIZ_VENV / "bin" / "mkdocs"
OUT_MD = ROOT / "docs" / "benchmarks.md"
OUT_JSON = ROOT / "benchmarks" / "out" / "results.json"
LIGHTHOUSE = "lighthouse@12.2.3"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
SECTIONS = ("build", "check", "quiz", "weight", "edit", "lighthouse", "incremental", "quality")

COMMANDS: dict[str, str] = {}  # label -> the exact command line (first use)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# =========================================================================== running things


def _partly(met: list, missed: list) -> str:
    """A verdict for a target checked at several sizes."""
    if not missed:
        return "met"
    if not met:
        return "missed"
    return f"met at {', '.join(map(str, met))} lessons; missed at {', '.join(map(str, missed))}"


def cmdline(cmd: list) -> str:
    return " ".join(shlex.quote(str(c)) for c in cmd)


def run_timed(label: str, cmd: list, cwd: Path | None = None) -> dict:
    """Run ``cmd`` under /usr/bin/time -v; wall time (perf_counter) and peak RSS in MiB."""
    COMMANDS.setdefault(label, cmdline(cmd))
    rss_file = Path(tempfile.mktemp(prefix="bench-rss-"))
    full = (
        ["/usr/bin/time", "-v", "-o", str(rss_file)] + [str(c) for c in cmd]
        if Path("/usr/bin/time").exists()
        else [str(c) for c in cmd]
    )
    t0 = time.perf_counter()
    p = subprocess.run(full, cwd=cwd, env=ENV, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    rss = cpu = None
    if rss_file.exists():
        tv = rss_file.read_text()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
        rss = int(m.group(1)) / 1024 if m else None
        cpu = (
            sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", tv))
            or None
        )
        rss_file.unlink()
    if p.returncode != 0:
        raise RuntimeError(
            f"{label} failed (exit {p.returncode}): {cmdline(cmd)}\n{p.stderr[-3000:]}"
        )
    return {"s": dt, "rss": rss, "cpu": cpu, "stderr": p.stderr}


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fit_exponent(ns: list[int], ts: list[float]) -> float:
    """Least-squares slope of log(t) against log(n)."""
    xs, ys = [math.log(n) for n in ns], [math.log(t) for t in ts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return (
        sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / den
        if den
        else float("nan")
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:
        return 0, ""


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def version_of(pkg: str, python: Path = PY) -> str:
    p = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({pkg!r}))"],
        capture_output=True,
        text=True,
    )
    return p.stdout.strip() or "?"


def fmt_s(x) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f} s"


def fmt_kb(b) -> str:
    return "–" if b is None else f"{b / 1024:.1f} KB"


def machine() -> dict:
    mem = "?"
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        mem = f"{int(m.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = "?"
    try:
        m = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = m.group(1).strip() if m else platform.processor()
    except OSError:
        pass

    def out(cmd):
        try:
            return (
                subprocess.run(cmd, capture_output=True, text=True, timeout=30)
                .stdout.strip()
                .splitlines()[0]
            )
        except Exception:
            return "?"

    return {
        "nproc": os.cpu_count(),
        "memory": mem,
        "cpu": cpu,
        "os": platform.platform(),
        "python": subprocess.run([str(PY), "-V"], capture_output=True, text=True).stdout.strip(),
        "mkdocs": version_of("mkdocs"),
        "material": version_of("mkdocs-material"),
        "pydantic": version_of("pydantic"),
        "node": out(["node", "--version"]),
        "chromium": out([CHROME, "--version"]),
    }


def failed(R: dict, E: dict, name: str, L: list[str]) -> bool:
    """Whether section ``name`` has no figures to report (failed or skipped); says so in ``L``."""
    if name in E:
        L.extend([f"**This section failed:** `{E[name].splitlines()[0][:300]}`", ""])
        return True
    if name not in R:
        L.extend(["Skipped.", ""])
        return True
    return False
