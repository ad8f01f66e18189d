"""Template helpers that gather the monitoring panels (watch list, charts, pre-flight) for a page.

They run at the request edge like views: they read `current_user` and the configured date, call
the operations and return plain data for the templates, so the assessment views stay unchanged.
"""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from ..assessments.access import supplier_may_edit
from ..assessments.helpers import today
from ..models import BUYER_ROLES, Assessment
from ..security import assessment_scope
from .charts import expiry_timeline, ratings_chart
from .preflight import Preflight, preflight
from .watchlist import WatchList, watch_list


def dashboard_panel() -> dict[str, Any] | None:
    """Return the watch list and charts for a buyer's dashboard (None for anyone else)."""
    if not current_user.is_authenticated or current_user.role not in BUYER_ROLES:
        return None
    day = today()
    watch: WatchList = watch_list(assessment_scope(current_user), day)
    return {"watch": watch, "ratings_svg": ratings_chart(watch.counts),
            "timeline_svg": expiry_timeline(watch.upcoming, day)}


def preflight_panel(assessment: Assessment) -> Preflight | None:
    """Return the pre-flight of an assessment the signed-in supplier may still change, else None."""
    if not current_user.is_authenticated or not supplier_may_edit(current_user, assessment):
        return None
    return preflight(assessment, today())
