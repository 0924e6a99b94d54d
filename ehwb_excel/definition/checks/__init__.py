"""Checks of the definition workbook, one module per sheet plus the checks across sheets."""
