"""Indonesian search: the Python index side and the browser's worker give the same terms.

The browser side runs under node (the worker script as the site ships it, composed by
``worker_script``); the same queries run in chromium in test_browser.py.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sop_docs.site.search_text import (
    Synonyms,
    dictionary_path,
    html_terms,
    stem,
    terms,
    worker_script,
)
from sop_docs.site.settings import SINONIM_BAWAAN

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).parent / "js" / "run_worker.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

PREFIXES = ("me", "mem", "men", "meng", "meny", "di", "pe", "pem", "pen", "peng", "peny", "ber",
            "ter", "ke", "se", "per")
SUFFIXES = ("", "kan", "an", "i", "nya", "lah")


def _word_list() -> list[str]:
    """Every word of the sample SOPs and kits, and affixed forms of 600 root words."""
    found: set[str] = set()
    for path in sorted([*REPO.glob("sop_sources/*.yaml"), *REPO.glob("kits/*.yaml")]):
        found.update(w for w in _words(path.read_text(encoding="utf-8")))
    roots = [w for w in dictionary_path().read_text(encoding="utf-8").split("\n") if w]
    rng = random.Random(18)
    for root in rng.sample(roots, 600):
        for prefix in rng.sample(PREFIXES, 3):
            for suffix in rng.sample(SUFFIXES, 2):
                found.add(prefix + root + suffix)
    found.update(["memverifikasi", "diverifikasi", "pengumpulan", "dikumpulkan", "kumpul",
                  "mengumpulkan", "rata-rata", "undang-undang", "menyampaikan", "tersedia"])
    return sorted(found)


def _words(text: str) -> list[str]:
    from sop_docs.site.search_text import words

    return words(text)


def _run(tmp_path: Path, payload: dict[str, Any], groups: Any = SINONIM_BAWAAN) -> Any:
    script = tmp_path / "search-worker.js"
    script.write_text(worker_script(groups), encoding="utf-8")
    done = subprocess.run([NODE or "node", str(RUNNER), str(script)], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_python_and_browser_stem_every_word_alike(tmp_path: Path) -> None:
    words = _word_list()
    assert len(words) > 3000
    synonyms = Synonyms(SINONIM_BAWAAN)
    browser = _run(tmp_path, {"words": words, "texts": [], "queries": []})["stems"]
    python = [" ".join(terms(w, synonyms)) for w in words]
    different = [(w, p, b) for w, p, b in zip(words, python, browser, strict=True) if p != b]
    assert different == []


@pytest.mark.parametrize(("word", "expected"), [
    ("memverifikasi", "verifikasi"), ("diverifikasi", "verifikasi"),
    ("pengumpulan", "kumpul"), ("dikumpulkan", "kumpul"), ("mengumpulkan", "kumpul"),
    ("menyampaikan", "sampai"), ("rata-rata", "rata"), ("2014", "2014"),
])
def test_affixed_forms_meet_their_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_synonyms_fold_spellings_and_phrases() -> None:
    synonyms = Synonyms(SINONIM_BAWAAN)
    assert terms("Kasubbag Program", synonyms) == terms("KASUBAG program", synonyms)
    assert terms("Kepala Sub Bagian Umum", synonyms)[0] == "kasubag"
    assert terms("Kepala Seksi Pemerintahan", synonyms)[0] == terms("Kasi", synonyms)[0]
    assert terms("Sekretaris Camat", synonyms) == terms("sekcam", synonyms)
    # The index also keeps the words of a phrase: "seksi" alone finds "Kepala Seksi".
    assert {"kasi", "seksi"} <= set(html_terms("<p>Kepala Seksi &amp; staf</p>", synonyms).split())


def test_project_synonyms_come_first(tmp_path: Path) -> None:
    groups = (("renja", "rencana kerja"), *SINONIM_BAWAAN)
    synonyms = Synonyms(groups)
    text = "Menyusun Rencana Kerja oleh Kasubbag dan Kepala Seksi"
    browser = _run(tmp_path, {"words": [], "texts": [text], "queries": []}, groups)["terms"][0]
    assert browser == terms(text, synonyms)
    assert browser[1] == "renja"


def _doc(location: str, title: str, text: str, synonyms: Synonyms) -> dict[str, str]:
    return {"location": location, "title": title, "text": text,
            "title_terms": html_terms(title, synonyms), "text_terms": html_terms(text, synonyms)}


def test_queries_find_affixed_forms_synonyms_and_typos(tmp_path: Path) -> None:
    synonyms = Synonyms(SINONIM_BAWAAN)
    docs = [
        _doc("a.html", "SOP A", "<p>Data diverifikasi oleh Kepala Sub Bagian.</p>", synonyms),
        _doc("a.html#langkah", "Langkah", "<p>Pengumpulan data kinerja</p>", synonyms),
        _doc("b.html", "SOP B", "<p>Camat menandatangani laporan.</p>", synonyms),
    ]
    queries = ["memverifikasi", "kumpul", "dikumpulkan", "kasubbag", "verifkasi", "camat",
               "zzzz", "verifikasi camat"]
    results = _run(tmp_path, {"words": [], "texts": [], "index": {"docs": docs},
                              "queries": queries})["results"]
    pages = {q: sorted({loc.split("#")[0] for group in r for loc in group})
             for q, r in results.items()}
    assert pages["memverifikasi"] == ["a.html"]
    assert pages["kumpul"] == ["a.html"] and pages["dikumpulkan"] == ["a.html"]
    assert pages["kasubbag"] == ["a.html"]
    assert pages["verifkasi"] == ["a.html"]
    assert pages["camat"] == ["b.html"]
    assert pages["zzzz"] == []
    assert pages["verifikasi camat"] == []  # every word must match
    # Each group carries its page (the article) as Material's result list needs.
    assert all(any("#" not in loc for loc in group) for r in results.values() for group in r)
