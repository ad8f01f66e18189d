"""Say what is damaged in a PDF that could still be read, so it is shown as "read with problems".

The parser reads what it can and stays quiet about the rest (pdfminer repairs or skips damage
silently). This pass asks the libraries the questions they answer without complaint: does each
cross-reference entry point at its object, does each compressed stream inflate, does the page tree
end, does each page's content use only PDF operators and fonts it has, does the file carry
JavaScript that runs on opening. Each answer is one short phrase a reviewer understands.
"""

from __future__ import annotations

import io
import re
import time
import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer.pdfdocument import PDFDocument, PDFXRefFallback
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral

INFLATE_LIMIT = 64 * 1024 * 1024  # a stream inflating past this is a bomb, whatever it holds
PAGES_CHECKED = 20
TOKENS_PER_PAGE = 200_000
_OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_NAMED = 6  # operators or fonts named in one message; the rest are counted


def find_problems(data: bytes, budget_s: float = 10.0) -> list[str]:
    """Return one phrase per kind of damage found (empty for a sound file)."""
    deadline = time.monotonic() + budget_s
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # the parser got further (pdfium may read what pdfminer cannot)
        return ["the file's structure is damaged; pdfminer could not open it"]
    problems = [*_xref_problems(document, data), *_stream_problems(document, deadline),
                *_page_tree_problems(document), *_active_content(document)]
    problems += _content_problems(document, deadline)
    return list(dict.fromkeys(problems))


def _xref_problems(document: PDFDocument, data: bytes) -> list[str]:
    if any(isinstance(x, PDFXRefFallback) for x in document.xrefs):
        return ["the cross-reference table is damaged; objects were found by scanning the file"]
    wrong = total = 0
    for objid, offset in _direct_offsets(document):
        total += 1
        found = _OBJ_HEADER.match(data, offset) if 0 <= offset < len(data) else None
        if found is None or int(found.group(1)) != objid:
            wrong += 1
    if wrong:
        return [f"{wrong} of {total} cross-reference entries point to the wrong place in the file"]
    return []


def _direct_offsets(document: PDFDocument) -> Iterator[tuple[int, int]]:
    for xref in document.xrefs:
        for objid in xref.get_objids():
            try:
                stream_id, offset, _ = xref.get_pos(objid)
            except Exception:
                continue
            if stream_id is None and objid:
                yield objid, offset


def _all_objects(document: PDFDocument, deadline: float) -> Iterator[tuple[int, Any]]:
    seen: set[int] = set()
    for xref in document.xrefs:
        for objid in xref.get_objids():
            if objid in seen or not objid or time.monotonic() > deadline:
                continue
            seen.add(objid)
            try:
                yield objid, document.getobj(objid)
            except Exception:
                continue


def _stream_problems(document: PDFDocument, deadline: float) -> list[str]:
    broken, bombs = [], []
    for objid, obj in _all_objects(document, deadline):
        if isinstance(obj, PDFStream) and _is_flate(obj):
            verdict = _inflate_check(obj.rawdata or b"")
            if verdict == "damaged":
                broken.append(objid)
            elif verdict == "bomb":
                bombs.append(objid)
    problems = []
    if broken:
        problems.append(f"{_count(broken, 'compressed stream')} cannot be decompressed "
                        f"(object {', '.join(map(str, broken[:_NAMED]))}); their content was not read")
    if bombs:
        problems.append(f"{_count(bombs, 'compressed stream')} inflate to more than "
                        f"{INFLATE_LIMIT // (1024 * 1024)} MB (a decompression bomb)")
    return problems


def _is_flate(stream: PDFStream) -> bool:
    filters = resolve1(stream.attrs.get("Filter"))
    names = filters if isinstance(filters, list) else [filters]
    return bool(names) and _name(resolve1(names[0])) in ("FlateDecode", "Fl")


def _inflate_check(raw: bytes) -> str:
    """Inflate in bounded steps: 'ok', 'damaged' (zlib refuses the data) or 'bomb'."""
    inflater, pending, total = zlib.decompressobj(), raw, 0
    try:
        while pending:
            total += len(inflater.decompress(pending, 1024 * 1024))
            pending = inflater.unconsumed_tail
            if total > INFLATE_LIMIT:
                return "bomb"
    except zlib.error:
        return "damaged"
    return "ok"


def _page_tree_problems(document: PDFDocument) -> list[str]:
    try:
        root = resolve1(document.catalog.get("Pages"))
    except Exception:
        return ["the page tree cannot be found"]
    start = document.catalog.get("Pages")
    stack: list[tuple[Any, set[int]]] = [(start, set())]
    while stack:
        ref, ancestors = stack.pop()
        objid = ref.objid if isinstance(ref, PDFObjRef) else None
        if objid is not None and objid in ancestors:
            return ["the page tree refers back to itself (a cycle); pages in it may be missing or repeated"]
        node = resolve1(ref) if ref is not start else root
        kids = resolve1(node.get("Kids")) if isinstance(node, dict) else None
        if isinstance(kids, list) and len(ancestors) < 64:
            below = ancestors | ({objid} if objid is not None else set())
            stack.extend((kid, below) for kid in kids)
    return []


def _active_content(document: PDFDocument) -> list[str]:
    catalog = document.catalog
    action = _safe_resolve(catalog.get("OpenAction"))
    names = _safe_resolve(catalog.get("Names"))
    scripted = (isinstance(action, dict) and _name(_safe_resolve(action.get("S"))) == "JavaScript") or \
        (isinstance(names, dict) and "JavaScript" in names) or "AA" in catalog
    if scripted:
        return ["the file carries JavaScript to run when it is opened (never run here)"]
    return []


def _content_problems(document: PDFDocument, deadline: float) -> list[str]:
    unknown: dict[str, list[int]] = {}
    missing: dict[str, list[int]] = {}
    try:
        pages = list(_first_pages(document))
    except Exception:
        return []
    for number, page in pages:
        if time.monotonic() > deadline:
            break
        fonts = _font_names(page)
        for kind, name in _page_faults(page, fonts):
            (unknown if kind == "operator" else missing).setdefault(name, []).append(number)
    problems = []
    if unknown:
        problems.append(f"{_pages_of(unknown)} drawing instructions no PDF defines "
                        f"({_names(unknown)}); text there may be incomplete")
    if missing:
        problems.append(f"{_pages_of(missing)} text in fonts the file does not include "
                        f"({_names(missing)}); it may be shown or read wrongly")
    return problems


def _first_pages(document: PDFDocument) -> Iterator[tuple[int, PDFPage]]:
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if number > PAGES_CHECKED:
            return
        yield number, page


def _font_names(page: PDFPage) -> set[str]:
    resources = _safe_resolve(page.resources) or {}
    fonts = _safe_resolve(resources.get("Font")) if isinstance(resources, dict) else None
    return set(fonts) if isinstance(fonts, dict) else set()


def _page_faults(page: PDFPage, fonts: set[str]) -> Iterator[tuple[str, str]]:
    """Yield ('operator', name) for unknown operators and ('font', name) for undefined fonts."""
    streams = [s for s in (page.contents or []) if _small_enough(s)]
    if not streams:
        return
    parser = PDFContentParser(streams)
    operands: list[Any] = []
    compat = 0  # BX ... EX sections may use operators a reader does not know
    for _ in range(TOKENS_PER_PAGE):
        try:
            _, token = parser.nextobject()
        except PSEOF:
            return
        except Exception:
            yield "operator", "(unreadable)"
            return
        if not isinstance(token, PSKeyword):
            operands.append(token)
            continue
        name = _name(token)
        compat += (name == "BX") - (name == "EX")
        if name == "Tf" and len(operands) >= 2 and _name(operands[-2]) not in fonts:
            yield "font", _name(operands[-2])
        elif compat <= 0 and not _known_operator(name):
            yield "operator", name
        operands.clear()


def _small_enough(stream: Any) -> bool:
    stream = _safe_resolve(stream)
    if not isinstance(stream, PDFStream):
        return False
    return not _is_flate(stream) or _inflate_check(stream.rawdata or b"") == "ok"


def _known_operator(name: str) -> bool:
    method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
    return hasattr(PDFPageInterpreter, method)


def _safe_resolve(value: Any) -> Any:
    try:
        return resolve1(value)
    except Exception:
        return None


def _name(value: Any) -> str:
    if isinstance(value, PSLiteral | PSKeyword):
        value = value.name
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value) if value is not None else ""


def _count(items: list[Any], noun: str) -> str:
    return f"1 {noun}" if len(items) == 1 else f"{len(items)} {noun}s"


def _pages_of(found: dict[str, list[int]]) -> str:
    pages = sorted({p for numbers in found.values() for p in numbers})
    label = "page" if len(pages) == 1 else "pages"
    return f"{label} {', '.join(map(str, pages[:_NAMED]))} {'has' if len(pages) == 1 else 'have'}"


def _names(found: dict[str, list[int]]) -> str:
    shown = [n for n in found if n.isprintable() and 0 < len(n) <= 12][:_NAMED]
    rest = len(found) - len(shown)
    if not shown:
        return f"{rest} unreadable ones"
    return ", ".join(shown) + (f" and {rest} more" if rest else "")
