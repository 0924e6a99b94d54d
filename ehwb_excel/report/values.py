"""What the report is built from, as plain values (pure: the reader that fills them is report_input)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ehwb_excel.audit.model import Audit
from ehwb_excel.merge.submission import Submission  # noqa: F401 (one agency's line on Submissions: the merge's own record)
from ehwb_excel.problems.location import Location


# -- the values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """One answer from one agency's return; `case` is "" for questions asked once per agency."""

    case: str
    agency: str
    section: str  # section id
    question_id: str
    answer: str
    score: float | None = None
    comment: str = ""
    location: Location = field(default_factory=Location)  # the row on the Responses sheet


@dataclass(frozen=True)
class ProfileAnswer:
    """The combined answer of all agencies to one case-profile question for one case."""

    case: str
    question_id: str
    answer: str
    location: Location = field(default_factory=Location)
    agreed: bool = True  # False when the agencies' records differ (listed in the report's appendix)
    by_agency: str = ""  # "SCT: Female; CCG: Male"


@dataclass(frozen=True)
class PanelApproach:
    """An audit approach on the Panel notes sheet, e.g. a practitioner discussion forum."""

    approach: str
    held_on: date | None = None
    who_attended: str = ""
    number_attending: int | None = None
    notes: str = ""
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class NumberedText:
    """A headline or a scrutineer reflection."""

    number: str
    text: str
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class KeyFinding:
    """The panel's key finding for one line of enquiry, in its own words."""

    line: str  # the line of enquiry's title
    text: str
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class QuoteChoice:
    """A distinct strength or area for development from the returns, and whether the panel put it in the report."""

    line: str  # the line of enquiry's title
    kind: str  # enquiry.STRENGTH or enquiry.DEVELOPMENT
    text: str
    given_by: str = ""  # "SCT and CAMHS"
    cases: str = ""  # "Case A and Case C"
    included: bool = False
    location: Location = field(default_factory=Location)

    @property
    def attribution(self) -> str:
        """'SCT and CAMHS; Cases A and C': agencies, never a person, then the cases."""
        return "; ".join(part for part in (self.given_by, _cases_shortly(self.cases)) if part)


def _cases_shortly(cases: str) -> str:
    """'Case A, Case B and Case D' -> 'Cases A, B and D'; other references as they are."""
    parts = [p.strip() for p in cases.replace(" and ", ", ").split(",") if p.strip()]
    if len(parts) < 2 or not all(p.startswith("Case ") for p in parts):
        return cases
    letters = [p[len("Case "):] for p in parts]
    return f"Cases {', '.join(letters[:-1])} and {letters[-1]}"


@dataclass(frozen=True)
class Action:
    action: str
    lead: str = ""
    due: date | str | None = None  # a date, or the text typed when it is not one ("Spring 2027")
    status: str = ""
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class Recommendation:
    number: str
    text: str
    actions: tuple[Action, ...] = ()
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class ReportSettings:
    """What the coordinator typed on the Report settings sheet; None where nothing was typed."""

    title: str | None = None
    version: str | None = None
    report_date: date | None = None
    author: str | None = None


@dataclass(frozen=True)
class ReportInput:
    """Everything the report says, read from the master once."""

    audit: Audit
    source: str = ""  # the master's file name, for messages
    submissions: tuple[Submission, ...] = ()
    responses: tuple[Response, ...] = ()
    profiles: tuple[ProfileAnswer, ...] = ()
    approaches: tuple[PanelApproach, ...] = ()
    headlines: tuple[NumberedText, ...] = ()
    key_findings: tuple[KeyFinding, ...] = ()
    quotes: tuple[QuoteChoice, ...] = ()  # every distinct quote the Quote choices sheet offers
    reflections: tuple[NumberedText, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    settings: ReportSettings = ReportSettings()
    names_not_to_print: tuple[str, ...] = ()
    missing_sheets: tuple[str, ...] = ()  # coordinator sheets the master does not have at all
    today: date = field(default_factory=date.today)

    def received_agencies(self) -> tuple[str, ...]:
        """Codes of agencies whose return was merged, in definition order.

        Without a Submissions sheet, an agency with any response counts as received.
        """
        if self.submissions:
            got = {s.agency.casefold() for s in self.submissions if s.merged}
        else:
            got = {r.agency.casefold() for r in self.responses}
        return tuple(a.code for a in self.audit.agencies if a.code.casefold() in got)

    def outstanding_agencies(self) -> tuple[str, ...]:
        """Codes of agencies that know at least one case and whose return is not merged."""
        received = set(self.received_agencies())
        expected = [a.code for a in self.audit.agencies if self.audit.cases_for(a.code)]
        return tuple(code for code in expected if code not in received)
