"""Installing and removing the add-in, with the platform faked: the right folder, the file
copied or removed, and the lines printed; on Linux a clear refusal."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from ehwb_excel.cli import main as cli
from ehwb_excel.addin.build import build_addin
from ehwb_excel.addin import install
from ehwb_excel.addin.install import ExcelNotAvailable, install_addin, startup_folder, uninstall_addin

MAC_STARTUP = Path("Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel")


@pytest.fixture
def built(tmp_path) -> Path:
    """An add-in built for this Python, as `ehwb addin build` on the coordinator's computer makes it."""
    python = sys.executable
    return build_addin(tmp_path / "build", interpreters={"Interpreter_Win": python, "Interpreter_Mac": python})


def test_windows_startup_folder_is_xlstart_under_appdata(tmp_path):
    appdata = tmp_path / "Roaming"
    assert startup_folder("win32", environ={"APPDATA": str(appdata)}) == appdata / "Microsoft" / "Excel" / "XLSTART"


def test_mac_startup_folder_is_in_the_office_group_container(tmp_path):
    assert startup_folder("darwin", home=tmp_path) == tmp_path / MAC_STARTUP


def test_install_on_windows_copies_into_xlstart_and_says_so(built, tmp_path):
    appdata, lines = tmp_path / "Roaming", []
    target = install_addin(built, platform="win32", environ={"APPDATA": str(appdata)}, say=lines.append)
    xlstart = appdata / "Microsoft" / "Excel" / "XLSTART"
    assert target == xlstart / "ehwb_audit.xlam"
    assert target.read_bytes() == built.read_bytes()
    assert lines == [
        f"Created folder {xlstart}",
        f"Copied {built} -> {target}",
        "Restart Excel (quit it completely first): the 'EHWB Audit' tab appears on the ribbon.",
    ]


def test_install_again_replaces_the_old_add_in(built, tmp_path):
    environ = {"APPDATA": str(tmp_path)}
    install_addin(built, platform="win32", environ=environ, say=lambda _: None)
    newer = build_addin(tmp_path / "newer", interpreters={"Interpreter_Win": sys.executable}, returns_folder="Q2")
    lines = []
    target = install_addin(newer, platform="win32", environ=environ, say=lines.append)
    assert target.read_bytes() == newer.read_bytes() != built.read_bytes()
    built = newer
    assert lines[0] == f"Replaced {built} -> {target}"


def test_install_on_mac_also_gives_excel_the_runpython_applescript(built, tmp_path, monkeypatch):
    script = tmp_path / "xlwings-0.37.8.applescript"
    script.write_text("on VbaHandler(x)\nend VbaHandler\n")
    monkeypatch.setattr(install, "_runpython_applescript", lambda: script)
    home, lines = tmp_path / "home", []
    target = install_addin(built, platform="darwin", home=home, say=lines.append)
    assert target == home / MAC_STARTUP / "ehwb_audit.xlam" and target.is_file()
    scripts = home / "Library" / "Application Scripts" / "com.microsoft.Excel"
    assert (scripts / script.name).read_text() == script.read_text()
    assert f"Copied {script} -> {scripts / script.name} (lets Excel start Python)" in lines


def test_installed_xlwings_ships_the_applescript_the_template_vba_calls():
    script = install._runpython_applescript()
    import xlwings

    assert script is not None and script.name == f"xlwings-{xlwings.__version__}.applescript"


def test_uninstall_removes_the_installed_add_in(built, tmp_path):
    environ = {"APPDATA": str(tmp_path)}
    target = install_addin(built, platform="win32", environ=environ, say=lambda _: None)
    lines = []
    assert uninstall_addin(platform="win32", environ=environ, say=lines.append) == target
    assert not target.exists()
    assert lines[0] == f"Removed {target}"


def test_uninstall_when_not_installed_says_so(tmp_path):
    lines = []
    assert uninstall_addin(platform="darwin", home=tmp_path, say=lines.append) is None
    assert lines == [f"Nothing to remove: {tmp_path / MAC_STARTUP / 'ehwb_audit.xlam'} does not exist."]


def test_linux_has_no_excel(built, tmp_path):
    with pytest.raises(ExcelNotAvailable, match="Excel is not available on Linux"):
        install_addin(built, platform="linux", home=tmp_path)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == [Path("build"), Path("build/ehwb_audit.xlam")]


def test_missing_add_in_file_is_refused_before_anything_is_copied(tmp_path):
    with pytest.raises(FileNotFoundError, match="ehwb addin build"):
        install_addin(tmp_path / "nope.xlam", platform="win32", environ={"APPDATA": str(tmp_path / "a")})
    assert not (tmp_path / "a").exists()


# -- the command ----------------------------------------------------------------------------------
def test_command_build_writes_the_add_in(tmp_path, capsys):
    assert cli.main(["addin", "build", "--out", str(tmp_path), "--interpreter", r"C:\py\python.exe"]) == 0
    assert (tmp_path / "ehwb_audit.xlam").is_file()
    assert capsys.readouterr().out.splitlines() == [f"Built {tmp_path / 'ehwb_audit.xlam'}"]


def test_command_build_refuses_to_replace_an_add_in_without_force(tmp_path, capsys):
    addin = tmp_path / "ehwb_audit.xlam"
    addin.write_bytes(b"the coordinator's own copy")
    assert cli.main(["addin", "build", "--out", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err and addin.read_bytes() == b"the coordinator's own copy"
    assert cli.main(["addin", "install", "--out", str(tmp_path)]) == 2
    assert addin.read_bytes() == b"the coordinator's own copy"
    assert cli.main(["addin", "build", "--out", str(tmp_path), "--force"]) == 0
    assert zipfile.is_zipfile(addin)


def test_command_install_on_linux_says_where_the_file_is_and_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(install.sys, "platform", "linux")
    assert cli.main(["addin", "install", "--out", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert f"Built {tmp_path / 'ehwb_audit.xlam'}" in captured.out
    assert captured.err.startswith(
        f"error: Excel is not available on Linux, so nothing was installed. The add-in file is {tmp_path / 'ehwb_audit.xlam'}")


def test_command_install_on_windows_copies_the_given_file(built, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(install.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert cli.main(["addin", "install", "--file", str(built)]) == 0
    assert (tmp_path / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "ehwb_audit.xlam").is_file()
    assert "Copied" in capsys.readouterr().out


def test_command_uninstall_on_linux_exits_2_without_traceback(capsys, monkeypatch):
    monkeypatch.setattr(install.sys, "platform", "linux")
    assert cli.main(["addin", "uninstall"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "error: Excel is not available on Linux, so there is no add-in to remove here.\n"
    assert "Traceback" not in captured.err


def test_an_add_in_excel_holds_open_is_a_one_line_error_saying_quit_excel(built, tmp_path, monkeypatch, capsys):
    def locked(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(install.shutil, "copyfile", locked)
    monkeypatch.setattr(install.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path))
    assert cli.main(["addin", "install", "--file", str(built)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "quit Excel completely" in err and "XLSTART" in err and "Traceback" not in err


@pytest.mark.parametrize("interpreters, expected", [
    ({}, "Warning: the add-in names no Python (Interpreter_Win is empty), so Excel will start whatever 'python' it finds; "),
    ({"Interpreter_Win": r"C:\Users\someone\Python311\python.exe"},
     r"Warning: the add-in names C:\Users\someone\Python311\python.exe as its Python (Interpreter_Win), which does not exist here; "),
])
def test_installing_an_add_in_built_elsewhere_warns_about_its_python(tmp_path, interpreters, expected):
    elsewhere = build_addin(tmp_path / "linux-build", interpreters=interpreters)
    lines = []
    install_addin(elsewhere, platform="win32", environ={"APPDATA": str(tmp_path)}, say=lines.append)
    assert lines[-2].startswith(expected)
    assert lines[-2].endswith("run 'ehwb addin install' without --file, from the Python that has ehwb_excel, to build it for this computer.")
