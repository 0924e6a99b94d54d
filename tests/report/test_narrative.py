"""The overview and audit-process sentences, for many case mixes: counts, plurals, zero, all, ties, unknowns."""

from datetime import date

import pytest

from ehwb_excel.report.narrative import (
    approach_sentence,
    case_sample_sentence,
    count_of,
    distribution_sentence,
    join_and,
    overview_sentences,
    returns_sentences,
    tally,
)


def profiles(*cases: dict) -> dict:
    """Cases named Case A, Case B ... from dicts of answers."""
    return {f"Case {chr(65 + i)}": answers for i, answers in enumerate(cases)}


def case(gender="Female", ethnicity="White British", statutory=None, years=None, diagnoses=None,
         anxiety=None, self_harm=None, suicidal=None, **more) -> dict:
    answers = {"gender": gender, "ethnicity": ethnicity}
    for key, value in (("statutory_ever_open", statutory), ("csc_years_known", years), ("diagnoses", diagnoses),
                       ("anxiety", anxiety), ("self_harm", self_harm), ("suicidal_ideation", suicidal)):
        if value is not None:
            answers[key] = value
    answers.update(more)
    return answers


def text(mix: dict) -> str:
    return " ".join(overview_sentences(mix))


# -- the example from the real report, exactly --------------------------------------------------------


def test_the_real_reports_example_is_written_word_for_word():
    mix = profiles(
        case("Female", "White British", "No", "0", "None", "Yes", "Yes", "Yes"),
        case("Female", "White British", "No", "", "ADHD and ASD", "Yes", "Yes", "No"),
        case("Male", "British Pakistani", "Yes", "8", "None", "Yes", "Yes", "Yes"),
        case("Female", "White British", "", "", "None", "Yes", "No", "No"),
    )
    assert overview_sentences(mix)[:4] == [
        "The cases comprised 3 females and 1 male: 3 were White British and 1 was British Pakistani.",
        "2 young people had never been open to statutory support at all, whereas another had been known for 8 years "
        "to Children's Social Care (not recorded for 1).",
        "1 young person had a diagnosis of ADHD and ASD.",
        "All of the young people experienced anxiety, 3 were known to be self harming and 2 were known to have suicidal ideation.",
    ]


# -- gender and ethnicity -----------------------------------------------------------------------------


@pytest.mark.parametrize("mix, expected", [
    (profiles(case(), case(), case()), "The cases comprised 3 females: all were White British."),
    (profiles(case("Male"), case("Male")), "The cases comprised 2 males: both were White British."),
    (profiles(case("Male"), case("Female"), case("Female", "British Pakistani"), case("Male", "British Pakistani")),
     # a tie is written in choice-list order (here: alphabetical, as no order is given)
     "The cases comprised 2 females and 2 males: 2 were British Pakistani and 2 were White British."),
    (profiles(case("Female"), case("Not known"), case("", "Not known")),
     "The cases comprised 1 female and 2 whose gender was not recorded: 2 were White British and the ethnicity of 1 was not recorded."),
    (profiles(case("Non-binary"), case("Female")),
     "The cases comprised 1 female and 1 non-binary young person: both were White British."),
    (profiles(case("", ""), case("", "")),
     None),  # nothing known at all: the 'no case profiles' sentence instead
])
def test_who_the_cases_were(mix, expected):
    if expected is None:
        assert overview_sentences(mix) == ["No case profiles have been returned yet, so the 2 cases cannot be described."]
    else:
        assert overview_sentences(mix)[0] == expected


def test_choice_list_order_breaks_ties():
    mix = profiles(case("Male"), case("Female"))
    assert overview_sentences(mix, {"gender": ("Female", "Male")})[0].startswith("The cases comprised 1 female and 1 male")
    assert overview_sentences(mix, {"gender": ("Male", "Female")})[0].startswith("The cases comprised 1 male and 1 female")


@pytest.mark.parametrize("answers, expected", [
    (case("Female", "White British"), "The case concerned a young person who was female and White British."),
    (case("Male", "Not known"), "The case concerned a young person who was male and whose ethnicity was not recorded."),
    (case("", ""), None),
    (case("Not known", "Arab", anxiety="Yes"), "The case concerned a young person who was Arab and whose gender was not recorded."),
])
def test_one_case(answers, expected):
    sentences = overview_sentences({"Case A": answers})
    if expected is None:
        assert sentences == ["No case profiles have been returned yet, so the 1 case cannot be described."]
    else:
        assert sentences[0] == expected


def test_no_cases_at_all():
    assert overview_sentences({}) == ["No cases were selected for this audit."]


def test_a_profile_without_gender_still_counts_the_young_people():
    mix = {"Case A": {"ethnicity": "White British"}, "Case B": {"ethnicity": "Arab"}}
    assert overview_sentences(mix)[0] == "The cases comprised 2 young people: 1 was Arab and 1 was White British."


# -- statutory support and years known -------------------------------------------------------------------


@pytest.mark.parametrize("pairs, expected", [
    ([("No", ""), ("No", "")], "None of the young people had ever been open to statutory support."),
    ([("No", ""), ("Yes", "1")],
     "1 young person had never been open to statutory support at all, whereas another had been known for 1 year to Children's Social Care."),
    ([("No", ""), ("Yes", "3"), ("Yes", "3")],
     "1 young person had never been open to statutory support at all, whereas 2 others had each been known for 3 years to Children's Social Care."),
    ([("No", ""), ("Yes", "1"), ("Yes", "8"), ("Yes", "")],
     "1 young person had never been open to statutory support at all, whereas 3 others had been known to Children's Social Care "
     "(1 for 1 year, 1 for 8 years and for how long was not recorded for 1)."),
    ([("Yes", "2"), ("Yes", "2"), ("Yes", "2")], "All of the young people had each been known for 2 years to Children's Social Care."),
    ([("Yes", "0"), ("Yes", "5")], "Both young people had been known to Children's Social Care (1 for less than a year and 1 for 5 years)."),
    ([("Yes", "4"), ("Not known", "")], "1 young person had been known for 4 years to Children's Social Care (not recorded for 1)."),
    ([("", ""), ("Not known", "")], "It was not recorded whether the young people had been open to statutory support."),
    ([("Yes", "")], "The young person had been known to Children's Social Care (for how long was not recorded)."),
])
def test_statutory_support(pairs, expected):
    mix = profiles(*(case(statutory=s, years=y) for s, y in pairs))
    assert overview_sentences(mix)[1] == expected


# -- diagnoses --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("values, expected", [
    (["None", "None"], "None of the young people had a diagnosed neurodevelopmental condition."),
    (["ADHD", "ADHD", "ASD", "None"], "2 young people had a diagnosis of ADHD and 1 of ASD."),
    (["ADHD", "ADHD"], "Both young people had a diagnosis of ADHD."),
    (["Other", "Not known", "None"], "1 young person had a diagnosis of another condition (not recorded for 1)."),
])
def test_diagnoses(values, expected):
    mix = profiles(*(case(diagnoses=v) for v in values))
    assert overview_sentences(mix)[1] == expected


# -- anxiety, self harm and suicidal ideation ------------------------------------------------------------------


@pytest.mark.parametrize("triples, expected", [
    ([("Yes", "No", "Yes"), ("Yes", "No", "Yes")],
     "Both young people experienced anxiety, none were known to be self harming and both were known to have suicidal ideation."),
    ([("No", "No", "No"), ("No", "No", "No"), ("No", "No", "No")],
     "None of the young people experienced anxiety, none were known to be self harming and none were known to have suicidal ideation."),
    ([("Yes", "Yes", "Yes"), ("No", "Yes", "Yes"), ("No", "Yes", "Yes")],
     "1 young person experienced anxiety, all were known to be self harming and all were known to have suicidal ideation."),
    ([("Yes", "Yes", "No"), ("Yes", "No", "No"), ("No", "Not known", "No")],
     "2 young people experienced anxiety, 1 was known to be self harming (not recorded for 1) and none were known to have suicidal ideation."),
    ([("Yes", "", ""), ("Yes", "", "")],
     "Both young people experienced anxiety; self harm and suicidal ideation were not recorded."),
])
def test_wellbeing(triples, expected):
    mix = profiles(*(case(anxiety=a, self_harm=s, suicidal=i) for a, s, i in triples))
    assert overview_sentences(mix)[1] == expected


def test_one_case_wellbeing_uses_yes_and_no():
    sentences = overview_sentences({"Case A": case(anxiety="Yes", self_harm="No", suicidal="Yes")})
    assert sentences[1] == ("The young person experienced anxiety, was not known to be self harming "
                            "and was known to have suicidal ideation.")


# -- home education and parenting ---------------------------------------------------------------------------------


def test_home_education_with_the_reason_recorded():
    mix = profiles(case(ehe="Yes", ehe_reason="Anxiety about attending school."), case(ehe="No"), case(ehe="No"))
    assert overview_sentences(mix)[1] == ("1 young person was electively home educated; "
                                          "the reason recorded was \u201cAnxiety about attending school\u201d.")


def test_parenting_impact_and_parental_ill_health():
    mix = profiles(
        case(parenting_impact="Significant", parental_ill_health="Mental"),
        case(parenting_impact="Some", parental_ill_health="Mental"),
        case(parenting_impact="Significant", parental_ill_health="Both"),
        case(parenting_impact="None", parental_ill_health="None"),
    )
    assert overview_sentences(mix)[1:] == [
        "Parenting had a significant impact on the emotional wellbeing of 2 young people, some impact on 1 and no impact on 1.",
        "2 young people had a parent or carer with mental ill-health and 1 with physical and mental ill-health.",
    ]


def test_every_sentence_starts_with_a_capital_and_ends_with_a_full_stop():
    mix = profiles(case(statutory="No", anxiety="No", self_harm="Yes", suicidal="No", diagnoses="ASD"),
                   case("Male", statutory="Yes", years="12", anxiety="Yes", self_harm="Yes", suicidal="Not known"))
    for sentence in overview_sentences(mix):
        assert sentence[0].isupper() or sentence[0].isdigit(), sentence
        assert sentence.endswith("."), sentence
        assert "  " not in sentence and " ," not in sentence


# -- the audit process --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n, expected", [
    (0, "No cases were selected for the case file audit."),
    (1, "The case file audit examined 1 randomly selected case."),
    (4, "The case file audit examined 4 randomly selected cases."),
])
def test_case_sample(n, expected):
    assert case_sample_sentence(n) == expected


@pytest.mark.parametrize("received, outstanding, expected", [
    (["SCT", "CAMHS", "WMP"], [], ["Audit tools were completed by all 3 agencies that knew the cases: SCT, CAMHS and WMP."]),
    (["SCT", "CAMHS", "WMP"], ["CCG"], ["Audit tools were completed by SCT, CAMHS and WMP.",
                                        "CCG had not returned its audit tool when this report was written."]),
    (["SCT"], ["CCG", "MST"], ["Audit tools were completed by SCT.",
                               "CCG and MST had not returned their audit tools when this report was written."]),
    ([], ["CCG", "MST"], ["No audit tools had been returned when this report was written.", "Audit tools were expected from CCG and MST."]),
    (["SCT"], [], ["Audit tools were completed by SCT."]),
])
def test_returns(received, outstanding, expected):
    assert returns_sentences(received, outstanding) == expected


@pytest.mark.parametrize("kwargs, expected", [
    (dict(approach="Practitioner discussion forums", number=14, who="SCT, CAMHS and WMP"),
     "Practitioner discussion forums were attended by 14 practitioners from SCT, CAMHS and WMP."),
    (dict(approach="practitioner discussion forum", number=1, held_on=date(2026, 3, 3)),
     "The practitioner discussion forum was attended by 1 practitioner on 3 March 2026."),
    (dict(approach="Audit panel", who="The partnership's audit group", notes="chaired by the scrutineer"),
     "The audit panel was attended by practitioners from the partnership's audit group. Chaired by the scrutineer."),
    (dict(approach="Case file audit"), "The case file audit was held."),
    (dict(approach="MASH review"), "MASH review was held."),
    (dict(approach="Focus groups with families", number=0), "Focus groups with families were attended by 0 people."),
    (dict(approach="Practitioner forum", who="SCT, CAMHS, Education, WMP, Inclusion Support"),
     "The practitioner forum was attended by practitioners from SCT, CAMHS, Education, WMP and Inclusion Support."),
    (dict(approach="Young people's voice", number=3, who="Participation team, and Kaleidoscope"),
     "The young people's voice was attended by 3 people from Participation team and Kaleidoscope."),
])
def test_approaches(kwargs, expected):
    assert approach_sentence(kwargs.pop("approach"), **kwargs) == expected


# -- words ------------------------------------------------------------------------------------------------------------


def test_lists_and_counts():
    assert join_and([]) == ""
    assert join_and(["SCT"]) == "SCT"
    assert join_and(["SCT", "", "WMP"]) == "SCT and WMP"
    assert join_and(["SCT", "CAMHS", "WMP"]) == "SCT, CAMHS and WMP"
    assert [count_of(n, "case") for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    assert tally(["b", "a", "b", "", "Not known"]) == [("b", 2), ("a", 1)]


@pytest.mark.parametrize("counts, expected", [
    ([("Good", 9), ("Requires improvement", 7), ("Outstanding", 0)], "Of 16 grades, 9 were Good and 7 were Requires improvement."),
    ([("Good", 1), ("Inadequate", 0)], "The 1 grade was Good."),
    ([("Good", 4), ("Inadequate", 0)], "All 4 grades were Good."),
    ([("Good", 0)], "No grades were given."),
    ([("Outstanding", 1), ("Good", 1)], "Of 2 grades, 1 was Outstanding and 1 was Good."),
])
def test_distribution(counts, expected):
    assert distribution_sentence(counts) == expected


# -- any mix at all ----------------------------------------------------------------------------------------------------

_CHOICES = {
    "gender": ["Female", "Male", "Non-binary", "Not known", ""],
    "ethnicity": ["White British", "British Pakistani", "Arab", "Not known", ""],
    "statutory_ever_open": ["Yes", "No", "Not known", ""],
    "csc_years_known": ["0", "1", "8", "", "x"],
    "diagnoses": ["None", "ADHD", "ASD", "ADHD and ASD", "Other", "Not known", ""],
    "anxiety": ["Yes", "No", "Not known", ""],
    "self_harm": ["Yes", "No", ""],
    "suicidal_ideation": ["Yes", "No", ""],
    "parenting_impact": ["Significant", "Some", "None", ""],
    "parental_ill_health": ["Physical", "Mental", "Both", "None", ""],
}


@pytest.mark.parametrize("seed", range(40))
def test_random_mixes_count_every_case_once_in_the_first_sentence(seed):
    import random
    import re

    chance = random.Random(seed)
    total = chance.randint(1, 9)
    mix = {f"Case {i}": {q: chance.choice(values) for q, values in _CHOICES.items()} for i in range(total)}
    sentences = overview_sentences(mix)
    assert all(s.endswith(".") and s[0] == s[0].upper() for s in sentences)
    if sentences[0].startswith("The cases comprised"):
        genders = sentences[0].split(":")[0]
        assert sum(int(n) for n in re.findall(r"\d+", genders)) == total
