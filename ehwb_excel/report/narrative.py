"""Sentences for the report, written from counts: right for any mix, any number, zero and all.

Pure functions of plain values. Numbers are digits throughout, as in partnership reports
("2 young people had never been open to statutory support"), also at the start of a sentence.
A case whose answer is blank or "Not known" is counted as not recorded, never as a No.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from ehwb_excel.audit import profile_questions as profile
from ehwb_excel.audit.enquiry import NOT_KNOWN_ANSWERS
from ehwb_excel.excel.layout import RECORDED_DIFFERENTLY

# case reference -> case-profile question id -> combined answer ("" when nobody answered)
CaseProfiles = Mapping[str, Mapping[str, str]]

# A case whose agencies' answers tie has no combined answer ("Recorded differently"): it is
# counted as not recorded, and a sentence of its own says on what the records differed.
DIFFERED = RECORDED_DIFFERENTLY.casefold()
UNKNOWN_ANSWERS = NOT_KNOWN_ANSWERS | {"", DIFFERED}
NO_CONDITION = frozenset({"none", "no"})


# -- words ------------------------------------------------------------------------------------


def join_and(items: Sequence[str]) -> str:
    """'SCT, CAMHS and WMP' (no comma before 'and', as partnership reports write lists)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return items[0] if items else ""
    return f"{', '.join(items[:-1])} and {items[-1]}"


def count_of(n: int, singular: str, plural: str | None = None) -> str:
    """'1 case', '4 cases', '0 cases'."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def years(n: int) -> str:
    """'less than a year', '1 year', '8 years'."""
    return "less than a year" if n <= 0 else count_of(n, "year")


def long_date(day: date) -> str:
    """'3 March 2026' (British order, no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def people(n: int, total: int) -> str:
    """The subject of a sentence about `n` of `total` young people."""
    if total == 1 and n == 1:
        return "The young person"
    if n == 0:
        return "None of the young people"
    if n == total:
        return "Both young people" if total == 2 else "All of the young people"
    return count_of(n, "young person", "young people")


def _some(n: int, total: int) -> str:
    """The subject of a later clause: 'all', 'both', 'none' or the number."""
    if n == 0:
        return "none"
    if n == total and total > 1:
        return "both" if total == 2 else "all"
    return str(n)


def _was(subject: str) -> str:
    return "was" if subject in ("1", "The young person") or subject.startswith("1 ") else "were"


def _not_recorded(n: int) -> str:
    return f" (not recorded for {n})" if n else ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


# -- counting answers ----------------------------------------------------------------------------


def is_unknown(answer: str | None) -> bool:
    return (answer or "").strip().casefold() in UNKNOWN_ANSWERS


def _answers(profiles: CaseProfiles, question_id: str) -> list[str] | None:
    """Every case's answer (blank when missing); None when no case has the question at all."""
    if not any(question_id in answers for answers in profiles.values()):
        return None
    return [(answers.get(question_id) or "").strip() for answers in profiles.values()]


def tally(answers: Sequence[str], order: Sequence[str] = ()) -> list[tuple[str, int]]:
    """Known answers with their counts, most first; ties in `order` (the choice list), then A-Z."""
    known = Counter(a for a in answers if not is_unknown(a))
    position = {value.casefold(): i for i, value in enumerate(order)}
    return sorted(known.items(), key=lambda item: (-item[1], position.get(item[0].casefold(), len(position)), item[0]))


def _yes(answers: Sequence[str]) -> tuple[int, int, int]:
    """(yes, no, not recorded)."""
    yes = sum(1 for a in answers if a.casefold() == "yes")
    no = sum(1 for a in answers if a.casefold() == "no")
    return yes, no, len(answers) - yes - no


# -- the overview of the cases ---------------------------------------------------------------------


def overview_sentences(profiles: CaseProfiles, order: Mapping[str, Sequence[str]] | None = None,
                       labels: Mapping[str, str] | None = None) -> list[str]:
    """Sentences describing the cases from their profiles; `order` gives each question's choice list order,
    `labels` each question's report label (for the sentence on records that differed)."""
    order = order or {}
    total = len(profiles)
    if total == 0:
        return ["No cases were selected for this audit."]
    if not any(not is_unknown(a) or _differed(a) for answers in profiles.values() for a in answers.values()):
        return [f"No case profiles have been returned yet, so the {count_of(total, 'case')} cannot be described."]
    writers = (_who, _statutory, _diagnoses, _home_education, _wellbeing, _parenting, _parental_ill_health)
    found = [writer(profiles, order) for writer in writers] + [differed_sentence(profiles, labels or {})]
    return [_sentence(s) for s in found if s]


def _differed(answer: str | None) -> bool:
    return (answer or "").strip().casefold() == DIFFERED


def differed_sentence(profiles: CaseProfiles, labels: Mapping[str, str]) -> str | None:
    """'The agencies' records differed on gender for 1 young person; that answer is counted as not recorded above.'"""
    counts = Counter(qid for answers in profiles.values() for qid, a in answers.items() if _differed(a))
    if not counts:
        return None
    parts = [f"on {_in_prose(labels.get(qid, qid.replace('_', ' ')))} for {count_of(n, 'young person', 'young people')}"
             for qid, n in counts.items()]
    answers = "that answer is" if sum(counts.values()) == 1 else "those answers are"
    return f"The agencies' records differed {join_and(parts)}; {answers} counted as not recorded above"


def _in_prose(label: str) -> str:
    """'Gender' -> 'gender' mid-sentence; 'GP informed ...' keeps its capitals."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() or not label else label[0].lower() + label[1:]


def _who(profiles: CaseProfiles, order: Mapping[str, Sequence[str]]) -> str | None:
    genders, ethnicities = _answers(profiles, profile.GENDER), _answers(profiles, profile.ETHNICITY)
    total = len(profiles)
    if genders is None and ethnicities is None:
        return None
    if total == 1:
        return _who_single(genders[0] if genders is not None else None, ethnicities[0] if ethnicities is not None else None)
    if genders is None:
        parts = [count_of(total, "young person", "young people")]
    else:
        parts = [f"{n} {_gender_noun(value, n)}" for value, n in tally(genders, order.get(profile.GENDER, ()))]
        unknown = sum(1 for g in genders if is_unknown(g))
        if unknown:
            who = "" if parts else f" {'young person' if unknown == 1 else 'young people'}"
            parts.append(f"{unknown}{who} whose gender was not recorded")
    text = f"The cases comprised {join_and(parts)}"
    if ethnicities is not None:
        text += f": {_ethnicity_clause(ethnicities, total, order.get(profile.ETHNICITY, ()))}"
    return text


def _who_single(gender: str | None, ethnicity: str | None) -> str:
    known: list[str] = []
    missing: list[str] = []
    for what, value, shown in (("gender", gender, (gender or "").lower()), ("ethnicity", ethnicity, ethnicity or "")):
        if value is not None:
            (missing.append(what) if is_unknown(value) else known.append(shown))
    text = "The case concerned a young person"
    if known:
        text += f" who was {join_and(known)}"
    if missing:
        text += f"{' and' if known else ''} whose {join_and(missing)} {'was' if len(missing) == 1 else 'were'} not recorded"
    return text


_GENDER_NOUNS = {"female": ("female", "females"), "male": ("male", "males"), "girl": ("girl", "girls"), "boy": ("boy", "boys")}


def _gender_noun(value: str, n: int) -> str:
    singular, plural = _GENDER_NOUNS.get(value.casefold(), (f"{value.lower()} young person", f"{value.lower()} young people"))
    return singular if n == 1 else plural


def _ethnicity_clause(answers: Sequence[str], total: int, order: Sequence[str]) -> str:
    groups = tally(answers, order)
    unknown = sum(1 for a in answers if is_unknown(a))
    if len(groups) == 1 and not unknown:
        return f"{'both' if total == 2 else 'all'} were {groups[0][0]}"
    parts = [f"{n} {'was' if n == 1 else 'were'} {value}" for value, n in groups]
    if unknown:
        parts.append(f"the ethnicity of {unknown} was not recorded" if groups else "their ethnicity was not recorded")
    return join_and(parts)


def _statutory(profiles: CaseProfiles, order: Mapping[str, Sequence[str]]) -> str | None:
    ever = _answers(profiles, profile.STATUTORY_EVER_OPEN)
    if ever is None:
        return None
    total = len(profiles)
    known_years = _answers(profiles, profile.CSC_YEARS_KNOWN) or [""] * total
    opened, never, unknown = _yes(ever)
    open_years = [_whole_years(y) for e, y in zip(ever, known_years) if e.casefold() == "yes"]
    if opened == 0 and never == 0:
        return f"It was not recorded whether {'the young person' if total == 1 else 'the young people'} had been open to statutory support"
    if opened == 0:
        if never == total:
            return "The young person had never been open to statutory support" if total == 1 else (
                "None of the young people had ever been open to statutory support")
        return f"{people(never, total)} had never been open to statutory support at all{_not_recorded(unknown)}"
    known_for = _known_for(open_years)
    if never == 0:
        subject = people(opened, total)
        return f"{subject} had {'each ' if opened > 1 and _same(open_years) else ''}been known{known_for}{_not_recorded(unknown)}"
    others = "another" if opened == 1 else f"{opened} others"
    each = "each " if opened > 1 and _same(open_years) else ""
    return (f"{people(never, total)} had never been open to statutory support at all, "
            f"whereas {others} had {each}been known{known_for}{_not_recorded(unknown)}")


def _whole_years(answer: str) -> int | None:
    try:
        return int(float(answer))
    except (TypeError, ValueError):
        return None


def _same(values: Sequence[int | None]) -> bool:
    return len(set(values)) == 1 and values[0] is not None


def _known_for(open_years: Sequence[int | None]) -> str:
    """' for 8 years to Children's Social Care', or the years grouped when they differ."""
    csc = "Children's Social Care"
    first = open_years[0] if open_years else None
    if _same(open_years) and first is not None:
        return f" for {years(first)} to {csc}"
    if len(open_years) == 1:  # one case, length not recorded
        return f" to {csc} (for how long was not recorded)"
    counts = Counter(open_years)
    parts = [f"{n} for {years(y)}" for y, n in sorted(((y, n) for y, n in counts.items() if y is not None))]
    if counts.get(None):
        parts.append(f"for how long was not recorded for {counts[None]}")
    return f" to {csc} ({join_and(parts)})"


def _diagnoses(profiles: CaseProfiles, order: Mapping[str, Sequence[str]]) -> str | None:
    answers = _answers(profiles, profile.DIAGNOSES)
    if answers is None:
        return None
    total = len(profiles)
    diagnosed = [a for a in answers if not is_unknown(a) and a.casefold() not in NO_CONDITION]
    unknown = sum(1 for a in answers if is_unknown(a))
    if not diagnosed:
        if unknown == total:
            return None
        if total == 1:
            return "The young person had no diagnosed neurodevelopmental condition"
        return f"None of the young people had a diagnosed neurodevelopmental condition{_not_recorded(unknown)}"
    groups = tally(diagnosed, order.get(profile.DIAGNOSES, ()))
    first_value, first_n = groups[0]
    parts = [f"{people(first_n, total)} had a diagnosis of {_condition(first_value)}"]
    parts += [f"{n} of {_condition(value)}" for value, n in groups[1:]]
    return join_and(parts) + _not_recorded(unknown)


def _condition(value: str) -> str:
    return "another condition" if value.casefold() == "other" else value


def _home_education(profiles: CaseProfiles, order: Mapping[str, Sequence[str]]) -> str | None:
    answers = _answers(profiles, profile.EHE)
    if answers is None:
        return None
    yes, no, unknown = _yes(answers)
    total = len(profiles)
    if yes == 0:
        if no == 0:
            return None
        return ("The young person was not electively home educated" if total == 1
                else f"None of the young people were electively home educated{_not_recorded(unknown)}")
    text = f"{people(yes, total)} {_was(people(yes, total))} electively home educated{_not_recorded(unknown)}"
    reasons = [(answers_of.get(profile.EHE_REASON) or "").strip() for answers_of in profiles.values()
               if (answers_of.get(profile.EHE) or "").casefold() == "yes"]
    reasons = [r.rstrip(".") for r in reasons if not is_unknown(r)]
    if reasons:
        quoted = join_and([f"\u201c{reason}\u201d" for reason in reasons])  # the agencies' words, quoted, not pasted after a label
        text += f"; the {'reason' if len(reasons) == 1 else 'reasons'} recorded {'was' if len(reasons) == 1 else 'were'} {quoted}"
    return text


# (question id, topic, plural "yes" predicate, singular "yes" predicate, predicate for one case's "no")
_WELLBEING = (
    (profile.ANXIETY, "anxiety", "experienced anxiety", "experienced anxiety", "did not experience anxiety"),
    (profile.SELF_HARM, "self harm", "were known to be self harming", "was known to be self harming", "was not known to be self harming"),
    (profile.SUICIDAL_IDEATION, "suicidal ideation", "were known to have suicidal ideation",
     "was known to have suicidal ideation", "was not known to have suicidal ideation"),
)


def _wellbeing(profiles: CaseProfiles, order: Mapping[str, Sequence[str]]) -> str | None:
    total = len(profiles)
    clauses: list[str] = []
    not_recorded: list[str] = []
    for question_id, topic, plural, singular, single_no in _WELLBEING:
        answers = _answers(profiles, question_id)
        if answers is None:
            continue
        yes, no, unknown = _yes(answers)
        if yes == 0 and no == 0:
            not_recorded.append(topic)
            continue
        if total == 1:
            text = singular if yes else single_no
            clauses.append(f"The young person {text}" if not clauses else text)
            continue
        subject = people(yes, total) if not clauses else _some(yes, total)
        clauses.append(f"{subject} {singular if _was(subject) == 'was' else plural}{_not_recorded(unknown)}")
    text = join_and(clauses)
    if not_recorded:
        missing = f"{join_and(not_recorded)} {'was' if len(not_recorded) == 1 else 'were'} not recorded"
        text = f"{text}; {missing}" if text else missing
    return text or None


_IMPACT = {"significant": "a significant impact", "some": "some impact", "none": "no impact", "no": "no impact"}


def _parenting(profiles: CaseProfiles, order: Mapping[str, Sequence[str]]) -> str | None:
    answers = _answers(profiles, profile.PARENTING_IMPACT)
    if answers is None:
        return None
    total = len(profiles)
    choice_order = order.get(profile.PARENTING_IMPACT) or ("Significant", "Some", "None")
    position = {v.casefold(): i for i, v in enumerate(choice_order)}
    groups = sorted(tally(answers), key=lambda g: position.get(g[0].casefold(), len(position)))
    if not groups:
        return None
    unknown = sum(1 for a in answers if is_unknown(a))
    parts = []
    for i, (value, n) in enumerate(groups):
        impact = _IMPACT.get(value.casefold(), f"{value.lower()} impact")
        whom = _object(n, total) if i == 0 else str(n)
        parts.append(f"{impact} on {'the emotional wellbeing of ' if i == 0 else ''}{whom}")
    return f"Parenting had {join_and(parts)}{_not_recorded(unknown)}"


def _object(n: int, total: int) -> str:
    if total == 1:
        return "the young person"
    if n == total:
        return "both young people" if total == 2 else "all of the young people"
    return count_of(n, "young person", "young people")


_ILL_HEALTH = {"physical": "physical ill-health", "mental": "mental ill-health", "both": "physical and mental ill-health"}


def _parental_ill_health(profiles: CaseProfiles, order: Mapping[str, Sequence[str]]) -> str | None:
    answers = _answers(profiles, profile.PARENTAL_ILL_HEALTH)
    if answers is None:
        return None
    total = len(profiles)
    unknown = sum(1 for a in answers if is_unknown(a))
    affected = [a for a in answers if not is_unknown(a) and a.casefold() not in NO_CONDITION]
    if not affected:
        if unknown == total:
            return None
        if total == 1:
            return "The young person's parents or carers had no ill-health that affected their parenting"
        return f"None of the young people had a parent or carer whose ill-health affected their parenting{_not_recorded(unknown)}"
    groups = tally(affected, order.get(profile.PARENTAL_ILL_HEALTH, ()))
    parts = []
    for i, (value, n) in enumerate(groups):
        kind = _ILL_HEALTH.get(value.casefold(), f"{value.lower()} ill-health")
        parts.append(f"{people(n, total)} had a parent or carer with {kind}" if i == 0 else f"{n} with {kind}")
    return join_and(parts) + _not_recorded(unknown)


# -- the audit process ---------------------------------------------------------------------------


def case_sample_sentence(n_cases: int) -> str:
    """'The case file audit examined 4 randomly selected cases.'"""
    if n_cases == 0:
        return "No cases were selected for the case file audit."
    return f"The case file audit examined {count_of(n_cases, 'randomly selected case')}."


def returns_sentences(received: Sequence[str], missing: Sequence[str]) -> list[str]:
    """Which agencies completed audit tools and which had not returned one, by their abbreviations.

    A missing return is never called "outstanding": next to the grade Outstanding the word misleads.
    """
    sentences = []
    if not received:
        sentences.append("No audit tools had been returned when this report was written.")
    elif not missing and len(received) > 1:
        sentences.append(f"Audit tools were completed by all {len(received)} agencies that knew the cases: {join_and(received)}.")
    else:
        sentences.append(f"Audit tools were completed by {join_and(received)}.")
    if missing and received:
        tool = "its audit tool" if len(missing) == 1 else "their audit tools"
        sentences.append(f"{join_and(missing)} had not returned {tool} when this report was written.")
    elif missing:
        sentences.append(f"Audit tools were expected from {join_and(missing)}.")
    return sentences


def period_sentence(period: str) -> str:
    """'The audit looked at work with the child from 1 April 2025 to 31 March 2026.' from the period as typed."""
    period = period.strip().rstrip(".")
    if not period:
        return ""
    if period[0].isdigit():
        return f"The audit covered {period}."
    first, _, rest = period.partition(" ")
    first = first if first.isupper() and len(first) > 1 else first.lower()  # keep an abbreviation ("CSC ...")
    return f"The audit looked at {first}{' ' + rest if rest else ''}."


def approach_sentence(approach: str, *, number: int | None = None, who: str = "", held_on: date | None = None, notes: str = "") -> str:
    """'Practitioner discussion forums were attended by 14 practitioners from SCT, CAMHS and WMP.'

    `who` is as typed ("SCT, CAMHS, WMP" or "all agencies that knew the cases"); a list is re-joined
    with "and". Attendees are called practitioners when the approach is a practitioners' one, else people.
    """
    name = approach.strip().rstrip(".")
    name = name[0].upper() + name[1:]
    # a plural name ("forums") takes "were"; "Practitioner discussion forum" and "Focus group" take "was"
    verb = "were" if name.casefold().endswith("s") and not name.casefold().endswith("ss") else "was"
    if verb == "was" and name.split(" ", 1)[0].casefold() not in ("the", "a", "an") and not name.split(" ", 1)[0].isupper():
        name = f"The {name[0].lower()}{name[1:]}"  # "The case file audit was held", a complete sentence
    when = f" on {long_date(held_on)}" if held_on else ""
    who = _attendees(who)
    if number is not None or who:
        noun = ("practitioner", "practitioners") if "practitioner" in name.casefold() or "audit" in name.casefold() else ("person", "people")
        attended = count_of(number, *noun) if number is not None else noun[1]
        text = f"{name} {verb} attended by {attended}{f' from {who}' if who else ''}{when}."
    else:
        text = f"{name} {verb} held{when}."
    if notes.strip():
        text += f" {_sentence(notes)}"
    return text


_LOWER_FIRST_WORDS = frozenset({"all", "each", "every", "the", "both", "most", "some"})


def _attendees(who: str) -> str:
    """'SCT, CAMHS, WMP' -> 'SCT, CAMHS and WMP'; 'All agencies ...' -> 'all agencies ...' (mid-sentence)."""
    who = who.strip().rstrip(".")
    if not who:
        return ""
    if "," in who and " and " not in who.replace(", and ", ", "):  # a list typed with commas only
        parts = [p.strip() for p in who.split(",")]
        if parts[-1].casefold().startswith("and "):
            parts[-1] = parts[-1][4:].strip()
        who = join_and([p for p in parts if p])
    first, _, rest = who.partition(" ")
    if first.casefold() in _LOWER_FIRST_WORDS:
        who = first.lower() + (f" {rest}" if rest else "")
    return who


# -- grades -----------------------------------------------------------------------------------------


def grade_summary_sentence(counts: Sequence[tuple[str, int]], not_counted: Sequence[tuple[str, int]] = (),
                           refused_from: Sequence[str] = ()) -> str:
    """The grades in one sentence, with answers that are not grades and refused answers said to be left out.

    'Of 23 grades, 9 were Good and 14 were Requires improvement; 3 answers were not applicable, and
    1 answer from WMP was not on the grade scale, so it is not counted.'
    """
    text = distribution_sentence(counts).rstrip(".")
    extra = []
    for value, n in not_counted:
        extra.append(f"{count_of(n, 'answer')} {_was(str(n))} {value.lower()}")
    if refused_from:
        n = len(refused_from)
        extra.append(f"{count_of(n, 'answer')} from {join_and(sorted(set(refused_from)))} {_was(str(n))} not on the grade scale, "
                     f"so {'it is' if n == 1 else 'they are'} not counted")
    return f"{text}; {join_and(extra)}." if extra else f"{text}."


# -- charts ------------------------------------------------------------------------------------------


def distribution_sentence(counts: Sequence[tuple[str, int]], what: str = "grades") -> str:
    """'Of 23 grades, 2 were Outstanding, 9 were Good, 7 were Requires improvement and 5 were Inadequate.'"""
    total = sum(n for _, n in counts)
    if total == 0:
        return f"No {what} were given."
    given = [(value, n) for value, n in counts if n]
    if len(given) == 1:
        return f"{'The 1' if total == 1 else f'All {total}'} {what[:-1] if total == 1 else what} {'was' if total == 1 else 'were'} {given[0][0]}."
    return f"Of {total} {what}, {join_and([f'{n} {_was(str(n))} {value}' for value, n in given])}."
