"""The browser runtime's own checks, run by the README's test command (issue 21): TypeScript over
the JSDoc types (tsconfig.json, every runtime file), ESLint (eslint.config.mjs) and the unit
tests of the pure parts under Node's test runner (tests/js/). Each fails with the tool's output.
The tools come from package-lock.json (`npm ci`, which `./dev test` runs)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin"
#: The runtime files these checks cover (scorm.js is checked by its own owner's tests).
RUNTIME = [
    "generator/assets/course.js",
    "generator/assets/journey.js",
    "generator/assets/maths.js",
    "generator/assets/theme.js",
]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed: run `npm ci` (./dev test does)")
    return str(path)


def test_every_runtime_file_is_type_checked():
    config = json.loads(
        "\n".join(
            line
            for line in (ROOT / "tsconfig.json").read_text("utf-8").splitlines()
            if not line.lstrip().startswith("//")
        )
    )
    assert set(RUNTIME) <= set(config["files"])
    for rel in RUNTIME:
        assert (ROOT / rel).read_text("utf-8").startswith("// @ts-check\n"), rel
    assert not any(p.startswith("generator/assets/") for p in config["files"] if p.endswith(".ts"))


@pytest.mark.process
def test_tsc_finds_nothing():
    proc = _run([_tool("tsc"), "-p", "tsconfig.json"])
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.process
def test_eslint_finds_nothing():
    proc = _run([_tool("eslint"), "--max-warnings", "0", *RUNTIME, "tests/js", "eslint.config.mjs"])
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.process
def test_node_unit_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js is needed to run the runtime's unit tests"
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    assert files, "tests/js/ holds the runtime's unit tests"
    proc = _run([node, "--test", *files])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "# fail 0" in proc.stdout


def test_the_store_is_the_only_writer_of_stored_data():
    """localStorage is written in two places only, store.write() and store.wipe() in course.js,
    and write() is called by store.commit() alone (issue 21: no write bypasses the store);
    journey.js never touches storage."""
    import re

    journey = (ROOT / RUNTIME[1]).read_text("utf-8")
    assert not re.search(r"localStorage|setItem|removeItem|\.write\(", journey)
    method, seen = "", set()
    for line in (ROOT / RUNTIME[0]).read_text("utf-8").splitlines():
        m = re.match(r"    (\w+)\(.*\) \{$", line)  # a method of the store object
        if m:
            method = m.group(1)
        if re.search(r"\.(setItem|removeItem)\(", line):
            assert method in ("write", "wipe"), f"course.js writes storage in {method}(): {line}"
            seen.add(method)
        if "store.write()" in line:
            assert method == "commit", f"store.write() called from {method}(): {line}"
            seen.add("commit")
    assert seen == {"write", "wipe", "commit"}
