"""OCR for pages with no text layer: render with pypdfium2, read with Tesseract (pytesseract)."""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pytesseract

from . import lexicon, ocr_grid, ocr_rows
from .errors import CorruptPdf, OcrUnavailable, TooSlow
from .model import BBox
from .ocr_language import address_languages, guess_language, ocr_model
from .pages import Word, open_pdfium
from .settings import ParseSettings

INSTALL_HINT = "install Tesseract OCR (Debian/Ubuntu: apt-get install tesseract-ocr)"
# Page segmentation: fully automatic layout analysis reads certificates' mixed blocks best.
DEFAULT_PSM = 3
MIN_DPI = 150  # below this Tesseract misses small print
MIN_CONFIDENCE = 10.0  # Tesseract's per-word confidence (0-100); below it is speckle, not text


def page_has_image(plumber_page: Any) -> bool:
    """Return whether the page carries any image worth reading."""
    return bool(plumber_page.images)


class Renderer:
    """Render pages of one PDF to images; opens the bytes with pypdfium2 once, on first use."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._document: Any = None
        self._opened = False

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def page_count(self) -> int:
        """Return how many pages pdfium sees (0 if it cannot read the file; EncryptedPdf for a password)."""
        document = self._open()
        return len(document) if document is not None else 0

    def page_size(self, index: int) -> tuple[float, float]:
        """Return page `index`'s width and height in PDF points."""
        width, height = self._require()[index].get_size()
        return float(width), float(height)

    def render(self, index: int, dpi: int) -> Any:
        """Return page `index` (0-based) as a greyscale PIL image at `dpi`."""
        page = self._require()[index]
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            return bitmap.to_pil()
        except pdfium.PdfiumError as exc:
            raise CorruptPdf(f"page {index + 1} cannot be rendered for OCR") from exc

    def close(self) -> None:
        """Release the pdfium document."""
        if self._document is not None:
            self._document.close()
            self._document = None

    def _open(self) -> Any:
        if not self._opened:
            self._document = open_pdfium(self._data)
            self._opened = True
        return self._document

    def _require(self) -> Any:
        document = self._open()
        if document is None:
            raise CorruptPdf("the PDF's scanned pages cannot be rendered for OCR")
        return document


def require_tesseract() -> None:
    """Raise OcrUnavailable unless the tesseract program can be run."""
    if not _tesseract_version():
        raise OcrUnavailable(f"this document is scanned and needs OCR: {INSTALL_HINT}")


@functools.lru_cache(maxsize=1)
def _tesseract_version() -> str | None:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return None
    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError):
        return None


@functools.lru_cache(maxsize=8)
def _languages(wanted: str) -> str:
    """Keep the requested languages Tesseract has; English if none of them is installed."""
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError):
        return "eng"
    usable = [lang for lang in wanted.split("+") if lang in installed]
    return "+".join(usable) or "eng"


GridCell = tuple[BBox, str]


@dataclass
class OcrPage:
    """What Tesseract read on a page, the horizontal table rules, and any fully ruled table's cells."""

    words: list[Word]
    rules: list[float]  # y of each rule, PDF points from the top
    grid: list[list[list[GridCell]]] = field(default_factory=list)  # tables → rows → cells
    turned: int = 0  # degrees the page image was turned clockwise to read it (its width and height swap
    # at 90 and 270)
    languages: str = ""  # the Tesseract models it was read with ("spa+eng")


def read_page(renderer: Renderer, index: int, settings: ParseSettings, timeout_s: float,
              native_dpi: float | None = None, languages: str | None = None) -> OcrPage:
    """Render page `index` and read its words with Tesseract; boxes in PDF points.

    A fully ruled table is read cell by cell (see ocr_grid); the rest of the page as a whole. A page
    that reads as gibberish is checked for being scanned on its side or upside down, and turned. A page
    in a language the models used do not cover is read again with that language's model (when
    installed); `languages` (a previous page's `languages`) starts there instead of the settings'.
    """
    require_tesseract()
    dpi = ocr_dpi(settings, native_dpi)
    image = renderer.render(index, dpi)
    lang = _languages(languages or settings.ocr_languages)
    page, confident = _read_image(image, dpi, lang, timeout_s, index)
    turn = 0
    if confident < GARBLED_SHARE:
        turn = _upright_turn(image, timeout_s)
        if turn:
            image = image.rotate(-turn, expand=True, fillcolor=255)
            page, _ = _read_image(image, dpi, lang, timeout_s, index)
    better = _language_of(page, lang)
    if better is not None:
        page, _ = _read_image(image, dpi, better, timeout_s, index)
        lang = better
    page.turned, page.languages = turn, lang
    return page


def _language_of(page: OcrPage, lang: str) -> str | None:
    """Return the models to read `page` again with, when its language's model was not among `lang`."""
    found = guess_language(w.text for w in page.words)
    model = ocr_model(found) if found else None
    if model is None or model in lang.split("+"):
        return None
    usable = _languages(f"{model}+eng")
    return usable if model in usable.split("+") else None


GARBLED_SHARE = 0.5  # below this share of confidently read words, a page may be turned
_CONFIDENT = 60.0
_MIN_WORDS = 12  # too few words to judge


def _read_image(image: Any, dpi: int, lang: str, timeout_s: float, index: int) -> tuple[OcrPage, float]:
    """Read one upright (or so assumed) page image; return it and the share of confidently read words."""
    turned, _ = ocr_grid.deskew(image)
    rows = ocr_grid.find_grid(turned, dpi) or ocr_rows.find_rows(turned, dpi)
    cell_words: list[Word] = []
    grid: list[list[list[GridCell]]] = []
    cell_reads: list[dict[str, list[Any]]] = []
    page_image = image
    if rows:
        image = turned
        cell_words, grid, cell_reads = _read_cells(image, rows, dpi, lang, timeout_s, index)
        page_image = ocr_grid.mask(image, rows)
    rules = horizontal_rules(image, dpi)
    data = _tesseract(page_image, lang, f"--psm {DEFAULT_PSM}", timeout_s, index)
    data = _reread_addresses(page_image, data, lang, timeout_s, index)
    # a sideways table has rules too: its cells' reading counts as much as the rest of the page's
    upright = [flag for read in (data, *cell_reads) for flag in _upright_words(read)]
    confident = sum(upright) / len(upright) if len(upright) >= _MIN_WORDS else 1.0
    return OcrPage(_to_words(data, 72.0 / dpi) + cell_words, rules, grid), confident


def _reread_addresses(image: Any, data: dict[str, list[Any]], lang: str, timeout_s: float,
                      index: int) -> dict[str, list[Any]]:
    """Read an address line (and the line under it) again in its own language, when the page's models
    lack it: an English page's "Avenida Paulista …, São Paulo" comes out as "Säo" otherwise.

    The line's language is that of its street word ("rua", "via", "…strasse"); the new reading replaces
    the old only when it has as many lines and is read at least as confidently."""
    lines = _tesseract_lines(data)
    keys = list(lines)
    have = set(lang.split("+"))
    for n, key in enumerate(keys):
        words = [data["text"][i] for i in lines[key]]
        if not any(c.isdigit() for w in words for c in w):
            continue
        street = {m for m in map(ocr_model, address_languages(words)) if m}
        models = street - have
        usable = set(_languages("+".join(sorted(models))).split("+")) & models if models else set()
        if not usable or have & street:
            continue  # no street word, or one the page's models already read
        below = keys[n + 1] if n + 1 < len(keys) and keys[n + 1][:2] == key[:2] else None
        block = [key] + ([below] if below else [])
        again = _read_lines_again(image, data, [lines[k] for k in block], "+".join(sorted(usable)) + "+eng",
                                  timeout_s, index)
        if again is not None:
            data = again
            lines = _tesseract_lines(data)
            keys = list(lines)
    return data


def _tesseract_lines(data: dict[str, list[Any]]) -> dict[tuple[int, int, int], list[int]]:
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text and text.strip():
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    return lines


def _read_lines_again(image: Any, data: dict[str, list[Any]], lines: list[list[int]], lang: str,
                      timeout_s: float, index: int) -> dict[str, list[Any]] | None:
    """Return `data` with `lines` replaced by their reading with `lang`, or None if that reads worse."""
    old = [i for line in lines for i in line]
    height = max(data["height"][i] for i in old)
    x0 = max(0, min(data["left"][i] for i in old) - height)
    y0 = max(0, min(data["top"][i] for i in old) - height // 2)
    x1 = min(image.width, max(data["left"][i] + data["width"][i] for i in old) + height)
    y1 = min(image.height, max(data["top"][i] + data["height"][i] for i in old) + height // 2)
    new = _tesseract(image.crop((x0, y0, x1, y1)), lang, "--psm 6", timeout_s, index)
    fresh = _tesseract_lines(new)
    if len(fresh) != len(lines) or _mean_confidence(new, fresh) < _mean_confidence(data, {0: old}):
        return None
    keep = [i for i in range(len(data["text"])) if i not in set(old)]
    out = {name: [values[i] for i in keep] for name, values in data.items()}
    for line, indices in zip(lines, fresh.values(), strict=True):
        block, par, number = data["block_num"][line[0]], data["par_num"][line[0]], data["line_num"][line[0]]
        for i in indices:
            for name, values in out.items():
                values.append(new[name][i])
            out["left"][-1] += x0
            out["top"][-1] += y0
            out["block_num"][-1], out["par_num"][-1], out["line_num"][-1] = block, par, number
    return out


def _mean_confidence(data: dict[str, list[Any]], lines: dict[Any, list[int]]) -> float:
    confs = [float(data["conf"][i]) for line in lines.values() for i in line]
    return sum(confs) / len(confs) if confs else 0.0


def _upright_words(data: dict[str, list[Any]]) -> list[bool]:
    """Return, for each word of two letters or more, whether it reads upright.

    Tesseract reads a page scanned on its side letter by letter up the page, often confidently: a word
    of several letters in a box taller than wide is not read upright, whatever its confidence."""
    return [float(c) >= _CONFIDENT and not (len(str(t).strip()) >= 3 and h > w)
            for c, t, w, h in zip(data["conf"], data["text"], data["width"], data["height"], strict=False)
            if len(str(t).strip()) > 1]


def _upright_turn(image: Any, timeout_s: float) -> int:
    """Return the clockwise turn (90, 180 or 270 degrees) Tesseract's orientation detection says the
    page needs, or 0 when it is upright or the detection is unsure."""
    try:
        with _single_threaded():
            osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT,
                                           timeout=max(timeout_s, 1.0))
    except (pytesseract.TesseractError, RuntimeError):
        return 0  # no script found, or out of time: read the page as it is
    turn = int(osd.get("rotate", 0)) % 360
    sure = float(osd.get("orientation_conf", 0.0)) >= _MIN_OSD_CONFIDENCE
    return turn if turn in (90, 180, 270) and sure else 0


_MIN_OSD_CONFIDENCE = 2.0


def _tesseract(image: Any, lang: str, config: str, timeout_s: float, index: int) -> dict[str, list[Any]]:
    """Run Tesseract once on one thread; typed errors for a timeout or a missing program."""
    try:
        with _single_threaded():
            data: dict[str, list[Any]] = pytesseract.image_to_data(
                image, lang=lang, config=config, output_type=pytesseract.Output.DICT,
                timeout=max(timeout_s, 1.0))
            return data
    except pytesseract.TesseractError as exc:  # Tesseract ran and failed (a RuntimeError too)
        raise CorruptPdf(f"page {index + 1} could not be read by OCR ({exc.message.strip()})") from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise TooSlow(f"OCR of page {index + 1} took longer than the time budget") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailable(f"this document is scanned and needs OCR: {INSTALL_HINT}") from exc


CellLines = list[list[tuple[str, ocr_grid.PixelBox]]]  # a cell's lines of words
MAX_STRIP_PX = 30_000  # Tesseract refuses an image taller or wider than 32,767 pixels


def _strips(image: Any, rows: list[list[ocr_grid.PixelBox]], dpi: int,
            first: int) -> list[tuple[Any, list[ocr_grid.CellSlot]]]:
    """Return the table's cells pasted on strips Tesseract accepts: halve the rows until each fits."""
    strip, slots = ocr_grid.cell_strip(image, rows, dpi, first_row=first)
    if max(strip.size) <= MAX_STRIP_PX or len(rows) < 2:
        return [(strip, slots)]
    half = len(rows) // 2
    return _strips(image, rows[:half], dpi, first) + _strips(image, rows[half:], dpi, first + half)


def _read_cells(image: Any, rows: list[list[ocr_grid.PixelBox]], dpi: int, lang: str, timeout_s: float,
                index: int) -> tuple[list[Word], list[list[list[GridCell]]], list[dict[str, list[Any]]]]:
    """Read a ruled table's cells in two Tesseract calls: text cells on a strip, lone marks on a line
    (more when the strip would pass Tesseract's image size limit)."""
    cells: dict[tuple[int, int], CellLines] = {}
    reads = []
    for strip, slots in _strips(image, rows, dpi, 0):
        if not slots:
            continue
        data = _tesseract(strip, lang, "--psm 6", timeout_s, index)
        reads.append(data)
        for key, items in ocr_grid.words_in_cells(data, slots, dpi, MIN_CONFIDENCE).items():
            cells[key] = _cell_lines(sorted(items, key=lambda item: item[2]))
        glyphs = [slot for slot in slots if ocr_grid.is_glyph(slot, dpi)]
        if glyphs:
            line, spans = ocr_grid.glyph_line(image, glyphs)
            marks = ocr_grid.glyph_texts(_tesseract(line, lang, "--psm 7", timeout_s, index), spans)
            for k, text in marks.items():
                if not _RULE_ARTEFACT.match(text):
                    cells[(glyphs[k].row, glyphs[k].col)] = [[(_mark(text), glyphs[k].ink)]]
    if not cells:
        return [], [], reads
    scale = 72.0 / dpi
    words: list[Word] = []
    for lines in cells.values():
        for row in lines:  # one top and bottom per line, as on a text layer
            top, bottom = min(b[1] for _, b in row) * scale, max(b[3] for _, b in row) * scale
            words.extend(Word(text, b[0] * scale, top, b[2] * scale, bottom, bottom - top) for text, b in row)
    return words, _tables(rows, cells, scale), reads


def _mark(text: str) -> str:
    """Name a lone mark as Tesseract, which has no tick glyphs, read it (lexicon soa.ocr_marks): a tick
    read as "v" is ✓, "¥" is Y; a cross stays x (its column decides)."""
    text = clean_text(text)
    if text in lexicon.phrases("soa", "ocr_marks", "ticks"):
        return "✓"
    if text in lexicon.phrases("soa", "ocr_marks", "crosses"):
        return "x"
    return "Y" if text == "¥" else text


def _cell_lines(items: list[tuple[str, ocr_grid.PixelBox, tuple[int, ...]]]) -> CellLines:
    """Group a cell's words into its lines (Tesseract's line numbers)."""
    lines: dict[tuple[int, ...], list[tuple[str, ocr_grid.PixelBox]]] = {}
    for text, box, key in items:
        if not _RULE_ARTEFACT.match(text):
            lines.setdefault(key[:3], []).append((clean_text(text), box))
    return list(lines.values())


def _tables(rows: list[list[ocr_grid.PixelBox]], cells: dict[tuple[int, int], CellLines],
            scale: float) -> list[list[list[GridCell]]]:
    """Group grid rows into tables (a row starting where the previous one ended) of cells in points."""
    tables: list[list[list[GridCell]]] = []
    bottom = None
    for r, row in enumerate(rows):
        out = [((b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale),
                "\n".join(" ".join(t for t, _ in line) for line in cells.get((r, c), [])))
               for c, b in enumerate(row)]
        if bottom is not None and tables and abs(row[0][1] - bottom) <= 4:
            tables[-1].append(out)
        else:
            tables.append([out])
        bottom = row[0][3]
    return tables


def horizontal_rules(image: Any, dpi: int) -> list[float]:
    """Find long thin horizontal lines (table row rules) on a page image; y in PDF points.

    A text layer gives pdfplumber these as vector lines; on a scan they are the only reliable
    row boundaries when cells are vertically centred or wrap.
    """
    binary = image.point(lambda v: 0 if v < _RULE_INK else 255)
    width, height = binary.size
    min_len, reach = int(dpi * _RULE_MIN_INCHES), max(2, dpi // 30)
    rows = sorted({y for y, _, _ in ocr_grid.thin_runs(binary.tobytes(), width, height, min_len, reach,
                                                         edges=False)})
    merged: list[list[int]] = []
    for y in rows:
        if merged and y - merged[-1][-1] <= 2:
            merged[-1].append(y)
        else:
            merged.append([y])
    return [sum(group) / len(group) * 72.0 / dpi for group in merged]


_RULE_INK = 200  # rules are often light grey
_RULE_MIN_INCHES = 1.0


def ocr_dpi(settings: ParseSettings, native_dpi: float | None) -> int:
    """Render at the scan's own resolution (no gain in upsampling), within 150 dpi and the setting."""
    if not native_dpi:
        return settings.ocr_dpi
    return int(min(settings.ocr_dpi, max(MIN_DPI, round(native_dpi))))


def native_dpi(plumber_page: Any) -> float | None:
    """Return the resolution of the page's largest image, in pixels per inch of the page."""
    images = [im for im in plumber_page.images if im.get("srcsize") and im["x1"] > im["x0"]]
    if not images:
        return None
    largest = max(images, key=lambda im: (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]))
    return float(largest["srcsize"][0]) * 72.0 / float(largest["x1"] - largest["x0"])


@contextmanager
def _single_threaded() -> Iterator[None]:
    """Run Tesseract on one thread: on a small shared machine its OpenMP threads fight (3-4x slower)."""
    previous = os.environ.get("OMP_THREAD_LIMIT")
    if previous is None:
        os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)


def _to_words(data: dict[str, list[Any]], scale: float) -> list[Word]:
    """Convert Tesseract's pixel boxes to PDF points, giving words of one visual row one top."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        readable = bool(text and text.strip()) and float(data["conf"][i]) >= MIN_CONFIDENCE
        if readable and not _RULE_ARTEFACT.match(text):
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    boxes = {key: (min(data["top"][i] for i in idx) * scale,
                   max(data["top"][i] + data["height"][i] for i in idx) * scale)
             for key, idx in lines.items()}
    rows = _visual_rows(boxes)
    words: list[Word] = []
    for key, indices in lines.items():
        top, bottom = rows[key]
        for i in indices:
            x0 = data["left"][i] * scale
            words.append(Word(clean_text(data["text"][i]), x0, top, x0 + data["width"][i] * scale,
                              bottom, bottom - top))
    return words


# Table rules read as "|", "[" or "_": dropping them keeps table columns apart
_RULE_ARTEFACT = re.compile(r"^\s*[|\[\]{}_¦]+\s*$")


def _visual_rows(boxes: dict[Any, tuple[float, float]]) -> dict[Any, tuple[float, float]]:
    """Snap Tesseract lines that sit side by side (e.g. label and value blocks) onto one row.

    A text layer gives such words one top; matching that keeps OCR'd pages laid out alike.
    """
    ordered = sorted(boxes, key=lambda k: (boxes[k][0] + boxes[k][1]) / 2)
    snapped: dict[Any, tuple[float, float]] = {}
    anchor: tuple[float, float] | None = None
    for key in ordered:
        top, bottom = boxes[key]
        if anchor and _same_row(anchor, (top, bottom)):
            snapped[key] = anchor
        else:
            anchor = (top, bottom)
            snapped[key] = anchor
    return snapped


def _same_row(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Lines of similar size whose tops differ by jitter only (a heading beside small print does not)."""
    ha, hb = a[1] - a[0], b[1] - b[0]
    similar = min(ha, hb) >= 0.75 * max(ha, hb)
    return similar and abs(a[0] - b[0]) <= 0.35 * min(ha, hb)


_AI_MISREAD = re.compile(r"^Al(?=$|-[a-z]|[.,;:)])")
_CAPS_WITH_L = re.compile(r"^(?=.*(?:l[A-Z]|[A-Z]{2}l))[A-Zl]{2,}[.,;:)]?$")


def _without_rule_edges(word: str) -> str:
    """Drop a table's vertical rule read into the word beside it: "|Version", "[3.8", "ciso]".

    A bar never starts or ends a word; a bracket is a rule when the word does not close (or open) it."""
    if len(word) > 1 and (word[0] in "|¦" or (word[0] == "[" and "]" not in word)):
        word = word[1:]
    if len(word) > 1 and (word[-1] in "|¦" or (word[-1] == "]" and "[" not in word)):
        word = word[:-1]
    return word


def clean_text(text: str) -> str:
    """Undo OCR confusions that are safe to undo anywhere."""
    text = _without_rule_edges(text.strip())
    # "Al" for "AI" is Tesseract's commonest slip on these documents; "Al" alone or in
    # "Al-assisted" is not an English word, while names ("Al-Futtaim") keep a capital after the dash
    text = _AI_MISREAD.sub("AI", text)
    # a lower-case l among capitals is a capital I: "lA", "SGlA", "AlMS" (no word mixes them so)
    if "l" in text and _CAPS_WITH_L.match(text):
        text = text.replace("l", "I")
    # "2O24" / "2o24": a letter O between digits is a zero
    return re.sub(r"(?<=\d)[Oo](?=\d)|(?<=\d\d)[Oo](?=\d)", "0", text)
