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
    for key in set(dashboard.SORTS) - {"buyer"}:  # the buyer column is the supplier's view
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
    build.assessment(portfolio, supplier_org, product="Their product", status="in_progress",
                     response_due=TODAY - dt.timedelta(days=1))
    page = login(build.user(supplier_org)).get("/assessments/").get_data(as_text=True)
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 2  # nothing of the other supplier's
    from portal.models import Organisation

    buyer_name = build.get(Organisation, portfolio.organisation_id).name
    assert all(f"<td>{buyer_name}</td>" in row for row in rows)  # who asks
    late = next(row for row in rows if "Their product" in row)
    assert "2026-01-09" in late and "overdue" in late and "in progress" in late  # when due, where it stands
    assert "sort=buyer" in page and "sort=due" in page


def test_admin_and_anonymous_are_kept_out(client, login, build, portfolio):
    assert client.get("/assessments/").status_code == 302
    admin = build.user(build.org("buyer"), "admin")
    assert login(admin).get("/assessments/").status_code == 403


def _rows(page: str) -> list[str]:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]


def test_rows_with_the_same_supplier_and_product_are_told_apart(login, build, portfolio):
    first = build.assessment(portfolio, supplier_name="Twin", product="Same", buyer_reference="PO-1001")
    second = build.assessment(portfolio, supplier_name="Twin", product="Same", buyer_reference="PO-2002")
    page = login(portfolio).get("/assessments/?q=twin").get_data(as_text=True)
    rows = _rows(page)
    assert len(rows) == 2
    assert f"#{first.id}<" in "".join(rows) and f"#{second.id}<" in "".join(rows)
    assert "PO-1001" in "".join(rows) and "PO-2002" in "".join(rows)
    assert all(re.search(r'<time datetime="\d{4}-\d\d-\d\d">', row) for row in rows)  # the opening date


def test_search_finds_the_buyer_reference_and_the_number(login, build, portfolio):
    wanted = build.assessment(portfolio, supplier_name="Echo", product="EchoBot", buyer_reference="CT-77/a")
    client = login(portfolio)
    for q in ("ct-77", f"#{wanted.id}", str(wanted.id)):
        assert "Echo" in "".join(_rows(client.get(f"/assessments/?q={q}").get_data(as_text=True))), q


def test_the_watch_list_and_charts_follow_the_filter_and_come_after_the_table(login, portfolio):
    page = login(portfolio).get("/assessments/?rating=red").get_data(as_text=True)
    assert page.index("<table") < page.index('id="watch-list"')
    watch = page.split('id="watch-list"', 1)[1]
    assert "Alpha Voice" in watch  # expiring in 20 days, and red
    assert "Bravo AI" not in watch and "Delta_Labs" not in watch  # amber / not rated: filtered out
    assert "Red: 1" in watch and "Amber: 0" in watch  # the ratings chart counts the filtered set
    unfiltered = login(portfolio).get("/assessments/").get_data(as_text=True).split('id="watch-list"', 1)[1]
    assert "Amber: 1" in unfiltered and "Delta_Labs" in unfiltered


def test_every_chart_has_a_legend(login, portfolio):
    watch = login(portfolio).get("/assessments/").get_data(as_text=True).split('id="watch-list"', 1)[1]
    figures = watch.split("<figure")[1:]
    assert len(figures) == 2
    assert all('class="legend"' in figure and "swatch" in figure for figure in figures)
