"""The monitoring panels of the assessment pages (watch list and charts, pre-flight), as plain data.

The assessment views call them (through assessments.panels) before rendering, with the signed-in
user and the configured date, so the templates only draw what they are handed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from ..assessments.access import supplier_may_edit
from ..models import BUYER_ROLES, Assessment, User
from ..security import assessment_scope
from .charts import expiry_timeline, ratings_chart
from .preflight import Preflight, preflight
from .watchlist import WatchList, watch_list


def dashboard_panel(user: User, day: dt.date, scope: Any = None) -> dict[str, Any] | None:
    """Return the watch list and charts for a buyer's dashboard (None for anyone else).

    `scope` narrows them to the dashboard's filter; the user's own assessments always bound it.
    """
    if user.role not in BUYER_ROLES:
        return None
    own = assessment_scope(user)
    watch: WatchList = watch_list(own if scope is None else sa.and_(own, scope), day)
    return {"watch": watch, "ratings_svg": ratings_chart(watch.counts),
            "timeline_svg": expiry_timeline(watch.upcoming, day)}


def preflight_panel(user: User, assessment: Assessment, day: dt.date) -> Preflight | None:
    """Return the pre-flight of an assessment the supplier may still change, else None."""
    if not supplier_may_edit(user, assessment):
        return None
    return preflight(assessment, day)
