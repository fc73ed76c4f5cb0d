"""Deterministic synthetic SOPs for stress tests and benchmarks.

Every generator here first builds the plain data a source file holds (the same dicts
:func:`write_synthetic_project` dumps as YAML), then validates it with the model, so the
in-memory corpus and the written project can never disagree.  The same seed always gives
the same output.

Every generated flow is valid: all steps are reachable from the first, every step has a
path to the last, every loop (a decision's exit back to an earlier step) has an exit (the
decision's forward exit), and every declared pelaksana performs at least one step.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sop_docs.model.corpus import Corpus, ResolvedSOP, resolve
from sop_docs.model.profile import Profil
from sop_docs.model.settings import ProjectSettings
from sop_docs.model.sop import SOP

Data = dict[str, Any]

SOP_SCHEMA_LINE = "# yaml-language-server: $schema=../schema/sop.schema.json\n"
PROFIL_SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/profil.schema.json\n"

# (id, nama) of the actor columns, in the usual order of a procedure table.  Beyond the
# twelfth, numbered staff columns are added (hostile cases only).
ACTORS: tuple[tuple[str, str], ...] = (
    ("kepala-dinas", "Kepala Dinas"),
    ("sekretaris", "Sekretaris Dinas"),
    ("kasubbag-program", "Kasubbag Program dan Evaluasi"),
    ("kepala-bidang", "Kepala Bidang"),
    ("kepala-seksi", "Kepala Seksi"),
    ("penyusun-evaluasi", "Penyusun Bahan Evaluasi, Rencana, Program dan Laporan"),
    ("pengadministrasi", "Pengadministrasi Umum"),
    ("staf-pelaksana", "Staf Pelaksana"),
    ("bendahara", "Bendahara Pengeluaran"),
    ("caraka", "Caraka"),
    ("inspektorat", "Inspektorat"),
    ("tim-pengumpul", "Tim Pengumpul Data Kinerja"),
)

# A decision's (forward, back) exit labels.
DECISION_LABELS: tuple[tuple[str, str], ...] = (("Ya", "Tidak"), ("Lengkap", "Tidak"),
                                                ("Benar", "Salah"))
DECISION_TEXTS: dict[str, str] = {
    "Ya": "Memeriksa apakah {obj} sudah sesuai dan dapat disetujui",
    "Lengkap": "Memverifikasi kelengkapan {obj} {comp}",
    "Benar": "Memeriksa kebenaran {obj} {comp}",
}

VERBS = (
    "Menyusun", "Menghimpun", "Menyampaikan", "Mengoreksi", "Merekap", "Mengolah",
    "Menganalisa", "Mengevaluasi", "Mendistribusikan", "Mengarsipkan", "Melaporkan",
    "Menerima", "Memparaf", "Menandatangani", "Menggandakan", "Menginput", "Memvalidasi",
    "Mensosialisasikan",
)
OBJECTS = (
    "data kinerja", "format permintaan data dan informasi kinerja", "laporan kinerja triwulan",
    "konsep surat pemberitahuan pengisian data", "rencana aksi", "perjanjian kinerja",
    "draf laporan kinerja", "rekapitulasi capaian kinerja", "lembar disposisi",
    "bukti dukung capaian indikator", "laporan semesteran", "data realisasi anggaran",
)
COMPLEMENTS = (
    "kepada masing-masing bidang", "dari sub bagian/seksi", "sesuai jadwal yang ditetapkan",
    "sebagai bahan penyusunan LKjIP", "yang telah terkumpul", "kepada Kepala Dinas",
    "melalui aplikasi e-SAKIP", "untuk ditindaklanjuti", "dalam bentuk softcopy dan hardcopy",
    "bersama tim pengumpul data",
)
LONG_OPENERS = (
    "Dalam pelaksanaannya", "Selanjutnya", "Apabila terdapat kekurangan", "Untuk memastikan mutu",
    "Sebelum batas waktu berakhir", "Setelah menerima disposisi", "Sesuai ketentuan yang berlaku",
)
LONG_CLAUSES = (
    "petugas memastikan bahwa {obj} telah diisi lengkap {comp}",
    "setiap perubahan {obj} dicatat dalam buku kegiatan dan dilaporkan {comp}",
    "koordinasi dilakukan dengan pejabat terkait agar {obj} dapat diselesaikan {comp}",
    "hasil pemeriksaan {obj} dituangkan dalam berita acara {comp}",
    "kendala yang ditemukan pada {obj} disampaikan secara tertulis {comp}",
)
WAKTU = (
    "5 menit", "10 menit", "10 Menit", "15 menit", "15 Menit", "30 menit", "60 menit",
    "480 menit", "1 jam", "2 jam", "1 hari", "2 hari", "3 hari", "2 Hari", "5 hari",
    "1 minggu", "1 bulan", "30 menit / bagian", "30 menit/ bagian",
    "tergantung volume pekerjaan",
)
KELENGKAPAN = (
    "Dokumen", "Format data kinerja tahun lalu", "Perjanjian Kinerja, Rencana Aksi",
    "Disposisi", "Draf laporan kinerja", "Data kinerja dari sub bag/Kasi",
    "Surat pemberitahuan dan format data", "Komputer, ATK",
)
OUTPUT = (
    "Dokumen format data", "Lembar Disposisi", "Draft Laporan Kinerja",
    "Rekapitulasi hasil capaian pengumpulan data kinerja", "Format siap dikirim",
    "Kumpulan data untuk dianalisis", "Surat pemberitahuan terdistribusi",
)
KETERANGAN = ("", "", "", "Tergantung volume pekerjaan", "Paraf pada lembar disposisi",
              "Jika data tidak lengkap akan dikembalikan ke bagian")
# Texts a YAML writer must quote to round-trip: indicators, YAML 1.1 booleans and nulls,
# numbers and dates, markup, formulas, line breaks and non-ASCII.
SPECIAL_TEXTS = (
    "- Dokumen laporan - Format Data dan Informasi", "* catatan: lihat lampiran",
    "#1 prioritas utama", "&anchor bukan jangkar", "*alias bukan alias", "! penting",
    "% realisasi anggaran", "@bagian umum", "`kode` formulir", '"kutipan" di awal',
    "'petik' tunggal", "[lampiran 1]", "{kurung kurawal}", "| pipa", "> lebih besar",
    "? tanya", ": titik dua", "yes", "No", "on", "null", "~", "2021-01-19", "0x1F", "1e3",
    "010", " spasi di awal", "akhir berspasi ", "baris pertama\nbaris kedua",
    "=SUM(A1:A3)", "<script>alert(1)</script>", "Ñ ü — “kutip” ½ ①", "---", "...",
)
DASAR_HUKUM = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
    "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
    "2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
    "Atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah",
    "Peraturan Bupati Nomor 41 Tahun 2016 tentang Kedudukan, Susunan Organisasi, Tugas dan "
    "Fungsi, serta Tata Kerja Perangkat Daerah",
)
KUALIFIKASI = (
    "Memahami Peraturan Perundang-undangan yang terkait", "Memahami sasaran dan capaian program",
    "Menguasai pengoperasian komputer", "Memiliki kemampuan pengolahan data",
    "Mengetahui tugas dan fungsi Sistem Akuntabilitas Kinerja Instansi Pemerintah",
)
PERALATAN = ("Komputer/ Laptop", "Printer", "Scanner", "ATK", "Jaringan Internet",
             "Buku Kegiatan/ Lembar Kerja/ Notulen")
KETERKAITAN = ("SOP Penyusunan Renstra", "SOP Penyusunan Renja", "SOP Penyusunan LKjIP",
               "SOP Penyusunan Perjanjian Kinerja", "SOP Monitoring Internal Kinerja")
TOPICS = ("Pengumpulan Data Kinerja", "Penyusunan Laporan Kinerja Triwulan",
          "Penyusunan Perjanjian Kinerja", "Evaluasi Rencana Aksi", "Pengelolaan Surat Masuk",
          "Penyusunan Rencana Kerja", "Monitoring Realisasi Anggaran", "Pengarsipan Dokumen")
DAERAH = ("Sumedang", "Nganjuk", "Purwakarta", "Sukoharjo", "Banyumas", "Sleman", "Gowa",
          "Sintang", "Kutai Barat", "Lombok Timur")
DINAS = ("DINAS PEMBERDAYAAN MASYARAKAT DAN DESA", "DINAS ARSIP DAN PERPUSTAKAAN",
         "KANTOR KESATUAN BANGSA DAN POLITIK", "DINAS KOMUNIKASI DAN INFORMATIKA",
         "DINAS LINGKUNGAN HIDUP", "BADAN PERENCANAAN PEMBANGUNAN DAERAH")
UNITS = ("Sub Bagian Perencanaan dan Pelaporan", "Sub Bagian Tata Usaha",
         "Subbag Program dan Evaluasi", "Sub Bagian Umum dan Kepegawaian")
NAMES = ("Drs. H. Asep Tatang Sujana, M.Si", "Haris Atmiko, S.Pd", "Muhammad Kosim, S.STP, M.Si",
         "Dra. Sri Wahyuni, M.M.", "Ir. Bambang Setiawan, M.T.", "Dewi Lestari, S.E., M.Ak")
PANGKAT = ("Pembina (IV/a)", "Pembina Tingkat I (IV/b)", "Pembina Utama Muda (IV/c)",
           "Penata Tingkat I (III/d)")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")

MAX_DECISIONS = 3


@dataclass(frozen=True, slots=True)
class Shape:
    """The size and features of one synthetic SOP."""

    steps: int = 12
    actors: int = 4
    decisions: int = 1
    multi_actor: int = 1
    long_text: bool = False
    special_text: bool = False

    def check(self) -> None:
        """Raise ValueError when no valid flow has this shape."""
        if self.steps < 2:
            raise ValueError("an SOP needs at least 2 steps (start and end)")
        if not 1 <= self.actors <= self.steps:
            raise ValueError(f"actors must be between 1 and steps ({self.steps})")
        if not 0 <= self.decisions <= min(MAX_DECISIONS, max(0, self.steps - 3)):
            raise ValueError(f"decisions must be 0..{MAX_DECISIONS} and at most steps - 3")
        if self.multi_actor < 0 or self.multi_actor > self.steps - 2 - self.decisions:
            raise ValueError("multi_actor must fit in the process steps "
                             "(steps - 2 - decisions)")
        if self.multi_actor and self.actors < 2:
            raise ValueError("multi-actor steps need at least 2 actors")


def _actors(count: int) -> list[tuple[str, str]]:
    extra = [(f"staf-{i}", f"Staf Pelaksana {i}") for i in range(1, count - len(ACTORS) + 1)]
    return [*ACTORS, *extra][:count]


def _phrase(rng: random.Random, template: str) -> str:
    return template.format(obj=rng.choice(OBJECTS), comp=rng.choice(COMPLEMENTS))


def _kegiatan(rng: random.Random) -> tuple[str, str]:
    """(verb, activity text) of an ordinary step."""
    verb = rng.choice(VERBS)
    return verb, f"{verb} {rng.choice(OBJECTS)} {rng.choice(COMPLEMENTS)}"


def _long_text(rng: random.Random, start: str) -> str:
    """``start`` followed by Indonesian-looking sentences up to 150-400 words."""
    target = rng.randint(150, 400)
    sentences = [start + "."]
    words = len(start.split())
    while words < target:
        clause = _phrase(rng, rng.choice(LONG_CLAUSES))
        sentence = f"{rng.choice(LONG_OPENERS)}, {clause}."
        sentences.append(sentence)
        words += len(sentence.split())
    return " ".join(sentences)


def _decisions(rng: random.Random, shape: Shape) -> dict[int, int]:
    """Decision step index -> index of the earlier step its back exit loops to.

    Decisions sit strictly between the first and last step, after at least one process
    step, so each loop targets a step in 1..index-1 (like the seeds, at most a few steps
    back) and the forward exit leaves the loop.
    """
    positions = sorted(rng.sample(range(2, shape.steps - 1), shape.decisions))
    return {i: i - rng.randint(1, min(6, i - 1)) for i in positions}


def _assign_actors(rng: random.Random, shape: Shape, decisions: dict[int, int]) -> list[list[int]]:
    """Actor column indexes per step: every actor used, ``multi_actor`` steps with two."""
    primary = list(range(shape.actors)) + [rng.randrange(shape.actors)
                                           for _ in range(shape.steps - shape.actors)]
    rng.shuffle(primary)
    process = [i for i in range(1, shape.steps - 1) if i not in decisions]
    columns = [[a] for a in primary]
    for i in rng.sample(process, shape.multi_actor):
        neighbour = columns[i][0] + 1 if columns[i][0] + 1 < shape.actors else columns[i][0] - 1
        columns[i] = sorted([columns[i][0], neighbour])
    return columns


def _text(rng: random.Random, pool: Sequence[str], special: bool) -> str:
    return rng.choice(SPECIAL_TEXTS) if special and rng.random() < 0.4 else rng.choice(pool)


def _steps(rng: random.Random, shape: Shape, actor_ids: list[str]) -> list[Data]:
    decisions = _decisions(rng, shape)
    columns = _assign_actors(rng, shape, decisions)
    long_steps = set(rng.sample(range(shape.steps), max(1, shape.steps // 3))) \
        if shape.long_text else set()
    ids: list[str] = []
    steps: list[Data] = []
    for i in range(shape.steps):
        if i in decisions:
            yes, no = rng.choice(DECISION_LABELS)
            verb, kegiatan = "verifikasi", _phrase(rng, DECISION_TEXTS[yes])
        else:
            verb, kegiatan = _kegiatan(rng)
        if i in long_steps:
            kegiatan = _long_text(rng, kegiatan)
        ids.append(f"{verb.lower()}-{i + 1:02d}")
        step: Data = {
            "id": ids[i],
            "kegiatan": kegiatan,
            "pelaksana": [actor_ids[c] for c in columns[i]],
            "kelengkapan": _text(rng, KELENGKAPAN, shape.special_text),
            "waktu": rng.choice(WAKTU),
            "output": _text(rng, OUTPUT, shape.special_text),
        }
        keterangan = _text(rng, KETERANGAN, shape.special_text)
        if keterangan:
            step["keterangan"] = keterangan
        if i in decisions:
            step["cabang"] = [{"label": yes, "ke": None}, {"label": no, "ke": None}]
        steps.append(step)
    for i, back in decisions.items():
        steps[i]["cabang"][0]["ke"] = ids[i + 1]
        steps[i]["cabang"][1]["ke"] = ids[back]
    return steps


def _tanggal(rng: random.Random, year: int) -> tuple[str, str, str]:
    """(pembuatan, revisi, efektif) in the printed form, pembuatan <= revisi <= efektif."""
    month = rng.randint(1, 10)
    made, revised, signed = sorted(rng.sample(range(1, 29), 3))
    return (f"{made} {BULAN[month - 1]} {year}", f"{revised} {BULAN[month - 1]} {year}",
            f"{signed} {BULAN[month]} {year}")


def sop_data(seed: int, shape: Shape, sop_id: str, profil: Data,
             related: Sequence[str] = ()) -> Data:
    """The source data of one synthetic SOP (what its YAML file holds).

    ``related`` are ids of other SOPs of the corpus that its keterkaitan may name.
    """
    shape.check()
    rng = random.Random(seed)
    actors = _actors(shape.actors)
    year = rng.randint(2018, 2024)
    made, revised, signed = _tanggal(rng, year)
    topic = rng.choice(TOPICS)
    keterkaitan: list[Any] = rng.sample(KETERKAITAN, rng.randint(1, 3))
    keterkaitan += [{"teks": f"SOP {other}", "sop": other} for other in related]
    data: Data = {
        "id": sop_id,
        "profil": profil["id"],
        "nomor": f"{rng.randint(1, 999):03d}/{rng.randint(1, 300)}/SOP/{year}",
        "nama": f"Mekanisme {topic}",
        "tanggal": {"pembuatan": made, "revisi": revised, "efektif": signed},
        "disahkan_oleh": profil["pejabat"][0]["id"],
        "dasar_hukum": rng.sample(DASAR_HUKUM, rng.randint(1, len(DASAR_HUKUM))),
        "kualifikasi_pelaksana": rng.sample(KUALIFIKASI, rng.randint(1, len(KUALIFIKASI))),
        "keterkaitan": keterkaitan,
        "peralatan_perlengkapan": rng.sample(PERALATAN, rng.randint(1, len(PERALATAN))),
        "peringatan": [f"Apabila {topic.lower()} tidak terselesaikan dengan baik maka "
                       "kegiatan pelaporan akan terhambat"],
        "pencatatan_pendataan": ["Disimpan sebagai data elektronik dan manual"],
        "riwayat_revisi": [{"nomor": 1, "tanggal": revised,
                            "perubahan": "Penyesuaian pelaksana dan waktu"}],
        "pelaksana": [{"id": a_id, "nama": nama} for a_id, nama in actors],
        "langkah": _steps(rng, shape, [a_id for a_id, _ in actors]),
    }
    return data


def _nip(rng: random.Random) -> str:
    """A well-formed NIP: birth date, appointment month (age 20-30), sex, sequence."""
    birth_year = rng.randint(1962, 1990)
    appointed = birth_year + rng.randint(20, 30)
    return (f"{birth_year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d} "
            f"{appointed}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 999):03d}")


def profil_data(seed: int, profil_id: str) -> Data:
    """The source data of one synthetic office profile (what profil/<id>.yaml holds)."""
    rng = random.Random(f"profil:{seed}")
    daerah = rng.choice(DAERAH)
    instansi = rng.choice(DINAS)
    return {
        "id": profil_id,
        "pemerintah": f"PEMERINTAH KABUPATEN {daerah.upper()}",
        "instansi": instansi,
        "unit": rng.choice(UNITS),
        "alamat": f"Jl. Raya {daerah} No. {rng.randint(1, 200)}, {daerah}",
        "tempat": daerah,
        "pejabat": [
            {"id": "kepala", "jabatan": f"Kepala {instansi.title()}", "nama": rng.choice(NAMES),
             "pangkat": rng.choice(PANGKAT), "nip": _nip(rng)},
            {"id": "sekretaris", "jabatan": "Sekretaris", "nama": rng.choice(NAMES),
             "pangkat": rng.choice(PANGKAT), "nip": _nip(rng)},
        ],
    }


def _resolve(data: Data, profil: Profil, settings: ProjectSettings) -> ResolvedSOP:
    sop = SOP.model_validate(data)
    pengesah = profil.official(sop.disahkan_oleh)
    if pengesah is None:
        raise ValueError(f"generator bug: signatory {sop.disahkan_oleh} not in the profile")
    return resolve(sop, profil, pengesah, settings, f"{settings.sumber}/{sop.id}.yaml")


def synthetic_sop(seed: int, steps: int = 12, actors: int = 4, decisions: int = 1,
                  multi_actor: int = 1, long_text: bool = False,
                  special_text: bool = False) -> ResolvedSOP:
    """One valid synthetic SOP, resolved against a synthetic profile and default settings.

    ``steps`` (2..; realistic up to 40), ``actors`` (1..steps; 8 is realistic, 12 and more
    for hostile cases), ``decisions`` (0..3, each looping back to an earlier step),
    ``multi_actor`` steps done by two adjacent actors, ``long_text`` makes about a third
    of the activities hundreds of words long, ``special_text`` puts texts a YAML writer
    must quote into kelengkapan/output/keterangan.
    """
    shape = Shape(steps, actors, decisions, multi_actor, long_text, special_text)
    profil = profil_data(seed, f"synth-profil-{seed}")
    data = sop_data(seed, shape, f"synth-{seed}", profil)
    return _resolve(data, Profil.model_validate(profil), ProjectSettings())


@dataclass(frozen=True, slots=True)
class SyntheticProject:
    """The source data of a whole synthetic project: settings, profiles, SOPs."""

    settings: Data
    profiles: list[Data]
    sops: list[Data]


def _corpus_shape(rng: random.Random, index: int) -> Shape:
    """A realistic mix: mostly 6-16 steps, every tenth SOP large with long texts."""
    steps = rng.randint(30, 40) if index % 10 == 9 else rng.randint(6, 16)
    actors = rng.randint(2, min(8, steps))
    decisions = rng.randint(0, min(MAX_DECISIONS, steps - 3))
    multi = rng.randint(0, min(2, steps - 2 - decisions))
    return Shape(steps, actors, decisions, multi, long_text=index % 10 == 9,
                 special_text=index % 5 == 2)


def synthetic_sources(n: int, seed: int = 0) -> SyntheticProject:
    """The source data of ``n`` SOPs sharing a few profiles; some keterkaitan link others."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    profiles = [profil_data(seed * 1000 + p, f"profil-{p + 1:02d}")
                for p in range(1 + n // 10)]
    ids = [f"sop-{seed}-{i + 1:04d}" for i in range(n)]
    sops = []
    for i, sop_id in enumerate(ids):
        shape = _corpus_shape(rng, i)
        related = [ids[i - 1]] if i and rng.random() < 0.3 else []
        data = sop_data(rng.randrange(2**31), shape, sop_id, profiles[i % len(profiles)], related)
        if i % 6 == 4:
            data["tata_letak"] = {"kertas": "A4", "orientasi": "potret"}
        sops.append(data)
    settings = {"nama": f"Proyek SOP sintetis {seed}",
                "tata_letak": {"kertas": "F4", "orientasi": "lanskap"}}
    return SyntheticProject(settings, profiles, sops)


def synthetic_corpus(n: int, seed: int = 0) -> Corpus:
    """A corpus of ``n`` valid synthetic SOPs, sorted by id like a loaded project."""
    project = synthetic_sources(n, seed)
    settings = ProjectSettings.model_validate(project.settings)
    profiles = {p["id"]: Profil.model_validate(p) for p in project.profiles}
    resolved = [_resolve(data, profiles[data["profil"]], settings) for data in project.sops]
    return Corpus(
        settings=settings,
        profiles=tuple(sorted(profiles.values(), key=lambda p: p.id)),
        sops=tuple(sorted(resolved, key=lambda r: r.sop.id)),
    )


def _dump(data: Data, schema_line: str) -> str:
    return schema_line + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_synthetic_project(root: Path, n: int, seed: int = 0) -> None:
    """Write a real project folder of ``n`` synthetic SOPs under ``root``.

    Layout: ``sop-docs.yaml``, ``sop_sources/<id>.yaml``, ``sop_sources/profil/<id>.yaml``.
    """
    project = synthetic_sources(n, seed)
    sources = root / "sop_sources"
    (sources / "profil").mkdir(parents=True, exist_ok=True)
    (root / "sop-docs.yaml").write_text(_dump(project.settings, ""), encoding="utf-8")
    for profil in project.profiles:
        path = sources / "profil" / f"{profil['id']}.yaml"
        path.write_text(_dump(profil, PROFIL_SCHEMA_LINE), encoding="utf-8")
    for data in project.sops:
        path = sources / f"{data['id']}.yaml"
        path.write_text(_dump(data, SOP_SCHEMA_LINE), encoding="utf-8")


def project_sources(root: Path) -> list[Path]:
    """The SOP sources of a project written by :func:`write_synthetic_project`, in file order."""
    return sorted((root / "sop_sources").glob("*.yaml"))


def change_source(root: Path, index: int, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit the ``index``-th SOP source of ``root`` as data (an author's edit, for tests)."""
    source = project_sources(root)[index]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
