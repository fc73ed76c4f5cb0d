"""Three SOPs of offices unlike the five seeds (tests/e2e/corpus/), through everything a user
runs: check (text, strict, json, English), build, render --to each format, kit make/merge
with a hostile inbox, the sheet read back from the PDF, the .docx through LibreOffice and the
site in chromium.  What is asserted holds for ANY valid SOP; known defects are strict xfails
(they turn into failures once fixed, so the mark is removed with the fix)."""

from __future__ import annotations

import datetime
import html
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.render.swimlane.helpers import exit_labels

CORPUS = Path(__file__).resolve().parent / "corpus"
PROGRAM = Path(sys.executable).with_name("sop-docs")
SOURCES = sorted((CORPUS / "sop_sources").glob("*.yaml"))
SOP_IDS = [p.stem for p in SOURCES]
PT_PER_MM = 72 / 25.4
# Paper (width, height) in mm of each SOP, as its tata_letak or the corpus settings ask.
PAPER = {"bappeda-penyusunan-renja": (210.0, 297.0)}
F4_LANDSCAPE = (330.0, 215.0)
FORMATS = ["pdf", "svg", "layout", "docx", "dot", "svg-swimlane", "png-swimlane",
           "pdf-swimlane"]

pytestmark = pytest.mark.skipif(not PROGRAM.exists(), reason="needs the installed sop-docs")


def sop_docs(*args: object, cwd: Path, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    """Run the installed program as an office author would, in ``cwd``."""
    result = subprocess.run([str(PROGRAM), *map(str, args)], cwd=cwd, capture_output=True,
                            text=True, timeout=900, check=False,
                            env={**os.environ, **(env or {})})
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def source(sop_id: str) -> dict[str, Any]:
    """The SOP source as plain data."""
    data = yaml.safe_load((CORPUS / "sop_sources" / f"{sop_id}.yaml").read_text("utf-8"))
    return dict(data)


def squash(text: str) -> str:
    """Text without any whitespace (wrapping and justification do not matter)."""
    return re.sub(r"\s+", "", text)


@dataclass
class Built:
    """The corpus copied to a folder of its own and built once."""

    project: Path
    out: Path
    result: subprocess.CompletedProcess[str]

    def sheet(self, sop_id: str, suffix: str) -> Path:
        return self.out / "sop" / sop_id / f"{sop_id}{suffix}"

    def layout(self, sop_id: str) -> dict[str, Any]:
        return dict(json.loads(self.sheet(sop_id, ".layout.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = tmp_path_factory.mktemp("corpus") / "kantor"
    shutil.copytree(CORPUS, project)
    result = sop_docs("build", "-o", "build", cwd=project)
    return Built(project, project / "build", result)


# --- check ------------------------------------------------------------------------------

def _codes(result: subprocess.CompletedProcess[str]) -> dict[str, int]:
    report = json.loads(result.stdout)
    codes: dict[str, int] = {}
    for item in report["diagnostics"]:
        codes[item["code"]] = codes.get(item["code"], 0) + 1
    return codes


def test_check_exit_codes_and_json(tmp_path: Path) -> None:
    assert sop_docs("check", cwd=CORPUS).returncode == 0
    assert sop_docs("check", "--strict", cwd=CORPUS).returncode == 1
    assert sop_docs("--lang", "en", "check", "--strict", cwd=CORPUS).returncode == 1
    as_json = sop_docs("check", "--format", "json", cwd=CORPUS)
    assert as_json.returncode == 0
    report = json.loads(as_json.stdout)
    assert report["errors"] == 0
    assert sorted(s["id"] for s in report["sops"]) == SOP_IDS
    assert len(report["profiles"]) == 3
    # Blank Nomor and dotted dates of a signed original (3x LNT018); waktu without a
    # number ('tergantung volume', 'sesuai kontrak') is LNT009.
    codes = _codes(as_json)
    assert codes.get("LNT018") == 3
    assert {"LNT009"} <= set(codes) <= {"LNT009", "LNT018"}
    english = sop_docs("check", "--format", "json", cwd=CORPUS, env={"SOP_DOCS_LANG": "en"})
    assert _codes(english) == codes
    for item in report["diagnostics"]:
        assert item["path"] and item["line"] >= 1 and item["column"] >= 1
    missing = sop_docs("check", "tidak-ada.yaml", cwd=CORPUS)
    assert missing.returncode == 2
    assert sop_docs("render", "--to", "tidak-ada", "-o", tmp_path, cwd=CORPUS).returncode == 2


def test_check_one_file_knows_the_project_sops() -> None:
    one = sop_docs("check", "--format", "json",
                   "sop_sources/ngawen-pelayanan-sktm.yaml", cwd=CORPUS)
    assert one.returncode == 0
    assert "LNT015" not in _codes(one)


def test_check_a_profile_file() -> None:
    one = sop_docs("check", "--format", "json", "sop_sources/profil/ngawen-kecamatan.yaml",
                   cwd=CORPUS)
    assert one.returncode == 0, one.stdout + one.stderr
    assert json.loads(one.stdout)["profiles"] == ["ngawen-kecamatan"]


def test_working_day_and_range_waktu_are_durations() -> None:
    as_json = sop_docs("check", "--format", "json",
                       "sop_sources/dpupr-pengadaan-langsung.yaml", cwd=CORPUS)
    unread = [d for d in json.loads(as_json.stdout)["diagnostics"] if d["code"] == "LNT009"]
    texts = {d["fields"].get("text", "") for d in unread}
    assert len(unread) == 3, texts  # only the three without any number


# --- build: the official sheet ----------------------------------------------------------

def test_build_succeeds(built: Built) -> None:
    assert built.result.returncode == 0, built.result.stdout + built.result.stderr
    report = json.loads((built.out / "check" / "report.json").read_text("utf-8"))
    assert report["errors"] == 0
    for sop_id in SOP_IDS:
        for suffix in (".pdf", ".docx", ".layout.json", "-hal-1.svg", "-hal-1.png",
                       "-swimlane.dot", "-swimlane.svg"):
            assert built.sheet(sop_id, suffix).stat().st_size > 0, (sop_id, suffix)


def _procedure_pages(layout: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in layout["pages"] if p["kind"] == "prosedur"]


@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_pdf_pages_paper_and_every_step_text(built: Built, sop_id: str) -> None:
    import pdfplumber

    steps = source(sop_id)["langkah"]
    layout = built.layout(sop_id)
    width, height = PAPER.get(sop_id, F4_LANDSCAPE)
    with pdfplumber.open(built.sheet(sop_id, ".pdf")) as pdf:
        assert len(pdf.pages) == len(layout["pages"])
        procedure = _procedure_pages(layout)
        # One identity page at least, and no page holding fewer than two steps on average.
        assert 1 <= len(procedure) <= max(1, len(steps) // 2)
        kegiatan_text = ""
        for page in pdf.pages:
            assert abs(page.width - width * PT_PER_MM) < 1.5, (page.width, width)
            assert abs(page.height - height * PT_PER_MM) < 1.5, (page.height, height)
        for page_layout in procedure:
            table = page_layout["tables"][0]
            x0, kegiatan_width = table["x"] + table["col_widths"][0], table["col_widths"][1]
            page = pdf.pages[page_layout["number"] - 1]
            column = page.crop(((x0) * PT_PER_MM, 0, (x0 + kegiatan_width) * PT_PER_MM,
                                page.height))
            kegiatan_text += squash(column.extract_text() or "")
    for step in steps:  # in the Kegiatan column, in step order
        found = kegiatan_text.find(squash(step["kegiatan"]))
        assert found >= 0, (sop_id, step["id"])
        kegiatan_text = kegiatan_text[found:]


def _actor_columns(page: dict[str, Any], actors: list[str]) -> dict[str, tuple[float, float]]:
    """x range of each pelaksana column (the second header row, in declaration order)."""
    table = page["tables"][0]
    xs = [table["x"]]
    for w in table["col_widths"]:
        xs.append(xs[-1] + w)
    return {actor: (xs[2 + i], xs[3 + i]) for i, actor in enumerate(actors)}


def _inside(box: dict[str, float], x0: float, x1: float, tol: float = 0.05) -> bool:
    return box["x"] >= x0 - tol and box["x"] + box["w"] <= x1 + tol


@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_each_symbol_sits_in_its_actor_column_and_row(built: Built, sop_id: str) -> None:
    data = source(sop_id)
    actors = [a["id"] for a in data["pelaksana"]]
    seen: dict[str, set[str]] = {}
    for page in _procedure_pages(built.layout(sop_id)):
        columns = _actor_columns(page, actors)
        rows = {c["step_id"]: c["box"] for c in page["tables"][0]["cells"]
                if c["role"] == "kegiatan"}
        for symbol in page["symbols"]:
            assert _inside(symbol["box"], *columns[symbol["actor_id"]]), symbol
            if symbol["kind"] == "offpage":
                continue
            row = rows[symbol["step_id"]]
            assert row["y"] - 0.05 <= symbol["box"]["y"], symbol
            assert symbol["box"]["y"] + symbol["box"]["h"] <= row["y"] + row["h"] + 0.05
            seen.setdefault(symbol["step_id"], set()).add(symbol["actor_id"])
    for step in data["langkah"]:  # one symbol per pelaksana of the step
        wanted = step["pelaksana"] if isinstance(step["pelaksana"], list) else [step["pelaksana"]]
        assert seen.get(step["id"]) == set(wanted), step["id"]


def _touches(point: list[float], box: dict[str, float], tol: float = 0.3) -> bool:
    x, y = point
    return (box["x"] - tol <= x <= box["x"] + box["w"] + tol
            and box["y"] - tol <= y <= box["y"] + box["h"] + tol)


@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_every_arrow_joins_two_symbols(built: Built, sop_id: str) -> None:
    for page in _procedure_pages(built.layout(sop_id)):
        symbols = page["symbols"]
        for line in page["connectors"]:
            ends = {"start": line["points"][0], "end": line["points"][-1]}
            for name, step_id in (("start", line["from_id"]), ("end", line["to_id"])):
                assert any(_touches(ends[name], s["box"]) for s in symbols
                           if s["step_id"] == step_id or s["kind"] == "offpage"), (name, line)


@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_no_connector_hides_on_a_table_border(built: Built, sop_id: str) -> None:
    for page in _procedure_pages(built.layout(sop_id)):
        table = page["tables"][0]
        borders = [table["x"]]
        for w in table["col_widths"]:
            borders.append(borders[-1] + w)
        for line in page["connectors"]:
            for (x1, y1), (x2, y2) in itertools.pairwise(line["points"]):
                if abs(x1 - x2) < 0.01 and abs(y1 - y2) > 2:  # a vertical run
                    assert all(abs(x1 - b) > 0.5 for b in borders), (line, x1)


def _labels(built: Built, sop_id: str) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each printed exit label with the label its source wrote (None: the default)."""
    wanted = {(s["id"], c["ke"]): c.get("label") for s in source(sop_id)["langkah"]
              for c in s.get("cabang", [])}
    for page in _procedure_pages(built.layout(sop_id)):
        for label in page["labels"]:
            yield label, wanted[(label["step_id"], label["target_id"])]


def _printed(label: dict[str, Any]) -> str:
    """A label's printed text with a wrapped label's two lines joined again."""
    return " ".join(str(label["text"]).split())


@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_a_cut_decision_label_is_reported(built: Built, sop_id: str) -> None:
    reported = {d.get("code") for d in built.layout(sop_id)["diagnostics"]}
    for label, text in _labels(built, sop_id):
        if text is not None and _printed(label) != text:
            assert "SHT011" in reported, label


@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_decision_labels_printed_in_full(built: Built, sop_id: str) -> None:
    for label, text in _labels(built, sop_id):
        assert text is None or _printed(label) == text, label
        assert label["size_pt"] >= 5, label


@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_swimlane_exit_labels_do_not_overlap(built: Built, sop_id: str) -> None:
    svg = built.sheet(sop_id, "-swimlane.svg").read_text("utf-8")
    labels = exit_labels(svg)
    decisions = [s["id"] for s in source(sop_id)["langkah"] if s.get("cabang")]
    for step_id in decisions:
        assert len(labels.get(step_id, [])) == 2, step_id
        (a0, a1, ay, size), (b0, b1, by, _) = labels[step_id]
        assert abs(ay - by) >= size or a1 <= b0 or b1 <= a0, (step_id, labels[step_id])


def test_same_sources_same_bytes(built: Built, tmp_path: Path) -> None:
    again = sop_docs("render", "--to", "pdf,svg,docx", "-o", tmp_path, cwd=built.project)
    assert again.returncode == 0
    for sop_id in SOP_IDS:
        for suffix in (".pdf", ".docx", "-hal-2.svg"):
            fresh = tmp_path / "sop" / sop_id / f"{sop_id}{suffix}"
            assert fresh.read_bytes() == built.sheet(sop_id, suffix).read_bytes(), suffix


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_each_format(built: Built, tmp_path: Path, fmt: str) -> None:
    result = sop_docs("render", "--to", fmt, "-o", tmp_path, cwd=built.project)
    assert result.returncode == 0, result.stdout + result.stderr
    for sop_id in SOP_IDS:
        written = [p for p in (tmp_path / "sop" / sop_id).iterdir()
                   if not p.name.startswith(".")]
        assert written and all(p.stat().st_size > 0 for p in written), (fmt, sop_id)


# --- the .docx in LibreOffice -------------------------------------------------------------

@pytest.mark.slow
def test_docx_opens_in_libreoffice_with_the_pdf_pages(built: Built, tmp_path: Path) -> None:
    import pdfplumber

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    docs = [built.sheet(i, ".docx") for i in SOP_IDS]
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, docs)],
                   capture_output=True, timeout=300, check=True)
    for sop_id in SOP_IDS:
        with pdfplumber.open(tmp_path / f"{sop_id}.pdf") as converted, \
                pdfplumber.open(built.sheet(sop_id, ".pdf")) as ours:
            assert len(converted.pages) == len(ours.pages), sop_id
            text = squash("".join(p.extract_text() or "" for p in converted.pages))
        for step in source(sop_id)["langkah"]:
            assert squash(step["kegiatan"]) in text or all(
                squash(w) in text for w in step["kegiatan"].split()), (sop_id, step["id"])


# --- the site -----------------------------------------------------------------------------

@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_site_page_has_every_step(built: Built, sop_id: str) -> None:
    page = (built.out / "site" / "sop" / sop_id / "index.html").read_text("utf-8")
    body = squash(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    for step in source(sop_id)["langkah"]:
        assert squash(step["kegiatan"]) in body, step["id"]
        for field in ("waktu", "output", "kelengkapan"):
            if step.get(field):
                assert squash(str(step[field])) in body, (step["id"], field)


def test_site_links_keterkaitan_to_the_related_sop(built: Built) -> None:
    page = (built.out / "site" / "sop" / "ngawen-pelayanan-sktm" / "index.html").read_text("utf-8")
    assert re.search(r'href="[^"]*bappeda-penyusunan-renja/?(index\.html)?"', page)


# Words of the procedure table drawn over two lines (a word broken in the middle); a line
# break after a hyphen or slash ("SIKS-" / "NG") is a legitimate break, not a broken word.
BROKEN_WORDS_JS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('table.sop-prosedur th, table.sop-prosedur td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\/-]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def _open_page(browser: Any, built: Built, sop_id: str, width: int) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto((built.out / "site" / "sop" / sop_id / "index.html").as_uri())
    tab.wait_for_load_state("load")
    return context, tab, errors


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1366])
def test_site_in_chromium_shows_every_step(built: Built, browser: Any, width: int) -> None:
    for sop_id in SOP_IDS:
        context, tab, errors = _open_page(browser, built, sop_id, width)
        steps = source(sop_id)["langkah"]
        rows = tab.locator("table.sop-prosedur tbody tr")
        assert rows.count() == len(steps), sop_id
        shown = squash(tab.locator("table.sop-prosedur").inner_text())
        for step in steps:
            assert squash(step["kegiatan"]) in shown, (sop_id, step["id"])
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, sop_id
        for src, natural in tab.eval_on_selector_all(
                "figure img", "imgs => imgs.map(i => [i.src, i.naturalWidth])"):
            assert natural > 0, src
        assert errors == [], errors
        context.close()


@pytest.mark.slow
def test_site_procedure_table_breaks_no_word_on_desktop(built: Built, browser: Any) -> None:
    for sop_id in SOP_IDS:
        context, tab, _errors = _open_page(browser, built, sop_id, 1366)
        broken = tab.evaluate(BROKEN_WORDS_JS)
        context.close()
        assert broken == [], (sop_id, broken[:10])


# --- kits: make, and merge a hostile inbox ------------------------------------------------

KIT = "bappeda-hulu-sungai-2026"
BIDANG = "bidang-perencanaan-perekonomian-sda"


def _fill(kit: Path, target: Path, bukti: bool) -> None:
    """The unit's kit filled in as a clerk would (a decimal comma typed as text)."""
    import openpyxl

    book = openpyxl.load_workbook(kit)
    data = book["Data Kinerja"]
    data["G8"], data["G9"], data["P8"] = "84,5", 2, "Laporan kegiatan"
    data["N9"], data["O9"] = "Keterlambatan data dari OPD", "Surat teguran"
    if bukti:
        data["P9"] = "Laporan kegiatan"
    book["Anggaran"]["D9"] = 37500000
    sign = book["Pengesahan"]
    sign["B8"], sign["B9"] = "Pembina (IV/a)", "Barabai"
    sign["B10"] = datetime.datetime(2026, 4, 7)
    book.save(target)


def _hostile(inbox: Path, kit: Path) -> None:
    """What really arrives besides kits: empty, CSV, HTML, truncated, a zip that is no
    workbook, an XML entity trick, a symbolic link, a FIFO and an Office lock file."""
    bad = inbox / "lain"
    bad.mkdir()
    (bad / "kosong.xlsx").write_bytes(b"")
    (bad / "data.xlsx").write_text("No;Indikator;Realisasi\n1;Konsistensi;84,5\n")
    (bad / "laporan.xls").write_text("<html><body><table><tr><td>1</td></tr></table></html>")
    raw = kit.read_bytes()
    (bad / "terpotong.xlsx").write_bytes(raw[: len(raw) // 2])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    (bad / "bom.xlsx").write_bytes(buffer.getvalue())
    with zipfile.ZipFile(kit) as source_zip, \
            zipfile.ZipFile(bad / "xxe.xlsx", "w", zipfile.ZIP_DEFLATED) as xxe:
        for name in source_zip.namelist():
            part = source_zip.read(name)
            if name == "xl/workbook.xml":
                part = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                        b'"file:///etc/passwd">]>' + part.split(b"?>", 1)[1])
            xxe.writestr(name, part)
    (bad / "tautan.xlsx").symlink_to("/etc/passwd")
    os.mkfifo(bad / "pipa.xlsx")
    (inbox / "~$kit.xlsx").write_bytes(b"\0lock")


@pytest.fixture(scope="module")
def kits(built: Built) -> Path:
    out = built.project / "kits-out"
    made = sop_docs("kit", "make", "--cycle", "2026-TW1", "-o", out, cwd=built.project)
    assert made.returncode == 0, made.stdout + made.stderr
    return out / "2026-TW1"


def test_kit_make_one_kit_per_unit(kits: Path) -> None:
    made = sorted(p.name for p in kits.glob("*.xlsx"))
    assert made == sorted(f"2026-TW1_{KIT}_{u}_Kit-Data-Kinerja.xlsx"
                          for u in (BIDANG, "sekretariat"))
    manifest = json.loads((kits / "kits_manifest.json").read_text("utf-8"))
    assert manifest


def _verdicts(rekap: Path) -> tuple[dict[str, str], set[str]]:
    report = json.loads((rekap / "2026-TW1" / "2026-TW1-verifikasi.json").read_text("utf-8"))
    text = json.dumps(report)
    units = {u["unit"]: u["verdict"] for u in report["units"]}
    return units, set(re.findall(r'"code": "([A-Z]{3}\d{3})"', text))


def test_kit_merge_refuses_hostile_files_and_flags_the_unit(built: Built, kits: Path,
                                                             tmp_path: Path) -> None:
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    kit = kits / f"2026-TW1_{KIT}_{BIDANG}_Kit-Data-Kinerja.xlsx"
    _fill(kit, inbox / "Data kinerja bidang (final revisi).xlsx", bukti=False)
    _hostile(inbox, kit)
    result = sop_docs("kit", "merge", "--cycle", "2026-TW1", inbox, "-o", tmp_path / "rekap",
                      "--no-pdf", cwd=built.project)
    assert result.returncode == 3, result.stdout + result.stderr  # units need attention
    units, codes = _verdicts(tmp_path / "rekap")
    assert units == {BIDANG: "perlu perbaikan", "sekretariat": "belum masuk"}
    # empty, text, not a workbook, link, FIFO, missing bukti dukung, unit not returned
    assert {"RET001", "RET002", "RET018", "RET019", "MRG009", "MRG016"} <= codes, codes
    assert "RET013" in codes  # '84,5' typed as text, read and reported


def test_kit_merge_rekap_pdf_reads_back(built: Built, kits: Path, tmp_path: Path) -> None:
    import pdfplumber

    inbox = tmp_path / "masuk"
    inbox.mkdir()
    kit = kits / f"2026-TW1_{KIT}_{BIDANG}_Kit-Data-Kinerja.xlsx"
    _fill(kit, inbox / "kembali.xlsx", bukti=True)
    result = sop_docs("kit", "merge", "--cycle", "2026-TW1", inbox, "-o", tmp_path / "rekap",
                      cwd=built.project)
    assert result.returncode == 3, result.stdout + result.stderr  # sekretariat missing
    assert _verdicts(tmp_path / "rekap")[0] == {BIDANG: "lengkap", "sekretariat": "belum masuk"}
    pdf_path = tmp_path / "rekap" / "2026-TW1" / f"{KIT}-2026-TW1-rekap.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    for words in ("Persentase konsistensi program Renja terhadap RKPD",
                  "Bidang Perencanaan Pembangunan Perekonomian dan Sumber Daya Alam",
                  "Penyusunan Renja dan RKPD", "Keterlambatan data dari OPD", "Kategori",
                  "Jumlah indikator", "Sangat Tinggi", "37.500.000", "Sekretariat"):
        at = 0  # every word, in order (a table cell may wrap between other columns)
        for word in words.split():
            at = text.find(word, at)
            assert at >= 0, (words, word)
