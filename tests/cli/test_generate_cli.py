"""`ehwb generate` and `generate()`: every agency workbook and the master, on the built-in audit."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ehwb_excel.excel import layout
from ehwb_excel.cli.main import main
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.workbook.generate import file_name_for, generate, master_file_name, safe_file_name
from ehwb_excel.excel.meta_sheet import first_value
from tests.audit_factory import small_audit
from tests.workbook_checks import answer_rows, answer_sheets, meta, unlocked_cells, validations_by_cell


@pytest.fixture(scope="module")
def definition(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("definition") / "audit.xlsx"
    write_definition(default_audit(), path)
    return path


@pytest.fixture(scope="module")
def generated(definition, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["generate", str(definition), "--out", str(out)]) == 0
    return out


def test_generate_writes_eleven_agency_workbooks_and_a_master(generated):
    audit = default_audit()
    names = sorted(p.name for p in generated.iterdir())
    assert names == sorted([file_name_for(audit, a.code) for a in audit.agencies] + [master_file_name(audit)])
    assert len(names) == 12 and "EHWB-2026-Q1 - Inclusion Support.xlsx" in names
    assert sum("master" in n for n in names) == 1


def test_every_generated_workbook_passes_the_done_when_checks(generated):
    audit = default_audit()
    for agency in audit.agencies:
        wb = openpyxl.load_workbook(generated / file_name_for(audit, agency.code))
        assert first_value(meta(wb), layout.META_AGENCY) == agency.code
        assert wb[layout.LISTS_SHEET].sheet_state == "hidden" and wb[layout.META_SHEET].sheet_state == "veryHidden"
        sheets = answer_sheets(wb)
        assert [ws.title for ws in sheets if ws.title != layout.AGENCY_SHEET] == [c.reference for c in audit.cases_for(agency.code)]
        for ws in sheets:
            rows = answer_rows(ws)
            validations = validations_by_cell(ws)
            assert {validations[r.answer].type for r in rows} <= {"list", "decimal", "date", "textLength"}
            for dv in ws.data_validations.dataValidation:
                assert dv.type != "list" or (not dv.formula1.startswith('"') and dv.formula1 in wb.defined_names)
                assert len(dv.formula1 or "") <= 255
            assert ws.protection.sheet
            assert unlocked_cells(ws) == {r.answer for r in rows} | {r.comment for r in rows}
        assert first_value(meta(wb), layout.META_DEFINITION_CHECKSUM) == audit.checksum()
        for ws in wb.worksheets:
            assert ws.oddHeader.center.text == audit.settings.protective_marking
            for row in ws.iter_rows():
                for cell in row:
                    assert not cell.has_style or cell.font.name == "Arial", (ws.title, cell.coordinate)
                    # the only formulas are our own progress counts: definition text is never one
                    assert cell.data_type != "f" or ws.title == layout.START_SHEET, (ws.title, cell.coordinate)


def test_no_temporary_file_is_left_behind(generated):
    assert not [p for p in generated.iterdir() if p.suffix == ".tmp" or p.name.startswith(".")]


def test_an_existing_master_is_never_replaced(tmp_path):
    audit = small_audit()
    master = tmp_path / master_file_name(audit)
    master.write_bytes(b"the coordinator's typed work")
    written = generate(audit, tmp_path)
    assert master.read_bytes() == b"the coordinator's typed work"
    assert master not in written and len(written) == len(audit.agencies)


def test_one_agency_only_and_progress_reported(tmp_path):
    audit = small_audit()
    seen = []
    written = generate(audit, tmp_path, progress=seen.append, agencies=["camhs"])
    assert [p.name for p in written] == ["EHWB-2026-Q1 - CAMHS.xlsx", "EHWB-2026-Q1 - master.xlsx"]
    assert seen == written


def test_unknown_agency_is_one_line_error_and_exit_2(definition, tmp_path, capsys):
    assert main(["generate", str(definition), "--out", str(tmp_path), "--agency", "NOPE"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: agency 'NOPE' is not in the definition (known: {', '.join(a.code for a in default_audit().agencies)})"]
    assert list(tmp_path.iterdir()) == []


def test_a_definition_with_mistakes_is_refused_with_located_messages(tmp_path, capsys):
    broken = tmp_path / "broken.xlsx"
    write_definition(default_audit(), broken)
    wb = openpyxl.load_workbook(broken)
    wb.remove(wb["Agencies"])  # lose a whole sheet of the definition
    wb.save(broken)
    assert main(["generate", str(broken), "--out", str(tmp_path / "out")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines and all(line.startswith("error: broken.xlsx") for line in lines)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    "stem, expected",
    [
        ("EHWB-2026-Q1 - Inclusion Support", "EHWB-2026-Q1 - Inclusion Support.xlsx"),
        ('A/B: "C"?*', "A_B_ _C___.xlsx"),
        ("CON", "_CON.xlsx"),
        ("  trailing dots... ", "trailing dots.xlsx"),
        ("", "workbook.xlsx"),
    ],
)
def test_file_names_are_legal_on_windows_and_mac(stem, expected):
    assert safe_file_name(stem) == expected


def _with_case_reference(tmp_path, reference: str) -> Path:
    path = tmp_path / "named.xlsx"
    write_definition(default_audit(), path)
    wb = openpyxl.load_workbook(path)
    wb["Cases"]["A2"] = reference
    wb.save(path)
    return path


def test_a_case_reference_that_may_be_a_name_stops_generate_and_writes_nothing(tmp_path, capsys):
    definition = _with_case_reference(tmp_path, "Jordan")
    assert main(["generate", str(definition), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "error: named.xlsx, sheet 'Cases', cell A2: case reference 'Jordan' is not of the form 'Case A'" in err
    assert "--allow-references" in err
    assert not (tmp_path / "out").exists()


def test_allow_references_generates_with_the_warning_shown(tmp_path, capsys):
    definition = _with_case_reference(tmp_path, "Review 7")
    assert main(["generate", str(definition), "--out", str(tmp_path / "out"), "--allow-references"]) == 0
    assert "warning: named.xlsx, sheet 'Cases', cell A2: case reference 'Review 7'" in capsys.readouterr().err
    assert any("Review 7" in openpyxl.load_workbook(p, read_only=True).sheetnames for p in (tmp_path / "out").glob("*SCT*"))
