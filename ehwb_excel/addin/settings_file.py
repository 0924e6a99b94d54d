"""The add-in's settings read from the installed .xlam file itself, when Excel will not say."""

from __future__ import annotations

import os
from pathlib import Path

from ehwb_excel.addin.names import SETTINGS_SHEET


def addin_file_settings(path: str | os.PathLike) -> dict[str, str]:
    """Key -> value (as text) from the settings sheet of the add-in at `path`; {} when the
    file or the sheet cannot be read. Keys are matched case-insensitively by callers."""
    from python_calamine import CalamineWorkbook  # values only: nothing in the add-in runs

    try:
        rows = CalamineWorkbook.from_path(str(Path(path))).get_sheet_by_name(SETTINGS_SHEET).to_python()
    except Exception:  # missing, locked or not ours: the button then uses its defaults
        return {}
    settings: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip() and row[1] not in (None, ""):
            settings[row[0].strip()] = str(row[1]).strip()
    return settings


def setting_in(settings: dict[str, str], key: str) -> str | None:
    """`settings[key]` ignoring case (xlwings reads keys in upper case); None when absent."""
    wanted = key.strip().upper()
    return next((value for name, value in settings.items() if name.upper() == wanted), None)
