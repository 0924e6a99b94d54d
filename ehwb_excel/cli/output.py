"""What the commands print: problems one per line, one JSON document, progress only on a terminal."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator


def tolerate_any_console() -> None:
    """A character the console cannot show (a Windows legacy code page) prints as '?' instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # replaced or closed streams are left alone
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]  # a stream without it is suppressed above


class ReaderMayLeave:
    """Standard output for which it is no mistake when its reader stops reading (`ehwb status ... | head`).

    What is written after that goes nowhere, and the command ends as it would have, with its own
    exit code, instead of a last line 'error: [Errno 32] Broken pipe' (the work, such as a saved
    master, was already done). Everything else is the wrapped stream's.
    """

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._to_nowhere()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._to_nowhere()

    def _to_nowhere(self) -> None:
        # the stream's own buffer is flushed again when Python exits: let that go nowhere too
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, self._stream.fileno())
        os.close(nowhere)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def print_json(document: dict, stream=None) -> None:
    """The one JSON document a command prints on stdout with --json."""
    stream = stream or sys.stdout
    json.dump(document, stream, indent=2, ensure_ascii=False, default=str)
    stream.write("\n")


def print_problems(problems, stream=None) -> None:
    """Each problem on one line: severity, then where and what (errors first)."""
    stream = stream or sys.stdout
    problems = list(problems)
    for problem in sorted(problems, key=lambda p: p.severity.value != "error"):
        stream.write(f"{problem.severity.value}: {problem}\n")


def failed(code: int, *problems, as_json: bool, line: str | None = None) -> int:
    """Report the problems that stopped a command (JSON on stdout, or lines on stderr); `code`."""
    if as_json:
        print_json({"valid": False, "exit_code": int(code), "errors": len(problems), "warnings": 0,
                    "problems": [p.to_dict() for p in problems]})
    elif line is not None:
        print(line, file=sys.stderr)
    else:
        for problem in problems:  # each stopped the command, whatever its usual severity
            print(f"error: {problem}", file=sys.stderr)
    return int(code)


# -- progress ---------------------------------------------------------------------------------


def show_progress(args) -> bool:
    """Progress is drawn only for a person watching a terminal: never in --json, pipes or files."""
    return not getattr(args, "json", False) and _is_terminal(sys.stderr)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress_bar(args, total: int, what: str):
    """A bar counting `total` items on stderr (a silent one off a terminal); call .update(1) per item."""
    if not show_progress(args):
        return _SilentBar()  # tqdm is not even imported: 0.05 s of CPU at every start off a terminal
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc=what, file=sys.stderr, leave=False)


class _SilentBar:
    """What a progress bar offers its callers, drawing nothing."""

    n = 0

    def update(self, count: int = 1) -> None:
        self.n += count

    def close(self) -> None:
        pass

    def __enter__(self) -> "_SilentBar":
        return self

    def __exit__(self, *exc) -> None:
        pass


@contextlib.contextmanager
def file_progress(args, what: str) -> Iterator[Callable[[int, int], None]]:
    """A callback `(files done, files in all)` that draws 'reading the returns: 12/40 files' on a
    terminal (the bar starts once the number of files is known); nothing off a terminal or with --json."""
    bar = None

    def told(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = progress_bar(args, total, what)
        bar.update(done - bar.n)

    try:
        yield told
    finally:
        if bar is not None:
            bar.close()


@contextlib.contextmanager
def step(args, what: str) -> Iterator[None]:
    """'saving the master... 3 s', counting on a terminal while a step that may take a while runs,
    then '... done (3.4 s)'; nothing at all off a terminal or with --json."""
    if not show_progress(args):
        yield
        return
    started = time.perf_counter()
    finished = threading.Event()

    def tick() -> None:
        while not finished.wait(1.0):
            sys.stderr.write(f"\r{what}... {time.perf_counter() - started:.0f} s")
            sys.stderr.flush()

    sys.stderr.write(f"{what}...")
    sys.stderr.flush()
    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        finished.set()
        ticker.join()
        sys.stderr.write(f"\r{what}... done ({time.perf_counter() - started:.1f} s)\n")
