"""The YAML reader: data, position map, and a located refusal for every hostile input."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml

from sop_docs.sources import DEFAULT_LIMITS, Limits, parse_bytes, read_source, tree

P = Path("x.yaml")


def parse(raw: bytes, limits: Limits = DEFAULT_LIMITS):
    return parse_bytes(raw, P, "x.yaml", limits)


def codes(source) -> list[str]:
    return [d.code for d in source.diagnostics]


def where(source) -> list[tuple[int | None, int | None]]:
    return [(d.location.line, d.location.column) for d in source.diagnostics]


def test_plain_data_and_positions_of_keys_and_values() -> None:
    source = parse(
        b"id: a\nlangkah:\n  - id: satu\n    ke: dua\n  - {id: dua, waktu: 2 jam}\n"
        b"tanggal: 2021-01-19\nn: 3\nok: yes\nnol: ~\n"
    )
    assert source.diagnostics == ()
    assert source.data == {
        "id": "a",
        "langkah": [{"id": "satu", "ke": "dua"}, {"id": "dua", "waktu": "2 jam"}],
        "tanggal": dt.date(2021, 1, 19),
        "n": 3,
        "ok": True,
        "nol": None,
    }
    pos = source.positions
    assert pos.value(("langkah", 0, "ke")) == (4, 9)
    assert pos.key(("langkah", 0, "ke")) == (4, 5)
    assert pos.value(("langkah", 1, "waktu")) == (5, 22)
    assert pos.value(("langkah", 1)) == (5, 5)
    # a path below a scalar falls back to the nearest recorded ancestor
    assert pos.value(("langkah", 0, "ke", 3)) == (4, 9)


def test_quoted_scalars_stay_text() -> None:
    source = parse(b"a: '2021-01-19'\nb: \"10\"\nc: 'yes'\n")
    assert source.data == {"a": "2021-01-19", "b": "10", "c": "yes"}


def test_malformed_yaml_is_located() -> None:
    source = parse(b"id: a\nlangkah: [satu, dua\nnama: x\n")
    assert codes(source) == ["SRC006"]
    assert source.data is None
    assert source.diagnostics[0].location.line == 3


def test_bad_indentation_is_located() -> None:
    source = parse(b"id: a\n  nama: x\n")
    assert codes(source) == ["SRC006"]
    assert where(source)[0][0] == 2


def test_tab_indentation_reports_every_line() -> None:
    source = parse(b"id: a\nlangkah:\n\t- id: b\n  \t- id: c\nnama: x\tdan y\n")
    assert codes(source) == ["SRC007", "SRC007"]
    assert where(source) == [(3, 1), (4, 3)]


def test_duplicate_key_reports_both_lines_and_keeps_the_first() -> None:
    source = parse(b"id: a\nnama: x\nid: b\n")
    assert codes(source) == ["SRC008"]
    assert where(source) == [(3, 1)]
    assert source.diagnostics[0].fields["first_line"] == 1
    assert source.data == {"id": "a", "nama": "x"}


def test_duplicate_key_in_nested_mapping() -> None:
    source = parse(b"langkah:\n  - id: a\n    ke: b\n    ke: c\n")
    assert codes(source) == ["SRC008"]
    assert where(source) == [(4, 5)]


def test_non_scalar_key_is_refused_and_skipped() -> None:
    source = parse(b"? [a, b]\n: 1\nc: 2\n")
    assert codes(source) == ["SRC013"]
    assert source.data == {"c": 2}


def test_keys_are_text_never_resolved() -> None:
    source = parse(b"1: a\ntrue: b\nnull: c\n'1': d\n")
    assert source.data == {"1": "a", "true": "b", "null": "c"}
    # the quoted '1' is the same key as the plain 1
    assert codes(source) == ["SRC008"]
    assert where(source) == [(4, 1)]
    assert source.positions.keys == {("1",): (1, 1), ("true",): (2, 1), ("null",): (3, 1)}


def test_nothing_under_a_refused_key_gets_a_position() -> None:
    source = parse(b"a:\n  - x\nb: 1\na:\n  - y\n  - z: 1\n? [k]\n: [v]\nc: [w]\n")
    assert codes(source) == ["SRC008", "SRC013"]
    assert source.diagnostics[0].fields["first_line"] == 1
    assert source.data == {"a": ["x"], "b": 1, "c": ["w"]}
    assert source.positions.values == {
        (): (1, 1), ("a",): (2, 3), ("a", 0): (2, 5), ("b",): (3, 4), ("c",): (9, 4),
        ("c", 0): (9, 5),
    }
    assert source.positions.keys == {("a",): (1, 1), ("b",): (3, 1), ("c",): (9, 1)}


def test_alias_bomb_is_refused_at_once_without_expansion() -> None:
    # Nine levels of nine: expanded, this would be 9**9 (387 million) strings.
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        ref = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([ref] * 9)}]")
    raw = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    source = parse(raw)
    elapsed = time.perf_counter() - started
    assert codes(source) == ["SRC009"]
    assert where(source) == [(1, 5)]
    assert source.data is None
    assert elapsed < 1.0


def test_plain_alias_is_refused() -> None:
    assert codes(parse(b"a: &x 1\nb: 2\n")) == ["SRC009"]
    assert codes(parse(b"a: *x\n")) != []


def test_several_documents_are_refused() -> None:
    source = parse(b"id: a\n---\nid: b\n")
    assert codes(source) == ["SRC012"]
    assert where(source) == [(2, 1)]


# Our limits are ours whatever the YAML library does: libyaml (CSafeLoader) scans flow
# collections ahead and, since PyYAML 6.0.4, refuses deep nesting with its own error first;
# the pure-Python loader hands every event over.
LOADERS = sorted({"SafeLoader", getattr(yaml, "CSafeLoader", yaml.SafeLoader).__name__})


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree, "Loader", getattr(yaml, request.param))


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}"), ("[{b: ", "}]")])
def test_deep_nesting_is_refused_without_recursion(opening: str, closing: str) -> None:
    depth = 5000
    line = "a: " + opening * depth + "1" + closing * depth
    source = parse(f"x: 1\n{line}\n".encode())
    assert codes(source) == ["SRC010"]
    # under the root mapping, the bracket that opens nesting level 32 (our limit)
    brackets = [i for i, char in enumerate(line) if char in "[{"]
    assert where(source) == [(2, brackets[DEFAULT_LIMITS.max_depth - 1] + 1)]


@pytest.mark.usefixtures("loader")
def test_brackets_in_quotes_and_comments_are_not_nesting() -> None:
    quoted = "'" + "[" * 40 + "'"
    raw = f"a: {quoted}  # {'[' * 40}\nb: [1, 2\n".encode()
    assert codes(parse(raw)) == ["SRC006"]


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(("raw", "limits", "code"), [
    (b"a: &x 1\nb: *x\n", DEFAULT_LIMITS, "SRC009"),
    (b"a: [" + b"1, " * 500 + b"1]\n", Limits(max_nodes=100), "SRC014"),
    (b"a: '" + b"x" * 2000 + b"'\n", Limits(max_bytes=1000), "SRC005"),
])
def test_other_limits_are_ours_with_every_loader(raw: bytes, limits: Limits, code: str) -> None:
    assert codes(parse(raw, limits)) == [code]


def test_deep_block_nesting_is_refused() -> None:
    raw = "".join(f"{'  ' * i}k{i}:\n" for i in range(60)).encode() + b"  " * 60 + b"x\n"
    source = parse(raw)
    assert codes(source) == ["SRC010"]


def test_too_many_nodes_is_refused() -> None:
    raw = b"a:\n" + b"".join(b"  - %d\n" % i for i in range(50))
    source = parse(raw, Limits(max_nodes=20))
    assert codes(source) == ["SRC014"]


def test_unsafe_tags_are_refused() -> None:
    source = parse(b"a: !!python/object/apply:os.system ['true']\n")
    assert codes(source) == ["SRC006"]
    assert "python/object/apply:os.system" in source.diagnostics[0].fields["problem"]
    assert codes(parse(b"a: !!binary aGVsbG8=\n")) == ["SRC006"]
    assert codes(parse(b"a: !!set {x, y}\n")) == ["SRC006"]


@pytest.mark.parametrize("raw", [
    b"a: !!int abc\n", b"a: !!timestamp kemarin\n", b"a: !!bool mungkin\n",
    b"a: !!float x\n", b"a: <<\n", b"a: =\n", b"a: !!int " + b"9" * 5000 + b"\n",
])
def test_unreadable_scalars_are_reported_and_kept_as_text(raw: bytes) -> None:
    source = parse(raw)
    assert codes(source) == ["MOD004"]
    assert where(source) == [(1, 4)]
    assert isinstance(source.data["a"], str)


def test_explicit_scalar_tags_must_agree_with_the_text() -> None:
    source = parse(b"a: !!str 1\nb: !!int '12'\nc: !!float 1\nd: !!float '1.5'\n")
    assert source.data == {"a": "1", "b": 12, "c": "1", "d": 1.5}
    assert codes(source) == ["MOD004"]
    assert where(source) == [(3, 4)]


def test_a_repeated_unreadable_value_is_reported_each_time() -> None:
    source = parse(b"a: 2021-02-30\nb: [2021-02-30, 1.5, 1.5]\n")
    assert codes(source) == ["MOD004", "MOD004"]
    assert where(source) == [(1, 4), (2, 5)]
    assert source.data == {"a": "2021-02-30", "b": ["2021-02-30", 1.5, 1.5]}


@pytest.mark.parametrize(("limits", "found"), [
    (Limits(max_depth=3, max_nodes=7), []),
    (Limits(max_depth=2), [("SRC010", 2, 6)]),  # the '[' of the third level
    (Limits(max_nodes=6), [("SRC014", 2, 10)]),  # the seventh node, '2'
])
def test_depth_and_node_limits_allow_exactly_the_limit(
    limits: Limits, found: list[tuple[str, int, int]]
) -> None:
    source = parse(b"a:\n  b: [1, 2]\n", limits)
    assert [(d.code, d.location.line, d.location.column) for d in source.diagnostics] == found


def test_impossible_date_is_reported_not_raised() -> None:
    source = parse(b"a: 2021-02-30\n")
    assert codes(source) == ["MOD004"]
    assert where(source) == [(1, 4)]


def test_non_utf8_reports_byte_offset_and_line() -> None:
    source = parse(b"id: a\nnama: Pengumpulan Data\n" + b"kegiatan: caf\xe9\n")
    assert codes(source) == ["SRC002"]
    diag = source.diagnostics[0]
    assert (diag.location.line, diag.location.column) == (3, 14)
    assert diag.fields["byte"] == "0xe9" and diag.fields["offset"] == 42


def test_utf16_file_is_refused_as_binary() -> None:
    source = parse("id: a\n".encode("utf-16"))
    assert codes(source) == ["SRC003"]


def test_binary_file_is_refused() -> None:
    source = parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert codes(source) == ["SRC003"]
    assert source.diagnostics[0].location.line == 3
    assert source.diagnostics[0].fields["offset"] == 8


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"# only a comment\n"])
def test_empty_file_is_refused(raw: bytes) -> None:
    source = parse(raw)
    assert codes(source) == ["SRC004"]
    assert source.diagnostics[0].location.line == 1


@pytest.mark.parametrize(("raw", "found"), [(b"- a\n- b\n", "a list"), (b"hello\n", "str")])
def test_document_must_be_a_mapping(raw: bytes, found: str) -> None:
    source = parse(raw)
    assert codes(source) == ["SRC011"]
    assert found in source.diagnostics[0].message


def test_ten_megabyte_file_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "besar.yaml"
    with path.open("wb") as handle:
        handle.write(b"a: " + b"x" * (10 * 1024 * 1024) + b"\n")
    source = read_source(path)
    assert codes(source) == ["SRC005"]
    assert source.diagnostics[0].fields["size"] == 10 * 1024 * 1024 + 4


def test_missing_file_is_reported(tmp_path: Path) -> None:
    source = read_source(tmp_path / "tidak-ada.yaml")
    assert codes(source) == ["SRC001"]


def test_bom_is_accepted() -> None:
    assert parse(b"\xef\xbb\xbfid: a\n").data == {"id": "a"}


def test_control_character_is_a_located_syntax_error() -> None:
    source = parse(b"id: a\nnama: x\x07y\n")
    assert codes(source) == ["SRC006"]
    assert source.diagnostics[0].location.line == 2
