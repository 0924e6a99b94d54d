"""The benchmark's three deterministic workloads, built with the project's own code.

- partnership: the demo (`run_demo`): the default audit, eleven agencies, its returns and master;
- large audit: one audit with `agencies` distinct agencies (copies of the default's eleven,
  each knowing the same cases), every agency's return synthesised, and its master;
- pool: `partnerships` x 4 quarterly audits' masters. Four quarters are generated, filled in
  and merged for real; each partnership's copy of a quarter's master is that master with the
  partnership's audit id and name written into it (a byte-level rewrite of the package's
  text: a real merge and save per master would take ten minutes at 600 masters).
"""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.audit.model import Agency, Audit, Case
from ehwb_excel.demo.cycle import run_demo
from ehwb_excel.demo.returns import synthesise_returns
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.master.writer import save_master
from ehwb_excel.workbook.generate import generate, master_file_name

SEED = 12
MERGED_AT = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)  # fixed, so that every run merges the same


@dataclasses.dataclass(frozen=True)
class Workload:
    name: str
    audit_agencies: int  # 0: the default audit
    sent: Path  # the generated workbooks and the fresh master skeleton, as `generate` writes them
    returns: Path
    master: Path  # after the merge


def large_audit(agencies: int) -> Audit:
    """The default audit with `agencies` agencies: copies of its own, each knowing the same cases."""
    base = default_audit()
    if agencies <= len(base.agencies):
        return base
    chosen, cases = [], {c.reference: [] for c in base.cases}
    for number in range(agencies):
        agency = base.agencies[number % len(base.agencies)]
        copy = number // len(base.agencies)
        code = agency.code if copy == 0 else f"{agency.code}{copy + 1}"
        chosen.append(Agency(code, agency.name if copy == 0 else f"{agency.name} ({copy + 1})", agency.contact))
        for case in base.cases:
            if agency.code in case.agencies:
                cases[case.reference].append(code)
    return dataclasses.replace(base, agencies=tuple(chosen), cases=tuple(Case(ref, tuple(c)) for ref, c in cases.items()))


def audit_of(workload: Workload) -> Audit:
    return large_audit(workload.audit_agencies) if workload.audit_agencies else default_audit()


def partnership(work: Path) -> Workload:
    out = work / "partnership"
    if not (out / "report.docx").exists():
        run_demo(out, say=lambda _: None)
    audit = default_audit()
    generated = out / "generated"  # as `generate` writes them, the master skeleton too (the demo's to-send holds no master)
    if not (generated / master_file_name(audit)).exists():
        generate(audit, generated)
    return Workload("partnership", 0, generated, out / "returns", out / master_file_name(audit))


def large(work: Path, agencies: int) -> Workload:
    out = work / f"large-{agencies}"
    audit = large_audit(agencies)
    workload = Workload(f"large audit ({agencies} agencies)", agencies, out / "to-send", out / "returns",
                        out / "master" / master_file_name(audit))
    if workload.master.exists():
        return workload
    generate(audit, workload.sent)
    synthesise_returns(audit, workload.sent, workload.returns, seed=SEED)
    workload.master.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(workload.sent / master_file_name(audit), workload.master)
    save_master(workload.master, merge_returns(workload.returns, workload.master, now=MERGED_AT), backup=False)
    return workload


def quarter_audit(quarter: int) -> Audit:
    base = default_audit()
    settings = dataclasses.replace(base.settings, audit_id=f"{base.settings.audit_id[:-1]}{quarter}")
    return dataclasses.replace(base, settings=settings)


def pool(work: Path, partnerships: int) -> list[Path]:
    """The masters of `partnerships` partnerships' four quarters, in a stable order."""
    out = work / f"pool-{partnerships}"
    masters = sorted(out.glob("masters/*.xlsx"))
    if len(masters) == partnerships * 4:
        return masters
    (out / "masters").mkdir(parents=True, exist_ok=True)
    base = default_audit()
    for quarter in range(1, 5):
        audit = quarter_audit(quarter)
        sent, returns = out / f"Q{quarter}" / "to-send", out / f"Q{quarter}" / "returns"
        generate(audit, sent)
        synthesise_returns(audit, sent, returns, seed=SEED + quarter)
        master = sent / master_file_name(audit)
        save_master(master, merge_returns(returns, master, now=MERGED_AT), backup=False)
        for number in range(1, partnerships + 1):
            relabel(master, out / "masters" / f"P{number:03d}-Q{quarter}.xlsx", {
                audit.settings.audit_id: f"P{number:03d}-{audit.settings.audit_id}",
                base.settings.partnership: f"{base.settings.partnership} {number:03d}",
            })
    return sorted(out.glob("masters/*.xlsx"))


def relabel(master: Path, copy: Path, replacements: dict[str, str]) -> None:
    """A copy of `master` with each text replaced in every XML part (the audit id, the partnership)."""
    with zipfile.ZipFile(master) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.endswith(".xml"):
                for old, new in replacements.items():
                    data = data.replace(old.encode(), new.encode())
            target.writestr(entry, data)
