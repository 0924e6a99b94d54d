"""Problems found in the report stage (codes REP_nnn)."""

from ehwb_excel.problems import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING
