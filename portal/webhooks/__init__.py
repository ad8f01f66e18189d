"""Webhooks: a buyer's procurement registers URLs told of events by signed POSTs, sent as jobs.

Features tell (`operations.emit(org_id, event, data)`) from the one place each event happens: the
reading job, re-scoring, submission, the daily reminder run. This package imports nothing of theirs.
"""

from flask import Blueprint

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")

from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
