"""Speed and memory of every step at three sizes, side by side with the reference readers and writers.

One command from a fresh clone: `python benchmarks/run.py` (about ten minutes on two cores);
`--smoke` runs the smallest sizes once (CI); `--scale 0.25` shrinks the large audit and the
pool. Each step runs in a fresh process (peak RSS is that process's, from `os.wait4`); the
runs of the steps compared are interleaved and the median is printed. Asserts nothing: the
machines are shared and noisy, so timings live here, never in unit tests. Writes the figures
with the machine's description into docs/performance.md (not with --smoke).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ehwb_excel.master.merge_returns import FILES_PER_WORKER  # noqa: E402  # below 2x this, merge reads in one process

STEPS = Path(__file__).with_name("steps.py")
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- benchmark figures: start -->", "<!-- benchmark figures: end -->"


@dataclass
class Figure:
    wall: float
    cpu: float
    rss: float  # MiB, the process's peak
    extra: dict


def run_process(command: list[str], allowed: tuple[int, ...] = (0,)) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MiB, stdout) of one child process; any exit code not allowed stops the run."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=ROOT)
    output = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in allowed:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def run_step(name: str, args: dict) -> Figure:
    _, _, rss, output = run_process([sys.executable, str(STEPS), name, json.dumps(args)])
    figures = json.loads(output.strip().splitlines()[-1])
    return Figure(figures.pop("wall"), figures.pop("cpu"), rss, figures)


def run_shell(args: list[str]) -> Figure:
    # 1: the merge found problems (the demo plants some)
    wall, cpu, rss, _ = run_process([sys.executable, "-m", "ehwb_excel", *args], allowed=(0, 1))
    return Figure(wall, cpu, rss, {})


def interleaved(runs: dict[str, callable], repeat: int) -> dict[str, Figure]:
    """Each run `repeat` times, in turn; the median of each measure."""
    seen: dict[str, list[Figure]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            seen[name].append(run())
    return {name: Figure(*(statistics.median(getattr(f, m) for f in figures) for m in ("wall", "cpu", "rss")), figures[0].extra)
            for name, figures in seen.items()}


# -- the measurements -------------------------------------------------------------------------


def measure_audit(workload: dict, repeat: int, jobs: list[int]) -> dict[str, Figure]:
    files = {"workload": workload}
    paths = {"returns": workload["returns"], "master": workload["master"], "skeleton": workload["master"], "sent": workload["sent"]}
    figures = interleaved({
        "generate": lambda: run_step("generate", files),
        "XlsxWriter, same workbooks": lambda: run_step("xlsxwriter_generate", paths),
        "openpyxl's save alone of the built workbooks": lambda: run_step("openpyxl_save_of_generated", files),
    }, repeat)
    figures |= interleaved({
        "read + check (ours)": lambda: run_step("read_check", paths),
        "python-calamine, every value": lambda: run_step("calamine", paths),
        "python-calamine after a bomb guard": lambda: run_step("calamine_bomb_guarded", paths),
        "our intake and the values, unchecked": lambda: run_step("intake_and_values", paths),
        "pandas.read_excel (openpyxl)": lambda: run_step("pandas_openpyxl", paths),
    }, repeat)
    figures |= interleaved({
        "master save": lambda: run_step("save", paths),
        "openpyxl write-only, same rows": lambda: run_step("openpyxl_write_only", paths),
        "openpyxl's save alone of the built master": lambda: run_step("openpyxl_save_of_master", paths),
    }, repeat)
    figures |= interleaved({f"merge --jobs {n}" if n else "merge": (lambda n=n: run_step("merge", paths | {"jobs": n}))
                            for n in jobs}, repeat)
    figures["report"] = interleaved({"report": lambda: run_step("report", paths)}, repeat)["report"]
    return figures


def measure_shell(workload: dict, work: Path, repeat: int) -> dict[str, Figure]:
    copy = work / "shell-master.xlsx"

    def merge() -> Figure:
        shutil.copy(workload["master"], copy)
        return run_shell(["merge", workload["returns"], "--master", str(copy), "--no-backup"])

    return interleaved({
        "`ehwb merge` from the shell": merge,
        "`ehwb report` from the shell": lambda: run_shell(["report", workload["master"], "--out", str(work / "shell.docx"), "--force"]),
    }, repeat)


def measure_peak(work: Path, agencies: int, jobs: int) -> list[str]:
    """The ratio table's row for the peak RSS of one merge + save of `agencies` agencies' returns (built first if need be)."""
    workload = run_step("build_large", {"work": str(work), "agencies": agencies}).extra["workload"]
    paths = {"returns": workload["returns"], "master": workload["master"], "skeleton": workload["master"]}
    figure = run_step("merge", paths | {"jobs": jobs})  # 0: a checkout without --jobs (steps._jobs leaves it out)
    return [f"| peak RSS of merge + save, {agencies:,} agencies' returns ({figure.extra['answers']:,} answers; "
            f"{figure.wall:.0f} s wall) | | {figure.rss:.0f} MiB | < 1 GiB |"]


# -- the table ---------------------------------------------------------------------------------


def table(results: dict[str, dict[str, Figure]]) -> list[str]:
    lines = ["| workload | step | wall s | CPU s | peak RSS MiB | notes |", "|---|---|---:|---:|---:|---|"]
    for workload, figures in results.items():
        for name, f in figures.items():
            notes = ", ".join(f"{k} {v:,.3f}" if isinstance(v, float) else f"{k} {v:,}" for k, v in f.extra.items())
            lines.append(f"| {workload} | {name} | {f.wall:.3f} | {f.cpu:.3f} | {f.rss:.0f} | {notes} |")
    return lines


def ratios(results: dict[str, dict[str, Figure]], small: str, large: str) -> list[str]:
    s, big = results[small], results[large]

    def both(what: str, ours: str, theirs: str, target: str = "", inverse: bool = False, measure: str = "cpu") -> str:
        values = []
        for figures in (s, big):
            a, b = getattr(figures[ours], measure), getattr(figures[theirs], measure)
            values.append(f"{(b / a if inverse else a / b):.2f}x")
        return f"| {what} | {values[0]} | {values[1]} | {target} |"

    lines = [f"| ratio | {small} | {large} | target |", "|---|---:|---:|---|",
             both("read + check one return / python-calamine every value", "read + check (ours)", "python-calamine, every value", "<= 1.5x"),
             # the floors: what no change of ours can go below (docs/performance.md, "Where each target stands")
             both("... floor: python-calamine after a bomb guard (SHA-256, every part inflated once) / python-calamine",
                  "python-calamine after a bomb guard", "python-calamine, every value", "(floor)"),
             both("... our intake and the values read, before any answer is located or checked / python-calamine",
                  "our intake and the values, unchecked", "python-calamine, every value"),
             both("pandas.read_excel(openpyxl) / our read + check", "read + check (ours)", "pandas.read_excel (openpyxl)", ">= 8x", True),
             both("master save / openpyxl write-only, same rows", "master save", "openpyxl write-only, same rows", "<= 1.5x"),
             both("... floor: openpyxl's save alone of the built master / openpyxl write-only",
                  "openpyxl's save alone of the built master", "openpyxl write-only, same rows", "(floor)"),
             both("generate / XlsxWriter, same workbooks", "generate", "XlsxWriter, same workbooks", "<= 1.5x"),
             both("... floor: openpyxl's save alone of the built workbooks / XlsxWriter",
                  "openpyxl's save alone of the built workbooks", "XlsxWriter, same workbooks", "(floor)")]
    if "merge --jobs 1" in s:
        def parallel(what: str, ratio) -> str:
            # below two workers' worth of files the merge reads in one process: a ratio there is noise
            cells = [f"{ratio(f):.2f}x" if f["read + check (ours)"].extra["files"] >= 2 * FILES_PER_WORKER
                     else f"(reads in one process below {2 * FILES_PER_WORKER} files)" for f in (s, big)]
            return f"| {what} | {cells[0]} | {cells[1]} |"

        lines.append(parallel("merge + save on 2 cores vs 1 (wall, --jobs 1 / --jobs 2)", lambda f: f["merge --jobs 1"].wall / f["merge --jobs 2"].wall) + " >= 1.7x |")
        lines.append(parallel("read + check + merge, before the save, on 2 cores vs 1 (wall)",
                              lambda f: f["merge --jobs 1"].extra["read_wall"] / f["merge --jobs 2"].extra["read_wall"]) + " >= 1.7x |")
        # Amdahl: the save is one process's work, so even reading twice as fast gives at most this
        lines.append(parallel("most that 2 cores can give merge + save, its save being serial (Amdahl, from --jobs 1)",
                              lambda f: f["merge --jobs 1"].wall / (f["merge --jobs 1"].wall - f["merge --jobs 1"].extra["read_wall"] / 2)) + " |")

        def fastest_save(f) -> float:  # the same bound, were the save as fast as openpyxl write-only writing its rows
            reading, save = f["merge --jobs 1"].extra["read_wall"], f["openpyxl write-only, same rows"].wall
            return (reading + save) / (reading / 2 + save)

        lines.append(parallel("... the same, were the save as fast as openpyxl write-only", fastest_save) + " |")
    per_answer = [f["read + check (ours)"].cpu / f["read + check (ours)"].extra["answers"] for f in (s, big)]
    lines.append(f"| time per answer read + checked, {large} / {small} | | {per_answer[1] / per_answer[0]:.2f} | <= 1.2 |")
    merge_key = "merge --jobs 2" if "merge --jobs 2" in big else "merge"
    lines.append(f"| peak RSS of merge + save, {large} | | {big[merge_key].rss:.0f} MiB | < 1 GiB |")
    return lines


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0") \
        if Path("/proc/meminfo").exists() else "0"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    from importlib.metadata import version

    libraries = ", ".join(f"{name} {version(name)}" for name in ("openpyxl", "python-calamine", "pandas", "pyarrow", "XlsxWriter"))
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (f"{model}, {cores} cores available{load}, {int(memory) / 2**20:.1f} GiB memory; {platform.platform()}; "
            f"Python {platform.python_version()}; {libraries}; Python's speed here: {python_yardstick():.2f} s CPU "
            "for ten million additions in a loop (the fastest of five)")


def python_yardstick() -> float:
    """CPU seconds of a fixed pure-Python loop, so that runs on different machines can be compared: machines of
    one kind differ, and the absolute targets (`ehwb merge` under 0.8 s) move with them more than the ratios do."""
    fastest = float("inf")
    for _ in range(5):
        started, total = time.process_time(), 0
        for number in range(10_000_000):
            total += number
        fastest = min(fastest, time.process_time() - started)
    return fastest


def write_doc(text: str) -> None:
    old = DOC.read_text() if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in old:
        old += f"\n{START}\n{END}\n"
    before, rest = old.split(START, 1)
    after = rest.split(END, 1)[1]
    DOC.write_text(f"{before}{START}\n{text}\n{END}{after}")


def compile_package() -> None:
    """Our modules' bytecode, as `pip install` leaves it. Where PYTHONDONTWRITEBYTECODE is set (this
    project's shared machine sets it) every command measured from the shell would otherwise compile
    about 110 modules first: 0.07-0.1 s of CPU that no installed `ehwb` pays."""
    import compileall

    compileall.compile_dir(ROOT / "ehwb_excel", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the large audit (200 agencies x SCALE) and the pool (150 partnerships x 4 audits x SCALE)")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs per step (the median is printed)")
    parser.add_argument("--smoke", action="store_true", help="smallest sizes, one run each, docs/ left alone (for CI)")
    parser.add_argument("--work", type=Path, help="keep the built workloads here and reuse them next time (default: a temporary folder)")
    parser.add_argument("--peak-at", type=int, metavar="AGENCIES",
                        help="also the peak RSS of one merge + save of an audit of this many agencies' returns "
                             "(2000: about 20 minutes to build, kept with --work, and 3 to measure)")
    args = parser.parse_args()
    scale, repeat = (0.01, 1) if args.smoke else (args.scale, args.repeat)
    agencies, partnerships = (12, 1) if args.smoke else (max(12, round(200 * scale)), max(1, round(150 * scale)))
    compile_package()
    with tempfile.TemporaryDirectory(prefix="ehwb-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # built in a child too: this process stays small, so the children's peak RSS is their own
        # (Linux keeps a parent's peak RSS in a forked child's, even across exec)
        built = run_step("build", {"work": str(work), "agencies": agencies, "partnerships": partnerships}).extra
        print(f"workloads built in {built['seconds']:.0f} s", file=sys.stderr)
        small, big, masters = built["partnership"], built["large"], built["masters"]
        results = {small["name"]: measure_audit(small, repeat, built["jobs"]) | measure_shell(small, Path(tmp), repeat),
                   big["name"]: measure_audit(big, repeat, built["jobs"])}
        if built["pool"]:
            results[f"pool ({len(masters)} masters)"] = interleaved({"pool": lambda: run_step("pool", {"masters": masters})}, repeat)
        peak = measure_peak(work, args.peak_at, max(built["jobs"])) if args.peak_at else []
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on: {machine()}.", "",
             f"`python benchmarks/run.py --scale {scale:g} --repeat {repeat}{f' --peak-at {args.peak_at}' if args.peak_at else ''}`; medians of interleaved runs. Ratios are of CPU "
             "seconds (the machine is shared: wall time waits for other users' processes), except the parallel merge's, "
             "which is of wall time.", "",
             *table(results), "", *ratios(results, small["name"], big["name"]), *peak]
    from start_up import help_cpu_lines  # beside this script: how fast `ehwb --help` starts

    lines += ["", *help_cpu_lines()]
    print("\n".join(lines))
    if not args.smoke:
        write_doc("\n".join(lines))


if __name__ == "__main__":
    main()
