"""Builds ehwb_audit.xlam from xlwings' ribbon add-in template, patched at the zip level.

The template is an add-in saved by Excel: its VBA project (vbaProject.bin) is compiled and
signed by nobody but Excel, so it is copied byte for byte, and so is every other part we do
not need to change. openpyxl is never used here: loading and saving an add-in with it drops
or rewrites parts it does not understand (the ribbon, the VBA project's relationships).
"""

from __future__ import annotations

import importlib.util
from importlib import resources
import os
import re
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import defusedxml.ElementTree as SafeET

from ehwb_excel import __version__
from ehwb_excel.addin.names import (
    ADDIN_FILE_NAME,
    RIBBON_CALLBACK,
    SETTINGS_SHEET,
    TEMPLATE_FILE_NAME,
    TEMPLATE_SETTINGS_SHEET,
)
from ehwb_excel.addin.port import DEFAULT_RETURNS_FOLDER, RETURNS_FOLDER_SETTING
from ehwb_excel.files.atomic import replacing

RIBBON_PART = "customUI/customUI.xml"  # where the template's relationship points (2006/01 ribbon)
WORKBOOK_PART = "xl/workbook.xml"
SETTINGS_SHEET_PART = "xl/worksheets/sheet1.xml"  # the template's only sheet: its settings
SHARED_STRINGS_PART = "xl/sharedStrings.xml"
CORE_PROPERTIES_PART = "docProps/core.xml"
RIBBON_NAMESPACE = "http://schemas.microsoft.com/office/2006/01/customui"
RIBBON_FILE_NAME = "ribbon.xml"  # package data beside this module


class AddinBuildError(RuntimeError):
    """The add-in cannot be built here (no template, no ribbon XML, a ribbon we cannot bind)."""


# -- where the inputs are ----------------------------------------------------------------------
def template_path() -> Path:
    """The ribbon add-in template inside the installed xlwings package (not imported: found)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise AddinBuildError("xlwings is not installed: run 'pip install ehwb_excel[addin]' and build again.")
    path = Path(spec.origin).parent / TEMPLATE_FILE_NAME
    if not path.is_file():
        raise AddinBuildError(f"the installed xlwings has no {TEMPLATE_FILE_NAME} ({path.parent}); install xlwings 0.22 or later.")
    return path


def ribbon_xml() -> bytes:
    """The add-in's ribbon XML, shipped inside the package (ehwb_excel/addin/ribbon.xml)."""
    return resources.files("ehwb_excel.addin").joinpath(RIBBON_FILE_NAME).read_bytes()


# -- the parts we write ----------------------------------------------------------------------
def default_interpreters(platform: str | None = None, executable: str | None = None) -> dict[str, str]:
    """This Python for the system it runs on: the add-in then runs the ehwb_excel installed here."""
    platform = platform or sys.platform
    executable = executable or sys.executable
    if platform.startswith("win"):
        return {"Interpreter_Win": executable, "Interpreter_Mac": ""}
    if platform == "darwin":
        return {"Interpreter_Win": "", "Interpreter_Mac": executable}
    return {"Interpreter_Win": "", "Interpreter_Mac": ""}  # built on Linux: set it where Excel runs


def addin_settings(*, interpreters: dict[str, str] | None = None, returns_folder: str = DEFAULT_RETURNS_FOLDER,
                   pythonpath: str = "") -> list[tuple[str, str | bool]]:
    """The rows of the add-in's settings sheet: xlwings' keys, then ours.

    xlwings' VBA reads column A from A1 down to the first empty cell, so the rows are
    contiguous and every key has a row even when its value is empty.
    """
    interpreters = interpreters if interpreters is not None else default_interpreters()
    return [
        ("Interpreter_Win", interpreters.get("Interpreter_Win", "")),
        ("Interpreter_Mac", interpreters.get("Interpreter_Mac", "")),
        ("PYTHONPATH", pythonpath),
        ("Conda Path", ""),
        ("Conda Env", ""),
        ("UDF Modules", ""),
        ("Debug UDFs", False),
        ("Use UDF Server", False),
        ("Show Console", False),
        # Our code is installed in site-packages: the master's folder (where anyone may drop a
        # .py file) is kept off the import path.
        ("ADD_WORKBOOK_TO_PYTHONPATH", False),
        (RETURNS_FOLDER_SETTING, returns_folder),
    ]


def settings_parts(template_sheet_xml: str, settings: list[tuple[str, str | bool]]) -> tuple[str, str]:
    """(sheet XML, shared strings XML) holding `settings` in columns A and B."""
    strings: list[str] = []

    def cell(ref: str, value) -> str:
        if isinstance(value, bool):
            return f'<c r="{ref}" s="1" t="b"><v>{int(value)}</v></c>'
        if value in ("", None):
            return ""
        strings.append(str(value))
        return f'<c r="{ref}" s="1" t="s"><v>{len(strings) - 1}</v></c>'

    rows = "".join(f'<row r="{n}">{cell(f"A{n}", key)}{cell(f"B{n}", value)}</row>' for n, (key, value) in enumerate(settings, start=1))
    sheet = re.sub(r"<sheetData>.*</sheetData>|<sheetData\s*/>", lambda _: f"<sheetData>{rows}</sheetData>", template_sheet_xml, flags=re.S)
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:B{len(settings)}" />', sheet)
    sheet = sheet.replace('<col min="2" max="2" width="9.25"', '<col min="2" max="2" width="60"')  # paths fit
    items = "".join(f"<si><t xml:space=\"preserve\">{escape(s)}</t></si>" for s in strings)
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')
    return sheet, shared


def workbook_part(template_workbook_xml: str) -> str:
    """The template's workbook.xml with the settings sheet switched on and the path of the
    machine it was made on (absPath) removed."""
    xml = template_workbook_xml.replace(f'name="{TEMPLATE_SETTINGS_SHEET}"', f'name="{SETTINGS_SHEET}"')
    return re.sub(r"<mc:AlternateContent\b[^>]*>(?:(?!</mc:AlternateContent>).)*absPath.*?</mc:AlternateContent>", "", xml, flags=re.S)


def core_properties(now: datetime) -> str:
    stamp = now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>EHWB Audit add-in</dc:title>"
            "<dc:description>Merges the agencies' returns into the open master workbook.</dc:description>"
            f"<dc:creator>ehwb_excel {escape(__version__)}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>")


def checked_ribbon(xml_bytes: bytes) -> bytes:
    """The ribbon XML, refused unless it is a 2006/01 customUI whose every onAction is the
    template's callback (the only Sub(control As IRibbonControl) the template's VBA has)."""
    root = SafeET.fromstring(xml_bytes)
    if root.tag != f"{{{RIBBON_NAMESPACE}}}customUI":
        raise AddinBuildError(f"the ribbon XML must be a customUI in namespace {RIBBON_NAMESPACE} (found {root.tag}).")
    actions = {el.get("onAction") for el in root.iter() if el.get("onAction")}
    unknown = actions - {RIBBON_CALLBACK}
    if unknown or not actions:
        raise AddinBuildError(f"every ribbon onAction must be {RIBBON_CALLBACK} (found {sorted(actions) or 'none'}).")
    return xml_bytes


# -- the build -------------------------------------------------------------------------------------
def build_addin(out_dir: str | os.PathLike, *, interpreters: dict[str, str] | None = None,
                returns_folder: str = DEFAULT_RETURNS_FOLDER, pythonpath: str = "",
                template: str | os.PathLike | None = None, ribbon: str | os.PathLike | None = None,
                now: datetime | None = None) -> Path:
    """Write ehwb_audit.xlam into `out_dir` (created if missing) and return its path.

    Every entry of the template is copied; only the ribbon, the settings sheet (and its
    strings), the sheet's name in workbook.xml and the document properties are replaced.
    The file appears whole or not at all.
    """
    template = Path(template) if template else template_path()
    ribbon_part = checked_ribbon(Path(ribbon).read_bytes() if ribbon else ribbon_xml())
    settings = addin_settings(interpreters=interpreters, returns_folder=returns_folder, pythonpath=pythonpath)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / ADDIN_FILE_NAME
    with zipfile.ZipFile(template) as source:
        names = source.namelist()
        missing = {RIBBON_PART, WORKBOOK_PART, SETTINGS_SHEET_PART, SHARED_STRINGS_PART, CORE_PROPERTIES_PART} - set(names)
        if missing:
            raise AddinBuildError(f"{template.name} is not the expected xlwings ribbon template (missing {', '.join(sorted(missing))}).")
        sheet_xml, shared_xml = settings_parts(source.read(SETTINGS_SHEET_PART).decode("utf-8"), settings)
        replaced = {
            RIBBON_PART: ribbon_part,
            WORKBOOK_PART: workbook_part(source.read(WORKBOOK_PART).decode("utf-8")).encode("utf-8"),
            SETTINGS_SHEET_PART: sheet_xml.encode("utf-8"),
            SHARED_STRINGS_PART: shared_xml.encode("utf-8"),
            CORE_PROPERTIES_PART: core_properties(now or datetime.now(timezone.utc)).encode("utf-8"),
        }
        with replacing(target) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as built:
            for info in source.infolist():  # same order, names and dates as the template
                data = replaced.get(info.filename, None)
                built.writestr(_copy_info(info), data if data is not None else source.read(info.filename))
    return target


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.compress_type = zipfile.ZIP_DEFLATED
    copy.external_attr = info.external_attr
    return copy
