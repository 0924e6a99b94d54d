"""ehwb_excel: multi-agency case file audits run from Excel."""

__version__ = "0.1.0"
