"""Read one document in a child process with hard limits on memory, CPU time and wall clock.

A hostile PDF can hang or balloon inside pdfminer or pdfium, where the parser's own time budget
cannot reach. The child gets an address-space and a CPU rlimit, its own process group (so the
Tesseract processes it starts die with it), and is killed when the wall clock runs out; the parent
— a web request, a queue worker or `certscope parse` — only waits, and goes on with the next job.
Children are forked from a forkserver that has already imported the parser, so a read costs
milliseconds of start-up, and never inherits a worker's threads or locks.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MB = 1024 * 1024
DEFAULT_WALL_S = 60.0
DEFAULT_MEMORY_MB = 1024
DEFAULT_CPU_S = 60
KILL_GRACE_S = 2.0  # after the wall clock, the parser's own budget had its chance to stop cleanly
HEARTBEAT_S = 1.0

Progress = Callable[[str, int, int], None]
# What the user is told when the reader failed because of a bug in certscope (the log has the traceback).
PARSER_BUG = "certscope failed on this file; the team has been told"


@dataclass(frozen=True)
class Limits:
    """Hard limits for one document's read."""

    wall_s: float = DEFAULT_WALL_S
    memory_mb: int = DEFAULT_MEMORY_MB
    cpu_s: int = DEFAULT_CPU_S

    def __post_init__(self) -> None:
        if self.wall_s <= 0 or self.memory_mb < 64 or self.cpu_s <= 0:
            raise ValueError("read limits: wall clock and CPU seconds must be positive, "
                             "memory at least 64 MB")

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Limits:
        """Build from PARSE_WALL_S, PARSE_MEMORY_MB and PARSE_CPU_S (a mapping or the environment)."""
        return cls(wall_s=float(config.get("PARSE_WALL_S") or DEFAULT_WALL_S),
                   memory_mb=int(config.get("PARSE_MEMORY_MB") or DEFAULT_MEMORY_MB),
                   cpu_s=int(config.get("PARSE_CPU_S") or DEFAULT_CPU_S))


@dataclass
class ReadOutcome:
    """What reading one document gave: an extraction, or a one-line reason it could not be read.

    `bug` holds the traceback when the reason is a bug in certscope, not the file (`error` then says
    so in PARSER_BUG's words)."""

    extraction: dict[str, Any] | None = None
    kind: str | None = None
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    peak_mb: float | None = None
    seconds: float = 0.0  # from asking for a child to its end, start-up included
    start_seconds: float = 0.0  # of which starting the child (the limits count from its start)
    bug: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def read_isolated(data: bytes, limits: Limits = Limits(), progress: Progress | None = None,
                  heartbeat: Callable[[], None] | None = None) -> ReadOutcome:
    """Parse `data` in a limited child process; never raises for anything the document does."""
    started = time.monotonic()
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, data, limits), daemon=True)
    child.start()
    sender.close()
    start_seconds = time.monotonic() - started
    try:
        outcome = _wait(child, receiver, limits, progress, heartbeat)
    finally:
        _kill_group(child)
        child.join(5)
        receiver.close()
    outcome.seconds, outcome.start_seconds = time.monotonic() - started, start_seconds
    return outcome


def warm_up() -> None:
    """Start the forkserver (and its import of the parser) now, not on the first document's read."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def _wait(child: Any, receiver: Any, limits: Limits, progress: Progress | None,
          heartbeat: Callable[[], None] | None) -> ReadOutcome:
    deadline = time.monotonic() + limits.wall_s + KILL_GRACE_S
    peak = 0.0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return ReadOutcome(error=too_long(limits), peak_mb=peak or None)
        peak = max(peak, _peak_mb(child.pid))
        if receiver.poll(min(remaining, HEARTBEAT_S)):
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                return _verdict(child, limits, peak)
            if message[0] == "progress":
                if progress:
                    progress(*message[1:])
                continue
            return _outcome(message, limits, peak)
        if heartbeat:
            heartbeat()


def _outcome(message: tuple[Any, ...], limits: Limits, peak: float) -> ReadOutcome:
    """Turn the child's one message into an outcome; its last item is the child's own peak memory."""
    tag, *body, child_peak = message
    peak = max(peak, child_peak or 0.0)
    if tag == "done":
        extraction, kind, problems = body
        return ReadOutcome(extraction, kind, None, problems, peak)
    if tag == "memory":
        return ReadOutcome(error=too_much_memory(limits), peak_mb=peak or None)
    if tag == "slow":
        return ReadOutcome(error=too_long(limits), peak_mb=peak or None)
    if tag == "bug":
        return ReadOutcome(error=PARSER_BUG, peak_mb=peak or None, bug=str(body[0]))
    return ReadOutcome(error=str(body[0]), peak_mb=peak or None)


def _verdict(child: Any, limits: Limits, peak: float) -> ReadOutcome:
    """The child ended without an answer: say why from how it ended."""
    child.join(5)
    code = child.exitcode
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return ReadOutcome(error=too_long(limits), peak_mb=peak or None)
    if peak >= limits.memory_mb * 0.9 or code in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        return ReadOutcome(error=too_much_memory(limits), peak_mb=peak or None)
    return ReadOutcome(error=f"the reader stopped unexpectedly (exit {code})", peak_mb=peak or None)


def too_long(limits: Limits) -> str:
    """The one line for a document that ran out of time."""
    return f"took too long (stopped after {limits.wall_s:g} s)"


def too_much_memory(limits: Limits) -> str:
    """The one line for a document that ran out of memory."""
    return f"needed too much memory (more than {limits.memory_mb} MB)"


def _peak_mb(pid: int | None) -> float:
    """Return the child's peak resident memory so far (Linux /proc), 0 when unknown."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _kill_group(child: Any) -> None:
    if child.pid is None:
        return
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(child.pid, signal.SIGKILL)


_CONTEXT: Any = None


def _context() -> Any:
    """The forkserver context, its server preloaded with the parser (started once per process)."""
    global _CONTEXT
    if _CONTEXT is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["parsers", "portal.reading.damage", "portal.reading.child"])
        _CONTEXT = context
    return _CONTEXT


def _child_main(sender: Any, data: bytes, limits: Limits) -> None:
    from .child import run

    run(sender, data, limits)
