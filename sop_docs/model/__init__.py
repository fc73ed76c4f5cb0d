"""Typed, frozen SOP model: office profiles, SOPs, steps, and the values they hold.

Domain words follow the official Indonesian form (pelaksana, langkah, kegiatan, mutu baku);
code words are English.  Nothing here reads YAML: ``sop_docs.model.build`` turns the plain
data the sources stage produced into these objects, with located diagnostics.
"""

from sop_docs.model.profile import Pejabat, Profil
from sop_docs.model.settings import (
    Kertas,
    Margin,
    Orientasi,
    ProjectSettings,
    TataLetak,
    WaktuKerja,
)
from sop_docs.model.sop import SOP, Cabang, Langkah, Pelaksana, RiwayatRevisi, Simbol, Tanggal
from sop_docs.model.values import SatuanWaktu, TanggalValue, Waktu, parse_tanggal, parse_waktu

__all__ = [
    "SOP",
    "Cabang",
    "Kertas",
    "Langkah",
    "Margin",
    "Orientasi",
    "Pejabat",
    "Pelaksana",
    "Profil",
    "ProjectSettings",
    "RiwayatRevisi",
    "SatuanWaktu",
    "Simbol",
    "Tanggal",
    "TanggalValue",
    "TataLetak",
    "Waktu",
    "WaktuKerja",
    "parse_tanggal",
    "parse_waktu",
]
