"""`course serve` learns of changes from the operating system, not by polling every file."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from generator.site.plugin import use_native_observer


def _server(root: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))


def test_watched_paths_move_to_the_native_observer_and_a_save_is_reported(tmp_path: Path):
    docs, course = tmp_path / "docs", tmp_path / "course"
    docs.mkdir()
    course.mkdir()
    server = _server(tmp_path)
    server.watch(str(docs))
    server.watch(str(docs))  # MkDocs counts repeated watches; unwatch needs the same count
    assert isinstance(server.observer, PollingObserver)

    use_native_observer(server)
    server.watch(str(course))  # the plugin's own watches come after

    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(docs): 2, str(course): 1}
    server.observer.start()
    try:
        (course / "lesson.yml").write_text("title: x\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server._want_rebuild, "the save under course/ was not reported"
        server.unwatch(str(docs))
        server.unwatch(str(docs))
        assert str(docs) not in server._watched_paths
    finally:
        server.observer.stop()
        server.observer.join(timeout=5)


def test_polling_stays_where_no_native_watch_can_be_had(tmp_path: Path, monkeypatch):
    server = _server(tmp_path)
    server.watch(str(tmp_path))
    polling = server.observer

    def refuse(*args, **kwargs):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr("watchdog.observers.Observer.schedule", refuse)
    use_native_observer(server)
    assert server.observer is polling
    assert server._watched_paths == {str(tmp_path): 1}
    assert polling._timeout == 0.1  # the plugin's faster polling, as before


def test_a_server_of_another_shape_is_left_alone():
    class Other:
        observer = object()

    other = Other()
    use_native_observer(other)
    assert other.observer is Other.observer
