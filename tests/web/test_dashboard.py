"""The procurement dashboard: every assessment of the buyer, sortable, filterable, searchable, paged."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from portal.assessments import dashboard

TODAY = dt.date(2026, 1, 10)


@pytest.fixture
def portfolio(app, build):
    app.config["TODAY"] = TODAY.isoformat()
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    rows = [
        ("Alpha Voice", "AlphaDesk", "red", 2, 1, 0, 20, "submitted"),
        ("Bravo AI", "Bravo Chat", "amber", 0, 3, 1, 200, "in_progress"),
        ("Charlie Speech", "Transcribe", "green", 0, 0, 0, 400, "accepted"),
        ("Delta_Labs", "Delta 100%", None, 0, 0, 0, None, "invited"),
    ]
    for name, product, rating, high, medium, low, days, status in rows:
        build.assessment(
            procurement,
            supplier_name=name,
            product=product,
            rating=rating,
            flags_high=high,
            flags_medium=medium,
            flags_low=low,
            status=status,
            expiry_date=TODAY + dt.timedelta(days=days) if days is not None else None,
        )
    other = build.user(build.org("buyer"), "procurement")
    build.assessment(other, supplier_name="Zulu Hidden", product="Secret")
    return procurement


def _suppliers(page: bytes) -> list[str]:
    return re.findall(r'<td><a href="/assessments/\d+">([^<]+)</a></td>', page.decode())


def test_shows_every_assessment_of_the_buyer_only(login, portfolio):
    page = login(portfolio).get("/assessments/")
    assert page.status_code == 200
    assert sorted(_suppliers(page.data)) == ["Alpha Voice", "Bravo AI", "Charlie Speech", "Delta_Labs"]
    assert b"Zulu Hidden" not in page.data
    assert b"rating-red" in page.data and b"not rated" in page.data


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("supplier", ["Alpha Voice", "Bravo AI", "Charlie Speech", "Delta_Labs"]),
        ("rating", ["Alpha Voice", "Bravo AI", "Charlie Speech", "Delta_Labs"]),
        ("high", ["Bravo AI", "Charlie Speech", "Delta_Labs", "Alpha Voice"]),
        ("medium", ["Charlie Speech", "Delta_Labs", "Alpha Voice", "Bravo AI"]),
        ("expiry", ["Alpha Voice", "Bravo AI", "Charlie Speech"]),
    ],
)
def test_sorts_by_each_column_both_ways(login, portfolio, sort, expected):
    client = login(portfolio)
    ascending = _suppliers(client.get(f"/assessments/?sort={sort}&dir=asc").data)
    descending = _suppliers(client.get(f"/assessments/?sort={sort}&dir=desc").data)
    if sort in ("high", "medium"):
        assert ascending[-1] == expected[-1] and descending[0] == expected[-1]
    else:
        assert [s for s in ascending if s in expected] == expected
        assert [s for s in descending if s in expected] == expected[::-1]


def test_every_column_header_is_a_sort_link(login, portfolio):
    page = login(portfolio).get("/assessments/").data.decode()
    for key in dashboard.SORTS:
        assert f"sort={key}" in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("rating=red", ["Alpha Voice"]),
        ("rating=none", ["Delta_Labs"]),
        ("status=accepted", ["Charlie Speech"]),
        ("expiring=30", ["Alpha Voice"]),
        ("expiring=250", ["Alpha Voice", "Bravo AI"]),
        ("q=voice", ["Alpha Voice"]),
        ("q=transcribe", ["Charlie Speech"]),
        ("q=_", ["Delta_Labs"]),  # LIKE wildcards are searched for literally
        ("q=100%25", ["Delta_Labs"]),
        ("rating=amber&q=bravo", ["Bravo AI"]),
        ("rating=purple", ["Alpha Voice", "Bravo AI", "Charlie Speech", "Delta_Labs"]),  # bad filter ignored
    ],
)
def test_filters_and_search(login, portfolio, query, expected):
    page = login(portfolio).get(f"/assessments/?{query}&sort=supplier&dir=asc")
    assert page.status_code == 200
    assert _suppliers(page.data) == expected


def test_paginates(app, login, portfolio, monkeypatch):
    monkeypatch.setattr(dashboard.portfolio, "__defaults__", (3,))
    client = login(portfolio)
    first = client.get("/assessments/?sort=supplier&dir=asc").data
    second = client.get("/assessments/?sort=supplier&dir=asc&page=2").data
    assert _suppliers(first) == ["Alpha Voice", "Bravo AI", "Charlie Speech"]
    assert _suppliers(second) == ["Delta_Labs"]
    assert b"page 2 of 2" in second and b'rel="prev"' in second
    beyond = client.get("/assessments/?sort=supplier&dir=asc&page=99").data
    assert _suppliers(beyond) == ["Delta_Labs"]  # clamped to the last page


def test_supplier_dashboard_lists_only_its_assessments(login, build, portfolio):
    supplier_org = build.org("supplier")
    build.assessment(portfolio, supplier_org, supplier_name="Mine")
    page = login(build.user(supplier_org)).get("/assessments/").data
    assert _suppliers(page) == ["Mine"]


def test_admin_and_anonymous_are_kept_out(client, login, build, portfolio):
    assert client.get("/assessments/").status_code == 302
    admin = build.user(build.org("buyer"), "admin")
    assert login(admin).get("/assessments/").status_code == 403
