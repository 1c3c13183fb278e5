"""Logos drawn in guarded child processes, so that no logo can stall, kill or crash a build.

A logo of a few hundred bytes that passes `check` can still ask resvg for hours (a filter of a
million octaves), 144 GB (a drawing 100,000 times taller than wide) or a deeper stack than it
has; `check` refuses what it can recognise (clusterfolio/logos/), and this module catches the
rest. `draw()` hands its jobs one by one over a pipe to workers: fresh interpreters started with
subprocess, each with a small address space (MEMORY_LIMIT), a CPU-time limit and no core files.
The parent waits at most TIME_LIMIT seconds for each job. A job that runs out of time, whose
worker dies (out of memory, a crash: a signal), or that resvg refuses (ValueError) is a failure
with a reason in plain words; the worker is killed and a fresh one takes the next job. `draw()`
never raises for a logo.

`draw_logos()` is the build's step (site/build.py): before the languages are built, it draws
every logo the site needs once, at each width it needs (the languages need the cluster logo's
width and which logos to leave out), and returns the project without the logos that failed,
with a warning (CF-W401) for each.

The worker imports this module only (with the standard library, Pillow and resvg): the model
and the configuration are names for type checking here, so that a fresh worker starts fast.
"""
from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import resvg_py
from PIL import Image

from ..paths import PROFILES_DIR

if TYPE_CHECKING:  # not imported in the worker, which starts faster without them
    from ..config import Config
    from ..model import Project
    from ..problems import Problem

# Far above what a logo needs (the demo's draw in about 10 ms each), and short enough that a
# release with a few bad logos still finishes in seconds. Wall-clock time: the parent waits no
# longer; the worker's CPU-time limit (one second more) also stops it should the parent be gone.
TIME_LIMIT = 5.0
# The worker's address space: Python, Pillow and resvg take about 30 MB of it; a logo drawn
# 600 pixels wide needs a few MB per image (a 1:5 tall one 7 MB) and resvg a few of those for
# each filter effect. A request beyond it fails in the worker (resvg aborts) instead of taking
# the machine's memory, as a 144 GB request would.
MEMORY_LIMIT = 768 * 1024 * 1024
WORKERS = 2  # the machines that build sites have two cores (GitHub's runners)
# A worker's start (imports) is not a logo's time; a loaded CI machine may take long.
START_LIMIT = 60.0

PREVIEW_WIDTH = 600  # link previews (Open Graph); the widest drawing the site makes
BRAND_WIDTH = 512  # the cluster's favicons and card
SIZE_WIDTH = 400  # the cluster logo's proportions, for the width attribute of its <img>

Kind = Literal["size", "raster", "preview"]


# --- drawing (in the worker) -------------------------------------------------------------------


def raster(path: Path, width: int) -> Image.Image:
    """A logo as an RGBA image of the given width (SVG rendered, PNG scaled). Unguarded: call it
    in a worker (draw()), never in the build's own processes."""
    if path.suffix.lower() == ".svg":
        data = resvg_py.svg_to_bytes(svg_path=str(path), width=width)
        image = Image.open(io.BytesIO(bytes(data)))
    else:
        image = Image.open(path)
        image.load()
        height = max(1, round(image.height * width / max(1, image.width)))
        image = image.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)
    return image.convert("RGBA")


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def preview_png(image: Image.Image) -> bytes:
    """A member's logo for link previews: on white, with a margin (social networks show no SVG)."""
    canvas = Image.new("RGB", (image.width + 80, image.height + 80), "#ffffff")
    canvas.paste(image, (40, 40), image)
    return png_bytes(canvas)


def width_at(size: tuple[int, int], height: int) -> int:
    """The width at which a drawing of this size, shown `height` pixels high, keeps its proportions."""
    return max(1, round(height * size[0] / max(1, size[1])))


def _run_job(job: dict) -> tuple[int, int]:
    image = raster(Path(job["source"]), int(job["width"]))
    if job["kind"] == "raster":
        # Lossless and quick: the parent reads the same pixels back (favicons, the card).
        image.save(job["out"], format="PNG", compress_level=1)
    elif job["kind"] == "preview":
        Path(job["out"]).write_bytes(preview_png(image))
    return image.size


def _limit(kind: int, soft: int) -> None:
    import resource

    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(kind, (soft, hard))


def _serve(memory_limit: int, cpu_seconds: float) -> None:
    """The worker: one job per line on stdin, one result per line on stdout, until stdin ends."""
    try:
        import resource
    except ImportError:  # Windows: no limits but the parent's clock
        resource = None  # type: ignore[assignment]
    if resource is not None:
        _limit(resource.RLIMIT_CORE, 0)  # a crash or SIGXCPU writes no core file of 768 MB
        _limit(resource.RLIMIT_AS, memory_limit)
    # The replies get a stream of their own: whatever Pillow, resvg or Rust print goes to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    out.write("ready\n")
    out.flush()
    for line in sys.stdin:
        job = json.loads(line)
        if resource is not None:
            # For this job: the CPU time used so far and the job's limit (SIGXCPU ends the worker).
            _limit(resource.RLIMIT_CPU, int(time.process_time() + cpu_seconds) + 1)
        try:
            reply: dict = {"size": list(_run_job(job))}
        except MemoryError:
            out.write(json.dumps({"error": "memory"}) + "\n")
            out.flush()
            return  # the next job gets a fresh worker, not one whose memory ran out
        except Exception as exc:  # noqa: BLE001 - whatever resvg or Pillow raise is this logo's failure
            reply = {"error": " ".join(str(exc).split())[:200] or type(exc).__name__}
        out.write(json.dumps(reply) + "\n")
        out.flush()


# --- the guard (in the build) ------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    source: Path
    width: int
    kind: Kind = "size"  # size: draw only; raster: write an RGBA PNG; preview: the finished preview
    out: Path | None = None  # where raster and preview write


@dataclass(frozen=True)
class Outcome:
    size: tuple[int, int] | None  # the drawing's width and height; None when it failed
    failure: str = ""  # why it failed, in plain words


_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from clusterfolio.site.drawing import _serve; _serve(int(sys.argv[2]), float(sys.argv[3]))"
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent.parent)


class _Worker:
    """One worker process, started when a job needs it and killed when a job fails it."""

    def __init__(self, memory_limit: int, time_limit: float) -> None:
        self.memory_limit = memory_limit
        self.time_limit = time_limit
        self.proc: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.reader: threading.Thread | None = None
        self.stderr: tempfile._TemporaryFileWrapper[bytes] | None = None

    def _start(self) -> str:
        """Start a fresh worker; '' when it is ready, else why it did not start."""
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - kept open while the worker lives
        # -I: no user site, no PYTHON* variables, no script folder on the path: the worker runs
        # this module and the installed Pillow and resvg, nothing a checkout has lying around.
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT, _PACKAGE_PARENT, str(self.memory_limit), str(self.time_limit + 1)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True, encoding="utf-8", bufsize=1,
        )
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._read, args=(self.proc, self.lines), daemon=True)
        self.reader.start()
        line = self._next_line(START_LIMIT)
        if line == "ready":
            return ""
        if line is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=START_LIMIT)
        ended = self.proc.poll()
        detail = self._said() or (f"exit status {ended}" if ended is not None else f"no answer in {START_LIMIT:g} s")
        self.stop()
        return f"the drawing program did not start ({detail})"

    @staticmethod
    def _read(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        """The worker's answers, line by line, into the queue (a thread, so that the parent can
        wait for them with a timeout on every platform); None when the worker has ended."""
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                lines.put(line.strip())
        except (OSError, ValueError):  # a worker killed in the middle of a line
            pass
        finally:
            lines.put(None)
            proc.stdout.close()

    def _next_line(self, timeout: float) -> str | None:
        """The worker's next line; '' when it did not answer in time, None when it has ended."""
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return ""

    def _tail(self) -> str:
        """The end of what the worker wrote to stderr (a Rust panic, a Python error)."""
        if self.stderr is None:
            return ""
        self.stderr.seek(0)
        return self.stderr.read()[-2000:].decode("utf-8", "replace").strip()

    def _said(self) -> str:
        lines = self._tail().splitlines()
        return lines[-1][:200] if lines else ""

    def _death(self) -> str:
        """Why the worker ended on a job, in words; '' while it runs."""
        if self.proc is None or self.proc.poll() is None:
            return ""
        code = self.proc.returncode
        said = self._said()
        if "memory allocation" in self._tail() or code == -getattr(signal, "SIGKILL", 9):  # Rust's abort; the kernel's OOM killer
            return f"it needs more memory than a logo may use ({self.memory_limit // 2**20} MiB)"
        if code == -getattr(signal, "SIGXCPU", 24):  # its CPU-time limit
            return f"drawing it took longer than {self.time_limit:g} s"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = str(-code)
            return f"the drawing program stopped on it (signal {name})"
        return f"the drawing program stopped on it ({said or f'exit status {code}'})"

    def run(self, job: Job) -> Outcome:
        if self.proc is None or self.proc.poll() is not None:
            self.stop()
            failed = self._start()
            if failed:
                return Outcome(None, failed)
        assert self.proc is not None and self.proc.stdin is not None
        request = {"source": str(job.source), "width": job.width, "kind": job.kind, "out": str(job.out) if job.out else None}
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except OSError:  # it ended between jobs; the next job starts a fresh one
            pass
        line = self._next_line(self.time_limit)
        if line == "":
            self.stop()
            return Outcome(None, f"drawing it took longer than {self.time_limit:g} s")
        if line is None:  # its output ended: it has died, or is dying
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=START_LIMIT)
            reason = self._death() or "the drawing program stopped on it"
            self.stop()
            return Outcome(None, reason)
        try:
            reply = json.loads(line)
            if "size" in reply:
                return Outcome((int(reply["size"][0]), int(reply["size"][1])))
            error = str(reply["error"])
        except (ValueError, TypeError, KeyError, IndexError):  # not our worker's answer: start afresh
            self.stop()
            return Outcome(None, f"the drawing program answered {line[:80]!r}")
        if error == "memory":
            return Outcome(None, f"it needs more memory than a logo may use ({self.memory_limit // 2**20} MiB)")
        return Outcome(None, f"the drawing program cannot draw it ({error})")

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            if self.proc.stdin is not None:
                with contextlib.suppress(OSError):  # a pipe the dead worker left half-read
                    self.proc.stdin.close()
            if self.reader is not None:
                self.reader.join(timeout=START_LIMIT)  # it ends at the pipe's end: none is left when the build forks
            self.proc = self.reader = None
        if self.stderr is not None:
            self.stderr.close()
            self.stderr = None


def draw(jobs: Sequence[Job], time_limit: float | None = None, memory_limit: int | None = None, workers: int | None = None) -> list[Outcome]:
    """Run the jobs in guarded workers; one outcome per job, in order. Never raises for a logo.

    The limits default to the module's (read at the call, so tests can lower them)."""
    time_limit = TIME_LIMIT if time_limit is None else time_limit
    memory_limit = MEMORY_LIMIT if memory_limit is None else memory_limit
    count = min(workers or WORKERS, os.cpu_count() or 1, len(jobs))
    outcomes: list[Outcome | None] = [None] * len(jobs)
    todo: queue.Queue[int] = queue.Queue()
    for index in range(len(jobs)):
        todo.put(index)

    def work() -> None:
        worker = _Worker(memory_limit, time_limit)
        try:
            while True:
                try:
                    index = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    outcomes[index] = worker.run(jobs[index])
                except Exception as exc:  # noqa: BLE001 - e.g. no process could be started: this logo's failure, not the build's
                    worker.stop()
                    outcomes[index] = Outcome(None, f"the drawing program could not be run ({type(exc).__name__}: {exc})")
        finally:
            worker.stop()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [o if o is not None else Outcome(None, "it was not drawn") for o in outcomes]


_SIZES: dict[tuple[str, int, int, int], tuple[int, int] | None] = {}


def drawn_size(path: Path, width: int = SIZE_WIDTH) -> tuple[int, int] | None:
    """The size of a logo drawn `width` pixels wide, guarded; None if it cannot be drawn. For
    callers outside the build (a page built on its own, `summary`): remembered per file version."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size, width)
    if key not in _SIZES:
        _SIZES[key] = draw([Job(path, width)], workers=1)[0].size
    return _SIZES[key]


# --- the build's step ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawnLogos:
    """What the build drew before the languages: the pages and files use only these logos."""

    project: Project  # the project without the logos that could not be drawn
    cluster_size: tuple[int, int] | None  # the cluster logo drawn SIZE_WIDTH wide (its proportions)
    brand: Path | None  # the cluster logo drawn BRAND_WIDTH wide, an RGBA PNG (favicons, card)
    previews: dict[str, Path]  # member slug -> its finished link-preview PNG
    problems: tuple[Problem, ...] = ()  # CF-W401 for each logo left out


def draw_logos(config: Config, project: Project, folder: Path) -> DrawnLogos:
    """Draw every logo the site needs, once per width, into folder; leave out the ones that fail."""
    folder.mkdir(parents=True, exist_ok=True)
    root = config.root / PROFILES_DIR
    jobs: list[Job] = []
    logos: list[str] = []  # the logo (path under profiles/) of each job
    cluster = project.cluster.logo
    if cluster:
        jobs += [Job(root / cluster, SIZE_WIDTH), Job(root / cluster, BRAND_WIDTH, "raster", folder / "cluster.png")]
        logos += [cluster, cluster]
    previews: dict[str, Path] = {}
    for number, (slug, member) in enumerate(sorted(project.members.items())):
        if member.logo and member.logo.lower().endswith(".svg"):  # PNG logos are published as they are
            previews[slug] = folder / f"preview-{number}.png"
            jobs.append(Job(root / member.logo, PREVIEW_WIDTH, "preview", previews[slug]))
            logos.append(member.logo)
    outcomes = draw(jobs)
    failed: dict[str, str] = {}
    for logo, outcome in zip(logos, outcomes, strict=True):
        if outcome.size is None:
            failed.setdefault(logo, outcome.failure)
    problems = tuple(_problem(project, logo, reason) for logo, reason in sorted(failed.items()))
    kept = _without(project, set(failed))
    ok = cluster and cluster not in failed
    return DrawnLogos(
        kept,
        outcomes[0].size if ok else None,
        folder / "cluster.png" if ok else None,
        {slug: path for slug, path in previews.items() if kept.members[slug].logo},
        problems,
    )


def _without(project: Project, failed: set[str]) -> Project:
    if not failed:
        return project
    members = {slug: m.model_copy(update={"logo": None}) if m.logo in failed else m for slug, m in project.members.items()}
    cluster = project.cluster
    if cluster.logo in failed:
        cluster = cluster.model_copy(update={"logo": None})
    return dataclasses.replace(project, members=members, cluster=cluster)


def _problem(project: Project, logo: str, reason: str) -> Problem:
    from ..problems import Problem

    users = [m.name for _, m in sorted(project.members.items()) if m.logo == logo]
    shown = []
    if users:
        shown.append(f"{', '.join(users)} without a logo (with initials)")
    if project.cluster.logo == logo:
        shown.append("the cluster's name without its logo, and its initials as favicon")
    message = (
        f"this logo could not be drawn: {reason}; the site was built without it and shows {' and '.join(shown)}. "
        "Export the logo again as a simpler SVG (without filter effects), or as a PNG"
    )
    return Problem.make(f"{PROFILES_DIR}/{logo}", 1, 1, "", message, "CF-W401")
