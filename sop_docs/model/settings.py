"""Project-wide settings: layout defaults every SOP inherits, and the working-time calendar."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


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


class TataLetak(BaseModel):
    """Layout options the renderers read; every field optional so an SOP overrides only some."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kertas: Kertas | None = None
    orientasi: Orientasi | None = None
    margin: Margin | None = None
    maks_langkah_per_halaman: int | None = Field(None, ge=1, le=100)

    def over(self, base: TataLetak) -> TataLetak:
        """This layout's values where set, ``base``'s elsewhere."""
        return TataLetak(
            kertas=self.kertas or base.kertas,
            orientasi=self.orientasi or base.orientasi,
            margin=self.margin or base.margin,
            maks_langkah_per_halaman=self.maks_langkah_per_halaman
            or base.maks_langkah_per_halaman,
        )


DEFAULT_TATA_LETAK = TataLetak(
    kertas=Kertas.F4, orientasi=Orientasi.LANSKAP, margin=Margin(), maks_langkah_per_halaman=None
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
    sumber: str = Field("sop_sources", description="folder of SOP sources and profil/")
    kits: str = Field("kits", description="folder of kit definitions")
    site: str = Field("site", description="folder of site settings")
