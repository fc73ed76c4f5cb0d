"""Property: whatever an editor does to a seed source, loading and linting it either works
or reports located diagnostics; it never raises."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sop_docs.lint import lint_corpus
from sop_docs.model.build import load_corpus

REPO = Path(__file__).resolve().parents[2]
SEED_FILES = sorted((REPO / "sop_sources").glob("*.yaml")) + sorted(
    (REPO / "sop_sources/profil").glob("*.yaml")
)
NOISE = [*":-# \t&*[]{}|>'\"!%@`,?\x00\x07é9", "\n", "  ", "- ", ": ", "\xff"]


@st.composite
def mutations(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """Apply 1-5 edits a careless editor could make: delete, duplicate, or re-indent a line,
    or replace a character."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "char"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i].lstrip()
        elif lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + draw(st.sampled_from(NOISE)) + lines[i][j + 1:]
    return lines


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mutasi")
    shutil.copytree(REPO / "sop_sources", root / "sop_sources")
    return root


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_source_loads_or_reports_located_problems(project: Path, seed: Path,
                                                          data: st.DataObject) -> None:
    original = seed.read_text(encoding="utf-8")
    target = project / seed.relative_to(REPO)
    lines = data.draw(mutations(original.splitlines(keepends=True)))
    raw = "".join(lines).encode("utf-8", errors="surrogateescape")
    target.write_bytes(raw.replace("\xff".encode(), b"\xff"))
    try:
        corpus, problems = load_corpus(project)
        findings = lint_corpus(corpus)
    finally:
        target.write_text(original, encoding="utf-8")
    for diagnostic in problems + findings:
        assert diagnostic.location.line is not None, diagnostic.render()
        assert diagnostic.location.line >= 1 and (diagnostic.location.column or 0) >= 1
    broken = {d.location.path for d in problems if d.severity.value == "error"}
    loaded = {r.path for r in corpus.sops}
    assert not broken & loaded
