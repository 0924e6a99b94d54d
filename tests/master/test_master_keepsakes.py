"""A master holding pivot tables or shapes is not rewritten by `ehwb merge` unless the coordinator allows it."""

import shutil
import zipfile

import pytest

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.cli.main import main
from ehwb_excel.master.keepsakes import content_openpyxl_drops
from tests.cli.test_merge_cli import folder  # noqa: F401  (the fixture: a master and a returns folder)

SHAPE = b'<xdr:wsDr xmlns:xdr="x"><xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr/></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>'
CHART_ONLY = b'<xdr:wsDr xmlns:xdr="x"><xdr:twoCellAnchor><xdr:graphicFrame/></xdr:twoCellAnchor></xdr:wsDr>'


def with_parts(path, parts: dict[str, bytes]):
    """A copy of the package at `path` with extra parts, as Excel adds them when a coordinator works."""
    copy = path.with_name("with-parts-" + path.name)
    shutil.copyfile(path, copy)
    with zipfile.ZipFile(copy, "a") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return copy


def test_a_fresh_master_has_nothing_openpyxl_would_drop(folder):
    assert content_openpyxl_drops(folder / "master.xlsx") == []


@pytest.mark.parametrize("parts, found", [
    ({"xl/pivotTables/pivotTable1.xml": b"<x/>", "xl/pivotCache/pivotCacheDefinition1.xml": b"<x/>"}, ["pivot tables"]),
    ({"xl/drawings/drawing1.xml": SHAPE}, ["shapes or text boxes"]),
    ({"xl/drawings/drawing1.xml": CHART_ONLY}, []),  # openpyxl keeps charts
    ({"xl/connections.xml": b"<x/>", "xl/slicers/slicer1.xml": b"<x/>"}, ["slicers or timelines", "Power Query connections"]),
])
def test_content_openpyxl_drops_is_named_in_the_coordinators_words(folder, parts, found):
    assert content_openpyxl_drops(with_parts(folder / "master.xlsx", parts)) == found


def test_merge_refuses_to_drop_a_pivot_table_and_leaves_the_master_unchanged(folder, capsys):
    master = folder / "master.xlsx"
    shutil.copyfile(with_parts(master, {"xl/pivotTables/pivotTable1.xml": b"<x/>"}), master)
    before = master.read_bytes()
    assert main(["merge", str(folder / "returns"), "--master", str(master)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and master.name in err[0] and "pivot tables" in err[0] and "--allow-loss" in err[0]
    assert master.read_bytes() == before


def test_allow_loss_saves_and_keeps_a_backup(folder, capsys):
    master = folder / "master.xlsx"
    shutil.copyfile(with_parts(master, {"xl/drawings/drawing1.xml": SHAPE}), master)
    before = master.read_bytes()
    main(["merge", str(folder / "returns"), "--master", str(master), "--allow-loss"])
    assert master.read_bytes() != before
    backups = list((folder / "backups").glob("*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert ret.MASTER_WOULD_LOSE.code not in capsys.readouterr().err
