"""The .docx says what it is: core properties from the SOP (no python-docx note, no
borrowed application name), and the Waktu column names the SOP's time unit."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx

from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.values import SatuanWaktu
from sop_docs.render.docx import build_docx, properties_of
from sop_docs_demo.synthetic import synthetic_sop


def _built(resolved) -> bytes:
    layout = layout_sheet(resolved)
    return build_docx(layout, properties_of(resolved, layout))


def test_core_properties_describe_the_sop_deterministically():
    resolved = synthetic_sop(4, steps=6)
    data = _built(resolved)
    assert data == _built(resolved)
    core = docx.Document(io.BytesIO(data)).core_properties
    assert core.title == resolved.sop.nama
    assert core.author == core.last_modified_by == resolved.profil.instansi
    assert resolved.sop.nama in core.comments
    assert "python-docx" not in core.comments
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert "docProps/app.xml" not in names
        assert "Macintosh" not in package.read("[Content_Types].xml").decode()
        assert b"python-docx" not in package.read("docProps/core.xml")


def test_waktu_header_names_the_unit():
    resolved = synthetic_sop(4, steps=6)
    timed = dataclasses.replace(resolved, sop=resolved.sop.model_copy(
        update={"satuan_waktu": SatuanWaktu.JAM}))
    body = docx.Document(io.BytesIO(_built(timed))).element.body
    text = " ".join(t.text or "" for t in body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert "(jam)" in text
    plain = docx.Document(io.BytesIO(_built(resolved))).element.body
    words = " ".join(t.text or "" for t in plain.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert "Waktu" in words and ("(jam)" not in words or resolved.satuan_waktu is not None)
