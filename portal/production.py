"""`certscope serve --production`: gunicorn with N worker processes, and queue consumers beside it.

Werkzeug stays for the demo. Gunicorn's workers each build the app after forking (no shared
connections); with the embedded queue, `queue_threads` consumers run in one `certscope worker`
child process; with Redis, run `certscope worker` on any machine instead (queue_threads 0).
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from gunicorn.app.base import BaseApplication


class PortalServer(BaseApplication):
    """Gunicorn, configured in code: the app factory is called in each worker."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from . import create_app

        return create_app()


def gunicorn_options(host: str, port: int, workers: int) -> dict[str, Any]:
    """Gunicorn settings: N sync workers with a few threads each, JSON logs from the app itself."""
    return {"bind": f"{host}:{port}", "workers": max(1, workers), "worker_class": "gthread", "threads": 4,
            "timeout": 60, "graceful_timeout": 30, "accesslog": None, "errorlog": "-",
            "loglevel": "warning", "proc_name": "certscope", "preload_app": False}


def serve_production(app: Any, host: str, port: int, workers: int, queue_threads: int) -> int:
    """Run gunicorn until stopped; start a queue consumer process beside it when asked."""
    consumer = None
    if queue_threads:
        command = [sys.executable, "-m", "portal", "worker", "--threads", str(queue_threads)]
        consumer = subprocess.Popen(command)
    else:
        from .jobs.worker import startup_sweep

        startup_sweep(app)
    try:
        PortalServer(gunicorn_options(host, port, workers)).run()
    finally:
        if consumer is not None:
            consumer.terminate()
            consumer.wait(30)
    return 0
