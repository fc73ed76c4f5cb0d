"""Re-check one returned kit against its definition and recompute its results in Python.

Nothing in the workbook is trusted: inputs are read at the cells of the kit's cell map
(:func:`sop_docs.kits.placement.kit_layout`), typed numbers are parsed and reported, required
inputs and ranges are checked, capaian / kategori / % serapan are recomputed with
:mod:`sop_docs.kits.capaian`, and a cached formula value that disagrees is flagged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from unicodedata import category

from sop_docs.diagnostics import (
    MRG_BAD_DATE,
    MRG_CACHED_DIFFERS,
    MRG_IMPLAUSIBLE,
    MRG_NIP,
    MRG_OVER_BUDGET,
    MRG_PERCENT_FRACTION,
    MRG_RANGE,
    MRG_REQUIRED,
    MRG_TOO_LONG,
    RET_FORMULA_IN_INPUT,
    RET_NOT_A_NUMBER,
    RET_NUMBER_FROM_TEXT,
    Code,
    Diagnostic,
    Location,
    make,
)
from sop_docs.errors import TanggalError
from sop_docs.kits import capaian as rules
from sop_docs.kits.cells import (
    KENDALA_WAJIB_DI_BAWAH,
    CellRef,
    IndikatorCells,
    KegiatanCells,
    KitLayout,
)
from sop_docs.kits.model import (
    ROMAN,
    Indikator,
    Kegiatan,
    KitDefinition,
    Rentang,
    Unit,
)
from sop_docs.kits.model import Target as KitTarget
from sop_docs.merge.results import IndikatorRow, KegiatanRow, Pengesahan, Target
from sop_docs.model.values import parse_tanggal
from sop_docs.returns.grid import CellValue, Grid
from sop_docs.returns.intake import Intake
from sop_docs.returns.numbers import is_blank, read_number

# A capaian or serapan cached by the spreadsheet may differ from ours in the last digits.
_TOLERANCE = 1e-6
_PERCENT_UNITS = ("%", "persen")
# Excel stores dates as day numbers from 1899-12-30; a number in this span in a date cell
# of a kit is a date whose cell lost its date format.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_SPAN = (30000, 80000)
#: Longest kendala / tindak lanjut / bukti dukung text, and sign-off text (as the kit's
#: validation says).
TEXT_LIMIT = 1000
SIGN_LIMIT = 200
NIP_DIGITS = 18


@dataclass
class Reading:
    """What one returned kit says once checked: rows for the rekap, sign-off, problems."""

    # The rows are built only for the return a unit's verdict uses (see the properties):
    # most files of a large inbox are read, checked and then superseded or counted once.
    rows: list[Callable[[], IndikatorRow]] = field(default_factory=list)
    budget: list[Callable[[], KegiatanRow]] = field(default_factory=list)
    pengesahan: Pengesahan = field(default_factory=Pengesahan)
    tanggal: dt.date | None = None
    content_key: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def indikator(self) -> list[IndikatorRow]:
        """The recomputed indicator rows, in kit order."""
        return [make_row() for make_row in self.rows]

    @property
    def kegiatan(self) -> list[KegiatanRow]:
        """The recomputed budget rows, in kit order."""
        return [make_row() for make_row in self.budget]


class _Checker:
    """Reads cells of one intake and records located problems."""

    def __init__(self, intake: Intake) -> None:
        self.intake = intake
        self.blank_inputs: list[CellRef] = []  # required inputs found empty
        self.problems: list[Diagnostic] = []
        self.content: list[object] = []
        self.grids: dict[str, Grid | None] = {}

    def add(self, code: Code, ref: CellRef | None, **fields: object) -> None:
        cell = str(ref) if ref is not None else None
        self.problems.append(make(code, Location(self.intake.name, cell=cell), **fields))

    def raw(self, ref: CellRef) -> CellValue:
        if ref.sheet not in self.grids:
            self.grids[ref.sheet] = self.intake.grid(ref.sheet)
        grid = self.grids[ref.sheet]
        return None if grid is None else grid.get(ref.row - 1, ref.col - 1)

    def number(self, ref: CellRef, label: str, required: bool = True,
               minimum: float | None = 0.0) -> float | None:
        """An input number: parsed, reported when typed as text, range-checked."""
        value = self.raw(ref)
        if is_blank(value):
            self.content.append(None)
            if required:
                self.add(MRG_REQUIRED, ref, field=label)
                self.blank_inputs.append(ref)
            return None
        read = read_number(value)
        if read.value is None:
            self.add(RET_NOT_A_NUMBER, ref, text=_clip(read.text))
            self.content.append(("?", read.text))
            return None
        if read.from_text:
            self.add(RET_NUMBER_FROM_TEXT, ref, text=_clip(read.text), value=_show(read.value),
                     how=read.how)
        self.content.append(read.value)
        if minimum is not None and read.value < minimum:
            self.add(MRG_RANGE, ref, field=label, value=_show(read.value), low=_show(minimum),
                     high="tak terbatas")
            return None
        return read.value

    def text(self, ref: CellRef, label: str, required: bool, limit: int = TEXT_LIMIT) -> str:
        value = self.raw(ref)
        text = "" if is_blank(value) else _cell_text(value)
        self.content.append(text)
        if required and not text:
            self.add(MRG_REQUIRED, ref, field=label)
        if len(text) > limit:
            self.add(MRG_TOO_LONG, ref, field=label, length=len(text), limit=limit)
        return text

    def cached(self, ref: CellRef, label: str, computed: float | str | None) -> None:
        """Flag a formula result the workbook holds that disagrees with the recomputation."""
        value = self.raw(ref)
        if is_blank(value):
            return  # never calculated (openpyxl writes no cached values): nothing to compare
        if isinstance(computed, str) or computed is None:
            agree = computed is not None and str(value).strip() == computed
        else:
            number = read_number(value).value
            agree = number is not None and abs(number - computed) <= _TOLERANCE * max(
                1.0, abs(computed))
        if not agree:
            self.add(MRG_CACHED_DIFFERS, ref, field=label, cached=_clip(str(value)),
                     computed=_show_any(computed))


def targets_of(definition: KitDefinition, unit: Unit, sampai: int
               ) -> dict[str, KitTarget | None]:
    """Each indicator's to-date target (constant for a unit and cycle: compute it once)."""
    return {ind.id: rules.target_sd(ind, sampai) for ind in unit.indikator}


def verify(intake: Intake, definition: KitDefinition, layout: KitLayout,
           targets: Mapping[str, KitTarget | None] | None = None) -> Reading:
    """Check every input of ``intake`` at the cells of ``layout`` and recompute the results
    (``targets``: from :func:`targets_of`, passed in when many files share a unit)."""
    unit = definition.unit_by_id(layout.unit_id)
    if unit is None:  # matching found the unit before verification
        raise LookupError(f"unit {layout.unit_id} is not in kit {definition.id}")
    sampai = layout.cycle.sampai
    if targets is None:
        targets = targets_of(definition, unit, sampai)
    check = _Checker(intake)
    by_id = {i.id: i for i in unit.indikator}
    reading = Reading()
    for number, row in enumerate(layout.indikator, start=1):
        ind = by_id[row.indikator_id]
        reading.rows.append(_indikator(check, definition, ind, row, number, sampai,
                                       targets[ind.id]))
    kegiatan = {(p.id, k.id): (p.nama, k) for p in unit.program for k in p.kegiatan}
    for keg_cells in layout.kegiatan:
        program, keg = kegiatan[(keg_cells.program_id, keg_cells.kegiatan_id)]
        reading.budget.append(_kegiatan(check, program, keg, keg_cells, layout.cycle.sampai))
    reading.pengesahan, reading.tanggal = _pengesahan(check, layout)
    _typed_formulas(check)
    reading.diagnostics = check.problems
    identity = [definition.id, layout.unit_id, layout.cycle.id]
    # repr of str/float/None/tuples is exact and stable: equal inputs, equal key
    reading.content_key = hashlib.sha256(repr([identity, check.content]).encode()).hexdigest()
    return reading


def _typed_formulas(check: _Checker) -> None:
    """Explain empty required inputs that hold a formula without a stored result (typed in a
    program that never calculated it).  Only empty inputs are scanned: a formula with a
    stored result gave the value the unit saw, and that value is used."""
    for sheet in dict.fromkeys(ref.sheet for ref in check.blank_inputs):
        formulas = check.intake.formula_cells(sheet)
        for ref in check.blank_inputs:
            if ref.sheet == sheet and ref.coord in formulas:
                check.add(RET_FORMULA_IN_INPUT, ref, detail=" dan nilainya tidak tersimpan")


def _known(ind: Indikator | Kegiatan) -> list[float | None]:
    """Quarter realisasi already known from the definition (index 0 = TW I)."""
    values: list[float | None] = [None, None, None, None]
    for triwulan, value in ind.realisasi.items():
        values[triwulan.nomor - 1] = value
    return values


def _indikator(check: _Checker, definition: KitDefinition, ind: Indikator,
               cells: IndikatorCells, number: int, sampai: int, target: KitTarget | None,
               ) -> Callable[[], IndikatorRow]:
    values = _known(ind)
    for q in cells.isian:
        label = f"Realisasi TW {ROMAN[q]} indikator no. {number}"
        value = check.number(cells.realisasi[q - 1], label)
        values[q - 1] = value
        if value is not None and _is_percent(ind.satuan) and 0 < value <= 1 < _scale(ind):
            check.add(MRG_PERCENT_FRACTION, cells.realisasi[q - 1], field=label,
                      value=_show(value), percent=_show(value * 100))
    # rules.capaian_indikator, with the unit's constant target computed once (targets_of)
    r_sd = rules.akumulasi_nilai(values, ind.akumulasi, sampai)
    cap = rules.capaian(r_sd, target, ind.metode_efektif, ind.batas_atas)
    _plausible(check, ind, cells, number, values, (r_sd, target))
    kat = rules.kategori(cap, definition.skala_kategori)
    if cells.dinilai:
        check.cached(cells.realisasi_sd, f"Realisasi s.d. periode indikator no. {number}", r_sd)
        check.cached(cells.capaian, f"Capaian indikator no. {number}", cap)
        check.cached(cells.kategori, f"Kategori indikator no. {number}", kat)
    below = cells.dinilai and cap is not None and cap < KENDALA_WAJIB_DI_BAWAH
    kendala = check.text(cells.kendala, f"Kendala indikator no. {number} (capaian < 100%)",
                         below)
    tindak = check.text(cells.tindak_lanjut,
                        f"Tindak lanjut indikator no. {number} (capaian < 100%)", below)
    bukti = check.text(cells.bukti_dukung, f"Bukti dukung indikator no. {number}",
                       cells.dinilai)
    return partial(_row, ind, values, (r_sd, cap, target, kat), (kendala, tindak, bukti))


def _plausible(check: _Checker, ind: Indikator, cells: IndikatorCells, number: int,
               values: list[float | None], to_date: tuple[float | None, KitTarget | None],
               ) -> None:
    """Flag realisasi outside the indicator's plausibility bounds (MRG024): each entered
    quarter against minimum/maksimum, the period against the target ratio and the capaian
    bound (the capaian before any batas_atas cap, which would hide the slip)."""
    bounds = ind.batas_wajar
    for q in cells.isian:
        value, ref = values[q - 1], cells.realisasi[q - 1]
        label = f"Realisasi TW {ROMAN[q]} indikator no. {number}"
        if value is not None and bounds.minimum is not None and value < bounds.minimum:
            check.add(MRG_IMPLAUSIBLE, ref, field=label, cell=ref, value=_show(value),
                      bound=f"minimum {_show(bounds.minimum)}")
        if value is not None and bounds.maksimum is not None and value > bounds.maksimum:
            check.add(MRG_IMPLAUSIBLE, ref, field=label, cell=ref, value=_show(value),
                      bound=f"maksimum {_show(bounds.maksimum)}")
    r_sd, target = to_date
    if r_sd is None or target is None or not cells.isian:
        return
    ref = cells.realisasi[cells.isian[-1] - 1]  # the figure typed last in this period
    label = f"Realisasi s.d. periode indikator no. {number}"
    high = target.max if isinstance(target, Rentang) else float(target)
    if bounds.rasio_target is not None and high > 0 and r_sd > bounds.rasio_target * high:
        check.add(MRG_IMPLAUSIBLE, ref, field=label, cell=ref, value=_show(r_sd),
                  bound=f"{_show(bounds.rasio_target)} x target {_show(high)}")
    raw = rules.capaian(r_sd, target, ind.metode_efektif)
    if raw is not None and raw > bounds.capaian_maks:
        check.add(MRG_IMPLAUSIBLE, ref, field=f"Capaian indikator no. {number}", cell=ref,
                  value=f"{_show(round(raw, 2))}%", bound=f"capaian {_show(bounds.capaian_maks)}%")


def _row(ind: Indikator, values: list[float | None],
         computed: tuple[float | None, float | None, KitTarget | None, str | None],
         texts: tuple[str, str, str] = ("", "", "")) -> IndikatorRow:
    r_sd, cap, t_sd, kat = computed
    # model_construct: every field is computed here, validation would only cost time.
    return IndikatorRow.model_construct(
        id=ind.id, sasaran=ind.sasaran, indikator=ind.indikator, satuan=ind.satuan,
        desimal=ind.desimal, target_tahunan=to_target(ind.target_tahunan),
        target_sd=None if t_sd is None else to_target(t_sd),
        realisasi_triwulan=(values[0], values[1], values[2], values[3]),
        realisasi_sd=r_sd, capaian=cap, kategori=kat,
        kendala=texts[0], tindak_lanjut=texts[1], bukti_dukung=texts[2],
    )


def indikator_row(definition: KitDefinition, ind: Indikator, values: list[float | None],
                  sampai: int) -> IndikatorRow:
    """The rekap row of one indicator from its four quarter realisasi (None: not known)."""
    r_sd, cap, t_sd = rules.capaian_indikator(ind, values, sampai)
    return _row(ind, values, (r_sd, cap, t_sd, rules.kategori(cap, definition.skala_kategori)))


def kegiatan_row(program: str, keg: Kegiatan, values: list[float | None],
                 sampai: int) -> KegiatanRow:
    """The rekap row of one kegiatan from its four quarter realisasi anggaran."""
    period = values[:sampai]
    r_sd = None if any(v is None for v in period) else sum(v for v in period if v is not None)
    return KegiatanRow.model_construct(program=program, kegiatan=keg.nama, pagu=keg.pagu,
                       realisasi_triwulan=(values[0], values[1], values[2], values[3]),
                       realisasi_sd=r_sd, serapan=rules.serapan(r_sd, keg.pagu))


def known_rows(definition: KitDefinition, unit: Unit, sampai: int,
               ) -> tuple[list[IndikatorRow], list[KegiatanRow]]:
    """Rows of a unit with no usable return: targets, and only the realisasi already known."""
    indikator = [indikator_row(definition, ind, _known(ind), sampai) for ind in unit.indikator]
    kegiatan = [kegiatan_row(p.nama, k, _known(k), sampai)
                for p in unit.program for k in p.kegiatan]
    return indikator, kegiatan


def _kegiatan(check: _Checker, program: str, keg: Kegiatan, cells: KegiatanCells,
              sampai: int) -> Callable[[], KegiatanRow]:
    values = _known(keg)
    for q in cells.isian:
        label = f"Realisasi anggaran TW {ROMAN[q]} '{_clip(keg.nama, 40)}'"
        values[q - 1] = check.number(cells.realisasi[q - 1], label)
    row = kegiatan_row(program, keg, values, sampai)
    check.cached(cells.serapan, f"% serapan '{_clip(keg.nama, 40)}'", row.serapan)
    if row.realisasi_sd is not None and row.realisasi_sd > keg.pagu:
        check.add(MRG_OVER_BUDGET, cells.realisasi_sd, value=_show(row.realisasi_sd),
                  pagu=_show(keg.pagu))
    return lambda: row


def _pengesahan(check: _Checker, layout: KitLayout) -> tuple[Pengesahan, dt.date | None]:
    cells = layout.pengesahan
    texts = {
        name: check.text(getattr(cells, name), label, getattr(cells, name) in cells.required,
                         SIGN_LIMIT)
        for name, label in (("nama", "Nama penanggung jawab"), ("nip", "NIP"),
                            ("jabatan", "Jabatan"), ("tempat", "Tempat pengesahan"))
    }
    digits = "".join(ch for ch in texts["nip"] if ch.isdigit())
    if texts["nip"] and (len(digits) != NIP_DIGITS or len(texts["nip"]) > NIP_DIGITS + 3):
        check.add(MRG_NIP, cells.nip, nip=_clip(texts["nip"]))
    raw = check.raw(cells.tanggal)
    tanggal = None
    year = layout.cycle.tahun
    if is_blank(raw):
        check.add(MRG_REQUIRED, cells.tanggal, field="Tanggal pengisian")
    else:
        tanggal = _date(raw)
        if tanggal is None:
            check.add(MRG_BAD_DATE, cells.tanggal, text=_clip(str(raw)))
        elif not year <= tanggal.year <= year + 1:
            check.add(MRG_RANGE, cells.tanggal, field="Tanggal pengisian",
                      value=tanggal.isoformat(), low=f"{year}-01-01", high=f"{year + 1}-12-31")
            tanggal = None
    check.content.append(tanggal.isoformat() if tanggal else str(raw or ""))
    return Pengesahan(tanggal=tanggal.isoformat() if tanggal else "", **texts), tanggal


def _date(value: CellValue) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_SPAN[0] <= value <= _SERIAL_SPAN[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parse_tanggal(text).as_date()
    except TanggalError:
        return None


def to_target(value: KitTarget) -> Target:
    """A kit target (number or range) as the persisted min/max form."""
    if isinstance(value, Rentang):
        return Target.model_construct(min=value.min, max=value.max)
    return Target.model_construct(min=float(value), max=float(value))


def _is_percent(satuan: str) -> bool:
    return satuan.strip().lower() in _PERCENT_UNITS


def _scale(ind: Indikator) -> float:
    target = ind.target_tahunan
    return target.max if isinstance(target, Rentang) else float(target)


def _cell_text(value: CellValue) -> str:
    """A unit's text as the reports print it: whitespace collapsed, control characters
    (a bell, NUL, escape: invalid in the rekap's XML and PDF text) dropped."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isspace() or category(ch) != "Cc")
    return " ".join(text.split())


def _show(value: float) -> str:
    """A number as Indonesian text for messages: ``1.500.000`` or ``12,5``."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show_any(value: float | str | None) -> str:
    if value is None:
        return "kosong"
    return value if isinstance(value, str) else _show(value)
