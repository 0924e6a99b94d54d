"""Identity: a workbook carries a token of its agency, audit and cases that only the master's key makes.

A return whose code, token or case sheets do not belong together is refused with a reason,
a repeated metadata key is refused, and a row whose visible question is not its hidden id's
is refused (or, when it shows no question, said).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ehwb_excel.audit import identity
from ehwb_excel.demo.returns import fill_answers
from ehwb_excel.excel import layout
from ehwb_excel.master import merge_returns as merging
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.master.reader import master_identity_key
from ehwb_excel.merge.submission import REJECTED
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.reader import read_return
from ehwb_excel.workbook.generate import file_name_for, generate, master_file_name
from ehwb_excel.workbook.master_skeleton import master_workbook
from tests.merge_helpers import NOW, full_answers, merge_audit

AUDIT = merge_audit()  # SCT, CAMHS and WMP; Case A known to all three, Case B to SCT and WMP


# -- the token itself ---------------------------------------------------------------------------


def test_a_token_names_audit_agency_and_cases_and_nothing_else_makes_it():
    key = identity.new_key()
    token = identity.agency_token(key, "EHWB-T", "WMP", ["Case B", "Case A"])
    assert token == identity.agency_token(key, "EHWB-T", "wmp", ["Case A", "Case B"])  # order and letter case do not matter
    assert identity.token_matches(key, token, "EHWB-T", "WMP", ["Case A", "Case B"])
    for audit_id, agency, cases in (("EHWB-U", "WMP", ["Case A", "Case B"]), ("EHWB-T", "SCT", ["Case A", "Case B"]),
                                    ("EHWB-T", "WMP", ["Case A"])):
        assert not identity.token_matches(key, token, audit_id, agency, cases)
    assert not identity.token_matches(identity.new_key(), token, "EHWB-T", "WMP", ["Case A", "Case B"])
    assert not identity.token_matches(key, None, "EHWB-T", "WMP", ["Case A", "Case B"])
    assert identity.key_from_text(identity.key_text(key)) == key
    assert identity.key_from_text("not a key") is None and identity.key_from_text(None) is None


def test_generate_keeps_the_key_in_the_master_only_and_a_token_in_each_workbook(tmp_path):
    generate(AUDIT, tmp_path)
    key = master_identity_key(tmp_path / master_file_name(AUDIT))
    assert key is not None
    for agency in AUDIT.agencies:
        meta = _meta(tmp_path / file_name_for(AUDIT, agency.code))
        assert layout.META_IDENTITY_KEY not in meta and key.hex() not in repr(meta)
        cases = [c.reference for c in AUDIT.cases_for(agency.code)]
        assert identity.token_matches(key, meta[layout.META_AGENCY_TOKEN], AUDIT.settings.audit_id, agency.code, cases)
    # a workbook generated again beside the kept master is made with the same key: its merges accept it
    before = _meta(tmp_path / file_name_for(AUDIT, "WMP"))[layout.META_AGENCY_TOKEN]
    (tmp_path / file_name_for(AUDIT, "WMP")).unlink()
    generate(AUDIT, tmp_path, agencies=["WMP"])
    assert _meta(tmp_path / file_name_for(AUDIT, "WMP"))[layout.META_AGENCY_TOKEN] == before


# -- spoofing is refused, naming the file ------------------------------------------------------------


@pytest.fixture
def audit_folder(tmp_path):
    """A generated audit with every agency's return filled in: (master, returns folder)."""
    sent, returns = tmp_path / "sent", tmp_path / "returns"
    generate(AUDIT, sent)
    returns.mkdir()
    for agency in AUDIT.agencies:
        fill_answers(sent / file_name_for(AUDIT, agency.code), full_answers(agency.code), returns / f"{agency.code} return.xlsx")
    return sent / master_file_name(AUDIT), returns


def test_a_return_merges_with_its_token(audit_folder):
    master, returns = audit_folder
    result = merge_returns(returns, master, now=NOW)
    assert not result.rejected and not result.report.errors and result.reconciled
    assert {s.agency for s in result.agency_rows if s.answers} == {"SCT", "CAMHS", "WMP"}


def test_a_return_with_its_agency_code_changed_is_refused_naming_the_file(audit_folder):
    master, returns = audit_folder
    (returns / "CAMHS return.xlsx").unlink()
    spoofed = returns / "WMP return.xlsx"  # WMP's return made to look like CAMHS's
    _set_meta(spoofed, layout.META_AGENCY, "CAMHS")
    result = merge_returns(returns, master, now=NOW)
    problem = _only(result, ret.TOKEN_MISMATCH)
    assert problem.location.file == spoofed.name and "CAMHS" in problem.message
    assert next(s for s in result.submissions if s.file == spoofed.name).status == REJECTED
    assert not any(r.agency in ("CAMHS", "WMP") for r in _responses(result))  # nothing of it merged under either agency


def test_a_spoofed_return_is_refused_in_worker_processes_too(audit_folder, monkeypatch):
    master, returns = audit_folder
    _set_meta(returns / "WMP return.xlsx", layout.META_AGENCY, "SCT")
    monkeypatch.setattr(merging, "FILES_PER_WORKER", 1)
    result = merge_returns(returns, master, now=NOW, jobs=2)
    assert _only(result, ret.TOKEN_MISMATCH).location.file == "WMP return.xlsx"


def test_a_return_whose_token_was_removed_or_copied_is_refused(audit_folder):
    master, returns = audit_folder
    _set_meta(returns / "SCT return.xlsx", layout.META_AGENCY_TOKEN, None)
    wmp_token = _meta(returns / "WMP return.xlsx")[layout.META_AGENCY_TOKEN]
    _set_meta(returns / "CAMHS return.xlsx", layout.META_AGENCY_TOKEN, wmp_token)  # another agency's token
    result = merge_returns(returns, master, now=NOW)
    assert _only(result, ret.TOKEN_MISSING).location.file == "SCT return.xlsx"
    assert _only(result, ret.TOKEN_MISMATCH).location.file == "CAMHS return.xlsx"
    assert {s.file for s in result.rejected} == {"SCT return.xlsx", "CAMHS return.xlsx"}


def test_a_case_sheet_the_workbook_was_not_sent_with_is_refused(audit_folder):
    master, returns = audit_folder
    path = returns / "CAMHS return.xlsx"  # CAMHS knows Case A only
    wb = load_workbook(path)
    copied = wb.copy_worksheet(wb["Case A"])
    copied.title = "Case B"
    for row in copied.iter_rows():
        for cell in row:
            if cell.value == f"{layout.SUBJECT_CASE_PREFIX}Case A":
                cell.value = f"{layout.SUBJECT_CASE_PREFIX}Case B"
    wb.save(path)
    result = merge_returns(returns, master, now=NOW)
    problem = _only(result, ret.CASE_SHEET_NOT_SENT)
    assert (problem.location.file, problem.location.sheet) == (path.name, "Case B")
    assert next(s for s in result.submissions if s.file == path.name).status == REJECTED


def test_a_second_agency_code_row_is_refused_even_without_a_key(tmp_path, audit_folder):
    master, returns = audit_folder
    path = returns / "WMP return.xlsx"
    wb = load_workbook(path)
    ws = wb[layout.META_SHEET]
    ws.append([layout.META_AGENCY, "SCT"])
    wb.save(path)
    found = read_return(path, AUDIT)  # no key: still refused
    problem = next(p for p in found.problems if p.type is ret.METADATA_KEY_REPEATED)
    assert found.rejected and problem.location.sheet == layout.META_SHEET and problem.location.cell == f"A{ws.max_row}"
    assert f"'{layout.META_AGENCY}' 2 times" in problem.message


def test_a_master_made_before_tokens_says_so_once_and_merges(tmp_path, audit_folder):
    _, returns = audit_folder
    old_master = tmp_path / "old master.xlsx"
    master_workbook(AUDIT).save(old_master)  # no key
    result = merge_returns(returns, old_master, now=NOW)
    assert [p.location.file for p in result.report.problems if p.type is ret.MASTER_WITHOUT_IDENTITY_KEY] == [old_master.name]
    assert not result.rejected and result.reconciled


# -- a question row is taken only when its visible question is its hidden id's ------------------------


def test_rows_sorted_without_the_hidden_id_column_are_refused_and_located(audit_folder):
    master, returns = audit_folder
    path = returns / "CAMHS return.xlsx"
    wb = load_workbook(path)
    ws = wb["Case A"]
    rows = _question_rows(ws)
    gender, self_harm = rows["gender"], rows["self_harm"]
    for column in (2, 3):  # the visible question and answer swapped; the hidden id left where it was
        a, b = ws.cell(gender, column), ws.cell(self_harm, column)
        a.value, b.value = b.value, a.value
    wb.save(path)
    result = merge_returns(returns, master, now=NOW)
    moved = [p for p in result.report.problems if p.type is ret.QUESTION_ROW_MOVED]
    assert sorted(p.location.cell for p in moved) == sorted([f"C{gender}", f"C{self_harm}"])
    assert all(p.location.file == path.name for p in moved)
    camhs = {r.question_id: r.answer for r in _responses(result) if r.agency == "CAMHS" and r.case == "Case A"}
    assert "gender" not in camhs and "self_harm" not in camhs  # neither lands under the wrong question
    assert camhs["voice_grade"] == "Good" and result.reconciled


def test_a_reworded_question_is_said_and_merged_by_its_id(audit_folder):
    master, returns = audit_folder
    path = returns / "CAMHS return.xlsx"
    wb = load_workbook(path)
    ws = wb["Case A"]
    ws.cell(_question_rows(ws)["voice_grade"], 2).value = "How was the child heard?"
    wb.save(path)
    result = merge_returns(returns, master, now=NOW)
    problem = _only(result, ret.QUESTION_TEXT_CHANGED)
    assert problem.location.file == path.name and "How was the child heard?" in problem.message
    assert any(r.agency == "CAMHS" and r.question_id == "voice_grade" for r in _responses(result))


# -- helpers ----------------------------------------------------------------------------------------


def _meta(path: Path) -> dict:
    wb = load_workbook(path, read_only=True)
    try:
        return {row[0]: row[1] for row in wb[layout.META_SHEET].iter_rows(values_only=True) if row and row[0]}
    finally:
        wb.close()


def _set_meta(path: Path, key: str, value) -> None:
    wb = load_workbook(path)
    for row in wb[layout.META_SHEET].iter_rows():
        if row[0].value == key:
            row[1].value = value
    wb.save(path)


def _question_rows(ws) -> dict[str, int]:
    """Question id -> row, by the hidden id column (F)."""
    return {ws.cell(r, 6).value: r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 6).value, str)}


def _only(result, kind):
    found = [p for p in result.report.problems if p.type is kind]
    assert len(found) == 1, [str(p) for p in result.report.problems]
    return found[0]


def _responses(result):
    from ehwb_excel.merge.response_row import ResponseRow

    table = result.sheet(layout.RESPONSES_SHEET)
    return [ResponseRow.from_record(dict(zip(table.headers, row)), lambda v: v) for row in table.rows]


