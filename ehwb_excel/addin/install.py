"""Puts ehwb_audit.xlam where Excel opens it at start-up (Windows, Mac), or takes it away."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path

from ehwb_excel.addin.names import ADDIN_FILE_NAME

Say = Callable[[str], None]

# Where Excel opens every file at start-up, for this user (what xlwings' `addin install` uses
# through Excel's Application.StartupPath).
WINDOWS_STARTUP = ("Microsoft", "Excel", "XLSTART")  # under %APPDATA%
MAC_STARTUP = ("Library", "Group Containers", "UBF8T346G9.Office", "User Content.localized", "Startup.localized", "Excel")
# Excel for Mac is sandboxed: RunPython runs Python through this AppleScript, which Excel only
# finds in its own Application Scripts folder (what `xlwings runpython install` copies there).
MAC_SCRIPTS = ("Library", "Application Scripts", "com.microsoft.Excel")


class ExcelNotAvailable(Exception):
    """Excel does not run on this system (Linux): nothing can be installed here."""


def startup_folder(platform: str | None = None, *, home: str | os.PathLike | None = None,
                   environ: Mapping[str, str] | None = None) -> Path:
    """The folder Excel opens add-ins from at start-up on this system."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    home = Path(home) if home else Path.home()
    if platform.startswith("win"):
        appdata = environ.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base.joinpath(*WINDOWS_STARTUP)
    if platform == "darwin":
        return home.joinpath(*MAC_STARTUP)
    name = "Linux" if platform.startswith("linux") else platform
    raise ExcelNotAvailable(f"Excel is not available on {name}")


def install_addin(addin_file: str | os.PathLike, *, platform: str | None = None, home: str | os.PathLike | None = None,
                  environ: Mapping[str, str] | None = None, say: Say = print) -> Path:
    """Copy the built add-in into Excel's start-up folder; returns where it now is.

    On a Mac the AppleScript that RunPython needs is copied too. ExcelNotAvailable on Linux.
    """
    source = Path(addin_file)
    if not source.is_file():
        raise FileNotFoundError(2, "the add-in file does not exist (build it with 'ehwb addin build')", str(source))
    folder = startup_folder(platform, home=home, environ=environ)
    if not folder.is_dir():
        folder.mkdir(parents=True)
        say(f"Created folder {folder}")
    target = folder / ADDIN_FILE_NAME
    replacing = target.exists()
    with _in_use_means_quit_excel(target):
        shutil.copyfile(source, target)
    say(f"{'Replaced' if replacing else 'Copied'} {source} -> {target}")
    warning = interpreter_warning(target, platform or sys.platform)
    if warning:
        say(warning)
    if (platform or sys.platform) == "darwin":
        script = _runpython_applescript()
        if script is not None:
            scripts = Path(home or Path.home()).joinpath(*MAC_SCRIPTS)
            scripts.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(script, scripts / script.name)
            say(f"Copied {script} -> {scripts / script.name} (lets Excel start Python)")
        else:
            say("xlwings' AppleScript was not found: run 'xlwings runpython install' once.")
    say("Restart Excel (quit it completely first): the 'EHWB Audit' tab appears on the ribbon.")
    return target


def interpreter_warning(addin: Path, platform: str) -> str | None:
    """What is wrong with the Python the add-in will ask Excel to start here; None when it exists."""
    from ehwb_excel.addin.settings_file import addin_file_settings, setting_in

    key = "Interpreter_Win" if platform.startswith("win") else "Interpreter_Mac"
    interpreter = setting_in(addin_file_settings(addin), key)
    rebuild = "run 'ehwb addin install' without --file, from the Python that has ehwb_excel, to build it for this computer."
    if not interpreter:
        return f"Warning: the add-in names no Python ({key} is empty), so Excel will start whatever 'python' it finds; {rebuild}"
    if not Path(interpreter).is_file():
        return f"Warning: the add-in names {interpreter} as its Python ({key}), which does not exist here; {rebuild}"
    return None


def uninstall_addin(*, platform: str | None = None, home: str | os.PathLike | None = None,
                    environ: Mapping[str, str] | None = None, say: Say = print) -> Path | None:
    """Remove the add-in from Excel's start-up folder; returns the removed path, None when it
    was not installed. ExcelNotAvailable on Linux."""
    target = startup_folder(platform, home=home, environ=environ) / ADDIN_FILE_NAME
    if not target.exists():
        say(f"Nothing to remove: {target} does not exist.")
        return None
    with _in_use_means_quit_excel(target):
        target.unlink()
    say(f"Removed {target}")
    say("Restart Excel: the 'EHWB Audit' tab is gone.")
    return target


@contextmanager
def _in_use_means_quit_excel(target: Path):
    # Windows refuses to replace or delete an add-in that a running Excel has open
    try:
        yield
    except PermissionError as error:
        raise PermissionError(error.errno, "the add-in is in use or the folder is read-only: quit Excel completely "
                                           "(check Task Manager for EXCEL.EXE) and run the command again", str(target)) from error


def _runpython_applescript() -> Path | None:
    """xlwings' AppleScript for this xlwings version (the template's VBA calls it by this name)."""
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        return None
    scripts = sorted(Path(spec.origin).parent.glob("xlwings-*.applescript"))
    return scripts[-1] if scripts else None
