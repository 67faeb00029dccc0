"""Browser helpers for the trust tests: watch a page for trouble, and answer everything on it."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from browser_support import zensical as find_zensical
from support import ROOT, build, copy_course, export, write_files

__all__ = ["ROOT", "build_site", "copy_shipped_course", "export_with_zensical", "write_tree"]

#: Runs before any page script: records CSP violations, and traps the sentinel global so a
#: payload that sets it is caught even if the page later navigates.
INIT_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""


@dataclass
class Watch:
    """Everything suspicious a page did: dialogs, errors, console output, requests elsewhere."""

    origin: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page) -> Watch:  # type: ignore[no-untyped-def]
        def on_dialog(d):  # type: ignore[no-untyped-def]
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        def on_request(r):  # type: ignore[no-untyped-def]
            self.requests.append(r.url)
            if not r.url.startswith((self.origin + "/", "data:", "blob:")):
                self.outside.append(r.url)

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("request", on_request)
        page.add_init_script(INIT_JS)
        return self

    def console_errors(self) -> list[str]:
        return [t for kind, t in self.console if kind in ("error", "warning")]


def csp_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate("window.__cspViolations || []")


def answer_everything(page, wrong: bool = True, limit: int = 100) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Answer every question on the page (the first ``limit`` choice questions), check it, reveal
    answers, and score every self-check."""
    done = {"choice": 0, "ordering": 0, "self_check": 0, "reflection": 0}
    for q in page.locator(
        "[data-ci-question='single_choice'], [data-ci-question='multiple_choice']"
    ).all()[:limit]:
        options = q.locator("fieldset input")
        (options.nth(options.count() - 1) if wrong else options.first).check()
        q.get_by_role("button", name="Check answer").click()
        reveal = q.get_by_role("button", name="Show answer")
        if reveal.is_visible():
            reveal.click()
        done["choice"] += 1
    for q in page.locator("[data-ci-question='ordering']").all():
        moves = q.get_by_role("button", name="Move down")
        if moves.count():
            moves.first.click()
        q.get_by_role("button", name="Check answer").click()
        reveal = q.get_by_role("button", name="Show answer")
        if reveal.is_visible():
            reveal.click()
        done["ordering"] += 1
    for sc in page.locator("[data-ci-selfcheck]").all():
        for i, item in enumerate(sc.locator("fieldset.ci-item").all()):
            radios = item.locator("input[type=radio]")
            radios.nth(i % max(1, radios.count() - 1)).check()
        sc.get_by_role("button", name="See my results").click()
        sc.locator(".ci-results").wait_for()
        done["self_check"] += 1
    for ta in page.locator("[data-ci-reflection] textarea").all():
        if not ta.is_visible():
            continue  # hidden by a raw body's unclosed element (with allow_raw_html)
        ta.fill("My private reflection <script>window.__xss=1</script>")
        done["reflection"] += 1
    return done


def build_site(project: Path, out: Path, strict: bool = False) -> None:
    """Build ``project`` into ``out`` with `course build` (in this process); fail the test run with
    its output if it fails."""
    build(project, out, *(["--strict"] if strict else []))


def export_with_zensical(project: Path, out: Path, site: Path) -> None:
    """`course export` the project into ``out``, build that with Zensical, and move the site to
    ``site``."""
    export(project, out)
    zensical = find_zensical()
    assert zensical, "zensical is a test dependency (pyproject.toml [test])"
    proc = subprocess.run([zensical, "build"], cwd=out, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    shutil.copytree(out / "site", site)


#: The trust tests' names for the shared helpers (tests/support.py).
write_tree = write_files
copy_shipped_course = copy_course


class StandIn:
    """A stand-in for another site: an HTTP server on 127.0.0.1 (its own origin) that records
    every request it receives and answers each with a tiny image. Payloads point at it; a test
    passes only if it received nothing (at build time or in the browser)."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                requests.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.end_headers()
                self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

            do_GET = do_POST = do_HEAD = _answer

            def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
