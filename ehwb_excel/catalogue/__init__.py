"""The catalogue of problems, one module per stage: definition, returns, report."""

from ehwb_excel.catalogue import definition, returns, report  # noqa: F401  (registers codes)
