"""The built-in audit: the Emotional Health and Wellbeing theme, 4 cases and 11 agencies."""

from __future__ import annotations

from datetime import date

from ehwb_excel.audit.model import (
    DEFAULT_GRADE_LIST,
    DEFAULT_MARKING,
    DEFAULT_YES_NO_LIST,
    Agency,
    AskedPer,
    Audit,
    Case,
    Choice,
    ChoiceList,
    Condition,
    Question,
    QuestionType,
    Section,
    Settings,
)

from ehwb_excel.audit import profile_questions as profile
from ehwb_excel.audit.profile_questions import PROFILE_QUESTION_IDS  # noqa: F401 (re-exported)

PROFILE_SECTION_ID = "profile"

# The case-profile questions the report turns into sentences take their ids from
# profile_questions, which the narrative imports too: the contract is that import.
KNOWN_QUESTION_ID = "known_to_agency"  # later questions are asked only when this is Yes

_KNOWN = Condition(KNOWN_QUESTION_ID, "Yes")

# -- settings, agencies and cases ----------------------------------------------------------------

SETTINGS = Settings(
    audit_id="EHWB-2026-Q1",
    theme="Emotional Health and Wellbeing of Children and Young People",
    partnership="Sandwell Children's Safeguarding Partnership",
    period="Work with the child from 1 April 2025 to 31 March 2026",
    deadline=date(2027, 1, 29),
    coordinator="Partnership Audit Coordinator",
    coordinator_email="audit.coordinator@example.org",
    coordinator_phone="0121 496 0000",  # Ofcom's range reserved for fiction
    protective_marking=DEFAULT_MARKING,
)

AGENCIES = (
    Agency("SCT", "Sandwell Children's Trust", "sct.audit@example.org"),
    Agency("SWBNHS", "Sandwell and West Birmingham NHS Trust", "safeguarding.swbh@example.org"),
    Agency("CCG", "Clinical Commissioning Group (GP practices)", "ccg.safeguarding@example.org"),
    Agency("CAMHS", "Child and Adolescent Mental Health Services", "camhs.audit@example.org"),
    Agency("Education", "Education (schools and the local authority education service)", "education.safeguarding@example.org"),
    Agency("WMP", "West Midlands Police", "wmp.ppu@example.org"),
    Agency("Inclusion Support", "Inclusion Support Service", "inclusion.support@example.org"),
    Agency("RSVP", "Rape and Sexual Violence Project", "rsvp.audit@example.org"),
    Agency("Kaleidoscope", "Kaleidoscope Plus Group (emotional wellbeing support)", "kaleidoscope@example.org"),
    Agency("COGs", "Community Outreach Groups", "cogs@example.org"),
    Agency("MST", "Multi-Systemic Therapy", "mst.team@example.org"),
)

CASES = (
    Case(
        "Case A",
        ("SCT", "SWBNHS", "CCG", "CAMHS", "Education", "WMP", "RSVP"),
        "Young person aged 15 with anxiety and self-harm, subject to a child protection plan; disclosed sexual abuse.",
    ),
    Case(
        "Case B",
        ("SCT", "CCG", "Education", "Inclusion Support", "Kaleidoscope", "MST"),
        "Child aged 12 with ADHD, electively home educated after exclusion; stepped down to early help.",
    ),
    Case(
        "Case C",
        ("SCT", "SWBNHS", "CCG", "CAMHS", "Education", "WMP", "COGs"),
        "Young person aged 16 at risk of coercion and honour-based abuse; suicidal ideation.",
    ),
    Case(
        "Case D",
        ("SCT", "CCG", "Education", "WMP", "Inclusion Support", "Kaleidoscope", "MST"),
        "Child aged 13 with ASD, parental mental ill-health; long-standing involvement of children's social care.",
    ),
)

# -- choice lists ----------------------------------------------------------------------------------

CHOICE_LISTS = (
    ChoiceList(DEFAULT_GRADE_LIST, (
        Choice("Outstanding", 4, "00B050"),
        Choice("Good", 3, "92D050"),
        Choice("Requires improvement", 2, "FFC000"),
        Choice("Inadequate", 1, "FF0000"),
        Choice("Not applicable", None, "BFBFBF"),
    )),
    ChoiceList(DEFAULT_YES_NO_LIST, (Choice("Yes"), Choice("No"), Choice("Not known"))),
    ChoiceList("gender", (Choice("Female"), Choice("Male"), Choice("Non-binary"), Choice("Not known"))),
    ChoiceList("ethnicity", tuple(Choice(v) for v in (
        "White British", "White Irish", "White Gypsy or Irish Traveller", "White other",
        "Mixed White and Black Caribbean", "Mixed White and Black African", "Mixed White and Asian", "Mixed other",
        "British Indian", "British Pakistani", "British Bangladeshi", "British Chinese", "Asian other",
        "Black British Caribbean", "Black British African", "Black other",
        "Arab", "Any other ethnic group", "Not known",
    ))),
    ChoiceList("diagnoses", tuple(Choice(v) for v in ("None", "ADHD", "ASD", "ADHD and ASD", "Other", "Not known"))),
    ChoiceList("impact", tuple(Choice(v) for v in ("Significant", "Some", "None", "Not known"))),
    ChoiceList("ill_health", tuple(Choice(v) for v in ("Physical", "Mental", "Both", "None", "Not known"))),
    ChoiceList("timeliness", tuple(Choice(v) for v in ("Within timescale", "Late", "Not completed", "Not applicable"))),
    ChoiceList("frequency", tuple(Choice(v) for v in ("Always", "Mostly", "Sometimes", "Never", "Not known"))),
)

# -- sections: the case profile, who completed the return, then the key lines of enquiry --------

SECTIONS = (
    Section(PROFILE_SECTION_ID, "Case profile", "Facts about the child as your agency's records show them.", is_profile=True),
    Section("about", "About this return", "Who completed this return for your agency, and when."),
    Section("relationships", "Relationship-based practice", "Did practitioners build a trusting, consistent relationship with the child and family?"),
    Section("voice", "The child's voice", "Were the child's wishes, feelings and lived experience heard, recorded and acted on?"),
    Section("trauma", "Trauma-informed practice", "Did practice recognise the impact of trauma and avoid re-traumatising the child?"),
    Section("parenting", "Timeliness of parenting assessments", "Were parenting assessments completed on time and used to plan support?"),
    Section("disclosures", "Response to disclosures of sexual abuse", "Was the response to any disclosure of sexual abuse prompt, joined up and child-centred?"),
    Section("counselling", "Access to specialist counselling", "Could the child get specialist counselling or therapy when they needed it?"),
    Section("coercion", "Coercion and honour-based violence", "Were risks of coercion, forced marriage and honour-based abuse recognised and acted on?"),
    Section("stepdown", "Step-down from child protection plans", "When a child protection plan ended, was step-down safe, planned and supported?"),
    Section("early_help", "Early help co-ordination and GP involvement", "Was early help co-ordinated, and was the GP informed and involved?"),
    Section("pathways", "Mental-health pathways and thresholds", "Were mental-health pathways and thresholds clear to practitioners and families?"),
)


# -- questions ---------------------------------------------------------------------------------

# How the report names the questions written for agencies (the rest read well as they are).
REPORT_LABELS = {
    "known_to_agency": "Known to the agency in the audit period",
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "statutory_ever_open": "Ever open to statutory services",
    "csc_years_known": "Years known to Children's Social Care",
    "diagnoses": "Diagnosed neurodevelopmental conditions",
    "ehe": "Electively home educated",
    "ehe_reason": "Reason for elective home education",
    "anxiety": "Anxiety",
    "self_harm": "Self-harm",
    "suicidal_ideation": "Suicidal thoughts",
    "parenting_impact": "Impact of parenting on emotional wellbeing",
    "parental_ill_health": "Parental physical or mental ill-health",
    "last_assessment_date": "Date of the agency's most recent assessment",
    "consistent_worker": "A consistent lead practitioner in the agency",
    "seen_alone": "How often the child was seen on their own",
    "parenting_assessment_timely": "Parenting assessment completed on time",
    "disclosure_made": "Disclosure of sexual abuse to the agency",
    "strategy_within_day": "Strategy discussion within one working day of the disclosure",
    "counselling_referred": "Referred for specialist counselling or therapy",
    "counselling_wait_weeks": "Weeks from referral to first counselling session",
    "hbv_risk_identified": "Risk of coercion or honour-based abuse identified",
    "stepdown_happened": "Stepped down from a child protection plan in the audit period",
    "gp_informed": "GP informed of safeguarding concerns and plans",
    "referral_declined": "Mental-health referral declined as below threshold",
}


def _q(qid, section, text, qtype, guidance, *, choice_list=None, required=True, per=AskedPer.CASE, condition=None):
    if choice_list is None and qtype is QuestionType.GRADE:
        choice_list = DEFAULT_GRADE_LIST
    if choice_list is None and qtype is QuestionType.YES_NO:
        choice_list = DEFAULT_YES_NO_LIST
    return Question(qid, section, text, qtype, choice_list, required, guidance, per, condition, REPORT_LABELS.get(qid, ""))


G, C, YN, N, D, T = (QuestionType.GRADE, QuestionType.CHOICE, QuestionType.YES_NO,
                     QuestionType.NUMBER, QuestionType.DATE, QuestionType.TEXT)


def _line_of_enquiry(section: str, grade_text: str, grade_guidance: str, extra: list[Question]) -> list[Question]:
    """A key line of enquiry: its specific questions, a grade, then strengths and areas for development."""
    return [
        *extra,
        _q(f"{section}_grade", section, grade_text, G, grade_guidance, condition=_KNOWN),
        _q(f"{section}_strengths", section, "Strengths", T,
           "What worked well in this area? Give examples from the records.", required=False, condition=_KNOWN),
        _q(f"{section}_development", section, "Areas for development", T,
           "What could have been done better or sooner in this area? Say what and why.", required=False, condition=_KNOWN),
    ]


_PROFILE = PROFILE_SECTION_ID
PROFILE_QUESTIONS = [
    _q(KNOWN_QUESTION_ID, _PROFILE, "Was the child known to your agency during the audit period?", YN,
       "Answer Yes if your agency had any contact with or involvement in the child's life in the audit period. If No, leave the lines of enquiry blank."),
    _q(profile.GENDER, _PROFILE, "Gender of the child", C, "As recorded by your agency.", choice_list="gender"),
    _q(profile.ETHNICITY, _PROFILE, "Ethnicity of the child", C,
       "As recorded by your agency, using the census categories. Choose Not known if it is not recorded.", choice_list="ethnicity"),
    _q(profile.STATUTORY_EVER_OPEN, _PROFILE, "Has the child ever been open to statutory services?", YN,
       "Statutory services: children's social care (child in need, child protection, looked after) or youth justice."),
    _q(profile.CSC_YEARS_KNOWN, _PROFILE, "How many years has the child been known to Children's Social Care?", N,
       "Whole years since the first contact with Children's Social Care; 0 if less than a year or never known.", required=False),
    _q(profile.DIAGNOSES, _PROFILE, "Diagnosed neurodevelopmental conditions", C,
       "A confirmed diagnosis only; a referral or assessment that is still waiting counts as None.", choice_list="diagnoses"),
    _q(profile.EHE, _PROFILE, "Is the child electively home educated?", YN,
       "Elective home education: the parents have chosen to educate the child at home rather than at school."),
    _q(profile.EHE_REASON, _PROFILE, "Why is the child electively home educated?", T,
       "The reason the parents gave, as recorded (for example anxiety about school, after an exclusion).", condition=Condition(profile.EHE, "Yes")),
    _q(profile.ANXIETY, _PROFILE, "Does the child experience anxiety?", YN, "Anxiety noted in your records, diagnosed or not."),
    _q(profile.SELF_HARM, _PROFILE, "Has the child self-harmed?", YN, "Any self-harm recorded by your agency, at any time."),
    _q(profile.SUICIDAL_IDEATION, _PROFILE, "Has the child expressed suicidal thoughts?", YN,
       "Suicidal thoughts or plans the child expressed to anyone, as recorded by your agency."),
    _q(profile.PARENTING_IMPACT, _PROFILE, "Impact of parenting on the child's emotional wellbeing", C,
       "How much the care the child receives at home affects their emotional health and wellbeing.", choice_list="impact"),
    _q(profile.PARENTAL_ILL_HEALTH, _PROFILE, "Parental physical or mental ill-health", C,
       "Ill-health of a parent or carer that affects their parenting.", choice_list="ill_health"),
    _q("last_assessment_date", _PROFILE, "Date of your agency's most recent assessment of the child", D,
       "The date the latest assessment was completed. Leave blank if your agency has not assessed the child.", required=False, condition=_KNOWN),
]

ABOUT_QUESTIONS = [
    _q("auditor_role", "about", "Role of the person completing this audit", T,
       "Job title or role only (for example Designated Safeguarding Lead). Do not give a name.", per=AskedPer.AGENCY),
    _q("date_completed", "about", "Date this return was completed", D,
       "The date you finished the return, as dd/mm/yyyy.", per=AskedPer.AGENCY),
    _q("records_reviewed", "about", "Which records did you review?", T,
       "For example case notes, chronology, assessments, strategy meeting minutes.", required=False, per=AskedPer.AGENCY),
]

LINES_OF_ENQUIRY = [
    *_line_of_enquiry("relationships", "How well did practitioners build relationships with the child and family?",
                      "Grade the quality of relationship-based practice: consistency of worker, trust, persistence when the family disengaged.", [
        _q("consistent_worker", "relationships", "Did the child have a consistent lead practitioner in your agency?", YN,
           "Yes if one practitioner (or a small stable team) led the work for most of the audit period.", condition=_KNOWN),
    ]),
    *_line_of_enquiry("voice", "How well was the child's voice heard and acted on?",
                      "Grade how the child's wishes, feelings and lived experience shaped plans and decisions.", [
        _q("seen_alone", "voice", "Was the child seen on their own?", C,
           "How often practitioners in your agency saw the child without parents or carers present.", choice_list="frequency", condition=_KNOWN),
    ]),
    *_line_of_enquiry("trauma", "How trauma-informed was your agency's practice?",
                      "Grade whether practice recognised past trauma, avoided repeated re-telling and adapted to the child's needs.", []),
    *_line_of_enquiry("parenting", "How well did parenting assessments support the child's wellbeing?",
                      "Grade the quality and use of parenting assessments in planning for the child.", [
        _q("parenting_assessment_timely", "parenting", "Was the parenting assessment completed on time?", C,
           "Within the timescale set in the plan or by statutory guidance.", choice_list="timeliness", condition=_KNOWN),
    ]),
    *_line_of_enquiry("disclosures", "How good was the response to the disclosure of sexual abuse?",
                      "Grade the speed and co-ordination of the response: strategy discussion, ABE interview, medical, support to the child.", [
        _q("disclosure_made", "disclosures", "Did the child disclose sexual abuse to your agency?", YN,
           "Any disclosure, full or partial, made to a practitioner in your agency.", condition=_KNOWN),
        _q("strategy_within_day", "disclosures", "Was a strategy discussion held within one working day of the disclosure?", YN,
           "Count from when your agency received the disclosure.", condition=Condition("disclosure_made", "Yes")),
    ]),
    *_line_of_enquiry("counselling", "How well did the child get specialist counselling when needed?",
                      "Grade access to specialist counselling or therapy: referral, waiting time and whether it met the child's needs.", [
        _q("counselling_referred", "counselling", "Was the child referred for specialist counselling or therapy?", YN,
           "A referral by any agency that your records show.", condition=_KNOWN),
        _q("counselling_wait_weeks", "counselling", "How many weeks did the child wait from referral to first session?", N,
           "Whole weeks. Leave blank if the child has not yet been seen.", required=False, condition=Condition("counselling_referred", "Yes")),
    ]),
    *_line_of_enquiry("coercion", "How well were risks of coercion and honour-based violence recognised?",
                      "Grade whether risk of coercion, forced marriage or honour-based abuse was identified, shared and acted on.", [
        _q("hbv_risk_identified", "coercion", "Was a risk of coercion or honour-based abuse identified?", YN,
           "Any indicator recorded by your agency, even if later ruled out.", condition=_KNOWN),
    ]),
    *_line_of_enquiry("stepdown", "How safe and well planned was step-down from the child protection plan?",
                      "Grade whether step-down was planned with the family, with clear support and a lead professional in place.", [
        _q("stepdown_happened", "stepdown", "Did the child step down from a child protection plan in the audit period?", YN,
           "Yes if a child protection plan ended and the case moved to child in need or early help.", condition=_KNOWN),
    ]),
    *_line_of_enquiry("early_help", "How well co-ordinated was early help, including the GP?",
                      "Grade co-ordination of early help: a lead professional, a shared plan, and the GP informed and involved.", [
        _q("gp_informed", "early_help", "Was the GP informed of safeguarding concerns and plans?", YN,
           "Yes if records show the GP was told of the concerns and sent the plan or meeting outcomes.", condition=_KNOWN),
    ]),
    *_line_of_enquiry("pathways", "How clear were mental-health pathways and thresholds?",
                      "Grade whether practitioners knew where to refer, the thresholds were understood, and the child was not bounced between services.", [
        _q("referral_declined", "pathways", "Was a referral for mental-health support declined as below threshold?", YN,
           "Any referral to CAMHS or another mental-health service that was declined or redirected.", condition=_KNOWN),
    ]),
]

QUESTIONS = tuple(PROFILE_QUESTIONS + ABOUT_QUESTIONS + LINES_OF_ENQUIRY)


def default_audit() -> Audit:
    """The built-in Emotional Health and Wellbeing audit, as `ehwb init` writes it."""
    return Audit(
        settings=SETTINGS,
        agencies=AGENCIES,
        cases=CASES,
        sections=SECTIONS,
        questions=QUESTIONS,
        choice_lists=CHOICE_LISTS,
    )
