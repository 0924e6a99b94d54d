"""Names that must not be printed: redacted from every text the report quotes, then searched for in the whole document."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml.ns import qn

from ehwb_excel.problems.catalogue.report import LISTED_NAME_IN_REPORT, NAME_REDACTED
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError, Problem
from ehwb_excel.report.values import ReportInput

REDACTED = "[name removed]"


def name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """Whole-word match of any listed name in folded text (see `fold`); None when no names are listed.

    Longer names first, so "Jo Bloggs" is removed whole rather than leaving "Bloggs".
    Spaces inside a name match any run of white space (a line break in a comment).
    """
    cleaned = sorted({" ".join(fold(n).split()) for n in names if n and n.strip()}, key=len, reverse=True)
    cleaned = [name for name in cleaned if name]
    if not cleaned:
        return None
    words = [r"\s+".join(re.escape(part) for part in name.split(" ")) for name in cleaned]
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE)


def fold(text: str) -> str:
    """`text` as names are compared: without accents, invisible characters or letter widths, in lower case.

    "Zoë" typed decomposed (e + a combining diaeresis, as macOS stores it), "Kay\u00adleigh"
    with a soft hyphen from a web page and full-width "Ｋｉｍ" would otherwise slip past the list.
    """
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if unicodedata.category(c) not in ("Mn", "Cf")).casefold()


def redact(text: str, pattern: re.Pattern | None) -> tuple[str, int]:
    """The text with each listed name replaced, and how many were replaced.

    Names are found in the folded text; each is cut from the text as typed, with any accents
    and invisible characters that belong to it, and everything else is kept exactly.
    """
    if pattern is None or not text:
        return text, 0
    folded, origin = [], []  # origin[i]: the index in `text` of folded character i
    for index, ch in enumerate(text):
        part = _fold_char(ch)
        folded.append(part)
        origin.extend([index] * len(part))
    spans = [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer("".join(folded)) if m.end() > m.start()]
    for start, end in reversed(spans):
        while end < len(text) and not _fold_char(text[end]):  # a combining accent or invisible character after the name
            end += 1
        text = text[:start] + REDACTED + text[end:]
    return text, len(spans)


def _mentions(pattern: re.Pattern, text: str) -> bool:
    return bool(pattern.search(fold(text)))


def redact_input(report_input: ReportInput) -> tuple[ReportInput, list[Problem]]:
    """The input with listed names removed from every text it holds, and a warning for each place."""
    pattern = name_pattern(report_input.names_not_to_print)
    if pattern is None:
        return report_input, []
    problems: list[Problem] = []

    def clean(text: str, location: Location, what: str, case: str = "", question: str = "") -> str:
        new, count = redact(text, pattern)
        if count:
            problems.append(NAME_REDACTED(location, what=what, case=case or "no case", question=question or "-"))
        return new

    responses = tuple(
        replace(
            r,
            answer=clean(r.answer, r.location, f"{r.agency}'s answer", r.case, r.question_id),
            comment=clean(r.comment, r.location, f"{r.agency}'s comment", r.case, r.question_id),
        )
        for r in report_input.responses
    )
    profiles = tuple(
        replace(p, answer=clean(p.answer, p.location, "the case profile", p.case, p.question_id)) for p in report_input.profiles
    )
    approaches = tuple(
        replace(
            a,
            approach=clean(a.approach, a.location, "the panel notes"),
            who_attended=clean(a.who_attended, a.location, "the panel notes"),
            notes=clean(a.notes, a.location, "the panel notes"),
        )
        for a in report_input.approaches
    )
    headlines = tuple(replace(h, text=clean(h.text, h.location, "a headline")) for h in report_input.headlines)
    key_findings = tuple(replace(k, text=clean(k.text, k.location, "a key finding")) for k in report_input.key_findings)
    quotes = tuple(replace(q, text=clean(q.text, q.location, "a quote", q.cases)) for q in report_input.quotes)
    reflections = tuple(replace(r, text=clean(r.text, r.location, "a reflection")) for r in report_input.reflections)
    recommendations = tuple(
        replace(
            rec,
            text=clean(rec.text, rec.location, f"recommendation {rec.number}"),
            actions=tuple(
                replace(a, action=clean(a.action, a.location, f"an action of recommendation {rec.number}"),
                        lead=clean(a.lead, a.location, f"an action of recommendation {rec.number}"))
                for a in rec.actions
            ),
        )
        for rec in report_input.recommendations
    )
    return replace(
        report_input, responses=responses, profiles=profiles, approaches=approaches, headlines=headlines,
        key_findings=key_findings, quotes=quotes, reflections=reflections, recommendations=recommendations,
    ), problems


# -- the final check on the whole document -----------------------------------------------------


def listed_names_found(document: Document, names: Iterable[str]) -> list[str]:
    """Where in the document a listed name still appears ("document paragraph 12", "footer1.xml"); [] when nowhere.

    Every XML part of the package is searched: body, tables, headers, footers, image alt text,
    and the document properties, so nothing escapes through a place the build did not expect.
    """
    pattern = name_pattern(names)
    if pattern is None:
        return []
    places = []
    for part in document.part.package.iter_parts():
        if not isinstance(part, XmlPart):
            continue
        name = part.partname.rsplit("/", 1)[-1]
        for number, paragraph in enumerate(part.element.iter(qn("w:p")), start=1):
            if _mentions(pattern, _paragraph_text(paragraph)):
                places.append(f"{name}, paragraph {number}")
        for element in part.element.iter():
            if any(_mentions(pattern, value) for key, value in element.attrib.items() if key in ("descr", "title", "name")):
                places.append(f"{name}, alt text or name")
    properties = document.core_properties
    for label in ("title", "subject", "keywords", "author", "comments", "category"):
        if _mentions(pattern, getattr(properties, label) or ""):
            places.append(f"document properties, {label}")
    return places


_BREAKS = {qn("w:br"), qn("w:cr"), qn("w:tab")}


def _paragraph_text(paragraph) -> str:
    """A paragraph's text as read: runs joined, line breaks and tabs as spaces ("Jo" <w:br/> "Bloggs" is "Jo Bloggs")."""
    return "".join((element.text or "") if element.tag == qn("w:t") else " "
                   for element in paragraph.iter() if element.tag == qn("w:t") or element.tag in _BREAKS)


def check_no_listed_names(document: Document, names: Iterable[str], source: str = "") -> None:
    """Raise EhwbError (REP_002) naming the first places when any listed name is in the document."""
    places = listed_names_found(document, names)
    if places:
        raise EhwbError(LISTED_NAME_IN_REPORT(Location(source), where="; ".join(places[:5])))
