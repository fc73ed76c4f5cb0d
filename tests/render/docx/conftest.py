"""Fixtures of the docx tests: a hand-built layout, an XML normaliser, and the one batch of
renders converted to PDF by a single LibreOffice call per session."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from sop_docs.layout.geometry import (
    Align,
    Box,
    Cell,
    Connector,
    Label,
    Page,
    SheetLayout,
    Symbol,
    SymbolKind,
    Table,
    TextLine,
)
from sop_docs.model.build import load_corpus
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import Kertas, Margin, Orientasi, TataLetak
from sop_docs.render.docx import build_docx
from sop_docs.render.docx.document import Properties
from sop_docs.render.docx.ooxml import NSMAP, nsdecls
from sop_docs.render.registry import FORMATS, RenderJob
from sop_docs_demo.synthetic import synthetic_sop

REPO = Path(__file__).resolve().parents[3]
LOGO_BOX = Box(20.0, 18.0, 18.0, 24.0)
FIXED = dt.datetime(2021, 1, 19, tzinfo=dt.UTC)

W, H = 330.0, 215.0
X0, Y0 = 15.0, 15.0
COLS = (10.0, 80.0, 35.0, 35.0, 35.0, 30.0, 20.0, 35.0, 20.0)
ACTORS = ("Kepala Kantor", "Kasubbag TU", "Pelaksana")
ROW_H = 14.0


def _cell(row: int, col: int, x: float, y: float, w: float, h: float, text: str = "", *,
          rowspan: int = 1, colspan: int = 1, role: str = "", step: str | None = None,
          align: Align = Align.LEFT, bold: bool = False) -> Cell:
    lines = ()
    if text:
        tx = x + 1.0 if align is Align.LEFT else x + w / 2 - len(text) * 0.7
        lines = (TextLine(tx, y + 3.5, text, 7.0, bold=bold, width=len(text) * 1.4),)
    return Cell(row, col, Box(x, y, w, h), lines, rowspan, colspan, role, step, align)


def procedure_table(steps: list[tuple[str, str]], first_number: int, y: float) -> Table:
    xs = [X0]
    for w in COLS:
        xs.append(xs[-1] + w)
    heights = (6.0, 6.0, *(ROW_H for _ in steps))
    cells = [
        _cell(0, 0, xs[0], y, COLS[0], 12.0, "No", rowspan=2, role="header",
              align=Align.CENTER, bold=True),
        _cell(0, 1, xs[1], y, COLS[1], 12.0, "Kegiatan", rowspan=2, role="header",
              align=Align.CENTER, bold=True),
        _cell(0, 2, xs[2], y, sum(COLS[2:5]), 6.0, "Pelaksana", colspan=3, role="header",
              align=Align.CENTER, bold=True),
        _cell(0, 5, xs[5], y, sum(COLS[5:8]), 6.0, "Mutu Baku", colspan=3, role="header",
              align=Align.CENTER, bold=True),
        _cell(0, 8, xs[8], y, COLS[8], 12.0, "Keterangan", rowspan=2, role="header",
              align=Align.CENTER, bold=True),
    ]
    for k, name in enumerate((*ACTORS, "Kelengkapan", "Waktu", "Output")):
        cells.append(_cell(1, 2 + k, xs[2 + k], y + 6.0, COLS[2 + k], 6.0, name,
                           role="header", align=Align.CENTER, bold=True))
    for i, (step_id, text) in enumerate(steps):
        row = 2 + i
        top = y + 12.0 + i * ROW_H
        cells.append(_cell(row, 0, xs[0], top, COLS[0], ROW_H, f"{first_number + i}.",
                           role="no", step=step_id, align=Align.CENTER))
        cells.append(_cell(row, 1, xs[1], top, COLS[1], ROW_H, text, role="kegiatan",
                           step=step_id))
        for k in range(2, 9):
            cells.append(_cell(row, k, xs[k], top, COLS[k], ROW_H, "15 menit" if k == 6 else "",
                               role="pelaksana" if k < 5 else "mutu", step=step_id))
    return Table(X0, y, COLS, heights, tuple(cells), header_rows=2, role="prosedur")


def symbol_box(table: Table, index: int, actor: int, kind: SymbolKind) -> Box:
    x = table.x + sum(table.col_widths[: 2 + actor])
    y = table.y + 12.0 + index * ROW_H
    w, h = (16.0, 10.0) if kind is SymbolKind.KEPUTUSAN else (16.0, 6.0)
    return Box(x + (table.col_widths[2 + actor] - w) / 2, y + (ROW_H - h) / 2, w, h)


def hand_layout(kegiatan_text: str = "Menyampaikan format permintaan data kinerja") -> SheetLayout:
    ident = Table(X0, Y0, (100.0, 200.0), (30.0, 10.0), (
        Cell(0, 0, Box(X0, Y0, 100.0, 30.0), (
            TextLine(X0 + 2, Y0 + 6, "PEMERINTAH KABUPATEN SUMEDANG", 9.0, bold=True, width=60),
            TextLine(X0 + 2, Y0 + 11, "KANTOR KESBANGPOL & <PolPP>", 9.0, bold=True, width=60),
        ), role="identitas-label"),
        Cell(0, 1, Box(X0 + 100, Y0, 200.0, 30.0), (
            TextLine(X0 + 102, Y0 + 6, "Nomor SOP  800/115/Kesbangpol", 8.0, width=50),
        )),
        Cell(1, 0, Box(X0, Y0 + 30, 300.0, 10.0), (
            TextLine(X0 + 2, Y0 + 36, "Nama SOP: Mekanisme Pengumpulan Data Kinerja", 8.0,
                     bold=True, width=80),), colspan=2),
    ), role="identitas")
    identity = Page(1, W, H, "identitas", tables=(ident,))
    t1 = procedure_table([("s1", "Memulai pengumpulan data"), ("s2", kegiatan_text),
                          ("s3", "Memeriksa kelengkapan data")], 1, Y0)
    t2 = procedure_table([("s4", "Merekap data kinerja"), ("s5", "Selesai")], 4, Y0 + 6.0)
    b1 = symbol_box(t1, 0, 0, SymbolKind.TERMINATOR)
    b2 = symbol_box(t1, 1, 2, SymbolKind.PROSES)
    b3 = symbol_box(t1, 2, 1, SymbolKind.KEPUTUSAN)
    out = Box(b3.x + 4, t1.y + t1.height + 1.0, 8.0, 7.0)
    into = Box(symbol_box(t2, 0, 1, SymbolKind.PROSES).x + 4, Y0 - 1.0 + 0.0, 8.0, 6.0)
    b4 = symbol_box(t2, 0, 1, SymbolKind.PROSES)
    b5 = symbol_box(t2, 1, 0, SymbolKind.TERMINATOR)
    ya = Label(Box(b3.cx + 1, b3.bottom + 0.5, 6, 3), "Ya", 6.0, "s3", "s4")
    tidak = Label(Box(b3.right + 1, b3.cy - 3.5, 8, 3), "Tidak", 6.0, "s3", "s2")
    page2 = Page(
        2, W, H, "prosedur", tables=(t1,),
        symbols=(
            Symbol(SymbolKind.TERMINATOR, b1, "s1", "a0", "Mulai"),
            Symbol(SymbolKind.PROSES, b2, "s2", "a2"),
            Symbol(SymbolKind.KEPUTUSAN, b3, "s3", "a1"),
            Symbol(SymbolKind.OFFPAGE, out, "s3", None, "A", direction="out", peer_id="s4"),
        ),
        connectors=(
            Connector(((b1.right, b1.cy), (b2.cx, b1.cy), (b2.cx, b2.y)), "s1", "s2"),
            Connector(((b2.cx, b2.bottom), (b2.cx, b3.cy), (b3.right, b3.cy)), "s2", "s3"),
            Connector(((b3.right, b3.cy), (b3.right + 10, b3.cy), (b3.right + 10, b2.cy),
                       (b2.x, b2.cy)), "s3", "s2", kind="back", label=tidak),
            Connector(((b3.cx, b3.bottom), (out.cx, out.y)), "s3", "A", label=ya),
        ),
        labels=(ya, tidak),
    )
    page3 = Page(
        3, W, H, "prosedur", tables=(t2,),
        symbols=(
            Symbol(SymbolKind.OFFPAGE, into, "s4", None, "A", direction="in", peer_id="s3"),
            Symbol(SymbolKind.PROSES, b4, "s4", "a1"),
            Symbol(SymbolKind.TERMINATOR, b5, "s5", "a0", "Selesai"),
        ),
        connectors=(
            Connector(((into.cx, into.bottom), (b4.cx, b4.y)), "A", "s4"),
            Connector(((b4.x, b4.cy), (b5.cx, b4.cy), (b5.cx, b5.y)), "s4", "s5"),
        ),
        texts=(TextLine(X0, H - 6.0, "Halaman 3 dari 3", 7.0, width=20.0),),
    )
    return SheetLayout("sop-contoh", "Mekanisme Pengumpulan Data Kinerja", "SOP AP", "Arial",
                       (identity, page2, page3))


@pytest.fixture
def make_layout():
    """Factory of the hand-built three-page layout (kegiatan text of step 2 replaceable)."""
    return hand_layout


_PREFIX = {uri: prefix for prefix, uri in NSMAP.items()}


def _name(clark: str) -> str:
    if clark.startswith("{"):
        uri, local = clark[1:].split("}")
        return f"{_PREFIX[uri]}:{local}"
    return clark


def normal_xml(el: etree._Element, indent: str = "") -> str:
    """Element as indented text with prefixed names and sorted attributes, namespace
    declarations left out: two trees print the same exactly when they mean the same."""
    attrs = "".join(f' {_name(k)}="{v}"' for k, v in sorted(el.attrib.items()))
    head = f"{indent}<{_name(el.tag)}{attrs}>"
    text = el.text if el.text and el.text.strip() else ""
    if len(el) == 0:
        return f"{head}{text}\n"
    inner = "".join(normal_xml(child, indent + "  ") for child in el)
    return f"{head}{text}\n{inner}"


@pytest.fixture
def xml():
    """``xml(element)`` and ``xml.parse(text)`` normalised for comparison."""

    class Normaliser:
        def __call__(self, el: etree._Element) -> str:
            return normal_xml(el)

        def parse(self, text: str) -> str:
            prefixes = ("w", "a", "wp", "wps", "pic", "r", "mc")
            wrapper = etree.fromstring(f"<w:root {nsdecls(*prefixes)}>{text}</w:root>",
                                       etree.XMLParser(remove_blank_text=True))
            return normal_xml(wrapper[0])

    return Normaliser()


# --- the session's batch: every case rendered, then one LibreOffice call ----------------

HOSTILE = "A & B <c> \"d\" 'e' \x00\x01\x0b\x1f \U0001f600\U0001f4c4 "


@dataclass
class Case:
    """One rendered .docx, its layout, and (after the batch conversion) its PDF."""

    name: str
    layout: SheetLayout
    docx: Path
    resolved: ResolvedSOP | None = None
    pdf: Path | None = None


def _hostile(resolved: ResolvedSOP) -> ResolvedSOP:
    """The SOP with hostile text in its name and in every step's texts."""
    sop = resolved.sop
    steps = tuple(
        s.model_copy(update={"kegiatan": HOSTILE + s.kegiatan, "output": HOSTILE,
                             "keterangan": HOSTILE})
        for s in sop.langkah
    )
    sop = sop.model_copy(update={"nama": HOSTILE + sop.nama, "langkah": steps})
    return replace(resolved, sop=sop)


def _portrait_a4(resolved: ResolvedSOP) -> ResolvedSOP:
    layout = TataLetak(kertas=Kertas.A4, orientasi=Orientasi.POTRET, margin=Margin())
    return replace(resolved, tata_letak=layout.over(resolved.tata_letak))


def _sources() -> list[tuple[str, ResolvedSOP]]:
    corpus, _problems = load_corpus(REPO)
    cases = [(f"seed-{r.sop.id}", r) for r in corpus.sops]
    cases += [
        ("synth-12", synthetic_sop(1, steps=12)),
        ("synth-40-long", synthetic_sop(2, steps=40, actors=8, decisions=3, multi_actor=2,
                                        long_text=True)),
        ("synth-12-actors", synthetic_sop(3, steps=25, actors=12, decisions=2,
                                          special_text=True)),
        ("synth-a4-potret", _portrait_a4(synthetic_sop(4, steps=18, actors=5, decisions=2))),
        ("hostile", _hostile(synthetic_sop(5, steps=8, actors=3))),
    ]
    return cases


def convert_all(files: list[Path], out_dir: Path, profile: Path) -> None:
    """One headless LibreOffice call converting every file to PDF (private profile)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed; run `make test` to install it")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)],
        check=True, capture_output=True, timeout=600,
    )


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    """Every case rendered through the registered renderer, converted in one soffice call."""
    root = tmp_path_factory.mktemp("docx-batch")
    cases: dict[str, Case] = {}
    for name, resolved in _sources():
        job = RenderJob(resolved, root / name)
        written = FORMATS["docx"].load()(job)
        assert written, [d.render() for d in job.diagnostics]
        cases[name] = Case(name, job.layout, written[0], resolved)
    hand = root / "hand" / "hand.docx"
    hand.parent.mkdir()
    logo = root / "hand" / "logo.png"
    Image.new("RGB", (60, 80), "navy").save(logo)
    layout = hand_layout()
    first = replace(layout.pages[0], images=((str(logo), LOGO_BOX),))
    layout = replace(layout, pages=(first, *layout.pages[1:]))
    props = Properties("Hand", "SOP AP", "Tes", 1, FIXED, FIXED)
    hand.write_bytes(build_docx(layout, props))
    cases["hand"] = Case("hand", layout, hand)
    pdf_dir = root / "pdf"
    # File names must differ: each case's .docx is named after its SOP id.
    assert len({c.docx.name for c in cases.values()}) == len(cases)
    convert_all([c.docx for c in cases.values()], pdf_dir, root / "lo-profile")
    for case in cases.values():
        case.pdf = pdf_dir / f"{case.docx.stem}.pdf"
    return cases
