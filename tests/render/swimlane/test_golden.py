"""The DOT text of every seed SOP, compared with its golden file (pytest --update-golden)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sop_docs.model.corpus import Corpus
from sop_docs.render.swimlane.graph import swimlane_dot

GOLDEN = Path(__file__).parent / "golden"


def test_seed_dot_matches_golden(seed_corpus: Corpus, golden: Callable[[Path, str, bool], None],
                                 update_golden: bool) -> None:
    for resolved in seed_corpus.sops:
        golden(GOLDEN / f"{resolved.sop.id}.dot", swimlane_dot(resolved), update_golden)


def test_every_golden_file_belongs_to_a_seed(seed_corpus: Corpus) -> None:
    ids = {resolved.sop.id for resolved in seed_corpus.sops}
    assert {path.stem for path in GOLDEN.glob("*.dot")} <= ids

