"""The return reader finds every answer by question id at its real cell, and refuses bad files with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehwb_excel.returns import intake as file_intake

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.intake import files_in_returns_folder, look_at_file
from ehwb_excel.problems.location import Location
from ehwb_excel.returns.reader import read_return
from tests.audit_factory import small_audit
from tests.returns_helpers import (
    SCT_COMPLETE, answer_cell, edit_return, filled_return, generated_return, rewrite_parts, set_meta, zip_file,
)

AUDIT = small_audit()


def codes(found) -> list[tuple]:
    return [(p.location.file, p.location.sheet, p.location.cell, p.code) for p in found.problems]


def shifted(cell: str, rows: int = 0, columns: int = 0) -> str:
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, get_column_letter

    letters, row = coordinate_from_string(cell)
    return f"{get_column_letter(column_index_from_string(letters) + columns)}{row + rows}"


# -- a good return ----------------------------------------------------------------------------


def test_a_complete_return_is_identified_and_every_answer_is_found_at_its_cell(tmp_path):
    path = filled_return(tmp_path)
    found = read_return(path, AUDIT)
    assert found.problems == []
    assert (found.return_format, found.audit_id, found.agency_code) == (layout.RETURN_FORMAT, "EHWB-2026-Q1", "SCT")
    assert found.template_version == AUDIT.settings.template_version
    assert found.definition_checksum == AUDIT.checksum()
    assert found.case_sheets == {"Case A": "Case A", "Case B": "Case B"}
    assert found.agency_sheet == layout.AGENCY_SHEET
    assert found.sha256 == look_at_file(path).sha256 and found.size == path.stat().st_size
    answered = {(a.case, a.question_id): a for a in found.answered}
    assert set(answered) == set(SCT_COMPLETE)
    for key, value in SCT_COMPLETE.items():
        sheet, cell = answer_cell(path, *key)
        assert answered[key].location == Location(path.name, sheet, cell)
        assert answered[key].value == value


def test_blank_answer_rows_are_kept_so_a_missing_answer_can_be_reported(tmp_path):
    found = read_return(generated_return(tmp_path), AUDIT)
    rows = {(a.case, a.question_id) for a in found.answers}
    per_case = [q.id for q in AUDIT.questions if q.asked_per.value == "case"]
    assert rows == {(c, q) for c in ("Case A", "Case B") for q in per_case} | {(None, "training")}
    assert all(a.is_blank for a in found.answers)


def test_raw_values_are_kept_as_the_spreadsheet_stored_them(tmp_path):
    answers = {("Case A", "months_known"): 14, ("Case A", "first_contact"): date(2026, 1, 5), ("Case A", "voice_notes"): "=1+2"}
    found = read_return(filled_return(tmp_path, answers), AUDIT)
    values = {a.question_id: a.value for a in found.answered}
    assert values == {"months_known": 14.0, "first_contact": date(2026, 1, 5), "voice_notes": "=1+2"}
    assert isinstance(values["months_known"], float)  # normalised later, by the checks and merge


def test_comments_are_read_with_their_own_cell(tmp_path):
    path = filled_return(tmp_path, comments={("Case A", "voice"): "Seen alone at every visit."})
    found = read_return(path, AUDIT)
    answer = next(a for a in found.answers if (a.case, a.question_id) == ("Case A", "voice"))
    sheet, cell = answer_cell(path, "Case A", "voice")
    assert answer.comment == "Seen alone at every visit."
    assert answer.comment_location == Location(path.name, sheet, shifted(cell, columns=1))


# -- what agencies do to the workbook ---------------------------------------------------------


def test_rows_and_columns_inserted_above_and_left_move_every_answer_to_its_real_cell(tmp_path):
    path = filled_return(tmp_path)
    before = {key: answer_cell(path, *key) for key in SCT_COMPLETE}

    def insert(wb):
        for name in ("Case A", "Case B", layout.AGENCY_SHEET):
            wb[name].insert_rows(1, 3)  # the sheet now starts with three empty rows
            wb[name].insert_cols(1, 2)

    edit_return(path, insert)
    found = read_return(path, AUDIT)
    assert codes(found) == []
    for answer in found.answered:
        sheet, cell = before[(answer.case, answer.question_id)]
        assert answer.location == Location(path.name, sheet, shifted(cell, rows=3, columns=2))
        assert answer.value == SCT_COMPLETE[(answer.case, answer.question_id)] or answer.value == float(SCT_COMPLETE[(answer.case, answer.question_id)])


def test_an_empty_row_inserted_between_the_key_row_and_the_header_changes_nothing(tmp_path):
    path = filled_return(tmp_path)
    sheet, cell = answer_cell(path, "Case A", "voice")
    edit_return(path, lambda wb: wb["Case A"].insert_rows(4))  # below the hidden key row (3), above the header
    found = read_return(path, AUDIT)
    assert codes(found) == []
    voice = next(a for a in found.answers if (a.case, a.question_id) == ("Case A", "voice"))
    assert voice.location.cell == shifted(cell, rows=1)


def test_a_visible_metadata_sheet_is_read_like_a_hidden_one(tmp_path):
    path = filled_return(tmp_path)
    edit_return(path, lambda wb: setattr(wb[layout.META_SHEET], "sheet_state", "visible"))
    assert read_return(path, AUDIT).agency_code == "SCT"


def test_a_renamed_case_sheet_is_found_by_its_subject(tmp_path):
    path = filled_return(tmp_path)
    edit_return(path, lambda wb: setattr(wb["Case B"], "title", "Second case"))
    found = read_return(path, AUDIT)
    assert found.case_sheets["Case B"] == "Second case"
    assert codes(found) == [(path.name, "Second case", None, ret.CASE_SHEET_RENAMED.code)]
    assert not found.rejected
    assert {a.question_id for a in found.answered if a.case == "Case B"} == {q for c, q in SCT_COMPLETE if c == "Case B"}


def test_without_its_subject_cell_a_case_sheet_is_found_by_the_name_it_was_sent_with(tmp_path):
    path = filled_return(tmp_path)

    def clear_subject(wb):
        for row in wb["Case A"].iter_rows(max_row=5):
            for cell in row:
                if cell.value == layout.COL_SUBJECT:
                    cell.value = None
                    wb["Case A"].cell(row=cell.row, column=cell.column + 1).value = None

    edit_return(path, clear_subject)
    found = read_return(path, AUDIT)
    assert found.case_sheets["Case A"] == "Case A"
    assert codes(found) == []


# -- files that are not returns ---------------------------------------------------------------


def test_a_workbook_without_metadata_is_not_our_return(tmp_path):
    path = filled_return(tmp_path)
    edit_return(path, lambda wb: wb.remove(wb[layout.META_SHEET]))
    found = read_return(path, AUDIT)
    assert codes(found) == [(path.name, None, None, ret.NOT_OUR_RETURN.code)]
    assert found.rejected and found.answers == [] and found.agency_code is None


def test_the_master_workbook_in_the_returns_folder_is_named_as_such(tmp_path):
    path = set_meta(filled_return(tmp_path), layout.META_FORMAT, layout.MASTER_FORMAT)
    found = read_return(path, AUDIT)
    assert codes(found) == [(path.name, None, None, ret.NOT_OUR_RETURN.code)]
    assert "master workbook" in found.problems[0].message


@pytest.mark.parametrize(
    "content, code, words",
    [
        (b"", ret.NOT_A_WORKBOOK, "empty"),
        (b"%PDF-1.7\n...", ret.NOT_A_WORKBOOK, "PDF"),
        (b"Agency,Answer\nSCT,Good\n", ret.NOT_A_WORKBOOK, "text file"),
        (b"PK\x03\x04" + b"\x00" * 40, ret.CORRUPT_WORKBOOK, "damaged"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_with_a_reason(tmp_path, content, code, words):
    path = tmp_path / "return.xlsx"
    path.write_bytes(content)
    found = read_return(path, AUDIT)
    assert codes(found) == [(path.name, None, None, code.code)]
    assert words in found.problems[0].message and found.rejected


def test_a_truncated_download_is_corrupt(tmp_path):
    path = filled_return(tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert codes(read_return(path, AUDIT)) == [(path.name, None, None, ret.CORRUPT_WORKBOOK.code)]


def test_opendocument_word_and_plain_zip_packages_are_told_apart(tmp_path):
    ods = zip_file(tmp_path / "a.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
    docx = zip_file(tmp_path / "b.xlsx", {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    })
    other = zip_file(tmp_path / "c.xlsx", {"readme.txt": "hello"})
    assert [p.code for p in read_return(ods).problems] == [ret.OPEN_DOCUMENT.code]
    assert [p.code for p in read_return(docx).problems] == [ret.NOT_A_WORKBOOK.code]
    assert "Word document" in read_return(docx).problems[0].message
    assert [p.code for p in read_return(other).problems] == [ret.NOT_A_WORKBOOK.code]


def test_a_macro_enabled_package_is_refused_and_nothing_in_it_runs(tmp_path):
    path = filled_return(tmp_path)
    target = tmp_path / "with macros.xlsx"
    rewrite_parts(path, target, lambda name, data: data)
    import zipfile

    with zipfile.ZipFile(target, "a") as package:
        package.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really VBA")
    found = read_return(target, AUDIT)
    assert codes(found) == [(target.name, None, None, ret.MACRO_ENABLED.code)]
    assert "xl/vbaProject.bin" in found.problems[0].message and found.answers == []


def test_strict_open_xml_is_refused(tmp_path):
    path = filled_return(tmp_path)
    target = rewrite_parts(path, tmp_path / "strict.xlsx", lambda name, data: data.replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    ) if name == "xl/workbook.xml" else data)
    assert codes(read_return(target, AUDIT)) == [(target.name, None, None, ret.STRICT_OPEN_XML.code)]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(file_intake, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    path = filled_return(tmp_path)
    target = rewrite_parts(path, tmp_path / "bomb.xlsx", lambda name, data: data)
    import zipfile

    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))
    assert target.stat().st_size < 100_000
    assert codes(read_return(target, AUDIT)) == [(target.name, None, None, ret.TOO_LARGE.code)]


def test_xml_entity_tricks_in_a_package_are_refused_not_expanded(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
    path = zip_file(tmp_path / "entities.xlsx", {"[Content_Types].xml": bomb})
    assert [p.code for p in read_return(path).problems] == [ret.CORRUPT_WORKBOOK.code]


def test_who_saved_the_file_is_read_from_its_properties(tmp_path):
    path = filled_return(tmp_path)
    app = (b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Application>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40</Application><AppVersion>15.0000</AppVersion></Properties>")
    libre = rewrite_parts(path, tmp_path / "lo.xlsx", lambda name, data: app if name == "docProps/app.xml" else data)
    sheets = rewrite_parts(path, tmp_path / "gs.xlsx", lambda name, data: None if name == "docProps/app.xml" else data)
    assert read_return(libre, AUDIT).application == "LibreOffice/7.4.7.2"
    assert read_return(sheets, AUDIT).application == ""


def test_who_saved_the_file_reads_as_a_coordinator_would_say_it():
    assert file_intake.application_name("Microsoft Excel Compatible / Openpyxl 3.1.5", "3.1") == "openpyxl 3.1.5 (a Python program)"
    assert file_intake.application_name("Microsoft Excel", "16.0300") == "Microsoft Excel 16.0300"
    assert file_intake.application_name("LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40", "15.0000") == "LibreOffice/7.4.7.2"


# -- the folder -------------------------------------------------------------------------------


def test_lock_files_are_skipped_with_a_warning_and_clutter_is_ignored(tmp_path):
    filled_return(tmp_path, name="SCT return.xlsx")
    for name in ("~$SCT return.xlsx", ".~lock.SCT return.xlsx#", ".DS_Store", "Thumbs.db", "notes.pdf"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "old").mkdir()
    to_read, skipped = files_in_returns_folder(tmp_path)
    assert [p.name for p in to_read] == ["notes.pdf", "SCT return.xlsx"]
    assert [(p.location.file, p.code) for p in skipped] == [
        (".~lock.SCT return.xlsx#", ret.LOCK_FILE.code), ("~$SCT return.xlsx", ret.LOCK_FILE.code),
    ]
    assert "'SCT return.xlsx' is open there" in skipped[0].message


def test_a_file_that_cannot_be_opened_is_refused_not_raised(tmp_path):
    path = tmp_path / "still syncing.xlsx"
    path.mkdir()  # reading a folder fails like a locked or placeholder file does
    found = read_return(path, AUDIT)
    assert codes(found) == [(path.name, None, None, ret.FILE_UNREADABLE.code)]
    assert found.rejected


def test_a_renamed_metadata_sheet_is_still_found_by_its_format_key(tmp_path):
    path = filled_return(tmp_path)
    edit_return(path, lambda wb: setattr(wb[layout.META_SHEET], "title", "Sheet7"))
    found = read_return(path, AUDIT)
    assert (found.agency_code, codes(found)) == ("SCT", [])


def test_a_boolean_cell_is_read_as_a_boolean_and_answers_a_yes_no_question(tmp_path):
    # LibreOffice and Excel store TRUE/FALSE as boolean cells (t="b"), not as text
    answers = {**SCT_COMPLETE, ("Case A", "self_harm"): False, ("Case B", "self_harm"): True}
    found = read_return(filled_return(tmp_path, answers), AUDIT)
    values = {(a.case, a.question_id): a.value for a in found.answered}
    assert (values[("Case A", "self_harm")], values[("Case B", "self_harm")]) == (False, True)
    assert codes(found) == []


def test_a_value_in_the_far_corner_of_a_sheet_is_refused_before_the_reader_makes_the_grid(tmp_path):
    # a dense grid to XFD1048576 would make python-calamine abort the whole process
    path = filled_return(tmp_path)
    edit_return(path, lambda wb: wb["Case A"].cell(row=1_048_576, column=16_384, value="x"))
    assert path.stat().st_size < 200_000
    found = read_return(path, AUDIT)
    assert codes(found) == [(path.name, None, None, ret.TOO_LARGE.code)]
    assert "XFD1048576" in found.problems[0].message


# pieces of sheet XML, usual and odd: prefixed tags, references quoted either way or missing, "<" inside a tag
_SHEET_XML_PIECES = [b"<c", b"<row", b"<x:c", b"<x:row", b" r=", b' r="', b"'", b'"', b"$", b"A", b"XFD", b"1", b"1048576", b"0",
                     b">", b"<", b"/>", b" ", b"\t", b' t="s"', b"<v>", b"</c>", b"</row>", b":c", b"<cc", b"<C", b"\xc3\xa9",
                     b"12345678901234", b"y" * 120, b' s="1"' * 30, b'<c r="B2"', b'<row r="3"', b"_"]


@settings(max_examples=3000, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_SHEET_XML_PIECES), max_size=60))
def test_the_quick_extent_scan_agrees_with_the_general_one(pieces):
    from ehwb_excel.returns.intake import _general_extent, sheet_extent

    xml = b"".join(pieces)
    assert sheet_extent(xml) == _general_extent(xml)


def test_a_default_sized_return_is_well_inside_the_sheet_limit(tmp_path):
    from ehwb_excel.returns.intake import MAX_SHEET_CELLS, sheet_extent
    import zipfile

    path = filled_return(tmp_path)
    with zipfile.ZipFile(path) as package:
        extents = [sheet_extent(package.read(n)) for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
    assert extents and all(0 < rows * columns < MAX_SHEET_CELLS / 100 for rows, columns in extents)
