"""The one catalogue of problems sop-docs reports, and the Diagnostic record that carries them.

Every stage collects diagnostics instead of raising: a user sees all problems of a run at
once, each located at ``file:line:col`` (sources) or ``sheet!cell`` (workbooks), with a
message and a hint on how to fix it.  Only the CLI turns them into exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is; ``--strict`` promotes warnings to errors."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """One catalogue entry: a stable code, its default severity, and its message template and
    fix hint in English (``message``/``hint``) and Indonesian (``id_message``/``id_hint``)."""

    code: str
    severity: Severity
    message: str
    hint: str
    id_message: str | None = None
    id_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file with line/column (1-based) or a workbook cell."""

    path: str
    line: int | None = None
    column: int | None = None
    cell: str | None = None  # "Sheet!B7" for workbook problems

    def __str__(self) -> str:
        if self.cell:
            return f"{self.path}:{self.cell}"
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located problem: catalogue code, severity, rendered message and fix hint."""

    code: str
    severity: Severity
    message: str
    hint: str
    location: Location

    def render(self) -> str:
        """The one-line form ``path:line:col: error CODE message`` (hint on the next line)."""
        text = f"{self.location}: {self.severity.value} {self.code} {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form for ``--format json``."""
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "cell": loc.cell,
        }


CATALOGUE: dict[str, Code] = {}


def _define(code: str, severity: Severity, message: str, hint: str, *,
            id: tuple[str, str] | None = None) -> Code:
    """Add a catalogue entry: English message and hint, ``id=(pesan, petunjuk)`` in Indonesian."""
    entry = Code(code, severity, message, hint, *(id or (None, None)))
    if code in CATALOGUE:
        raise ValueError(f"duplicate diagnostic code {code}")
    CATALOGUE[code] = entry
    return entry


E, W = Severity.ERROR, Severity.WARNING

# --- files and YAML syntax (SRC) -------------------------------------------------------
SRC_NOT_FOUND = _define("SRC001", E, "file or folder not found: {path}", "check the path")
SRC_NOT_UTF8 = _define(
    "SRC002", E, "file is not UTF-8 text (byte {byte} at offset {offset})",
    "save the file as UTF-8 (in the editor: Save with encoding → UTF-8)",
)
SRC_BINARY = _define(
    "SRC003", E, "file looks binary, not YAML text (NUL byte at offset {offset})",
    "give a .yaml text file saved as UTF-8",
)
SRC_EMPTY = _define("SRC004", E, "file is empty", "fill it in or start from `sop-docs new ID`")
SRC_TOO_LARGE = _define(
    "SRC005", E, "file is {size} bytes, over the {limit} byte limit",
    "a source this large is a mistake; split it or remove pasted content",
)
SRC_YAML_SYNTAX = _define("SRC006", E, "YAML syntax error: {problem}", "{hint}")
SRC_TAB = _define(
    "SRC007", E, "tab character used for indentation", "indent with spaces, never tabs"
)
SRC_DUPLICATE_KEY = _define(
    "SRC008", E, "key '{key}' appears twice (first at line {first_line})",
    "remove or rename one of them",
)
SRC_ALIAS = _define(
    "SRC009", E, "YAML anchors and aliases (&name / *name) are not allowed in sources",
    "write the value out in full",
)
SRC_TOO_DEEP = _define(
    "SRC010", E, "nesting deeper than {limit} levels", "sources are shallow; check indentation"
)
SRC_NOT_MAPPING = _define(
    "SRC011", E, "the document must be a mapping of keys, found {found}",
    "start from `sop-docs new ID` to see the expected shape",
)
SRC_MULTI_DOC = _define(
    "SRC012", E, "more than one YAML document in a file", "keep one SOP or profile per file"
)
SRC_COMPLEX_KEY = _define("SRC013", E, "keys must be plain text", "write the key as a word")
SRC_TOO_MANY_NODES = _define(
    "SRC014", E, "more than {limit} values in one file", "a source this large is a mistake"
)

# --- schema / model (MOD) --------------------------------------------------------------
MOD_UNKNOWN_KEY = _define("MOD001", E, "unknown key '{key}'", "{hint}")
MOD_MISSING_KEY = _define("MOD002", E, "required key '{key}' is missing", "add '{key}: ...'")
MOD_WRONG_TYPE = _define("MOD003", E, "{message}", "{hint}")
MOD_BAD_VALUE = _define("MOD004", E, "{message}", "{hint}")
MOD_UNKNOWN_PROFILE = _define(
    "MOD005", E, "profile '{ref}' not found", "{hint}"
)
MOD_UNKNOWN_OFFICIAL = _define(
    "MOD006", E, "official '{ref}' not found in profile '{profile}'", "{hint}"
)
MOD_DUPLICATE_SOP = _define(
    "MOD007", E, "SOP id '{id}' is also used by {other}", "give every SOP its own id"
)
MOD_DUPLICATE_PROFILE = _define(
    "MOD008", E, "profile id '{id}' is also used by {other}", "give every profile its own id"
)

# --- lint rules (LNT) ------------------------------------------------------------------
LNT_UNKNOWN_ACTOR = _define("LNT001", E, "unknown pelaksana '{ref}'", "{hint}")
LNT_UNKNOWN_STEP = _define("LNT002", E, "unknown step '{ref}'", "{hint}")
LNT_DUPLICATE_ID = _define(
    "LNT003", E, "duplicate {kind} id '{id}' (first at line {first_line})",
    "give every {kind} its own id",
)
LNT_UNREACHABLE = _define(
    "LNT004", E, "step '{id}' cannot be reached from the first step",
    "point a 'ke' or a 'cabang' at it, or remove it",
)
LNT_NO_PATH_TO_END = _define(
    "LNT005", E, "step '{id}' has no path to the last step",
    "make its flow continue to a later step",
)
LNT_DECISION_EXITS = _define(
    "LNT006", E, "decision '{id}' has {count} labelled exits, needs exactly 2",
    "give 'cabang' two entries, e.g. {{label: Ya, ke: ...}} and {{label: Tidak, ke: ...}}",
)
LNT_LOOP_NO_EXIT = _define(
    "LNT007", E, "steps {ids} form a loop with no exit", "let one decision leave the loop"
)
LNT_UNUSED_ACTOR = _define(
    "LNT008", W, "pelaksana '{id}' is declared but does no step",
    "remove it or assign it to a step",
)
LNT_WAKTU = _define(
    "LNT009", W, "waktu '{text}' has no duration a reader can total",
    "write a number and a unit: menit, jam, hari, minggu or bulan (e.g. '15 menit')",
)
LNT_WAKTU_MISSING = _define("LNT010", W, "step '{id}' has no waktu", "add e.g. 'waktu: 15 menit'")
LNT_NIP_FORMAT = _define(
    "LNT011", W, "NIP '{nip}' is not 18 digits grouped 8-6-1-3 ({detail})",
    "write it as yyyymmdd yyyymm s nnn, e.g. 19660228 199901 1 001",
)
LNT_NIP_DATE = _define(
    "LNT012", W, "NIP '{nip}' holds an impossible {part} ({detail})",
    "check the birth date (first 8 digits) and appointment month (next 6)",
)
LNT_DATE_ORDER = _define(
    "LNT013", W, "tanggal pembuatan {pembuatan} is after tanggal efektif {efektif}",
    "pembuatan is when it was finished, efektif when it was signed",
)
LNT_DUPLICATE_ITEM = _define(
    "LNT014", W, "'{list}' repeats an item (also at line {first_line}): {item}",
    "remove the repeated item",
)
LNT_UNKNOWN_KETERKAITAN = _define(
    "LNT015", W, "keterkaitan names SOP id '{ref}', not in this corpus", "{hint}"
)
LNT_EMPTY_IDENTITY = _define(
    "LNT016", W, "identity field '{field}' is empty or incomplete (status draf)",
    "fill it in before the SOP is signed",
)
LNT_SYMBOL_MISMATCH = _define(
    "LNT017", E, "step '{id}' is marked '{simbol}' but {reason}", "{hint}"
)
LNT_EMPTY_IDENTITY_BERLAKU = _define(
    "LNT018", E, "identity field '{field}' is empty or incomplete in an SOP in force",
    "fill it in, or set 'status: draf' while the SOP is not signed yet",
)
LNT_FOREIGN_NAME = _define(
    "LNT019", W, "'{found}' names another office than this SOP's ({expected})",
    "check text copied from another office's SOP",
)

# --- CLI (CLI) -------------------------------------------------------------------------
CLI_NO_PROJECT = _define(
    "CLI001", E, "no sop-docs project at {path}", "run `sop-docs init DIR` or pass --project DIR"
)
CLI_NO_SOURCES = _define(
    "CLI002", E, "no SOP sources found under {path}", "add one with `sop-docs new ID`"
)
CLI_EXISTS = _define("CLI003", E, "{path} already exists", "choose another name or folder")
CLI_BAD_ID = _define(
    "CLI004", E, "'{id}' is not a valid id", "use lowercase letters, digits and '-', e.g. sop-rapat"
)
CLI_TOOL_MISSING = _define(
    "CLI005", E, "the program '{program}' is not installed",
    "install it: apt-get install {package}",
)
CLI_WRITE_FAILED = _define("CLI006", E, "could not write {path}: {reason}", "check the folder")
CLI_NO_PROFILE = _define(
    "CLI007", E, "no office profile with an official under {path}",
    "add one (see `sop-docs init` for an example profil/kantor.yaml) and run `check`",
)
CLI_INTERNAL = _define(
    "CLI008", E, "internal error: {detail}",
    "this is a bug in sop-docs, not in your files; please report it with the command you ran",
)

# --- kit definitions and kit generation (KIT) ------------------------------------------
KIT_DUPLICATE_ID = _define(
    "KIT001", E, "{kind} id '{id}' is used twice (first at line {first_line})",
    "give every {kind} its own id",
)
KIT_DUPLICATE_DEFINITION = _define(
    "KIT002", E, "kit id '{id}' is also used by {other}", "give every kit definition its own id"
)
KIT_CURRENT_CYCLE = _define(
    "KIT003", E, "siklus_berjalan '{cycle}' is not one of the cycles in 'siklus'",
    "add it to 'siklus' with its tenggat, or pick one of: {choices}",
)
KIT_BAD_CYCLE = _define("KIT004", E, "{message}", "e.g. --cycle 2026-TW1, 2026-S1, 2026-TAHUNAN")
KIT_CYCLE_NOT_RUN = _define(
    "KIT005", E, "kit '{kit}' does not run cycle {cycle}",
    "cycles of this kit: {choices}; add the cycle to 'siklus' with its tenggat",
)
KIT_NONE_FOUND = _define(
    "KIT006", E, "no kit definitions found under {path}", "add a kits/*.yaml definition"
)
KIT_UNKNOWN_KIT = _define("KIT007", E, "kit '{id}' not found", "{hint}")


# --- returned workbooks: intake (RET) ---------------------------------------------------
# Messages speak to the office that sent the file (they go into its return note).
RET_EMPTY = _define(
    "RET001", E, "berkas kosong (0 byte)",
    "kirim ulang berkas kit yang sudah diisi; berkas ini rusak saat disalin atau diunduh",
)
RET_TEXT = _define(
    "RET002", E, "berkas berisi teks biasa ({what}), bukan buku kerja Excel",
    "isi kit .xlsx yang diberikan dan kirim berkas .xlsx itu, jangan ekspor ke CSV/teks",
)
RET_UNKNOWN_FORMAT = _define(
    "RET003", E, "format berkas tidak dikenali ({what})",
    "kirim kit dalam bentuk .xlsx (Excel), .ods atau .xls",
)
RET_CORRUPT = _define(
    "RET004", E, "berkas rusak atau terpotong: {reason}",
    "buka kit di Excel/LibreOffice, simpan ulang sebagai .xlsx, lalu kirim ulang",
)
RET_ENCRYPTED = _define(
    "RET005", E, "berkas dilindungi kata sandi sehingga tidak dapat dibaca",
    "simpan ulang sebagai .xlsx tanpa kata sandi (File > Info > Protect Workbook > hapus sandi)",
)
RET_TOO_MANY_ENTRIES = _define(
    "RET006", E, "arsip berisi {count} bagian, melebihi batas {limit}",
    "berkas ini bukan kit yang wajar; simpan ulang kit asli sebagai .xlsx dan kirim ulang",
)
RET_TOO_LARGE = _define(
    "RET007", E, "isi berkas setelah dibuka {size} byte, melebihi batas {limit} byte ({entry})",
    "berkas ini bukan kit yang wajar; simpan ulang kit asli sebagai .xlsx dan kirim ulang",
)
RET_RATIO = _define(
    "RET008", E, "rasio kompresi {ratio:.0f}:1 pada {entry} melebihi batas {limit}:1 (zip bomb)",
    "berkas ini bukan kit yang wajar; simpan ulang kit asli sebagai .xlsx dan kirim ulang",
)
RET_XML_DOCTYPE = _define(
    "RET009", E, "bagian {entry} memuat deklarasi DOCTYPE/ENTITY yang tidak diizinkan",
    "berkas ini telah diubah di luar Excel; simpan ulang kit asli sebagai .xlsx",
)
RET_MACROS = _define(
    "RET010", W, "berkas memuat makro (VBA); makro tidak dijalankan dan diabaikan",
    "simpan kit sebagai .xlsx biasa (tanpa makro) pada pengiriman berikutnya",
)
RET_UNREADABLE = _define(
    "RET011", E, "isi buku kerja tidak dapat dibaca: {reason}",
    "buka kit di Excel/LibreOffice, simpan ulang sebagai .xlsx, lalu kirim ulang",
)
RET_FILE_TOO_LARGE = _define(
    "RET012", E, "berkas berukuran {size} byte, melebihi batas {limit} byte",
    "kit yang diisi biasanya di bawah 1 MB; hapus lampiran/gambar dan kirim ulang",
)
RET_NUMBER_FROM_TEXT = _define(
    "RET013", W, "'{text}' ditulis sebagai teks dan dibaca sebagai angka {value} ({how})",
    "periksa nilainya; tulis angka saja tanpa satuan, desimal dengan koma (contoh 12,5)",
)
RET_NOT_A_NUMBER = _define(
    "RET014", E, "'{text}' bukan angka",
    "isi dengan angka saja (contoh 12,5), tanpa satuan atau keterangan",
)
RET_FORMULA_IN_INPUT = _define(
    "RET015", W, "sel isian berisi rumus, bukan nilai{detail}",
    "ketik nilainya langsung (salin lalu Tempel Khusus > Nilai)",
)
RET_SIZE_LIE = _define(
    "RET016", E, "ukuran bagian {entry} dalam arsip tidak masuk akal (berkas dimanipulasi)",
    "simpan ulang kit asli sebagai .xlsx dan kirim ulang",
)
RET_NOT_SPREADSHEET = _define(
    "RET017", E, "berkas adalah {what}, bukan buku kerja lembar kerja",
    "kirim kit .xlsx yang sudah diisi, bukan dokumen lain",
)

# --- returned workbooks: verification and merge (MRG) ----------------------------------
MRG_NO_IDENTITY = _define(
    "MRG001", E, "identitas kit tidak ditemukan (data diketik ulang di buku kerja baru?)",
    "isi kit asli yang diunduh untuk siklus ini; jangan menyalin isinya ke berkas baru",
)
MRG_UNKNOWN_KIT = _define(
    "MRG002", E, "kit '{kit}' tidak dikenal dalam definisi yang digabung",
    "pastikan berkas ini kit dari kantor ini; unduh kit yang benar",
)
MRG_WRONG_CYCLE = _define(
    "MRG003", E, "kit untuk siklus {found}, bukan {expected}",
    "isi kit siklus {expected} (berkas ini kit periode lain)",
)
MRG_WRONG_UNIT = _define(
    "MRG004", E, "unit '{unit}' tidak terdaftar dalam kit '{kit}'",
    "gunakan kit yang dikirim untuk unit Anda",
)
MRG_SCHEMA_MAPPED = _define(
    "MRG005", W, "kit memakai versi skema lama {found} (sekarang {expected}); dipetakan otomatis",
    "gunakan kit versi terbaru pada pengiriman berikutnya",
)
MRG_SCHEMA_OLD = _define(
    "MRG006", E, "kit memakai versi skema {found}, yang tidak dapat dipetakan ke {expected}",
    "unduh kit terbaru siklus ini dan isi ulang",
)
MRG_TAMPERED = _define(
    "MRG007", E, "bagian kit yang dikunci telah diubah ({detail})",
    "isi ulang kit asli; jangan mengubah judul, indikator, target, baris atau nama lembar",
)
MRG_SIGNATURE = _define(
    "MRG008", E, "tanda tangan digital kit tidak cocok",
    "gunakan kit asli yang dikirim kantor; jangan membuat kit sendiri",
)
MRG_REQUIRED = _define(
    "MRG009", E, "{field} wajib diisi", "isi {field} pada sel ini",
)
MRG_RANGE = _define(
    "MRG010", E, "{field} bernilai {value}, di luar rentang {low} s.d. {high}",
    "periksa angka yang diketik",
)
MRG_BAD_DATE = _define(
    "MRG011", E, "'{text}' bukan tanggal yang sah", "tulis tanggal seperti 15-04-2026",
)
MRG_CACHED_DIFFERS = _define(
    "MRG012", W, "{field} tertulis {cached}, hasil hitung ulang {computed} (rumus ditimpa?)",
    "jangan mengetik di sel rumus; nilai hitung ulang yang dipakai dalam rekap",
)
MRG_DUPLICATE = _define(
    "MRG013", W, "isi sama persis dengan {other}; dihitung sekali", "tidak perlu tindakan",
)
MRG_SUPERSEDED = _define(
    "MRG014", W, "digantikan oleh kiriman yang lebih baru {other} (tanggal {date})",
    "tidak perlu tindakan; kiriman terbaru yang dipakai",
)
MRG_CONFLICT = _define(
    "MRG015", E, "dua kiriman berbeda bertanggal sama {date}: {other}",
    "kirim satu kit final saja dengan tanggal pengisian yang benar",
)
MRG_NOT_RETURNED = _define(
    "MRG016", E, "kit belum dikembalikan", "isi dan kirim kit sebelum batas waktu {deadline}",
)
MRG_OVER_BUDGET = _define(
    "MRG017", W, "realisasi anggaran {value} melebihi pagu {pagu}",
    "periksa kembali realisasi anggaran",
)
MRG_PERCENT_FRACTION = _define(
    "MRG018", W, "{field} bernilai {value}; apakah maksudnya {percent}%?",
    "untuk satuan persen tulis angka persennya (contoh 85, bukan 0,85 atau 85%)",
)
MRG_QUARTER_STATUS = _define(
    "MRG019", W, "data {cycle} unit ini berstatus '{verdict}'",
    "lihat laporan verifikasi {cycle} dan kirim perbaikannya",
)
MRG_QUARTER_MISSING = _define(
    "MRG020", W, "hasil gabungan {cycle} belum ada; rekap {target} dihitung tanpa triwulan itu",
    "jalankan `sop-docs kit merge --cycle {cycle}` lebih dulu",
)
MRG_NO_KIT = _define(
    "MRG021", E, "tidak ada definisi kit yang memuat siklus {cycle}",
    "periksa --cycle dan berkas definisi kit",
)
MRG_TOO_LONG = _define(
    "MRG022", E, "{field} berisi {length} karakter, melebihi batas {limit}",
    "persingkat teksnya; rincian dapat dilampirkan sebagai bukti dukung",
)
MRG_NIP = _define(
    "MRG023", W, "NIP '{nip}' tidak terdiri dari 18 digit",
    "tulis NIP 18 digit, contoh 19750312 200003 1 004",
)

# --- Word renderer (DOCX) --------------------------------------------------------------
DOCX_IMAGE = _define(
    "DOCX001", W, "image {path} left out of the .docx: {reason}",
    "give a readable PNG, JPEG or GIF file as the profile's logo",
)

# --- official sheet: layout, SVG and PDF (SHT) ------------------------------------------
SHT_TEXT_SHRUNK = _define(
    "SHT001", W, "step '{id}': the {field} text is too long for one page; printed at {size} pt",
    "shorten the text, or move detail into keterangan or a separate document",
)
SHT_TEXT_CUT = _define(
    "SHT002", W, "step '{id}': the {field} text does not fit one page even at {size} pt and "
    "was cut (ends with …)",
    "shorten the text; a step's row must fit on one page",
)
SHT_UNKNOWN_TARGET = _define(
    "SHT003", E, "step '{id}' flows to unknown step '{ref}'; no connector drawn",
    "fix 'ke' or 'cabang' (run `sop-docs check` for details)",
)
SHT_UNKNOWN_ACTOR = _define(
    "SHT004", W, "step '{id}' names unknown pelaksana '{ref}'; its symbol is left out there",
    "declare the pelaksana or fix the id (run `sop-docs check`)",
)
SHT_NARROW_COLUMNS = _define(
    "SHT005", W, "{count} pelaksana columns are only {width} mm wide on {paper} {orientation}",
    "use F4 landscape (tata_letak: {{kertas: F4, orientasi: lanskap}}) or fewer pelaksana",
)
SHT_IDENTITY_CUT = _define(
    "SHT006", W, "identity page text too long for the page and cut: {fields}",
    "shorten these fields",
)
SHT_LOGO = _define(
    "SHT007", W, "logo {path} left out of the sheet: {reason}",
    "give a readable PNG or JPEG file as the profile's logo (path relative to the profile)",
)
SHT_RENDER_FAILED = _define(
    "SHT008", E, "could not render {format} for SOP '{id}': {reason}",
    "this is a bug in sop-docs; please report it with the SOP source",
)
SHT_PREVIEW = _define(
    "SHT009", W, "no PNG preview of {path}: {reason}",
    "install the test extras (`pip install -e '.[test]'`) for pypdfium2",
)
SHT_UNKNOWN_FORMAT = _define(
    "SHT010", E, "unknown output format '{name}'", "choose from: {known}"
)

# --- Graphviz swimlane diagram (SWL) ----------------------------------------------------
SWL_DOT_MISSING = _define(
    "SWL001", E, "Graphviz program 'dot' not found; swimlane diagram of '{id}' not drawn",
    "install it: apt-get install graphviz (the .dot source is written without it)",
)
SWL_DOT_FAILED = _define(
    "SWL002", E, "Graphviz 'dot' could not draw {file}: {reason}",
    "this is a bug in sop-docs; please report it with the {dot} file",
)

# --- reference site (SIT) ---------------------------------------------------------------
SIT_MKDOCS = _define(
    "SIT001", E, "mkdocs: {message}",
    "the site was not built: fix the folder or setting the message names; a problem in a "
    "generated page or mkdocs.yml is a bug in sop-docs, please report it",
)
SIT_WRITE_FAILED = _define(
    "SIT002", E, "could not write the site into {path}: {reason}",
    "check that the output folder is writable and not open in another program",
)

def make(code: Code, location: Location, **fields: object) -> Diagnostic:
    """Build a diagnostic from a catalogue entry, filling its message and hint templates."""
    return Diagnostic(
        code=code.code,
        severity=code.severity,
        message=code.message.format(**fields),
        hint=code.hint.format(**fields),
        location=location,
    )


@dataclass(slots=True)
class Report:
    """A growing list of diagnostics for one run; the CLI decides the exit code from it."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def errors(self, strict: bool = False) -> list[Diagnostic]:
        """Diagnostics that fail the run; with ``strict`` warnings count too."""
        return [d for d in self.items if strict or d.severity is Severity.ERROR]

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in file order, for stable output."""
        return sorted(
            self.items,
            key=lambda d: (d.location.path, d.location.line or 0, d.location.column or 0, d.code),
        )
