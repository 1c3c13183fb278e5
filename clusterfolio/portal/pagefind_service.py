"""`pagefind --service`, spoken to directly (docs/decisions.md, "The portal's search").

The service is the one behind Pagefind's own Python API (`PagefindIndex.add_custom_record`): each
message is a JSON object, base64-encoded and ended by a comma, on the binary's stdin, and each answer
the same on its stdout, with the message's id. The wrapper of pagefind 1.5.2 reads that stdout with
a pause of 0.1 s before every answer (24,000 records: 40 minutes) and merges the binary's stderr into
it (a warning there breaks the next answer's JSON). This client sends the same messages (the
wrapper's own types), reads each answer as soon as it is there, and keeps stderr apart for its error
message. The binary is the one pagefind[bin] ships (pagefind.service.get_executable).
"""
from __future__ import annotations

import base64
import json
import subprocess
import tempfile
from types import TracebackType
from typing import Any

from pagefind.service import get_executable


class PagefindError(RuntimeError):
    """The service refused a message or ended."""


class PagefindService:
    """One `pagefind --service` process; a context manager that ends it."""

    def __init__(self) -> None:
        binary = get_executable()
        if binary is None:
            raise PagefindError("the pagefind binary is not installed (pagefind[bin])")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close(), which __exit__ calls
        self._proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        self._buffer = bytearray()
        self._last_id = 0

    def send(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one message and return its answer's payload; PagefindError for an Error answer."""
        assert self._proc.stdin is not None
        self._last_id += 1
        message = {"message_id": self._last_id, "payload": payload}
        try:
            self._proc.stdin.write(base64.b64encode(json.dumps(message, ensure_ascii=False).encode("utf-8")) + b",")
            self._proc.stdin.flush()
        except BrokenPipeError:
            raise PagefindError(f"pagefind --service ended: {self._errors()}") from None
        while True:
            answer = self._read()
            if answer.get("message_id") == self._last_id:
                break
        result = answer.get("payload") or {}
        if result.get("type") == "Error":
            raise PagefindError(f"pagefind --service: {result.get('message')}")
        return result

    def _read(self) -> dict[str, Any]:
        """The next answer (up to its comma)."""
        assert self._proc.stdout is not None
        while (end := self._buffer.find(b",")) < 0:
            chunk = self._proc.stdout.read1(1 << 16)
            if not chunk:
                raise PagefindError(f"pagefind --service ended: {self._errors()}")
            self._buffer += chunk
        raw = bytes(self._buffer[:end])
        del self._buffer[:end + 1]
        return json.loads(base64.b64decode(raw))

    def _errors(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace").strip()[-2000:] or f"exit status {self._proc.poll()}"

    def close(self) -> None:
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._stderr.close()

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
