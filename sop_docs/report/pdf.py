"""Empty signature fields on the rekap PDF, ready for an e-signature (BSrE), and the
LibreOffice lookup the sample tools use.

pyHanko appends one empty signature field per signatory, over the signature space the
drawing recorded (:class:`sop_docs.report.rekap_pdf.SignatureSpace`), as an incremental
update that leaves the PDF/A-2b document before it untouched.  pyHanko stamps a random id;
it is replaced by values derived from the document (same length, so the cross-reference
offsets stay valid), keeping the output byte-identical for the same inputs.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from collections.abc import Sequence

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from sop_docs.report.internals import keep_document_metadata
from sop_docs.report.rekap_pdf import SignatureSpace

_ID_RE = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")


def soffice() -> str | None:
    """The LibreOffice program, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def stable(data: bytes, seed: bytes) -> bytes:
    """``data`` with its /ID derived from ``seed`` (same byte lengths)."""
    digest = hashlib.sha256(seed).hexdigest().upper().encode()

    def ids(match: re.Match[bytes]) -> bytes:
        first = (digest * 4)[: len(match.group(2))]
        second = (digest[::-1] * 4)[: len(match.group(4))]
        return match.group(1) + first + match.group(3) + second + match.group(5)

    return _ID_RE.sub(ids, data)


def with_signature_fields(data: bytes, spaces: Sequence[SignatureSpace]) -> bytes:
    """``data`` with an empty signature field over each of ``spaces`` (one incremental
    update), in stable bytes."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    # Keep the document's XMP (PDF/A identification, dates) as drawn: pyHanko would rewrite
    # it with the current time and itself as producer.
    keep_document_metadata(writer)
    for space in spaces:
        append_signature_field(writer, SigFieldSpec(space.name, on_page=space.page,
                                                    box=space.box))
    out = io.BytesIO()
    writer.write(out)
    return stable(out.getvalue(), hashlib.sha256(data).digest())
