"""The catalogue of problems, one module per stage: definition, returns, report."""

from ehwb_excel.catalogue import definition, returns, report  # noqa: F401  (registers codes)
from ehwb_excel.catalogue import addin  # noqa: F401,E402  (the Excel add-in's own checks)
