"""Server-side sessions: the cookie carries a random id; the session lives in the `user_sessions` table.

Why not Flask-Session: its SQLAlchemy table is created outside Alembic and knows nothing of users, so
it cannot list a user's sessions, say where they were signed in from, end one of them, or end all of
them when the password changes. Here a session row has a typed model, an Alembic migration, the user,
address and browser, and is revoked (never trusted again) on sign-out, on a password change, by an
operator, and when the user is deactivated. Sessions end by themselves after SESSION_IDLE_MINUTES
without a request and, once signed in, SESSION_ABSOLUTE_HOURS after sign-in.

Only a SHA-256 of the id is stored, so a copy of the database opens no session. The row is read and
written on a connection of its own: the request's transaction stays the view's to commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask, Request
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import CallbackDict
from werkzeug.wrappers import Response

from .extensions import Model, db
from .models import utcnow
from .transactions import SAFE_METHODS, is_contention, reading, writing

log = logging.getLogger(__name__)

TOKEN_BYTES = 32
# last_seen_at is written at most this often: idle timeouts are counted in minutes, not requests.
TOUCH_EVERY = dt.timedelta(seconds=60)
# Ended and expired rows are deleted this long after they stop mattering (1 in PURGE_ONE_IN inserts).
KEEP_ENDED = dt.timedelta(days=1)
PURGE_ONE_IN = 50
USER_KEY = "_user_id"  # where Flask-Login keeps the signed-in user's id


class UserSession(Model):
    """One browser session: anonymous (a form's CSRF token, a message) or a signed-in user's."""

    __tablename__ = "user_sessions"
    __table_args__ = (sa.Index("ix_user_sessions_last_seen_at", "last_seen_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    data: Mapped[str] = mapped_column(sa.Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ip: Mapped[str | None] = mapped_column(sa.String(64))
    user_agent: Mapped[str | None] = mapped_column(sa.String(255))
    revoked_at: Mapped[dt.datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(sa.String(32))


@dataclass(frozen=True)
class Timeouts:
    """How long a session lives without requests (idle) and after sign-in (absolute)."""

    idle: dt.timedelta
    absolute: dt.timedelta

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Timeouts:
        """Read SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS."""
        return cls(dt.timedelta(minutes=int(config["SESSION_IDLE_MINUTES"])),
                   dt.timedelta(hours=float(config["SESSION_ABSOLUTE_HOURS"])))


def token_hash(token: str) -> str:
    """Return the stored form of a session id."""
    return hashlib.sha256(token.encode()).hexdigest()


def live_clause(timeouts: Timeouts, now: dt.datetime) -> sa.ColumnElement[bool]:
    """Return the WHERE clause of sessions still usable at `now`."""
    return sa.and_(UserSession.revoked_at.is_(None),
                   UserSession.last_seen_at >= now - timeouts.idle,
                   sa.or_(UserSession.user_id.is_(None), UserSession.created_at >= now - timeouts.absolute))


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """The session dict of one request, with the id of the row it was loaded from."""

    def __init__(self, initial: dict[str, Any] | None = None, row_id: int | None = None,
                 user_id: int | None = None, last_seen: dt.datetime | None = None) -> None:
        def on_update(_: Any) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.row_id, self.bound_user_id, self.last_seen = row_id, user_id, last_seen
        self.modified = False
        self.renew_id = False

    @property
    def user_id(self) -> int | None:
        """Return the id of the user signed in in this session, if any."""
        value = self.get(USER_KEY)
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None


def renew(session: Any) -> None:
    """Give the current session a new id at the end of this request (the old one stops working)."""
    if isinstance(session, ServerSession):
        session.renew_id = True


def current_row_id(session: Any) -> int | None:
    """Return the row id of the current session (None before it is first saved)."""
    return session.row_id if isinstance(session, ServerSession) else None


class DatabaseSessionInterface(SessionInterface):
    """Keep each session in `user_sessions`; the cookie holds only its random id."""

    serializer = TaggedJSONSerializer()

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        """Load the live session named by the cookie, or start an empty one."""
        token = request.cookies.get(self.get_cookie_name(app))
        if not token or len(token) > 100 or _is_static(app, request):
            return ServerSession()
        with reading(), db.engine.connect() as conn:  # a read: never waits for a writer (WAL)
            row = conn.execute(sa.select(UserSession.__table__).where(
                UserSession.token_hash == token_hash(token),
                live_clause(Timeouts.from_config(app.config), utcnow()))).first()
        if row is None:
            return ServerSession()
        try:
            data = self.serializer.loads(row.data)
        except ValueError:
            data = {}
        return ServerSession(data, row.id, row.user_id, row.last_seen_at)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Write the session back, renewing its id when the signed-in user changed.

        On a GET the write is bookkeeping (last seen, a consumed message, a new form token): when the
        database stays busy past its wait, the page is still answered and the write dropped. On a POST
        the contention propagates and is answered "busy, try again" (a sign-out must not half-happen).
        """
        from flask import request

        assert isinstance(session, ServerSession)
        try:
            self._save(app, session, response)
        except sa.exc.DBAPIError as err:
            if request.method not in SAFE_METHODS or not is_contention(err):
                raise
            log.warning("session not saved: the database stayed busy (%s)", err.orig)

    def _save(self, app: Flask, session: ServerSession, response: Response) -> None:
        now = utcnow()
        if not session:
            if session.row_id is not None:
                _revoke(session.row_id, "signed out" if session.bound_user_id else "emptied", now)
                self._delete_cookie(app, response)
            return
        if session.row_id is None or session.renew_id or session.user_id != session.bound_user_id:
            old_row = session.row_id
            token = self._insert(session, now)
            if old_row is not None:
                _revoke(old_row, "renewed", now)
            self._set_cookie(app, response, token)
        elif session.modified:
            _update(session.row_id, {"data": self.serializer.dumps(dict(session)), "last_seen_at": now})
        elif session.last_seen is None or now - session.last_seen >= TOUCH_EVERY:
            _update(session.row_id, {"last_seen_at": now})

    def _insert(self, session: ServerSession, now: dt.datetime) -> str:
        from flask import request

        token = secrets.token_urlsafe(TOKEN_BYTES)
        values = {"token_hash": token_hash(token), "user_id": session.user_id, "created_at": now,
                  "last_seen_at": now, "data": self.serializer.dumps(dict(session)),
                  "ip": (request.remote_addr or "")[:64] or None,
                  "user_agent": (request.user_agent.string or "")[:255] or None}
        with _own_transaction() as conn:
            session.row_id = conn.execute(sa.insert(UserSession).values(**values)
                                          .returning(UserSession.id)).scalar_one()
            if secrets.randbelow(PURGE_ONE_IN) == 0:
                _purge(conn, now)
        return token

    def _set_cookie(self, app: Flask, response: Response, token: str) -> None:
        from flask import request

        response.set_cookie(self.get_cookie_name(app), token, httponly=True, path=self.get_cookie_path(app),
                            domain=self.get_cookie_domain(app), samesite=self.get_cookie_samesite(app),
                            secure=self.get_cookie_secure(app) or request.is_secure)
        response.vary.add("Cookie")

    def _delete_cookie(self, app: Flask, response: Response) -> None:
        from flask import request

        response.delete_cookie(self.get_cookie_name(app), path=self.get_cookie_path(app),
                               domain=self.get_cookie_domain(app), httponly=True,
                               secure=self.get_cookie_secure(app) or request.is_secure,
                               samesite=self.get_cookie_samesite(app))


def _is_static(app: Flask, request: Request) -> bool:
    """Static files need no session: skip the database for them."""
    return bool(app.static_url_path) and request.path.startswith(f"{app.static_url_path}/")


@contextmanager
def _own_transaction() -> Iterator[sa.Connection]:
    """Open a transaction on a connection of the session store's own.

    Whatever the view left uncommitted is rolled back at teardown anyway; it is ended first, so its
    locks (SQLite takes one on any UPDATE, even of no row) never block this write. The transaction
    writes, so on SQLite it begins IMMEDIATE even on a GET (portal/transactions.py).
    """
    db.session.rollback()
    with writing(), db.engine.begin() as conn:
        yield conn


def _update(row_id: int, values: dict[str, Any]) -> None:
    with _own_transaction() as conn:
        conn.execute(sa.update(UserSession).where(UserSession.id == row_id).values(**values))


def _revoke(row_id: int, reason: str, now: dt.datetime) -> None:
    _update(row_id, {"revoked_at": now, "revoked_reason": reason})


def _purge(conn: sa.Connection, now: dt.datetime) -> None:
    """Delete sessions that ended or went idle more than KEEP_ENDED ago."""
    cutoff = now - KEEP_ENDED
    conn.execute(sa.delete(UserSession).where(sa.or_(UserSession.revoked_at < cutoff,
                                                     UserSession.last_seen_at < cutoff)))


def install(app: Flask) -> None:
    """Make `app` keep its sessions in the database."""
    app.session_interface = DatabaseSessionInterface()


# --- operations (flush, never commit: the request edge commits) ---------------------------------------

def live_sessions(user_id: int, timeouts: Timeouts, now: dt.datetime | None = None) -> list[UserSession]:
    """Return the user's usable sessions, most recently used first."""
    query = (sa.select(UserSession)
             .where(UserSession.user_id == user_id, live_clause(timeouts, now or utcnow()))
             .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc()))
    return list(db.session.scalars(query))


def revoke_user_sessions(user_id: int, reason: str, keep: int | None = None) -> int:
    """End every session of the user (but `keep`, the current one, when given); return how many."""
    query = sa.update(UserSession).where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
    if keep is not None:
        query = query.where(UserSession.id != keep)
    result = db.session.execute(query.values(revoked_at=utcnow(), revoked_reason=reason[:32]))
    db.session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def revoke_one_session(user_id: int, session_id: int, reason: str) -> bool:
    """End one of the user's own sessions; False when it is not theirs or already ended."""
    query = (sa.update(UserSession)
             .where(UserSession.id == session_id, UserSession.user_id == user_id,
                    UserSession.revoked_at.is_(None))
             .values(revoked_at=utcnow(), revoked_reason=reason[:32]))
    result = db.session.execute(query)
    db.session.flush()
    return bool(getattr(result, "rowcount", 0))
