"""A loaded project: SOPs resolved against their profile and the project's layout defaults.

Renderers take a :class:`ResolvedSOP`: the SOP, its office profile, the signing official
and the effective layout, so none of them looks anything up again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sop_docs.model.flow import normal_path
from sop_docs.model.profile import Pejabat, Profil
from sop_docs.model.settings import DEFAULT_TATA_LETAK, ProjectSettings, TataLetak
from sop_docs.model.sop import SOP
from sop_docs.model.values import SatuanWaktu, Waktu
from sop_docs.sources.positions import Positions

_MINUTES_PER = {
    SatuanWaktu.MENIT: 1.0,
    SatuanWaktu.JAM: 60.0,
}


@dataclass(frozen=True, slots=True)
class ResolvedSOP:
    """An SOP ready to render: its profile, signatory and complete layout options."""

    sop: SOP
    profil: Profil
    pengesah: Pejabat
    tata_letak: TataLetak
    settings: ProjectSettings
    path: str

    @property
    def unit(self) -> str:
        """The unit line of the header: the SOP's own, else the profile's."""
        return self.sop.unit if self.sop.unit is not None else self.profil.unit

    @property
    def satuan_waktu(self) -> SatuanWaktu | None:
        """The unit of a waktu written as a bare number: the SOP's, else the project's.  When
        set, the sheet's Waktu column header names it ("Waktu (menit)")."""
        return self.sop.satuan_waktu or self.settings.satuan_waktu

    def satuan(self, waktu: Waktu) -> SatuanWaktu | None:
        """The unit of one step's waktu: its own, else the default for bare numbers."""
        return waktu.satuan or (self.satuan_waktu if waktu.nilai is not None else None)

    def total_menit(self) -> tuple[float, int]:
        """Total duration in working minutes of the steps on the normal path (rework that a
        decision loops back to is left out, see :meth:`pengulangan`; a range counts its upper
        bound), and how many of those steps had no readable waktu."""
        calendar = self.settings.waktu_kerja
        per_unit = {
            **_MINUTES_PER,
            SatuanWaktu.HARI: calendar.jam_per_hari * 60,
            SatuanWaktu.MINGGU: calendar.hari_per_minggu * calendar.jam_per_hari * 60,
            SatuanWaktu.BULAN: calendar.hari_per_bulan * calendar.jam_per_hari * 60,
        }
        on_path = normal_path(self.sop)
        total, unknown = 0.0, 0
        for step in self.sop.langkah:
            waktu = step.waktu
            if step.id not in on_path:
                continue
            satuan = self.satuan(waktu) if waktu is not None else None
            if waktu is None or waktu.nilai is None or satuan is None:
                unknown += 1
                continue
            days = calendar.hari_per_minggu / 7 if waktu.kalender else 1.0  # calendar days
            total += waktu.nilai * per_unit[satuan] * days
        return total, unknown

    def pengulangan(self) -> int:
        """How many steps lie off the normal path (rework reached only through a loop back),
        which :meth:`total_menit` leaves out."""
        on_path = normal_path(self.sop)
        return sum(step.id not in on_path for step in self.sop.langkah)


def resolve(sop: SOP, profil: Profil, pengesah: Pejabat, settings: ProjectSettings,
            path: str) -> ResolvedSOP:
    """Bundle an SOP with what it refers to; layout = SOP override over project defaults."""
    layout = sop.tata_letak.over(settings.tata_letak).over(DEFAULT_TATA_LETAK)
    return ResolvedSOP(sop, profil, pengesah, layout, settings, path)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Every SOP and profile of a project, sorted by id for deterministic output.

    ``positions`` (by SOP id) and ``profile_positions`` (by profile id) keep where each
    value stood in its source, so lint rules can point at file:line:col.
    """

    settings: ProjectSettings
    profiles: tuple[Profil, ...]
    sops: tuple[ResolvedSOP, ...]
    positions: Mapping[str, Positions] = field(default_factory=dict)
    profile_positions: Mapping[str, Positions] = field(default_factory=dict)

    def profile_file(self, profile_id: str) -> Path | None:
        """The source file of a profile (its logo path is relative to it)."""
        found = self.profile_positions.get(profile_id)
        return Path(found.path) if found is not None else None

    def sop(self, sop_id: str) -> ResolvedSOP | None:
        """The resolved SOP with this id, if any."""
        return next((r for r in self.sops if r.sop.id == sop_id), None)
