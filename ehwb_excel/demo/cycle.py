"""The whole audit cycle on the built-in default, as a coordinator and eleven agencies would run it.

define -> generate -> agencies fill in (synthesised, deterministic) -> merge -> corrected return
merged again -> report. The scenario has what a real quarter has: one return late, one with an
invalid value pasted over a dropdown, one corrected and sent again, and one agency that has not
returned at all.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from openpyxl import load_workbook

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.reader import load_definition
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.demo.coordinator import choose_quotes, type_into_master
from ehwb_excel.excel import layout
from ehwb_excel.demo.returns import fill_answers, plausible_answers, synthesise_returns
from ehwb_excel.demo.saved_time import set_saved_time
from ehwb_excel.workbook.generate import file_name_for, generate, master_file_name
from ehwb_excel.master.writer import save_master
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.master.trail import merge_entry, recorded, report_entry
from ehwb_excel.audit.model import Audit, QuestionType
from ehwb_excel.demo.planted import CORRECTED_AGENCY, LATE_AGENCY, MISSING_AGENCY, PASTED_AGENCY, explanation, unexpected

SEED = 2026
DEMO_MARKER = ".ehwb-demo"

# The case mix of the real report the default audit is drawn from (PRODUCT.md): every agency
# that knows a case gives these facts, so the report's overview reads like the real one.
Y, N = "Yes", "No"
PROFILES = {
    "Case A": dict(gender="Female", ethnicity="White British", statutory_ever_open=N, csc_years_known=0, diagnoses="None",
                   ehe=N, anxiety=Y, self_harm=Y, suicidal_ideation=Y, parenting_impact="Significant", parental_ill_health="Mental"),
    "Case B": dict(gender="Female", ethnicity="White British", statutory_ever_open=N, csc_years_known=0, diagnoses="None",
                   ehe=N, anxiety=Y, self_harm=Y, suicidal_ideation=Y, parenting_impact="Some", parental_ill_health="None"),
    "Case C": dict(gender="Male", ethnicity="British Pakistani", statutory_ever_open=Y, csc_years_known=8,
                   diagnoses="ADHD and ASD", ehe=N, anxiety=Y, self_harm=N, suicidal_ideation=N,
                   parenting_impact="Significant", parental_ill_health="Physical"),
    "Case D": dict(gender="Female", ethnicity="White British", statutory_ever_open=Y, csc_years_known=2, diagnoses="None",
                   ehe=Y, ehe_reason="Parents chose home education after a long period of school refusal linked to anxiety.",
                   anxiety=Y, self_harm=Y, suicidal_ideation=N, parenting_impact="Some", parental_ill_health="Mental"),
}


@dataclass
class DemoResult:
    out_dir: Path
    definition: Path
    master: Path
    report: Path | None
    pdf: Path | None = None
    summaries: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unexpected: list = field(default_factory=list)  # problems found that the demo did not plant: a fault


def run_demo(out_dir: str | os.PathLike, *, say: Callable[[str], None] = print, pdf: bool = False) -> DemoResult:
    """Run the cycle into `out_dir` (made, or cleaned when it holds an earlier demo)."""
    out = _fresh_folder(Path(out_dir))
    definition = out / "definition.xlsx"
    write_definition(default_audit(), definition)
    audit = load_definition(definition)  # read back as any coordinator's definition would be
    say(f"definition: {definition}")

    to_send = out / "to-send"
    generate(audit, to_send)
    master = out / master_file_name(audit)
    shutil.move(to_send / master_file_name(audit), master)
    _type_coordinator_sheets(master, audit)
    say(f"generated {len(audit.agencies)} agency workbooks in {to_send} and the master {master.name}")

    returns = out / "returns"
    synthesise_returns(audit, to_send, returns, seed=SEED)
    _give_case_profiles(audit, returns)
    corrected_camhs = _plant_scenario(audit, returns, out / "corrected")
    say(f"{len(list(returns.glob('*.xlsx')))} returns arrived in {returns} ({MISSING_AGENCY} has not returned)")

    result = DemoResult(out, definition, master, None)
    for line in explanation():
        say(line)
    merged_at = _deadline(audit) + timedelta(days=7)
    result.summaries.append(_merge(returns, master, merged_at, say, result))
    _choose_quotes(master, audit, say)

    camhs = shutil.copy(corrected_camhs, returns / corrected_camhs.name)
    _set_received(Path(camhs), merged_at + timedelta(days=1))
    say(f"{CORRECTED_AGENCY} sent a corrected return; merging again")
    result.summaries.append(_merge(returns, master, merged_at + timedelta(days=2), say, result))

    result.report, result.pdf, result.warnings = _report(master, out / "report.docx", pdf, say)
    return result


# -- steps ------------------------------------------------------------------------------------


def _fresh_folder(out: Path) -> Path:
    """An empty folder; an earlier demo's folder is cleaned, anything else is refused."""
    if out.exists() and any(out.iterdir()):
        if not (out / DEMO_MARKER).exists():
            raise ValueError(f"{out} is not empty and was not made by 'ehwb demo': choose an empty or new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / DEMO_MARKER).write_text("made by 'ehwb demo'; the next demo run may clean this folder\n")
    return out


def _type_coordinator_sheets(master: Path, audit: Audit) -> None:
    workbook = load_workbook(master)
    type_into_master(workbook, audit)
    workbook.save(master)


def _choose_quotes(master: Path, audit: Audit, say: Callable[[str], None]) -> None:
    workbook = load_workbook(master)
    chosen = choose_quotes(workbook, audit)
    workbook.save(master)
    say(f"the panel chose {chosen} quotes for the report on the master's '{layout.QUOTE_CHOICES_SHEET}' sheet")


def _give_case_profiles(audit: Audit, returns: Path) -> None:
    for agency in audit.agencies:
        path = returns / file_name_for(audit, agency.code)
        if not path.exists():
            continue
        facts: dict[tuple[str | None, str], object] = {}
        for case in audit.cases_for(agency.code):
            profile = PROFILES.get(case.reference, {})
            facts.update({(case.reference, qid): value for qid, value in profile.items() if audit.question(qid)})
            if "ehe_reason" not in profile and audit.question("ehe_reason"):
                facts[(case.reference, "ehe_reason")] = None  # asked only when home educated
        fill_answers(path, facts)


def _plant_scenario(audit: Audit, returns: Path, corrected: Path) -> Path:
    """Make the folder look like a real quarter; the path of CAMHS's corrected return, kept aside."""
    (returns / file_name_for(audit, MISSING_AGENCY)).unlink()
    pasted = returns / file_name_for(audit, PASTED_AGENCY)
    grade_question, case = _first_grade_question(audit, PASTED_AGENCY)
    fill_answers(pasted, {(case, grade_question): "Very good"},
                 comments={(case, grade_question): '=HYPERLINK("http://example.org","see the chronology")'})

    camhs = returns / file_name_for(audit, CORRECTED_AGENCY)
    corrected.mkdir()
    kept_aside = Path(shutil.copy(camhs, corrected / camhs.name))
    grade_question, case = _first_grade_question(audit, CORRECTED_AGENCY)
    fill_answers(camhs, {(case, grade_question): None})

    deadline = _deadline(audit)
    for number, path in enumerate(sorted(returns.glob("*.xlsx"))):
        _set_received(path, deadline - timedelta(days=10 - number % 7, hours=number))
    _set_received(returns / file_name_for(audit, LATE_AGENCY), deadline + timedelta(days=4))
    return kept_aside


def _first_grade_question(audit: Audit, agency: str) -> tuple[str, str]:
    """(question id, case) of the first grade this agency's synthesised return answers."""
    answered = plausible_answers(audit, agency, SEED)
    for question in (q for q in audit.questions if q.type is QuestionType.GRADE):
        for case in audit.cases_for(agency):
            if answered.get((case.reference, question.id)) is not None:
                return question.id, case.reference
    raise ValueError(f"the demo return for {agency} answers no grade question")


def _merge(returns: Path, master: Path, now: datetime, say: Callable[[str], None], demo: DemoResult) -> str:
    result = merge_returns(returns, master, now=now)
    save_master(master, result)
    _on_trail(master, merge_entry(result, master, "ehwb demo"), "merge", say)
    summary = result.summary()
    say(summary)
    faults = unexpected(result.audit, result.report.problems)
    demo.unexpected += faults
    for problem in result.report.problems:
        say(f"  {problem.severity.value}: {problem}" + ("  <- NOT PLANTED" if problem in faults else ""))
    return summary


def _report(master: Path, docx: Path, pdf: bool, say: Callable[[str], None]):
    from ehwb_excel.report.document import build_report, save_report
    from ehwb_excel.report.pdf import convert_to_pdf
    from ehwb_excel.report.report_input import read_report_input

    document, report = build_report(read_report_input(master))
    save_report(document, docx)
    say(f"report: {docx}")
    warnings = [str(p) for p in report.problems]
    pdf_path = None
    if pdf:
        pdf_path, problem = convert_to_pdf(docx)
        if problem:  # a warning may come with a PDF (its contents list not numbered) or without one
            warnings.append(str(problem))
            say(f"  warning: {problem}")
        if pdf_path:
            say(f"report as PDF: {pdf_path}")
    _on_trail(master, report_entry(master, [docx, *([pdf_path] if pdf_path else [])], "ehwb demo"), "report", say)
    return docx, pdf_path, warnings


def _on_trail(master: Path, entry: dict, what: str, say: Callable[[str], None]) -> None:
    """The demo's merges and report go on the master's trail as the commands' do (a warning where it cannot be added to)."""
    problem = recorded(master, entry, what)
    if problem is not None:
        say(f"  warning: {problem}")


def _deadline(audit: Audit) -> datetime:
    return datetime.combine(audit.settings.deadline, time(17, 0), tzinfo=timezone.utc)


def _set_received(path: Path, when: datetime) -> None:
    """The agency saved its return at `when`: the workbook says so, and so does the file's time."""
    set_saved_time(path, when)
