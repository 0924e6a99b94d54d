"""An encrypted workbook written by `ehwb generate --password` opens in LibreOffice with the password
(and not without it), is filled in there, and merges with `ehwb merge --password`; the encrypted
report opens in LibreOffice Writer with the password."""

from __future__ import annotations

import pytest

from ehwb_excel.cli.main import main
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.excel import layout
from ehwb_excel.files import encryption
from ehwb_excel.master.reader import open_master, sheet_records
from ehwb_excel.workbook.generate import file_name_for, master_file_name
from tests.cli.test_password_cli import AUDIT, PASSWORD, encrypted_return
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.returns_helpers import answer_cell

TYPED = {("Case A", "gender"): "Female", ("Case A", "voice_grade"): "Good", ("Case B", "voice_grade"): "Requires improvement"}


@pytest.mark.libreoffice
def test_an_encrypted_return_opens_in_libreoffice_with_the_password_and_merges(libreoffice, tmp_path):
    definition = tmp_path / "definition.xlsx"
    write_definition(AUDIT, definition)
    sent, returns = tmp_path / "sent", tmp_path / "returns"
    assert main(["generate", str(definition), "--out", str(sent), "--password", PASSWORD]) == 0
    workbook = sent / file_name_for(AUDIT, "SCT")
    assert encryption.file_is_encrypted(workbook)

    refused = libreoffice.run([op("open", path=str(workbook), password="not the password")])
    assert "error" in refused[0]  # LibreOffice does not open it without the password

    lookup = tmp_path / "lookup.xlsx"  # where the answer cells are, read from a decrypted copy (the test's only)
    lookup.write_bytes(encryption.decrypt(workbook.read_bytes(), PASSWORD))
    operations = [op("open", path=str(workbook), password=PASSWORD)]
    for (case, question_id), value in TYPED.items():
        sheet, cell = answer_cell(lookup, case, question_id)
        operations.append(op("type_value", sheet=sheet, cell=cell, value=value))
    returns.mkdir()
    operations.append(op("save_as", path=str(returns / "SCT return.xlsx")))
    results = libreoffice.run(operations)
    assert not [r for r in results if "error" in r or r.get("accepted") is False], results
    assert "Case A" in [s["name"] for s in results[0]["sheets"]]
    encrypted_return(sent, returns, "CAMHS")  # and one still encrypted, as Excel saves it

    master = sent / master_file_name(AUDIT)
    # exit 1: SCT typed only some answers, so required answers are blank (in progress), which is listed
    assert main(["merge", str(returns), "--master", str(master), "--password", PASSWORD, "--no-backup"]) == 1
    book = open_master(master, PASSWORD)
    try:
        rows = sheet_records(book, layout.RESPONSES_SHEET)
    finally:
        book.close()
    sct = {(r["Case"], r["Question ID"]): r["Answer"] for r in rows if r["Agency"] == "SCT"}
    assert sct == TYPED
    assert {r["Agency"] for r in rows} == {"SCT", "CAMHS"}

    report = tmp_path / "report.docx"
    assert main(["report", str(master), "--out", str(report), "--password", PASSWORD]) == 0
    opened = libreoffice.run([op("open", path=str(report), password=PASSWORD)])
    assert "error" not in opened[0] and AUDIT.settings.theme in opened[0]["text"]
    assert "error" in libreoffice.run([op("open", path=str(report))])[0]
