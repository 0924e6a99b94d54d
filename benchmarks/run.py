"""Speed and memory of each step, on the default audit and on one five times its size.

Prints figures and ratios; asserts nothing (these machines are shared and noisy, so timings
belong here, never in unit tests). Run: `python benchmarks/run.py [--scale 5] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.demo.returns import synthesise_returns
from ehwb_excel.workbook.generate import generate, master_file_name
from ehwb_excel.master.writer import save_master
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.audit.model import Agency, Audit, Case
from ehwb_excel.report.document import build_report
from ehwb_excel.report.report_input import read_report_input
from ehwb_excel.returns.reader import read_return


def scaled_audit(factor: int) -> Audit:
    """The default audit with `factor` times the agencies, each knowing the same cases."""
    base = default_audit()
    if factor == 1:
        return base
    agencies, cases = list(base.agencies), {c.reference: list(c.agencies) for c in base.cases}
    for copy in range(2, factor + 1):
        for agency in base.agencies:
            code = f"{agency.code}{copy}"
            agencies.append(Agency(code, f"{agency.name} ({copy})", agency.contact))
            for case in base.cases:
                if agency.code in case.agencies:
                    cases[case.reference].append(code)
    return dataclasses.replace(
        base, agencies=tuple(agencies), cases=tuple(Case(ref, tuple(codes)) for ref, codes in cases.items())
    )


def measure(step: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median seconds over `repeat` runs, peak MiB of Python allocations in one more run).

    Memory is traced in a separate run: tracemalloc slows Python several times over, so a
    traced run's time would not be the step's time.
    """
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - started)
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(seconds), peak


def cycle(audit: Audit, work: Path, repeat: int) -> dict[str, tuple[float, float]]:
    sent, returns = work / "to-send", work / "returns"
    figures = {"generate (all workbooks + master)": measure(lambda: generate(audit, sent / "again"), repeat)}
    generate(audit, sent)
    master = sent / master_file_name(audit)
    figures["synthesise returns"] = measure(lambda: synthesise_returns(audit, sent, returns, seed=1), 1)
    one = sorted(returns.glob("*.xlsx"))[0]
    figures["read one return (calamine, with checks)"] = measure(lambda: read_return(one, audit), repeat)
    figures["load one return (openpyxl read-only)"] = measure(
        lambda: [list(ws.iter_rows(values_only=True)) for ws in load_workbook(one, read_only=True, data_only=True)], repeat
    )
    figures["merge all returns (in memory)"] = measure(lambda: merge_returns(returns, master), repeat)
    result = merge_returns(returns, master)
    figures["save master"] = measure(lambda: save_master(master, result, backup=False), repeat)
    figures["build report"] = measure(lambda: build_report(read_report_input(master)), repeat)
    figures["_answers"] = (float(result.answers_read), float(len(list(returns.glob("*.xlsx")))))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=5, help="the larger audit has this many times the agencies")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (the median is printed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ehwb-bench-") as tmp:
        small = cycle(scaled_audit(1), Path(tmp) / "x1", args.repeat)
        large = cycle(scaled_audit(args.scale), Path(tmp) / f"x{args.scale}", args.repeat)
    answers_small, files_small = small.pop("_answers")
    answers_large, files_large = large.pop("_answers")
    print(f"default audit: {files_small:.0f} returns, {answers_small:.0f} answers; "
          f"x{args.scale}: {files_large:.0f} returns, {answers_large:.0f} answers")
    print(f"{'step':42} {'default s':>10} {'peak MiB':>9} {'x' + str(args.scale) + ' s':>10} {'peak MiB':>9} {'time ratio':>10}")
    for step, (seconds, peak) in small.items():
        big_seconds, big_peak = large[step]
        print(f"{step:42} {seconds:10.3f} {peak:9.1f} {big_seconds:10.3f} {big_peak:9.1f} {big_seconds / seconds:10.2f}")
    calamine, openpyxl = small["read one return (calamine, with checks)"][0], small["load one return (openpyxl read-only)"][0]
    print(f"openpyxl read-only / calamine reader: {openpyxl / calamine:.1f}x")
    per_answer = [large[s][0] / answers_large / (small[s][0] / answers_small) for s in ("merge all returns (in memory)", "save master")]
    print(f"time per answer, x{args.scale} / default: merge {per_answer[0]:.2f}, save {per_answer[1]:.2f} (1.0 = linear)")
    from start_up import help_cpu_lines  # beside this script: how fast `ehwb --help` starts

    print("\n".join(help_cpu_lines()))


if __name__ == "__main__":
    main()
