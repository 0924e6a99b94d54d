"""The workbook's own last-saved time, from its core properties (docProps/core.xml).

Excel and LibreOffice write `dcterms:modified` each time they save, inside the file, so it
survives what resets a file's modification time: an email attachment saved to disk, a
download, a copy. (A Google Sheets download carries none: the file's time is all there is.) The package is found through its relationships (`_rels/.rels`), as
the Open Packaging Conventions say, and its XML is parsed with defusedxml. Only a package the
intake has already accepted is read here.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from datetime import datetime, timezone

from defusedxml import ElementTree as SafeET

CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DCTERMS_MODIFIED = "{http://purl.org/dc/terms/}modified"
DEFAULT_PART = "docProps/core.xml"
PART_MAX_BYTES = 1024 * 1024  # a real core.xml is under 2 KB


def last_saved(content: bytes) -> datetime | None:
    """When the workbook in `content` was last saved, in UTC; None when it does not say (or says nonsense)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            return saved_in(package)
    except _UNREADABLE:
        return None


def saved_in(package: zipfile.ZipFile, parts: dict[str, bytes] | None = None) -> datetime | None:
    """`last_saved` for a package already open; `parts` (name -> bytes), when the package's parts were inflated
    already, are read instead of inflating the core properties again."""
    try:
        xml = _read_part(package, _core_part(package, parts), parts)
        if xml is None:
            return None
        element = SafeET.fromstring(xml).find(DCTERMS_MODIFIED)
    except _UNREADABLE:
        return None
    return w3c_datetime(element.text if element is not None else None)


# ValueError includes defusedxml's refusals (entities, DTDs); RuntimeError an encrypted entry
_UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, RuntimeError, SafeET.ParseError)


def w3c_datetime(text: str | None) -> datetime | None:
    """A W3CDTF time ('2026-03-30T09:15:00Z', with any fraction or offset) in UTC; None when not one.

    A time without an offset is taken as UTC, which is what the standard's writers mean by it.
    Python 3.11 reads 'Z' and LibreOffice's nine fraction digits.
    """
    try:
        moment = datetime.fromisoformat((text or "").strip())
        if moment.tzinfo is None:
            return moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 moved past the calendar by its offset
        return None


def _core_part(package: zipfile.ZipFile, parts: dict[str, bytes] | None = None) -> str:
    """The core properties' part name, from the package relationships; docProps/core.xml when they do not say."""
    rels = _read_part(package, "_rels/.rels", parts)
    if rels is not None:
        for relationship in SafeET.fromstring(rels).iter(RELATIONSHIPS):
            if relationship.get("Type") == CORE_PROPERTIES and relationship.get("Target"):
                return posixpath.normpath(relationship.get("Target", "").lstrip("/"))
    return DEFAULT_PART


def _read_part(package: zipfile.ZipFile, name: str, parts: dict[str, bytes] | None = None) -> bytes | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > PART_MAX_BYTES:  # the size the package declares, as before any inflating
        return None
    return parts[info.filename] if parts is not None else package.read(info)
