"""The preview's web server, for `planportal serve`: the rendered files as they are, and on each page two
things a built site never has: while the plan data is wrong, its problems (file:line:column: message) in a
banner over the last good version of the page; and a script that loads the page again when the preview
changes, so that an edit or a fix shows by itself.

Both are added as the page is served, so a change to what is wrong never renders a page again, and site/
stays exactly what a build makes. The script and its stylesheet are files of the site's own origin
(/.planportal/), which the site's Content-Security-Policy allows; nothing inline.
"""

from __future__ import annotations

import functools
import html
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ASSETS = Path(__file__).parent / "assets"
FILES = {"/.planportal/preview.js": ("preview.js", "text/javascript"),
         "/.planportal/preview.css": ("preview.css", "text/css")}


@dataclass
class Shown:
    """What serve adds to the pages it serves: the data's problems (none while it is right), and the
    preview's version, moved on each time the preview or the problems change."""

    problems: list[str] = field(default_factory=list)
    version: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def change(self, problems: list[str] | None = None) -> None:
        """The preview was rendered again (problems None: the data is right), or the data went wrong."""
        with self.lock:
            self.problems = list(problems or [])
            self.version += 1


def banner(problems: list[str]) -> str:
    """The problems as a banner, every text escaped (a problem quotes the plan data).

    >>> print(banner(["plans/a.yaml:3:7: unknown lead '<b>SFX'"]))  # doctest: +NORMALIZE_WHITESPACE
    <div role="alert" class="planportal-problems"><p><strong>The plan data has 1 problem: this is the last good
    version of the page. Fix it and save: the page loads again by itself.</strong></p><ul><li><code>plans/a.yaml:3:7:
    unknown lead &#x27;&lt;b&gt;SFX&#x27;</code></li></ul></div>
    >>> banner([])
    ''
    """
    if not problems:
        return ""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    them = "it" if len(problems) == 1 else "them"
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (f'<div role="alert" class="planportal-problems"><p><strong>The plan data has {count}: this is the last '
            f"good version of the page. Fix {them} and save: the page loads again by itself.</strong></p>"
            f"<ul>{items}</ul></div>")


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def with_additions(page: str, problems: list[str], version: int) -> str:
    """A rendered page as serve serves it: the stylesheet and the script at the end of its head, the
    banner at the start of its body.

    >>> print(with_additions("<html><head></head><body class='x'><p>Hi</p></body></html>", ["x"], 3))
    ... # doctest: +NORMALIZE_WHITESPACE
    <html><head><link rel="stylesheet" href="/.planportal/preview.css"><script src="/.planportal/preview.js"
    data-version="3"></script></head><body class='x'><div role="alert" class="planportal-problems"><p><strong>The
    plan data has 1 problem: this is the last good version of the page. Fix it and save: the page loads again
    by itself.</strong></p><ul><li><code>x</code></li></ul></div><p>Hi</p></body></html>
    """
    head = (f'<link rel="stylesheet" href="/.planportal/preview.css"><script src="/.planportal/preview.js" '
            f'data-version="{version}"></script>')
    page = _HEAD_END.sub(lambda m: head + m.group(0), page, count=1)
    return _BODY.sub(lambda m: m.group(0) + banner(problems), page, count=1)


class _Handler(SimpleHTTPRequestHandler):
    """Serves the preview's files, saying nothing of each request; pages with serve's additions."""

    shown: Shown

    def __init__(self, *args: Any, shown: Shown, **kwargs: Any) -> None:
        self.shown = shown
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the name http.server gives it
        pass

    def do_GET(self) -> None:  # noqa: N802 - the name http.server gives it
        path = unquote(urlsplit(self.path).path)
        if path == "/.planportal/version":
            self._send(str(self.shown.version).encode(), "text/plain; charset=utf-8")
        elif path in FILES:
            name, kind = FILES[path]
            self._send((ASSETS / name).read_bytes(), f"{kind}; charset=utf-8")
        else:
            file = Path(self.translate_path(self.path))
            if file.is_dir() and path.endswith("/"):
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                with self.shown.lock:
                    problems, version = list(self.shown.problems), self.shown.version
                try:
                    page = file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    super().do_GET()
                    return
                self._send(with_additions(page, problems, version).encode("utf-8"), "text/html; charset=utf-8")
            else:
                super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve_folder(folder: Path, address: str, shown: Shown) -> ThreadingHTTPServer:
    """A web server for `folder` at `address` (host:port), answering in a thread of its own, with `shown`'s
    additions on each page. The folder may be replaced meanwhile (each request looks it up by its path).
    Raises OSError (the address in use …) or ValueError (no port)."""
    host, _, port = address.rpartition(":")
    server = ThreadingHTTPServer((host or "127.0.0.1", int(port)),
                                 functools.partial(_Handler, directory=str(folder), shown=shown))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
