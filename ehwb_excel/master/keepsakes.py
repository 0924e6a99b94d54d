"""What the coordinator may have added to the master that an openpyxl save would silently drop."""

from __future__ import annotations

import os
import re
import zipfile
from typing import IO

# (what the coordinator would call it, how its part is named in the package)
_DROPPED_PARTS = (
    ("pivot tables", re.compile(r"^xl/pivot(Tables|Cache)/", re.I)),
    ("slicers or timelines", re.compile(r"^xl/(slicers|slicerCaches|timelines|timelineCaches)/", re.I)),
    ("Power Query connections", re.compile(r"^xl/(connections\.xml|queryTables/)", re.I)),
    ("a data model", re.compile(r"^xl/model/", re.I)),
    ("form controls", re.compile(r"^xl/(ctrlProps|activeX)/", re.I)),
    ("macros", re.compile(r"(^|/)vbaProject\.bin$", re.I)),
    ("threaded comments", re.compile(r"^xl/threadedComments/", re.I)),
)
_SHAPE = re.compile(rb"<(\w+:)?sp[ >]")  # a drawn shape or text box in a drawing part (charts are kept)


def content_openpyxl_drops(path: str | os.PathLike | IO[bytes]) -> list[str]:
    """The kinds of content in the workbook at `path` that loading and saving with openpyxl loses.

    An empty list means an openpyxl save keeps everything the coordinator made. A file that is
    not a zip gives an empty list: opening it fails later with its own message.
    """
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            found = [what for what, pattern in _DROPPED_PARTS if any(pattern.search(n) for n in names)]
            drawings = [n for n in names if re.match(r"^xl/drawings/[^/]+\.xml$", n, re.I)]
            if any(_SHAPE.search(package.read(n)) for n in drawings):
                found.append("shapes or text boxes")
    except (zipfile.BadZipFile, OSError):
        return []
    return found
