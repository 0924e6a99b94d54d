"""Give a demo or test return the time its agency saved it: inside the workbook and on the file.

openpyxl stamps every save with the current time (docProps/core.xml, `dcterms:modified`),
so a return filled in by the demo or a test would say it was saved today. This rewrites that
one part, as Excel or LibreOffice would have written it on the agency's save, and sets the
file's modification time to match; a later copy or download changes only the latter.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from openpyxl.packaging.core import DocumentProperties
from openpyxl.xml.functions import fromstring, tostring

CORE_PART = "docProps/core.xml"
DCTERMS_MODIFIED = "{http://purl.org/dc/terms/}modified"


def set_saved_time(path: str | os.PathLike, when: datetime | None, *, file_time: bool = True) -> Path:
    """Make the workbook at `path` say it was last saved at `when` (naive: UTC); None removes the time.

    With `file_time`, the file's modification time is set to `when` too.
    """
    path = Path(path)
    moment = None if when is None else _utc(when)
    with zipfile.ZipFile(path) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            package.writestr(info, _with_modified(data, moment) if info.filename == CORE_PART else data)
    path.write_bytes(stream.getvalue())
    if file_time and moment is not None:
        stamp = moment.replace(tzinfo=timezone.utc).timestamp()
        os.utime(path, (stamp, stamp))
    return path


def _with_modified(xml: bytes, moment: datetime | None) -> bytes:
    properties = DocumentProperties.from_tree(fromstring(xml))
    properties.modified = moment or datetime.now()
    tree = properties.to_tree()
    if moment is None:  # as a writer that records no save time
        tree.remove(tree.find(DCTERMS_MODIFIED))
    return tostring(tree)


def _utc(when: datetime) -> datetime:
    """Naive UTC, as openpyxl writes the property (a naive `when` is already UTC)."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0)
