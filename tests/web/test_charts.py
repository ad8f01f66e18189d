"""The dashboard's SVG charts: well-formed, self-contained, accessible, and drawn to scale."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from portal.monitoring.charts import expiry_timeline, ratings_chart
from portal.monitoring.watchlist import WatchItem

SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 3, 1)


def _parse(markup):
    return ET.fromstring(str(markup))


def _item(name, days, urgent=False):
    return WatchItem(1, name, f"{name} product", TODAY + dt.timedelta(days=days), "", urgent)


def test_ratings_chart_is_labelled_and_states_every_number():
    svg = _parse(ratings_chart({"red": 3, "amber": 6, "green": 12, "none": 0}))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Assessments by rating"
    assert desc.text == "Red: 3, Amber: 6, Green: 12, Not rated: 0."


def test_ratings_bars_are_proportional():
    svg = _parse(ratings_chart({"red": 3, "amber": 6, "green": 12, "none": 0}))
    widths = [int(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[2] == 2 * widths[1] == 4 * widths[0] and widths[3] == 0
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert labels == ["Red", "3", "Amber", "6", "Green", "12", "Not rated", "0"]


def test_timeline_places_each_expiry_on_the_axis_in_date_order():
    items = [_item("Soon", 10, urgent=True), _item("Mid", 120), _item("Late", 300), _item("Beyond", 400)]
    svg = _parse(expiry_timeline(items, TODAY))
    markers = list(svg.iter(f"{SVG}circle"))
    assert len(markers) == 3  # a year ahead only
    xs = [int(c.get("cx")) for c in markers]
    assert xs == sorted(xs) and xs[0] < xs[1] < xs[2]
    assert markers[0].get("fill") != markers[2].get("fill")  # urgent ones stand out
    tips = [g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g")]
    assert tips[0] == "Soon: Soon product, expires 2026-03-11"
    desc = svg.find(f"{SVG}desc").text
    assert desc.startswith("3 certificates expire: Soon (Soon product) on 2026-03-11")
    assert "Beyond" not in desc


def test_timeline_without_expiries_says_so():
    desc = _parse(expiry_timeline([], TODAY)).find(f"{SVG}desc").text
    assert desc == "No certificate expires between 2026-03-01 and 2027-03-01."


def test_month_ticks_label_the_axis():
    labels = [t.text for t in _parse(expiry_timeline([], TODAY)).iter(f"{SVG}text")]
    assert labels == ["Apr 2026", "Jul 2026", "Oct 2026", "Jan 2027"]


def test_names_are_escaped_and_nothing_is_fetched():
    markup = str(expiry_timeline([_item("<script>alert(1)</script> & Co", 5)], TODAY))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    _parse(markup)  # still well-formed
    for chart in (markup, str(ratings_chart({"red": 1}))):
        assert "href" not in chart and "<image" not in chart and "<script" not in chart
        assert chart.count("http") == 1  # the SVG namespace only
