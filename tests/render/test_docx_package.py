"""The .docx package writer: the same bytes every time, whether python-docx's private
serialisation steps are there (the fast path) or not (its public ``save`` read back)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.opc.pkgwriter import PackageWriter

from sop_docs.render.docx.package import CONTENT_TYPES, FIXED_TIME, package_bytes


def _document() -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("Prosedur pengumpulan data kinerja")
    document.add_table(rows=2, cols=3).cell(1, 2).text = "Kepala Seksi"
    return document


def test_the_package_is_deterministic_and_ordered() -> None:
    first, second = package_bytes(_document()), package_bytes(_document())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert infos[0].filename == CONTENT_TYPES
        assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
        assert {i.date_time for i in infos} == {FIXED_TIME}
        assert archive.testzip() is None


@pytest.mark.parametrize("step", ["_write_content_types_stream", "_write_pkg_rels",
                                  "_write_parts"])
def test_without_python_docx_internals_the_bytes_are_the_same(
        monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    fast = package_bytes(_document())
    monkeypatch.delattr(PackageWriter, step)
    assert package_bytes(_document()) == fast
    assert package_bytes(_document(), compress=False) != fast  # stored, not deflated
