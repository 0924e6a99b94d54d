"""Writing a file atomically: the old file or the whole new one, never half of one, and no temporary file left."""

from __future__ import annotations

import os

import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.files.atomic import replacing, write_bytes


def test_a_write_that_fails_half_way_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"the earlier report")
    with pytest.raises(OSError), replacing(target) as temporary:
        temporary.write_bytes(b"half of the")
        raise OSError("disk full")
    assert target.read_bytes() == b"the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "master.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640


def test_the_definition_writer_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "definition.xlsx"
    write_definition(default_audit(), target)
    before = target.read_bytes()

    def fail_half_way(self, filename):
        with open(filename, "wb") as file:
            file.write(b"PK\x03\x04 half a workbook")
        raise OSError("the disk is full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", fail_half_way)
    with pytest.raises(OSError):
        write_definition(default_audit(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["definition.xlsx"]
