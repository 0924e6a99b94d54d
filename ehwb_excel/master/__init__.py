"""The coordinator's master workbook on disk: read its state, merge a returns folder into it, write it safely."""
