"""The demo tells one coherent story: dates in order, headlines that match the grades it makes up, varied words."""

from collections import Counter

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.audit.model import QuestionType
from ehwb_excel.demo import coordinator, story
from ehwb_excel.demo.returns import plausible_answers
from ehwb_excel.demo.cycle import SEED

AUDIT = default_audit()
GOOD, WEAK = ("Outstanding", "Good"), ("Requires improvement", "Inadequate")


def _grades() -> dict[str, Counter]:
    """Section id -> the grades every agency's synthesised return gives (Not applicable left out)."""
    found: dict[str, Counter] = {}
    grade_ids = {q.id: q.section_id for q in AUDIT.questions if q.type is QuestionType.GRADE}
    for agency in AUDIT.agencies:
        for (_case, question_id), value in plausible_answers(AUDIT, agency.code, SEED).items():
            if question_id in grade_ids and value != "Not applicable":
                found.setdefault(grade_ids[question_id], Counter())[value] += 1
    return found


def _share(counts: Counter, grades) -> float:
    return sum(counts[g] for g in grades) / sum(counts.values())


def test_the_dates_run_in_order():
    deadline = AUDIT.settings.deadline
    panel = [row[1] for row in coordinator.PANEL_NOTES]
    report_date = coordinator.REPORT_SETTINGS["Report date"]
    due = [row[4] for row in coordinator.RECOMMENDATIONS]
    assert "31 March 2026" in AUDIT.settings.period and deadline.year == 2027  # the period audited ends before returns are due
    assert deadline <= min(panel) and max(panel) < report_date < min(due)


def test_the_headlines_match_the_grades_the_demo_synthesises():
    grades = _grades()
    strongest = max(grades, key=lambda s: _share(grades[s], GOOD))
    weakest = sorted(grades, key=lambda s: _share(grades[s], WEAK), reverse=True)[:2]
    assert strongest == "relationships"  # headline 1: the clearest strength
    assert set(weakest) == {"counselling", "pathways"}  # headline 4 and reflection 2: the weakest areas
    assert _share(grades["disclosures"], GOOD) > 0.6  # headline 2: prompt and joined up
    assert "counselling and mental-health pathways were the weakest areas" in coordinator.HEADLINES[3][1]


def test_every_line_of_enquiry_has_its_own_words_and_no_sentence_is_used_twice():
    words = [text for pool in (story.STRENGTHS, story.DEVELOPMENTS) for texts in pool.values() for text in texts]
    assert len(words) == len(set(words))
    graded = {q.section_id for q in AUDIT.questions if q.type is QuestionType.GRADE}
    assert graded == set(story.STRENGTHS) == set(story.DEVELOPMENTS) == set(story.KEY_FINDINGS) == set(story.GRADE_WEIGHTS)
