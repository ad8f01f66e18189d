"""Damaged and hostile PDFs the tests build themselves, byte by byte.

Each builder returns the bytes of one file that shows one fault; none is a sample from elsewhere.
`write_pdf` lays out numbered objects with a correct cross-reference table, so each builder
breaks exactly the one thing it names.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

TEXT = b"BT /F1 14 Tf 72 720 Td (ISO/IEC 42001 certificate of Example Ltd) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(content: bytes, extra: bytes = b"") -> bytes:
    """Return a stream object's body with its /Length."""
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def write_pdf(objects: list[bytes], root: int = 1, xref_shift: int = 0, trailer_extra: bytes = b"") -> bytes:
    """Write objects 1..n with an xref table (offsets moved by `xref_shift` to damage it)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % (offset + xref_shift)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def page_objects(content: bytes, resources: bytes = b"<< /Font << /F1 5 0 R >> >>",
                 catalog_extra: bytes = b"", box: bytes = b"[0 0 595 842]") -> list[bytes]:
    """Return catalog, pages, page, content stream and font objects of a one-page file."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 4 0 R >>" % (box, resources),
        stream(content),
        FONT,
    ]


def clean() -> bytes:
    """A well-formed one-page PDF with one line of text (the control case)."""
    return write_pdf(page_objects(TEXT))


# -- damaged files: readable in part, and the libraries say what is wrong -------------------------

def bad_flate() -> bytes:
    """A content stream that claims FlateDecode but holds a corrupted deflate stream."""
    good = zlib.compress(TEXT)
    broken = good[:8] + bytes(b ^ 0x5A for b in good[8:20]) + good[20:]
    objects = page_objects(b"")
    objects[3] = stream(broken, b"/Filter /FlateDecode ")
    return write_pdf(objects)


def bad_xref_offsets() -> bytes:
    """Every cross-reference entry points a few bytes off its object."""
    return write_pdf(page_objects(TEXT), xref_shift=7)


def pages_cycle() -> bytes:
    """A page tree whose Kids lead back to the tree itself."""
    objects = page_objects(TEXT)
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"
    objects.append(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>")
    return write_pdf(objects)


def operators_garbage() -> bytes:
    """A content stream with operators no PDF defines, and operands of the wrong type."""
    junk = b"q 1 0 0 1 0 0 cm\nBT /F1 12 Tf 72 700 Td (Readable line) Tj ET\n" \
           b"zz 12 qqq (x) 3 4 BAD /Name 7 Tj2 ] ) 1 0 0 RG re re Do\nBT 72 680 Td [1 (a) Tj ET\nQ"
    return write_pdf(page_objects(junk))


def font_missing() -> bytes:
    """Text drawn with a font the page's resources do not define."""
    return write_pdf(page_objects(TEXT.replace(b"/F1", b"/F9"), resources=b"<< >>"))


def javascript_open_action() -> bytes:
    """A document that asks the viewer to run JavaScript when it is opened."""
    objects = page_objects(TEXT, catalog_extra=b"/OpenAction 6 0 R ")
    objects.append(b"<< /Type /Action /S /JavaScript /JS (app.alert\\('opened'\\);) >>")
    return write_pdf(objects)


DAMAGED: dict[str, Callable[[], bytes]] = {
    "bad-flate": bad_flate,
    "bad-xref-offsets": bad_xref_offsets,
    "pages-cycle": pages_cycle,
    "operators-garbage": operators_garbage,
    "font-missing": font_missing,
    "javascript-open-action": javascript_open_action,
}


# -- hostile files: built to exhaust time or memory -----------------------------------------------

def reference_cycle() -> bytes:
    """Cross-reference sections whose /Prev pointers lead to each other, and objects that refer in a ring.

    Each xref section's /Prev names the other, so a reader following the chain never ends unless it
    remembers where it has been; the page's /Contents is an indirect /Length pointing at itself.
    """
    objects = page_objects(TEXT)
    objects[3] = b"<< /Length 6 0 R >>\nstream\n" + TEXT + b"\nendstream"
    objects.append(b"7 0 R")
    objects.append(b"6 0 R")
    body = write_pdf(objects)
    head = body[: body.index(b"xref\n")]
    offsets = _object_offsets(head, len(objects))
    first = len(head)
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    table += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    second = first + len(table) + 200  # placed after the first trailer, whose length we pad to 200
    trailer1 = b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (len(objects) + 1, second)
    trailer1 = trailer1.ljust(200, b" ")
    table2 = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (
        len(objects) + 1, first)
    return head + table + trailer1 + table2 + b"startxref\n%d\n%%%%EOF\n" % second


def reference_ring() -> bytes:
    """A page whose /MediaBox is object 6, which is `7 0 R`, which is `6 0 R`: a ring of references.

    pdfminer's `resolve1` follows a reference in a `while` loop that remembers nothing, so reading
    this page never ends (pdfium reads it at once). Neither the parser's own time budget, checked
    between stages, nor any exception stops it: only the child's wall clock and CPU limit do.
    (Tried as well: the /Prev loop above ends in a RecursionError within a second, and an object
    stream whose /N and /First live inside itself in a TypeError; neither hangs.)
    """
    objects = page_objects(TEXT, box=b"6 0 R")
    objects += [b"7 0 R", b"6 0 R"]
    return write_pdf(objects)


def _object_offsets(head: bytes, count: int) -> list[int]:
    return [head.index(b"\n%d 0 obj\n" % n) + 1 for n in range(1, count + 1)]


def flate_bomb(megabytes: int = 2048) -> bytes:
    """A content stream of a few MB that inflates to `megabytes` of drawing operators.

    Built from one compressed block repeated (each ends in a full flush, so blocks are
    independent), with the true Adler-32 checksum: a valid stream, cheap to make.
    """
    chunk = b"0 0 m 1 1 l S\n" * 74898  # ~1 MiB
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = max(1, megabytes * 1024 * 1024 // len(chunk))
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    data = first + repeat * (count - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")
    objects = page_objects(b"")
    objects[3] = stream(data, b"/Filter /FlateDecode ")
    return write_pdf(objects)


def many_pages(count: int = 3000) -> bytes:
    """A file of `count` pages, each with a line of text."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), FONT]
    for i in range(count):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(stream(b"BT /F1 12 Tf 72 720 Td (Page %d) Tj ET" % (i + 1)))
    return write_pdf(objects)


def deep_nesting(depth: int = 100_000) -> bytes:
    """A page dictionary nested `depth` arrays deep, and a content stream of nested save states."""
    nested = b"[" * depth + b"]" * depth
    content = b"q " * depth + TEXT + b" Q" * depth
    objects = page_objects(content)
    objects[2] = objects[2].replace(b"/Contents", b"/Junk %s /Contents" % nested)
    return write_pdf(objects)


def garbage_operators(size: int = 4 * 1024 * 1024) -> bytes:
    """Megabytes of random bytes as a page's content stream."""
    import random

    rng = random.Random(42)
    return write_pdf(page_objects(bytes(rng.getrandbits(8) for _ in range(size))))


def huge_media_box() -> bytes:
    """A page kilometres wide with no text: a renderer asked to OCR it must not rasterise it whole."""
    return write_pdf(page_objects(b"0 0 m 14400 14400 l S", box=b"[0 0 14400 14400] /UserUnit 75000"))


def truncated() -> bytes:
    """A file cut off in the middle of its first content stream."""
    data = many_pages(3)
    return data[: data.index(b"stream\n") + 20]


HOSTILE: dict[str, Callable[[], bytes]] = {
    "reference-cycle": reference_cycle,
    "reference-ring": reference_ring,
    "flate-bomb": flate_bomb,
    "3000-pages": many_pages,
    "deep-nesting": deep_nesting,
    "garbage-operators": garbage_operators,
    "huge-media-box": huge_media_box,
    "truncated": truncated,
}
