"""Where something is: file, sheet and cell, numbered as Excel shows them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass


def column_letter(column: int) -> str:
    """1 -> 'A', 28 -> 'AB' (Excel's column names)."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """(14, 5) -> 'E14'."""
    return f"{column_letter(column)}{row}"


# Control characters and direction overrides in a file or sheet name would break a message
# over lines or reorder what is shown ("return\u202excod.xlsx" reads "return xslx.docx"):
# they are printed escaped; the name itself is kept as it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A file name that is not valid UTF-8 reaches Python with each undecodable byte as a lone
# surrogate (U+DC80-U+DCFF, "surrogateescape"), which no file, terminal or JSON can hold.
_SURROGATES = re.compile("[\ud800-\udfff]")


def _escape(character: str) -> str:
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte that was not UTF-8: b'caf\xe9.xlsx' shows as caf\xe9.xlsx
    return _ESCAPES.get(character, f"\\u{code:04x}")


def printable(name: str) -> str:
    """`name` with line breaks, control characters and direction overrides shown as escapes (\\n, \\u202e),
    and each byte of a file name that is not UTF-8 as \\xe9."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), name)


def quoted(value: str, limit: int = 60) -> str:
    """What a file says (an agency code, an audit id) as a message quotes it: printable, on one line and
    cut with an ellipsis, so a 40,000-character code makes a readable line, not a page."""
    text = printable(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def file_name_text(name: str) -> str:
    """A file name as text every output can hold: the bytes that are not UTF-8 shown as \\xe9, the rest as it is."""
    return _SURROGATES.sub(lambda m: _escape(m.group()), name) if _SURROGATES.search(name) else name


def has_undecodable_bytes(name: str) -> bool:
    """True for a file name that is not valid UTF-8 (or not valid in the system's encoding)."""
    return bool(_SURROGATES.search(name))


@dataclass(frozen=True)
class Location:
    """A place in a file; any part may be missing. Prints as users read it."""

    file: str = ""
    sheet: str | None = None
    cell: str | None = None

    @classmethod
    def of(cls, file: str | os.PathLike, sheet: str | None = None, row: int | None = None, column: int | None = None) -> "Location":
        cell = cell_name(row, column) if row and column else (f"row {row}" if row else None)
        return cls(file_name_text(os.path.basename(os.fspath(file))) if file else "", sheet, cell)

    def at(self, row: int | None = None, column: int | None = None, *, sheet: str | None = None) -> "Location":
        """The same file (and sheet, unless given) at another cell."""
        cell = cell_name(row, column) if row and column else (f"row {row}" if row else None)
        return Location(self.file, sheet if sheet is not None else self.sheet, cell)  # not dataclasses.replace: 3x slower, once per answer

    def __str__(self) -> str:
        parts = [printable(self.file)] if self.file else []
        if self.sheet is not None:
            parts.append(f"sheet '{printable(self.sheet)}'")
        if self.cell:
            parts.append(self.cell if self.cell.startswith("row") else f"cell {self.cell}")
        return ", ".join(parts)
