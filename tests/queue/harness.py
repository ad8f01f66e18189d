"""Run the portal against a real queue: the test process serves requests (Flask test clients),
`certscope worker` processes read documents, on the embedded SQLite queue or a real Redis.

Redis: TEST_REDIS_URL when set (CI starts a redis-server), else a redis-server started here on a
free port; when neither can be had the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import stamp

from portal import create_app
from portal.extensions import MIGRATIONS_DIR, db
from portal.models import Document
from tests.conftest import IN_CI, ROOT
from tests.web.conftest import POSTGRES_URL, empty_database, test_config

FINAL = ("parsed", "failed")


def need(condition: bool, message: str) -> None:
    """Skip locally, fail in CI, when a service the test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis to queue on: CI's, or one started for this test session."""
    given = os.environ.get("TEST_REDIS_URL")
    if given:
        yield given
        return
    binary = shutil.which("redis-server")
    need(binary is not None, "redis-server is not installed (apt-get install redis-server); .ci/run does")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([str(binary), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    try:
        _wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def _wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


@dataclass
class Portal:
    """An app on a clean database and a real queue, and the worker processes reading from it."""

    app: Flask
    env: dict[str, str]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def start_worker(self, threads: int = 1) -> subprocess.Popen[bytes]:
        """Start one `certscope worker` process."""
        log = Path(self.env["CERTSCOPE_INSTANCE"]) / f"worker-{len(self.logs)}.log"
        self.logs.append(log)
        with open(log, "wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "portal", "worker", "--threads", str(threads)],
                                    env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        self.workers.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        """Kill a worker (and nothing else: its own process only)."""
        proc.send_signal(sig)
        proc.wait(30)

    def stop(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.workers:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def documents(self) -> list[Document]:
        with self.app.app_context():
            rows = db.session.scalars(sa.select(Document).order_by(Document.id)).all()
            for row in rows:
                db.session.expunge(row)
            return list(rows)

    def wait_until(self, done: Callable[[list[Document]], bool], timeout: float,
                   during: Callable[[], None] | None = None, poll: float = 0.2) -> list[Document]:
        """Poll the documents until `done(documents)`, calling `during()` between polls."""
        deadline = time.monotonic() + timeout
        while True:
            docs = self.documents()
            if done(docs):
                return docs
            dead = [p.returncode for p in self.workers if p.poll() is not None and p.returncode != -9]
            if dead:
                raise AssertionError(f"a worker exited ({dead}): {self.tail()}")
            if time.monotonic() > deadline:
                states = [(d.id, d.parse_status, d.parse_error) for d in docs if d.parse_status not in FINAL]
                raise AssertionError(f"not done after {timeout} s: {states[:10]}; logs: {self.tail()}")
            if during:
                during()
            time.sleep(poll)

    def reads(self) -> dict[int, list[dict[str, Any]]]:
        """The workers' 'document read' log lines by document id: seconds taken, the child's peak MB."""
        found: dict[int, list[dict[str, Any]]] = {}
        for log in self.logs:
            for line in log.read_text(errors="replace").splitlines():
                if line.startswith("{") and '"document read"' in line:
                    entry = json.loads(line)
                    found.setdefault(entry["document_id"], []).append(entry)
        return found

    def tail(self) -> str:
        return " | ".join(p.read_text(errors="replace")[-1500:] for p in self.logs if p.exists())


def all_final(docs: list[Document]) -> bool:
    return bool(docs) and all(d.parse_status in FINAL for d in docs)


def make_portal(tmp_path: Path, backend: str, redis: str | None = None, **settings: Any) -> Portal:
    """Build the app (schema, clean tables) and the environment its workers share."""
    instance = tmp_path / "instance"
    config = test_config(tmp_path, QUEUE=None, QUEUE_NAME=f"test-{uuid.uuid4().hex[:12]}",
                         REDIS_URL=redis if backend == "redis" else None, **settings)
    app = create_app(config)
    with app.app_context():
        empty_database()
        stamp(directory=str(MIGRATIONS_DIR))  # the workers' start-up migration then has nothing to do
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update({"CERTSCOPE_INSTANCE": str(instance), "STORAGE_DIR": config["STORAGE_DIR"],
                "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"], "CERTSCOPE_SECRET_KEY": "test-secret-key",
                "QUEUE_NAME": config["QUEUE_NAME"], "PYTHONPATH": str(ROOT)})
    if backend == "redis" and redis:
        env["REDIS_URL"] = redis
    env.update({k: str(v) for k, v in settings.items()})
    return Portal(app, env)


@pytest.fixture(params=["sqlite", "redis"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each queue test runs on the embedded queue and on Redis."""
    return str(request.param)


@pytest.fixture
def portal(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[Portal]:
    redis = request.getfixturevalue("redis_url") if backend == "redis" else None
    settings = getattr(request, "param", None) or {}
    running = make_portal(tmp_path, backend, redis, **settings)
    try:
        yield running
    finally:
        running.stop()
        with running.app.app_context():
            db.session.remove()
            db.engine.dispose()


def database_label() -> str:
    return "postgresql" if POSTGRES_URL else "sqlite"
