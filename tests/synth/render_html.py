"""Write a layout Document as HTML and print many of them to PDF in one headless Chromium (Playwright)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from .layout import SIZES, Block, Columns, Document, Page, Pair, Spacer, Table, Text

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FONTS = {
    "sans": "'DejaVu Sans', 'Liberation Sans', sans-serif",
    "serif": "'DejaVu Serif', 'Liberation Serif', serif",
}

CSS = """
@page {{ size: {size}; margin: 14mm 16mm; }}
body {{ font-family: {font}; font-size: 9.5pt; margin: 0; }}
.page {{ display: flex; flex-direction: column; min-height: {min_height}; break-after: page; }}
.page:last-child {{ break-after: auto; }}
.letterhead .l0 {{ font-size: 13pt; font-weight: bold; }}
.letterhead {{ font-size: 8pt; margin-bottom: 14pt; }}
.footer {{ margin-top: auto; text-align: center; font-size: 7pt; padding-top: 10pt; }}
p {{ margin: 0 0 3pt 0; }} .strong, .title, .heading, .big, .mark {{ font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; margin: 2pt 0 6pt 0; table-layout: fixed; }}
td, th {{ vertical-align: top; text-align: left; padding: 2pt 3pt; overflow-wrap: anywhere; }}
table.ruled td, table.ruled th {{ border: 0.6pt solid #000; }} th {{ background: #e4e4e4; }}
.pair-right td:first-child {{ font-weight: bold; width: 36%; padding-left: 0; }}
.cols {{ display: flex; gap: 12pt; }} .cols > div {{ min-width: 0; }}
"""


def _lines(text: str | Sequence[str]) -> str:
    items = text.split("\n") if isinstance(text, str) else list(text)
    return "<br>".join(escape(line) for line in items)


def _block(block: Block) -> str:
    if isinstance(block, Text):
        return (
            f'<p class="{block.style}" style="text-align:{block.align};font-size:{SIZES[block.style]}pt">'
            f"{escape(block.text)}</p>"
        )
    if isinstance(block, Spacer):
        return f'<div style="height:{block.height}pt"></div>'
    if isinstance(block, Pair):
        return _pair(block)
    if isinstance(block, Table):
        return _table(block)
    return _columns(block)


def _pair(pair: Pair) -> str:
    if pair.mode == "inline":
        return f"<p><b>{escape(' / '.join(pair.label))}</b>: {escape(', '.join(pair.value))}</p>"
    if pair.mode == "below":
        return f'<p class="strong">{_lines(pair.label)}</p><p>{_lines(pair.value)}</p>'
    cells = f"<td>{_lines(pair.label)}</td><td>{_lines(pair.value)}</td>"
    return f'<table class="pair-right"><tr>{cells}</tr></table>'


def _table(table: Table) -> str:
    cols = "".join(f'<col style="width:{100 * w:.1f}%">' for w in table.widths)
    rows = list(table.rows)
    head = ""
    if table.header:
        cells = "".join(f"<th>{_lines(c)}</th>" for c in rows.pop(0))
        # a <thead> is repeated on every printed page; a header row in <tbody> is not
        head = f"<thead><tr>{cells}</tr></thead>" if table.repeat else f"<tr>{cells}</tr>"
    body = "".join("<tr>" + "".join(f"<td>{_lines(c)}</td>" for c in row) + "</tr>" for row in rows)
    size = f' style="font-size:{SIZES["small"]}pt"' if table.small else ""
    ruled = ' class="ruled"' if table.borders else ""
    if table.header and table.repeat:
        return f"<table{ruled}{size}><colgroup>{cols}</colgroup>{head}<tbody>{body}</tbody></table>"
    return f"<table{ruled}{size}><colgroup>{cols}</colgroup><tbody>{head}{body}</tbody></table>"


def _columns(cols: Columns) -> str:
    left = "".join(map(_block, cols.left))
    right = "".join(map(_block, cols.right))
    return (
        f'<div class="cols"><div style="flex:0 0 {100 * cols.split:.0f}%">{left}</div>'
        f'<div style="flex:1 1 auto">{right}</div></div>'
    )


def _page(page: Page, flowing: bool) -> str:
    head = "".join(f'<div class="l{i}">{escape(line)}</div>' for i, line in enumerate(page.letterhead))
    foot = "".join(f"<div>{escape(line)}</div>" for line in page.footer)
    body = "".join(map(_block, page.blocks))
    return (
        f'<section class="page"><div class="letterhead">{head}</div>{body}'
        f'<div class="footer">{foot}</div></section>'
    )


def to_html(doc: Document) -> str:
    """Return the document as one self-contained HTML page, sized for printing."""
    size = f"{doc.page_size} {'landscape' if doc.landscape else 'portrait'}"
    height_mm = (doc.page_points()[1] / 72 * 25.4) - 28 - 1
    css = CSS.format(
        size=size, font=FONTS[doc.font], min_height="auto" if doc.flowing else f"{height_mm:.0f}mm"
    )
    pages = "".join(_page(p, doc.flowing) for p in doc.pages)
    head = f'<meta charset="utf-8"><style>{css}</style>'
    return f"<!doctype html><html><head>{head}</head><body>{pages}</body></html>"


def print_many(jobs: Sequence[tuple[str, Path]]) -> None:
    """Print each (html, output path) to PDF with one Chromium for all of them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for html, out in jobs:
                page.set_content(html, wait_until="load")
                page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
