"""Ruled SoA tables: cell text read by sorting characters into rows once gives `Table.extract()`'s text."""

from __future__ import annotations

import pdfplumber

from parsers.soa_grid import TABLE_SETTINGS, cell_texts
from tests.conftest import CORPUS, require_path


def test_cell_texts_equal_pdfplumbers_extract_on_every_ruled_corpus_table() -> None:
    tables = 0
    for soa in sorted(require_path(CORPUS).glob("*/soa.pdf")):
        with pdfplumber.open(soa) as pdf:
            for page in pdf.pages:
                for table in page.find_tables(TABLE_SETTINGS):
                    tables += 1
                    where = f"{soa.parent.name} page {page.page_number}"
                    assert cell_texts(table, page.chars) == table.extract(), where
    assert tables >= 20  # the corpus has ruled SoAs; none found means the test tested nothing
