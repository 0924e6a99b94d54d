"""What the EHWB Audit add-in's button imports: RunPython "import ehwb_audit; ehwb_audit.main()".

The add-in's VBA names the module after the add-in file (ehwb_audit.xlam), so this module
must be importable by the Python the add-in runs: it is installed with ehwb_excel.
"""


def main() -> None:
    """Merge the returns into the workbook open in Excel (the Merge returns button)."""
    from ehwb_excel.addin.entry import main as merge_button

    merge_button()
