"""A first, defensive look at a file in the returns folder, before any spreadsheet parsing.

Files in the returns folder come from outside: they are fingerprinted (SHA-256, size,
modification time) and sniffed by content, never by extension, so an encrypted workbook, an
old .xls, an .ods, a Word document, a macro-enabled or Strict Open XML workbook, a damaged
zip or a zip bomb is refused here with a located reason. Only a plain .xlsx passes on to the
values reader. XML we parse ourselves goes through defusedxml.

Folder policy (`files_in_returns_folder`): Office and LibreOffice lock files (`~$x.xlsx`,
`.~lock.x.xlsx#`) are skipped with a warning, because they mean a return is open somewhere;
system clutter (`.DS_Store`, `Thumbs.db`, `desktop.ini`, other dot files) and folders are
ignored silently, except a folder named like a workbook (`x.xlsx`), which is listed; a link
to anything outside the folder is listed and never followed; every other file is read, so a PDF or Word document an agency sent instead
of its workbook is reported as rejected rather than silently passed over.
"""

from __future__ import annotations

import collections
import errno
import functools
import hashlib
import io
import operator
import os
import posixpath
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from defusedxml import ElementTree as SafeET

from ehwb_excel.excel.signatures import OLE_SIGNATURE, ZIP_SIGNATURES
from ehwb_excel.files import encryption
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.excel.cell_text import ILLEGAL_CHARACTERS, without_illegal_characters
from ehwb_excel.excel.limits import shortened
from ehwb_excel.problems.location import Location, cell_name, has_undecodable_bytes, quoted
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.core_properties import saved_in
from ehwb_excel.returns.long_texts import long_texts
from ehwb_excel.returns.sheet_parts import missing_sheet_problem, sheet_parts

EXCEL_DEFAULT_PASSWORD = "VelvetSweatshop"  # Excel opens files encrypted with it without asking

# Limits far above any real return (the default audit's largest return is ~60 KB zipped,
# ~1 MB unzipped) and far below what would exhaust memory.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_ENTRIES = 5_000
MAX_RATIO = 200  # unzipped / zipped bytes of the whole package; text XML rarely exceeds ~30
# The values reader makes each sheet a dense grid from A1 to its last cell: one value in
# XFD1048576 of a 5 KB file would need 17 billion cells (python-calamine then aborts the
# whole process, which no try/except can catch). A default return spans about 10 x 120.
MAX_SHEET_CELLS = 2_000_000
MAX_WORKBOOK_CELLS = 4_000_000  # all sheets' grids together (a default return: about 10,000)

CONTENT_TYPES = "[Content_Types].xml"
WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xltx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xltm",
    "application/vnd.ms-excel.addin.macroEnabled.main+xml": "xlam",
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": "xlsb",
}
OTHER_OFFICE_TYPES = {
    "wordprocessingml": "a Word document",
    "presentationml": "a PowerPoint presentation",
}
# Content types of parts that hold code, in lower case: VBA projects, ActiveX controls, Excel 4 macro sheets.
MACRO_CONTENT_TYPES = ("vbaproject", "activex", "macrosheet")
STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/"
OPENDOCUMENT_SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"

IGNORED_NAMES = {"thumbs.db", "desktop.ini"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}  # a folder named so was meant to be a return


class FileKind(str, Enum):
    """What a file turned out to be, by content."""

    XLSX = "xlsx"  # a plain Open XML workbook: the only kind that is read further
    OTHER = "other"  # anything refused (see the problems)


@dataclass(frozen=True)
class FileFacts:
    """What is known about a file before parsing it: fingerprint, origin, and any refusal."""

    path: Path
    file_name: str
    sha256: str
    size: int
    modified: datetime | None  # file system modification time, UTC
    application: str = ""  # "Microsoft Excel 16.0300", "LibreOffice/7.4.7.2"; "" when not recorded
    saved_at: datetime | None = None  # the workbook's own last-saved time (docProps/core.xml), UTC; None when not recorded or refused
    kind: FileKind = FileKind.OTHER
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    content: bytes = field(default=b"", repr=False, compare=False)  # the bytes hashed: the reader reads these, not the file again
    # (sheet, cell) -> the whole text of a cell holding more than a cell can, measured in the XML (see long_texts)
    long_texts: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def readable(self) -> bool:
        """True when the values reader may open the file."""
        return self.kind is FileKind.XLSX and not any(p.type.rejects_file for p in self.problems)


# -- folder ------------------------------------------------------------------------------


def is_lock_file(name: str) -> bool:
    """True for `~$Return.xlsx` (Excel, Word) and `.~lock.Return.xlsx#` (LibreOffice)."""
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


def is_ignored(name: str) -> bool:
    """True for system clutter that is never a return (.DS_Store, Thumbs.db, desktop.ini)."""
    return (name.startswith(".") and not is_lock_file(name)) or name.casefold() in IGNORED_NAMES


def lock_file_problem(path: str | os.PathLike) -> Problem:
    """The warning for a lock file: which return it belongs to and which application left it."""
    name = os.path.basename(os.fspath(path))
    if name.startswith("~$"):
        return ret.LOCK_FILE(Location.of(path), application="Excel", original=name[2:] + " (or a file whose name ends so)")
    return ret.LOCK_FILE(Location.of(path), application="LibreOffice", original=name[len(".~lock.") : -1])


def files_in_returns_folder(folder: str | os.PathLike) -> tuple[list[Path], list[Problem]]:
    """The files to read, in name order, and a warning for each lock file, link or workbook-named folder skipped.

    A link (symlink) is followed only to a file inside the folder: one pointing elsewhere
    (another folder, /etc/passwd) or to nothing is listed and never opened, so nothing
    outside the returns folder is read or fingerprinted.
    """
    to_read: list[Path] = []
    skipped: list[Problem] = []
    inside = Path(folder).resolve()
    for path in sorted(Path(folder).iterdir(), key=lambda p: p.name.casefold()):
        if is_ignored(path.name):
            continue
        if path.is_symlink() and not _links_inside(path, inside):
            skipped.append(ret.LINK_NOT_FOLLOWED(Location.of(path)))
            continue
        try:
            mode = path.stat().st_mode
        except OSError:  # gone meanwhile, or not ours to look at: reading it says which
            to_read.append(path)
            continue
        if stat.S_ISDIR(mode):
            if path.suffix.casefold() in WORKBOOK_SUFFIXES:
                skipped.append(ret.FOLDER_SKIPPED(Location.of(path)))  # an unzipped or mis-saved return
            continue
        if not stat.S_ISREG(mode):
            skipped.append(ret.NOT_A_REGULAR_FILE(Location.of(path), what=special_file_kind(mode)))  # opening a pipe waits forever
        elif is_lock_file(path.name):
            skipped.append(lock_file_problem(path))
        else:
            to_read.append(path)
    return to_read, skipped


def special_file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in a coordinator's words ("a named pipe")."""
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a disk device"), (stat.S_ISSOCK, "a socket"))
    return next((what for test, what in kinds if test(mode)), "a special file")


def _links_inside(link: Path, folder: Path) -> bool:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop of links
        return False
    return target.is_file() and target.parent == folder


# -- one file ----------------------------------------------------------------------------


def look_at_file(path: str | os.PathLike, password: str | None = None) -> FileFacts:
    """Fingerprint and sniff one file; never raises for bad content (an unreadable path does).

    With `password`, an encrypted workbook is decrypted in memory (never on disk) and looked at
    as the workbook inside; its SHA-256 stays that of the file as received.
    """
    path = Path(path)
    facts = _look_at_file(path, password)
    if has_undecodable_bytes(path.name):  # read as usual; named with its odd bytes shown as \xe9
        facts = replace(facts, problems=(ret.FILE_NAME_NOT_TEXT(Location.of(path)), *facts.problems))
    return facts


def _look_at_file(path: Path, password: str | None = None) -> FileFacts:
    where = Location.of(path)
    found = read_regular_file(path, MAX_FILE_BYTES)
    if isinstance(found, str):  # a pipe or device, perhaps swapped in after the folder was listed: never read
        return FileFacts(path=path, file_name=path.name, sha256="", size=0, modified=None,
                         problems=(ret.NOT_A_REGULAR_FILE(where, what=found),))
    data, size, modified_at, digest = found
    facts = functools.partial(FileFacts, path=path, file_name=path.name, size=size, sha256=digest,
                              modified=datetime.fromtimestamp(modified_at, tz=timezone.utc))
    if size > MAX_FILE_BYTES:
        return facts(problems=(ret.TOO_LARGE(where, why=f"{size:,} bytes"),))
    if data.startswith(OLE_SIGNATURE) and password is not None:
        try:
            data = encryption.decrypt(data, password)
        except encryption.WrongPassword as error:
            # an old .xls, a damaged file or one with Excel's default password is said as such, not as a wrong password
            said = _ole_problem(data, where)
            return facts(problems=(ret.WRONG_PASSWORD(where, why=str(error)) if said.type is ret.ENCRYPTED else said,))
    if data.startswith(OLE_SIGNATURE):
        return facts(problems=(_ole_problem(data, where),))
    if not data.startswith(ZIP_SIGNATURES):
        return facts(problems=(ret.NOT_A_WORKBOOK(where, why=_not_a_zip_why(data)),))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = _inflated_parts(package, len(data), where)
            problem, sheets = (parts, {}) if isinstance(parts, Problem) else _package_problem(parts, where)
            saved_at = saved_in(package, parts) if problem is None and not isinstance(parts, Problem) else None
        application, odd = ("", None) if isinstance(parts, Problem) else _application(parts, where)
        long = {} if problem is not None or isinstance(parts, Problem) else long_texts(parts, sheets)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, OSError, KeyError, ValueError, SafeET.ParseError,
            zlib.error, RuntimeError) as error:
        # ValueError covers defusedxml's refusals (entities, DTDs); zlib.error damaged compressed data;
        # RuntimeError an entry flagged as encrypted (zipfile asks for a password: one flipped bit does it)
        return facts(problems=(ret.CORRUPT_WORKBOOK(where, why=f"damaged package: {error}"),))
    if problem is not None:
        return facts(application=application, problems=(problem,))
    return facts(application=application, saved_at=saved_at, kind=FileKind.XLSX, content=data, problems=(odd,) if odd else (), long_texts=long)


def read_regular_file(path: Path, limit: int) -> tuple[bytes, int, float, str] | str:
    """(its first `limit` + 1 bytes, its size, its modification time, the SHA-256 of the whole file) of
    a regular file; what it is instead ("a named pipe") for anything else, which is never read.

    It is looked at before it is opened (opening a device can do things) and opened without
    waiting (opening a pipe waits for a writer), then looked at again: a pipe put in its place
    meanwhile is caught without a read that would hang.
    """
    before = path.stat()
    if stat.S_ISDIR(before.st_mode):  # as opening it would: a folder is unreadable as a file, not a special file
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(before.st_mode):
        return special_file_kind(before.st_mode)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        now = os.fstat(stream.fileno())
        if not stat.S_ISREG(now.st_mode):
            return special_file_kind(now.st_mode)
        digest, kept, size = hashlib.sha256(), [], 0
        while block := stream.read(1 << 20):
            digest.update(block)
            if size <= limit:
                kept.append(block)
            size += len(block)
    return b"".join(kept)[: limit + 1], size, now.st_mtime, digest.hexdigest()


def _not_a_zip_why(data: bytes) -> str:
    if not data:
        return "the file is empty"
    if data.startswith(b"%PDF"):
        return "it is a PDF document"
    if data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<":  # web systems often start a page with a UTF-8 byte-order mark
        return "it is an XML or HTML file (perhaps 'XML Spreadsheet 2003' or a web page)"
    if data.startswith(b"{\\rtf"):
        return "it is a rich-text document"
    if b"\0" not in data[:4096]:
        return "it is a text file"
    return "it is neither an Excel workbook nor a zip package"


def _ole_problem(data: bytes, where: Location) -> Problem:
    """An OLE compound file is an encrypted Open XML workbook or a legacy binary file."""
    import olefile  # comes with msoffcrypto-tool

    try:
        with olefile.OleFileIO(data) as ole:
            encrypted = ole.exists("EncryptedPackage")
            workbook = ole.exists("Workbook") or ole.exists("Book")
            word = ole.exists("WordDocument")
    except Exception as error:  # olefile raises plain OSError/struct errors on damaged files
        return ret.CORRUPT_WORKBOOK(where, why=f"damaged compound file: {error}")
    if encrypted:
        return ret.ENCRYPTED_DEFAULT_PASSWORD(where) if _opens_with_default_password(data) else ret.ENCRYPTED(where)
    if workbook:
        return ret.LEGACY_XLS(where)
    return ret.NOT_A_WORKBOOK(where, why="it is an old-style Word document" if word else "it is an old-style Office file, not a workbook")


def _opens_with_default_password(data: bytes) -> bool:
    """True when the package decrypts with Excel's default password (nothing is kept)."""
    import msoffcrypto

    try:
        office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
        office_file.load_key(password=EXCEL_DEFAULT_PASSWORD, verify_password=True)
        office_file.decrypt(io.BytesIO())
        return True
    except Exception:  # wrong password, unsupported encryption: either way it stays encrypted
        return False


def _package_problem(parts: dict[str, bytes], where: Location) -> tuple[Problem | None, dict[str, str | None]]:
    """Why a zip package (its parts, inflated once by the bomb guard) is not a plain .xlsx we may open (None when it is
    one), and which part holds each sheet ({} when that was not reached)."""
    names = set(parts)
    if "mimetype" in names:
        mimetype = parts["mimetype"].decode("ascii", "replace").strip()
        if mimetype == OPENDOCUMENT_SPREADSHEET:
            return ret.OPEN_DOCUMENT(where), {}
        return ret.NOT_A_WORKBOOK(where, why=f"it is an OpenDocument file ({mimetype})"), {}
    if CONTENT_TYPES not in names:
        return ret.NOT_A_WORKBOOK(where, why="it is a zip archive, not an Office document"), {}
    content_types = SafeET.fromstring(parts[CONTENT_TYPES])
    kind, main_part = _main_part(content_types)
    if kind is None:
        return ret.NOT_A_WORKBOOK(where, why=main_part or "it is an Office package without a workbook"), {}
    macros = sorted(set(_macro_parts(content_types, names)) | {
        n for n in names if posixpath.basename(n).casefold() == "vbaproject.bin" or n.startswith(("xl/macrosheets/", "xl/activeX/"))
    })
    if kind in ("xlsm", "xltm", "xlam", "xlsb") or macros:
        return ret.MACRO_ENABLED(where, why=", ".join(macros) or f"a .{kind} package"), {}
    if main_part not in names:
        return ret.CORRUPT_WORKBOOK(where, why=f"the package names {main_part} but does not contain it"), {}
    workbook = SafeET.fromstring(parts[main_part])
    if _is_strict(workbook):
        return ret.STRICT_OPEN_XML(where), {}
    sheets = sheet_parts(parts, main_part, workbook)  # worked out once: the broken-link check and the long-text measure both use it
    return _declared_count_problem(parts, where) or missing_sheet_problem(sheets, where) or _sheet_size_problem(parts, where), sheets


# The start tag of a shared-strings part and the counts it declares: python-calamine reserves room
# for `uniqueCount` strings up front, and 4x10^18 makes it panic ("capacity overflow").
_SHARED_STRINGS_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst\b[^>]{0,2000}>")
_DECLARED_COUNT = re.compile(rb"""\b(?:count|uniqueCount)\s*=\s*["']\s*\+?(\d+)""")


def _declared_count_problem(parts: dict[str, bytes], where: Location) -> Problem | None:
    """A shared-strings part declaring more strings than any workbook we open can hold (they are counted before anything reads them)."""
    for xml in parts.values():
        start = _SHARED_STRINGS_START.search(xml[:4096]) if xml.find(b"sst", 0, 4096) >= 0 else None  # find: no copy of every part's start
        for digits in _DECLARED_COUNT.findall(start.group()) if start else ():
            declared = int(digits.lstrip(b"0")[:21] or b"0")
            if declared > MAX_WORKBOOK_CELLS:
                return ret.TOO_LARGE(where, why=f"its shared-strings part declares {declared:,} strings, more than its sheets could ever use")
    return None


def _sheet_size_problem(parts: dict[str, bytes], where: Location) -> Problem | None:
    """A sheet whose grid from A1 to its last cell would not fit in memory.

    Every part holding sheet data is scanned, wherever it is: the workbook's relationships
    may put a worksheet at any name ("xl/Worksheets/Sheet2.xml", "xl/x/s.bin"), and the
    reader follows them.
    """
    total = 0
    for name in sorted(parts):
        xml = _as_utf8(parts[name])
        if b"sheetData" not in xml:
            continue
        rows, columns = sheet_extent(xml)
        if rows * columns > MAX_SHEET_CELLS:
            return ret.TOO_LARGE(where, why=f"a sheet has a cell as far out as {cell_name(rows, columns)}; clear the cells beyond the questions")
        total += rows * columns
        if total > MAX_WORKBOOK_CELLS:  # the grids of all sheets are held at once
            return ret.TOO_LARGE(where, why=f"its sheets together span over {MAX_WORKBOOK_CELLS:,} cells; clear the cells beyond the questions")
    return None


# The start of a row or cell element; its attributes run to the next ">" (found with bytes.find,
# so a package full of unclosed "<c" costs one pass, not one pass per "<c").
_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b")
# the reader takes "xfd1048576" and "$XFD$1048576" as XFD1048576 too
_REFERENCE = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]*)\$?(\d*)["']""")


def _as_utf8(data: bytes) -> bytes:
    """XML saved as UTF-16 (it starts with a byte-order mark) re-encoded so the byte patterns find its elements."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace").encode("utf-8")
    return data


# A row or cell element whose `r` reference is within its first 256 characters of attributes;
# the bound keeps a file full of unclosed "<c" one pass long.
_WITH_REFERENCE = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)\b[^>]{0,256}?\br\s*=\s*["']\$?([A-Za-z]*)\$?(\d*)["']""")


# A namespace prefix on a row or cell element ("<x:c"): only the patterns above find such elements.
_PREFIXED_ROW_OR_CELL = re.compile(rb":(?:row|c)\b")
# Every cell and every row element, with its reference when that is within the first 256 characters
# of attributes and no "<" comes before it (then the general scan decides). Each pattern starts
# with its own tag, which the regex engine finds far faster than every "<" of a sheet of text.
_CELL = re.compile(rb"""<c\b(?:[^<>]{0,256}?\br\s*=\s*["']\$?([A-Za-z]*)\$?(\d*)["'])?""")
_ROW = re.compile(rb"""<row\b(?:[^<>]{0,256}?\br\s*=\s*["']\$?[A-Za-z]*\$?(\d*)["'])?""")


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """(last row, last column) any row or cell element of a worksheet reaches, counting
    elements without an `r` reference by position, as readers do (a cheap scan, no parsing)."""
    if not _PREFIXED_ROW_OR_CELL.search(xml):
        # the usual sheet (Excel, LibreOffice, openpyxl): no prefixes, and every element says where it is.
        # Each element the general scan below finds is matched here, with the same reference, so
        # when none lacks one the answer is the one the general scan gives
        cells = _CELL.findall(xml)
        rows = set(_ROW.findall(xml))
        rows.update(map(operator.itemgetter(1), cells))
        columns = set(map(operator.itemgetter(0), cells))
        if b"" not in rows and b"" not in columns:
            return max(map(_row_number, rows), default=0), max(map(_column_number, columns), default=0)
    return _general_extent(xml)


def _general_extent(xml: bytes) -> tuple[int, int]:
    """`sheet_extent` for any sheet: prefixed elements, elements without a reference, "<" inside a tag."""
    found = _WITH_REFERENCE.findall(xml)
    if len(found) == len(_ROW_OR_CELL.findall(xml)) and all(d and (t == b"row" or letters) for t, letters, d in found):
        # every element says where it is (as Excel and LibreOffice write them): the largest
        # numbers are the extent, found in C instead of one Python step per cell
        rows = {d for _, _, d in found}
        columns = {letters for t, letters, _ in found if t == b"c"}
        return max(map(_row_number, rows), default=0), max(map(_column_number, columns), default=0)
    return _extent_by_position(xml)


def _extent_by_position(xml: bytes) -> tuple[int, int]:
    last_row = last_column = row = column = 0
    position = 0
    while match := _ROW_OR_CELL.search(xml, position):
        end = xml.find(b">", match.end())
        if end < 0:
            break  # a tag cut off at the end: nothing after it is an element
        position = end + 1
        reference = _REFERENCE.search(xml, match.end(), end)
        letters, digits = (reference.group(1), reference.group(2)) if reference else (b"", b"")
        if match.group(1) == b"row":
            row, column = (_row_number(digits) if digits else row + 1), 0
        else:
            column = _column_number(letters) if letters else column + 1
            row = _row_number(digits) if digits else row
        last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


_FAR = 10 ** 12  # beyond any sheet; long digit or letter runs stop here instead of making huge integers


def _row_number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 12 else _FAR


def _column_number(letters: bytes) -> int:
    if len(letters) > 8:
        return _FAR
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _inflated_parts(package: zipfile.ZipFile, zipped_bytes: int, where: Location) -> dict[str, bytes] | Problem:
    """Part name -> its inflated bytes; or TOO_LARGE for a zip bomb. Each part is inflated once,
    here: every later check reads these bytes.

    Inflates in blocks and counts, never trusting declared sizes. Reading every part to its
    end also checks each part's CRC, so a damaged package fails here (as BadZipFile) rather
    than halfway through the values reader.
    """
    entries = package.infolist()
    if len(entries) > MAX_ENTRIES:
        return ret.TOO_LARGE(where, why=f"{len(entries):,} parts in the package")
    names = collections.Counter(entry.filename.casefold() for entry in entries)
    if len(names) < len(entries):
        # part names are case-insensitive (Open Packaging Conventions); readers disagree on which of
        # two copies they read, so the one checked here might not be the one the values come from
        twice = next(entry.filename for entry in entries if names[entry.filename.casefold()] > 1)
        return ret.CORRUPT_WORKBOOK(where, why=f"the package holds two parts named {quoted(twice)}, which no application writes")
    total = 0
    parts: dict[str, bytes] = {}
    for entry in entries:
        blocks = []
        with package.open(entry) as stream:
            while block := stream.read(1 << 20):
                total += len(block)
                if total > MAX_UNZIPPED_BYTES:
                    return ret.TOO_LARGE(where, why=f"over {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB once unzipped")
                blocks.append(block)
        parts[entry.filename] = b"".join(blocks)
    if total > 10 * 1024 * 1024 and total > MAX_RATIO * max(zipped_bytes, 1):
        return ret.TOO_LARGE(where, why=f"it unzips to {total // zipped_bytes}x its size")
    return parts


def _main_part(root) -> tuple[str | None, str]:
    """("xlsx", "xl/workbook.xml") for a workbook; (None, why) for other Office packages (`root`: the parsed content types)."""
    others: list[str] = []
    for element in root:
        content_type = element.get("ContentType", "")
        part = element.get("PartName", "").lstrip("/")
        if content_type in WORKBOOK_TYPES:
            return WORKBOOK_TYPES[content_type], part
        others.extend(what for key, what in OTHER_OFFICE_TYPES.items() if key in content_type and content_type.endswith("main+xml"))
    return None, f"it is {others[0]}" if others else ""


def _macro_parts(content_types, names: set[str]) -> list[str]:
    """Parts the package declares as code (VBA, ActiveX, Excel 4 macro sheets), whatever they are called."""
    found = []
    for element in content_types:
        content_type = element.get("ContentType", "").casefold()
        if not any(marker in content_type for marker in MACRO_CONTENT_TYPES):
            continue
        if element.get("PartName"):
            found.append(element.get("PartName").lstrip("/"))
        elif element.get("Extension"):  # a default for every part with that extension
            found.extend(n for n in names if n.casefold().endswith("." + element.get("Extension").casefold()))
    return found


def _is_strict(workbook) -> bool:
    # Strict Open XML uses purl.oclc.org namespaces; openpyxl then loads zero sheets silently (`workbook`: the parsed workbook part)
    return workbook.tag.startswith("{" + STRICT_NAMESPACE)


APPLICATION_MAX = 255  # "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/..." is under 100


def _application(parts: dict[str, bytes], where: Location) -> tuple[str, Problem | None]:
    """Who saved the package, from docProps/app.xml ("" when not recorded: Google Sheets, Numbers), and
    a warning when what it says is not what an application writes (40,000 characters, control characters)."""
    if "docProps/app.xml" not in parts:
        return "", None
    try:
        root = SafeET.fromstring(parts["docProps/app.xml"])
    except (SafeET.ParseError, ValueError):  # ValueError: defusedxml refused entities or a DTD
        return "", ret.PROPERTY_UNUSABLE(where, why="in XML that cannot be read safely (it is damaged, or declares entities)", shown="none")
    values = {element.tag.rsplit("}", 1)[-1]: (element.text or "").strip() for element in root}
    name = application_name(values.get("Application", ""), values.get("AppVersion", ""))
    if len(name) <= APPLICATION_MAX and not ILLEGAL_CHARACTERS.search(name):
        return name, None
    shown = shortened(without_illegal_characters(name), 80)
    why = f"in {len(name):,} characters" if len(name) > APPLICATION_MAX else "with control characters in it"
    return shown, ret.PROPERTY_UNUSABLE(where, why=why, shown=f"'{shown}'")


def application_name(application: str, version: str = "") -> str:
    """docProps/app.xml's Application (and AppVersion) as a coordinator reads it: "Microsoft Excel 16.0300"."""
    if "openpyxl" in application.casefold():
        # "Microsoft Excel Compatible / Openpyxl 3.1.5": a program wrote it, not Excel
        return f"openpyxl {application.rsplit(' ', 1)[-1]} (a Python program)"
    if application.startswith("Microsoft") and version:
        # LibreOffice also writes an AppVersion (15.0000), which is not its own version
        return f"{application} {version}"
    return application.split("$", 1)[0].split(" ", 1)[0] if application.startswith("LibreOffice") else application
