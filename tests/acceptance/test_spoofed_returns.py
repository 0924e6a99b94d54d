"""A coordinator's folder holding a return made to look like another agency's, one with a second
agency code in its hidden metadata, and one whose rows were sorted without the hidden question-id
column, beside good returns: `ehwb merge` refuses each in one line naming the file, merges every good
answer exactly once, and never puts an answer under a question it was not given for."""

from __future__ import annotations

import shutil

from openpyxl import load_workbook

from ehwb_excel.cli.main import main
from ehwb_excel.excel import layout
from tests.merge_helpers import full_answers, real_master, real_return


def _edit_meta(path, change) -> None:
    wb = load_workbook(path)
    change(wb[layout.META_SHEET])
    wb.save(path)


def _recode(sheet, code: str) -> None:
    for row in sheet.iter_rows():
        if row[0].value == layout.META_AGENCY:
            row[1].value = code


def test_spoofed_and_reshuffled_returns_are_refused_and_every_good_answer_merges_once(tmp_path, capsys):
    returns = tmp_path / "returns"
    good = {agency: real_return(returns, agency, full_answers(agency)) for agency in ("SCT", "WMP")}
    spoofed = returns / "CAMHS return.xlsx"  # WMP's return, its hidden agency code changed to CAMHS
    shutil.copy(good["WMP"], spoofed)
    _edit_meta(spoofed, lambda sheet: _recode(sheet, "CAMHS"))
    twice = real_return(returns, "CAMHS", full_answers("CAMHS"), name="CAMHS again.xlsx")
    _edit_meta(twice, lambda sheet: sheet.append([layout.META_AGENCY, "SCT"]))  # a second agency_code row
    master = real_master(tmp_path / "master.xlsx")

    assert main(["merge", str(returns), "--master", str(master), "--no-backup"]) == 1
    lines = capsys.readouterr().out.splitlines()
    for path, why in ((spoofed, "identity token was not made for that agency"), (twice, "names 'agency_code' 2 times")):
        named = [line for line in lines if line.startswith(f"error: {path.name}")]
        assert len(named) == 1 and why in named[0], lines

    book = load_workbook(master, read_only=True)
    sheet = book[layout.RESPONSES_SHEET]
    headers = next(sheet.iter_rows(max_row=1, values_only=True))
    rows = [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    for agency, path in good.items():
        merged = [(r["Case"], r["Question ID"]) for r in rows if r["Agency"] == agency]
        assert len(merged) == len(set(merged)) == len(full_answers(agency)), agency
        assert {r["Source file"] for r in rows if r["Agency"] == agency} == {path.name}
    assert not [r for r in rows if r["Agency"] == "CAMHS"]  # nothing of either refused file, under any agency


def test_rows_sorted_without_their_hidden_ids_never_merge_under_the_wrong_question(tmp_path, capsys):
    returns = tmp_path / "returns"
    path = real_return(returns, "SCT", full_answers("SCT", grade="Good", self_harm="No"))
    wb = load_workbook(path)
    ws = wb["Case A"]
    ids = {ws.cell(r, 6).value: r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 6).value, str)}
    first, second = ids["self_harm"], ids["voice_grade"]  # 'No' and 'Good' swap places with their questions
    for column in (1, 2, 3, 4, 5):  # every visible column sorted; the hidden id column (F) left where it was
        a, b = ws.cell(first, column), ws.cell(second, column)
        a.value, b.value = b.value, a.value
    wb.save(path)
    master = real_master(tmp_path / "master.xlsx")

    assert main(["merge", str(returns), "--master", str(master), "--no-backup"]) == 1
    lines = capsys.readouterr().out.splitlines()
    moved = [line for line in lines if "but its hidden Question ID says" in line]
    assert len(moved) == 2 and all(line.startswith(f"error: {path.name}, sheet 'Case A'") for line in moved), lines
    book = load_workbook(master, read_only=True)
    sheet = book[layout.RESPONSES_SHEET]
    headers = next(sheet.iter_rows(max_row=1, values_only=True))
    answers = {(r[1], r[4]): r[6] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert ("Case A", "self_harm") not in answers and ("Case A", "voice_grade") not in answers  # no Good under self-harm
    assert answers[("Case B", "voice_grade")] == "Good" and headers[6] == "Answer"
