"""The catalogue of problems, one module per stage: definition, returns, report, add-in."""

from ehwb_excel.problems.catalogue import addin, definition, report, returns  # noqa: F401  (registers codes)
