"""The coordinator can edit the definition in LibreOffice Calc: saved back as xlsx, it reads the same."""

import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.reader import read_definition
from ehwb_excel.definition.writer import write_definition
from tests.definition_helpers import agency_column, case_row, definition, save, setting_row

SOFFICE_SECONDS = 180


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The written definition and a variant holding booleans and numbers, each saved again by LibreOffice."""
    source = tmp_path_factory.mktemp("lo_in")
    out = tmp_path_factory.mktemp("lo_out")
    profile = tmp_path_factory.mktemp("lo_profile")
    write_definition(default_audit(), source / "audit.xlsx")
    save(definition({
        f"Cases!{agency_column('SCT')}{case_row('Case A')}": True,
        f"Audit!B{setting_row('Template version')}": 1,
        "Lists!C2": 4.0,
    }), source, "typed.xlsx")
    command = [
        shutil.which("soffice") or "soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
        str(source / "audit.xlsx"), str(source / "typed.xlsx"),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=SOFFICE_SECONDS)
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["audit.xlsx", "typed.xlsx"])
def test_saved_by_libreoffice_reads_as_the_same_audit(converted, name):
    path = converted / name
    assert _app_is_libreoffice(path)  # really saved by LibreOffice, not our file copied
    audit, report = read_definition(path)
    assert report.problems == []
    assert audit == default_audit()
    assert audit.checksum() == default_audit().checksum()


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_definitions_own_dropdowns(converted):
    workbook = openpyxl.load_workbook(converted / "audit.xlsx")
    names = set(workbook.defined_names.keys())
    lists = [dv.formula1 for ws in workbook for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 9 and set(lists) <= names


def _app_is_libreoffice(path) -> bool:
    with zipfile.ZipFile(path) as package:
        return b"LibreOffice" in package.read("docProps/app.xml")
