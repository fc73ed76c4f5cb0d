"""One SOP: identity fields, pelaksana (actor columns), langkah (steps) and their flow."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from sop_docs.i18n import tr
from sop_docs.model.profile import ID_PATTERN
from sop_docs.model.settings import TataLetak
from sop_docs.model.values import SatuanWaktu, TanggalValue, Waktu, parse_tanggal, parse_waktu


def _as_tuple(value: Any) -> Any:
    """Accept a single string where a list is expected ("pelaksana: staf")."""
    return (value,) if isinstance(value, str) else value


def _as_waktu(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, list | dict | bool):
        raise ValueError(tr("tulis waktu sebagai teks, mis. '15 menit' atau '30 menit / bagian'",
                            "write waktu as text, e.g. '15 menit' or '30 menit / bagian'"))
    return parse_waktu(value) if isinstance(value, str) else value


def _as_tanggal(value: Any) -> Any:
    return value if isinstance(value, TanggalValue) else parse_tanggal(value)


DEFAULT_LABELS = ("Ya", "Tidak")


def _default_labels(value: Any) -> Any:
    """Fill the label of a decision exit that omits it: Ya for the first, Tidak for the second."""
    if not isinstance(value, list | tuple):
        return value
    filled = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict) and "label" not in entry and index < len(DEFAULT_LABELS):
            entry = {"label": DEFAULT_LABELS[index], **entry}
        filled.append(entry)
    return filled


def _as_keterkaitan(value: Any) -> Any:
    return {"teks": value} if isinstance(value, str) else value


WaktuField = Annotated[
    Waktu,
    BeforeValidator(_as_waktu),
    WithJsonSchema({"type": ["string", "number"], "description": "e.g. '15 menit', '2 hari'"}),
]
Tanggal = Annotated[
    TanggalValue,
    BeforeValidator(_as_tanggal),
    WithJsonSchema(
        {
            "type": ["string", "integer", "null"],
            "description": "2021-01-19, '19 Januari 2021', 'Januari 2019', '......2022', "
            "'' or a revision number",
        }
    ),
]
TextList = Annotated[
    tuple[str, ...],
    BeforeValidator(_as_tuple),
    WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    ),
]
_ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN}
IdList = Annotated[
    tuple[Annotated[str, Field(pattern=ID_PATTERN)], ...],
    BeforeValidator(_as_tuple),
    WithJsonSchema({"anyOf": [_ID_SCHEMA, {"type": "array", "items": _ID_SCHEMA, "minItems": 1}]}),
]


def _keterkaitan_schema(schema: dict[str, Any]) -> None:
    """Let editors accept a plain title as well as {teks, sop} in 'keterkaitan'."""
    prop = schema.get("properties", {}).get("keterkaitan")
    if prop is not None:
        prop["items"] = {"anyOf": [{"type": "string"}, prop["items"]]}


class Simbol(StrEnum):
    """The flowchart symbol of a step (arrows and off-page connectors belong to the layout)."""

    TERMINATOR = "terminator"
    PROSES = "proses"
    KEPUTUSAN = "keputusan"


class StatusSOP(StrEnum):
    """A draft may leave dates and numbers blank; a berlaku SOP may not; a dicabut
    (withdrawn) SOP is no longer in force but stays listed with its history."""

    DRAF = "draf"
    BERLAKU = "berlaku"
    DICABUT = "dicabut"


class Pelaksana(BaseModel):
    """An actor: one column of the procedure table, one lane of the swimlane."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    id: str = Field(pattern=ID_PATTERN)
    nama: str


class Cabang(BaseModel):
    """One labelled exit of a decision."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    label: str = Field(
        "Ya", description="exit label; defaults to Ya for the first exit, Tidak for the second"
    )
    ke: str = Field(description="id of the step this exit goes to")


class Langkah(BaseModel):
    """One step (one row of the procedure table)."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    id: str = Field(pattern=ID_PATTERN)
    kegiatan: str
    pelaksana: IdList = Field(min_length=1)
    kelengkapan: str = ""
    waktu: WaktuField | None = None
    output: str = ""
    keterangan: str = ""
    simbol: Simbol | None = Field(None, description="derived when omitted")
    ke: str | None = Field(None, description="next step id when not the following step")
    cabang: Annotated[tuple[Cabang, ...], BeforeValidator(_default_labels)] = Field(
        (), description="a decision's two labelled exits"
    )


class Keterkaitan(BaseModel):
    """A related SOP: its title as printed, and its id when it is in this corpus."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    teks: str
    sop: str | None = Field(None, description="id of the related SOP")


KeterkaitanField = Annotated[Keterkaitan, BeforeValidator(_as_keterkaitan)]


class TanggalSOP(BaseModel):
    """The dates of the identity block."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    pembuatan: Tanggal = TanggalValue()
    revisi: Tanggal = TanggalValue()
    efektif: Tanggal = TanggalValue()
    label_efektif: str = Field("Tanggal Efektif", description="or 'Tanggal Pengesahan'")


class RiwayatRevisi(BaseModel):
    """One entry of the revision history."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    nomor: int | str
    tanggal: Tanggal = TanggalValue()
    perubahan: str


class SOP(BaseModel):
    """One SOP AP document as written in its source."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", coerce_numbers_to_str=True,
        json_schema_extra=_keterkaitan_schema,
    )

    id: str = Field(pattern=ID_PATTERN)
    profil: str = Field(description="id of the office profile (sop_sources/profil/ID.yaml)")
    status: StatusSOP = StatusSOP.BERLAKU
    nomor: str = ""
    nama: str
    unit: str | None = Field(None, description="overrides the profile's unit")
    tanggal: TanggalSOP = TanggalSOP()
    disahkan_oleh: str = Field(description="id of an official in the profile")
    dasar_hukum: TextList = ()
    kualifikasi_pelaksana: TextList = ()
    keterkaitan: tuple[KeterkaitanField, ...] = ()
    peralatan_perlengkapan: TextList = ()
    peringatan: TextList = ()
    pencatatan_pendataan: TextList = ()
    riwayat_revisi: tuple[RiwayatRevisi, ...] = ()
    pelaksana: tuple[Pelaksana, ...] = Field(min_length=1)
    langkah: tuple[Langkah, ...] = Field(min_length=1)
    tata_letak: TataLetak = TataLetak()
    satuan_waktu: SatuanWaktu | None = Field(
        None, description="unit of a waktu written as a bare number (e.g. 15); overrides the "
        "project's; the sheet prints it in the column header, 'Waktu (menit)'")

    @cached_property
    def step_index(self) -> dict[str, int]:
        """Step id -> position of the first step with that id (computed once)."""
        index: dict[str, int] = {}
        for i, step in enumerate(self.langkah):
            index.setdefault(step.id, i)
        return index

    def step(self, step_id: str) -> Langkah | None:
        """The step with this id, if any."""
        found = self.step_index.get(step_id)
        return self.langkah[found] if found is not None else None

    def actor(self, actor_id: str) -> Pelaksana | None:
        """The pelaksana with this id, if any."""
        return next((p for p in self.pelaksana if p.id == actor_id), None)

    def simbol(self, step: Langkah) -> Simbol:
        """The step's symbol: explicit, else terminator for first/last, keputusan for two exits."""
        if step.simbol is not None:
            return step.simbol
        if step.cabang:
            return Simbol.KEPUTUSAN
        if step.id in (self.langkah[0].id, self.langkah[-1].id):
            return Simbol.TERMINATOR
        return Simbol.PROSES

    def successors(self, step: Langkah) -> list[tuple[str, str | None]]:
        """(target step id, exit label) pairs; the last step has none unless it names a target."""
        if step.cabang:
            return [(c.ke, c.label) for c in step.cabang]
        if step.ke is not None:
            return [(step.ke, None)]
        index = self.step_index[step.id]
        if index + 1 < len(self.langkah):
            return [(self.langkah[index + 1].id, None)]
        return []
