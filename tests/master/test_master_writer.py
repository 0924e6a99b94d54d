"""Writing a merge into the master: derived sheets only, text as text, backup, atomic save, lock refusal."""

import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from defusedxml import ElementTree
from openpyxl import Workbook, load_workbook
from ehwb_excel.problems.location import column_letter

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.master.reader import read_master_state
from ehwb_excel.merge.previous import MasterState
from ehwb_excel.workbook.master_skeleton import master_workbook
from ehwb_excel.master.writer import save_master, write_derived_sheets
from ehwb_excel.merge.merge import merge
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.merge.sheet_table import SheetTable
from tests.full_disk import disk_fills
from tests.merge_helpers import NOW, blank_master, data_of, full_answers, merge_audit, return_file

AUDIT = merge_audit()
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
INJECTIONS = ['=HYPERLINK("http://x","click")', "+1", "-2", "@SUM(A1)", "#N/A", "\tTAB", "=1+1"]


def merged(*returns, previous=None, now=NOW):
    return merge(AUDIT, list(returns), previous or MasterState.empty(AUDIT), now=now)


def typical(**kwargs):
    return merged(return_file("SCT", full_answers("SCT")), return_file("CAMHS", full_answers("CAMHS", grade="Inadequate")), **kwargs)


@pytest.fixture
def master(tmp_path) -> Path:
    return blank_master(tmp_path / "EHWB master.xlsx")


def values(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def sheet_xml(path: Path, sheet_name: str):
    """The parsed worksheet XML of one sheet, found through the workbook's relationships."""
    with zipfile.ZipFile(path) as package:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        rel_id = next(s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                      for s in workbook.iter(f"{MAIN}sheet") if s.get("name") == sheet_name)
        target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
        return ElementTree.fromstring(package.read("xl/" + target.lstrip("/").removeprefix("xl/")))


# -- the derived sheets ----------------------------------------------------------------------------


def test_derived_sheets_are_written_with_the_responses_table_fills_and_frozen_headers(master):
    result = typical()
    save_master(master, result)
    book = load_workbook(master)
    responses = book[layout.RESPONSES_SHEET]
    assert values(responses)[0] == layout.RESPONSES_COLUMNS
    assert values(responses)[1:] == [tuple(r) for r in _as_excel(result.sheet(layout.RESPONSES_SHEET).rows)]
    table = responses.tables[layout.RESPONSES_TABLE]
    assert table.ref == f"A1:L{len(result.sheet(layout.RESPONSES_SHEET).rows) + 1}"
    assert responses.freeze_panes == "A2"
    assert responses.cell(1, 1).font.name == "Arial" and responses.cell(2, 1).font.name == "Arial"
    grades = book[layout.GRADES_SHEET]
    assert grades.cell(2, 4).value == "Good" and grades.cell(2, 4).fill.fgColor.rgb.endswith("92D050")
    assert grades.cell(2, 5).value == "Inadequate" and grades.cell(2, 5).fill.fgColor.rgb.endswith("FF0000")
    assert grades.auto_filter.ref == f"A1:{grades.cell(1, grades.max_column).column_letter}2"
    assert book.sheetnames.index(layout.SUBMISSIONS_SHEET) == load_workbook(blank_master(master.parent / "fresh.xlsx")).sheetnames.index(layout.SUBMISSIONS_SHEET)


def _as_excel(rows):
    # Excel has no date type: a date comes back from the cell as a datetime at midnight
    return [tuple(datetime(v.year, v.month, v.day) if isinstance(v, date) and not isinstance(v, datetime) else v for v in row) for row in rows]


def test_saved_master_reads_back_to_the_same_data(master):
    result = typical()
    save_master(master, result)
    again = merged(return_file("SCT", full_answers("SCT")), return_file("CAMHS", full_answers("CAMHS", grade="Inadequate")),
                   previous=read_master_state(master))
    assert data_of(again) == data_of(result)
    save_master(master, again)
    assert len(load_workbook(master)[layout.MERGE_LOG_SHEET]["A"]) == 3  # header and one row per merge


def test_a_shorter_merge_leaves_no_rows_of_the_longer_one(master):
    save_master(master, typical())
    save_master(master, merged(return_file("SCT", {("Case A", "gender"): "Male"}), previous=MasterState.empty(AUDIT)))
    sheet = load_workbook(master)[layout.RESPONSES_SHEET]
    assert sheet.max_row == 2
    assert sheet.tables[layout.RESPONSES_TABLE].ref == "A1:L2"


def test_no_responses_make_a_table_of_one_empty_row(master):
    save_master(master, merged())
    sheet = load_workbook(master)[layout.RESPONSES_SHEET]
    assert sheet.tables[layout.RESPONSES_TABLE].ref == "A1:L2"
    assert values(sheet) == [layout.RESPONSES_COLUMNS]


def test_formula_like_text_is_saved_as_string_cells(master):
    answers = {("Case A", "voice_notes"): INJECTIONS[0], (None, "role"): INJECTIONS[1]}
    comments = {("Case A", "voice_notes"): INJECTIONS[2], (None, "role"): INJECTIONS[3]}
    result = merged(return_file("SCT", answers, comments=comments))
    result.sheet(layout.MERGE_LOG_SHEET).rows.append(tuple(INJECTIONS[4:]) + (None,) * 4)
    save_master(master, result)
    written = {}
    for name in (layout.RESPONSES_SHEET, layout.MERGE_LOG_SHEET):
        for cell in sheet_xml(master, name).iter(f"{MAIN}c"):
            text = "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
            written[text] = (cell.get("t"), cell.find(f"{MAIN}f"))
    for text in INJECTIONS:
        kind, formula = written[text]
        assert kind in ("inlineStr", "s") and formula is None, text
    book = load_workbook(master)
    assert {c.value for row in book[layout.RESPONSES_SHEET].iter_rows() for c in row if c.data_type == "f"} == set()


def test_text_a_cell_cannot_hold_is_refused_before_anything_is_written(master):
    before = master.read_bytes()
    result = typical()
    result.sheet(layout.ISSUES_SHEET).rows.append((None, None, None, None, None, "y" * 32_768))
    result.sheet(layout.ISSUES_SHEET).rows.append((None, None, None, None, None, "bell\x07"))
    with pytest.raises(EhwbError) as refused:
        save_master(master, result)
    assert [(p.code, p.location.sheet) for p in refused.value.problems] == [(ret.MASTER_TEXT_UNWRITABLE.code, layout.ISSUES_SHEET)] * 2
    assert "32,768 characters" in refused.value.problems[0].message
    assert master.read_bytes() == before


def test_text_no_cell_can_hold_is_never_written_quietly_by_the_derived_sheets_writer():
    """save_master refuses it first; called alone, the writer still lets openpyxl refuse it."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = master_workbook(AUDIT)
    with pytest.raises(IllegalCharacterError):
        write_derived_sheets(book, [SheetTable(layout.ISSUES_SHEET, layout.ISSUES_COLUMNS, [("a.xlsx", "", "", "X", "error", "bell\x07")])])


def test_an_empty_value_makes_no_cell_unless_its_row_is_flagged_or_its_cell_filled(tmp_path):
    """A fifth of a large master's values are empty: the saved sheet has no cell for them in plain rows
    (they look the same), but a flagged row is marked across every cell and a filled cell keeps its fill."""
    book = master_workbook(AUDIT)
    columns = layout.ISSUES_COLUMNS
    error_row = tuple("error" if header == "Severity" else None for header in columns)
    plain_row = tuple("info" if header == "Severity" else None for header in columns)
    write_derived_sheets(book, [SheetTable(layout.ISSUES_SHEET, columns, [error_row, plain_row], fills={(2, 1): "FFC7CE"})])
    book.save(saved := tmp_path / "master.xlsx")

    rows = {row.get("r"): row.findall(f"{MAIN}c") for row in sheet_xml(saved, layout.ISSUES_SHEET).iter(f"{MAIN}row")}
    flagged, plain = rows["2"], rows["3"]
    assert [c.get("r") for c in flagged] == [f"{column_letter(n)}2" for n in range(1, len(columns) + 1)]
    assert len({c.get("s") for c in flagged}) == 1 and flagged[0].get("s") not in (None, "0")  # one look across the row
    assert [c.get("r") for c in plain] == ["A3", f"{column_letter(columns.index('Severity') + 1)}3"]  # the filled cell and the one value
    assert load_workbook(saved)[layout.ISSUES_SHEET]["A3"].fill.fgColor.rgb.endswith("FFC7CE")


def test_only_derived_sheets_can_be_written():
    book = Workbook()
    with pytest.raises(ValueError):
        write_derived_sheets(book, [SheetTable(layout.PANEL_SHEET, ("x",))])


# -- the coordinator's sheets ----------------------------------------------------------------------


def test_coordinator_sheets_come_through_value_for_value(tmp_path):
    path = tmp_path / "master.xlsx"
    book = master_workbook(AUDIT)
    typed = {
        layout.PANEL_SHEET: ("Audit panel", datetime(2026, 4, 20), "Chair; SCT; CAMHS", 7, "=not a formula, typed as text"),
        layout.HEADLINES_SHEET: (1, "Children's voices were heard well."),
        layout.RECOMMENDATIONS_SHEET: (1, "Improve step-down", "Write guidance", "SCT", datetime(2026, 6, 30), "In progress"),
    }
    for name, row in typed.items():
        for column, value in enumerate(row, start=1):
            cell = book[name].cell(layout.COORDINATOR_HEADER_ROW + 1, column, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
    book[layout.HEADLINES_SHEET].cell(layout.COORDINATOR_HEADER_ROW + 2, 2, "=1+1")  # a formula the coordinator typed
    book.save(path)
    before = load_workbook(path)
    expected = {name: values(before[name]) for name in layout.COORDINATOR_SHEETS}
    expected_names = dict(before.defined_names.items()).keys()
    validations = {name: len(before[name].data_validations.dataValidation) for name in layout.COORDINATOR_SHEETS}
    save_master(path, typical())
    after = load_workbook(path)
    assert {name: values(after[name]) for name in layout.COORDINATOR_SHEETS} == expected
    assert after[layout.HEADLINES_SHEET].cell(layout.COORDINATOR_HEADER_ROW + 2, 2).value == "=1+1"
    assert after[layout.PANEL_SHEET].cell(layout.COORDINATOR_HEADER_ROW + 1, 5).data_type == "s"
    assert dict(after.defined_names.items()).keys() == expected_names
    assert {name: len(after[name].data_validations.dataValidation) for name in layout.COORDINATOR_SHEETS} == validations
    assert after.sheetnames == before.sheetnames
    assert after[layout.MASTER_META_SHEET].sheet_state == before[layout.MASTER_META_SHEET].sheet_state


# -- backup, atomic save, lock --------------------------------------------------------------------


def test_the_previous_master_is_kept_as_a_timestamped_backup(master, tmp_path):
    before = master.read_bytes()
    backup = save_master(master, typical())
    assert backup.parent == master.parent / "backups"
    assert backup.name.startswith("EHWB master.backup-") and backup.suffix == ".xlsx"
    assert backup.read_bytes() == before
    elsewhere = save_master(master, typical(), backup_dir=tmp_path / "kept")
    assert elsewhere.parent == tmp_path / "kept" and elsewhere != backup
    assert save_master(master, typical(), backup=False) is None


def test_a_crash_while_saving_leaves_the_old_master_intact(master, monkeypatch):
    before = master.read_bytes()

    disk_fills(monkeypatch, after=len(before) // 2)
    with pytest.raises(EhwbError) as failed:
        save_master(master, typical(), backup=False)
    assert failed.value.problems[0].code == ret.MASTER_NOT_SAVED.code
    assert "No space left on device" in failed.value.problems[0].message
    assert master.read_bytes() == before
    assert sorted(p.name for p in master.parent.iterdir()) == [master.name]  # no temporary file left


def test_an_unexpected_crash_while_saving_also_leaves_the_old_master_intact(master, monkeypatch):
    before = master.read_bytes()

    def crash(self, filename):
        filename.write(b"PK half")  # the workbook is saved in memory first, then written whole
        raise RuntimeError("bug")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", crash)
    with pytest.raises(RuntimeError):
        save_master(master, typical(), backup=False)
    assert master.read_bytes() == before
    assert sorted(p.name for p in master.parent.iterdir()) == [master.name]


@pytest.mark.parametrize("lock_name", ["~$EHWB master.xlsx", ".~lock.EHWB master.xlsx#"])
def test_a_master_open_in_excel_or_libreoffice_is_refused_and_left_as_it_was(master, lock_name):
    (master.parent / lock_name).write_bytes(b"someone")
    before = master.read_bytes()
    with pytest.raises(EhwbError) as refused:
        save_master(master, typical())
    problem = refused.value.problems[0]
    assert (problem.code, problem.location.file) == (ret.MASTER_LOCKED.code, master.name)
    assert "Close it there and merge again" in problem.message and lock_name in problem.message
    assert master.read_bytes() == before
    assert not (master.parent / "backups").exists()


def test_a_master_the_system_will_not_replace_is_reported_as_locked(master, monkeypatch):
    before = master.read_bytes()

    def refuse(source, target):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr("ehwb_excel.master.writer.os.replace", refuse)
    with pytest.raises(EhwbError) as refused:
        save_master(master, typical(), backup=False)
    assert refused.value.problems[0].code == ret.MASTER_LOCKED.code
    assert master.read_bytes() == before
    assert sorted(p.name for p in master.parent.iterdir()) == [master.name]


def test_a_master_of_another_audit_is_not_written(tmp_path):
    other = blank_master(tmp_path / "other.xlsx", replace(AUDIT, agencies=AUDIT.agencies[:1]))
    before = other.read_bytes()
    with pytest.raises(EhwbError) as refused:
        save_master(other, typical())
    assert refused.value.problems[0].code == ret.MASTER_NOT_OURS.code
    assert "another audit definition" in refused.value.problems[0].message
    assert other.read_bytes() == before


def test_derived_sheets_keep_the_skeletons_protective_marking_and_print_set_up(tmp_path):
    path = tmp_path / "master.xlsx"
    master_workbook(AUDIT).save(path)
    save_master(path, typical(), backup=False)
    save_master(path, typical(), backup=False)
    responses = load_workbook(path)[layout.RESPONSES_SHEET]
    assert responses.oddHeader.center.text == AUDIT.settings.protective_marking
    assert responses.oddFooter.center.text == AUDIT.settings.protective_marking
    assert responses.print_title_rows == "$1:$1"
    assert responses.page_setup.orientation == "landscape"
    assert list(responses.tables) == [layout.RESPONSES_TABLE]


def test_two_backups_in_one_second_do_not_overwrite_each_other(master):
    first = save_master(master, typical())
    second = save_master(master, typical())
    third = save_master(master, typical())
    assert len({first, second, third}) == 3 and all(p.exists() for p in (first, second, third))


def test_a_master_made_before_history_was_renamed_keeps_its_replaced_returns(tmp_path):
    path = tmp_path / "old master.xlsx"
    old = master_workbook(merge_audit())
    old[layout.HISTORY_SHEET].title = layout.HISTORY_SHEET_BEFORE  # Excel reserves "History"; old masters have it
    replaced = (datetime(2026, 2, 1, 12, 0), "SCT", "SCT.xlsx", "a" * 64, 12, "b" * 64)
    old[layout.HISTORY_SHEET_BEFORE].append(replaced)
    old.save(path)

    assert read_master_state(path).history == [replaced]
    workbook = load_workbook(path)
    write_derived_sheets(workbook, [SheetTable(layout.HISTORY_SHEET, layout.HISTORY_COLUMNS, [replaced])])
    assert layout.HISTORY_SHEET_BEFORE not in workbook.sheetnames
    assert [tuple(r) for r in workbook[layout.HISTORY_SHEET].iter_rows(min_row=2, values_only=True)] == [replaced]
