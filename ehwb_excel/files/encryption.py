"""Office's password-to-open encryption (ECMA-376 agile, as Excel writes it), in memory, with msoffcrypto-tool.

Workbooks and documents are encrypted and decrypted as bytes, so a decrypted copy never
reaches the disk. An encrypted Office file is an OLE compound file holding the encrypted
package; a plain one is a zip.
"""

from __future__ import annotations

import io
import os

from ehwb_excel.excel.signatures import OLE_SIGNATURE


class WrongPassword(Exception):
    """The password does not open the file, or the file is not an encrypted Office file (the reason is the message)."""


def is_encrypted(data: bytes) -> bool:
    """True for an OLE compound file: how Office stores an encrypted workbook or document."""
    return data.startswith(OLE_SIGNATURE)


def file_is_encrypted(path: str | os.PathLike) -> bool:
    """True when the file at `path` is an encrypted Office file (an OLE compound file)."""
    with open(path, "rb") as stream:
        return is_encrypted(stream.read(len(OLE_SIGNATURE)))


def is_encrypted_package(path: str | os.PathLike) -> bool:
    """True when the file is an encrypted Office Open XML file (an OLE file holding an 'EncryptedPackage'), not an old .xls."""
    import olefile

    try:
        with olefile.OleFileIO(os.fspath(path)) as ole:
            return bool(ole.exists("EncryptedPackage"))
    except Exception:  # not an OLE file, or a damaged one: olefile raises several kinds
        return False


def encrypt(data: bytes, password: str) -> bytes:
    """The Office file `data` (a plain .xlsx or .docx) encrypted with `password` (ECMA-376 agile, AES-256)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def decrypt(data: bytes, password: str) -> bytes:
    """The plain Office file inside the encrypted `data`; WrongPassword when `password` does not open it."""
    import msoffcrypto
    from msoffcrypto import exceptions

    try:
        office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
        office_file.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office_file.decrypt(out)
    except exceptions.InvalidKeyError:
        raise WrongPassword("the password does not open it") from None
    except Exception as error:  # a damaged or unsupported container: msoffcrypto and olefile raise many kinds
        raise WrongPassword(f"it cannot be decrypted ({type(error).__name__}: {_first_line(error)})") from None
    return out.getvalue()


def plain(data: bytes, password: str | None) -> bytes:
    """`data` as a plain Office file: decrypted with `password` when it is encrypted, as it is otherwise.

    WrongPassword when it is encrypted and `password` is None or does not open it.
    """
    if not is_encrypted(data):
        return data
    if password is None:
        raise WrongPassword("it is encrypted and no password was given")
    return decrypt(data, password)


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else ""
