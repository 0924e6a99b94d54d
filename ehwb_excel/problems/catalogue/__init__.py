"""The catalogue of problems, one module per stage: definition, returns, report, add-in, command line."""

from ehwb_excel.problems.catalogue import addin, command_line, definition, report, returns  # noqa: F401  (registers codes)
