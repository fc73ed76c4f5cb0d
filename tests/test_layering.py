"""The package's shape: stages import only earlier stages, nothing is imported by a string,
exceptions live in one hierarchy, the public API is pinned, and demo data stays out of the
wheel.  Everything is read from the source with ``ast``: what the static graph shows is what
a reader of the code sees.
"""

from __future__ import annotations

import ast
import builtins
import fnmatch
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sop_docs"

# Modules any module may import; they import nothing above themselves.
FOUNDATION = {"diagnostics", "i18n", "atomic", "errors", "version"}
# The top of the house: they may import anything, and nothing below may import them.
TOP = {"build", "cli", "sop_docs"}
# Stages in their one-way order: a module may import the areas before its own in a chain.
CHAINS: tuple[tuple[str, ...], ...] = (
    ("sources", "model", "archive", "pipeline", "lint", "layout", "render", "publish", "site"),
    ("sources", "model", "pipeline", "kits", "returns", "merge", "report"),
    ("layout", "render", "report"),  # the rekap PDF is written by render's PDF/A writer
    ("sources", "model", "scaffold", "studio"),
    ("sources", "model", "pipeline", "lint", "layout", "render", "studio"),
)


@dataclass(frozen=True)
class Arrow:
    """One import: the importing module, the imported module, and where."""

    source: str
    target: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line} -> {self.target}"


# publish/ spans two layers (its __init__ says so): reading the archive and comparing
# versions build on the model only (check reports on the archive); publishing renders.
ARCHIVE_MODULES = {f"sop_docs.publish.{m}" for m in
                   ("archive", "integrity", "diff", "riwayat", "versions")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@cache
def _root_exports() -> dict[str, str]:
    """Names the package root imports when it is imported: name -> the module defining it."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    return {a.asname or a.name: node.module for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module for a in node.names}


def _targets(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level or node.module is None:
        return [f"relative import of {node.module}"]
    targets = []
    for alias in node.names:
        name = f"{node.module}.{alias.name}"
        if _is_module(name):  # `from sop_docs import atomic`: the module sop_docs.atomic
            targets.append(name)
        elif node.module == "sop_docs":  # `from sop_docs import __version__`: its home
            targets.append(_root_exports().get(alias.name, node.module))
        else:
            targets.append(node.module)
    return targets


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield _module_name(path), ast.parse(path.read_text(encoding="utf-8"), str(path))


@cache
def arrows() -> tuple[Arrow, ...]:
    """Every import of a sop_docs module by a sop_docs module, at any depth of the code."""
    found = []
    for name, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found += [Arrow(name, t, node.lineno) for t in _targets(node)
                          if t.split(".")[0] == "sop_docs" or t.startswith("relative")]
    return tuple(found)


def area(module: str) -> str:
    """``sop_docs.render.docx.render`` -> ``render``; the package root is ``sop_docs``."""
    if module in ARCHIVE_MODULES:
        return "archive"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def allowed(source: str, target: str) -> bool:
    """Whether area ``source`` may import area ``target``."""
    if source == target or source in TOP:
        return True
    if source in FOUNDATION:
        return target in FOUNDATION
    if target in FOUNDATION:
        return True
    return any(source in chain and target in chain[:chain.index(source)] for chain in CHAINS)


def test_the_graph_is_read() -> None:
    found = {(area(a.source), area(a.target)) for a in arrows()}
    assert ("render", "layout") in found and ("report", "merge") in found
    assert ("build", "site") in found  # build.py imports its stages directly


def test_no_relative_imports() -> None:
    assert [a.where for a in arrows() if a.target.startswith("relative")] == []


def test_no_stage_imports_the_runner_or_the_cli() -> None:
    upward = [a.where for a in arrows()
              if area(a.target) in TOP and area(a.source) not in TOP]
    assert upward == [], "stages import sop_docs.pipeline, never build.py, cli or the root"


def test_every_arrow_points_down() -> None:
    wrong = [a.where for a in arrows() if not allowed(area(a.source), area(a.target))]
    assert wrong == [], f"imports against the stage order {CHAINS}"


def test_every_area_has_a_place_in_the_order() -> None:
    placed = FOUNDATION | TOP | {a for chain in CHAINS for a in chain}
    areas = {area(_module_name(p)) for p in PACKAGE.rglob("*.py")}
    assert all(_is_module(m) for m in ARCHIVE_MODULES)
    assert areas - placed == set(), "add the new area to CHAINS (and ARCHITECTURE.md)"


def test_only_the_kits_stage_uses_the_kit_generator() -> None:
    users = {a.source for a in arrows() if a.target.startswith("sop_docs.kits.generate")}
    sideways = sorted(u for u in users
                      if not u.startswith("sop_docs.kits.") and area(u) not in TOP)
    assert sideways == [], "merging and reporting read kits; only `kit make` writes them"


def _string_imports(tree: ast.Module) -> Iterator[int]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"import_module", "__import__", "spec_from_file_location"}:
                yield node.lineno


def test_nothing_is_imported_by_a_string() -> None:
    found = [f"{name}:{line}" for name, tree in _sources() for line in _string_imports(tree)]
    assert found == [], "import modules with import statements, so the graph can see them"


def test_the_checks_see_a_string_import_and_an_upward_arrow() -> None:
    tree = ast.parse("import importlib\nimportlib.import_module('sop_docs.build')\n")
    assert list(_string_imports(tree)) == [2]
    assert not allowed("lint", "build") and not allowed("model", "lint")
    assert not allowed("render", "kits") and not allowed("diagnostics", "model")
    assert allowed("report", "kits") and allowed("site", "model")


def _exception_classes(tree: ast.Module) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                     for b in node.bases}
            builtin = {b for b in bases if isinstance(getattr(builtins, b, None), type)
                       and issubclass(getattr(builtins, b), BaseException)}
            if builtin or any(b.endswith(("Error", "Exception")) for b in bases):
                yield node.name, node.lineno


def test_exceptions_form_one_hierarchy_in_errors_py() -> None:
    elsewhere = [f"{name}:{line} {cls}" for name, tree in _sources()
                 if name != "sop_docs.errors" for cls, line in _exception_classes(tree)]
    assert elsewhere == [], "define exceptions in sop_docs/errors.py, under SopDocsError"


def test_every_error_is_a_sop_docs_error() -> None:
    from sop_docs import errors

    classes = [v for v in vars(errors).values()
               if isinstance(v, type) and issubclass(v, BaseException)]
    assert len(classes) > 5
    assert all(issubclass(c, errors.SopDocsError) for c in classes)
    assert issubclass(errors.CycleError, ValueError)  # pydantic validators report them


PUBLIC_API = [
    "BuildContext", "Corpus", "Cycle", "Diagnostic", "SopDocsError", "__version__",
    "check_project", "layout_sheet", "lint_corpus", "load_corpus", "load_kit_set",
    "make_kits", "merge_folder", "render_corpus", "run_build", "run_merge",
]


def test_public_api_is_pinned() -> None:
    import sop_docs

    assert sop_docs.__all__ == PUBLIC_API, "a change of the public API is a deliberate one"
    assert all(getattr(sop_docs, name) is not None for name in sop_docs.__all__)
    with pytest.raises(AttributeError):
        _ = sop_docs.no_such_name


def test_importing_the_package_imports_no_stage() -> None:
    code = ("import sys, sop_docs; print(sorted(m for m in sys.modules "
            "if m.startswith('sop_docs.') and m != 'sop_docs.version'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_the_wheel_holds_only_the_package() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    include = config["setuptools"]["packages"]["find"]["include"]
    everything = {_module_name(p.parent) for p in REPO.glob("*/**/__init__.py")
                  if ".venv" not in p.parts and ".tools" not in p.parts}
    shipped = {p for p in everything if any(fnmatch.fnmatchcase(p, pattern) for pattern in include)}
    assert "sop_docs_demo" in everything
    assert shipped == {_module_name(p.parent) for p in PACKAGE.rglob("__init__.py")}, \
        "every sop_docs package ships, nothing else (setuptools' find with these patterns)"
    assert (PACKAGE / "py.typed").is_file()
    assert "py.typed" in config["setuptools"]["package-data"]["sop_docs"]
    demo = [p.name for p in PACKAGE.rglob("*.py") if p.stem in {"synthetic", "samples"}]
    assert demo == [], "sample and synthetic data live in sop_docs_demo/"
