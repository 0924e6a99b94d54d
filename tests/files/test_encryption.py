"""Office's password-to-open encryption, in memory: round trip, a wrong password, plain files passed through."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from ehwb_excel.files import encryption


def _workbook_bytes() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Case A"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_workbook_encrypted_opens_with_its_password_only(tmp_path):
    plain = _workbook_bytes()
    locked = encryption.encrypt(plain, "correct horse")
    assert encryption.is_encrypted(locked) and not encryption.is_encrypted(plain)
    assert b"Case A" not in locked
    assert encryption.decrypt(locked, "correct horse") == plain
    assert load_workbook(io.BytesIO(encryption.plain(locked, "correct horse"))).active["A1"].value == "Case A"
    with pytest.raises(encryption.WrongPassword, match="does not open it"):
        encryption.decrypt(locked, "Correct horse")
    with pytest.raises(encryption.WrongPassword, match="no password"):
        encryption.plain(locked, None)
    assert encryption.plain(plain, None) == plain and encryption.plain(plain, "any") == plain
    path = tmp_path / "locked.xlsx"
    path.write_bytes(locked)
    assert encryption.file_is_encrypted(path) and encryption.is_encrypted_package(path)
    path.write_bytes(plain)
    assert not encryption.file_is_encrypted(path) and not encryption.is_encrypted_package(path)


def test_damaged_encrypted_bytes_are_a_reason_not_a_crash():
    locked = encryption.encrypt(_workbook_bytes(), "pw")
    with pytest.raises(encryption.WrongPassword, match="cannot be decrypted"):
        encryption.decrypt(locked[: len(locked) // 2], "pw")
