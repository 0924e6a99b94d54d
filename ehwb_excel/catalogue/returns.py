"""Problems found in the returns stage (codes RET_nnn)."""

from ehwb_excel.problems import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING

MASTER_NOT_OURS = ProblemType(
    "RET_001", "master-not-ours", E,
    "this is not an ehwb master workbook: {why}. Give the master written by 'ehwb generate' (its file name contains 'master').",
    rejects_file=True,
)
