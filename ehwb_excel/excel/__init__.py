"""What our workbooks agree on with Excel: its limits, cell-text rules, the layout contract and the hidden metadata rows; pure (no file formats).

May import: nothing of ours.
"""
