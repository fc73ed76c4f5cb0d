"""How a project wants its rekap: paper, where the office logos live, template, PDF or not.

Read from ``sop-docs.yaml`` (the paper of ``tata_letak.kertas``, F4 by default like the
sheets) so `kit merge` and `build` print the same rekap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sop_docs.model.build import PROFILE_FOLDER, load_settings
from sop_docs.model.profile import Profil
from sop_docs.model.settings import Kertas

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True, slots=True)
class RekapOptions:
    """The rekap's paper (landscape), the folder profile logos are relative to, the
    office's own .docx template (None: the shipped one), and whether to write the PDF."""

    kertas: Kertas = Kertas.F4
    profile_folder: Path | None = None
    template: Path | None = None
    pdf: bool = True

    def logo(self, profil: Profil) -> Path | None:
        """The office's logo file (PNG or JPEG), when the profile names one that exists."""
        if not profil.logo:
            return None
        path = Path(profil.logo)
        if not path.is_absolute() and self.profile_folder is not None:
            path = self.profile_folder / path
        if path.suffix.lower() not in LOGO_SUFFIXES or not path.is_file():
            return None
        return path


def rekap_options(project: Path, template: Path | None = None, pdf: bool = True
                  ) -> RekapOptions:
    """The rekap options of the project at ``project`` (settings problems are reported by
    `check`; here the defaults stand in for an unreadable ``sop-docs.yaml``)."""
    settings, _ = load_settings(project)
    kertas = settings.tata_letak.kertas or Kertas.F4
    return RekapOptions(kertas, project / settings.sumber / PROFILE_FOLDER, template, pdf)
