"""Fuzzing the reader and the merge: arbitrary answers and comments, and mutated files.

hypothesis makes the inputs, with a fixed seed (`derandomize`) and a bounded number of examples,
so every run tries the same cases and the file runs in seconds. The properties are the
product's promises: never a crash, never a lost answer, never a silent change; every derived
sheet holds only what a cell can store.

Each file is read and merged in one long-lived child process (python-calamine is native code
that can abort a whole process, which would otherwise kill pytest): a child that dies fails the
example and names the file; the next example gets a new child.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ehwb_excel.excel.cell_text import storable
from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.problems.catalogue import returns as ret
from tests.merge_helpers import full_answers, real_return

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = dict(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])


def fuzz(examples: int):
    """hypothesis with a fixed seed and `examples` examples (about 20 ms each here)."""
    return settings(max_examples=examples, **SETTINGS)

# Reads one path a line from stdin; prints one JSON line: what was read, what the merge made of it.
CHILD = """
import json, sys
from datetime import datetime
from ehwb_excel.excel import layout
from ehwb_excel.master.writer import text_unwritable
from ehwb_excel.merge.merge import merge
from ehwb_excel.merge.previous import MasterState
from ehwb_excel.returns.reader import read_return
from tests.merge_helpers import merge_audit
audit = merge_audit()
print("ready", flush=True)
for line in sys.stdin:
    path = line.rstrip("\\n")
    found = read_return(path, audit)
    result = merge(audit, [found], MasterState.empty(audit), now=datetime(2026, 4, 2, 12))
    responses = result.sheet(layout.RESPONSES_SHEET)
    columns = {h: i for i, h in enumerate(responses.headers)}
    print(json.dumps({
        "problems": [[p.location.file, p.location.sheet, p.location.cell, p.code] for p in found.problems],
        "rejected": found.rejected,
        "answers": sorted([[a.case, a.question_id, repr(a.value), repr(a.comment)] for a in found.answered], key=repr),
        "rows": [[r[columns["Case"]], r[columns["Question ID"]], r[columns["Answer"]], r[columns["Comment"]], r[columns["Cell"]]]
                 for r in responses.rows],
        "unwritable": [[t.name, repr(v)[:80], why] for t in result.sheets for row in [t.headers, *t.rows] for v in row
                       if (why := text_unwritable(v))],
    }, default=repr), flush=True)
"""


class Reader:
    """The child process that reads: `read(path)` -> its JSON answer; a child that died fails the example."""

    def __init__(self) -> None:
        self.child: subprocess.Popen | None = None
        self.stderr = tempfile.TemporaryFile()  # a file, not a pipe: a child writing much there never blocks

    def _start(self) -> subprocess.Popen:
        child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=self.stderr, text=True, encoding="utf-8",
                                 env={**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "1"})
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        return child

    def read(self, path: Path) -> dict:
        if self.child is None or self.child.poll() is not None:
            self.child = self._start()
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write(f"{path}\n")
        self.child.stdin.flush()
        line = self.child.stdout.readline()
        if not line:
            code = self._stop()
            self.stderr.seek(0)
            stderr = self.stderr.read()[-2000:].decode("utf-8", "replace")
            pytest.fail(f"the reader died (exit code {code}) on {path.name}: {stderr}")
        return json.loads(line)

    def _stop(self) -> int | None:
        child, self.child = self.child, None
        if child is None:
            return None
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a child that died leaves a broken pipe
                    stream.close()  # the child's loop ends at the end of its input
        return child.wait(timeout=30)

    def close(self) -> None:
        self._stop()
        self.stderr.close()


@pytest.fixture(scope="module")
def reader():
    found = Reader()
    yield found
    found.close()


MARKS = {"answer": "FUZZANSWER", "comment": "FUZZCOMMENT", "number": "FUZZNUMBER"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """SCT's return with marks where the fuzzed text goes: a free-text answer, a comment, a number answer."""
    answers = {**full_answers("SCT"), ("Case A", "voice_notes"): MARKS["answer"], ("Case A", "years_known"): MARKS["number"]}
    return real_return(tmp_path_factory.mktemp("template"), "SCT", answers, comments={("Case A", "voice_grade"): MARKS["comment"]})


def xml_text(text: str) -> bytes:
    """`text` as a cell's XML holds it: escaped for XML, control characters as Open XML's _xHHHH_ escapes."""
    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)  # a typed "_x0041_" stays as typed
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.encode("utf-8")


def with_texts(template: Path, target: Path, texts: dict[str, str]) -> Path:
    """A copy of `template` with each mark's cell holding the text given for it."""
    def change(name: str, data: bytes) -> bytes:
        for key, text in texts.items():
            data = data.replace(f"<t>{MARKS[key]}</t>".encode(), b'<t xml:space="preserve">' + xml_text(text) + b"</t>")
        return data

    with zipfile.ZipFile(template) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info)))
    return target


# -- what people type -----------------------------------------------------------------------------

ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))  # any Unicode a UTF-8 file can carry (no lone surrogates)
PREFIXES = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)",
                            "\u202e", "\u05e9\u05dc\u05d5\u05dd ", "\u0645\u0631\u062d\u0628\u0627 ", "\ufeff", "\ufffe"])
AS_TEXT = st.sampled_from(["6", "6.0", "-0", "1e999", "-1e999", "nan", "inf", "0x10", "6,5", " 7 ", "2026-03-31", "31/03/2026",
                           "TRUE", "N/A", "None", "#N/A", "=1+2", "1" * 400])
TYPED = st.one_of(
    st.text(ANY_CHARACTER, max_size=80),
    st.builds(lambda prefix, rest: prefix + rest, PREFIXES, st.text(ANY_CHARACTER, max_size=40)),
    AS_TEXT,
    st.builds(lambda n, c: c * n, st.integers(CELL_TEXT_MAX - 2, 40_000), st.sampled_from(["x", "\u00e9", "\U0001f600", "_"])),
)


def problems_at(found: dict, cell: str | None) -> set[str]:
    return {code for _, _, at, code in found["problems"] if at == cell}


def _blank(text: str) -> bool:
    return not text.strip()


@fuzz(150)
@given(answer=TYPED, comment=TYPED)
def test_any_typed_answer_or_comment_is_kept_as_typed_or_changed_with_a_located_problem(reader, template, tmp_path, answer, comment):
    path = with_texts(template, tmp_path / "SCT return.xlsx", {"answer": answer, "comment": comment})
    found = reader.read(path)
    assert found["unwritable"] == []  # every derived sheet can be saved
    assert all(file == path.name for file, *_ in found["problems"])
    rows = {(case, question): (value, note, cell) for case, question, value, note, cell in found["rows"]}
    assert len(found["rows"]) == len(rows)  # no answer twice
    notes = rows.get(("Case A", "voice_notes"))
    if _blank(answer):
        assert notes is None
    else:
        assert notes is not None, found  # never lost
        value, _, cell = notes
        assert value == answer or (value == storable(answer) and problems_at(found, cell) & {ret.ILLEGAL_CHARACTERS.code,
                                                                                               ret.TEXT_TOO_LONG.code}), (value[:80], answer[:80])
    grade = rows[("Case A", "voice_grade")]
    if _blank(comment):
        assert grade[1] is None
    else:
        comment_cell = "D" + re.sub(r"\D", "", grade[2])
        assert grade[1] == comment or (grade[1] == storable(comment) and problems_at(found, comment_cell)), (grade[1][:80], comment[:80])
    for case, question, *_ in found["answers"]:  # every other answer of the return is there too
        assert (case, question) in rows


@fuzz(100)
@given(typed=st.one_of(AS_TEXT, st.from_regex(r"[+-]?\d{1,400}(\.\d{0,20})?([eE][+-]?\d{1,4})?", fullmatch=True), st.text(ANY_CHARACTER, max_size=20)))
def test_a_number_typed_in_any_form_is_a_number_a_workbook_holds_or_a_located_problem(reader, template, tmp_path, typed):
    path = with_texts(template, tmp_path / "SCT return.xlsx", {"number": typed})
    found = reader.read(path)
    assert found["unwritable"] == []
    value, _, cell = {(c, q): (v, n, at) for c, q, v, n, at in found["rows"]}.get(("Case A", "years_known"), (None, None, None))
    if _blank(typed):
        assert value is None
        return
    number_problems = problems_at(found, cell) & {ret.NOT_A_NUMBER.code, ret.NUMBER_OUT_OF_RANGE.code, ret.ILLEGAL_CHARACTERS.code,
                                                  ret.TEXT_TOO_LONG.code}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        assert math.isfinite(value) and not number_problems
        assert value == pytest.approx(float(" ".join(typed.split())), rel=1e-12)
    else:
        assert number_problems, (typed, value)  # kept as typed, and said


# -- mutated files ----------------------------------------------------------------------------------

def _parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info.filename, package.read(info)) for info in package.infolist()]


def _zipped(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicated name is meant
        for name, content in parts:
            package.writestr(name, content)
    return out.getvalue()


def truncate(data: bytes, share: float) -> bytes:
    return data[: int(len(data) * share)]


def flip(data: bytes, flips: list[tuple[float, int]]) -> bytes:
    changed = bytearray(data)
    for at, value in flips:
        changed[min(int(at * len(data)), len(data) - 1)] = value
    return bytes(changed)


def drop(data: bytes, which: int) -> bytes:
    parts = _parts(data)
    del parts[which % len(parts)]
    return _zipped(parts)


def duplicate(data: bytes, which: int) -> bytes:
    parts = _parts(data)
    name, content = parts[which % len(parts)]
    return _zipped([*parts, (name, content.replace(b"Good", b"Inadequate"))])


def rename_sheet(data: bytes, name: str) -> bytes:
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").encode()
    return _zipped([(n, c.replace(b'name="Case A"', b'name="' + escaped + b'"') if n == "xl/workbook.xml" else c) for n, c in _parts(data)])


def edit_metadata(data: bytes, key: str, value: str) -> bytes:
    """The value beside `key` on the hidden metadata sheet replaced (a cell holding inline text)."""
    pattern = re.compile(rb"(<is><t>" + re.escape(key.encode()) + rb"</t></is></c><c [^>]*><is><t[^>]*>)([^<]*)(</t>)")
    return _zipped([(n, pattern.sub(lambda m: m.group(1) + xml_text(value) + m.group(3), c)) for n, c in _parts(data)])


def damage_xml(data: bytes, which: int, at: float, nasty: bytes) -> bytes:
    parts = _parts(data)
    name, content = parts[which % len(parts)]
    where = int(at * len(content))
    parts[which % len(parts)] = (name, content[:where] + nasty + content[where + len(nasty):])
    return _zipped(parts)


NASTY = st.sampled_from([b"XFD1048576", b"\x00", b"&e;", b"<", b"]]>", b"99999999999999999999", b"-1", b"\xff\xfe", b"<c>", b"</row>",
                         b'r="A0"', b'<row r="1048576">', b"\xe2\x80\xae", b'count="4000000000000000000"', b"0" * 40, b"_x0001_"])
META_KEYS = st.sampled_from(["format", "audit_id", "agency_code", "template_version", "definition_checksum", "case_sheet"])
MUTATIONS = st.one_of(
    st.builds(lambda share: ("truncate", share), st.floats(0, 0.999)),
    st.builds(lambda flips: ("flip", flips), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8)),
    st.builds(lambda which: ("drop", which), st.integers(0, 30)),
    st.builds(lambda which: ("duplicate", which), st.integers(0, 30)),
    st.builds(lambda name: ("rename_sheet", name), st.text(ANY_CHARACTER.filter(lambda c: c >= " "), min_size=1, max_size=40)),
    st.builds(lambda key, value: ("edit_metadata", key, value), META_KEYS, st.one_of(st.text(ANY_CHARACTER, max_size=40), AS_TEXT)),
    st.builds(lambda which, at, nasty: ("damage_xml", which, at, nasty), st.integers(0, 30), st.floats(0, 1), NASTY),
)
APPLY = {"truncate": truncate, "flip": flip, "drop": drop, "duplicate": duplicate, "rename_sheet": rename_sheet,
         "edit_metadata": edit_metadata, "damage_xml": damage_xml}


class Good:
    """The good return's bytes and what the merge made of it (a short repr: hypothesis prints its arguments)."""

    def __init__(self, data: bytes, found: dict) -> None:
        self.data, self.found = data, found

    def __repr__(self) -> str:
        return "Good(SCT return)"


def merged(found: dict) -> list:
    """The Responses rows as the merge made them: case, question, answer, comment."""
    return sorted((row[:4] for row in found["rows"]), key=repr)


@pytest.fixture(scope="module")
def good(reader, template, tmp_path_factory) -> Good:
    path = with_texts(template, tmp_path_factory.mktemp("good") / "SCT return.xlsx",
                      {"answer": "Seen weekly", "comment": "Kept in touch", "number": "6"})
    found = reader.read(path)
    assert found["problems"] == [] and found["answers"]
    return Good(path.read_bytes(), found)


@fuzz(250)
@given(mutation=MUTATIONS)
def test_a_mutated_return_is_refused_with_a_reason_or_read_without_a_silent_change(reader, good, tmp_path, mutation):
    path = tmp_path / "SCT return.xlsx"
    path.write_bytes(APPLY[mutation[0]](good.data, *mutation[1:]))
    found = reader.read(path)
    assert found["unwritable"] == []
    assert all(file == path.name for file, *_ in found["problems"])  # every problem names the file
    if found["rejected"]:
        assert found["problems"] and found["rows"] == []  # refused, with a reason, and nothing of it merged
    elif merged(found) != merged(good.found):
        assert found["problems"], mutation  # an answer lost or changed on its way to the master is never silent
