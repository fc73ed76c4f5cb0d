"""The office profile: instansi hierarchy and officials, shared by many SOPs and kits."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Pejabat(BaseModel):
    """An official who signs: jabatan, nama, pangkat/golongan, NIP."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    id: str = Field(pattern=ID_PATTERN)
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""


class Profil(BaseModel):
    """One office: PEMERINTAH ... / DINAS or KECAMATAN ... / unit, address, logo, officials."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    id: str = Field(pattern=ID_PATTERN)
    pemerintah: str = Field(description="e.g. PEMERINTAH KABUPATEN SUMEDANG")
    instansi: str = Field(description="dinas, kantor or kecamatan")
    unit: str = Field("", description="bagian / subbag that owns the SOPs")
    alamat: str = ""
    tempat: str = Field("", description="place name used in signature blocks")
    logo: str | None = Field(None, description="path of the logo image, relative to the profile")
    singkatan: tuple[str, ...] = Field(
        (), description="the office's own abbreviations (e.g. DPMD, Kesbangpol); text naming "
        "the office by them is its own (the initials of its name are known without listing)")
    pejabat: tuple[Pejabat, ...] = ()

    def official(self, ref: str) -> Pejabat | None:
        """The official with id ``ref``, if any."""
        return next((p for p in self.pejabat if p.id == ref), None)
