"""The one catalogue of problems sop-docs reports, and the Diagnostic record that carries them.

Every stage collects diagnostics instead of raising: a user sees all problems of a run at
once, each located at ``file:line:col`` (sources) or ``sheet!cell`` (workbooks), with a
message and a hint on how to fix it.  Only the CLI turns them into exit codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sop_docs.i18n import Language, current, tr


class Severity(StrEnum):
    """How bad a problem is; ``--strict`` promotes warnings to errors.  The value is the
    language-neutral word of JSON output; ``label`` is the word a reader sees."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """'galat' / 'peringatan' (English: 'error' / 'warning')."""
        if self is Severity.ERROR:
            return tr("galat", "error")
        return tr("peringatan", "warning")


def hint_label() -> str:
    """The word before a fix hint: 'petunjuk' (English: 'hint')."""
    return tr("petunjuk", "hint")


@dataclass(frozen=True, slots=True)
class Code:
    """One catalogue entry: a stable code, its default severity, and its message template and
    fix hint in English (``message``/``hint``) and Indonesian (``id_message``/``id_hint``)."""

    code: str
    severity: Severity
    message: str
    hint: str
    id_message: str
    id_hint: str

    def texts(self, language: Language, fields: Mapping[str, object]) -> tuple[str, str]:
        """(message, hint) filled with ``fields`` in ``language``."""
        if language is Language.ID:
            return self.id_message.format(**fields), self.id_hint.format(**fields)
        return self.message.format(**fields), self.hint.format(**fields)


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
    """A located problem: catalogue code, severity, message and fix hint in the language of
    the run, and the ``fields`` that filled them (to speak another language, or JSON)."""

    code: str
    severity: Severity
    message: str
    hint: str
    location: Location
    fields: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    def in_language(self, language: Language) -> tuple[str, str]:
        """(message, hint) in ``language``: documents for offices are always Indonesian."""
        entry = CATALOGUE.get(self.code)
        if entry is None or not self.fields:
            return self.message, self.hint
        try:
            return entry.texts(language, self.fields)
        except (KeyError, IndexError, ValueError):  # fields read back from an old cache
            return self.message, self.hint

    def render(self) -> str:
        """The one-line form ``path:line:col: galat CODE pesan`` (hint on the next line)."""
        text = f"{self.location}: {self.severity.label} {self.code} {self.message}"
        return f"{text}\n    {hint_label()}: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        """A language-neutral JSON form for ``--format json``: code, severity, position and
        fields; message and hint in the language of the run."""
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
            "fields": {k: _plain(v) for k, v in sorted(self.fields.items())},
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Diagnostic:
        """A diagnostic read back from :meth:`as_dict` (a cache), in the language of this run.
        Raises KeyError/TypeError/ValueError for a record of another shape."""
        loc = Location(record["path"], record["line"], record["column"], record["cell"])
        fields = record.get("fields") or {}
        if not isinstance(fields, dict):
            raise TypeError("fields must be a mapping")
        stored = cls(str(record["code"]), Severity(record["severity"]), str(record["message"]),
                     str(record["hint"]), loc, fields)
        message, hint = stored.in_language(current())
        return cls(stored.code, stored.severity, message, hint, loc, fields)


def _plain(value: object) -> object:
    """A field value as JSON holds it (numbers and text as they are, anything else as text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


CATALOGUE: dict[str, Code] = {}


def _define(code: str, severity: Severity, message: str, hint: str, *,
            id: tuple[str, str]) -> Code:
    """Add a catalogue entry: English message and hint, ``id=(pesan, petunjuk)`` in Indonesian
    (required: every message exists in both languages, with the same placeholders)."""
    entry = Code(code, severity, message, hint, *id)
    if code in CATALOGUE:
        raise ValueError(f"duplicate diagnostic code {code}")
    CATALOGUE[code] = entry
    return entry


E, W = Severity.ERROR, Severity.WARNING

# --- files and YAML syntax (SRC) -------------------------------------------------------
SRC_NOT_FOUND = _define(
    "SRC001", E,
    "file or folder not found: {path}",
    "check the path",
    id=(
        "berkas atau folder tidak ditemukan: {path}",
        "periksa jalurnya",
    ),
)
SRC_NOT_UTF8 = _define(
    "SRC002", E,
    "file is not UTF-8 text (byte {byte} at offset {offset})",
    "save the file as UTF-8 (in the editor: Save with encoding → UTF-8)",
    id=(
        "berkas bukan teks UTF-8 (byte {byte} pada posisi {offset})",
        "simpan berkas sebagai UTF-8 (di editor: Simpan dengan pengodean → UTF-8)",
    ),
)
SRC_BINARY = _define(
    "SRC003", E,
    "file looks binary, not YAML text (NUL byte at offset {offset})",
    "give a .yaml text file saved as UTF-8",
    id=(
        "berkas tampaknya biner, bukan teks YAML (byte NUL pada posisi {offset})",
        "berikan berkas teks .yaml yang disimpan sebagai UTF-8",
    ),
)
SRC_EMPTY = _define(
    "SRC004", E,
    "file is empty",
    "fill it in or start from `sop-docs new ID`",
    id=(
        "berkas kosong",
        "isi berkas itu atau mulai dari `sop-docs new ID`",
    ),
)
SRC_TOO_LARGE = _define(
    "SRC005", E,
    "file is {size} bytes, over the {limit} byte limit",
    "a source this large is a mistake; split it or remove pasted content",
    id=(
        "berkas berukuran {size} byte, melebihi batas {limit} byte",
        "sumber sebesar ini pasti keliru; pecah berkasnya atau hapus isi yang tertempel",
    ),
)
SRC_YAML_SYNTAX = _define(
    "SRC006", E,
    "YAML syntax error: {problem}",
    "{hint}",
    id=(
        "kesalahan sintaks YAML: {problem}",
        "{hint}",
    ),
)
SRC_TAB = _define(
    "SRC007", E,
    "tab character used for indentation",
    "indent with spaces, never tabs",
    id=(
        "karakter tab dipakai untuk indentasi",
        "indentasi dengan spasi, jangan tab",
    ),
)
SRC_DUPLICATE_KEY = _define(
    "SRC008", E,
    "key '{key}' appears twice (first at line {first_line})",
    "remove or rename one of them",
    id=(
        "kunci '{key}' muncul dua kali (pertama di baris {first_line})",
        "hapus atau ganti nama salah satunya",
    ),
)
SRC_ALIAS = _define(
    "SRC009", E,
    "YAML anchors and aliases (&name / *name) are not allowed in sources",
    "write the value out in full",
    id=(
        "anchor dan alias YAML (&nama / *nama) tidak boleh dipakai dalam sumber",
        "tulis nilainya secara lengkap",
    ),
)
SRC_TOO_DEEP = _define(
    "SRC010", E,
    "nesting deeper than {limit} levels",
    "sources are shallow; check indentation",
    id=(
        "bertingkat lebih dari {limit} level",
        "sumber itu dangkal; periksa indentasi",
    ),
)
SRC_NOT_MAPPING = _define(
    "SRC011", E,
    "the document must be a mapping of keys, found {found}",
    "start from `sop-docs new ID` to see the expected shape",
    id=(
        "dokumen harus berupa daftar kunci (mapping), ditemukan {found}",
        "mulai dari `sop-docs new ID` untuk melihat bentuk yang diharapkan",
    ),
)
SRC_MULTI_DOC = _define(
    "SRC012", E,
    "more than one YAML document in a file",
    "keep one SOP or profile per file",
    id=(
        "lebih dari satu dokumen YAML dalam satu berkas",
        "simpan satu SOP atau satu profil per berkas",
    ),
)
SRC_COMPLEX_KEY = _define(
    "SRC013", E,
    "keys must be plain text",
    "write the key as a word",
    id=(
        "kunci harus berupa teks biasa",
        "tulis kuncinya sebagai kata",
    ),
)
SRC_TOO_MANY_NODES = _define(
    "SRC014", E,
    "more than {limit} values in one file",
    "a source this large is a mistake",
    id=(
        "lebih dari {limit} nilai dalam satu berkas",
        "sumber sebesar ini pasti keliru",
    ),
)

# --- schema / model (MOD) --------------------------------------------------------------
MOD_UNKNOWN_KEY = _define(
    "MOD001", E,
    "unknown key '{key}'",
    "{hint}",
    id=(
        "kunci '{key}' tidak dikenal",
        "{hint}",
    ),
)
MOD_MISSING_KEY = _define(
    "MOD002", E,
    "required key '{key}' is missing",
    "add '{key}: ...'",
    id=(
        "kunci wajib '{key}' tidak ada",
        "tambahkan '{key}: ...'",
    ),
)
MOD_WRONG_TYPE = _define("MOD003", E, "{message}", "{hint}", id=("{message}", "{hint}"))
MOD_BAD_VALUE = _define("MOD004", E, "{message}", "{hint}", id=("{message}", "{hint}"))
MOD_UNKNOWN_PROFILE = _define(
    "MOD005", E,
    "profile '{ref}' not found",
    "{hint}",
    id=(
        "profil '{ref}' tidak ditemukan",
        "{hint}",
    ),
)
MOD_UNKNOWN_OFFICIAL = _define(
    "MOD006", E,
    "official '{ref}' not found in profile '{profile}'",
    "{hint}",
    id=(
        "pejabat '{ref}' tidak ditemukan dalam profil '{profile}'",
        "{hint}",
    ),
)
MOD_DUPLICATE_SOP = _define(
    "MOD007", E,
    "SOP id '{id}' is also used by {other}",
    "give every SOP its own id",
    id=(
        "id SOP '{id}' juga dipakai oleh {other}",
        "beri setiap SOP id sendiri",
    ),
)
MOD_DUPLICATE_PROFILE = _define(
    "MOD008", E,
    "profile id '{id}' is also used by {other}",
    "give every profile its own id",
    id=(
        "id profil '{id}' juga dipakai oleh {other}",
        "beri setiap profil id sendiri",
    ),
)

# --- lint rules (LNT) ------------------------------------------------------------------
LNT_UNKNOWN_ACTOR = _define(
    "LNT001", E,
    "unknown pelaksana '{ref}'",
    "{hint}",
    id=(
        "pelaksana '{ref}' tidak dikenal",
        "{hint}",
    ),
)
LNT_UNKNOWN_STEP = _define(
    "LNT002", E,
    "unknown step '{ref}'",
    "{hint}",
    id=(
        "langkah '{ref}' tidak dikenal",
        "{hint}",
    ),
)
LNT_DUPLICATE_ID = _define(
    "LNT003", E,
    "duplicate {kind} id '{id}' (first at line {first_line})",
    "give every {kind} its own id",
    id=(
        "id {kind} '{id}' ganda (pertama di baris {first_line})",
        "beri setiap {kind} id sendiri",
    ),
)
LNT_UNREACHABLE = _define(
    "LNT004", E,
    "step '{id}' cannot be reached from the first step",
    "point a 'ke' or a 'cabang' at it, or remove it",
    id=(
        "langkah '{id}' tidak dapat dicapai dari langkah pertama",
        "arahkan sebuah 'ke' atau 'cabang' ke langkah ini, atau hapus langkahnya",
    ),
)
LNT_NO_PATH_TO_END = _define(
    "LNT005", E,
    "step '{id}' has no path to the last step",
    "make its flow continue to a later step",
    id=(
        "langkah '{id}' tidak memiliki jalur ke langkah terakhir",
        "teruskan alurnya ke langkah berikutnya",
    ),
)
LNT_DECISION_EXITS = _define(
    "LNT006", E,
    "decision '{id}' has {count} labelled exits, needs exactly 2",
    "give 'cabang' two entries, e.g. {{label: Ya, ke: ...}} and {{label: Tidak, ke: ...}}",
    id=(
        "keputusan '{id}' memiliki {count} cabang berlabel, harus tepat 2",
        "beri 'cabang' dua isian, mis. {{label: Ya, ke: ...}} dan {{label: Tidak, ke: ...}}",
    ),
)
LNT_LOOP_NO_EXIT = _define(
    "LNT007", E,
    "steps {ids} form a loop with no exit",
    "let one decision leave the loop",
    id=(
        "langkah {ids} membentuk putaran tanpa jalan keluar",
        "biarkan satu keputusan keluar dari putaran itu",
    ),
)
LNT_UNUSED_ACTOR = _define(
    "LNT008", W,
    "pelaksana '{id}' is declared but does no step",
    "remove it or assign it to a step",
    id=(
        "pelaksana '{id}' dideklarasikan tetapi tidak melakukan langkah apa pun",
        "hapus pelaksana itu atau tugaskan ke sebuah langkah",
    ),
)
LNT_WAKTU = _define(
    "LNT009", W,
    "waktu '{text}' has no duration a reader can total",
    "write a number and a unit: menit, jam, hari, minggu or bulan (e.g. '15 menit'), or set a "
    "default unit 'satuan_waktu'",
    id=(
        "waktu '{text}' tidak memuat durasi yang dapat dijumlahkan",
        "tulis angka dan satuan: menit, jam, hari, minggu atau bulan (mis. '15 menit'), atau "
        "tetapkan satuan bawaan 'satuan_waktu'",
    ),
)
LNT_WAKTU_MISSING = _define(
    "LNT010", W,
    "step '{id}' has no waktu",
    "add e.g. 'waktu: 15 menit'",
    id=(
        "langkah '{id}' tidak memiliki waktu",
        "tambahkan mis. 'waktu: 15 menit'",
    ),
)
LNT_NIP_FORMAT = _define(
    "LNT011", W,
    "NIP '{nip}' is malformed: {detail}",
    "{hint}",
    id=(
        "NIP '{nip}' tidak sah: {detail}",
        "{hint}",
    ),
)
LNT_NIP_DATE = _define(
    "LNT012", W,
    "NIP '{nip}' holds an impossible {part} ({detail})",
    "check the birth date (first 8 digits) and appointment month (next 6)",
    id=(
        "NIP '{nip}' memuat {part} yang mustahil ({detail})",
        "periksa tanggal lahir (8 digit pertama) dan bulan pengangkatan (6 digit berikutnya)",
    ),
)
LNT_DATE_ORDER = _define(
    "LNT013", W,
    "tanggal pembuatan {pembuatan} is after tanggal efektif {efektif}",
    "pembuatan is when it was finished, efektif when it was signed",
    id=(
        "tanggal pembuatan {pembuatan} sesudah tanggal efektif {efektif}",
        "pembuatan adalah saat SOP selesai disusun, efektif saat ditandatangani",
    ),
)
LNT_DUPLICATE_ITEM = _define(
    "LNT014", W,
    "'{list}' repeats an item (also at line {first_line}): {item}",
    "remove the repeated item",
    id=(
        "'{list}' mengulang satu butir (juga di baris {first_line}): {item}",
        "hapus butir yang berulang",
    ),
)
LNT_UNKNOWN_KETERKAITAN = _define(
    "LNT015", W,
    "keterkaitan names SOP id '{ref}', not in this corpus",
    "{hint}",
    id=(
        "keterkaitan menyebut id SOP '{ref}', yang tidak ada dalam kumpulan ini",
        "{hint}",
    ),
)
LNT_EMPTY_IDENTITY = _define(
    "LNT016", W,
    "identity field '{field}' is empty or incomplete (status draf)",
    "fill it in before the SOP is signed",
    id=(
        "isian identitas '{field}' kosong atau belum lengkap (status draf)",
        "isi sebelum SOP ditandatangani",
    ),
)
LNT_SYMBOL_MISMATCH = _define(
    "LNT017", E,
    "step '{id}' is marked '{simbol}' but {reason}",
    "{hint}",
    id=(
        "langkah '{id}' bersimbol '{simbol}' padahal {reason}",
        "{hint}",
    ),
)
LNT_EMPTY_IDENTITY_BERLAKU = _define(
    "LNT018", W,
    "identity field '{field}' is empty or incomplete in an SOP in force; it is printed as "
    "written",
    "fill it in if the signed original has it (`check --strict` refuses it), or set "
    "'status: draf' while the SOP is not signed yet",
    id=(
        "isian identitas '{field}' kosong atau belum lengkap pada SOP yang berlaku; dicetak "
        "apa adanya",
        "isi bila naskah aslinya yang ditandatangani memuatnya (`check --strict` menolaknya), "
        "atau tetapkan 'status: draf' selama SOP belum ditandatangani",
    ),
)
LNT_FOREIGN_NAME = _define(
    "LNT019", W,
    "'{found}' names another office than this SOP's ({expected})",
    "check text copied from another office's SOP; the office's own abbreviations can be listed "
    "under 'singkatan' in its profile",
    id=(
        "'{found}' menyebut kantor lain, bukan kantor SOP ini ({expected})",
        "periksa teks yang disalin dari SOP kantor lain; singkatan kantor sendiri dapat "
        "dicantumkan di 'singkatan' pada profil",
    ),
)
LNT_NIP_SIGNATORY = _define(
    "LNT020", E,
    "the signatory's NIP '{nip}' is malformed on an SOP in force: {detail}",
    "fix the NIP in the profile ({profile}) before the SOP is published; {hint}",
    id=(
        "NIP penanda tangan '{nip}' tidak sah pada SOP yang berlaku: {detail}",
        "perbaiki NIP di profil ({profile}) sebelum SOP diterbitkan; {hint}",
    ),
)

# --- CLI (CLI) -------------------------------------------------------------------------
CLI_NO_PROJECT = _define(
    "CLI001", E,
    "no sop-docs project at {path}",
    "run `sop-docs init DIR` or pass --project DIR",
    id=(
        "tidak ada proyek sop-docs di {path}",
        "jalankan `sop-docs init FOLDER` atau berikan --project FOLDER",
    ),
)
CLI_NO_SOURCES = _define(
    "CLI002", E,
    "no SOP sources found under {path}",
    "add one with `sop-docs new ID`",
    id=(
        "tidak ditemukan sumber SOP di {path}",
        "tambahkan satu dengan `sop-docs new ID`",
    ),
)
CLI_EXISTS = _define(
    "CLI003", E,
    "{path} already exists",
    "choose another name or folder",
    id=(
        "{path} sudah ada",
        "pilih nama atau folder lain",
    ),
)
CLI_BAD_ID = _define(
    "CLI004", E,
    "'{id}' is not a valid id",
    "use lowercase letters, digits and '-', e.g. sop-rapat",
    id=(
        "'{id}' bukan id yang sah",
        "pakai huruf kecil, angka dan '-', mis. sop-rapat",
    ),
)
CLI_TOOL_MISSING = _define(
    "CLI005", E,
    "the program '{program}' is not installed",
    "install it: apt-get install {package}",
    id=(
        "program '{program}' belum terpasang",
        "pasang dengan: apt-get install {package}",
    ),
)
CLI_WRITE_FAILED = _define(
    "CLI006", E,
    "could not write {path}: {reason}",
    "check the folder",
    id=(
        "tidak dapat menulis {path}: {reason}",
        "periksa foldernya",
    ),
)
CLI_NO_PROFILE = _define(
    "CLI007", E,
    "no office profile with an official under {path}",
    "add one (see `sop-docs init` for an example profil/kantor.yaml) and run `check`",
    id=(
        "tidak ada profil kantor dengan pejabat di {path}",
        "tambahkan satu (lihat contoh profil/kantor.yaml dari `sop-docs init`) lalu jalankan "
        "`check`",
    ),
)
CLI_INTERNAL = _define(
    "CLI008", E,
    "internal error: {detail}",
    "this is a bug in sop-docs, not in your files; please report it with the command you ran",
    id=(
        "galat internal: {detail}",
        "ini kesalahan sop-docs, bukan kesalahan berkas Anda; laporkan beserta perintah yang "
        "dijalankan",
    ),
)
CLI_PORT_BUSY = _define(
    "CLI009", E,
    "port {port} on {host} is already in use ({reason})",
    "another program (perhaps another `site serve`) uses it; choose a free one, e.g. "
    "--port {other}",
    id=(
        "port {port} di {host} sedang dipakai ({reason})",
        "program lain (mungkin `site serve` yang lain) memakainya; pilih port yang bebas, "
        "mis. --port {other}",
    ),
)

# --- kit definitions and kit generation (KIT) ------------------------------------------
KIT_DUPLICATE_ID = _define(
    "KIT001", E,
    "{kind} id '{id}' is used twice (first at line {first_line})",
    "give every {kind} its own id",
    id=(
        "id {kind} '{id}' dipakai dua kali (pertama di baris {first_line})",
        "beri setiap {kind} id sendiri",
    ),
)
KIT_DUPLICATE_DEFINITION = _define(
    "KIT002", E,
    "kit id '{id}' is also used by {other}",
    "give every kit definition its own id",
    id=(
        "id kit '{id}' juga dipakai oleh {other}",
        "beri setiap definisi kit id sendiri",
    ),
)
KIT_CURRENT_CYCLE = _define(
    "KIT003", E,
    "siklus_berjalan '{cycle}' is not one of the cycles in 'siklus'",
    "add it to 'siklus' with its tenggat, or pick one of: {choices}",
    id=(
        "siklus_berjalan '{cycle}' bukan salah satu siklus dalam 'siklus'",
        "tambahkan ke 'siklus' beserta tenggatnya, atau pilih salah satu dari: {choices}",
    ),
)
KIT_BAD_CYCLE = _define(
    "KIT004", E,
    "{message}",
    "e.g. --cycle 2026-TW1, 2026-S1, 2026-TAHUNAN",
    id=(
        "{message}",
        "mis. --cycle 2026-TW1, 2026-S1, 2026-TAHUNAN",
    ),
)
KIT_CYCLE_NOT_RUN = _define(
    "KIT005", E,
    "kit '{kit}' does not run cycle {cycle}",
    "cycles of this kit: {choices}; add the cycle to 'siklus' with its tenggat",
    id=(
        "kit '{kit}' tidak berjalan pada siklus {cycle}",
        "siklus kit ini: {choices}; tambahkan siklus itu ke 'siklus' beserta tenggatnya",
    ),
)
KIT_NONE_FOUND = _define(
    "KIT006", E,
    "no kit definitions found under {path}",
    "add a kits/*.yaml definition",
    id=(
        "tidak ditemukan definisi kit di {path}",
        "tambahkan definisi kits/*.yaml",
    ),
)
KIT_UNKNOWN_KIT = _define(
    "KIT007", E,
    "kit '{id}' not found",
    "{hint}",
    id=(
        "kit '{id}' tidak ditemukan",
        "{hint}",
    ),
)


# --- returned workbooks: intake (RET) ---------------------------------------------------
# Messages speak to the office that sent the file (they go into its return note).
RET_EMPTY = _define(
    "RET001", E,
    "empty file (0 bytes)",
    "send the filled kit file again; this file was damaged while copying or downloading",
    id=(
        "berkas kosong (0 byte)",
        "kirim ulang berkas kit yang sudah diisi; berkas ini rusak saat disalin atau diunduh",
    ),
)
RET_TEXT = _define(
    "RET002", E,
    "the file holds plain text ({what}), not an Excel workbook",
    "fill in the given .xlsx kit and send that .xlsx file; do not export to CSV/text",
    id=(
        "berkas berisi teks biasa ({what}), bukan buku kerja Excel",
        "isi kit .xlsx yang diberikan dan kirim berkas .xlsx itu, jangan ekspor ke CSV/teks",
    ),
)
RET_UNKNOWN_FORMAT = _define(
    "RET003", E,
    "unknown file format ({what})",
    "send the kit as .xlsx (Excel), .ods or .xls",
    id=(
        "format berkas tidak dikenali ({what})",
        "kirim kit dalam bentuk .xlsx (Excel), .ods atau .xls",
    ),
)
RET_CORRUPT = _define(
    "RET004", E,
    "damaged or truncated file: {reason}",
    "open the kit in Excel/LibreOffice, save it again as .xlsx and send it again",
    id=(
        "berkas rusak atau terpotong: {reason}",
        "buka kit di Excel/LibreOffice, simpan ulang sebagai .xlsx, lalu kirim ulang",
    ),
)
RET_ENCRYPTED = _define(
    "RET005", E,
    "the file is password-protected and cannot be read",
    "save it again as .xlsx without a password (File > Info > Protect Workbook > remove password)",
    id=(
        "berkas dilindungi kata sandi sehingga tidak dapat dibaca",
        "simpan ulang sebagai .xlsx tanpa kata sandi (File > Info > Protect Workbook > hapus "
        "sandi)",
    ),
)
RET_TOO_MANY_ENTRIES = _define(
    "RET006", E,
    "the archive holds {count} parts, over the limit of {limit}",
    "this is not a plausible kit; save the original kit again as .xlsx and send it again",
    id=(
        "arsip berisi {count} bagian, melebihi batas {limit}",
        "berkas ini bukan kit yang wajar; simpan ulang kit asli sebagai .xlsx dan kirim ulang",
    ),
)
RET_TOO_LARGE = _define(
    "RET007", E,
    "the file unpacks to {size} bytes, over the limit of {limit} bytes ({entry})",
    "this is not a plausible kit; save the original kit again as .xlsx and send it again",
    id=(
        "isi berkas setelah dibuka {size} byte, melebihi batas {limit} byte ({entry})",
        "berkas ini bukan kit yang wajar; simpan ulang kit asli sebagai .xlsx dan kirim ulang",
    ),
)
RET_RATIO = _define(
    "RET008", E,
    "compression ratio {ratio:.0f}:1 of {entry} is over the limit of {limit}:1 (zip bomb)",
    "this is not a plausible kit; save the original kit again as .xlsx and send it again",
    id=(
        "rasio kompresi {ratio:.0f}:1 pada {entry} melebihi batas {limit}:1 (zip bomb)",
        "berkas ini bukan kit yang wajar; simpan ulang kit asli sebagai .xlsx dan kirim ulang",
    ),
)
RET_XML_DOCTYPE = _define(
    "RET009", E,
    "part {entry} holds a DOCTYPE/ENTITY declaration, which is not allowed",
    "this file was changed outside Excel; save the original kit again as .xlsx",
    id=(
        "bagian {entry} memuat deklarasi DOCTYPE/ENTITY yang tidak diizinkan",
        "berkas ini telah diubah di luar Excel; simpan ulang kit asli sebagai .xlsx",
    ),
)
RET_MACROS = _define(
    "RET010", W,
    "the file holds macros (VBA); macros are not run and are ignored",
    "save the kit as a plain .xlsx (without macros) next time",
    id=(
        "berkas memuat makro (VBA); makro tidak dijalankan dan diabaikan",
        "simpan kit sebagai .xlsx biasa (tanpa makro) pada pengiriman berikutnya",
    ),
)
RET_UNREADABLE = _define(
    "RET011", E,
    "the workbook cannot be read: {reason}",
    "open the kit in Excel/LibreOffice, save it again as .xlsx and send it again",
    id=(
        "isi buku kerja tidak dapat dibaca: {reason}",
        "buka kit di Excel/LibreOffice, simpan ulang sebagai .xlsx, lalu kirim ulang",
    ),
)
RET_FILE_TOO_LARGE = _define(
    "RET012", E,
    "the file is {size} bytes, over the limit of {limit} bytes",
    "a filled kit is usually under 1 MB; remove attachments/images and send it again",
    id=(
        "berkas berukuran {size} byte, melebihi batas {limit} byte",
        "kit yang diisi biasanya di bawah 1 MB; hapus lampiran/gambar dan kirim ulang",
    ),
)
RET_NUMBER_FROM_TEXT = _define(
    "RET013", W,
    "'{text}' is written as text and read as the number {value} ({how})",
    "check the value; write the number only, without a unit, decimals with a comma (e.g. 12,5)",
    id=(
        "'{text}' ditulis sebagai teks dan dibaca sebagai angka {value} ({how})",
        "periksa nilainya; tulis angka saja tanpa satuan, desimal dengan koma (contoh 12,5)",
    ),
)
RET_NOT_A_NUMBER = _define(
    "RET014", E,
    "'{text}' is not a number",
    "fill in a number only (e.g. 12,5), without a unit or remark",
    id=(
        "'{text}' bukan angka",
        "isi dengan angka saja (contoh 12,5), tanpa satuan atau keterangan",
    ),
)
RET_FORMULA_IN_INPUT = _define(
    "RET015", W,
    "an input cell holds a formula, not a value{detail}",
    "type the value directly (copy, then Paste Special > Values)",
    id=(
        "sel isian berisi rumus, bukan nilai{detail}",
        "ketik nilainya langsung (salin lalu Tempel Khusus > Nilai)",
    ),
)
RET_SIZE_LIE = _define(
    "RET016", E,
    "the size of part {entry} in the archive is implausible (the file was tampered with)",
    "save the original kit again as .xlsx and send it again",
    id=(
        "ukuran bagian {entry} dalam arsip tidak masuk akal (berkas dimanipulasi)",
        "simpan ulang kit asli sebagai .xlsx dan kirim ulang",
    ),
)
RET_NOT_SPREADSHEET = _define(
    "RET017", E,
    "the file is {what}, not a spreadsheet workbook",
    "send the filled .xlsx kit, not another document",
    id=(
        "berkas adalah {what}, bukan buku kerja lembar kerja",
        "kirim kit .xlsx yang sudah diisi, bukan dokumen lain",
    ),
)
RET_LINK = _define(
    "RET018", E, "a link ({what}) in the returned folder; it was not opened",
    "copy the returned file itself into the folder, not a link or shortcut to it",
    id=("tautan ({what}) di folder kiriman; tidak dibuka",
        "salin berkas kiriman itu sendiri ke folder, bukan tautan atau pintasan ke berkas"),
)
RET_NOT_REGULAR = _define(
    "RET019", E, "not a regular file ({what}); it was not opened",
    "put only the returned files into the folder",
    id=("bukan berkas biasa ({what}); tidak dibuka",
        "taruh hanya berkas kiriman di folder ini"),
)

# --- returned workbooks: verification and merge (MRG) ----------------------------------
MRG_NO_IDENTITY = _define(
    "MRG001", E,
    "kit identity not found (data retyped into a new workbook?)",
    "fill in the original kit downloaded for this cycle; do not copy its content into a new file",
    id=(
        "identitas kit tidak ditemukan (data diketik ulang di buku kerja baru?)",
        "isi kit asli yang diunduh untuk siklus ini; jangan menyalin isinya ke berkas baru",
    ),
)
MRG_UNKNOWN_KIT = _define(
    "MRG002", E,
    "kit '{kit}' is not among the merged definitions",
    "make sure this file is a kit of this office; download the right kit",
    id=(
        "kit '{kit}' tidak dikenal dalam definisi yang digabung",
        "pastikan berkas ini kit dari kantor ini; unduh kit yang benar",
    ),
)
MRG_WRONG_CYCLE = _define(
    "MRG003", E,
    "kit of cycle {found}, not {expected}",
    "fill in the kit of cycle {expected} (this file is a kit of another period)",
    id=(
        "kit untuk siklus {found}, bukan {expected}",
        "isi kit siklus {expected} (berkas ini kit periode lain)",
    ),
)
MRG_WRONG_UNIT = _define(
    "MRG004", E,
    "unit '{unit}' is not listed in kit '{kit}'",
    "use the kit sent for your unit",
    id=(
        "unit '{unit}' tidak terdaftar dalam kit '{kit}'",
        "gunakan kit yang dikirim untuk unit Anda",
    ),
)
MRG_SCHEMA_MAPPED = _define(
    "MRG005", W,
    "the kit uses the old schema version {found} (now {expected}); mapped automatically",
    "use the latest kit version next time",
    id=(
        "kit memakai versi skema lama {found} (sekarang {expected}); dipetakan otomatis",
        "gunakan kit versi terbaru pada pengiriman berikutnya",
    ),
)
MRG_SCHEMA_OLD = _define(
    "MRG006", E,
    "the kit uses schema version {found}, which cannot be mapped to {expected}",
    "download this cycle's latest kit and fill it in again",
    id=(
        "kit memakai versi skema {found}, yang tidak dapat dipetakan ke {expected}",
        "unduh kit terbaru siklus ini dan isi ulang",
    ),
)
MRG_TAMPERED = _define(
    "MRG007", E,
    "a locked part of the kit was changed ({detail})",
    "fill in the original kit again; do not change titles, indicators, targets, rows or sheet "
    "names",
    id=(
        "bagian kit yang dikunci telah diubah ({detail})",
        "isi ulang kit asli; jangan mengubah judul, indikator, target, baris atau nama lembar",
    ),
)
MRG_SIGNATURE = _define(
    "MRG008", E,
    "the kit's digital signature does not match",
    "use the original kit sent by the office; do not make your own kit",
    id=(
        "tanda tangan digital kit tidak cocok",
        "gunakan kit asli yang dikirim kantor; jangan membuat kit sendiri",
    ),
)
MRG_REQUIRED = _define(
    "MRG009", E,
    "{field} is required",
    "fill in {field} in this cell",
    id=(
        "{field} wajib diisi",
        "isi {field} pada sel ini",
    ),
)
MRG_RANGE = _define(
    "MRG010", E,
    "{field} is {value}, outside the range {low} to {high}",
    "check the typed number",
    id=(
        "{field} bernilai {value}, di luar rentang {low} s.d. {high}",
        "periksa angka yang diketik",
    ),
)
MRG_BAD_DATE = _define(
    "MRG011", E,
    "'{text}' is not a valid date",
    "write a date like 15-04-2026",
    id=(
        "'{text}' bukan tanggal yang sah",
        "tulis tanggal seperti 15-04-2026",
    ),
)
MRG_CACHED_DIFFERS = _define(
    "MRG012", W,
    "{field} reads {cached}, recomputed {computed} (formula overwritten?)",
    "do not type into formula cells; the recomputed value is used in the rekap",
    id=(
        "{field} tertulis {cached}, hasil hitung ulang {computed} (rumus ditimpa?)",
        "jangan mengetik di sel rumus; nilai hitung ulang yang dipakai dalam rekap",
    ),
)
MRG_DUPLICATE = _define(
    "MRG013", W,
    "same content as {other}; counted once",
    "nothing to do",
    id=(
        "isi sama persis dengan {other}; dihitung sekali",
        "tidak perlu tindakan",
    ),
)
MRG_SUPERSEDED = _define(
    "MRG014", W,
    "superseded by the newer return {other} (dated {date})",
    "nothing to do; the latest return is used",
    id=(
        "digantikan oleh kiriman yang lebih baru {other} (tanggal {date})",
        "tidak perlu tindakan; kiriman terbaru yang dipakai",
    ),
)
MRG_CONFLICT = _define(
    "MRG015", E,
    "two different returns with the same date {date}: {other}",
    "send one final kit only, with the right filling date",
    id=(
        "dua kiriman berbeda bertanggal sama {date}: {other}",
        "kirim satu kit final saja dengan tanggal pengisian yang benar",
    ),
)
MRG_NOT_RETURNED = _define(
    "MRG016", E,
    "kit not returned yet",
    "fill in and send the kit before the deadline {deadline}",
    id=(
        "kit belum dikembalikan",
        "isi dan kirim kit sebelum batas waktu {deadline}",
    ),
)
MRG_OVER_BUDGET = _define(
    "MRG017", E,
    "budget realisation {value} is over the pagu {pagu}",
    "check the budget realisation",
    id=(
        "realisasi anggaran {value} melebihi pagu {pagu}",
        "periksa kembali realisasi anggaran",
    ),
)
MRG_PERCENT_FRACTION = _define(
    "MRG018", W,
    "{field} is {value}; did you mean {percent}%?",
    "for a percent unit write the percentage (e.g. 85, not 0,85 or 85%)",
    id=(
        "{field} bernilai {value}; apakah maksudnya {percent}%?",
        "untuk satuan persen tulis angka persennya (contoh 85, bukan 0,85 atau 85%)",
    ),
)
MRG_QUARTER_STATUS = _define(
    "MRG019", W,
    "this unit's {cycle} data has status '{verdict}'",
    "see the {cycle} verification report and send the correction",
    id=(
        "data {cycle} unit ini berstatus '{verdict}'",
        "lihat laporan verifikasi {cycle} dan kirim perbaikannya",
    ),
)
MRG_QUARTER_MISSING = _define(
    "MRG020", W,
    "the {cycle} merge result does not exist yet; the {target} rekap is computed without that "
    "quarter",
    "run `sop-docs kit merge --cycle {cycle}` first",
    id=(
        "hasil gabungan {cycle} belum ada; rekap {target} dihitung tanpa triwulan itu",
        "jalankan `sop-docs kit merge --cycle {cycle}` lebih dulu",
    ),
)
MRG_NO_KIT = _define(
    "MRG021", E,
    "no kit definition holds cycle {cycle}",
    "check --cycle and the kit definition files",
    id=(
        "tidak ada definisi kit yang memuat siklus {cycle}",
        "periksa --cycle dan berkas definisi kit",
    ),
)
MRG_TOO_LONG = _define(
    "MRG022", E,
    "{field} holds {length} characters, over the limit of {limit}",
    "shorten the text; details can be attached as bukti dukung",
    id=(
        "{field} berisi {length} karakter, melebihi batas {limit}",
        "persingkat teksnya; rincian dapat dilampirkan sebagai bukti dukung",
    ),
)
MRG_NIP = _define(
    "MRG023", W,
    "NIP '{nip}' is not 18 digits",
    "write an 18-digit NIP, e.g. 19750312 200003 1 004",
    id=(
        "NIP '{nip}' tidak terdiri dari 18 digit",
        "tulis NIP 18 digit, contoh 19750312 200003 1 004",
    ),
)
MRG_IMPLAUSIBLE = _define(
    "MRG024", E, "{field} at {cell} is {value}, outside the plausible bound {bound}",
    "check the figure typed (a slip of digits?); if it is right, widen 'batas_wajar' of the "
    "indicator in the kit definition",
    id=("{field} di {cell} bernilai {value}, di luar batas wajar {bound}",
        "periksa angka yang diketik (salah ketik digit?); bila benar, minta penyusun kit "
        "melonggarkan 'batas_wajar' indikator ini"),
)
MRG_ATTENTION = _define(
    "MRG025", W, "{cycle}: {count} unit(s) need attention: {units}",
    "see the verification report {report}; the rekap counts only lengkap units",
    id=("{cycle}: {count} unit perlu perhatian: {units}",
        "lihat laporan verifikasi {report}; rekap hanya menghitung unit berstatus lengkap"),
)
MRG_OTHER_KIT_BROKEN = _define(
    "MRG026", W, "another kit definition could not be loaded: {message}",
    "fix that definition before merging its own cycle; this merge does not use it",
    id=("definisi kit lain tidak dapat dimuat: {message}",
        "perbaiki definisi itu sebelum menggabung siklusnya; penggabungan ini tidak memakainya"),
)

# --- Word renderer (DOCX) --------------------------------------------------------------
DOCX_IMAGE = _define(
    "DOCX001", W,
    "image {path} left out of the .docx: {reason}",
    "give a readable PNG, JPEG or GIF file as the profile's logo",
    id=(
        "gambar {path} tidak dimasukkan ke .docx: {reason}",
        "berikan berkas PNG, JPEG atau GIF yang terbaca sebagai logo profil",
    ),
)

# --- official sheet: layout, SVG and PDF (SHT) ------------------------------------------
SHT_TEXT_SHRUNK = _define(
    "SHT001", W,
    "step '{id}': the {field} text is too long for one page; printed at {size} pt",
    "shorten the text, or move detail into keterangan or a separate document",
    id=(
        "langkah '{id}': teks {field} terlalu panjang untuk satu halaman; dicetak {size} pt",
        "persingkat teksnya, atau pindahkan rincian ke keterangan atau dokumen terpisah",
    ),
)
SHT_TEXT_CUT = _define(
    "SHT002", W,
    "step '{id}': the {field} text does not fit one page even at {size} pt and was cut (ends with "
    "…)",
    "shorten the text; a step's row must fit on one page",
    id=(
        "langkah '{id}': teks {field} tidak muat satu halaman bahkan pada {size} pt dan dipotong "
        "(berakhir dengan …)",
        "persingkat teksnya; baris sebuah langkah harus muat dalam satu halaman",
    ),
)
SHT_UNKNOWN_TARGET = _define(
    "SHT003", E,
    "step '{id}' flows to unknown step '{ref}'; no connector drawn",
    "fix 'ke' or 'cabang' (run `sop-docs check` for details)",
    id=(
        "langkah '{id}' mengalir ke langkah '{ref}' yang tidak dikenal; konektor tidak digambar",
        "perbaiki 'ke' atau 'cabang' (jalankan `sop-docs check` untuk rinciannya)",
    ),
)
SHT_UNKNOWN_ACTOR = _define(
    "SHT004", W,
    "step '{id}' names unknown pelaksana '{ref}'; its symbol is left out there",
    "declare the pelaksana or fix the id (run `sop-docs check`)",
    id=(
        "langkah '{id}' menyebut pelaksana '{ref}' yang tidak dikenal; simbolnya tidak digambar "
        "di sana",
        "deklarasikan pelaksana itu atau perbaiki id-nya (jalankan `sop-docs check`)",
    ),
)
SHT_NARROW_COLUMNS = _define(
    "SHT005", W,
    "{count} pelaksana columns are only {width} mm wide on {paper} {orientation}",
    "use F4 landscape (tata_letak: {{kertas: F4, orientasi: lanskap}}) or fewer pelaksana",
    id=(
        "{count} kolom pelaksana hanya selebar {width} mm pada {paper} {orientation}",
        "pakai F4 lanskap (tata_letak: {{kertas: F4, orientasi: lanskap}}) atau kurangi pelaksana",
    ),
)
SHT_IDENTITY_CUT = _define(
    "SHT006", W,
    "identity page text too long for the page and cut: {fields}",
    "shorten these fields",
    id=(
        "teks halaman identitas terlalu panjang dan dipotong: {fields}",
        "persingkat isian ini",
    ),
)
SHT_LOGO = _define(
    "SHT007", W,
    "logo {path} left out of the sheet: {reason}",
    "give a readable PNG or JPEG file as the profile's logo (path relative to the profile)",
    id=(
        "logo {path} tidak dimasukkan ke lembar SOP: {reason}",
        "berikan berkas PNG atau JPEG yang terbaca sebagai logo profil (jalur relatif terhadap "
        "profil)",
    ),
)
SHT_RENDER_FAILED = _define(
    "SHT008", E,
    "could not render {format} for SOP '{id}': {reason}",
    "this is a bug in sop-docs; please report it with the SOP source",
    id=(
        "tidak dapat membuat {format} untuk SOP '{id}': {reason}",
        "ini kesalahan sop-docs; laporkan beserta sumber SOP-nya",
    ),
)
SHT_PREVIEW = _define(
    "SHT009", W,
    "no PNG preview of {path}: {reason}",
    "install the test extras (`pip install -e '.[test]'`) for pypdfium2",
    id=(
        "tidak ada pratinjau PNG untuk {path}: {reason}",
        "pasang pustaka pengujian (`pip install -e '.[test]'`) untuk pypdfium2",
    ),
)
SHT_UNKNOWN_FORMAT = _define(
    "SHT010", E,
    "unknown output format '{name}'",
    "choose from: {known}",
    id=(
        "format keluaran '{name}' tidak dikenal",
        "pilih dari: {known}",
    ),
)
SHT_LABEL_CUT = _define(
    "SHT011", W,
    "step '{id}': the exit label '{label}' does not fit beside its exit and was printed as "
    "'{printed}'",
    "shorten the label (cabang label), or give the pelaksana columns more room (fewer "
    "pelaksana, landscape paper)",
    id=(
        "langkah '{id}': label cabang '{label}' tidak muat di samping jalurnya dan dicetak "
        "'{printed}'",
        "persingkat label cabang, atau beri kolom pelaksana ruang lebih (pelaksana lebih "
        "sedikit, kertas lanskap)",
    ),
)

# --- Graphviz swimlane diagram (SWL) ----------------------------------------------------
SWL_DOT_MISSING = _define(
    "SWL001", E,
    "Graphviz program 'dot' not found; swimlane diagram of '{id}' not drawn",
    "install it: apt-get install graphviz (the .dot source is written without it)",
    id=(
        "program Graphviz 'dot' tidak ditemukan; diagram swimlane '{id}' tidak digambar",
        "pasang dengan: apt-get install graphviz (sumber .dot tetap ditulis tanpanya)",
    ),
)
SWL_DOT_FAILED = _define(
    "SWL002", E,
    "Graphviz 'dot' could not draw {file}: {reason}",
    "this is a bug in sop-docs; please report it with the {dot} file",
    id=(
        "Graphviz 'dot' tidak dapat menggambar {file}: {reason}",
        "ini kesalahan sop-docs; laporkan beserta berkas {dot}",
    ),
)

# --- reference site (SIT) ---------------------------------------------------------------
SIT_MKDOCS = _define(
    "SIT001", E,
    "mkdocs reports: {message}",
    "the site was not built: fix the folder or setting the message names; a problem in a "
    "generated page or mkdocs.yml is a bug in sop-docs, please report it",
    id=(
        "laporan mkdocs: {message}",
        "situs tidak dibangun: perbaiki folder atau pengaturan yang disebut pesan itu; masalah "
        "pada halaman yang dibuat atau mkdocs.yml adalah kesalahan sop-docs, mohon laporkan",
    ),
)
SIT_WRITE_FAILED = _define(
    "SIT002", E,
    "could not write the site into {path}: {reason}",
    "check that the output folder is writable and not open in another program",
    id=(
        "tidak dapat menulis situs ke {path}: {reason}",
        "pastikan folder keluaran dapat ditulis dan tidak sedang dibuka program lain",
    ),
)

# --- SOP studio (STD) -------------------------------------------------------------------
STD_OUTSIDE = _define(
    "STD001", E,
    "'{path}' is not a source file of this project",
    "open SOPs and profiles from the studio's list",
    id=(
        "'{path}' bukan berkas sumber proyek ini",
        "buka SOP dan profil dari daftar di studio",
    ),
)
STD_CHANGED_ON_DISK = _define(
    "STD002", E,
    "{path} changed on disk since it was opened; nothing was saved",
    "reload the file (your unsaved edits are shown until then), then make the edit again",
    id=(
        "{path} berubah di disk sejak dibuka; tidak ada yang disimpan",
        "muat ulang berkas (suntingan yang belum disimpan tetap tampil sampai itu), lalu "
        "ulangi suntingan",
    ),
)
STD_READ_ONLY = _define(
    "STD003", W,
    "the form cannot show {path} faithfully, so it opens read-only: {reason}",
    "fix the file in a text editor (run `sop-docs check`), then reload it in the studio",
    id=(
        "formulir tidak dapat menampilkan {path} dengan setia, jadi dibuka hanya-baca: {reason}",
        "perbaiki berkas di penyunting teks (jalankan `sop-docs check`), lalu muat ulang di "
        "studio",
    ),
)
STD_NOT_FAITHFUL = _define(
    "STD004", E,
    "the edit of {path} could not be written so that it reads back the same; nothing was saved",
    "this is a bug in sop-docs; please report it with the source file",
    id=(
        "suntingan {path} tidak dapat ditulis sehingga terbaca sama; tidak ada yang disimpan",
        "ini kesalahan sop-docs; mohon laporkan beserta berkas sumbernya",
    ),
)
STD_BAD_REQUEST = _define(
    "STD005", E,
    "the studio refused a request: {reason}",
    "reload the studio page; start `sop-docs studio` again if it keeps happening",
    id=(
        "studio menolak permintaan: {reason}",
        "muat ulang halaman studio; jalankan lagi `sop-docs studio` bila terus terjadi",
    ),
)

# --- published revisions and their archive (PUB) -----------------------------------------
PUB_CHANGED = _define(
    "PUB001", E,
    "archived file {name} of '{sop}' revision {revisi} was changed after publishing "
    "(sha256 differs from the manifest)",
    "a published revision is frozen: restore the file from a backup (or git); to change "
    "the SOP, edit its source and publish a new revision",
    id=(
        "berkas arsip {name} milik '{sop}' revisi {revisi} berubah setelah diterbitkan "
        "(sha256 tidak sama dengan manifes)",
        "revisi yang sudah terbit dibekukan: pulihkan berkas dari cadangan (atau git); untuk "
        "mengubah SOP, sunting sumbernya lalu terbitkan revisi baru",
    ),
)
PUB_MISSING = _define(
    "PUB002", E, "archived file {name} of '{sop}' revision {revisi} is missing",
    "restore it from a backup (or git); an archived revision must stay complete",
    id=(
        "berkas arsip {name} milik '{sop}' revisi {revisi} hilang",
        "pulihkan dari cadangan (atau git); revisi yang diarsipkan harus tetap lengkap",
    ),
)
PUB_EXTRA = _define(
    "PUB003", E, "file {name} was added to '{sop}' revision {revisi} after publishing",
    "remove it: an archived revision holds only what was published",
    id=(
        "berkas {name} ditambahkan ke '{sop}' revisi {revisi} setelah diterbitkan",
        "hapus berkas itu: revisi yang diarsipkan hanya memuat apa yang diterbitkan",
    ),
)
PUB_MANIFEST = _define(
    "PUB004", E, "archive manifest {path} cannot be read: {reason}",
    "restore it from a backup (or git); never edit a manifest by hand",
    id=(
        "manifes arsip {path} tidak dapat dibaca: {reason}",
        "pulihkan dari cadangan (atau git); jangan menyunting manifes dengan tangan",
    ),
)
PUB_STRAY = _define(
    "PUB005", W, "{path} is not an archived revision (expected a folder rev-<n>)",
    "move it out of the archive folder",
    id=(
        "{path} bukan revisi yang diarsipkan (seharusnya folder rev-<n>)",
        "pindahkan keluar dari folder arsip",
    ),
)
PUB_MISFILED = _define(
    "PUB006", E, "the manifest names '{sop}' revision {revisi} but sits in {folder}",
    "restore the folder name or the manifest from a backup (or git)",
    id=(
        "manifes menyebut '{sop}' revisi {revisi} tetapi berada di {folder}",
        "pulihkan nama folder atau manifesnya dari cadangan (atau git)",
    ),
)
PUB_DATE_BACKWARDS = _define(
    "PUB007", E,
    "revision {revisi} of '{sop}' is dated {tanggal}, before revision {previous} ({before})",
    "a later revision cannot come into force before an earlier one; restore the archive",
    id=(
        "revisi {revisi} '{sop}' bertanggal {tanggal}, sebelum revisi {previous} ({before})",
        "revisi yang lebih baru tidak dapat berlaku sebelum revisi yang lebih lama; "
        "pulihkan arsipnya",
    ),
)
PUB_REVISION_BACKWARDS = _define(
    "PUB008", E,
    "the source is at revision {revisi}, behind revision {latest} already published",
    "revision numbers only go up: the next revision of this SOP is {next}",
    id=(
        "sumber berada pada revisi {revisi}, di belakang revisi {latest} yang sudah terbit",
        "nomor revisi hanya boleh naik: revisi berikutnya SOP ini adalah {next}",
    ),
)
PUB_RIWAYAT_MISSING = _define(
    "PUB009", E, "riwayat_revisi has no entry for published revision {revisi} ({tanggal})",
    "add {{nomor: {revisi}, tanggal: {tanggal}, perubahan: ...}} to riwayat_revisi",
    id=(
        "riwayat_revisi tidak memuat revisi {revisi} ({tanggal}) yang sudah terbit",
        "tambahkan {{nomor: {revisi}, tanggal: {tanggal}, perubahan: ...}} ke riwayat_revisi",
    ),
)
PUB_RIWAYAT_DATE = _define(
    "PUB010", E, "riwayat_revisi dates revision {revisi} {found}; the archive says {tanggal}",
    "write the date the revision was published: {tanggal}",
    id=(
        "riwayat_revisi memberi revisi {revisi} tanggal {found}; arsip mencatat {tanggal}",
        "tulis tanggal revisi itu diterbitkan: {tanggal}",
    ),
)
PUB_RIWAYAT_EXTRA = _define(
    "PUB011", E, "riwayat_revisi lists revision {revisi}, which was never published",
    "remove the entry, or publish revisions in order with `sop-docs publish`",
    id=(
        "riwayat_revisi mencantumkan revisi {revisi} yang tidak pernah diterbitkan",
        "hapus entri itu, atau terbitkan revisi berurutan dengan `sop-docs publish`",
    ),
)
PUB_UNKNOWN_SOP = _define(
    "PUB012", E, "no SOP with id '{id}' in this project", "{hint}",
    id=("tidak ada SOP dengan id '{id}' dalam proyek ini", "{hint}"),
)
PUB_NOT_CLEAN = _define(
    "PUB013", E, "'{id}' does not pass `check --strict` ({count} problems above)",
    "fix every error and warning of this SOP, then publish again",
    id=(
        "'{id}' belum lolos `check --strict` ({count} masalah di atas)",
        "perbaiki setiap galat dan peringatan SOP ini, lalu terbitkan lagi",
    ),
)
PUB_DRAFT = _define(
    "PUB014", E, "'{id}' is a draft (status: draf) and cannot be published",
    "set 'status: berlaku' once the SOP is signed",
    id=(
        "'{id}' masih draf (status: draf) sehingga tidak dapat diterbitkan",
        "ubah menjadi 'status: berlaku' setelah SOP ditandatangani",
    ),
)
PUB_EXISTS = _define(
    "PUB015", E, "revision {revisi} of '{id}' is already archived in {path}",
    "an archived revision is never overwritten; publish the next revision instead",
    id=(
        "revisi {revisi} '{id}' sudah diarsipkan di {path}",
        "revisi yang diarsipkan tidak pernah ditimpa; terbitkan revisi berikutnya",
    ),
)
PUB_UNCHANGED = _define(
    "PUB016", E, "the source of '{id}' is unchanged since revision {revisi}",
    "edit the SOP before publishing a new revision",
    id=(
        "sumber '{id}' tidak berubah sejak revisi {revisi}",
        "sunting SOP-nya dulu sebelum menerbitkan revisi baru",
    ),
)
PUB_NEEDS_RIWAYAT = _define(
    "PUB017", E, "riwayat_revisi has no entry for revision {revisi}, which is being published",
    "add {{nomor: {revisi}, tanggal: ..., perubahan: ...}}, or let "
    "`sop-docs publish {id} --isi-perubahan` write it from the computed changes",
    id=(
        "riwayat_revisi belum memuat revisi {revisi} yang akan diterbitkan",
        "tambahkan {{nomor: {revisi}, tanggal: ..., perubahan: ...}}, atau biarkan "
        "`sop-docs publish {id} --isi-perubahan` menulisnya dari perubahan yang dihitung",
    ),
)
PUB_REVISION_GAP = _define(
    "PUB018", E, "the source names revision {revisi}, but the next revision is {next}",
    "number revisions one after another: write {next}",
    id=(
        "sumber menyebut revisi {revisi}, padahal revisi berikutnya adalah {next}",
        "beri nomor revisi berurutan: tulis {next}",
    ),
)
PUB_DATE_BEFORE = _define(
    "PUB019", E, "date {tanggal} is before revision {previous} ({before})",
    "a new revision comes into force on or after the previous one",
    id=(
        "tanggal {tanggal} mendahului revisi {previous} ({before})",
        "revisi baru berlaku pada atau setelah tanggal revisi sebelumnya",
    ),
)
PUB_NO_REVISION = _define(
    "PUB020", E, "'{id}' has no archived revision {revisi}", "archived revisions: {known}",
    id=("'{id}' tidak memiliki revisi {revisi} dalam arsip", "revisi dalam arsip: {known}"),
)
PUB_BAD_DATE = _define(
    "PUB021", E, "'{text}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-12-05",
    id=("'{text}' bukan tanggal", "tulis sebagai TTTT-BB-HH, contoh 2026-12-05"),
)


def make(code: Code, location: Location, **fields: object) -> Diagnostic:
    """Build a diagnostic from a catalogue entry, filling its message and hint templates in
    the language of the run."""
    message, hint = code.texts(current(), fields)
    return Diagnostic(code.code, code.severity, message, hint, location, fields)


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
