"""Problems found in the definition stage (codes DEF_nnn)."""

from ehwb_excel.problems import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING
