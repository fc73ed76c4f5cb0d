"""Empty signature fields on the rekap PDF, ready for an e-signature (BSrE), and the
LibreOffice lookup the sample tools use.

One empty signature field per signatory is appended, over the signature space the drawing
recorded (:class:`sop_docs.report.rekap_pdf.SignatureSpace`), as an incremental update
that leaves the PDF/A-2b document before it untouched.  The fields are the objects
pyHanko's ``append_signature_field`` makes (``tests/merge/test_internals.py`` checks the
bytes are the same), built with pyHanko's PDF writer alone: its ``pyhanko.sign`` package
imports the signing stack (HTTP client included), a tenth of a merge's start-up, where
no signing happens.  pyHanko stamps a random id;
it is replaced by values derived from the document (same length, so the cross-reference
offsets stay valid), keeping the output byte-identical for the same inputs.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from collections.abc import Sequence

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import init_xobject_dictionary

from sop_docs.report.internals import keep_document_metadata
from sop_docs.report.rekap_pdf import SignatureSpace

#: A signature widget's flags: locked (128), printed (4), as pyHanko sets for a visible one.
_SIGNATURE_FLAGS = 0b10000100
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
        _append_field(writer, space)
    out = io.BytesIO()
    writer.write(out)
    return stable(out.getvalue(), hashlib.sha256(data).digest())


def _form_fields(writer: IncrementalPdfFileWriter) -> tuple[generic.ArrayObject, bool]:
    """The document form's /Fields, the form made when there is none (and whether it was)."""
    root = writer.root
    if "/AcroForm" in root:
        form = root["/AcroForm"]
        if "/Fields" not in form:
            form["/Fields"] = generic.ArrayObject()
        return form["/Fields"], False
    form = generic.DictionaryObject()
    root[generic.pdf_name("/AcroForm")] = writer.add_object(form)
    fields = form[generic.pdf_name("/Fields")] = generic.ArrayObject()
    writer.update_root()
    return fields, True


def _append_field(writer: IncrementalPdfFileWriter, space: SignatureSpace) -> None:
    """An empty signature field and its widget (one object) over ``space``, with an empty
    appearance, in the order and form pyHanko's ``append_signature_field`` writes them."""
    page_ref = writer.find_page_for_modification(space.page)[0]
    fields, created = _form_fields(writer)
    field = generic.DictionaryObject({
        generic.pdf_name("/FT"): generic.pdf_name("/Sig"),
        generic.pdf_name("/T"): generic.pdf_string(space.name),
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Widget"),
        generic.pdf_name("/F"): generic.NumberObject(_SIGNATURE_FLAGS),
        generic.pdf_name("/Rect"): generic.ArrayObject(
            [generic.FloatObject(round(v, 4)) for v in space.box]),
        generic.pdf_name("/P"): page_ref})
    field_ref = writer.add_object(field)
    fields.append(field_ref)
    writer.update_container(fields)
    writer.register_annotation(page_ref, field_ref)
    if not created:
        writer.update_container(fields)
    writer.root["/AcroForm"].setdefault(generic.pdf_name("/SigFlags"), generic.NumberObject(1))
    x1, y1, x2, y2 = space.box
    width, height = abs(x2 - x1), abs(y2 - y1)
    if width and height:
        appearance = init_xobject_dictionary(b"", int(width), int(height))  # as pyHanko
        field[generic.pdf_name("/AP")] = generic.DictionaryObject(
            {generic.pdf_name("/N"): writer.add_object(appearance)})
