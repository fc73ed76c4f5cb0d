"""Reading sources: the five seeds load (read, validate, resolve) in a few milliseconds.

Rows, each against a baseline of the same run: load_corpus on the bundled seeds against
PyYAML's own C loader parsing the same files (<= 6x: positions, checks and pydantic
validation on top of plain parsing); lint of the loaded corpus against loading it (<= 1x);
the event-stream reader on a 1,000-step source against a 250-step one, and lint of a
1,000-step SOP whose every actor and target is unknown against a 250-step one (linear: four
times the size within 8x the time, where quadratic work would take 16x); the reader against
PyYAML's own ``yaml.load`` of the same text (<= 1.5x); and the alias bomb, refused before
any expansion (< 1,000 ms, the issue's limit; it takes well under 1 ms).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from benchmarks.harness import Result, median_ms, ratio, under
from sop_docs.lint import lint_corpus
from sop_docs.model.build import load_corpus
from sop_docs.sources import build_tree

REPO = Path(__file__).resolve().parent.parent


def _steps_source(steps: int) -> str:
    lines = ["id: besar", "profil: kantor", "nama: Besar", "disahkan_oleh: kepala",
             "pelaksana:", "  - {id: staf, nama: Staf}", "langkah:"]
    for i in range(steps):
        lines += [f"  - id: langkah-{i}", f"    kegiatan: Kegiatan nomor {i} yang cukup panjang",
                  "    pelaksana: [staf]", "    waktu: 15 menit", "    output: Dokumen"]
    return "\n".join(lines) + "\n"


def _linted(steps: int) -> float:
    """Median ms to lint one SOP of ``steps`` steps whose every actor and target is unknown
    (the worst case for did-you-mean hints and the flow rules)."""
    source = _steps_source(steps).replace("pelaksana: [staf]", "pelaksana: [stf]")
    source = source.replace("    output: Dokumen", "    ke: hilang")
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(REPO / "sop_docs/scaffold/project/sop_sources", project / "sop_sources")
        (project / "sop_sources/contoh-sop.yaml").write_text(
            source.replace("disahkan_oleh: kepala", "disahkan_oleh: kepala-dinas"),
            encoding="utf-8")
        corpus, _ = load_corpus(project)
        assert corpus.sops, "the benchmark SOP must load"
        return median_ms(lambda: lint_corpus(corpus), repeat=5)


def _bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def run() -> list[Result]:
    files = sorted((REPO / "sop_sources").rglob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in files]

    def plain_parse() -> None:
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)

    corpus, _ = load_corpus(REPO)
    base = median_ms(plain_parse, repeat=30)
    load = median_ms(lambda: load_corpus(REPO), repeat=30)
    lint = median_ms(lambda: lint_corpus(corpus), repeat=30)
    small, big = _steps_source(250), _steps_source(1000)
    small_ms = median_ms(lambda: build_tree(small, "kecil.yaml"), repeat=15)
    big_ms = median_ms(lambda: build_tree(big, "besar.yaml"), repeat=5)
    big_plain = median_ms(lambda: yaml.load(big, Loader=yaml.CSafeLoader), repeat=5)
    lint_small, lint_big = _linted(250), _linted(1000)
    bomb = _bomb()
    bomb_ms = median_ms(lambda: build_tree(bomb, "bom.yaml"), repeat=15)
    return [
        ratio("load_corpus, 5 seeds + 5 profiles, vs parse", load, "yaml C loader", base, 6.0),
        ratio("lint_corpus, 5 seed SOPs, vs load_corpus", lint, "load_corpus", load, 1.0),
        ratio("event reader, 1,000 steps vs 250", big_ms, "250 steps", small_ms, 8.0),
        ratio("event reader vs yaml.load, 1,000 steps", big_ms, "yaml C loader", big_plain, 1.5),
        ratio("lint, 1,000 broken steps vs 250", lint_big, "250 steps", lint_small, 8.0),
        under("alias bomb refused", bomb_ms, 1000.0),
    ]
