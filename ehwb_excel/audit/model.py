"""The audit as plain Python: settings, agencies, cases, sections, questions and choice lists."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import Enum

from ehwb_excel.excel.cell_text import folded


class QuestionType(str, Enum):
    """What kind of answer a question takes; the value is what the definition workbook shows."""

    GRADE = "grade"
    CHOICE = "choice"
    YES_NO = "yes/no"
    NUMBER = "number"
    DATE = "date"
    TEXT = "free text"

    @property
    def has_list(self) -> bool:
        """True when the answer is picked from a choice list (a dropdown)."""
        return self in (QuestionType.GRADE, QuestionType.CHOICE, QuestionType.YES_NO)


class AskedPer(str, Enum):
    """Whether a question is answered for every case or once by each agency."""

    CASE = "case"
    AGENCY = "agency"


DEFAULT_GRADE_LIST = "grade"
DEFAULT_YES_NO_LIST = "yes_no"
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class Settings:
    audit_id: str
    theme: str
    partnership: str
    period: str
    deadline: date
    coordinator: str
    coordinator_email: str
    coordinator_phone: str = ""
    protective_marking: str = DEFAULT_MARKING
    template_version: str = "1"


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    contact: str = ""


@dataclass(frozen=True)
class Case:
    """One audited case, known only by an anonymous reference such as 'Case A'."""

    reference: str
    agencies: tuple[str, ...]  # agency codes
    summary: str = ""


@dataclass(frozen=True)
class Section:
    """A key line of enquiry, or the case profile when `is_profile` is True."""

    id: str
    title: str
    description: str = ""
    is_profile: bool = False


@dataclass(frozen=True)
class Condition:
    """Show a question only when another answer (same case, same agency) equals `value`."""

    question_id: str
    value: str


@dataclass(frozen=True)
class Question:
    id: str
    section_id: str
    text: str
    type: QuestionType
    choice_list: str | None = None  # name of a ChoiceList; None for number/date/text
    required: bool = True
    guidance: str = ""
    asked_per: AskedPer = AskedPer.CASE
    condition: Condition | None = None
    report_label: str = ""  # how the report names the question; blank: derived from the question's words

    @property
    def label(self) -> str:
        """The report's words for this question: its report label, or the question as a reader would put it."""
        return self.report_label.strip() or reader_wording(self.text)


def reader_wording(text: str) -> str:
    """A question written for agencies, in words for the report's readers: "your agency" becomes "the agency"."""
    words = " ".join(text.split())
    for mine, theirs in (("your agency's", "the agency's"), ("Your agency's", "The agency's"),
                         ("your agency", "the agency"), ("Your agency", "The agency")):
        words = words.replace(mine, theirs)
    return words


@dataclass(frozen=True)
class Choice:
    value: str
    score: float | None = None
    colour: str | None = None  # "RRGGBB", used for grade colours


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def find(self, value: str) -> Choice | None:
        """The choice whose value equals `value` ignoring case and outer spaces; None if none."""
        return self._by_folded.get(folded(str(value)))

    @functools.cached_property  # made on first use (the list is frozen): every list answer of every return is looked up
    def _by_folded(self) -> dict[str, Choice]:
        found: dict[str, Choice] = {}
        for choice in self.choices:
            found.setdefault(folded(choice.value), choice)  # the first choice of a value is the one found
        return found


@dataclass(frozen=True)
class Audit:
    settings: Settings
    agencies: tuple[Agency, ...]
    cases: tuple[Case, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    choice_lists: tuple[ChoiceList, ...]
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- look-ups ------------------------------------------------------------------------
    # Each is a dict built on first use (the audit is frozen): a merge looks up every answer's
    # question and every file's agency, so a scan per look-up grew with the audit's size.
    def _first_by(self, what: str, key) -> dict:
        if what not in self._index:
            found: dict = {}
            for item in getattr(self, what):
                found.setdefault(key(item), item)
            self._index[what] = found
        return self._index[what]

    def agency(self, code: str) -> Agency | None:
        """The agency with this code (case-insensitive); None when unknown."""
        return self._first_by("agencies", lambda a: a.code.casefold()).get(folded(code))

    def known_agency(self, code: str) -> Agency:
        """The agency with this code, where the caller has already checked that it is one of ours."""
        agency = self.agency(code)
        if agency is None:
            raise KeyError(f"no agency with code {code!r} in this audit")
        return agency

    def question(self, question_id: str) -> Question | None:
        return self._first_by("questions", lambda q: q.id).get(question_id)

    def section(self, section_id: str) -> Section | None:
        return self._first_by("sections", lambda s: s.id).get(section_id)

    def choice_list(self, name: str) -> ChoiceList | None:
        return self._first_by("choice_lists", lambda c: c.name).get(name)

    def cases_for(self, agency_code: str) -> tuple[Case, ...]:
        """The cases this agency knows, in definition order."""
        return tuple(c for c in self.cases if agency_code in c.agencies)

    def questions_in(self, section_id: str, asked_per: AskedPer | None = None) -> tuple[Question, ...]:
        return tuple(
            q
            for q in self.questions
            if q.section_id == section_id and (asked_per is None or q.asked_per == asked_per)
        )

    def choices_for(self, question: Question) -> ChoiceList | None:
        """The choice list a question's dropdown shows; None for number, date and free text."""
        return self.choice_list(question.choice_list) if question.choice_list else None

    # -- identity ------------------------------------------------------------------------
    def checksum(self) -> str:
        """SHA-256 of the definition's content; returns carry it so a changed definition shows.

        Worked out once per audit: it serialises the whole definition, and every return is compared with it.
        """
        if "checksum" not in self._index:
            canonical = json.dumps(audit_to_dict(self), sort_keys=True, ensure_ascii=False)
            self._index["checksum"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        return self._index["checksum"]


# -- plain-dict form (stored in the master workbook so it is self-contained) ------------


def audit_to_dict(audit: Audit) -> dict:
    """The audit as JSON-ready dicts and lists."""

    def plain(value):
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, date):
            return value.isoformat()
        if is_dataclass(value):  # field by field, as dataclasses.asdict gives them, without its deep copy of every value and look-up
            return {f.name: plain(getattr(value, f.name)) for f in fields(value) if not f.name.startswith("_")}
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if not k.startswith("_")}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    return plain(audit)


def audit_from_dict(data: dict) -> Audit:
    """The inverse of `audit_to_dict`."""
    settings = dict(data["settings"])
    settings["deadline"] = date.fromisoformat(settings["deadline"])
    questions = []
    for q in data["questions"]:
        q = dict(q)
        q["type"] = QuestionType(q["type"])
        q["asked_per"] = AskedPer(q["asked_per"])
        q["condition"] = Condition(**q["condition"]) if q.get("condition") else None
        questions.append(Question(**q))
    return Audit(
        settings=Settings(**settings),
        agencies=tuple(Agency(**a) for a in data["agencies"]),
        cases=tuple(Case(reference=c["reference"], agencies=tuple(c["agencies"]), summary=c.get("summary", "")) for c in data["cases"]),
        sections=tuple(Section(**s) for s in data["sections"]),
        questions=tuple(questions),
        choice_lists=tuple(
            ChoiceList(name=cl["name"], choices=tuple(Choice(**c) for c in cl["choices"]))
            for cl in data["choice_lists"]
        ),
    )
