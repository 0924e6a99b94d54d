"""Fill in generated agency workbooks as agencies would: for the demo and for tests.

`fill_answers` writes answers by case and question id (never by address) with openpyxl;
`synthesise_returns` makes a plausibly completed return for every agency workbook in a
folder, deterministically from a seed: answers respect conditions and lists, grades vary,
the case profile (gender, ethnicity ...) agrees across agencies for one case, and free text
reads like a real audit's findings. No text names a person.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ehwb_excel.demo import story
from ehwb_excel.excel import layout
from ehwb_excel.returns.answer_values import normalise_text
from ehwb_excel.audit.model import AskedPer, Audit, Question, QuestionType
from ehwb_excel.returns.reader import find_key_row, read_return
from ehwb_excel.workbook.style import put_value


def fill_answers(
    workbook_path: str | os.PathLike,
    answers: Mapping[tuple[str | None, str], object],
    out_path: str | os.PathLike | None = None,
    comments: Mapping[tuple[str | None, str], str] | None = None,
) -> Path:
    """Write `answers[(case, question_id)]` (case None: the agency sheet) into the answer cells.

    Writes to `out_path` (default: over `workbook_path`) and returns it. Text is always
    stored as text, so "=1+2" stays inert. Raises KeyError naming any (case, question id)
    without an answer row.
    """
    wb = load_workbook(workbook_path)
    rows = _answer_rows(wb.worksheets)
    wanted = [(key, value, layout.COL_ANSWER) for key, value in answers.items()]
    wanted += [(key, value, layout.COL_COMMENT) for key, value in (comments or {}).items()]
    missing = [key for key, _, _ in wanted if key not in rows]
    if missing:
        raise KeyError(f"no answer row for {missing}")
    for key, value, column_key in wanted:
        ws, row, columns = rows[key]
        # assigned, not passed to ws.cell(), which ignores None: None blanks the cell
        put_value(ws.cell(row=row, column=columns[column_key]), value)
    target = Path(out_path or workbook_path)
    wb.save(target)
    return target


def _answer_rows(worksheets: list[Worksheet]) -> dict[tuple[str | None, str], tuple[Worksheet, int, dict[str, int]]]:
    """(case, question id) -> (sheet, Excel row, key columns) for every answer row."""
    found: dict[tuple[str | None, str], tuple[Worksheet, int, dict[str, int]]] = {}
    for ws in worksheets:
        values = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        key = find_key_row(values)
        if key is None or not key.subject:
            continue
        case = None if key.subject == layout.SUBJECT_AGENCY else key.subject[len(layout.SUBJECT_CASE_PREFIX) :]
        id_column = key.columns[layout.COL_QUESTION_ID]
        for r in range(key.row + 1, len(values) + 1):
            row = values[r - 1]
            question_id = row[id_column - 1] if id_column <= len(row) else None
            if isinstance(question_id, str) and question_id.strip():
                found.setdefault((case, question_id.strip()), (ws, r, key.columns))
    return found


# -- plausible returns -------------------------------------------------------------------


def synthesise_returns(audit: Audit, generated_dir: str | os.PathLike, out_dir: str | os.PathLike, seed: int = 0) -> list[Path]:
    """A completed copy, in `out_dir`, of every agency workbook of `audit` in `generated_dir`.

    The same seed gives the same answers. Files keep their names; other files are ignored.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for path in sorted(Path(generated_dir).glob("*.xlsx")):
        found = read_return(path)
        if found.return_format != layout.RETURN_FORMAT or found.audit_id != audit.settings.audit_id:
            continue
        agency = audit.agency(found.agency_code or "")
        if agency is None:
            continue
        target = out / path.name
        shutil.copyfile(path, target)
        made.append(fill_answers(target, plausible_answers(audit, agency.code, seed)))
    return made


def plausible_answers(audit: Audit, agency_code: str, seed: int = 0) -> dict[tuple[str | None, str], object]:
    """Answers one agency might give, keyed by (case, question id); only questions that apply."""
    answers: dict[tuple[str | None, str], object] = {}
    agency_rng = random.Random(f"{seed}:{agency_code}")
    for question in (q for q in audit.questions if q.asked_per is AskedPer.AGENCY):
        _answer(audit, question, None, agency_rng, answers)
    for case in audit.cases_for(agency_code):
        rng = random.Random(f"{seed}:{agency_code}:{case.reference}")
        for question in (q for q in audit.questions if q.asked_per is AskedPer.CASE):
            profile = audit.section(question.section_id)
            if profile and profile.is_profile and question.id != _KNOWN:
                # facts about the child: the same for every agency that knows the case
                rng_used = random.Random(f"{seed}:{case.reference}:{question.id}")
            else:
                rng_used = rng
            _answer(audit, question, case.reference, rng_used, answers)
    return answers


_KNOWN = "known_to_agency"  # the default audit's gate question: most agencies know their cases


def _answer(audit: Audit, question: Question, case: str | None, rng: random.Random, answers: dict) -> None:
    if question.condition is not None:
        given = answers.get((case if question.asked_per is AskedPer.CASE else None, question.condition.question_id))
        if given is None or normalise_text(str(given)).casefold() != question.condition.value.casefold():
            return  # the question does not apply: left blank, as the workbook asks
    if question.id.endswith(("_strengths", "_development")) and rng.random() > _QUOTE_SHARE:
        return  # an agency writes strengths and areas for development where it has something to say
    value = _value(audit, question, rng)
    if value is not None:
        answers[(case, question.id)] = value


def _choice_values(audit: Audit, question: Question) -> tuple[str, ...]:
    choices = audit.choices_for(question)
    return choices.values if choices is not None else ()


def _value(audit: Audit, question: Question, rng: random.Random) -> object:
    deadline = audit.settings.deadline
    if question.type is QuestionType.GRADE:
        values = _choice_values(audit, question)
        weights = list(story.GRADE_WEIGHTS.get(question.section_id, story.OTHER_WEIGHTS))
        return rng.choices(values, weights=(weights + [1] * len(values))[: len(values)])[0]
    if question.type is QuestionType.YES_NO:
        if question.id == _KNOWN:
            return "Yes" if rng.random() < 0.9 else "No"
        return rng.choices(["Yes", "No", "Not known"], weights=[5, 4, 1])[0] if "Not known" in _choice_values(audit, question) else rng.choice(["Yes", "No"])
    if question.type is QuestionType.CHOICE:
        values = tuple(v for v in _choice_values(audit, question) if v != "Not known") or _choice_values(audit, question)
        return rng.choice(values)
    if question.type is QuestionType.NUMBER:
        return rng.randint(2, 26) if "week" in question.id else rng.randint(1, 12)
    if question.type is QuestionType.DATE:
        # a return is completed a week or more before it is sent; a case's dates fall in the period audited
        return deadline - timedelta(days=rng.randint(12, 25) if question.asked_per is AskedPer.AGENCY else rng.randint(310, 600))
    return _free_text(question, rng)


_QUOTE_SHARE = 0.35  # the share of lines of enquiry an agency writes a strength (or an area for development) for


def _free_text(question: Question, rng: random.Random) -> str:
    if question.id.endswith("_strengths"):
        return rng.choice(story.STRENGTHS.get(question.section_id, _STRENGTHS))
    if question.id.endswith("_development"):
        return rng.choice(story.DEVELOPMENTS.get(question.section_id, _DEVELOPMENT))
    return _OTHER_TEXT.get(question.id, rng.choice(_GENERAL))


_STRENGTHS = [
    "The worker built a trusting relationship over time and visits were consistent; the young person named the worker as someone they could talk to.",
    "The young person's wishes and feelings are recorded in their own words and were reflected in the plan.",
    "Information was shared promptly with partners, and the chronology shows a clear rationale for each decision.",
    "Supervision notes show reflective discussion of the impact of trauma on the young person's behaviour.",
    "Referral to specialist support was made quickly and followed up when there was no response.",
    "Multi-agency meetings were well attended and actions were specific, with named leads and timescales.",
    "The record shows persistent attempts to engage the family, using the young person's preferred ways of communicating.",
    "Risk was reassessed after each significant event and the safety plan was updated with the young person.",
]
_DEVELOPMENT = [
    "The plan did not set out how progress would be measured; outcomes should be specific and reviewed.",
    "There were long gaps between contacts during the school holidays, with no recorded contingency.",
    "The young person's view was not sought before the step-down decision and should be recorded in future.",
    "Concerns about parental mental health were known but were not shared with the GP until months later.",
    "Case notes describe incidents but not their impact on the young person; analysis needs strengthening.",
    "The threshold for a specialist mental-health referral was unclear to staff; the pathway should be clarified.",
    "Actions from the strategy discussion were not tracked to completion in this agency's records.",
    "Changes of worker were not explained to the young person, which affected engagement.",
]
_GENERAL = [
    "Recorded in the case notes; no further detail held by this agency.",
    "Discussed with the family at the review meeting.",
]
_OTHER_TEXT = {
    "ehe_reason": "Parents chose elective home education after a period of exclusion; the local authority has offered support visits.",
    "auditor_role": "Designated safeguarding lead",
    "records_reviewed": "Case records, chronology, supervision notes and multi-agency meeting minutes for the audit period.",
}

