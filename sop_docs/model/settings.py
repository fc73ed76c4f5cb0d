"""Project-wide settings: layout defaults every SOP inherits, and the working-time calendar."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from sop_docs.model.values import SatuanWaktu


class Kertas(StrEnum):
    """Paper sizes the official sheet is printed on."""

    A4 = "A4"
    F4 = "F4"

    @property
    def mm(self) -> tuple[float, float]:
        """(width, height) in portrait, millimetres."""
        return (210.0, 297.0) if self is Kertas.A4 else (215.0, 330.0)


class Orientasi(StrEnum):
    """Page orientation."""

    LANSKAP = "lanskap"
    POTRET = "potret"


class Margin(BaseModel):
    """Page margins in millimetres."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    atas: float = Field(15.0, ge=0, le=60)
    bawah: float = Field(15.0, ge=0, le=60)
    kiri: float = Field(15.0, ge=0, le=60)
    kanan: float = Field(15.0, ge=0, le=60)


class FormatTanggal(StrEnum):
    """How the sheet prints the identity dates."""

    PANJANG = "panjang"  # "31 Desember 2021", whatever the source wrote
    SUMBER = "sumber"  # exactly as the source writes it ("31 - 12 - 2021")


class TataLetak(BaseModel):
    """Layout options the renderers read; every field optional so an SOP overrides only some."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kertas: Kertas | None = None
    orientasi: Orientasi | None = None
    margin: Margin | None = None
    maks_langkah_per_halaman: int | None = Field(None, ge=1, le=100)
    format_tanggal: FormatTanggal | None = Field(
        None, description="identity dates: 'panjang' (31 Desember 2021, the default) or "
        "'sumber' (as the source writes them)")
    nomor_kolom: bool | None = Field(
        None, description="print the column-number row (1) (2) ... (n) under the procedure "
        "table's header (default false)")
    tanda_tangan: bool | None = Field(
        None, description="print the signatory's block under the procedure table on its "
        "last page (default false)")
    tampilkan_logo: bool | None = Field(
        None, description="show the profile's logo in the identity header (default true)")

    def over(self, base: TataLetak) -> TataLetak:
        """This layout's values where set, ``base``'s elsewhere."""
        return TataLetak(**{name: getattr(base, name) if value is None else value
                            for name, value in self})


DEFAULT_TATA_LETAK = TataLetak(
    kertas=Kertas.F4, orientasi=Orientasi.LANSKAP, margin=Margin(), maks_langkah_per_halaman=None,
    format_tanggal=FormatTanggal.PANJANG, nomor_kolom=False, tanda_tangan=False,
    tampilkan_logo=True,
)


class WaktuKerja(BaseModel):
    """Working-time calendar used to total step durations."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    jam_per_hari: float = Field(7.5, gt=0, le=24)
    hari_per_minggu: float = Field(5.0, gt=0, le=7)
    hari_per_bulan: float = Field(22.0, gt=0, le=31)


class ProjectSettings(BaseModel):
    """``sop-docs.yaml`` at the project root: defaults for every SOP of the project."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nama: str = "Dokumen SOP"
    tata_letak: TataLetak = DEFAULT_TATA_LETAK
    waktu_kerja: WaktuKerja = WaktuKerja()
    satuan_waktu: SatuanWaktu | None = Field(
        None, description="unit of a waktu written as a bare number (e.g. 15), for every SOP "
        "that sets none")
    sumber: str = Field("sop_sources", description="folder of SOP sources and profil/")
    kits: str = Field("kits", description="folder of kit definitions")
    site: str = Field("site", description="folder of site settings")
