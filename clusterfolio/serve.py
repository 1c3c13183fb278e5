"""`serve`: build, serve site/ on localhost, rebuild when profiles, content or theme change."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

WATCHED = ("profiles", "content", "theme", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    out: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for f in files:
            with contextlib.suppress(OSError):
                out[str(f)] = f.stat().st_mtime
    return out


def serve(root: Path, rebuild: Callable[[], None], host: str = "127.0.0.1", port: int = 8000, interval: float = 1.0) -> None:
    """Serve site/ and rebuild on change until interrupted."""
    rebuild()
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving http://{host}:{port}/ - rebuilding when {', '.join(WATCHED)} change; Ctrl+C stops")
    seen = snapshot(root)
    try:
        while True:
            time.sleep(interval)
            now = snapshot(root)
            if now != seen:
                seen = now
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
