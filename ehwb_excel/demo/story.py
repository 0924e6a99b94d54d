"""What the demo's agencies and panel say: grades that lean the way the headlines say, and varied words.

Each key line of enquiry of the default audit has its own grade weights (Outstanding, Good,
Requires improvement, Inadequate, Not applicable), its own strengths and areas for development,
and the key finding the panel writes; the headlines and reflections in coordinator.py are drawn
from the same story, so the demo's report never contradicts its own numbers.
"""

from __future__ import annotations

# section id -> weights of (Outstanding, Good, Requires improvement, Inadequate, Not applicable)
GRADE_WEIGHTS = {
    "relationships": (3, 8, 2, 0, 1),
    "voice": (1, 5, 5, 1, 1),
    "trauma": (1, 5, 4, 1, 1),
    "parenting": (0, 3, 6, 2, 2),
    "disclosures": (2, 6, 2, 0, 3),
    "counselling": (0, 1, 5, 8, 1),
    "coercion": (1, 5, 3, 1, 3),
    "stepdown": (0, 2, 6, 3, 3),
    "early_help": (0, 4, 7, 2, 1),
    "pathways": (0, 1, 6, 6, 1),
}
OTHER_WEIGHTS = (2, 6, 5, 2, 1)

STRENGTHS = {
    "relationships": (
        "The worker built a trusting relationship over time; the young person named the worker as someone they could talk to.",
        "Visits were consistent and kept to the same day each week, which the young person said helped them feel safe.",
        "When the family disengaged, the practitioner kept trying with texts, letters and visits until contact resumed.",
    ),
    "voice": (
        "The young person's wishes and feelings are recorded in their own words.",
        "The worker used a drawing tool to help the young person say what worried them at home.",
        "The young person was seen alone at every visit and their views were fed back to the core group.",
    ),
    "trauma": (
        "Supervision notes show reflective discussion of the impact of trauma on the young person's behaviour.",
        "The school adapted the timetable after the young person said crowded corridors brought back memories of the assault.",
        "Practitioners shared one chronology so that the young person did not have to repeat their story.",
    ),
    "parenting": (
        "The parenting assessment drew on observations at home and at contact, not only on interviews.",
        "The assessment identified the mother's own trauma and linked her to adult mental-health support.",
        "Parents were given the assessment in plain language and their comments were added to it.",
    ),
    "disclosures": (
        "A strategy discussion was held on the day of the disclosure, with police, health and children's social care.",
        "The young person was supported by a worker they trusted during the video-recorded interview.",
        "The school followed its procedure exactly and recorded the young person's words verbatim.",
    ),
    "counselling": (
        "The GP referred the young person on the day they first described low mood.",
        "The school counsellor offered weekly sessions while the young person waited for specialist help.",
        "Kaleidoscope offered a first appointment within two weeks of referral.",
    ),
    "coercion": (
        "Indicators of honour-based abuse were recognised and shared with the police the same day.",
        "The forced-marriage unit was consulted before the family holiday abroad.",
        "The young person was given a safe way to contact the worker without the family knowing.",
    ),
    "stepdown": (
        "The step-down meeting named a lead professional and set a date to review the plan.",
        "The family helped write the early help plan and agreed who would do what.",
        "The social worker stayed involved for a month after step-down to hand over the relationship.",
    ),
    "early_help": (
        "The early help assessment brought school, health and the family together within four weeks.",
        "The lead professional kept a single plan that every agency could see.",
        "The team around the family met every six weeks and actions were followed up.",
    ),
    "pathways": (
        "The school's mental-health lead knew the local offer and referred to the right service first time.",
        "The CAMHS single point of access explained its decision and suggested another service.",
        "The GP used the local thresholds guide when referring.",
    ),
}

DEVELOPMENTS = {
    "relationships": (
        "Changes of worker were not explained to the young person, which affected engagement.",
        "There were long gaps between contacts during the school holidays, with no recorded contingency.",
        "The father was not contacted although he shared care at weekends.",
    ),
    "voice": (
        "The young person's view was recorded but did not change the plan; it should be clear how it was used.",
        "The young person was always seen with a parent present, so their own view was not known.",
        "Reviews recorded what adults thought the young person wanted, not what they said.",
    ),
    "trauma": (
        "Case notes describe incidents but not their impact on the young person; analysis needs strengthening.",
        "The young person was asked to retell the abuse to three different services in two months.",
        "Exclusion was used without considering how the young person's trauma affected their behaviour.",
    ),
    "parenting": (
        "The parenting assessment took five months against a timescale of twelve weeks.",
        "The assessment was completed but its recommendations were not used in the child protection plan.",
        "No parenting assessment was started although neglect had been a concern for a year.",
    ),
    "disclosures": (
        "The police were told of the disclosure a day late because it was made on a Friday evening.",
        "The young person was not offered a medical examination after the disclosure.",
        "The young person was not told what would happen after the disclosure, and withdrew their account.",
    ),
    "counselling": (
        "The young person waited eleven months for specialist counselling with no interim support.",
        "The referral was sent back twice for more information, adding weeks to the wait.",
        "Counselling stopped when the young person turned sixteen, with no plan for what came next.",
    ),
    "coercion": (
        "Risk of coercion was noted by the school but not shared with children's social care.",
        "No practitioner asked the young person directly about marriage plans.",
        "An interpreter from the family's own community was used, which may have put the young person at risk.",
    ),
    "stepdown": (
        "Step-down happened before the early help service had allocated a worker.",
        "The step-down decision was made without the school, which saw the young person every day.",
        "Risks that led to the plan were not reviewed before step-down.",
    ),
    "early_help": (
        "The GP was not told of the early help plan and was not invited to any meeting.",
        "Actions from the team around the family were not tracked to completion.",
        "Two agencies held separate plans for the same family, with different goals.",
    ),
    "pathways": (
        "The threshold for a specialist mental-health referral was unclear to staff; the pathway should be clarified.",
        "A referral to CAMHS was declined as below threshold and no other service was suggested.",
        "The young person was passed between three services before anyone offered support.",
    ),
}

# The panel's key finding per line of enquiry, as it would type it on the Key findings sheet.
KEY_FINDINGS = {
    "relationships": "Relationship-based practice was a clear strength: in every case the young person could name a trusted adult, "
                     "and practitioners persisted when families disengaged.",
    "voice": "Young people's views were recorded well, but it was often not clear how they changed the plan.",
    "trauma": "Most practice recognised trauma, but young people were still asked to retell their experiences to several services.",
    "parenting": "Parenting assessments were too often late, and their findings did not always reach the plan.",
    "disclosures": "Responses to disclosures of sexual abuse were prompt and well co-ordinated, with strategy discussions held quickly.",
    "counselling": "Access to specialist counselling was one of the two weakest areas: waits were long and interim support was rare.",
    "coercion": "Risks of coercion and honour-based abuse were usually recognised, but not always shared between agencies.",
    "stepdown": "Step-down from child protection plans was not consistently planned, and schools were often left out.",
    "early_help": "Early help lacked co-ordination, and GPs were seldom told of plans or invited to meetings.",
    "pathways": "Practitioners were unclear about mental-health thresholds, and young people were passed between services.",
}
