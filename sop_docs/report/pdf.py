"""The rekap PDF: LibreOffice converts the .docx (one call for every file), then pyHanko adds
an empty signature field over the "Mengetahui" signature space, ready for an e-signature.

LibreOffice and pyHanko stamp the current time and random ids into a PDF; both are replaced
by values derived from the document (same length, so the cross-reference offsets stay valid),
keeping the output byte-identical for the same inputs.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

SIGNATURE_FIELD = "TandaTanganMengetahui"
ANCHOR = "Mengetahui"
_TIMEOUT = 300
_DATE_RE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D(?::|\\072))(\d{14})")
_ID_RE = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
_FIXED_DATE = b"20000101000000"
# LibreOffice adds an MD5 of the file (which includes the time) to the trailer.
_CHECKSUM_RE = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")


def soffice() -> str | None:
    """The LibreOffice program, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_docx(files: list[Path], out: Path) -> dict[Path, Path]:
    """Convert ``files`` to PDF into ``out`` with one LibreOffice call (private profile);
    returns docx -> pdf for those that converted.  Raises FileNotFoundError without soffice."""
    program = soffice()
    if program is None:
        raise FileNotFoundError("soffice")
    if not files:
        return {}
    with tempfile.TemporaryDirectory(prefix="sop-docs-lo-") as profile:
        subprocess.run(
            [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
            check=False, capture_output=True, timeout=_TIMEOUT,
        )
    done = {f: out / f"{f.stem}.pdf" for f in files}
    return {f: p for f, p in done.items() if p.exists()}


def stable(data: bytes, seed: bytes) -> bytes:
    """``data`` with its dates fixed and its /ID derived from ``seed`` (same byte lengths)."""
    data = _DATE_RE.sub(lambda m: m.group(1) + _FIXED_DATE, data)
    digest = hashlib.sha256(seed).hexdigest().upper().encode()

    def ids(match: re.Match[bytes]) -> bytes:
        first = (digest * 4)[: len(match.group(2))]
        second = (digest[::-1] * 4)[: len(match.group(4))]
        return match.group(1) + first + match.group(3) + second + match.group(5)

    data = _CHECKSUM_RE.sub(lambda m: m.group(1) + digest[:32], data)
    return _ID_RE.sub(ids, data)


def _field_box(data: bytes) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) for the signature field: under the 'Mengetahui' label, else at the
    bottom left of the last page."""
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document) - 1, -1, -1):
            page = document[index]
            textpage = page.get_textpage()
            found = textpage.search(ANCHOR).get_next()
            if found:
                left, bottom, _right, _top = textpage.get_charbox(found[0])
                centre = (left + textpage.get_charbox(found[0] + found[1] - 1)[2]) / 2
                return index, (centre - 90, bottom - 80, centre + 90, bottom - 22)
        width = document[len(document) - 1].get_width()
        return len(document) - 1, (40.0, 40.0, min(250.0, width - 40), 100.0)
    finally:
        document.close()


def with_signature_field(data: bytes, seed: bytes) -> bytes:
    """``data`` with an empty signature field appended (incremental update), stable bytes."""
    data = stable(data, seed)
    page, box = _field_box(data)
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    left, bottom, right, top = (round(v) for v in box)
    append_signature_field(writer, SigFieldSpec(
        SIGNATURE_FIELD, on_page=page, box=(left, bottom, right, top)))
    out = io.BytesIO()
    writer.write(out)
    return stable(out.getvalue(), seed)
