"""Text longer than a cell holds is measured in the XML, and a normal return's parts are not parsed for it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.returns import long_texts as module
from ehwb_excel.returns.long_texts import long_texts

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(*cells: str) -> bytes:
    return f'<worksheet {NS}><sheetData><row r="1">{"".join(cells)}</row></sheetData></worksheet>'.encode()


def rich_inline(reference: str, runs: list[str]) -> str:
    """An inline string in rich-text runs, each with its own colour (as a script may write one)."""
    body = "".join(f'<r><rPr><color rgb="FFFF0000"/></rPr><t>{text}</t></r>' for text in runs)
    return f'<c r="{reference}" t="inlineStr"><is>{body}</is></c>'


def test_a_long_text_split_into_coloured_runs_is_found_whole():
    runs = ["a" * 20_000, "b" * 20_000]
    found = long_texts({"xl/worksheets/sheet1.xml": sheet('<c r="A1"><v>1</v></c>', rich_inline("C11", runs))},
                       {"Case A": "xl/worksheets/sheet1.xml"})
    assert found == {("Case A", "C11"): "".join(runs)}


def test_a_long_shared_string_is_found_where_a_cell_refers_to_it():
    shared = f'<sst {NS}><si><t>short</t></si><si><t>{"x" * (CELL_TEXT_MAX + 1)}</t></si></sst>'.encode()
    parts = {"xl/sharedStrings.xml": shared, "xl/worksheets/sheet1.xml": sheet('<c r="B2" t="s"><v>1</v></c>')}
    assert long_texts(parts, {"Case A": "xl/worksheets/sheet1.xml"}) == {("Case A", "B2"): "x" * (CELL_TEXT_MAX + 1)}


def test_a_big_sheet_of_ordinary_cells_is_not_parsed(monkeypatch):
    cells = [f'<c r="A{row}" t="inlineStr"><is><t>{"word " * 40}</t></is></c>' for row in range(1, 400)]
    part = sheet(*cells)
    assert len(part) > 2 * CELL_TEXT_MAX
    monkeypatch.setattr(module.SafeET, "iterparse", lambda *a, **k: pytest.fail("a normal sheet was parsed"))
    assert long_texts({"xl/worksheets/sheet1.xml": part}, {"Case A": "xl/worksheets/sheet1.xml"}) == {}


_PIECES = [b"<c ", b"<si", b"x", b"x" * 1000, b"y" * 16_383, b"z" * 16_384, b"w" * 32_766, b"v" * 32_767, b"u" * 32_768, b"<", b"c ", b"<c"]


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from([b"<c ", b"<si"]))
def test_the_quick_look_for_a_long_element_says_what_splitting_at_every_element_would(pieces, start):
    xml = b"".join(pieces)
    assert module._may_hold_long_element(xml, start) == (len(xml) > CELL_TEXT_MAX and max(map(len, xml.split(start))) > CELL_TEXT_MAX)
