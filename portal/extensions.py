"""Flask extensions, made once and bound to each app with `init_app`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import sqlalchemy as sa
from flask import Flask, current_app
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from . import transactions  # noqa: F401  (SQLite: pragmas, BEGIN IMMEDIATE for writers)

# Stable constraint names, so Alembic can drop/alter them on every backend (SQLite batch mode too).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class Base(DeclarativeBase):
    """Declarative base for every portal model."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
if TYPE_CHECKING:  # `db.Model` is made at run time (it is `Base` with Flask-SQLAlchemy's additions)
    Model = Base
else:
    Model = db.Model
migrate = Migrate(directory=str(MIGRATIONS_DIR), compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()


def app_object() -> Flask:
    """The app behind the `current_app` proxy, to hand to a job or a thread that outlives the context."""
    return cast(Flask, current_app._get_current_object())  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    """Bind every extension to `app`."""
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    # Sessions live on the server (portal/sessions.py): listed, revocable and short-lived. Flask-Login's
    # "strong" mode would also sign out anyone whose address changes (mobile networks, IPv6 privacy).
    login_manager.session_protection = None
