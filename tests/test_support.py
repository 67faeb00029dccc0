"""The test helpers themselves (tests/support.py) and the lanes' guard (tests/conftest.py): the
web server binds its own port before it returns and fails loudly when it does not come up; the
in-process command gives what the process would; a test that starts a program unmarked fails."""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

import pytest
from support import copy_course, run_course, serve, write_files

pytest_plugins = ["pytester"]


@pytest.mark.process
def test_the_server_is_bound_before_it_returns_and_serves_what_is_written_later(tmp_path):
    www = tmp_path / "www"
    with serve(www) as url:
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        # Written after the server came up, as the browser fixtures build with its address.
        write_files(www, {"v1/index.html": "<p>built later</p>"})
        with urllib.request.urlopen(url + "/v1/index.html", timeout=5) as r:
            assert r.read() == b"<p>built later</p>"


@pytest.mark.process
def test_a_server_that_never_answers_fails_the_test_with_its_output(tmp_path):
    with pytest.raises(pytest.fail.Exception) as failed:
        with serve(tmp_path / "www", "/missing.html", timeout=1):
            pass
    message = str(failed.value)
    assert message.startswith(
        "the test web server for '/missing.html' did not come up within 1 s: http://127.0.0.1:"
    )
    assert "/missing.html does not answer (HTTP Error 404: File not found)." in message
    assert '"GET /missing.html HTTP/1.1" 404' in message  # the server's own log


def test_the_command_runs_in_this_process_as_it_would_in_its_own(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    here = Path.cwd()
    result = run_course("check", cwd=tmp_path, env={"SITE_URL": "http://example.org/"})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: no course/course.yml here; run the command from the project folder or pass "
        "--project DIR\n"
    )
    assert Path.cwd() == here and "SITE_URL" not in os.environ  # both restored
    usage = run_course("frobnicate")
    assert usage.returncode == 2 and "invalid choice: 'frobnicate'" in usage.stderr
    helped = run_course("check", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: course check")


def test_a_build_in_this_process_reports_mkdocs_warnings_on_its_stderr(make_course):
    # A navigation entry to a page that does not exist: MkDocs warns (a hand-written page under
    # docs/ would be refused by the publish boundary before MkDocs ever saw it).
    mkdocs_yml = (
        "site_name: from course.yml\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - course\nnav:\n  - Extra: extra.md\n"
        "validation:\n  omitted_files: ignore\n  nav:\n    not_found: warn\n"
    )
    root = make_course({"mkdocs.yml": mkdocs_yml})
    result = run_course("build", "--project", root)
    assert result.returncode == 0, result.stderr
    assert "WARNING - A reference to 'extra.md' is included in the 'nav'" in result.stderr, (
        result.stderr
    )


def test_copy_course_copies_the_sources_and_nothing_else(tmp_path):
    dest = copy_course(tmp_path / "copy")
    assert sorted(p.name for p in dest.iterdir()) == ["course", "mkdocs.yml", "quizzes"]
    again = copy_course(dest)  # replaces what is there
    assert (again / "course" / "course.yml").is_file()


@pytest.mark.process
def test_an_unmarked_test_that_starts_a_program_fails(pytester):
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text("utf-8"))
    pytester.makepyfile(
        test_starts="import subprocess, sys\n\n\ndef test_starts():\n"
        "    subprocess.run([sys.executable, '-c', 'pass'], check=True)\n"
    )
    # pytest-playwright keeps one global soft-assertion scope: the inner run goes without it.
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:playwright")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*test_starts.py::test_starts starts a program (python*) but is not marked `process`*"]
    )
