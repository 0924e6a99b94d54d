"""Hostile files in the returns folder: each is refused (or read) with a located reason, none stops the merge.

The reader runs python-calamine, native code that can abort the whole process on some
inputs; a plain try/except cannot catch that. So every hostile file and every fuzzed
return is read in a child process: an abort there fails the test and names the file,
instead of killing pytest.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.intake import files_in_returns_folder
from ehwb_excel.problems.location import file_name_text
from tests.hostile_kinds import KINDS, NATIVE_NOISE, with_shared_strings_part
from tests.merge_helpers import full_answers, real_master, real_return
from tests.returns_helpers import filled_return, rewrite_parts

ROOT = Path(__file__).resolve().parents[2]
SECRET = "root:x:0:0"  # a line /etc/passwd always has: it must never reach a result

# Reads each path given and prints one JSON line per file; "reading" is printed first, so the
# file being read when the process died is known.
READER = """
import json, sys
from ehwb_excel.returns.reader import read_return
from tests.audit_factory import small_audit
audit = small_audit()
for path in sys.argv[1:]:
    print(json.dumps({"reading": path}), flush=True)
    found = read_return(path, audit)
    print(json.dumps({"path": path, "codes": [p.code for p in found.problems],
                      "files": [p.location.file for p in found.problems],
                      "text": [str(p) for p in found.problems] + [repr(a.value) + repr(a.comment) for a in found.answers],
                      "answers": len(found.answered), "rejected": found.rejected}), flush=True)
"""


def read_in_child(paths: list[Path], timeout: float = 120) -> dict[str, dict]:
    """path -> what the reader found, each file read in one child process; fails on a crash."""
    done = subprocess.run([sys.executable, "-c", READER, *map(str, paths)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    results = {line["path"]: line for line in lines if "path" in line}
    if done.returncode != 0:
        last = next((line["reading"] for line in reversed(lines) if "reading" in line), "?")
        pytest.fail(f"the reader died (exit {done.returncode}) on {last}: {done.stderr[-1500:]}")
    assert set(results) == {str(p) for p in paths}
    return results


# -- building hostile packages -------------------------------------------------------------------

def _meta_part(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return next(n for n in package.namelist() if n.startswith("xl/worksheets/") and layout.META_FORMAT.encode() in package.read(n))


def _answer_part(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return next(n for n in package.namelist() if n.startswith("xl/worksheets/") and b"Case A" in package.read(n)
                    and layout.COL_QUESTION_ID.encode() in package.read(n))


def _with_doctype(xml: bytes, doctype: str, text_entity: str | None = None) -> bytes:
    """`xml` with a DOCTYPE after its declaration (and, optionally, an entity reference in its first text)."""
    declaration, _, rest = xml.partition(b"?>") if xml.startswith(b"<?xml") else (b"", b"", xml)
    head = declaration + b"?>" if declaration else b'<?xml version="1.0" encoding="UTF-8"?>'
    if text_entity:
        rest = re.sub(rb"<t>", f"<t>&{text_entity};".encode(), rest, count=1)
    return head + doctype.encode() + rest


LAUGHS = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>")
EXTERNAL = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def _change(source: Path, target: Path, part: str, change) -> Path:
    return rewrite_parts(source, target, lambda name, data: change(data) if name == part else data)


def _far_cell(xml: bytes, cell: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b"<row>" + cell + b"</row></sheetData>", 1)


def _moved_sheet(source: Path, target: Path, new_name: str) -> Path:
    """The answer sheet moved to another part name (the relationships say where), with a far cell."""
    old = _answer_part(source)
    with zipfile.ZipFile(source) as package:
        sheet = package.read(old)

    def change(name: str, data: bytes) -> bytes | None:
        if name == old:
            return None
        if name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            return data.replace(f"/{old}".encode(), f"/{new_name}".encode())
        return data

    rewrite_parts(source, target, change)
    with zipfile.ZipFile(target, "a") as package:
        package.writestr(new_name, _far_cell(sheet, b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'))
    return target


def _with_shared_strings(source: Path, target: Path, strings_xml: bytes) -> Path:
    """A copy whose first answer is a shared string taken from `strings_xml`."""
    shutil.copyfile(source, target)
    return with_shared_strings_part(target, strings_xml)


def hostile_files(folder: Path, good: Path) -> dict[str, Path]:
    """Name -> a hostile file in `folder`, most of them made from the good return `good`."""
    files: dict[str, Path] = {}

    def add(name: str, path: Path) -> None:
        files[name] = path

    def raw(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        add(name, path)

    meta, answers = _meta_part(good), _answer_part(good)
    # a huge, highly compressible sheet (20 MB of blanks zips to a few KB)
    add("bomb", _change(good, folder / "bomb.xlsx", answers, lambda x: x.replace(b"<sheetData>", b"<sheetData>" + b" " * 20_000_000, 1)))
    with zipfile.ZipFile(good) as package:
        rows = package.read(answers).replace(b"</sheetData>", b"<row><c><v>1</v></c></row>" * 1_500_000 + b"</sheetData>", 1)
    add("million rows", _change(good, folder / "million rows.xlsx", answers, lambda x: rows))
    for part_name, part in (("workbook", "xl/workbook.xml"), ("meta sheet", meta), ("answer sheet", answers), ("app properties", "docProps/app.xml")):
        add(f"laughs in {part_name}", _change(good, folder / f"laughs {part_name}.xlsx", part, lambda x: _with_doctype(x, LAUGHS)))
        add(f"entity in {part_name}", _change(good, folder / f"xxe {part_name}.xlsx", part,
                                             lambda x, part=part: _with_doctype(x, EXTERNAL, "e" if part != "xl/workbook.xml" else None)))
    strings = (b'<?xml version="1.0"?>' + EXTERNAL.encode() + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
               b' count="1" uniqueCount="1"><si><t>&e;</t></si></sst>')
    add("entity in shared strings", _with_shared_strings(good, folder / "xxe strings.xlsx", strings))
    laughs = (b'<?xml version="1.0"?>' + LAUGHS.encode() + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
              b' count="1" uniqueCount="1"><si><t>&i;</t></si></sst>')
    add("laughs in shared strings", _with_shared_strings(good, folder / "laughs strings.xlsx", laughs))
    traversal = rewrite_parts(good, folder / "traversal.xlsx", lambda name, data: data)
    with zipfile.ZipFile(traversal, "a") as package:
        for name in ("../../escaped.txt", "/tmp/absolute-escaped.txt", "..\\..\\escaped-windows.txt"):
            package.writestr(name, b"written outside?")
    add("path traversal", traversal)
    many = folder / "many parts.xlsx"
    with zipfile.ZipFile(many, "w") as package:
        for number in range(6_000):
            package.writestr(f"xl/media/p{number}.bin", b"")
    add("thousands of entries", many)
    many_sheets = rewrite_parts(good, folder / "many big sheets.xlsx", lambda name, data: data)
    with zipfile.ZipFile(many_sheets, "a") as package:
        for number in range(3):  # each under the one-sheet limit, together over the workbook limit
            package.writestr(f"xl/worksheets/big{number}.xml", b'<worksheet><sheetData><row r="900000"><c r="B900000"><v>1</v></c>'
                             b"</row></sheetData></worksheet>")
    add("many big sheets", many_sheets)
    data = good.read_bytes()
    for share in (0.1, 0.5, 0.9):
        raw(f"truncated {share:.0%}.xlsx", data[: int(len(data) * share)])
    raw("truncated end.xlsx", data[:-1])
    add("huge dimension", _change(good, folder / "dimension.xlsx", answers,
                                 lambda x: x.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>', 1)))
    add("far cell, lower case", _change(good, folder / "far lower.xlsx", answers,
                                       lambda x: _far_cell(x, b'<c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c>')))
    add("sheet at another part name", _moved_sheet(good, folder / "moved.xlsx", "xl/worksheets/sub/sheet9.xml"))
    add("sheet at an upper-case part name", _moved_sheet(good, folder / "upper.xlsx", "xl/Worksheets/Sheet9.xml"))
    raw("web page.xlsx", b"<html><body><table><tr><td>Case A</td><td>Good</td></tr></table></body></html>")
    raw("web page with bom.xlsx", b"\xef\xbb\xbf\r\n<!DOCTYPE html><html><table></table></html>")
    raw("csv.xlsx", b"Case,Question,Answer\nCase A,voice,=HYPERLINK(\"http://x\")\n")
    raw("empty.xlsx", b"")
    odd = folder / "SCT\nreturn \u202excod.xlsx"
    odd.write_bytes(b"not a workbook")
    add("name with a newline and right-to-left override", odd)
    return files


# What each hostile file must come to: (code, words in its message), or None when it is read as a good return.
EXPECTED = {
    "bomb": (ret.TOO_LARGE, "unzips"),
    "million rows": (ret.TOO_LARGE, ""),
    "laughs in workbook": (ret.CORRUPT_WORKBOOK, ""),
    "entity in workbook": (ret.CORRUPT_WORKBOOK, ""),
    "thousands of entries": (ret.TOO_LARGE, "parts"),
    "many big sheets": (ret.TOO_LARGE, "together"),
    "truncated 10%.xlsx": (ret.CORRUPT_WORKBOOK, ""),
    "truncated 50%.xlsx": (ret.CORRUPT_WORKBOOK, ""),
    "truncated 90%.xlsx": (ret.CORRUPT_WORKBOOK, ""),
    "truncated end.xlsx": (ret.CORRUPT_WORKBOOK, ""),
    "huge dimension": None,  # the reader ignores the declared dimension
    "path traversal": None,  # nothing is ever extracted: the extra parts are just not read
    "far cell, lower case": (ret.TOO_LARGE, "XFD1048576"),
    "sheet at another part name": (ret.TOO_LARGE, "XFD1048576"),
    "sheet at an upper-case part name": (ret.TOO_LARGE, "XFD1048576"),
    "web page.xlsx": (ret.NOT_A_WORKBOOK, "HTML"),
    "web page with bom.xlsx": (ret.NOT_A_WORKBOOK, "HTML"),
    "csv.xlsx": (ret.NOT_A_WORKBOOK, "text file"),
    "empty.xlsx": (ret.NOT_A_WORKBOOK, "empty"),
    "name with a newline and right-to-left override": (ret.NOT_A_WORKBOOK, "text file"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("hostile")
    good = filled_return(tmp_path_factory.mktemp("good"), name="SCT return.xlsx")
    return good, hostile_files(folder, good)


def test_every_hostile_file_is_refused_or_read_in_a_child_process_that_survives(hostile):
    good, files = hostile
    started = time.monotonic()
    found = read_in_child(list(files.values()))
    assert time.monotonic() - started < 60
    for name, path in files.items():
        result = found[str(path)]
        assert not any(SECRET in text for text in result["text"]), name  # no file outside the package is read
        assert result["files"] == [path.name] * len(result["codes"]), name  # every problem names the file
        if name.startswith(("laughs in ", "entity in ")) and name not in EXPECTED:
            # refused as damaged, or read with the entity left unexpanded: either way nothing expands or leaks
            allowed = [[ret.CORRUPT_WORKBOOK.code], []] + ([[ret.PROPERTY_UNUSABLE.code]] if "app properties" in name else [])
            assert result["codes"] in allowed, (name, result["codes"])  # unreadable document properties are said, not skipped
            assert not any("aaaaaaaaaa" * 10 in text for text in result["text"]), name
            continue
        expected = EXPECTED[name]
        if expected is None:
            assert (result["codes"], result["rejected"]) == ([], False), (name, result["text"])
            assert result["answers"] == found_answers(good), name
        else:
            code, words = expected
            assert result["codes"] == [code.code] and result["rejected"], (name, result["text"])
            assert words in result["text"][0], (name, result["text"][0])


def found_answers(good: Path) -> int:
    from ehwb_excel.returns.reader import read_return
    from tests.audit_factory import small_audit

    return len(read_return(good, small_audit()).answered)


def test_nothing_in_a_package_is_ever_extracted(hostile):
    _, files = hostile
    read_in_child([files["path traversal"]])
    folder = files["path traversal"].parent
    assert not (folder.parent.parent / "escaped.txt").exists()
    assert not (folder.parent / "escaped.txt").exists()
    assert not Path("/tmp/absolute-escaped.txt").exists()


# -- the folder -----------------------------------------------------------------------------------

def test_a_folder_named_like_a_workbook_is_listed_not_silently_skipped(tmp_path):
    (tmp_path / "SCT return.xlsx").mkdir()
    (tmp_path / "old returns").mkdir()  # an ordinary folder stays unmentioned
    to_read, skipped = files_in_returns_folder(tmp_path)
    assert to_read == []
    assert [(p.location.file, p.code) for p in skipped] == [("SCT return.xlsx", ret.FOLDER_SKIPPED.code)]
    assert "folder" in skipped[0].message


def test_a_link_to_a_file_outside_the_folder_is_not_followed(tmp_path):
    returns = tmp_path / "returns"
    returns.mkdir()
    outside = filled_return(tmp_path, name="elsewhere.xlsx")
    inside = filled_return(returns, name="SCT return.xlsx")
    (returns / "passwd.xlsx").symlink_to("/etc/passwd")
    (returns / "elsewhere.xlsx").symlink_to(outside)
    (returns / "dangling.xlsx").symlink_to(tmp_path / "gone.xlsx")
    (returns / "same return.xlsx").symlink_to(inside)  # a link within the folder is read like the file
    to_read, skipped = files_in_returns_folder(returns)
    assert [p.name for p in to_read] == ["same return.xlsx", "SCT return.xlsx"]
    assert sorted((p.location.file, p.code) for p in skipped) == [
        ("dangling.xlsx", ret.LINK_NOT_FOLLOWED.code), ("elsewhere.xlsx", ret.LINK_NOT_FOLLOWED.code),
        ("passwd.xlsx", ret.LINK_NOT_FOLLOWED.code),
    ]
    assert all("passwd" not in p.message.replace("passwd.xlsx", "") for p in skipped)  # the target is not named


def test_the_merge_lists_every_hostile_file_and_still_merges_the_good_returns(tmp_path, hostile):
    _, files = hostile
    returns = tmp_path / "returns"
    real_return(returns, "SCT", full_answers("SCT"))
    real_return(returns, "CAMHS", full_answers("CAMHS"))
    for path in files.values():
        (returns / path.name).write_bytes(path.read_bytes())
    (returns / "folder.xlsx").mkdir()
    (returns / "passwd.xlsx").symlink_to("/etc/passwd")
    master = real_master(tmp_path / "master.xlsx")
    script = (
        "import json, sys\n"
        "from ehwb_excel.master.merge_returns import merge_returns\n"
        "result = merge_returns(sys.argv[1], sys.argv[2])\n"
        "print(json.dumps({'problems': [[p.location.file, p.code] for p in result.report.problems],"
        " 'statuses': [[s.agency, s.status, s.file] for s in result.submissions]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(returns), str(master)], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-1500:]
    result = json.loads(done.stdout.splitlines()[-1])
    statuses = {(agency, file): status for agency, status, file in result["statuses"]}
    assert statuses[("SCT", "SCT return.xlsx")] == "received"
    assert statuses[("CAMHS", "CAMHS return.xlsx")] == "received"
    named = {file for file, code in result["problems"]}
    # each hostile file is listed by name (those read whole are from another audit, so refused as such)
    assert {path.name for path in files.values()} <= named
    assert ["folder.xlsx", ret.FOLDER_SKIPPED.code] in result["problems"]
    assert ["passwd.xlsx", ret.LINK_NOT_FOLLOWED.code] in result["problems"]


# -- fuzzing a real return ------------------------------------------------------------------------

FLIPS, XML_MUTATIONS = 100, 100


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


_NASTY = [b"XFD1048576", b"xfd1048576", b"\x00", b"&e;", b"<", b"]]>", b"99999999999", b"-1", b"\xff\xfe", b"<c>", b"</row>",
          b'r="A0"', b'<row r="1048576">', b"\xe2\x80\xae", b"=HYPERLINK(\"x\")", b"0" * 40]


def _mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """A well-zipped package whose parts are damaged inside, so the damage reaches the XML readers."""
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    name = rng.choice(sorted(parts))
    part = bytearray(parts[name])
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(part) + 1)
        kind = rng.random()
        if kind < 0.4:
            part[at:at + rng.randint(1, 12)] = rng.choice(_NASTY)
        elif kind < 0.7:
            del part[at:at + rng.randint(1, 200)]
        else:
            digits = re.search(rb"\d+", bytes(part[at:]))
            if digits:
                start = at + digits.start()
                part[start:at + digits.end()] = str(rng.choice([0, 1048576, 1048577, 16384, 10 ** 12])).encode()
    parts[name] = bytes(part)
    out = __import__("io").BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for part_name, content in parts.items():
            package.writestr(part_name, content)
    return out.getvalue()


def test_a_fuzzed_return_never_kills_the_reader(tmp_path):
    good = filled_return(tmp_path, name="good.xlsx")
    data = good.read_bytes()
    rng = random.Random(20260402)
    paths = []
    for number in range(FLIPS + XML_MUTATIONS):
        mutated = _flip_bytes(data, rng) if number < FLIPS else _mutate_xml(data, rng)
        path = tmp_path / f"fuzz{number:03}.xlsx"
        path.write_bytes(mutated)
        paths.append(path)
    started = time.monotonic()
    found = read_in_child(paths, timeout=240)
    assert time.monotonic() - started < 120
    for path in paths:
        result = found[str(path)]
        assert result["files"] == [path.name] * len(result["codes"])  # every problem located in its file
        assert result["codes"] or result["answers"]  # either read or refused with a reason


def test_a_zip_entry_flagged_as_encrypted_is_a_damaged_package_not_a_crash(tmp_path):
    from ehwb_excel.returns.reader import read_return

    data = bytearray(filled_return(tmp_path, name="good.xlsx").read_bytes())
    central = data.index(b"PK\x01\x02")  # the first entry's central directory record
    data[central + 8] |= 0x01  # its "encrypted" flag: zipfile then asks for a password (RuntimeError)
    path = tmp_path / "flagged.xlsx"
    path.write_bytes(bytes(data))
    found = read_return(path)
    assert found.rejected and found.problems[0].code == ret.CORRUPT_WORKBOOK.code


def test_a_file_name_with_a_line_break_or_direction_override_prints_on_one_line_as_it_is(tmp_path):
    from ehwb_excel.returns.reader import read_return

    path = tmp_path / "SCT\nreturn \u202excod.xlsx"  # shown unescaped, it would read "SCT" / "return xslx.docx"
    path.write_bytes(b"not a workbook")
    problem = read_return(path).problems[0]
    assert problem.location.file == path.name  # the data keeps the real name
    printed = str(problem)
    assert "\n" not in printed and "\u202e" not in printed
    assert printed.startswith("SCT\\nreturn \\u202excod.xlsx: ")


# -- macros -----------------------------------------------------------------------------------------

def _with_part(source: Path, target: Path, part: str, content_type: str, default_extension: bool = False) -> Path:
    """A copy with an extra binary part declared with `content_type` (as an Override, or as the Default for its extension)."""
    extension = part.rsplit(".", 1)[-1]
    declaration = (f'<Default Extension="{extension}" ContentType="{content_type}"/>' if default_extension
                   else f'<Override PartName="/{part}" ContentType="{content_type}"/>')
    rewrite_parts(source, target, lambda name, data: data.replace(b"</Types>", declaration.encode() + b"</Types>")
                  if name == "[Content_Types].xml" else data)
    with zipfile.ZipFile(target, "a") as package:
        package.writestr(part, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 macro code")
    return target


@pytest.mark.parametrize("part, content_type, default_extension", [
    ("xl/code.bin", "application/vnd.ms-office.vbaProject", False),  # VBA under another name
    ("xl/stuff.vba", "application/vnd.ms-office.vbaProject", True),
    ("xl/activeX/activeX1.bin", "application/vnd.ms-office.activeX", False),  # an ActiveX control runs code too
    ("xl/macrosheets/intl.xml", "application/vnd.ms-excel.intlmacrosheet+xml", False),
])
def test_macro_code_under_any_part_name_is_refused(tmp_path, part, content_type, default_extension):
    from ehwb_excel.returns.reader import read_return

    good = filled_return(tmp_path, name="good.xlsx")
    path = _with_part(good, tmp_path / "SCT return.xlsx", part, content_type, default_extension)
    found = read_return(path)
    assert [p.code for p in found.problems] == [ret.MACRO_ENABLED.code] and found.answers == []
    assert part in found.problems[0].message


@pytest.mark.real_files
def test_a_macro_workbook_renamed_xlsx_is_refused_by_its_content(real_files, tmp_path):
    from ehwb_excel.returns.reader import read_return

    path = tmp_path / "SCT return.xlsx"
    path.write_bytes((real_files / "vba_macro_excel2010.xlsm").read_bytes())
    found = read_return(path)
    assert [p.code for p in found.problems] == [ret.MACRO_ENABLED.code] and found.answers == []


def test_a_reader_bug_on_one_file_refuses_that_file_only_even_if_it_then_vanishes(tmp_path, monkeypatch):
    import ehwb_excel.returns.reader as reader
    from ehwb_excel.master.merge_returns import merge_returns

    returns = tmp_path / "returns"
    real_return(returns, "SCT", full_answers("SCT"))
    flaky = real_return(returns, "CAMHS", full_answers("CAMHS"))
    real = reader.read_return

    def buggy(path, audit=None, **options):
        if Path(path).name == flaky.name:
            Path(path).unlink()  # a sync client takes the file away while it is read
            raise RuntimeError("a bug in the reader")
        return real(path, audit, **options)

    monkeypatch.setattr(reader, "read_return", buggy)
    result = merge_returns(returns, real_master(tmp_path / "master.xlsx"))
    statuses = {s.agency: s.status for s in result.submissions}
    assert statuses["SCT"] == "received"
    refused = [p for p in result.report.problems if p.location.file == flaky.name]
    assert [p.code for p in refused] == [ret.CORRUPT_WORKBOOK.code] and "a bug in the reader" in refused[0].message


def test_a_whole_paragraph_pasted_into_a_dropdown_answer_does_not_stop_the_master_being_saved(tmp_path):
    # pasting bypasses the dropdown; the problem quotes the answer, and a message over a
    # cell's 32,767 characters made the whole master unsaveable, for every agency
    from openpyxl import load_workbook

    from ehwb_excel.master.writer import save_master
    from ehwb_excel.master.merge_returns import merge_returns

    pasted = "Evidence " * 3_630  # 32,670 characters: fits the answer cell, not the message quoting it
    returns = tmp_path / "returns"
    real_return(returns, "SCT", {**full_answers("SCT"), ("Case A", "voice_grade"): pasted})
    real_return(returns, "CAMHS", full_answers("CAMHS"))
    master = real_master(tmp_path / "master.xlsx")
    save_master(master, merge_returns(returns, master), backup=False)
    book = load_workbook(master)
    messages = [row[5] for row in book[layout.ISSUES_SHEET].iter_rows(min_row=2, values_only=True) if row[3] == ret.ANSWER_NOT_IN_LIST.code]
    assert len(messages) == 1 and len(messages[0]) <= 32_767 and messages[0].endswith("\u2026")
    answers = [row for row in book[layout.RESPONSES_SHEET].iter_rows(min_row=2, values_only=True) if pasted in row]
    assert len(answers) == 1  # the answer itself is kept whole


def test_a_sheet_built_to_make_the_extent_scan_slow_is_refused_quickly(tmp_path):
    # 300,000 unclosed "<c" made the scan quadratic (hours); a 200,000-letter column reference
    # made a huge integer; both fit in a few kilobytes zipped
    good = filled_return(tmp_path, name="good.xlsx")
    part = _answer_part(good)
    unclosed = _change(good, tmp_path / "unclosed.xlsx", part, lambda x: x.replace(b"</sheetData>", b"<c " * 300_000 + b"</sheetData>", 1))
    letters = _change(good, tmp_path / "letters.xlsx", part,
                      lambda x: _far_cell(x, b'<c r="' + b"A" * 200_000 + b'1" t="inlineStr"><is><t>x</t></is></c>'))
    started = time.monotonic()
    found = read_in_child([unclosed, letters], timeout=60)
    assert time.monotonic() - started < 20
    assert found[str(unclosed)]["codes"] == [ret.CORRUPT_WORKBOOK.code]
    assert found[str(letters)]["codes"] == [ret.TOO_LARGE.code]


# -- one hostile file never stops the merge: it is refused or repaired, with its own line ---------------

MERGE_AND_SAVE = """
import json, sys
from openpyxl import load_workbook
from ehwb_excel.excel import layout
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.master.writer import save_master
result = merge_returns(sys.argv[1], sys.argv[2])
save_master(sys.argv[2], result, backup=False)
book = load_workbook(sys.argv[2], read_only=True)
rows = [list(r) for r in book[layout.RESPONSES_SHEET].iter_rows(min_row=2, values_only=True)]
print(json.dumps({"lines": [str(p) for p in result.report.problems],
                  "problems": [[p.location.file, p.location.sheet, p.location.cell, p.code] for p in result.report.problems],
                  "responses": [[r[2], r[4], r[6], r[8], r[9]] for r in rows if r[2]],
                  "statuses": {s.agency[:20]: s.status for s in result.submissions}}, ensure_ascii=True, default=str))
"""


def merged_in_child(returns: Path, master: Path) -> tuple[dict, str]:
    """What merging `returns` into `master` and saving it gave (run in a child: a native abort must not kill pytest), and its stderr."""
    done = subprocess.run([sys.executable, "-c", MERGE_AND_SAVE, str(returns), str(master)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1]), done.stderr


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_one_hostile_file_is_named_in_one_line_and_every_good_answer_is_still_saved(tmp_path, kind):
    expected = KINDS[kind]
    returns = tmp_path / "returns"
    real_return(returns, "SCT", full_answers("SCT"))
    hostile = expected.build(returns, "CAMHS return.xlsx")
    master = real_master(tmp_path / "master.xlsx")
    found, stderr = merged_in_child(returns, master)
    assert not any(noise in stderr for noise in NATIVE_NOISE), stderr[-2000:]
    shown = file_name_text(hostile.name)
    lines = [line for line in found["lines"] if line.startswith(shown)]
    assert any(expected.code.code == code for file, _, _, code in found["problems"] if file == shown), found["lines"]
    assert any(expected.words in line for line in lines), lines
    assert all("\n" not in line for line in found["lines"])
    sct = [row for row in found["responses"] if row[0] == "SCT"]
    assert len(sct) == len([v for v in full_answers("SCT").values() if v not in (None, "")])  # every good answer, once
    camhs = [row for row in found["responses"] if row[0] == "CAMHS"]
    assert bool(camhs) is expected.merged, (kind, found["statuses"])
    assert found["statuses"]["SCT"] == "received"


def test_a_cell_over_the_limit_is_measured_in_the_xml_and_its_whole_text_reaches_the_check(tmp_path):
    from ehwb_excel.returns.reader import read_return
    from tests.merge_helpers import merge_audit

    path = KINDS["text of 40,000 characters"].build(tmp_path, "CAMHS return.xlsx")
    found = read_return(path, merge_audit())
    notes = next(a for a in found.answers if a.question_id == "voice_notes" and a.case == "Case A")
    assert len(notes.value) == 40_000 and notes.value.endswith("A" * 10)  # python-calamine alone gives 32,767
    too_long = [p for p in found.problems if p.code == ret.TEXT_TOO_LONG.code]
    assert [(p.location.sheet, p.location.cell) for p in too_long] == [(notes.location.sheet, notes.location.cell)]


def test_a_pipe_swapped_in_after_the_folder_was_listed_is_never_read(tmp_path):
    from ehwb_excel.returns.reader import read_return

    pipe = tmp_path / "SCT return.xlsx"
    os.mkfifo(pipe)  # as if swapped in between listing and reading: read_return is given it directly
    started = time.monotonic()
    found = read_return(pipe)
    assert time.monotonic() - started < 5
    assert [p.code for p in found.problems] == [ret.NOT_A_REGULAR_FILE.code] and found.rejected is False and not found.answers


def test_a_comment_is_kept_exactly_as_typed_not_trimmed(tmp_path):
    # found by the fuzz test: "0\r" came back as "0", and outer spaces were trimmed without a word
    from ehwb_excel.returns.reader import read_return
    from tests.merge_helpers import merge_audit

    path = real_return(tmp_path, "SCT", full_answers("SCT"), comments={("Case A", "voice_grade"): "  seen twice, then weekly \n"})
    found = read_return(path, merge_audit())
    assert next(a.comment for a in found.answers if (a.case, a.question_id) == ("Case A", "voice_grade")) == "  seen twice, then weekly \n"


def test_a_long_shared_string_behind_a_small_sheet_is_measured_too(tmp_path):
    # Excel keeps a cell's text in the shared strings: the sheet itself stays small
    from ehwb_excel.returns.reader import read_return
    from tests.hostile_kinds import with_shared_string
    from tests.merge_helpers import merge_audit

    answers = {key: value for key, value in full_answers("CAMHS").items() if key != ("Case A", "voice_notes")}
    path = with_shared_string(real_return(tmp_path, "CAMHS", answers), b"y" * 40_000)
    found = read_return(path, merge_audit())
    long = [a for a in found.answers if isinstance(a.value, str) and len(a.value) == 40_000]
    assert len(long) == 1
    assert [(p.location.cell, p.code) for p in found.problems if p.code == ret.TEXT_TOO_LONG.code] == [(long[0].location.cell, ret.TEXT_TOO_LONG.code)]


def test_a_device_in_the_returns_folder_is_named_and_never_opened(tmp_path):
    import stat as file_modes

    device = tmp_path / "x.xlsx"
    try:
        os.mknod(device, file_modes.S_IFCHR | 0o600, os.makedev(1, 3))  # the null device, under a workbook's name
    except (OSError, AttributeError) as error:
        pytest.skip(f"cannot make a device here ({error})")
    to_read, skipped = files_in_returns_folder(tmp_path)
    assert to_read == [] and [(p.location.file, p.code) for p in skipped] == [("x.xlsx", ret.NOT_A_REGULAR_FILE.code)]
    assert "a device" in skipped[0].message
