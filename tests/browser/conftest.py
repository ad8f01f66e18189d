"""Browser test fixtures: the portal served on localhost, Debian's Chromium driven by Playwright, axe-core.

Never a downloaded browser: Chromium comes from Debian (`apt-get install chromium`), axe-core from
npm (`npm ci` here). Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI, ROOT, require_tool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "correct horse battery"
TODAY = "2026-03-16"  # the corpus case the journey uploads is assessed on this date
BLOCKING = ("serious", "critical")


def _require_axe() -> Path:
    if AXE.exists():
        return AXE
    message = f"{AXE} is missing: run `npm ci` in tests/browser (.ci/run does)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)
    return AXE


@dataclass
class Portal:
    """The portal under test: its URL, its app (for reading the database) and the seeded users."""

    url: str
    app: Any
    users: dict[str, str]  # role -> e-mail


def _portal_app(root: Path, **config: Any) -> Any:
    """Return a portal app on a fresh SQLite file and storage folder under `root`, tables created."""
    from portal import create_app
    from portal.extensions import db

    app = create_app({
        "SECRET_KEY": "browser-test-secret", "INSTANCE_PATH": str(root / "instance"),
        "STORAGE_DIR": str(root / "storage"), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'portal.db'}",
        "PASSWORD_HASH": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}, "TODAY": TODAY,
        "MAIL_SERVER": None,
        "QUEUE": "immediate",  # reads run when the upload commits; tests/queue run real workers
        **config,
    })
    with app.app_context():
        db.create_all()
    return app


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve `app` from a background thread on a free port; yield its URL."""
    from werkzeug.serving import make_server

    from portal.extensions import db

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """Serve a fresh portal (temp SQLite and storage) with a buyer's procurement and legal users."""
    from .seed import seed_buyer

    app = _portal_app(tmp_path_factory.mktemp("portal"))
    with app.app_context():
        users = seed_buyer(PASSWORD)
    with serving(app) as url:
        yield Portal(url, app, users)


class MailLog(logging.Handler):
    """The links the portal logs instead of mailing them (no mail server in browser tests)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def link_for(self, email: str) -> str:
        """Return the newest link logged for `email`."""
        found = [line.rsplit(": ", 1)[1] for line in self.lines if f" for {email} " in line]
        assert found, f"no link logged for {email}: {self.lines[-5:]}"
        return found[-1]


@pytest.fixture
def mail_log() -> Iterator[MailLog]:
    """Collect the invitation and sign-in links the portal logs."""
    handler = MailLog()
    loggers = [logging.getLogger(name) for name in ("portal.auth.links", "portal.auth.invitations")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium headless (CI fails, never skips, when it is missing)."""
    require_tool("chromium", "browser tests drive Debian's Chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def new_page(browser: Any, portal: Portal) -> Iterator[Any]:
    """Return a function opening a page in a fresh browser context (one per person).

    `new_page()` is a 1366 px desktop; `new_page(PHONE)` a 390 px phone.
    """
    contexts = []

    def open_page(viewport: dict[str, int] | None = None, base_url: str | None = None) -> Any:
        # bypass_csp lets the test inject axe-core; the pages themselves run under the portal CSP
        context = browser.new_context(base_url=base_url or portal.url, accept_downloads=True, bypass_csp=True,
                                      viewport=viewport or DESKTOP)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


class Shots:
    """Save numbered full-page screenshots of a test's steps under test-artifacts/<test>/."""

    def __init__(self, name: str) -> None:
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def __call__(self, page: Any, step: str) -> Path:
        self.count += 1
        slug = re.sub(r"[^\w-]+", "-", step)
        path = self.folder / f"{self.count:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    """Screenshots of this test's steps."""
    return Shots(request.node.name)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; return its serious and critical violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(_require_axe()))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v.get("impact") in BLOCKING]


def assert_accessible(page: Any) -> None:
    """Fail with a readable list when axe-core finds serious or critical problems on the page."""
    problems = axe_violations(page)
    lines = [f"{v['id']} ({v['impact']}): {v['help']} — "
             + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                         for n in v["nodes"][:5]) for v in problems]
    assert not problems, f"accessibility problems on {page.url}:\n" + "\n".join(lines)


# The page's width against the viewport's: what sticks out, if anything (for the failure message).
_OVERFLOW_JS = """() => {
  const limit = window.innerWidth;
  const wide = document.documentElement.scrollWidth;
  const culprits = [];
  if (wide > limit) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > limit + 1 && box.width > 0) {
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (el.className && typeof el.className === 'string'
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
        culprits.push(name + ' (right edge ' + Math.round(box.right) + ' px)');
        if (culprits.length >= 8) { break; }
      }
    }
  }
  return {limit, wide, culprits};
}"""


def assert_fits(page: Any) -> None:
    """Fail, naming what sticks out, when the document is wider than the viewport (sideways scrolling)."""
    found = page.evaluate(_OVERFLOW_JS)
    assert found["wide"] <= found["limit"], (
        f"{page.url} is {found['wide']} px wide in a {found['limit']} px viewport: "
        + "; ".join(found["culprits"]))
