"""Run the queue's consumer: `certscope worker` (any number, any machine) or embedded in `serve`."""

from __future__ import annotations

import logging
import signal
from typing import Any

from flask import Flask

from ..reading.limits import warm_up
from .queue import huey_of
from .sweep import run_sweep

log = logging.getLogger(__name__)


def startup_sweep(app: Flask) -> None:
    """Recover what a crash left: stuck reads back in the queue, orphaned files removed."""
    with app.app_context():
        try:
            run_sweep(app, startup=True)
        except Exception:  # a failed sweep must not keep the portal down; the periodic one retries
            log.exception("start-up sweep failed")


def run_worker(app: Flask, threads: int = 1, periodic: bool = True) -> None:
    """Consume jobs until SIGINT/SIGTERM (blocking). Each thread reads one document at a time."""
    warm_up()
    startup_sweep(app)
    consumer = huey_of(app).create_consumer(workers=threads, worker_type="thread", periodic=periodic,
                                            initial_delay=0.05, max_delay=0.5, backoff=1.5)
    log.info("worker started", extra={"threads": threads})
    consumer.run()


def start_embedded(app: Flask, threads: int = 1) -> Any:
    """Start a consumer in this process's threads (the demo's single machine); return it to stop later."""
    warm_up()
    startup_sweep(app)
    consumer = huey_of(app).create_consumer(workers=threads, worker_type="thread", periodic=True,
                                            initial_delay=0.05, max_delay=0.5, backoff=1.5)
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer.start()
    for signum, handler in saved.items():  # Ctrl-C stops the web server as before; we stop the consumer after
        signal.signal(signum, handler)
    return consumer
