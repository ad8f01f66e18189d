"""The portfolio export: CSV and XLSX rows, the dashboard's filters, and who may download it."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from portal.legal.export import HEADER

EXPIRY = dt.date(2026, 2, 1)


@pytest.fixture
def portfolio(build):
    """A buyer with three rated assessments (one with a formula-like name) and a stranger's one."""
    buyer = build.org("buyer")
    procurement, legal = build.user(buyer, "procurement"), build.user(buyer, "legal")
    supplier_org = build.org("supplier")
    red = build.assessment(procurement, supplier_org, supplier_name="Harbourline", product="VoiceDesk",
                           rating="red", flags_high=2, expiry_date=EXPIRY, status="submitted")
    build.scoring(red, rating="red", flags=[{"code": c, "severity": "high", "message": "m"}
                                            for c in ("scope.narrow", "cert.unaccredited")])
    green = build.assessment(procurement, build.org("supplier"), supplier_name="Brightfen",
                             product="Ledger AI", rating="green", status="accepted",
                             expiry_date=dt.date(2028, 1, 1))
    build.scoring(green, rating="green", flags=[])
    build.assessment(procurement, None, supplier_name="=HYPERLINK(\"http://x\")", product="+Macro")
    stranger = build.user(build.org("buyer"), "procurement")
    build.assessment(stranger, None, supplier_name="Strangers Ltd", product="Secret")
    return {"procurement": procurement, "legal": legal, "supplier": build.user(supplier_org)}


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_lists_every_assessment_of_the_buyer_with_flags(app, login, portfolio):
    response = login(portfolio["legal"]).get("/legal/portfolio.csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = {r["Supplier"]: r for r in _csv(response)}
    assert set(rows) == {"Harbourline", "Brightfen", "'=HYPERLINK(\"http://x\")"}
    red = rows["Harbourline"]
    assert (red["Rating"], red["Status"], red["High flags"]) == ("red", "submitted", "2")
    assert red["Flags"] == "cert.unaccredited; scope.narrow"
    assert red["Certificate expiry"] == EXPIRY.isoformat()
    assert rows["Brightfen"]["Flags"] == "" and rows["Brightfen"]["Rating"] == "green"
    # spreadsheet programs must not run a supplier-typed formula
    assert rows["'=HYPERLINK(\"http://x\")"]["Product"] == "'+Macro"
    assert rows["'=HYPERLINK(\"http://x\")"]["Rating"] == "not rated"


def test_csv_takes_the_dashboards_filters(app, login, portfolio):
    client = login(portfolio["procurement"])
    assert [r["Supplier"] for r in _csv(client.get("/legal/portfolio.csv?q=harbour"))] == ["Harbourline"]
    assert [r["Supplier"] for r in _csv(client.get("/legal/portfolio.csv?rating=green"))] == ["Brightfen"]
    assert [r["Supplier"] for r in _csv(client.get("/legal/portfolio.csv?status=accepted"))] == ["Brightfen"]
    sorted_rows = _csv(client.get("/legal/portfolio.csv?sort=supplier&dir=asc"))
    assert [r["Supplier"] for r in sorted_rows][:2] == ["'=HYPERLINK(\"http://x\")", "Brightfen"]


def test_expiring_filter_uses_the_configured_today(app, login, portfolio):
    app.config["TODAY"] = "2026-01-15"
    rows = _csv(login(portfolio["procurement"]).get("/legal/portfolio.csv?expiring=30"))
    assert [r["Supplier"] for r in rows] == ["Harbourline"]


def test_xlsx_holds_the_same_rows_with_real_dates(app, login, portfolio):
    client = login(portfolio["legal"])
    response = client.get("/legal/portfolio.xlsx?sort=supplier&dir=asc")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADER
    by_supplier = {r[1]: r for r in rows[1:]}
    assert set(by_supplier) == {"Harbourline", "Brightfen", "'=HYPERLINK(\"http://x\")"}
    harbourline = by_supplier["Harbourline"]
    assert harbourline[3] == "red" and harbourline[8] == "cert.unaccredited; scope.narrow"
    assert harbourline[9].date() == EXPIRY
    formula_like = sheet["B2"]  # sorted first: '=' before letters
    assert formula_like.data_type == "s" and formula_like.value.startswith("'=")  # text, never a formula
    assert len(rows) - 1 == len(_csv(client.get("/legal/portfolio.csv")))


def test_the_dashboard_links_the_export_with_its_filters(app, login, portfolio):
    html = login(portfolio["procurement"]).get("/assessments/?q=harbour&rating=red").get_data(as_text=True)
    assert "/legal/portfolio.csv?" in html and "q=harbour" in html and "rating=red" in html
    assert "/legal/portfolio" not in login(portfolio["supplier"]).get("/assessments/").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/legal/portfolio.csv", "/legal/portfolio.xlsx"])
def test_only_buyers_download_the_export(app, build, login, portfolio, url):
    assert login(portfolio["supplier"]).get(url).status_code == 403
    assert login(build.user(build.org("buyer"), "admin")).get(url).status_code == 403
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert b"Secret" not in login(portfolio["procurement"]).get(url).data
