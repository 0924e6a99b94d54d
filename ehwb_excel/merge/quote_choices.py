"""The Quote choices sheet: every distinct strength and area for development, once, with the panel's choice kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ehwb_excel.audit.enquiry import QUOTE_KINDS, lines_of_enquiry, quote_kind, same_text
from ehwb_excel.audit.model import Audit
from ehwb_excel.excel import layout
from ehwb_excel.merge.response_row import ResponseRow
from ehwb_excel.merge.sheet_table import SheetTable
from ehwb_excel.problems.catalogue.returns import QUOTE_CHOICE_GONE
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

CHOICES = (layout.QUOTE_INCLUDE, layout.QUOTE_LEAVE_OUT)
# "Given by" names every agency up to ALL_NAMED_UP_TO (a partnership has about a dozen); past that
# it names the first NAMED_GIVERS and counts the rest, so the cell does not grow with the number
# of agencies (2,000 returns saying the same words made one cell of 16,000 characters). Every
# agency's own answer stays on its own row of the Responses sheet, with its file, sheet and cell.
ALL_NAMED_UP_TO, NAMED_GIVERS = 12, 10
PROMPT = f"{layout.QUOTE_INCLUDE} puts this quote in the report; {layout.QUOTE_LEAVE_OUT} keeps it out."

QuoteKey = tuple[str, str, str]  # (line of enquiry, kind, text) as same_text folds them


@dataclass
class DistinctQuote:
    line: str
    kind: str
    text: str  # as the first agency wrote it
    agencies: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)

    @property
    def key(self) -> QuoteKey:
        return quote_key(self.line, self.kind, self.text)


def quote_key(line: str, kind: str, text: str) -> QuoteKey:
    """What identifies a quote across merges: a corrected return that keeps the words keeps the choice."""
    return same_text(line), same_text(kind), same_text(text)


def distinct_quotes(audit: Audit, responses: Iterable[ResponseRow]) -> list[DistinctQuote]:
    """Strengths and areas for development from Responses rows, identical words offered once,
    in the order of the lines of enquiry, strengths first, then as the rows come (agency order)."""
    lines = {s.id: s.title for s in lines_of_enquiry(audit)}
    kinds: dict[str, tuple[str, str]] = {}
    for question in audit.questions:
        kind = quote_kind(question)
        if question.section_id in lines and kind:
            kinds[question.id] = (lines[question.section_id], kind)
    found: dict[QuoteKey, DistinctQuote] = {}
    for row in responses:
        answer = row.answer
        where = kinds.get(row.question_id or "")
        if where is None or not isinstance(answer, str) or not answer.strip():
            continue
        quote = DistinctQuote(where[0], where[1], " ".join(answer.split()))
        quote = found.setdefault(quote.key, quote)
        _add(quote.agencies, row.agency)
        _add(quote.cases, row.case)
    order = {title: i for i, title in enumerate(lines.values())}
    return sorted(found.values(), key=lambda q: (order[q.line], QUOTE_KINDS.index(q.kind)))


def _add(items: list[str], value) -> None:
    if value and value not in items:
        items.append(value)


def quote_choices_table(audit: Audit, responses: Iterable[ResponseRow], previous: Mapping[QuoteKey, str]) -> SheetTable:
    """The sheet's rows; each quote's choice is the one the panel made before (Leave out for a new quote)."""
    table = SheetTable(layout.QUOTE_CHOICES_SHEET, layout.QUOTE_CHOICES_COLUMNS,
                       choices={layout.QUOTE_CHOICES_COLUMNS[-1]: (CHOICES, PROMPT)}, wrap=("Quote",))
    case_order = {c.reference: i for i, c in enumerate(audit.cases)}
    for quote in distinct_quotes(audit, responses):
        cases = sorted(quote.cases, key=lambda c: case_order.get(c, len(case_order)))
        table.rows.append((quote.line, quote.kind, quote.text, given_by(quote.agencies), _join(cases),
                           previous.get(quote.key, layout.QUOTE_LEAVE_OUT)))
    return table


def choices_from_records(records: Iterable[Mapping]) -> dict[QuoteKey, str]:
    """The panel's choices on a Quote choices sheet read back: quote -> Include or Leave out."""
    line, kind, text, *_rest, chosen = layout.QUOTE_CHOICES_COLUMNS
    found = {}
    for record in records:
        words = record.get(text)
        if isinstance(words, str) and words.strip():
            typed = str(record.get(chosen) or "").strip().casefold()
            value = layout.QUOTE_INCLUDE if typed == layout.QUOTE_INCLUDE.casefold() else layout.QUOTE_LEAVE_OUT
            found[quote_key(str(record.get(line) or ""), str(record.get(kind) or ""), words)] = value
    return found


def given_by(agencies: list[str]) -> str:
    """'SCT, CAMHS and WMP'; past ALL_NAMED_UP_TO agencies, the first NAMED_GIVERS and 'and 1,990 other agencies'."""
    if len(agencies) <= ALL_NAMED_UP_TO:
        return _join(agencies)
    rest = len(agencies) - NAMED_GIVERS
    return f"{', '.join(agencies[:NAMED_GIVERS])} and {rest:,} other agencies"


def _join(items: list[str]) -> str:
    """'SCT, CAMHS and WMP'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def chosen_quotes_gone(audit: Audit, responses: Iterable[ResponseRow], previous: Mapping[QuoteKey, str]) -> list[Problem]:
    """A warning for each quote the panel set to Include that no return holds any more (its words were changed)."""
    now = {quote.key for quote in distinct_quotes(audit, responses)}
    return [
        QUOTE_CHOICE_GONE(Location("", layout.QUOTE_CHOICES_SHEET), line=line, words=text[:80])
        for (line, kind, text), choice in previous.items()
        if choice == layout.QUOTE_INCLUDE and (line, kind, text) not in now
    ]
