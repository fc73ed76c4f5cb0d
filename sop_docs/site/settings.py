"""The site settings of a project: ``site/site.yaml`` (title, description, office, pages)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sop_docs.diagnostics import Diagnostic
from sop_docs.model.build import build_model
from sop_docs.sources import read_source

SITE_FILE = "site.yaml"

Warna = Literal[
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal",
    "green", "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown",
    "grey", "blue-grey", "black", "white",
]


class Kantor(BaseModel):
    """The office that publishes the site, shown on the home page and in the footer."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    nama: str
    alamat: str = ""
    telepon: str = ""
    email: str = ""

    def baris(self) -> list[str]:
        """The contact lines, empty ones left out."""
        lines = [self.nama, self.alamat, f"Telepon: {self.telepon}" if self.telepon else "",
                 f"Surel: {self.email}" if self.email else ""]
        return [line for line in lines if line]


class Halaman(BaseModel):
    """Which optional pages the site has (the SOP pages and indexes are always there)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    dasar_hukum: bool = True
    kit: bool = True
    rekap: bool = True


# Job titles and units spelled differently between offices: each group is one search term.
SINONIM_BAWAAN: tuple[tuple[str, ...], ...] = (
    ("kasubag", "kasubbag", "kepala sub bagian", "kepala subbagian", "kepala subbag",
     "kepala sub bag", "ka subbag", "ka subag", "ka sub bag"),
    ("subbag", "subbagian", "sub bagian", "sub bag"),
    ("kasubbid", "kepala sub bidang", "kepala subbidang"),
    ("kasi", "kasie", "kepala seksi"),
    ("kabid", "kepala bidang"),
    ("kadis", "kepala dinas"),
    ("sekdis", "sekretaris dinas"),
    ("sekcam", "sekretaris camat", "sekretaris kecamatan"),
    ("camat", "kepala kecamatan"),
    ("opd", "organisasi perangkat daerah", "perangkat daerah"),
)


class Pencarian(BaseModel):
    """How the site's search reads Indonesian: extra synonym groups of the project."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    sinonim: tuple[tuple[str, ...], ...] = Field(
        (), description="groups of words or phrases that search treats as one term; added "
                        "before the built-in groups (kasubag/kasubbag, kasi/kepala seksi, ...)")
    sinonim_bawaan: bool = Field(True, description="also use the built-in groups")

    def kelompok(self) -> tuple[tuple[str, ...], ...]:
        """Every synonym group in force: the project's first, then the built-in ones."""
        return self.sinonim + (SINONIM_BAWAAN if self.sinonim_bawaan else ())


class SiteSettings(BaseModel):
    """``site/site.yaml``: how the reference site presents itself."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    judul: str = "Referensi SOP"
    deskripsi: str = "Standar operasional prosedur yang berlaku, untuk dibaca dan diunduh."
    kantor: Kantor | None = None
    halaman: Halaman = Halaman()
    warna: Warna = Field("indigo", description="Material primary colour")
    pencarian: Pencarian = Pencarian()


def load_site_settings(folder: Path) -> tuple[SiteSettings, list[Diagnostic]]:
    """``folder/site.yaml``, or the defaults when there is none; problems located."""
    path = folder / SITE_FILE
    if not path.is_file():
        return SiteSettings(), []
    built = build_model(read_source(path), SiteSettings)
    return built.model or SiteSettings(), built.diagnostics


def overrides_folder(folder: Path) -> Path | None:
    """``folder/overrides``: theme templates the project overrides, when present."""
    path = folder / "overrides"
    return path if path.is_dir() else None
