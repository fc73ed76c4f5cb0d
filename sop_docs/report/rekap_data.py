"""What one kit's rekap says, as formatted text: the one source of the DOCX and the PDF.

Only verified (lengkap) units give figures: their indicators, budget, kendala and the
summary per kategori.  Every other unit (perlu perbaikan, ditolak, belum masuk) is listed
once, in its own section, with the reason.  Figures are printed so they re-derive: targets
and realisasi with the decimals they have (at least the indicator's), capaian with 2.

Keys (an office's own .docx template may use them; all text is already formatted):

- ``pemerintah``, ``instansi``, ``alamat``, ``judul``, ``periode``, ``sampai``, ``contoh``;
- ``unit``: the lengkap units, [{nama, status, sasaran: [{nama, baris: [{no, indikator,
  satuan, target, realisasi, capaian, kategori}]}]}];
- ``anggaran``: [{no, unit, nama, pagu, realisasi, serapan}], ``total``: {pagu, realisasi,
  serapan} (lengkap units);
- ``ringkasan``: [{nama, jumlah, persen}] per kategori, ``ringkasan_dasar``: the sentence
  saying which units it counts; ``grafik``: the chart image (DOCX only);
- ``kendala``: [{no, unit, indikator, kendala, tindak_lanjut}];
- ``belum``: the units not verified, [{no, unit, status, keterangan}];
- ``status``: every unit, [{no, unit, status, berkas, tanggal}], ``status_ringkas``;
- ``tempat_tanggal``, ``mengetahui`` and ``penyusun`` ({jabatan, nama, pangkat, nip}),
  ``paraf``: [{no, jabatan, nama}].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sop_docs.kits import capaian as rules
from sop_docs.kits.model import ROMAN, KitDefinition
from sop_docs.merge.results import CycleResult, UnitResult, Verdict
from sop_docs.model.profile import Pejabat, Profil
from sop_docs.report import text
from sop_docs.report.chart import Bar, capaian_chart, share_chart

#: Above this many indicators the chart shows the share per kategori instead of one bar
#: per indicator (a bar per indicator of hundreds of units helps no reader).
CHART_BARS = 40
_BLANK = "...................."
_REASON_LIMIT = 160

Rows = list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Rekap:
    """Everything one kit's rekap needs: the merge result, the definition and its office."""

    result: CycleResult
    definition: KitDefinition
    profil: Profil
    sampai: int

    @property
    def units(self) -> list[UnitResult]:
        """Every unit of the kit, in definition order."""
        return [u for u in self.result.units if u.kit == self.definition.id]

    @property
    def verified(self) -> list[UnitResult]:
        """The units whose figures the rekap counts: those with verdict lengkap."""
        return [u for u in self.units if u.verdict is Verdict.LENGKAP]


def _official(p: Pejabat | None, jabatan: str = "", nama: str = "") -> dict[str, str]:
    """A signature block's lines; what the profile does not know is left to be written in."""
    if p is None:
        return {"jabatan": jabatan or _BLANK, "nama": nama or _BLANK, "pangkat": _BLANK,
                "nip": _BLANK}
    return {"jabatan": p.jabatan, "nama": p.nama, "pangkat": p.pangkat or _BLANK,
            "nip": p.nip or _BLANK}


def signatories(rekap: Rekap) -> tuple[dict[str, str], dict[str, str], Rows]:
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


def _indikator(units: list[UnitResult], skala: list[str]) -> tuple[Rows, Rows, dict[str, int]]:
    """(unit groups of table A, kendala rows of table D, indicator count per kategori)."""
    unit_rows: Rows = []
    kendala: Rows = []
    counts = dict.fromkeys(skala, 0)
    number = 0
    for unit in units:
        groups: dict[str, Rows] = {}
        for row in unit.indikator:
            number += 1
            groups.setdefault(row.sasaran, []).append({
                "no": number, "indikator": row.indikator, "satuan": row.satuan,
                "target": text.target(row.target_sd, row.desimal),
                "realisasi": text.nilai(row.realisasi_sd, row.desimal),
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
    return unit_rows, kendala, counts


def _anggaran(units: list[UnitResult]) -> tuple[Rows, dict[str, str]]:
    """(rows of table B, its total row)."""
    rows: Rows = [{"no": i, "unit": unit.nama, "nama": f"{keg.program} / {keg.kegiatan}",
                   "pagu": text.rupiah(keg.pagu), "realisasi": text.rupiah(keg.realisasi_sd),
                   "serapan": text.angka(keg.serapan)}
                  for i, (unit, keg) in enumerate(
                      ((u, k) for u in units for k in u.kegiatan), start=1)]
    pagu = sum(k.pagu for u in units for k in u.kegiatan)
    spent = [k.realisasi_sd for u in units for k in u.kegiatan]
    total = None if any(s is None for s in spent) else sum(s for s in spent if s is not None)
    return rows, {"pagu": text.rupiah(pagu), "realisasi": text.rupiah(total),
                  "serapan": text.angka(rules.serapan(total, pagu))}


def _reason(unit: UnitResult) -> str:
    """Why a unit is not verified: its first error (and how many more)."""
    errors = [p for p in unit.problems if p.severity == "error"] or list(unit.problems)
    if not errors:
        return "-"
    first = errors[0]
    where = f"{first.cell}: " if first.cell else ""
    more = f" (+{len(errors) - 1} masalah lain)" if len(errors) > 1 else ""
    reason = f"{where}{first.message}"
    if len(reason) > _REASON_LIMIT:
        reason = reason[: _REASON_LIMIT - 1] + "…"
    return reason + more


def _status(units: list[UnitResult]) -> tuple[Rows, Rows, str]:
    """(units not verified, every unit's status row, the one-line summary)."""
    belum = [{"no": i, "unit": u.nama, "status": u.verdict.value, "keterangan": _reason(u)}
             for i, u in enumerate((u for u in units if u.verdict is not Verdict.LENGKAP), 1)]
    status = [{"no": i, "unit": u.nama, "status": u.verdict.value, "berkas": u.file or "-",
               "tanggal": text.tanggal_iso(u.pengesahan.tanggal) or "-"}
              for i, u in enumerate(units, 1)]
    returned = sum(1 for u in units if u.verdict in (Verdict.LENGKAP, Verdict.PERBAIKAN))
    ringkas = (f"{returned} dari {len(units)} unit telah mengirim data; "
               + ", ".join(f"{v.value}: {sum(1 for u in units if u.verdict is v)}"
                           for v in Verdict))
    return belum, status, ringkas


def context(rekap: Rekap) -> dict[str, Any]:
    """The formatted content of the rekap (without the chart image)."""
    definition, units, verified = rekap.definition, rekap.units, rekap.verified
    unit_rows, kendala, counts = _indikator(
        verified, [band.nama for band in definition.skala_kategori])
    anggaran, total = _anggaran(verified)
    belum, status, ringkas = _status(units)
    counted = sum(counts.values())
    mengetahui, penyusun, paraf = signatories(rekap)
    return {
        "pemerintah": rekap.profil.pemerintah, "instansi": rekap.profil.instansi,
        "alamat": rekap.profil.alamat, "judul": definition.judul,
        "periode": rekap.result.label, "sampai": f"s.d. TW {ROMAN[rekap.sampai]}",
        "contoh": definition.contoh, "unit": unit_rows, "anggaran": anggaran, "total": total,
        "ringkasan": [{"nama": name, "jumlah": n,
                       "persen": text.angka(n / counted * 100 if counted else None)}
                      for name, n in counts.items()],
        "ringkasan_dasar": f"Dihitung hanya dari {len(verified)} unit berstatus lengkap "
                           f"(dari {len(units)} unit); unit lain tercantum di bagian E.",
        "kendala": kendala, "belum": belum, "status": status, "status_ringkas": ringkas,
        "tempat_tanggal": _tempat_tanggal(rekap),
        "mengetahui": mengetahui, "penyusun": penyusun, "paraf": paraf,
    }


def chart_png(rekap: Rekap) -> bytes:
    """The capaian chart of the verified units: one bar per indicator, or the share of
    indicators per kategori when there are more than :data:`CHART_BARS`."""
    names = [band.nama for band in rekap.definition.skala_kategori]
    rows = [(u, r) for u in rekap.verified for r in u.indikator]
    title = f"Capaian indikator kinerja {rekap.result.label} (unit berstatus lengkap)"
    if len(rows) > CHART_BARS:
        counts = [sum(1 for _u, r in rows if r.kategori == name) for name in names]
        return share_chart(names, counts, f"Sebaran capaian per kategori {rekap.result.label}"
                                          " (unit berstatus lengkap)")
    bars = [Bar(f"{u.nama}: {r.indikator}", r.capaian,
                names.index(r.kategori) if r.kategori in names else -1) for u, r in rows]
    return capaian_chart(bars, names, title)
