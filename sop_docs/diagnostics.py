"""The one catalogue of problems sop-docs reports, and the Diagnostic record that carries them.

Every stage collects diagnostics instead of raising: a user sees all problems of a run at
once, each located at ``file:line:col`` (sources) or ``sheet!cell`` (workbooks), with a
message and a hint on how to fix it.  Only the CLI turns them into exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is; ``--strict`` promotes warnings to errors."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """One catalogue entry: a stable code, its default severity, a message template and a hint."""

    code: str
    severity: Severity
    message: str
    hint: str


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


def _define(code: str, severity: Severity, message: str, hint: str) -> Code:
    entry = Code(code, severity, message, hint)
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
SRC_BINARY = _define("SRC003", E, "file looks binary, not YAML text", "give a .yaml text file")
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
MOD_BAD_SETTINGS = _define("MOD009", E, "project settings: {message}", "{hint}")

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
    "LNT016", W, "identity field '{field}' is empty", "fill it in before the SOP is signed"
)
LNT_SYMBOL_MISMATCH = _define(
    "LNT017", E, "step '{id}' is marked '{simbol}' but {reason}", "{hint}"
)
LNT_NAME_MISMATCH = _define(
    "LNT018", W, "signatory name differs: '{a}' vs '{b}'", "use one spelling of the name"
)
LNT_FOREIGN_NAME = _define(
    "LNT019", W, "'{found}' names another office than this SOP's ({expected})",
    "check text copied from another office's SOP",
)
LNT_HEADING_TYPO = _define(
    "LNT020", W, "'{found}' looks like a misspelling of '{expected}'", "correct the wording"
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
