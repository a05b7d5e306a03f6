"""PDFs written by hand: decompression bombs and slow pages around zlib data, each a few
kilobytes to a megabyte on disk, and a page whose font reads a glyph as a NUL."""

from __future__ import annotations

import zlib
from functools import cache

MB = 1024 * 1024
TITLE = "Individualized Education Program"
_DRAW_TITLE = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET\n" % TITLE.encode()


@cache
def shared_stream_pdf(inflated_size: int, pages: int = 1, filler: bytes = b" ") -> bytes:
    """``pages`` pages that all draw one content stream: TITLE, then ``filler`` repeated
    until the stream inflates to ``inflated_size`` bytes."""
    stream = _deflated(_DRAW_TITLE, inflated_size, filler)
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
        ]
        + [page] * pages
    )


def _deflated(start: bytes, size: int, filler: bytes) -> bytes:
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(start)]
    chunk = filler * (MB // len(filler))
    for left in range(size - len(start), 0, -len(chunk)):
        parts.append(compressor.compress(chunk[:left]))
    parts.append(compressor.flush())
    return b"".join(parts)


def _pdf(objects: list[bytes]) -> bytes:
    """Objects 1, 2, ... with a cross-reference table that points at each."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_whose_font_maps_a_glyph_to_nul(lines: list[str]) -> bytes:
    """A one-page PDF of these lines whose font's ToUnicode table maps "|" to U+0000, as some
    real tables map a ligature they lost (pdfminer.six issue 728): the page shows a glyph,
    and the text read from it holds a NUL. Written by hand: reportlab writes sound tables."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Broken def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"1 beginbfrange <20> <7E> <0020> endbfrange "
        b"1 beginbfchar <7C> <0000> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    shown = b" ".join(b"(" + line.encode("latin-1") + b") '" for line in lines)
    text = b"BT /F1 11 Tf 72 720 Td 14 TL " + shown + b" ET"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        ]
    )
