"""The case-profile questions the report turns into sentences: their ids, one home for the built-in audit and the narrative."""

GENDER = "gender"
ETHNICITY = "ethnicity"
STATUTORY_EVER_OPEN = "statutory_ever_open"
CSC_YEARS_KNOWN = "csc_years_known"
DIAGNOSES = "diagnoses"
EHE = "ehe"  # electively home educated
EHE_REASON = "ehe_reason"
ANXIETY = "anxiety"
SELF_HARM = "self_harm"
SUICIDAL_IDEATION = "suicidal_ideation"
PARENTING_IMPACT = "parenting_impact"
PARENTAL_ILL_HEALTH = "parental_ill_health"

# every id above: a definition that names its profile questions so gets the report's sentences
PROFILE_QUESTION_IDS = (
    GENDER, ETHNICITY, STATUTORY_EVER_OPEN, CSC_YEARS_KNOWN, DIAGNOSES, EHE, EHE_REASON,
    ANXIETY, SELF_HARM, SUICIDAL_IDEATION, PARENTING_IMPACT, PARENTAL_ILL_HEALTH,
)
