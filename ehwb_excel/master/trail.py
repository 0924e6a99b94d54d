"""The audit trail beside the master: one JSON line per merge and per report, only ever appended to.

Each line says when (UTC), what ran, every file's SHA-256 and what became of it (accepted,
replaced, superseded, rejected and why), and the SHA-256 of the line before it, so a line
taken out or changed later shows. The file is readable by its owner only where the system
has such permissions. Nothing in it is an answer: file names, checksums, codes and reasons.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from ehwb_excel.files.atomic import OWNER_ONLY

SUFFIX = ".trail.jsonl"


def trail_path(master: str | os.PathLike) -> Path:
    """`EHWB-2026-Q1 - master.trail.jsonl` beside `EHWB-2026-Q1 - master.xlsx`."""
    master = Path(master)
    return master.with_name(master.stem + SUFFIX)


def recorded(master: str | os.PathLike, entry: dict, what: str = "merge"):
    """`append_to_trail`, or the warning (a Problem) why the trail could not be added to; None when it was."""
    from ehwb_excel.problems.catalogue import returns as ret
    from ehwb_excel.problems.location import Location

    try:
        append_to_trail(master, entry)
    except OSError as error:
        return ret.TRAIL_NOT_WRITTEN(Location.of(trail_path(master)), why=error.strerror or str(error), what=what)
    return None


def append_to_trail(master: str | os.PathLike, entry: dict, *, now: datetime | None = None) -> Path:
    """Add one line for `entry` to the master's trail (made, owner-only, when missing); the trail's path."""
    path = trail_path(master)
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    record = {"at": moment.isoformat(timespec="seconds").replace("+00:00", "Z"), **entry, "previous_line_sha256": _last_line_digest(path)}
    line = (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, OWNER_ONLY)
    try:
        os.write(fd, line)  # one write with O_APPEND: two writers never interleave inside a line
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def read_trail(master: str | os.PathLike) -> list[dict]:
    """Every line of the master's trail, oldest first ([] when there is none)."""
    path = trail_path(master)
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def merge_entry(result, master: str | os.PathLike, command: str) -> dict:
    """What a merge did, file by file, for the trail (`result`: a MergeResult; what it lacks is left out)."""
    seen = set(getattr(result, "files", ()))
    files = []
    for submission in getattr(result, "submissions", ()):
        if not submission.file or submission.file not in seen:
            continue  # an agency with no file now (missing, or its earlier answers kept)
        files.append({
            "file": submission.file, "sha256": submission.sha256 or None, "agency": submission.agency or None,
            "outcome": _outcome(submission, result.replaced), "status": submission.status,
            "why": " ".join(submission.reasons) if submission.reasons else (submission.why or None),
        })
    return {
        "command": command, "master": Path(master).name, "master_sha256": file_sha256(master),
        "files": files, "kept_earlier_answers": list(getattr(result, "kept", ())),
        "answers_read": getattr(result, "answers_read", None), "response_rows": getattr(result, "response_rows", None),
        "errors": len(result.report.errors) if hasattr(result, "report") else None,
        "warnings": len(result.report.warnings) if hasattr(result, "report") else None,
    }


def report_entry(master: str | os.PathLike, written: list[Path], command: str = "ehwb report") -> dict:
    """What a report wrote, from which master, for the trail."""
    return {"command": command, "master": Path(master).name, "master_sha256": file_sha256(master),
            "written": [{"file": Path(p).name, "sha256": file_sha256(p)} for p in written]}


def file_sha256(path: str | os.PathLike) -> str | None:
    """The file's SHA-256 as it is on disk (encrypted, if it is); None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _outcome(submission, replaced: list[str]) -> str:
    if submission.status == "rejected":
        return "rejected"
    if submission.status == "superseded":
        return "superseded"
    return "replaced earlier answers" if submission.agency in replaced else "accepted"


def _last_line_digest(path: Path) -> str | None:
    """The SHA-256 of the trail's last line as stored (None for a new trail)."""
    try:
        content = path.read_bytes()  # a few hundred bytes per file merged: small beside the master
    except OSError:
        return None
    lines = [line for line in content.split(b"\n") if line.strip()]
    return hashlib.sha256(lines[-1]).hexdigest() if lines else None
