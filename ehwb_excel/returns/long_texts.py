"""Text longer than an Excel cell holds, measured in the package's XML.

python-calamine stops a cell's text at 32,767 characters (fewer with `_x0001_`-style escapes in
it), so the values it returns can never show that a script or another application wrote more:
the length is measured here, in the parts themselves, and the whole text is given back so the
over-long text check (RET_025) sees it. A part is parsed only when one of its cells (or shared
strings) spans more bytes than a cell holds characters, which a quick scan of where each element
starts tells; on a normal return no part is parsed, so this costs next to nothing.
"""

from __future__ import annotations

import io
import re

from defusedxml import ElementTree as SafeET

from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.problems.location import cell_name

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")  # Open XML's escape for a character XML cannot hold (readers decode it)
_REFERENCE = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")


def long_texts(parts: dict[str, bytes], sheets: dict[str, str | None]) -> dict[tuple[str, str], str]:
    """(sheet name, cell such as 'C11') -> the cell's whole text, for each cell holding more than a
    cell's 32,767 characters; {} for every normal workbook (and where the XML cannot be parsed: the
    reader reports that)."""
    shared = _long_shared_strings(parts)
    # a sheet is parsed when it may refer to a long shared string or may hold a long cell itself
    big = {name: part for name, part in sheets.items() if part in parts and (shared or _may_hold_long_element(parts[part], b"<c "))}
    if not big:
        return {}
    found: dict[tuple[str, str], str] = {}
    for sheet, part in big.items():
        try:
            for cell, text in _long_cells(parts[part], shared):
                found[(sheet, cell)] = text
        except (SafeET.ParseError, ValueError):
            continue
    return found


def _long_shared_strings(parts: dict[str, bytes]) -> dict[int, str]:
    """Index -> text of each shared string over the limit (the part is found by its root element)."""
    for name, xml in parts.items():
        if name.casefold().endswith(".xml") and xml.find(b"sst", 0, 4096) >= 0 and re.search(rb"<(?:\w+:)?sst\b", xml[:4096]):
            if not _may_hold_long_element(xml, b"<si"):
                return {}
            try:
                long = {}
                for index, item in enumerate(_items(xml, "si")):
                    text = _text_of(item)
                    if len(text) > CELL_TEXT_MAX:
                        long[index] = text
                return long
            except (SafeET.ParseError, ValueError):
                return {}
    return {}


def _may_hold_long_element(xml: bytes, start: bytes) -> bool:
    """True when an element that begins with `start` may hold more than a cell's characters: the
    bytes from one such beginning to the next (or to the end) are more than that. False is
    certain (text is never longer than its bytes, and an element missed by `start` only makes a
    piece longer); True is only worth a parse.

    Each step goes from a piece's beginning to the last `start` within a cell's length of it, so a
    sheet of 65,000 bytes takes three look-ups instead of a split into one piece per cell.
    """
    piece = 0
    while len(xml) - piece > CELL_TEXT_MAX:
        last = xml.rfind(start, piece, piece + CELL_TEXT_MAX + len(start))
        if last < 0:
            return True  # the piece from here runs past the limit, to the next `start` or the end
        piece = last + len(start)  # every piece before this one is within the limit
    return False


def _items(xml: bytes, tag: str):
    for _, element in SafeET.iterparse(io.BytesIO(xml), events=("end",)):
        if element.tag == f"{MAIN}{tag}":
            yield element
            element.clear()


def _long_cells(xml: bytes, shared: dict[int, str]):
    row = column = 0
    for _, element in SafeET.iterparse(io.BytesIO(xml), events=("end",)):
        if element.tag == f"{MAIN}row":
            element.clear()
            continue
        if element.tag != f"{MAIN}c":
            continue
        reference = _REFERENCE.match(element.get("r") or "")
        kind = element.get("t")
        text = None
        if kind == "inlineStr":
            inline = element.find(f"{MAIN}is")
            text = _text_of(inline) if inline is not None else None
        elif kind == "s" and shared:
            value = element.findtext(f"{MAIN}v") or ""
            text = shared.get(int(value)) if value.strip().isdigit() else None
        elif kind == "str":
            text = _unescaped(element.findtext(f"{MAIN}v") or "")
        if text is not None and len(text) > CELL_TEXT_MAX and reference:
            row, column = int(reference.group(2)), _column(reference.group(1))
            yield cell_name(row, column), text
        element.clear()


def _text_of(item) -> str:
    """A string item's text: its own <t>, or its rich-text runs' joined (phonetic guides left out)."""
    own = item.find(f"{MAIN}t")
    if own is not None:
        return _unescaped(own.text or "")
    return "".join(_unescaped(t.text or "") for run in item.findall(f"{MAIN}r") for t in run.findall(f"{MAIN}t"))


def _unescaped(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number
