"""Server-rendered SVG charts (no script, nothing fetched): ratings and upcoming expiries.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` that states every number,
so a screen reader gets the same facts the picture shows; the page adds a text list as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup, escape

from .watchlist import WatchItem

RATING_ORDER = (("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("none", "Not rated"))
# Fill colours chosen for ≥ 3:1 contrast against white (WCAG non-text contrast).
RATING_COLOURS = {"red": "#b42318", "amber": "#b54708", "green": "#067647", "none": "#667085"}
TEXT = "#1d2939"


def ratings_chart(counts: dict[str, int], chart_id: str = "ratings-chart") -> Markup:
    """Return a horizontal bar chart of assessments per rating."""
    width, bar_left, bar_max, row = 360, 90, 220, 28
    height = row * len(RATING_ORDER) + 10
    top = max([counts.get(k, 0) for k, _ in RATING_ORDER] + [1])
    summary = ", ".join(f"{label}: {counts.get(key, 0)}" for key, label in RATING_ORDER)
    parts = [_open(chart_id, width, height, "Assessments by rating", f"{summary}.")]
    for i, (key, label) in enumerate(RATING_ORDER):
        n = counts.get(key, 0)
        y = 5 + i * row
        w = round(bar_max * n / top) if n else 0
        parts.append(f'<text x="{bar_left - 8}" y="{y + 18}" text-anchor="end" fill="{TEXT}" '
                     f'font-size="13">{escape(label)}</text>')
        parts.append(f'<rect x="{bar_left}" y="{y + 4}" width="{w}" height="{row - 8}" '
                     f'fill="{RATING_COLOURS[key]}"/>')
        parts.append(f'<text x="{bar_left + w + 6}" y="{y + 18}" fill="{TEXT}" font-size="13">{n}</text>')
    parts.append("</svg>")
    # Reviewed: every text above went through escape(); the rest are numbers and constants.
    return Markup("".join(parts))  # nosec B704


def expiry_timeline(items: Sequence[WatchItem], today: dt.date, days: int = 365,
                    chart_id: str = "expiry-timeline") -> Markup:
    """Return a timeline from today to `days` ahead with a marker at each certificate's expiry."""
    width, left, right, axis_y = 640, 20, 20, 50
    span = width - left - right
    dated = [item for item in items if item.when is not None and 0 <= (item.when - today).days <= days]
    desc = _timeline_desc(dated, today, days)
    parts = [_open(chart_id, width, 90, f"Certificate expiries in the next {days} days", desc)]
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="{TEXT}"/>')
    parts.extend(_ticks(today, days, left, span, axis_y))
    for n, item in enumerate(dated):
        when = item.when or today
        x = left + round(span * (when - today).days / days)
        y = axis_y - 14 - (n % 3) * 10  # stagger markers of close dates so each stays visible
        colour = RATING_COLOURS["red" if item.urgent else "amber" if (when - today).days <= 90 else "green"]
        label = f"{item.supplier_name}: {item.product}, expires {when.isoformat()}"
        parts.append(f'<g><title>{escape(label)}</title><line x1="{x}" y1="{y}" x2="{x}" y2="{axis_y}" '
                     f'stroke="{colour}"/><circle cx="{x}" cy="{y}" r="5" fill="{colour}"/></g>')
    parts.append("</svg>")
    # Reviewed: every text above went through escape(); the rest are numbers and constants.
    return Markup("".join(parts))  # nosec B704


def _timeline_desc(items: Sequence[WatchItem], today: dt.date, days: int) -> str:
    if not items:
        end = today + dt.timedelta(days=days)
        return f"No certificate expires between {today.isoformat()} and {end.isoformat()}."
    listed = "; ".join(f"{i.supplier_name} ({i.product}) on {i.when.isoformat()}" for i in items if i.when)
    return f"{len(items)} certificate{'s' if len(items) != 1 else ''} expire: {listed}."


def _ticks(today: dt.date, days: int, left: int, span: int, axis_y: int) -> list[str]:
    """Return a tick and a label at the start of each quarter (every month when the span is short)."""
    step = 1 if days <= 120 else 3
    out: list[str] = []
    month = dt.date(today.year, today.month, 1)
    while True:
        month = dt.date(month.year + (month.month // 12), month.month % 12 + 1, 1)
        offset = (month - today).days
        if offset > days:
            return out
        if (month.month - 1) % step:
            continue
        x = left + round(span * offset / days)
        out.append(f'<line x1="{x}" y1="{axis_y}" x2="{x}" y2="{axis_y + 6}" stroke="{TEXT}"/>'
                   f'<text x="{x}" y="{axis_y + 22}" text-anchor="middle" fill="{TEXT}" '
                   f'font-size="12">{month.strftime("%b %Y")}</text>')


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> str:
    cid = escape(chart_id)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" id="{cid}" class="chart" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-labelledby="{cid}-title {cid}-desc">'
            f'<title id="{cid}-title">{escape(title)}</title><desc id="{cid}-desc">{escape(desc)}</desc>')
