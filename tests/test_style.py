"""The package stays typed and ruff-clean: `make test` enforces what `make lint` reports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600,
                          check=False)


def test_ruff_clean() -> None:
    result = _run(str(BIN / "ruff"), "check", "sop_docs", "sop_docs_demo", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


MAX_LINES = 40
LONG_REASON = "# long:"


def long_functions(root: Path) -> list[str]:
    """Functions over :data:`MAX_LINES` lines (decorators to last line) without a
    ``# long: <reason>`` comment on the ``def`` line or the line right above it."""
    found = []
    for path in sorted(root.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines), str(path))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - start + 1
            beside = lines[node.lineno - 1] + (lines[start - 2] if start > 1 else "")
            if length > MAX_LINES and LONG_REASON not in beside:
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                found.append(f"{where} {node.name} ({length} lines)")
    return found


def test_no_function_is_long_without_a_reason() -> None:
    found = long_functions(REPO / "sop_docs") + long_functions(REPO / "sop_docs_demo")
    assert found == [], "split these, or write `# long: <reason>` beside the def"


def test_the_length_check_sees_a_long_function(tmp_path: Path) -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_LINES))
    (tmp_path / "a.py").write_text(f"def long():\n{body}\n\ndef short():\n    pass\n")
    (tmp_path / "b.py").write_text(f"# long: a table, one entry a line\ndef table():\n{body}")
    assert [f.split(" ", 1)[1] for f in long_functions(tmp_path)] == ["long (41 lines)"]


def test_types_are_narrowed_by_branches_not_asserts() -> None:
    found = [f"{path.relative_to(REPO)}:{node.lineno}"
             for root in (REPO / "sop_docs", REPO / "sop_docs_demo")
             for path in sorted(root.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Assert)]
    assert found == [], "an assert vanishes under python -O: branch, or raise"
