"""Problems found in the returns stage (codes RET_nnn)."""

from ehwb_excel.problems import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING
