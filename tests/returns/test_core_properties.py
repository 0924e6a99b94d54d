"""The workbook's own last-saved time, read from its core properties as Excel, LibreOffice and openpyxl write them."""

import io
import zipfile
from datetime import datetime, timezone

import pytest

from ehwb_excel.returns.core_properties import last_saved, w3c_datetime

CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{}</dcterms:modified></cp:coreProperties>'
)
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="{}"/></Relationships>'
)


def package(parts: dict[str, str]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return stream.getvalue()


@pytest.mark.parametrize("written, meant", [
    ("2026-03-30T09:15:00Z", datetime(2026, 3, 30, 9, 15)),  # Excel, openpyxl
    ("2026-03-30T09:15:00.123456789Z", datetime(2026, 3, 30, 9, 15, 0, 123456)),  # LibreOffice's nine digits
    ("2026-03-30T10:15:00+01:00", datetime(2026, 3, 30, 9, 15)),
    ("2026-03-30T09:15:00", datetime(2026, 3, 30, 9, 15)),  # no offset: UTC
])
def test_the_saved_time_in_every_writers_form(written, meant):
    assert last_saved(package({"docProps/core.xml": CORE.format(written)})) == meant.replace(tzinfo=timezone.utc)


def test_the_part_is_found_through_the_package_relationships():
    content = package({"_rels/.rels": RELS.format("/meta/props.xml"), "meta/props.xml": CORE.format("2026-03-30T09:15:00Z")})
    assert last_saved(content) == datetime(2026, 3, 30, 9, 15, tzinfo=timezone.utc)


@pytest.mark.parametrize("parts", [
    {},  # no core properties (some writers record none)
    {"docProps/core.xml": CORE.format("")},
    {"docProps/core.xml": CORE.format("last Tuesday")},
    {"docProps/core.xml": "<not xml"},
    {"docProps/core.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + CORE.format("&a;")},  # entities are refused, not expanded
])
def test_no_time_or_a_bad_one_is_none_never_an_error(parts):
    assert last_saved(package(parts)) is None


def test_not_a_package_is_none():
    assert last_saved(b"not a zip") is None
    assert w3c_datetime(None) is None


@pytest.mark.parametrize("name, saved", [
    ("dv_list_cross_sheet_x14_excel16.xlsx", datetime(2023, 7, 18, 13, 53, 24)),
    ("dv_list_inline_libreoffice7.xlsx", datetime(2021, 7, 17, 14, 27, 41)),
    ("dv_list_inline_googlesheets.xlsx", None),  # Google Sheets records no save time: the file's time is used
])
def test_files_saved_by_the_real_applications(real_files, name, saved):
    found = last_saved((real_files / name).read_bytes())
    assert found == (saved.replace(tzinfo=timezone.utc) if saved else None)
