"""Round-trip saving: an edit in the form changes only the lines it touches."""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_docs.sources import parse_bytes
from sop_docs.studio.roundtrip import Document, RoundTripError, merge_lines, plain

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "sop_sources").glob("*.yaml"))
PROFILES = sorted((REPO / "sop_sources" / "profil").glob("*.yaml"))


def _read(text: str) -> Any:
    source = parse_bytes(text.encode("utf-8"), Path("x.yaml"), "x.yaml")
    assert source.ok, source.diagnostics
    return plain(source.data)


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _edit(text: str, mutate: Any) -> tuple[str, Any]:
    old = _read(text)
    new = copy.deepcopy(old)
    mutate(new)
    after = Document.read(text).apply(old, new)
    assert _read(after) == new
    return after, new


@pytest.mark.parametrize("path", SEEDS + PROFILES, ids=lambda p: p.name)
def test_unchanged_data_writes_the_same_bytes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = _read(text)
    assert Document.read(text).apply(data, copy.deepcopy(data)) == text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_one_field_edit_changes_one_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")

    def rename_actor(data: Any) -> None:
        data["pelaksana"][0]["nama"] = "Nama Baru"

    after, _ = _edit(text, rename_actor)
    changed = _changed_lines(text, after)
    assert len(changed) == 2, changed  # one line out, one line in
    assert changed[1].endswith("Nama Baru")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_step_edits_keep_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]

    def edit_steps(data: Any) -> None:
        steps = data["langkah"]
        steps[1]["waktu"] = "20 menit"
        steps.insert(2, {"id": "langkah-baru", "kegiatan": "Kegiatan baru", "pelaksana": "x"})

    after, _ = _edit(text, edit_steps)
    kept = [line.strip() for line in after.splitlines() if line.strip().startswith("#")]
    assert kept == comments


def test_move_reuses_the_item_and_new_keys_follow_the_form_order() -> None:
    text = ("id: a  # the id\nnama: N\nlangkah:\n  - id: s1\n    kegiatan: Satu  # first\n"
            "  - id: s2\n    kegiatan: Dua\n")

    def mutate(data: Any) -> None:
        data["langkah"].reverse()
        data.clear()
        data.update({"id": "a", "status": "draf", "nama": "N", "langkah": [
            {"id": "s2", "kegiatan": "Dua"}, {"id": "s1", "kegiatan": "Satu"}]})

    after, _ = _edit(text, mutate)
    assert after.splitlines()[:3] == ["id: a  # the id", "status: draf", "nama: N"]
    assert "    kegiatan: Satu  # first" in after.splitlines()


@pytest.mark.parametrize("value", ["yes", "no", "on", "null", "~", "123", "1.5", "2021-01-19",
                                   "", " padded ", "a: b", "- dash", "#hash", "*star", "&amp",
                                   "!tag", "'quoted'", '"dq"', "line1\nline2", "tab\there",
                                   "<script>alert(1)</script>", "é ü 漢字", "x\u0007y"])
def test_text_reads_back_as_the_same_text(value: str) -> None:
    text = "id: a\nnama: Lama\n"

    def mutate(data: Any) -> None:
        data["nama"] = value

    _edit(text, mutate)


def test_empty_flow_list_grows_into_a_block_list() -> None:
    text = "id: a\ndasar_hukum: []          # one '- item' per line\nnama: N\n"

    def mutate(data: Any) -> None:
        data["dasar_hukum"] = ["UU 1", "UU 2"]

    after, _ = _edit(text, mutate)
    assert "  - UU 1\n  - UU 2\n" in after
    assert "# one '- item' per line" in after


def test_crlf_line_ends_are_kept() -> None:
    text = "id: a\r\nnama: Lama\r\nunit: U\r\n"

    def mutate(data: Any) -> None:
        data["nama"] = "Baru"

    after, _ = _edit(text.replace("\r\n", "\n"), mutate)
    crlf = Document.read(text).apply(_read(text), {"id": "a", "nama": "Baru", "unit": "U"})
    assert crlf == after.replace("\n", "\r\n")


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "{1: a}\n", "a: [b\n"])
def test_what_ruamel_cannot_hold_as_a_form_is_refused(text: str) -> None:
    with pytest.raises(RoundTripError):
        Document.read(text)


_LINE = st.sampled_from(["a\n", "b\n", "c\n", "# x\n", "d\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=12), st.lists(_LINE, max_size=12))
def test_merge_without_reflow_is_the_edit(base: list[str], edited: list[str]) -> None:
    """When the author's text is ruamel's own, the merge is exactly ruamel's edited text."""
    assert merge_lines("".join(base), "".join(base), "".join(edited)) == "".join(edited)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12), st.data())
def test_merge_keeps_untouched_author_lines(base: list[str], data: st.DataObject) -> None:
    """Lines the author wrapped differently survive an edit elsewhere."""
    index = data.draw(st.integers(0, len(base) - 1))
    author = [*base[:index], "wrapped\n", "  over two\n", *base[index + 1:]]
    edited = [*base, "added\n"]
    merged = merge_lines("".join(author), "".join(base), "".join(edited))
    assert merged == "".join(author) + "added\n"


_SMALLEST = min((p.read_text(encoding="utf-8") for p in SEEDS), key=len)
_SMALLEST_DOCUMENT = Document.read(_SMALLEST)
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_random_edits_of_a_seed_read_back_as_the_form_data(data: st.DataObject) -> None:
    """Whatever text is typed and whatever rows are added or removed, the written file reads
    back (through the project's reader) as exactly the form's data."""
    old = _read(_SMALLEST)
    new = copy.deepcopy(old)
    steps = new["langkah"]
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["text", "insert", "delete", "move", "list"]))
        index = data.draw(st.integers(0, len(steps) - 1))
        if action == "text":
            key = data.draw(st.sampled_from(["kegiatan", "kelengkapan", "output", "waktu"]))
            steps[index][key] = data.draw(_TEXT)
        elif action == "insert":
            steps.insert(index, {"id": f"baru-{index}", "kegiatan": data.draw(_TEXT),
                                 "pelaksana": [data.draw(_TEXT)]})
        elif action == "delete" and len(steps) > 1:
            del steps[index]
        elif action == "move":
            steps.insert(data.draw(st.integers(0, len(steps) - 1)), steps.pop(index))
        else:
            new["peringatan"] = data.draw(st.lists(_TEXT, max_size=3))
    assert _read(_SMALLEST_DOCUMENT.apply(old, new)) == new
