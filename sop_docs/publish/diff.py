"""What changed between two versions of an SOP: steps, pelaksana and identity fields.

Steps are matched by id first; steps left over on both sides are paired by the similarity
of their kegiatan (difflib), best pairs first, so a step whose id was renamed still counts
as the same step.  A matched step is *moved* when it left the longest run of steps that kept
their order (inserting a step moves nothing), and *changed* when its kegiatan, pelaksana,
mutu baku (kelengkapan, waktu, output), decision exits, flow or keterangan differ; flow
targets are compared through the matching, so renumbering alone changes nothing.  Pelaksana
are matched by id, then by name.

The result is a frozen pydantic model: the archive stores it in each entry's manifest, and
the site and the Lembar Perubahan read it back from there.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from sop_docs.model.sop import SOP, Langkah

SIMILAR = 0.6  # lowest kegiatan similarity at which two unmatched steps are the same step
MUTU_BAKU = ("Kelengkapan", "Waktu", "Output")


class Jenis(StrEnum):
    """The kind of a change."""

    DITAMBAH = "ditambah"
    DIHAPUS = "dihapus"
    DIUBAH = "diubah"
    DIPINDAH = "dipindah"  # moved (and possibly changed too: see its rincian)


class Rincian(BaseModel):
    """One changed field: its label as the sheet prints it, the old and the new text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bidang: str
    lama: str
    baru: str


class LangkahBerubah(BaseModel):
    """One step that was added, removed, moved or changed; numbers are 1-based rows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    jenis: Jenis
    id: str
    kegiatan: str
    no_lama: int | None = None
    no_baru: int | None = None
    rincian: tuple[Rincian, ...] = ()

    @property
    def bidang(self) -> tuple[str, ...]:
        """The changed parts in words: kegiatan, pelaksana, mutu baku, keputusan, ..."""
        groups = ["mutu baku" if r.bidang in MUTU_BAKU else r.bidang.lower()
                  for r in self.rincian]
        return tuple(dict.fromkeys(groups))

    def label(self) -> str:
        """A short mark for the procedure table: "diubah: kegiatan", "ditambah"."""
        if self.jenis is Jenis.DIPINDAH and self.no_lama is not None:
            moved = f"dipindah dari langkah {self.no_lama}"
            return f"{moved}; diubah: {', '.join(self.bidang)}" if self.rincian else moved
        if self.rincian:
            return f"{self.jenis.value}: {', '.join(self.bidang)}"
        return self.jenis.value


class PelaksanaBerubah(BaseModel):
    """One pelaksana added, removed or renamed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    jenis: Jenis
    id: str
    nama: str
    nama_lama: str = ""


class Perubahan(BaseModel):
    """Every change from one version of an SOP to the next."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    langkah: tuple[LangkahBerubah, ...] = ()
    pelaksana: tuple[PelaksanaBerubah, ...] = ()
    identitas: tuple[Rincian, ...] = ()

    @property
    def kosong(self) -> bool:
        """True when nothing changed."""
        return not (self.langkah or self.pelaksana or self.identitas)

    def step_marks(self) -> dict[int, str]:
        """Row number (in the newer version) -> mark, for every step there that changed."""
        return {c.no_baru: c.label() for c in self.langkah if c.no_baru is not None}

    def lines(self) -> list[str]:
        """One Indonesian sentence per change, in reading order (the change view)."""
        found = [_step_line(c) for c in self.langkah]
        found += [_actor_line(c) for c in self.pelaksana]
        found += [f"{r.bidang} diubah: {_quoted(r.lama)} menjadi {_quoted(r.baru)}"
                  for r in self.identitas]
        return found

    def ringkasan(self) -> str:
        """One short sentence for ``riwayat_revisi.perubahan``."""
        parts = []
        for jenis, verb in ((Jenis.DITAMBAH, "menambah"), (Jenis.DIHAPUS, "menghapus"),
                            (Jenis.DIPINDAH, "memindahkan"), (Jenis.DIUBAH, "mengubah")):
            numbers = [str(c.no_lama if jenis is Jenis.DIHAPUS else c.no_baru)
                       for c in self.langkah if c.jenis is jenis]
            if numbers:
                parts.append(f"{verb} langkah {_join(numbers)}")
        for jenis, verb in ((Jenis.DITAMBAH, "menambah"), (Jenis.DIHAPUS, "menghapus"),
                            (Jenis.DIUBAH, "mengganti nama")):
            names = [f"{c.nama_lama} menjadi {c.nama}" if c.nama_lama else c.nama
                     for c in self.pelaksana if c.jenis is jenis]
            if names:
                parts.append(f"{verb} pelaksana {_join(names)}")
        if self.identitas:
            parts.append(f"mengubah {_join([r.bidang for r in self.identitas])}")
        text = "; ".join(parts) or "tidak ada perubahan isi"
        return text[0].upper() + text[1:]


def _join(items: Sequence[str]) -> str:
    """"1", "1 dan 2", "1, 2 dan 3"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}"


def _quoted(text: str) -> str:
    """A text in typographic quotes, or "(kosong)"."""
    return f"“{text}”" if text else "(kosong)"


def _step_line(change: LangkahBerubah) -> str:
    """One step change as a sentence."""
    kegiatan = _quoted(change.kegiatan)
    if change.jenis is Jenis.DITAMBAH:
        return f"Langkah {change.no_baru} ditambah: {kegiatan}"
    if change.jenis is Jenis.DIHAPUS:
        return f"Langkah {change.no_lama} dihapus: {kegiatan}"
    head = f"Langkah {change.no_baru} {kegiatan}"
    if change.jenis is Jenis.DIPINDAH:
        head += f" dipindah dari langkah {change.no_lama}"
    details = "; ".join(f"{r.bidang} {_quoted(r.lama)} menjadi {_quoted(r.baru)}"
                        for r in change.rincian)
    if change.jenis is Jenis.DIUBAH:
        return f"{head} diubah: {details}"
    return f"{head}; diubah: {details}" if details else head


def _actor_line(change: PelaksanaBerubah) -> str:
    """One pelaksana change as a sentence."""
    if change.jenis is Jenis.DIUBAH:
        return f"Pelaksana {_quoted(change.nama_lama)} menjadi {_quoted(change.nama)}"
    return f"Pelaksana {change.jenis.value}: {change.nama}"


# --- matching ------------------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    """How alike two kegiatan texts are (0..1); cheap bounds first."""
    matcher = difflib.SequenceMatcher(None, a.lower(), b.lower(), autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def match_steps(old: Sequence[Langkah], new: Sequence[Langkah]) -> dict[int, int]:
    """Old index -> new index of the steps that are the same step in both versions."""
    new_ids: dict[str, int] = {}
    for j, step in enumerate(new):
        new_ids.setdefault(step.id, j)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for i, step in enumerate(old):
        found = new_ids.get(step.id)
        if found is not None and found not in taken:
            pairs[i] = found
            taken.add(found)
    left = [i for i in range(len(old)) if i not in pairs]
    right = [j for j in range(len(new)) if j not in taken]
    scored = sorted((-_similarity(old[i].kegiatan, new[j].kegiatan), i, j)
                    for i in left for j in right)
    for score, i, j in scored:
        if -score >= SIMILAR and i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _kept_order(pairs: dict[int, int]) -> set[int]:
    """Old indexes of the longest run of matched steps whose order did not change."""
    by_new = sorted(pairs.items(), key=lambda p: p[1])
    tails: list[int] = []  # smallest old index ending a run of each length
    tail_at: list[int] = []  # position in by_new of that tail
    parent: list[int] = [-1] * len(by_new)
    for pos, (i, _) in enumerate(by_new):
        k = bisect.bisect_left(tails, i)
        parent[pos] = tail_at[k - 1] if k else -1
        if k == len(tails):
            tails.append(i)
            tail_at.append(pos)
        else:
            tails[k], tail_at[k] = i, pos
    kept: set[int] = set()
    pos = tail_at[-1] if tail_at else -1
    while pos >= 0:
        kept.add(by_new[pos][0])
        pos = parent[pos]
    return kept


# --- comparing matched steps -----------------------------------------------------------------


class _Versions:
    """Both versions with their step matching, for comparing one matched pair of steps."""

    def __init__(self, old: SOP, new: SOP) -> None:
        self.old, self.new = old, new
        self.pairs = match_steps(old.langkah, new.langkah)
        self.old_number = {s.id: i + 1 for i, s in reversed(list(enumerate(old.langkah)))}
        self.new_number = {s.id: i + 1 for i, s in reversed(list(enumerate(new.langkah)))}
        self.actors = _actor_pairs(old, new)

    def actor_names(self, sop: SOP, ids: Sequence[str]) -> str:
        """The names of pelaksana ids, as the table shows them."""
        names = {p.id: p.nama for p in sop.pelaksana}
        return ", ".join(names.get(i, i) for i in ids)

    def flow(self, sop: SOP, numbers: dict[str, int], step: Langkah) -> tuple[str, str]:
        """(decision exits, plain flow) of a step in words, targets as row numbers."""
        exits = "; ".join(f"{c.label} → langkah {numbers.get(c.ke, '?')}" for c in step.cabang)
        return exits, (f"ke langkah {numbers.get(step.ke, '?')}" if step.ke else "")

    def compare(self, a: Langkah, b: Langkah) -> tuple[Rincian, ...]:
        """The fields of a matched pair that differ (flow compared by row numbers)."""
        mapped = sorted(self.actors.get(p, p) for p in a.pelaksana)
        old_exits, old_flow = self.flow(self.old, self.old_number, a)
        new_exits, new_flow = self.flow(self.new, self.new_number, b)
        fields: list[tuple[str, str, str, bool]] = [
            ("Kegiatan", a.kegiatan, b.kegiatan, a.kegiatan != b.kegiatan),
            ("Pelaksana", self.actor_names(self.old, a.pelaksana),
             self.actor_names(self.new, b.pelaksana), mapped != sorted(b.pelaksana)),
            ("Kelengkapan", a.kelengkapan, b.kelengkapan, a.kelengkapan != b.kelengkapan),
            ("Waktu", _waktu(a), _waktu(b), _waktu(a) != _waktu(b)),
            ("Output", a.output, b.output, a.output != b.output),
            ("Keputusan", old_exits, new_exits, self._exits_differ(a, b)),
            ("Alur", old_flow, new_flow, self._target(a.ke) != b.ke),
            ("Keterangan", a.keterangan, b.keterangan, a.keterangan != b.keterangan),
        ]
        return tuple(Rincian(bidang=name, lama=lama, baru=baru)
                     for name, lama, baru, differs in fields if differs)

    def _target(self, step_id: str | None) -> str | None:
        """The new id of the step an old flow target names."""
        if step_id is None:
            return None
        index = self.old.step_index.get(step_id)
        if index is None or index not in self.pairs:
            return f"\0{step_id}"  # a target gone from the new version
        return self.new.langkah[self.pairs[index]].id

    def _exits_differ(self, a: Langkah, b: Langkah) -> bool:
        before = [(c.label, self._target(c.ke)) for c in a.cabang]
        return before != [(c.label, c.ke) for c in b.cabang]


def _waktu(step: Langkah) -> str:
    """A step's waktu as written ('' when none)."""
    return step.waktu.teks if step.waktu is not None else ""


def _actor_pairs(old: SOP, new: SOP) -> dict[str, str]:
    """Old pelaksana id -> new id: same id, else same name."""
    new_ids = {p.id for p in new.pelaksana}
    by_name = {p.nama.casefold(): p.id for p in new.pelaksana}
    pairs: dict[str, str] = {}
    for actor in old.pelaksana:
        if actor.id in new_ids:
            pairs[actor.id] = actor.id
        elif (other := by_name.get(actor.nama.casefold())) and other not in pairs.values():
            pairs[actor.id] = other
    return pairs


def _step_changes(v: _Versions) -> list[LangkahBerubah]:
    """Every step change, in the order of the newer version (removed steps where they were)."""
    kept = _kept_order(v.pairs)
    found: list[tuple[int, int, LangkahBerubah]] = []
    for i, j in v.pairs.items():
        a, b = v.old.langkah[i], v.new.langkah[j]
        rincian = v.compare(a, b)
        moved = i not in kept
        if moved or rincian:
            jenis = Jenis.DIPINDAH if moved else Jenis.DIUBAH
            found.append((j, 0, LangkahBerubah(jenis=jenis, id=b.id, kegiatan=b.kegiatan,
                                               no_lama=i + 1, no_baru=j + 1, rincian=rincian)))
    matched_new = set(v.pairs.values())
    found += [(j, 0, LangkahBerubah(jenis=Jenis.DITAMBAH, id=s.id, kegiatan=s.kegiatan,
                                    no_baru=j + 1))
              for j, s in enumerate(v.new.langkah) if j not in matched_new]
    found += [(_removed_position(v.pairs, i), 1, LangkahBerubah(
        jenis=Jenis.DIHAPUS, id=s.id, kegiatan=s.kegiatan, no_lama=i + 1))
        for i, s in enumerate(v.old.langkah) if i not in v.pairs]
    return [change for _, _, change in sorted(found, key=lambda f: (f[0], f[1]))]


def _removed_position(pairs: dict[int, int], old_index: int) -> int:
    """Where a removed step is listed: just before the step that followed it."""
    after = [j for i, j in pairs.items() if i > old_index]
    return min(after) if after else len(pairs) + old_index


def _actor_changes(old: SOP, new: SOP) -> list[PelaksanaBerubah]:
    """Pelaksana removed, renamed and added."""
    pairs = _actor_pairs(old, new)
    names = {p.id: p.nama for p in new.pelaksana}
    found = [PelaksanaBerubah(jenis=Jenis.DIHAPUS, id=p.id, nama=p.nama)
             for p in old.pelaksana if p.id not in pairs]
    found += [PelaksanaBerubah(jenis=Jenis.DIUBAH, id=pairs[p.id], nama=names[pairs[p.id]],
                               nama_lama=p.nama)
              for p in old.pelaksana if p.id in pairs and names[pairs[p.id]] != p.nama]
    found += [PelaksanaBerubah(jenis=Jenis.DITAMBAH, id=p.id, nama=p.nama)
              for p in new.pelaksana if p.id not in set(pairs.values())]
    return found


def _lines(items: Sequence[object]) -> str:
    """A list field as one text (items with ``teks`` by their text)."""
    return "; ".join(str(getattr(item, "teks", item)) for item in items)


_IDENTITY: tuple[tuple[str, Callable[[SOP], str]], ...] = (
    ("Nomor SOP", lambda s: s.nomor),
    ("Nama SOP", lambda s: s.nama),
    ("Status", lambda s: s.status.value),
    ("Unit", lambda s: s.unit or ""),
    ("Profil", lambda s: s.profil),
    ("Disahkan oleh", lambda s: s.disahkan_oleh),
    ("Tanggal Pembuatan", lambda s: s.tanggal.pembuatan.tampil()),
    ("Tanggal Revisi", lambda s: s.tanggal.revisi.tampil()),
    ("Tanggal Efektif", lambda s: s.tanggal.efektif.tampil()),
    ("Dasar Hukum", lambda s: _lines(s.dasar_hukum)),
    ("Kualifikasi Pelaksana", lambda s: _lines(s.kualifikasi_pelaksana)),
    ("Keterkaitan", lambda s: _lines(s.keterkaitan)),
    ("Peralatan/Perlengkapan", lambda s: _lines(s.peralatan_perlengkapan)),
    ("Peringatan", lambda s: _lines(s.peringatan)),
    ("Pencatatan dan Pendataan", lambda s: _lines(s.pencatatan_pendataan)),
)


def compare(old: SOP, new: SOP) -> Perubahan:
    """Every change from ``old`` to ``new`` (riwayat_revisi and tata_letak are not content)."""
    identitas = tuple(Rincian(bidang=label, lama=get(old), baru=get(new))
                      for label, get in _IDENTITY if get(old) != get(new))
    return Perubahan(langkah=tuple(_step_changes(_Versions(old, new))),
                     pelaksana=tuple(_actor_changes(old, new)), identitas=identitas)
