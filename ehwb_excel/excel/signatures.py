"""How a workbook file begins: a zip package (.xlsx, .xlsm) or an OLE compound file (.xls, or an encrypted .xlsx)."""

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file: .xls, encrypted OOXML
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # a zip starts with a local header (or is empty)
