"""The command line imports openpyxl without numpy: a fifth of `ehwb merge`'s CPU went to a library it never uses.

openpyxl imports numpy, when it is installed (pandas installs it), only to count numpy's number
types as numbers when a cell is written. Our commands never put a numpy value in a cell (their
values come from python-calamine and plain Python; pandas only reads and writes Parquet), and
openpyxl would refuse one loudly ("Cannot convert"), never write it wrong. numpy itself stays
importable: only openpyxl's own look for it, while openpyxl is first imported, is answered "not here".
"""

from __future__ import annotations

import sys

_ASKS = "openpyxl.compat.numbers"  # the openpyxl module that tries `import numpy`


class _NoNumpyForOpenpyxl:  # a meta path finder (importlib.abc is not imported: it costs more than this saves at start-up)
    def find_spec(self, name, path=None, target=None):
        if name == "numpy" and _being_imported(_ASKS):
            raise ModuleNotFoundError("numpy is not imported for openpyxl (ehwb_excel.cli.lean_imports)", name=name)
        return None


def _being_imported(module_name: str) -> bool:
    module = sys.modules.get(module_name)
    spec = getattr(module, "__spec__", None)
    return bool(getattr(spec, "_initializing", False))


def install() -> None:
    """From now on, openpyxl imported for the first time leaves numpy out (nothing changes when it is already imported)."""
    if not any(isinstance(finder, _NoNumpyForOpenpyxl) for finder in sys.meta_path):
        sys.meta_path.insert(0, _NoNumpyForOpenpyxl())
