"""A static file server that compresses text responses with gzip, as static hosts do.

GitHub Pages, Netlify, nginx and Caddy all send HTML, CSS and JavaScript gzip-compressed;
`python -m http.server` does not, which makes page-weight audits such as Lighthouse judge a
site by bytes no real host sends. Usage: python benchmarks/serve_gzip.py PORT DIR (loopback only).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the URL with a slash
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSIBLE
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # type: ignore[no-untyped-def]
        pass


def main() -> None:
    port, folder = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Handler, directory=folder)
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
