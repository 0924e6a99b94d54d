"""Hostile returns of every kind the merge must isolate, each one file made from a good return.

Each kind says what the merge must make of it: the problem code on its one line, words that
line must hold, and whether its answers are merged (a repaired file) or not (a refused one).
Used by the returns tests (one kind at a time) and the acceptance test (all of them in one folder).
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.problem import ProblemType
from tests.merge_helpers import full_answers, real_return
from tests.returns_helpers import rewrite_parts, set_meta

MARK = "HOSTILEMARK"  # typed through openpyxl, then replaced in the XML by what openpyxl would refuse to write


@dataclass(frozen=True)
class Kind:
    build: Callable[[Path, str], Path]  # (folder, file name) -> the file made
    code: ProblemType  # the problem its line carries
    words: str  # in that line's message
    merged: bool  # True: repaired, its answers are merged; False: refused


def _in_xml(path: Path, replacement: bytes) -> Path:
    """`path` with MARK replaced by `replacement` in every part."""
    temporary = path.with_name(path.name + ".part")
    rewrite_parts(path, temporary, lambda name, data: data.replace(MARK.encode(), replacement))
    temporary.replace(path)
    return path


def _good(folder: Path, name: str, answers: dict | None = None, comments: dict | None = None) -> Path:
    return real_return(folder, "CAMHS", answers or full_answers("CAMHS"), name=name, comments=comments)


def long_application(folder: Path, name: str) -> Path:
    path = _good(folder, name)
    temporary = path.with_name(path.name + ".part")
    rewrite_parts(path, temporary, lambda part, data: re.sub(rb"<Application>[^<]*</Application>",
                                                           b"<Application>" + b"A" * 40_000 + b"</Application>", data)
                  if part == "docProps/app.xml" else data)
    temporary.replace(path)
    return path


def long_agency_code(folder: Path, name: str) -> Path:
    return set_meta(_good(folder, name), layout.META_AGENCY, "C" * 40_000)


def escaped_control_in_agency_code(folder: Path, name: str) -> Path:
    return set_meta(_good(folder, name), layout.META_AGENCY, "CAM_x0001_HS")  # readers decode _x0001_ to U+0001


def not_a_character_in_a_comment(folder: Path, name: str) -> Path:
    return _in_xml(_good(folder, name, comments={("Case A", "voice_grade"): f"seen {MARK} twice"}), "\ufffe".encode())


def file_name_not_utf8(folder: Path, name: str) -> Path:
    path = _good(folder, name)
    odd = Path(os.fsdecode(os.fsencode(path.parent) + b"/" + os.fsencode(path.stem) + b"caf\xe9.xlsx"))
    path.rename(odd)
    return odd


def named_pipe(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / name)
    return folder / name


def absurd_shared_strings_count(folder: Path, name: str) -> Path:
    """The first answer made a shared string, in a part declaring 4x10^18 strings (python-calamine panics)."""
    return with_shared_string(_good(folder, name), b"Good", declared=b"4000000000000000000")


def with_shared_string(path: Path, text: bytes, declared: bytes = b"1") -> Path:
    """`path` with its first empty answer cell on Case A made shared string 0, holding `text` (as Excel keeps text)."""
    return with_shared_strings_part(path, b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
                                    b' count="1" uniqueCount="' + declared + b'"><si><t>' + text + b"</t></si></sst>")


def with_shared_strings_part(path: Path, strings: bytes) -> Path:
    """`path` with `strings` as its shared-strings part and its first empty answer cell on Case A made shared string 0."""
    with zipfile.ZipFile(path) as package:
        answers = next(n for n in package.namelist() if n.startswith("xl/worksheets/")
                       and b"Case A" in package.read(n) and layout.COL_QUESTION_ID.encode() in package.read(n))

    def change(part: str, data: bytes) -> bytes:
        if part == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdSS" Target="/xl/sharedStrings.xml" Type='
                                b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>')
        if part == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        # an empty answer cell, as openpyxl writes one (<c r="C12" s="13" t="n"></c>) or Excel does (<c r="C12" s="13"/>)
        empty = rb'<c r="C(\d+)"( s="\d+")?(?: t="n")?(?:/>|></c>)'
        return re.sub(empty, rb'<c r="C\1"\2 t="s"><v>0</v></c>', data, count=1) if part == answers else data

    temporary = path.with_name(path.name + ".part")
    rewrite_parts(path, temporary, change)
    with zipfile.ZipFile(temporary, "a") as package:
        package.writestr("xl/sharedStrings.xml", strings)
    temporary.replace(path)
    return path


def broken_relationship(folder: Path, name: str) -> Path:
    path = _good(folder, name)
    temporary = path.with_name(path.name + ".part")
    rewrite_parts(path, temporary, lambda part, data: data.replace(b"/xl/worksheets/sheet2.xml", b"/xl/worksheets/gone.xml")
                  if part == "xl/_rels/workbook.xml.rels" else data)
    temporary.replace(path)
    return path


def comment_beside_a_blank_answer(folder: Path, name: str) -> Path:
    answers = {key: value for key, value in full_answers("CAMHS").items() if key != ("Case A", "voice_notes")}
    return _good(folder, name, answers, comments={("Case A", "voice_notes"): "Seen weekly by the school nurse"})


def number_beyond_any_workbook(folder: Path, name: str) -> Path:
    return _good(folder, name, {**full_answers("CAMHS"), ("Case A", "years_known"): "1e999"})


def text_over_a_cells_limit(folder: Path, name: str) -> Path:
    # openpyxl cuts text at 32,767 characters, so the 40,000 are put in the XML itself
    path = _good(folder, name, {**full_answers("CAMHS"), ("Case A", "voice_notes"): MARK})
    return _in_xml(path, b"x" * 39_990 + b"_x0041_" * 10)  # ten escaped "A"s: 40,000 characters once read


def two_copies_of_a_sheet(folder: Path, name: str) -> Path:
    """The answer sheet twice under one part name, the second with a cell at XFD1048576: readers differ on which they read."""
    path = _good(folder, name)
    with zipfile.ZipFile(path) as package:
        sheet = next(n for n in package.namelist() if n.startswith("xl/worksheets/") and b"Case A" in package.read(n))
        far = package.read(sheet).replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>', 1)
    with zipfile.ZipFile(path, "a") as package, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name, and writes it
        package.writestr(sheet, far)
    return path


KINDS: dict[str, Kind] = {
    "application of 40,000 characters": Kind(long_application, ret.PROPERTY_UNUSABLE, "40,000 characters", True),
    "agency code of 40,000 characters": Kind(long_agency_code, ret.UNKNOWN_AGENCY, "CCCC", False),
    "agency code with _x0001_": Kind(escaped_control_in_agency_code, ret.UNKNOWN_AGENCY, "CAM\\u0001HS", False),
    "U+FFFE in a comment": Kind(not_a_character_in_a_comment, ret.ILLEGAL_CHARACTERS, "U+FFFE", True),
    "file name not UTF-8": Kind(file_name_not_utf8, ret.FILE_NAME_NOT_TEXT, "not valid text", True),
    "named pipe": Kind(named_pipe, ret.NOT_A_REGULAR_FILE, "named pipe", False),
    "shared strings declaring 4x10^18": Kind(absurd_shared_strings_count, ret.TOO_LARGE, "4,000,000,000,000,000,000 strings", False),
    "broken relationship": Kind(broken_relationship, ret.CORRUPT_WORKBOOK, "the sheet 'Case A'", False),
    "comment beside a blank answer": Kind(comment_beside_a_blank_answer, ret.COMMENT_WITHOUT_ANSWER, "Seen weekly by the school nurse", True),
    "1e999 for a number": Kind(number_beyond_any_workbook, ret.NUMBER_OUT_OF_RANGE, "1e999", True),
    "two parts of one name": Kind(two_copies_of_a_sheet, ret.CORRUPT_WORKBOOK, "two parts named", False),
    "text of 40,000 characters": Kind(text_over_a_cells_limit, ret.TEXT_TOO_LONG, "40,000 characters", True),
}

# What must never reach a user's screen.
NATIVE_NOISE = ("panicked", "RUST_BACKTRACE", "Traceback", "Exception ignored", "stack backtrace")
