"""The rekap .docx: the context the template fills, and the docxtpl rendering.

Context keys an office's own template may use (all text is already formatted):

- ``pemerintah``, ``instansi``, ``alamat``, ``judul``, ``periode``, ``sampai``, ``contoh``;
- ``unit``: list of {nama, status, sasaran: [{nama, baris: [{no, indikator, satuan, target,
  realisasi, capaian, kategori}]}]};
- ``anggaran``: [{no, unit, nama, pagu, realisasi, serapan}], ``total``: {pagu, realisasi,
  serapan};
- ``ringkasan``: [{nama, jumlah, persen}] per kategori, ``grafik``: the capaian chart image;
- ``kendala``: [{no, unit, indikator, kendala, tindak_lanjut}];
- ``status``: [{no, unit, status, berkas, tanggal}], ``status_ringkas``;
- ``tempat_tanggal``, ``mengetahui`` and ``penyusun`` ({jabatan, nama, pangkat, nip}),
  ``paraf``: [{no, jabatan, nama}].
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from sop_docs.kits import capaian as rules
from sop_docs.kits.model import ROMAN, KitDefinition
from sop_docs.merge.results import CycleResult, UnitResult, Verdict
from sop_docs.model.profile import Pejabat, Profil
from sop_docs.report import text
from sop_docs.report.chart import Bar, capaian_chart
from sop_docs.report.output import normalise_zip
from sop_docs.report.template import template_bytes


@dataclass(frozen=True, slots=True)
class Rekap:
    """Everything one kit's rekap needs: the merge result, the definition and its office."""

    result: CycleResult
    definition: KitDefinition
    profil: Profil
    sampai: int

    @property
    def units(self) -> list[UnitResult]:
        return [u for u in self.result.units if u.kit == self.definition.id]


_BLANK = "...................."


def _official(p: Pejabat | None, jabatan: str = "", nama: str = "") -> dict[str, str]:
    """A signature block's lines; what the profile does not know is left to be written in."""
    if p is None:
        return {"jabatan": jabatan or _BLANK, "nama": nama or _BLANK, "pangkat": _BLANK,
                "nip": _BLANK}
    return {"jabatan": p.jabatan, "nama": p.nama, "pangkat": p.pangkat or _BLANK,
            "nip": p.nip or _BLANK}


def signatories(rekap: Rekap) -> tuple[dict[str, str], dict[str, str], list[dict[str, Any]]]:
    """(mengetahui, penyusun, paraf rows): head of office, the compiler, the checkers."""
    pejabat = list(rekap.profil.pejabat)
    head = next((p for p in pejabat if p.jabatan.upper().startswith(("KEPALA", "CAMAT"))),
                pejabat[0] if pejabat else None)
    kontak = rekap.definition.kontak
    compiler = next((p for p in pejabat if p.nama == kontak.nama), None)
    paraf = [p for p in pejabat if p is not head and p is not compiler]
    rows = [{"no": i, "jabatan": p.jabatan, "nama": p.nama} for i, p in enumerate(paraf, 1)]
    if not rows:
        rows = [{"no": 1, "jabatan": kontak.jabatan, "nama": kontak.nama}]
    return _official(head), _official(compiler, kontak.jabatan, kontak.nama), rows


def _tempat_tanggal(rekap: Rekap) -> str:
    dates = sorted(u.pengesahan.tanggal for u in rekap.units if u.pengesahan.tanggal)
    place = rekap.profil.tempat or "........"
    when = text.tanggal_iso(dates[-1]) if dates else f"........ {rekap.definition.tahun}"
    return f"{place}, {when}"


def context(rekap: Rekap) -> dict[str, Any]:
    """The template context (without the chart image, which needs the template object)."""
    definition, units = rekap.definition, rekap.units
    skala = [band.nama for band in definition.skala_kategori]
    unit_rows: list[dict[str, Any]] = []
    kendala: list[dict[str, Any]] = []
    anggaran: list[dict[str, Any]] = []
    counts = dict.fromkeys(skala, 0)
    number = 0
    for unit in units:
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in unit.indikator:
            number += 1
            groups.setdefault(row.sasaran, []).append({
                "no": number, "indikator": row.indikator, "satuan": row.satuan,
                "target": text.target(row.target_sd, row.desimal),
                "realisasi": text.angka(row.realisasi_sd, row.desimal),
                "capaian": text.angka(row.capaian), "kategori": row.kategori or "-",
            })
            if row.kategori in counts:
                counts[row.kategori] += 1
            if row.kendala or row.tindak_lanjut:
                kendala.append({"no": len(kendala) + 1, "unit": unit.nama,
                                "indikator": row.indikator, "kendala": row.kendala or "-",
                                "tindak_lanjut": row.tindak_lanjut or "-"})
        unit_rows.append({"nama": unit.nama, "status": unit.verdict.value, "sasaran": [
            {"nama": name, "baris": rows} for name, rows in groups.items()]})
        for keg in unit.kegiatan:
            anggaran.append({"no": len(anggaran) + 1, "unit": unit.nama,
                             "nama": f"{keg.program} / {keg.kegiatan}",
                             "pagu": text.rupiah(keg.pagu),
                             "realisasi": text.rupiah(keg.realisasi_sd),
                             "serapan": text.angka(keg.serapan)})
    pagu = sum(k.pagu for u in units for k in u.kegiatan)
    spent = [k.realisasi_sd for u in units for k in u.kegiatan]
    total_real = None if any(s is None for s in spent) else sum(s for s in spent if s is not None)
    counted = sum(counts.values())
    mengetahui, penyusun, paraf = signatories(rekap)
    returned = sum(1 for u in units if u.verdict in (Verdict.LENGKAP, Verdict.PERBAIKAN))
    return {
        "pemerintah": rekap.profil.pemerintah, "instansi": rekap.profil.instansi,
        "alamat": rekap.profil.alamat, "judul": definition.judul,
        "periode": rekap.result.label, "sampai": f"s.d. TW {ROMAN[rekap.sampai]}",
        "contoh": definition.contoh, "unit": unit_rows, "anggaran": anggaran,
        "total": {"pagu": text.rupiah(pagu), "realisasi": text.rupiah(total_real),
                  "serapan": text.angka(rules.serapan(total_real, pagu))},
        "ringkasan": [{"nama": name, "jumlah": n,
                       "persen": text.angka(n / counted * 100 if counted else None)}
                      for name, n in counts.items()],
        "kendala": kendala,
        "status": [{"no": i, "unit": u.nama, "status": u.verdict.value,
                    "berkas": u.file or "-",
                    "tanggal": text.tanggal_iso(u.pengesahan.tanggal) or "-"}
                   for i, u in enumerate(units, 1)],
        "status_ringkas": f"{returned} dari {len(units)} unit telah mengirim data; "
                          + ", ".join(f"{v.value}: {sum(1 for u in units if u.verdict is v)}"
                                      for v in Verdict),
        "tempat_tanggal": _tempat_tanggal(rekap),
        "mengetahui": mengetahui, "penyusun": penyusun, "paraf": paraf,
    }


def chart_png(rekap: Rekap) -> bytes:
    """The capaian chart of the kit's indicators."""
    names = [band.nama for band in rekap.definition.skala_kategori]
    bars = [Bar(f"{u.nama[:18]}: {r.indikator}", r.capaian,
                names.index(r.kategori) if r.kategori in names else -1)
            for u in rekap.units for r in u.indikator]
    return capaian_chart(bars, names, f"Capaian indikator kinerja {rekap.result.label}")


def render_docx(rekap: Rekap, template: Path | None = None) -> bytes:
    """The rekap .docx from ``template`` (default: the shipped one)."""
    document = DocxTemplate(io.BytesIO(template_bytes(template)))
    values = context(rekap)
    values["grafik"] = InlineImage(document, io.BytesIO(chart_png(rekap)), width=Mm(250))
    document.render(values, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
